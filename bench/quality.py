"""Print how well the statement matcher agrees with hand labels of a corpus.

Usage: python bench/quality.py [--project DIR | --corpus FOLDER] [--labels FILE] [--details]
[--agreement FILE]. ``--corpus`` scores a folder of documents, made into a temporary project as
``briefing new`` would. ``--agreement`` scores a second labelling of the same corpus against
``--labels`` instead of the matcher: how far two labellers agree. Tests import ``load_labels``
and ``evaluate`` and assert floors on what ``evaluate`` returns.
"""

from __future__ import annotations

import argparse
import dataclasses
import sys
import tempfile
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

from generator.config import ProjectPaths
from generator.errors import BriefingError
from generator.model import Briefing, Link, Statement
from generator.pipeline import build_briefing
from generator.scaffold import create_project

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_LABELS = ROOT / "bench" / "data" / "kazakhstan-2022.yml"
KINDS = ("verbatim", "paraphrase", "partial")
FIELDS = ("number", "year", "date", "place", "person")
SECTIONS = ("links", "conflicts", "not_conflicts", "speakers")

Pair = frozenset[str]


class LabelError(Exception):
    """A label file that cannot be read or does not resolve against the statements."""


@dataclass(frozen=True)
class Side:
    """One labelled statement: a piece of its text in one source, on a line of the file."""

    source: str
    text: str
    line: int


@dataclass(frozen=True)
class PairLabel:
    """Two labelled statements of different sources, with what is said about them."""

    a: Side
    b: Side
    value: str
    """The link kind, or the field of a conflict."""


@dataclass(frozen=True)
class Labels:
    """Everything a label file says."""

    path: Path
    links: tuple[PairLabel, ...]
    conflicts: tuple[PairLabel, ...]
    not_conflicts: tuple[PairLabel, ...]
    speakers: tuple[tuple[Side, str | None], ...]


def load_labels(path: Path) -> Labels:
    """Return the labels of a YAML file, each side with the line it is written on."""
    try:
        text = path.read_text(encoding="utf-8")
        data = yaml.safe_load(text)
        root = yaml.compose(text, Loader=yaml.SafeLoader)
    except (OSError, yaml.YAMLError) as error:
        raise LabelError(f"{path}: cannot read labels: {error}") from error
    expected = f"expected one of: {', '.join(SECTIONS)}"
    if not isinstance(data, dict) or not isinstance(root, yaml.MappingNode):
        raise LabelError(f"{path}: expected a mapping; {expected}")
    # safe_load gives the values, the composed node tree the line each one is written on.
    nodes: dict[str, list[yaml.Node]] = {section: [] for section in SECTIONS}
    for key, value in root.value:
        if key.value not in SECTIONS:
            line = key.start_mark.line + 1
            raise LabelError(f"{path}:{line}: unknown key {key.value!r}; {expected}")
        nodes[key.value] = value.value if isinstance(value, yaml.SequenceNode) else []

    def entries(section: str) -> list[tuple[Any, yaml.Node]]:
        return list(zip(data.get(section) or [], nodes[section], strict=True))

    def side(entry: Any, node: yaml.Node, key: str | None = None) -> Side:
        line = node.start_mark.line + 1
        if key is not None and isinstance(entry, dict) and isinstance(node, yaml.MappingNode):
            entry = entry.get(key)
            line = next((v.start_mark.line + 1 for k, v in node.value if k.value == key), line)
        if not isinstance(entry, dict) or {"source", "text"} - entry.keys():
            raise LabelError(f"{path}:{line}: expected 'source' and 'text' in {key or 'entry'}")
        return Side(str(entry["source"]), str(entry["text"]), line)

    def pairs(section: str, key: str, allowed: tuple[str, ...]) -> tuple[PairLabel, ...]:
        result = []
        for entry, node in entries(section):
            a, b = side(entry, node, "a"), side(entry, node, "b")
            if entry.get(key) not in allowed:
                raise LabelError(
                    f"{path}:{a.line}: {key} is {entry.get(key)!r}; "
                    f"expected one of: {', '.join(allowed)}"
                )
            result.append(PairLabel(a, b, entry[key]))
        return tuple(result)

    speakers = []
    for entry, node in entries("speakers"):
        if not isinstance(entry, dict) or "speaker" not in entry:
            line = node.start_mark.line + 1
            raise LabelError(f"{path}:{line}: expected 'speaker' (a name or null)")
        speakers.append((side(entry, node), entry["speaker"]))
    return Labels(
        path=path,
        links=pairs("links", "kind", KINDS),
        conflicts=pairs("conflicts", "field", FIELDS),
        not_conflicts=pairs("not_conflicts", "field", FIELDS),
        speakers=tuple(speakers),
    )


