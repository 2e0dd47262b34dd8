"""Load source documents: read, extract text and blocks, mark site clutter, fill metadata."""

from __future__ import annotations

import datetime
import logging
import re
from collections import Counter
from dataclasses import dataclass, replace
from pathlib import Path

from generator.clutter import compile_patterns, is_pattern_clutter, mark_clutter, may_be_headline
from generator.config import ProjectPaths
from generator.decoding import check_text, read_document
from generator.errors import BriefingError, error, warning
from generator.htmltext import extract_html
from generator.markdowntext import extract_markdown
from generator.model import (
    Block,
    Origin,
    Problem,
    Settings,
    Severity,
    Source,
    SourceKind,
    SourceMeta,
)

log = logging.getLogger(__name__)

TEXT_SUFFIXES = frozenset({".txt", ".text"})
MARKDOWN_SUFFIXES = frozenset({".md", ".markdown"})
HTML_SUFFIXES = frozenset({".html", ".htm", ".xhtml"})
SOURCE_SUFFIXES = TEXT_SUFFIXES | MARKDOWN_SUFFIXES | HTML_SUFFIXES
# Files about a folder rather than documents in it.
_NOT_DOCUMENTS = frozenset({"readme", "license", "licence", "changelog"})

_BULLET = re.compile(r"^[ \t\u00a0]*(?:[•·▪◦●*]|-(?=\s)|\d{1,3}[.)](?=\s))[ \t\u00a0]*")
_SENTENCE_END = re.compile(r"[.!?…:;\"”’»)\]]\s*$")
_MONTHS = (
    "january february march april may june july august september october november december"
).split()
_DATE_PATTERNS = (
    re.compile(r"\b(?P<y>(?:19|20)\d\d)-(?P<m>\d\d)-(?P<d>\d\d)\b"),
    re.compile(r"\b(?P<mon>[A-Z][a-z]{2,8})\.? (?P<d>\d{1,2}),? (?P<y>(?:19|20)\d\d)\b"),
    re.compile(r"\b(?P<d>\d{1,2}) (?P<mon>[A-Z][a-z]{2,8})\.?,? (?P<y>(?:19|20)\d\d)\b"),
)
_AGENCY = re.compile(r"/(?P<a>[A-Z][A-Za-z]{1,15})/|\((?P<b>Reuters|AP|AFP|Xinhua|Interfax|TASS)\)")
_STOPWORDS = {
    "en": {"the", "and", "of", "to", "in", "is", "that", "for", "was", "on", "with", "said"},
    "de": {"der", "die", "und", "das", "ist", "nicht", "mit", "von", "den", "ein"},
    "fr": {"le", "la", "les", "et", "des", "est", "une", "dans", "que", "pour"},
    "es": {"el", "la", "los", "las", "y", "que", "en", "del", "por", "una"},
    "ru": {"и", "в", "не", "на", "что", "с", "по", "это", "как", "из"},
    "tr": {"ve", "bir", "bu", "da", "de", "için", "ile", "olarak", "olan", "çok"},
}


def load_sources(
    paths: ProjectPaths, metas: list[SourceMeta], settings: Settings
) -> tuple[list[Source], list[Problem]]:
    """Return every source of the project, in metadata order, and the warnings found."""
    found = _source_files(paths)
    problems = [p for p in found.problems if p.severity is Severity.WARNING]
    errors = [p for p in found.problems if p.severity is Severity.ERROR]
    by_name = {path.name: path for path in found.files}
    sources: list[Source] = []
    listed: set[str] = set()
    for meta in metas:
        listed.add(meta.file)
        path = by_name.get(meta.file)
        if path is None:
            if meta.file not in found.refused:
                errors.append(_missing_file(meta, paths))
            continue
        try:
            source, text_problems = _read_source(path, meta, settings, paths.show(path))
        except BriefingError as exc:
            errors.extend(exc.problems)
            continue
        sources.append(source)
        problems.extend(text_problems)
    taken = {meta.id for meta in metas}
    for path in found.files:
        if path.name in listed:
            continue
        try:
            source, text_problems = _read_source(path, None, settings, paths.show(path), taken)
        except BriefingError as exc:
            errors.extend(exc.problems)
            continue
        taken.add(source.meta.id)
        sources.append(source)
        problems.append(_inferred_warning(source, paths))
        problems.extend(text_problems)
    if errors:
        raise BriefingError(errors)
    return _distinct_labels(sources), problems


def _distinct_labels(sources: list[Source]) -> list[Source]:
    """Return ``sources`` with the labels that several of them share followed by each one's id:
    links, tables and menus name a source by its label ("TASS (tass-jan6)", "TASS (tass-jan7)")."""
    counts = Counter(source.meta.label for source in sources)
    return [
        source
        if counts[source.meta.label] == 1
        else replace(
            source, meta=replace(source.meta, short_name=f"{source.meta.label} ({source.meta.id})")
        )
        for source in sources
    ]


