"""Analysts' annotations from ``content/annotations/*.yml``: read and checked, not yet attached.

Each file is a list of entries. An entry that cannot be used as written is never dropped: it
becomes an Orphan that keeps its text, and each thing wrong with it is a warning.
"""

from __future__ import annotations

import difflib
import hashlib
import re
from dataclasses import replace
from enum import Enum
from pathlib import Path
from typing import Any, TypeVar

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
_URL = re.compile(r"^https?://\S+$")
_ONLY_FOR = {
    "speaker": TargetKind.STATEMENT,
    "confirm": TargetKind.STATEMENT,
    "reject": TargetKind.STATEMENT,
    "link": TargetKind.STATEMENT,
    "title": TargetKind.CLUSTER,
    "summary": TargetKind.CLUSTER,
}
_ONLY_HINT = {
    TargetKind.STATEMENT: "statements only; name the statement with quote or id",
    TargetKind.CLUSTER: "clusters only; name the cluster with 'cluster:'",
}
_Choice = TypeVar("_Choice", bound=Enum)


def load_annotations(paths: ProjectPaths) -> tuple[list[Annotation], list[Orphan], list[Problem]]:
    """Return the usable entries of every annotation file, the unusable ones, and why."""
    annotations: list[Annotation] = []
    orphans: list[Orphan] = []
    problems: list[Problem] = []
    for path in annotation_files(paths):
        shown = paths.show(path)
        try:
            data = path.read_bytes()
        except OSError as exc:
            message = f"cannot be read ({exc.strerror or exc}); check the file's permissions"
            problems.append(warning(shown, None, message))
            orphans.append(Orphan(Origin(shown), message, ""))
            continue
        try:
            text = data.decode("utf-8")
        except UnicodeDecodeError as exc:
            message = f"not UTF-8 text ({exc.reason} at byte {exc.start}); save it as UTF-8"
            problems.append(warning(shown, None, message))
            orphans.append(Orphan(Origin(shown), message, data.decode("utf-8", "replace")))
            continue
        found = read_annotation_text(text, shown)
        annotations += found[0]
        orphans += found[1]
        problems += found[2]
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
        reader = _Reader(shown)
        annotation = reader.entry(entry, Origin(shown, line), entry_text)
        problems += reader.problems
        if annotation is None or reader.problems:
            reason = "; ".join(p.message for p in reader.problems)
            orphans.append(Orphan(Origin(shown, line), reason, entry_text, annotation))
        else:
            annotations.append(_with_unique_id(annotation, taken))
    return annotations, orphans, problems


def annotation_files(paths: ProjectPaths) -> list[Path]:
    """Return the annotation files of the project."""
    if not paths.annotations_dir.is_dir():
        return []
    return sorted(
        p for p in paths.annotations_dir.iterdir() if p.suffix in (".yml", ".yaml") and p.is_file()
    )