def resolve_side(side: Side, statements: tuple[Statement, ...], path: Path) -> str:
    """Return the id of the one statement of the side's source that contains its text.

    When several contain it, the one whose whole text it is wins: a source may repeat a
    sentence inside a longer one, and then no piece of the shorter is unique.
    """
    own = [s for s in statements if s.source == side.source]
    if not own:
        raise LabelError(f"{path}:{side.line}: no statements of source {side.source!r}")
    hits = [s for s in own if side.text in s.text]
    exact = [s for s in hits if s.text == side.text]
    if len(hits) == 1 or len(exact) == 1:
        return (exact or hits)[0].id
    if not hits:
        raise LabelError(
            f"{path}:{side.line}: no statement of {side.source!r} contains {side.text!r}; "
            "copy the words exactly from the source"
        )
    raise LabelError(
        f"{path}:{side.line}: {len(hits)} statements of {side.source!r} contain "
        f"{side.text!r}; quote a longer piece"
    )


def _score(predicted: set[Pair], labelled: set[Pair]) -> dict[str, float]:
    correct = len(predicted & labelled)
    precision = correct / len(predicted) if predicted else 0.0
    recall = correct / len(labelled) if labelled else 0.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    counts = dict(predicted=len(predicted), labelled=len(labelled), correct=correct)
    return dict(precision=precision, recall=recall, f1=f1, **counts)


def _score_speakers(briefing: Briefing, labels: Labels) -> dict[str, Any]:
    by_id = {s.id: s for s in briefing.statements}
    errors = []
    for side, expected in labels.speakers:
        statement = by_id[resolve_side(side, briefing.statements, labels.path)]
        if statement.speaker != expected:
            errors.append(
                f"{statement.source}:{statement.text[:60]} -> {statement.speaker!r}, "
                f"expected {expected!r}"
            )
    quotes = len(labels.speakers)
    correct = quotes - len(errors)
    accuracy = correct / quotes if quotes else 0.0
    return dict(labelled=quotes, correct=correct, accuracy=accuracy, errors=errors)


def _resolve_pair(label: PairLabel, briefing: Briefing, path: Path) -> Pair:
    return frozenset(resolve_side(s, briefing.statements, path) for s in (label.a, label.b))


def evaluate(briefing: Briefing, labels: Labels) -> dict[str, Any]:
    """Return link, conflict and speaker scores of a briefing against labels."""
    by_id = {s.id: s for s in briefing.statements}

    def pair(label: PairLabel) -> Pair:
        return _resolve_pair(label, briefing, labels.path)

    def show(ids: Pair) -> str:
        ordered = sorted(ids, key=lambda i: (by_id[i].source, i))
        return " | ".join(f"{by_id[i].source}:{by_id[i].text[:60]}" for i in ordered)

    predicted: dict[Pair, Link] = {frozenset((x.source, x.target)): x for x in briefing.links}
    gold = {pair(label): label.value for label in labels.links}
    links = {"all": _score(set(predicted), set(gold))}
    for kind in KINDS:
        links[kind] = _score(
            {p for p, link in predicted.items() if link.kind.value == kind},
            {p for p, value in gold.items() if value == kind},
        )
    # A labelled conflict counts as found only on a predicted link, with the labelled field.
    conflicts = [(pair(label), label.value) for label in labels.conflicts]
    missed = [
        f"{show(p)} ({field})"
        for p, field in conflicts
        if p not in predicted or all(c.field != field for c in predicted[p].conflicts)
    ]
    wrong = [
        show(p)
        for p in map(pair, labels.not_conflicts)
        if p in predicted and predicted[p].conflicts
    ]
    return {
        "links": links,
        "conflicts": dict(
            labelled=len(conflicts),
            found=len(conflicts) - len(missed),
            missed=missed,
            not_conflicts=len(labels.not_conflicts),
            false=len(wrong),
            false_pairs=wrong,
        ),
        "speakers": _score_speakers(briefing, labels),
        "false_positives": sorted(show(p) for p in set(predicted) - set(gold)),
        "false_negatives": sorted(f"{show(p)} ({gold[p]})" for p in set(gold) - set(predicted)),
        "wrong_kind": sorted(
            f"{show(p)} ({predicted[p].kind.value}, labelled {gold[p]})"
            for p in set(predicted) & set(gold)
            if predicted[p].kind.value != gold[p]
        ),
    }