def _missing_file(meta: SourceMeta, paths: ProjectPaths) -> Problem:
    return error(
        meta.origin.path,
        meta.origin.line,
        f"source {meta.id!r} names file {meta.file!r}, which is not in "
        f"{paths.show(paths.sources_dir)}/; add the file or fix 'file'",
    )


def read_source(
    path: Path,
    meta: SourceMeta | None,
    settings: Settings,
    shown: str,
    taken_ids: set[str] | frozenset[str] = frozenset(),
) -> Source:
    """Return one source read from ``path``; infer its metadata when ``meta`` is None."""
    return _read_source(path, meta, settings, shown, taken_ids)[0]


def _read_source(
    path: Path,
    meta: SourceMeta | None,
    settings: Settings,
    shown: str,
    taken_ids: set[str] | frozenset[str] = frozenset(),
) -> tuple[Source, list[Problem]]:
    """Return one source read from ``path`` and the warnings about its text."""
    raw = read_document(path, shown)
    if not raw.strip():
        raise BriefingError.at(shown, None, "the file is empty; add the article text or remove it")
    offsets: tuple[int, ...] | None = None
    ends: tuple[int, ...] | None = None
    html_title = html_site = ""
    suffix = path.suffix.lower()
    if suffix in HTML_SUFFIXES or suffix in MARKDOWN_SUFFIXES:
        extracted = extract_html(raw) if suffix in HTML_SUFFIXES else extract_markdown(raw)
        text, blocks = extracted.text, extracted.blocks
        offsets, ends = tuple(extracted.offsets), tuple(extracted.ends)
        html_title, html_site = extracted.title, extracted.site
        if not text.strip():
            kind = "HTML page" if suffix in HTML_SUFFIXES else "Markdown file"
            raise BriefingError.at(shown, None, f"the {kind} has no visible text")
    else:
        text = raw
        blocks = _text_blocks(raw)
    text, problems = check_text(text, blocks, shown, raw, offsets)
    if meta is None:
        meta = infer_meta(path, text, blocks, settings, shown, taken_ids, html_title, html_site)
    blocks = mark_clutter(text, blocks, meta.title, settings.boilerplate)
    source = Source(
        meta=meta,
        path=shown,
        text=text,
        blocks=tuple(blocks),
        file_offsets=offsets,
        file_ends=ends,
    )
    return source, problems


def infer_meta(
    path: Path,
    text: str,
    blocks: list[Block],
    settings: Settings,
    shown: str,
    taken_ids: set[str] | frozenset[str] = frozenset(),
    html_title: str = "",
    html_site: str = "",
) -> SourceMeta:
    """Return the metadata a reader would guess from the document alone."""
    patterns = compile_patterns(settings.boilerplate)
    lines = [text[b.start : b.end].strip() for b in blocks]
    counts: dict[str, int] = {}
    for line in lines:
        counts[line] = counts.get(line, 0) + 1
    candidates = [
        line
        for line, block in zip(lines, blocks, strict=True)
        if block.hint != "boilerplate"
        and not is_pattern_clutter(line, patterns)
        and counts[line] == 1
        and len(line) <= 300
    ]
    # A headline has a handful of words; shorter lines up top are mastheads and emblems. It
    # comes before the report's first paragraph, if at all: a line further down is reporting,
    # and a text that opens with its first paragraph has no headline (the file names it).
    prose = next((i for i, line in enumerate(candidates) if len(line.split()) > 30), None)
    above = candidates[:prose]
    title = html_title or next(
        (line for line in above if len(line.split()) >= 5 and may_be_headline(line)),
        next((line for line in above if len(line.split()) >= 3 and may_be_headline(line)), ""),
    )
    head = text[:3000]
    agency = _AGENCY.search(head)
    outlet = (agency.group("a") or agency.group("b")) if agency else html_site or "Unknown outlet"
    return SourceMeta(
        id=_unique_id(_slug(path.stem), taken_ids),
        file=path.name,
        title=title or path.stem,
        outlet=outlet,
        kind=SourceKind.WIRE_AGENCY if agency else SourceKind.OTHER,
        published=_find_date(head),
        language=_guess_language(text),
        notes="metadata inferred from the text; check it",
        origin=Origin(shown),
        inferred=True,
    )


