"""Analysts' annotations from ``content/annotations/*.yml``: read and checked, not yet attached.

Each file is a list of entries. An entry that cannot be used as written is never dropped: it
becomes an Orphan that keeps its text, and each thing wrong with it is a warning.
"""

from __future__ import annotations

import difflib
import hashlib
import re
from dataclasses import replace
from pathlib import Path
from typing import Any

from generator.config import ProjectPaths
from generator.errors import BriefingError, warning
from generator.model import (
    Annotation,
    Curation,
    CurationKind,
    Evidence,
    Importance,
    LinkKind,
    Origin,
    Orphan,
    Problem,
    Selector,
    TargetKind,
    Verdict,
)
from generator.yamlfile import LineDict, LineList, parse_yaml, type_name

TARGET_KEYS = ("quote", "prefix", "suffix", "id", "source", "cluster")
FIELD_KEYS = (
    "note",
    "tags",
    "verdict",
    "evidence",
    "speaker",
    "importance",
    "title",
    "summary",
    "confirm",
    "reject",
    "link",
)
ALLOWED_KEYS = TARGET_KEYS + FIELD_KEYS
#: Keys that name a statement inside ``cluster:``, ``confirm:``, ``reject:`` and ``link:``.
STATEMENT_KEYS = ("quote", "prefix", "suffix", "id", "source")
LINK_KEYS = (*STATEMENT_KEYS, "kind")
EVIDENCE_KEYS = ("title", "url")
#: Tags become page metadata and labels that Material shows unescaped: words, no markup.
TAG = re.compile(r"""^[^\s<>&"'`\\{}\[\]#,]+( [^\s<>&"'`\\{}\[\]#,]+)*$""")
_ONLY_FOR = {
    "speaker": TargetKind.STATEMENT,
    "confirm": TargetKind.STATEMENT,
    "reject": TargetKind.STATEMENT,
    "link": TargetKind.STATEMENT,
    "title": TargetKind.CLUSTER,
    "summary": TargetKind.CLUSTER,
}


def load_annotations(paths: ProjectPaths) -> tuple[list[Annotation], list[Orphan], list[Problem]]:
    """Return the usable entries of every annotation file, the unusable ones, and why."""
    annotations: list[Annotation] = []
    orphans: list[Orphan] = []
    problems: list[Problem] = []
    for path in annotation_files(paths):
        shown = paths.show(path)
        try:
            text = path.read_text(encoding="utf-8")
        except UnicodeDecodeError as exc:
            message = f"not UTF-8 text ({exc.reason} at byte {exc.start}); save it as UTF-8"
            problems.append(warning(shown, None, message))
            orphans.append(Orphan(Origin(shown), message, ""))
            continue
        found = read_annotation_text(text, shown)
        annotations.extend(found[0])
        orphans.extend(found[1])
        problems.extend(found[2])
    return annotations, orphans, problems


def read_annotation_text(
    text: str, shown: str
) -> tuple[list[Annotation], list[Orphan], list[Problem]]:
    """Return the entries of one annotation file's text, the unusable ones, and why."""
    try:
        data = parse_yaml(text, shown)
    except BriefingError as exc:
        unread = [warning(p.origin.path, p.origin.line, p.message) for p in exc.problems]
        return [], [Orphan(unread[0].origin, unread[0].message, text)], unread
    if data is None:
        return [], [], []
    if not isinstance(data, LineList):
        message = (
            f"expected a list of annotations, got {type_name(data)}; "
            "start each entry with '- ', e.g. '- quote: ...'"
        )
        return [], [Orphan(Origin(shown, 1), message, text)], [warning(shown, 1, message)]
    lines = text.splitlines()
    annotations: list[Annotation] = []
    orphans: list[Orphan] = []
    problems: list[Problem] = []
    taken: set[str] = set()
    for number, (entry, line) in enumerate(zip(data, data.item_lines, strict=True)):
        end = data.item_lines[number + 1] - 1 if number + 1 < len(data) else len(lines)
        entry_text = "\n".join(lines[line - 1 : max(end, line)]).rstrip() + "\n"
        origin = Origin(shown, line)
        entry_problems: list[Problem] = []
        annotation = _read_entry(entry, origin, entry_text, entry_problems)
        problems.extend(entry_problems)
        if annotation is None or entry_problems:
            reason = "; ".join(p.message for p in entry_problems)
            orphans.append(Orphan(origin, reason, entry_text, annotation))
            continue
        annotation = _with_unique_id(annotation, taken)
        annotations.append(annotation)
    return annotations, orphans, problems


def annotation_files(paths: ProjectPaths) -> list[Path]:
    """Return the annotation files of the project."""
    if not paths.annotations_dir.is_dir():
        return []
    return sorted(
        p for p in paths.annotations_dir.iterdir() if p.suffix in (".yml", ".yaml") and p.is_file()
    )