class _Reader:
    """Reads the entries of one file, with a warning for each value that is wrong."""

    def __init__(self, shown: str) -> None:
        self.shown = shown
        self.problems: list[Problem] = []

    def warn(self, line: int | None, message: str) -> None:
        self.problems.append(warning(self.shown, line, message))

    def entry(self, entry: Any, origin: Origin, text: str) -> Annotation | None:
        if not isinstance(entry, LineDict):
            self.warn(
                origin.line,
                f"expected a mapping with keys like quote and note, got {type_name(entry)}",
            )
            return None
        self.unknown(entry, ALLOWED_KEYS)
        target = self.target(entry, origin)
        if target is None:
            return None
        kind, selector = target
        for key, only in _ONLY_FOR.items():
            if key in entry and kind is not only:
                self.warn(entry.line_of(key), f"{key} applies to {_ONLY_HINT[only]}")
        return Annotation(
            origin=origin,
            id=_annotation_id(self.shown, selector),
            target_kind=kind,
            selector=selector,
            note=self.text(entry, "note", "text (Markdown)"),
            tags=self.tags(entry),
            verdict=self.choice(entry, "verdict", Verdict),
            evidence=self.evidence(entry),
            speaker=self.text(entry, "speaker", "a name"),
            importance=self.choice(entry, "importance", Importance),
            title=self.text(entry, "title", "text"),
            summary=self.text(entry, "summary", "text (Markdown)"),
            curations=self.curations(entry),
            text=text,
        )

    def target(self, entry: LineDict, origin: Origin) -> tuple[TargetKind, Selector] | None:
        if "cluster" in entry:
            return self.cluster(entry)
        if any(key in entry for key in ("quote", "id", "prefix", "suffix")):
            selector = self.selector(entry, "")
            return (TargetKind.STATEMENT, selector) if selector else None
        if "source" in entry:
            source = self.text(entry, "source", "a source id")
            where = Origin(self.shown, entry.line_of("source"))
            return (TargetKind.SOURCE, Selector(where, source=source)) if source else None
        self.warn(origin.line, "the entry has no target; add quote, id, source or cluster")
        return None

    def cluster(self, entry: LineDict) -> tuple[TargetKind, Selector] | None:
        value, line = entry["cluster"], entry.line_of("cluster")
        if "quote" in entry or "id" in entry:
            self.warn(
                line,
                "cluster names the target on its own; move quote and id under cluster: "
                "to name the cluster by one of its statements",
            )
            return None
        if isinstance(value, str) and value.strip():
            return TargetKind.CLUSTER, Selector(Origin(self.shown, line), cluster=value.strip())
        if isinstance(value, LineDict):
            self.unknown(value, STATEMENT_KEYS, "cluster")
            member = self.selector(value, "cluster")
            return (TargetKind.CLUSTER, member) if member else None
        self.warn(
            line,
            "cluster must be a cluster id or a mapping naming one of its statements "
            f"(quote, source, id), got {type_name(value)}",
        )
        return None

    def selector(self, mapping: LineDict, within: str) -> Selector | None:
        """Return the statement a mapping names by quote (with context) or id."""
        before = len(self.problems)
        where = f"{within}: " if within else ""
        quote = self.text(mapping, "quote", "the exact words of a statement", where)
        statement_id = self.text(mapping, "id", "a statement id", where)
        for key, side in (("prefix", "before"), ("suffix", "after")):
            if key in mapping and not quote:
                self.warn(
                    mapping.line_of(key),
                    f"{where}{key} needs a quote: it is the words just {side} the quoted ones",
                )
        if not quote and not statement_id and len(self.problems) == before:
            self.warn(mapping.line, f"{where}name a statement with quote (and source) or id")
        if len(self.problems) > before:
            return None
        return Selector(
            Origin(self.shown, mapping.line_of("quote" if quote else "id")),
            quote=quote,
            prefix=self.text(mapping, "prefix", "text", where),
            suffix=self.text(mapping, "suffix", "text", where),
            id=statement_id,
            source=self.text(mapping, "source", "a source id", where),
        )

    def curations(self, entry: LineDict) -> tuple[Curation, ...]:
        curations: list[Curation] = []
        for kind in CurationKind:
            value = entry.get(kind.value)
            if value is None:
                continue
            items = (
                zip(value, value.item_lines, strict=True)
                if isinstance(value, LineList)
                else [(value, entry.line_of(kind.value))]
            )
            for item, line in items:
                curation = self.curation(kind, item, line)
                if curation is not None:
                    curations.append(curation)
        return tuple(curations)

    def curation(self, kind: CurationKind, item: Any, line: int) -> Curation | None:
        key = kind.value
        if isinstance(item, str) and item.strip():
            return Curation(kind, Selector(Origin(self.shown, line), id=item.strip()))
        if not isinstance(item, LineDict):
            self.warn(
                line,
                f"{key} names a statement by its id or by a mapping with quote (and source), "
                f"got {type_name(item)}",
            )
            return None
        self.unknown(item, LINK_KEYS if kind is CurationKind.LINK else STATEMENT_KEYS, key)
        selector = self.selector(item, key)
        link_kind = self.choice(item, "kind", LinkKind, key)
        return Curation(kind, selector, link_kind) if selector else None

    def text(self, mapping: LineDict, key: str, what: str, where: str = "") -> str:
        value = mapping.get(key)
        if value is None:
            return ""
        if not isinstance(value, str):
            self.warn(
                mapping.line_of(key),
                f"{where}{key} must be {what}, got {type_name(value)}; put it in quotes",
            )
            return ""
        return value.strip()

    def choice(
        self, mapping: LineDict, key: str, choices: type[_Choice], within: str = ""
    ) -> _Choice | None:
        value = mapping.get(key)
        if value is None:
            return None
        allowed = [c.value for c in choices]
        if value in allowed:
            return choices(value)
        where = f"{within}: " if within else ""
        self.warn(
            mapping.line_of(key),
            f"{where}unknown {key} {value!r}; expected one of: {', '.join(allowed)}",
        )
        return None

    def tags(self, entry: LineDict) -> tuple[str, ...]:
        value = entry.get("tags")
        if value is None:
            return ()
        values = [value] if isinstance(value, str) else value
        line = entry.line_of("tags")
        if not isinstance(values, list) or not all(isinstance(t, str) for t in values):
            self.warn(line, "tags must be a list of words, e.g. [use-of-force, casualties]")
            return ()
        for tag in values:
            if not TAG.match(tag):
                self.warn(
                    line,
                    f"tag {tag!r} must be words separated by single spaces, without "
                    "< > & \" ' ` \\ { } [ ] # or commas, e.g. use-of-force",
                )
        return tuple(dict.fromkeys(values))

    def evidence(self, entry: LineDict) -> tuple[Evidence, ...]:
        value = entry.get("evidence")
        if value is None:
            return ()
        found: list[Evidence] = []
        for item in value if isinstance(value, list) else [value]:
            if isinstance(item, str) and item.strip():
                text = item.strip()
                found.append(Evidence(text, text if _URL.match(text) else ""))
            elif isinstance(item, LineDict) and ("title" in item or "url" in item):
                self.unknown(item, EVIDENCE_KEYS, "evidence")
                url = self.text(item, "url", "an address", "evidence: ")
                if url and not _URL.match(url):
                    self.warn(
                        item.line_of("url"),
                        f"evidence: url {url!r} must start with https:// or http://",
                    )
                found.append(Evidence(self.text(item, "title", "text", "evidence: ") or url, url))
            else:
                self.warn(
                    entry.line_of("evidence"),
                    "evidence must be a list of links or references, e.g. "
                    '["https://example.org/report", {title: "Transcript", url: "https://..."}]',
                )
                return ()
        return tuple(found)

    def unknown(self, mapping: LineDict, allowed: tuple[str, ...], within: str = "") -> None:
        where = f"{within}: " if within else ""
        for key in mapping:
            if key in allowed:
                continue
            close = difflib.get_close_matches(str(key), allowed, n=1, cutoff=0.75)
            hint = f" (did you mean {close[0]!r}?)" if close else ""
            self.warn(
                mapping.line_of(key),
                f"{where}unknown key {key!r}{hint}; expected one of: {', '.join(allowed)}",
            )


def _annotation_id(shown: str, selector: Selector) -> str:
    """Return an id that stays put while the note changes: a hash of file and target."""
    s = selector
    named = "\n".join((shown, s.quote, s.prefix, s.suffix, s.id, s.source, s.cluster))
    return "a-" + hashlib.blake2b(named.encode(), digest_size=4).hexdigest()


def _with_unique_id(annotation: Annotation, taken: set[str]) -> Annotation:
    wanted, number = annotation.id, 1
    while wanted in taken:
        number += 1
        wanted = f"{annotation.id}-{number}"
    taken.add(wanted)
    return annotation if wanted == annotation.id else replace(annotation, id=wanted)
