"""Analysts' annotations from ``content/annotations/*.yml``, resolved to their targets."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

from generator.config import ProjectPaths
from generator.errors import BriefingError, warning
from generator.matching import fold
from generator.model import Annotation, Cluster, Origin, Problem, Source, Statement, Verdict
from generator.yamlfile import LineDict, LineList, read_yaml, type_name

TARGET_KEYS = ("quote", "id", "source", "cluster")
FIELD_KEYS = ("note", "tags", "verdict", "evidence")
ALLOWED_KEYS = TARGET_KEYS + FIELD_KEYS


def load_annotations(
    paths: ProjectPaths,
    sources: list[Source],
    statements: list[Statement],
    clusters: list[Cluster],
) -> tuple[list[Annotation], list[Problem]]:
    """Return every annotation that resolves to a target, and a problem for each that does not."""
    annotations: list[Annotation] = []
    problems: list[Problem] = []
    if not paths.annotations_dir.is_dir():
        return annotations, problems
    for path in sorted(paths.annotations_dir.glob("*.y*ml")):
        shown = paths.show(path)
        try:
            data = read_yaml(path, shown)
        except BriefingError as exc:
            problems.extend(_as_warnings(exc))
            continue
        if data is None:
            continue
        if not isinstance(data, LineList):
            problems.append(
                warning(
                    shown,
                    1,
                    f"expected a list of annotations (entries starting "
                    f"with '- '), got {type_name(data)}",
                )
            )
            continue
        for entry, line in zip(data, data.item_lines, strict=True):
            resolved = _resolve_entry(entry, Origin(shown, line), sources, statements, clusters)
            if isinstance(resolved, Annotation):
                annotations.append(resolved)
            else:
                problems.extend(resolved)
    return annotations, problems


def _resolve_entry(
    entry: Any,
    origin: Origin,
    sources: list[Source],
    statements: list[Statement],
    clusters: list[Cluster],
) -> Annotation | list[Problem]:
    shown, line = origin.path, origin.line
    if not isinstance(entry, LineDict):
        return [
            warning(
                shown,
                line,
                f"expected a mapping with keys like quote and note, got {type_name(entry)}",
            )
        ]
    problems = [
        warning(
            shown,
            entry.line_of(key),
            f"unknown key {key!r}; expected one of: {', '.join(ALLOWED_KEYS)}",
        )
        for key in entry
        if key not in ALLOWED_KEYS
    ]
    fields = _read_fields(entry, shown, problems)
    target = _find_target(entry, shown, line, sources, statements, clusters, problems)
    if problems or target is None:
        return problems
    kind, target_id = target
    return Annotation(origin, kind, target_id, **fields)


def _read_fields(entry: LineDict, shown: str, problems: list[Problem]) -> dict[str, Any]:
    note = entry.get("note", "")
    if not isinstance(note, str):
        problems.append(warning(shown, entry.line_of("note"), "note must be text (Markdown)"))
        note = ""
    tags = entry.get("tags", [])
    if isinstance(tags, str):
        tags = [tags]
    if not isinstance(tags, list) or not all(isinstance(t, str) for t in tags):
        problems.append(
            warning(
                shown,
                entry.line_of("tags"),
                "tags must be a list of words, e.g. [use-of-force, casualties]",
            )
        )
        tags = []
    verdict = entry.get("verdict")
    allowed = [v.value for v in Verdict]
    if verdict is not None and verdict not in allowed:
        problems.append(
            warning(
                shown,
                entry.line_of("verdict"),
                f"unknown verdict {verdict!r}; expected one of: {', '.join(allowed)}",
            )
        )
        verdict = None
    evidence = entry.get("evidence", [])
    if isinstance(evidence, str):
        evidence = [evidence]
    if not isinstance(evidence, list) or not all(isinstance(e, str) for e in evidence):
        problems.append(
            warning(
                shown, entry.line_of("evidence"), "evidence must be a list of links or references"
            )
        )
        evidence = []
    return {
        "note": note.strip(),
        "tags": tuple(tags),
        "verdict": Verdict(verdict) if verdict else None,
        "evidence": tuple(evidence),
    }


def _find_target(
    entry: LineDict,
    shown: str,
    line: int | None,
    sources: list[Source],
    statements: list[Statement],
    clusters: list[Cluster],
    problems: list[Problem],
) -> tuple[str, str] | None:
    source_ids = {s.meta.id for s in sources}
    source = entry.get("source")
    if source is not None and source not in source_ids:
        problems.append(
            warning(
                shown,
                entry.line_of("source"),
                f"no source with id {source!r}; expected one of: {', '.join(sorted(source_ids))}",
            )
        )
        return None
    if "id" in entry:
        wanted = str(entry["id"])
        if any(s.id == wanted for s in statements):
            return "statement", wanted
        problems.append(
            warning(
                shown,
                entry.line_of("id"),
                f"no statement with id {wanted!r}; "
                "copy the id from the statement's anchor on its source page",
            )
        )
        return None
    if "quote" in entry:
        return _find_quote(entry, shown, statements, source, problems)
    if "cluster" in entry:
        wanted = str(entry["cluster"])
        if any(c.id == wanted for c in clusters):
            return "cluster", wanted
        problems.append(warning(shown, entry.line_of("cluster"), f"no cluster with id {wanted!r}"))
        return None
    if source is not None:
        return "source", source
    problems.append(
        warning(shown, line, "the entry has no target; add quote, id, source or cluster")
    )
    return None


def _find_quote(
    entry: LineDict,
    shown: str,
    statements: list[Statement],
    source: str | None,
    problems: list[Problem],
) -> tuple[str, str] | None:
    quote = entry["quote"]
    line = entry.line_of("quote")
    if not isinstance(quote, str) or not quote.strip():
        problems.append(warning(shown, line, "quote must be the exact words of a statement"))
        return None
    wanted = fold(quote)
    found = [
        s
        for s in statements
        if (source is None or s.source == source) and wanted and wanted in fold(s.text)
    ]
    if len(found) == 1:
        return "statement", found[0].id
    if not found:
        problems.append(
            warning(
                shown,
                line,
                f"the quote {_short(quote)!r} matches no statement"
                f"{' of ' + source if source else ''}; copy the words exactly "
                "from the source page",
            )
        )
        return None
    candidates = "; ".join(f"{s.id} ({_short(s.text)!r})" for s in found[:5])
    problems.append(
        warning(
            shown,
            line,
            f"the quote {_short(quote)!r} matches {len(found)} "
            f"statements: {candidates}; add 'source:' or use 'id:'",
        )
    )
    return None


def _short(text: str, limit: int = 60) -> str:
    text = re.sub(r"\s+", " ", text).strip()
    return text if len(text) <= limit else text[: limit - 1] + "…"


def _as_warnings(exc: BriefingError) -> list[Problem]:
    return [warning(p.origin.path, p.origin.line, p.message) for p in exc.problems]


def annotation_files(paths: ProjectPaths) -> list[Path]:
    """Return the annotation files of the project."""
    return sorted(paths.annotations_dir.glob("*.y*ml")) if paths.annotations_dir.is_dir() else []