def _read_entry(
    entry: Any, origin: Origin, text: str, problems: list[Problem]
) -> Annotation | None:
    shown, line = origin.path, origin.line
    if not isinstance(entry, LineDict):
        problems.append(
            warning(
                shown,
                line,
                f"expected a mapping with keys like quote and note, got {type_name(entry)}",
            )
        )
        return None
    _reject_unknown(entry, ALLOWED_KEYS, shown, problems)
    target = _read_target(entry, origin, problems)
    if target is None:
        return None
    kind, selector = target
    for key, only in _ONLY_FOR.items():
        if key in entry and kind is not only:
            problems.append(
                warning(shown, entry.line_of(key), f"{key} applies to {_TARGET_HINT[only]}")
            )
    return Annotation(
        origin=origin,
        id=_annotation_id(shown, selector),
        target_kind=kind,
        selector=selector,
        note=_text(entry, "note", shown, problems, "text (Markdown)"),
        tags=_tags(entry, shown, problems),
        verdict=_choice(entry, "verdict", Verdict, shown, problems),
        evidence=_evidence(entry, shown, problems),
        speaker=_text(entry, "speaker", shown, problems, "a name"),
        importance=_choice(entry, "importance", Importance, shown, problems),
        title=_text(entry, "title", shown, problems, "text"),
        summary=_text(entry, "summary", shown, problems, "text (Markdown)"),
        curations=_curations(entry, shown, problems),
        text=text,
    )


_TARGET_HINT = {
    TargetKind.STATEMENT: "statements only; name the statement with quote or id",
    TargetKind.CLUSTER: "clusters only; name the cluster with 'cluster:'",
}


def _read_target(
    entry: LineDict, origin: Origin, problems: list[Problem]
) -> tuple[TargetKind, Selector] | None:
    shown = origin.path
    if "cluster" in entry:
        value = entry["cluster"]
        line = entry.line_of("cluster")
        if "quote" in entry or "id" in entry:
            problems.append(
                warning(
                    shown,
                    line,
                    "cluster names the target on its own; move quote and id under cluster: "
                    "to name the cluster by one of its statements",
                )
            )
            return None
        if isinstance(value, str) and value.strip():
            return TargetKind.CLUSTER, Selector(Origin(shown, line), cluster=value.strip())
        if isinstance(value, LineDict):
            _reject_unknown(value, STATEMENT_KEYS, shown, problems)
            member = _read_selector(value, shown, problems, "cluster")
            return (TargetKind.CLUSTER, member) if member else None
        problems.append(
            warning(
                shown,
                line,
                f"cluster must be a cluster id or a mapping naming one of its statements "
                f"(quote, source, id), got {type_name(value)}",
            )
        )
        return None
    if "quote" in entry or "id" in entry or any(k in entry for k in ("prefix", "suffix")):
        selector = _read_selector(entry, shown, problems, "")
        return (TargetKind.STATEMENT, selector) if selector else None
    if "source" in entry:
        source = _text(entry, "source", shown, problems, "a source id")
        if source:
            return TargetKind.SOURCE, Selector(
                Origin(shown, entry.line_of("source")), source=source
            )
        return None
    problems.append(
        warning(shown, origin.line, "the entry has no target; add quote, id, source or cluster")
    )
    return None


def _read_selector(
    mapping: LineDict, shown: str, problems: list[Problem], within: str
) -> Selector | None:
    """Return the statement a mapping names by quote (with context) or id."""
    before = len(problems)
    what = f"{within}: " if within else ""
    quote = _text(mapping, "quote", shown, problems, "the exact words of a statement", what)
    statement_id = _text(mapping, "id", shown, problems, "a statement id", what)
    for key in ("prefix", "suffix"):
        if key in mapping and not quote:
            problems.append(
                warning(
                    shown,
                    mapping.line_of(key),
                    f"{what}{key} needs a quote: it is the words just "
                    f"{'before' if key == 'prefix' else 'after'} the quoted ones",
                )
            )
    if not quote and not statement_id and len(problems) == before:
        problems.append(
            warning(shown, mapping.line, f"{what}name a statement with quote (and source) or id")
        )
    if len(problems) > before:
        return None
    return Selector(
        Origin(shown, mapping.line_of("quote" if quote else "id")),
        quote=quote,
        prefix=_text(mapping, "prefix", shown, problems, "text", what),
        suffix=_text(mapping, "suffix", shown, problems, "text", what),
        id=statement_id,
        source=_text(mapping, "source", shown, problems, "a source id", what),
    )


def _curations(entry: LineDict, shown: str, problems: list[Problem]) -> tuple[Curation, ...]:
    curations: list[Curation] = []
    for kind in CurationKind:
        key = kind.value
        if key not in entry:
            continue
        value = entry[key]
        items = (
            list(zip(value, value.item_lines, strict=True)) if isinstance(value, LineList) else []
        )
        if not isinstance(value, LineList):
            items = [(value, entry.line_of(key))]
        for item, line in items:
            curation = _curation(kind, item, line, shown, problems)
            if curation is not None:
                curations.append(curation)
    return tuple(curations)