def agreement(briefing: Briefing, labels: Labels, other: Labels) -> dict[str, dict[str, float]]:
    """Return the links of a second labelling scored against ``labels``, all and by kind, as
    ``evaluate`` scores the matcher's."""

    def pairs(found: Labels, kind: str | None = None) -> set[Pair]:
        return {
            _resolve_pair(label, briefing, found.path)
            for label in found.links
            if kind is None or label.value == kind
        }

    scores = {"all": _score(pairs(other), pairs(labels))}
    for kind in KINDS:
        scores[kind] = _score(pairs(other, kind), pairs(labels, kind))
    return scores


def link_table(links: dict[str, dict[str, float]]) -> list[str]:
    """Return the rows of the table of link scores, all and by kind."""
    rows = [f"{'links':<12}{'precision':>10}{'recall':>8}{'f1':>7}{'pred':>6}{'gold':>6}{'ok':>5}"]
    for name, s in links.items():
        rows.append(
            f"{name:<12}{s['precision']:>10.3f}{s['recall']:>8.3f}{s['f1']:>7.3f}"
            f"{s['predicted']:>6}{s['labelled']:>6}{s['correct']:>5}"
        )
    return rows


def format_report(result: dict[str, Any], details: bool = False) -> str:
    """Return the scores as a small plain-text table, with the errors when asked."""
    rows = link_table(result["links"])
    c, sp = result["conflicts"], result["speakers"]
    rows.append(f"\nconflicts: found {c['found']} of {c['labelled']} labelled")
    rows.append(f"false conflicts: {c['false']} of {c['not_conflicts']} not_conflicts pairs")
    rows += [f"  missed: {m}" for m in c["missed"]]
    rows += [f"  false: {m}" for m in c["false_pairs"]]
    rows.append(f"speakers: accuracy {sp['accuracy']:.3f} ({sp['correct']} of {sp['labelled']})")
    if details:
        sections = [
            ("false positives", result["false_positives"]),
            ("false negatives", result["false_negatives"]),
            ("right pair, other kind", result["wrong_kind"]),
            ("speaker errors", sp["errors"]),
        ]
        for title, items in sections:
            rows.append(f"\n{title} ({len(items)}):")
            rows += [f"  {item}" for item in items]
    return "\n".join(rows)


def build_project(project: Path) -> Briefing:
    """Return the matcher's own briefing of a project: annotations (and their curated links)
    are left out, since they are people's corrections, not what the matcher found."""
    paths = ProjectPaths.under(project)
    return build_briefing(dataclasses.replace(paths, annotations_dir=project / ".no-annotations"))


def build_corpus(documents: Path) -> Briefing:
    """Return the briefing of a folder of documents, made into a throwaway project."""
    with tempfile.TemporaryDirectory() as folder:
        # Named after the corpus, so the project gets the title `briefing new` would give it.
        target = Path(folder) / documents.resolve().name
        create_project(target, documents)
        return build_briefing(ProjectPaths.under(target))


def main(argv: list[str] | None = None) -> int:
    """Build the project's briefing, score it against the labels and print the table."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    where = parser.add_mutually_exclusive_group()
    where.add_argument("--project", type=Path, default=ROOT, help="folder of mkdocs.yml")
    where.add_argument("--corpus", type=Path, help="folder of documents, without a project")
    parser.add_argument("--labels", type=Path, default=DEFAULT_LABELS, help="label YAML file")
    parser.add_argument("--details", action="store_true", help="list every error")
    parser.add_argument(
        "--agreement", type=Path, metavar="FILE", help="score FILE's labels, not the matcher"
    )
    args = parser.parse_args(argv)
    try:
        labels = load_labels(args.labels)
        if args.corpus is not None:
            briefing = build_corpus(args.corpus)
        else:
            briefing = build_project(args.project)
        if args.agreement is not None:
            scores = agreement(briefing, labels, load_labels(args.agreement))
            print(f"{args.agreement} against {args.labels}:")
            print("\n".join(link_table(scores)))
            return 0
        result = evaluate(briefing, labels)
    except (LabelError, BriefingError) as error:
        print(f"error: {error}", file=sys.stderr)
        return 2
    print(format_report(result, args.details))
    return 0


if __name__ == "__main__":
    sys.exit(main())