def _text_blocks(raw: str) -> list[Block]:
    blocks: list[Block] = []
    pending: Block | None = None
    position = 0
    for line in raw.splitlines(keepends=True):
        start, end = position, position + len(line.rstrip("\r\n"))
        position += len(line)
        body = raw[start:end]
        if not body.strip():
            if pending:
                blocks.append(pending)
            pending = None
            continue
        marker = _BULLET.match(body)
        hint = "item" if marker else ""
        lead = marker.end() if marker else len(body) - len(body.lstrip())
        trail = len(body) - len(body.rstrip())
        block = Block(start + lead, end - trail, hint)
        if pending and not hint and _continues(raw[pending.start : pending.end], body):
            pending = Block(pending.start, block.end, pending.hint)
            continue
        if pending:
            blocks.append(pending)
        pending = block
    if pending:
        blocks.append(pending)
    return [b for b in blocks if b.end > b.start]


def _continues(previous: str, line: str) -> bool:
    """Return whether ``line`` goes on the sentence of a hard-wrapped ``previous`` line."""
    stripped = line.lstrip()
    return bool(stripped) and stripped[0].islower() and not _SENTENCE_END.search(previous)


def _find_date(text: str) -> datetime.date | None:
    for pattern in _DATE_PATTERNS:
        for found in pattern.finditer(text):
            parts = found.groupdict()
            month = int(parts["m"]) if parts.get("m") else _month(parts.get("mon", ""))
            try:
                return datetime.date(int(parts["y"]), month, int(parts["d"]))
            except (ValueError, TypeError):
                continue
    return None


def _month(name: str) -> int:
    name = name.lower()
    for number, month in enumerate(_MONTHS, start=1):
        if len(name) >= 3 and month.startswith(name):
            return number
    return 0


def _guess_language(text: str) -> str:
    words = re.findall(r"\w+", text.lower()[:20000])
    if not words:
        return "und"
    scores = {lang: sum(w in stop for w in words) for lang, stop in _STOPWORDS.items()}
    best = max(scores, key=lambda lang: scores[lang])
    return best if scores[best] >= 0.04 * len(words) else "und"


def _slug(stem: str) -> str:
    slug = re.sub(r"[^a-z0-9]+", "-", stem.lower()).strip("-")
    return slug or "source"


def _unique_id(base: str, taken: set[str] | frozenset[str]) -> str:
    candidate, number = base, 2
    while candidate in taken:
        candidate, number = f"{base}-{number}", number + 1
    return candidate


def is_document(path: Path) -> bool:
    """Return whether ``path`` is a source document (not a README or a hidden file)."""
    return (
        path.is_file()
        and not path.name.startswith(".")
        and path.suffix.lower() in SOURCE_SUFFIXES
        and path.stem.lower() not in _NOT_DOCUMENTS
    )


@dataclass(frozen=True)
class _Found:
    """The documents of the sources folder, and what is wrong with the other files in it."""

    files: list[Path]
    problems: list[Problem]
    refused: set[str]
    """Names of documents that are there but cannot be used (reported already)."""


def _source_files(paths: ProjectPaths) -> _Found:
    if not paths.sources_dir.is_dir():
        raise BriefingError.at(
            paths.show(paths.sources_dir),
            None,
            "the sources folder does not exist; create it and put the articles in it",
        )
    found = _Found([], [], set())
    for path in sorted(paths.sources_dir.iterdir()):
        if path.name.startswith(".") or path.is_dir() or path.stem.lower() in _NOT_DOCUMENTS:
            continue
        shown = paths.show(path)
        if path.suffix.lower() not in SOURCE_SUFFIXES:
            found.problems.append(
                warning(shown, None, "ignored: not a source format; use .txt, .md or .html")
            )
            continue
        problem = why_unusable(path, paths.root)
        if problem:
            found.problems.append(error(shown, None, problem))
            found.refused.add(path.name)
            continue
        found.files.append(path)
    return found


def why_unusable(path: Path, root: Path) -> str:
    """Return why the document file ``path`` cannot be read safely, or an empty string.

    ``root`` is the folder documents may come from: a link leading out of it is refused.
    """
    if path.is_symlink():
        target = path.resolve()
        if not target.is_relative_to(root.resolve()):
            # A link would publish a file of the build machine (a key, /etc/passwd).
            return (
                f"a link to {str(target)!r}, outside {root.name or root}/; copy the document "
                "itself here instead"
            )
    if not path.is_file():
        return "not a regular file (a pipe, a device or a broken link); put the document here"
    return ""


def _inferred_warning(source: Source, paths: ProjectPaths) -> Problem:
    meta = source.meta
    date = meta.published.isoformat() if meta.published else "unknown"
    return warning(
        source.path,
        None,
        f"no entry in {paths.show(paths.config_dir / 'sources.yml')};"
        f" inferred id {meta.id!r}, title {meta.title!r}, outlet {meta.outlet!r}, "
        f"published {date}, language {meta.language!r}; add an entry there to "
        "correct it",
    )