def _curation(
    kind: CurationKind, item: Any, line: int, shown: str, problems: list[Problem]
) -> Curation | None:
    key = kind.value
    if isinstance(item, str) and item.strip():
        return Curation(kind, Selector(Origin(shown, line), id=item.strip()))
    if not isinstance(item, LineDict):
        problems.append(
            warning(
                shown,
                line,
                f"{key} names a statement by its id or by a mapping with quote (and source), "
                f"got {type_name(item)}",
            )
        )
        return None
    allowed = LINK_KEYS if kind is CurationKind.LINK else STATEMENT_KEYS
    _reject_unknown(item, allowed, shown, problems, within=key)
    selector = _read_selector(item, shown, problems, key)
    link_kind = _choice(item, "kind", LinkKind, shown, problems, within=key)
    return Curation(kind, selector, link_kind) if selector else None


def _text(
    mapping: LineDict,
    key: str,
    shown: str,
    problems: list[Problem],
    what: str,
    within: str = "",
) -> str:
    value = mapping.get(key)
    if value is None:
        return ""
    if not isinstance(value, str):
        problems.append(
            warning(
                shown,
                mapping.line_of(key),
                f"{within}{key} must be {what}, got {type_name(value)}; put it in quotes",
            )
        )
        return ""
    return value.strip()


def _tags(entry: LineDict, shown: str, problems: list[Problem]) -> tuple[str, ...]:
    value = entry.get("tags")
    if value is None:
        return ()
    values = [value] if isinstance(value, str) else value
    line = entry.line_of("tags")
    if not isinstance(values, list) or not all(isinstance(t, str) for t in values):
        problems.append(
            warning(shown, line, "tags must be a list of words, e.g. [use-of-force, casualties]")
        )
        return ()
    for tag in values:
        if not TAG.match(tag):
            problems.append(
                warning(
                    shown,
                    line,
                    f"tag {tag!r} must be words separated by single spaces, without "
                    "< > & \" ' ` \\ { } [ ] # or commas, e.g. use-of-force",
                )
            )
    return tuple(dict.fromkeys(values))


def _choice(
    mapping: LineDict,
    key: str,
    choices: Any,
    shown: str,
    problems: list[Problem],
    within: str = "",
) -> Any:
    value = mapping.get(key)
    if value is None:
        return None
    allowed = [c.value for c in choices]
    if value not in allowed:
        where = f"{within}: " if within else ""
        problems.append(
            warning(
                shown,
                mapping.line_of(key),
                f"{where}unknown {key} {value!r}; expected one of: {', '.join(allowed)}",
            )
        )
        return None
    return choices(value)


def _evidence(entry: LineDict, shown: str, problems: list[Problem]) -> tuple[Evidence, ...]:
    value = entry.get("evidence")
    if value is None:
        return ()
    items = value if isinstance(value, list) else [value]
    found: list[Evidence] = []
    for item in items:
        if isinstance(item, str) and item.strip():
            text = item.strip()
            found.append(Evidence(text, text if _is_url(text) else ""))
        elif isinstance(item, LineDict) and ("title" in item or "url" in item):
            _reject_unknown(item, EVIDENCE_KEYS, shown, problems, within="evidence")
            url = _text(item, "url", shown, problems, "an address", "evidence: ")
            title = _text(item, "title", shown, problems, "text", "evidence: ")
            if url and not _is_url(url):
                problems.append(
                    warning(
                        shown,
                        item.line_of("url"),
                        f"evidence: url {url!r} must start with https:// or http://",
                    )
                )
            found.append(Evidence(title or url, url))
        else:
            problems.append(
                warning(
                    shown,
                    entry.line_of("evidence"),
                    "evidence must be a list of links or references, e.g. "
                    '["https://example.org/report", {title: "Transcript", url: "https://..."}]',
                )
            )
            return ()
    return tuple(found)


def _is_url(text: str) -> bool:
    return re.match(r"^https?://\S+$", text) is not None


def _reject_unknown(
    mapping: LineDict,
    allowed: tuple[str, ...],
    shown: str,
    problems: list[Problem],
    within: str = "",
) -> None:
    where = f"{within}: " if within else ""
    for key in mapping:
        if key in allowed:
            continue
        close = difflib.get_close_matches(str(key), allowed, n=1)
        hint = f" (did you mean {close[0]!r}?)" if close else ""
        problems.append(
            warning(
                shown,
                mapping.line_of(key),
                f"{where}unknown key {key!r}{hint}; expected one of: {', '.join(allowed)}",
            )
        )


def _annotation_id(shown: str, selector: Selector) -> str:
    """Return an id that stays put while the note changes: a hash of file and target."""
    named = "\n".join(
        (shown, selector.quote, selector.prefix, selector.suffix, selector.id, selector.source)
    )
    return (
        "a-"
        + hashlib.blake2b((named + "\n" + selector.cluster).encode(), digest_size=4).hexdigest()
    )


def _with_unique_id(annotation: Annotation, taken: set[str]) -> Annotation:
    wanted, number = annotation.id, 1
    while wanted in taken:
        number += 1
        wanted = f"{annotation.id}-{number}"
    taken.add(wanted)
    return annotation if wanted == annotation.id else replace(annotation, id=wanted)
