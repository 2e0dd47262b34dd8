"""The annotations as W3C Web Annotations (JSON-LD), for annotation tools and archives.

Each annotation targets the source file it is about: a statement by a TextQuoteSelector (the
words as they now read, with 32 characters of context either side) and a TextPositionSelector
(start and end offsets in the file as read, in characters); a cluster by one such target per
member; a source by the file itself. Addresses in the site are relative to the site's root
unless ``site_url`` is given. Orphans have no target and are left out.
"""

from __future__ import annotations

from pathlib import PurePosixPath
from typing import Any

from generator import urls
from generator.model import (
    Annotation,
    Briefing,
    CurationKind,
    Source,
    Statement,
    TargetKind,
)

CONTEXT = "http://www.w3.org/ns/anno.jsonld"
_CONTEXT_CHARS = 32
_FORMATS = {".txt": "text/plain", ".md": "text/markdown", ".html": "text/html", ".htm": "text/html"}


def export_w3c(
    briefing: Briefing, directory_urls: bool = True, site_url: str = ""
) -> dict[str, Any]:
    """Return the annotations of the briefing as a W3C AnnotationCollection."""
    site = _Site(briefing, directory_urls, site_url)
    items = [_annotation(site, a) for a in briefing.annotations]
    return {
        "@context": CONTEXT,
        "id": site.address(urls.ANNOTATIONS),
        "type": "AnnotationCollection",
        "label": briefing.title,
        "total": len(items),
        "first": {"type": "AnnotationPage", "startIndex": 0, "items": items},
    }


class _Site:
    """Look-ups for addresses and texts, built once per export."""

    def __init__(self, briefing: Briefing, directory_urls: bool, site_url: str) -> None:
        self.briefing = briefing
        self.directory_urls = directory_urls
        self.base = site_url.rstrip("/") + "/" if site_url else ""
        self.sources = {s.meta.id: s for s in briefing.sources}
        self.statements = {s.id: s for s in briefing.statements}
        self.clusters = {c.id: c for c in briefing.clusters}

    def address(self, page: str, anchor: str = "") -> str:
        return (
            self.base + urls.page_url(page, self.directory_urls) + (f"#{anchor}" if anchor else "")
        )


def _annotation(site: _Site, annotation: Annotation) -> dict[str, Any]:
    bodies = _bodies(site, annotation)
    return {
        "id": site.address(urls.ANNOTATIONS, annotation.id),
        "type": "Annotation",
        "motivation": _motivation(annotation),
        "body": bodies,
        "target": _targets(site, annotation),
    }


def _motivation(annotation: Annotation) -> str:
    if annotation.note or annotation.summary:
        return "commenting"
    if annotation.verdict:
        return "assessing"
    if annotation.tags:
        return "tagging"
    if annotation.curations:
        return "linking"
    return "describing"


def _bodies(site: _Site, annotation: Annotation) -> list[dict[str, Any]]:
    a = annotation
    bodies: list[dict[str, Any]] = []
    if a.title:
        bodies.append(_text(a.title, "describing", "text/plain"))
    if a.summary:
        bodies.append(_text(a.summary, "describing", "text/markdown"))
    if a.note:
        bodies.append(_text(a.note, "commenting", "text/markdown"))
    bodies += [_text(tag, "tagging") for tag in a.tags]
    if a.verdict:
        bodies.append(_text(a.verdict.value, "assessing"))
    if a.importance:
        bodies.append(_text(f"importance: {a.importance.value}", "classifying"))
    if a.speaker:
        bodies.append(_text(a.speaker, "identifying"))
    for evidence in a.evidence:
        if evidence.url:
            bodies.append(
                {"type": "SpecificResource", "purpose": "linking", "source": evidence.url}
            )
        if evidence.title != evidence.url:
            bodies.append(_text(evidence.title, "linking"))
    for curation in a.curations:
        other = site.statements.get(curation.statement)
        if other is None:
            continue
        purpose = "moderating" if curation.kind is CurationKind.REJECT else "linking"
        body = _statement_target(site, other)
        bodies.append({**body, "purpose": purpose})
    return bodies


def _text(value: str, purpose: str, media: str = "text/plain") -> dict[str, Any]:
    return {"type": "TextualBody", "value": value, "format": media, "purpose": purpose}


def _targets(site: _Site, annotation: Annotation) -> list[dict[str, Any]]:
    if annotation.target_kind is TargetKind.SOURCE:
        return [_document(site.sources[annotation.target])]
    if annotation.target_kind is TargetKind.CLUSTER:
        members = site.clusters[annotation.target].statements
        return [_statement_target(site, site.statements[m]) for m in members]
    statement = site.statements[annotation.target]
    anchor = annotation.anchor
    if anchor is None:
        return [_statement_target(site, statement)]
    return [_statement_target(site, statement, anchor.start, anchor.end)]


def _statement_target(
    site: _Site, statement: Statement, start: int | None = None, end: int | None = None
) -> dict[str, Any]:
    """Return a target selecting ``start:end`` (document offsets; the statement by default)."""
    source = site.sources[statement.source]
    start = statement.doc_start if start is None else start
    end = statement.doc_end if end is None else end
    file_start, file_end = source.file_span(start, end)
    return {
        "type": "SpecificResource",
        "source": _document(source),
        "scope": site.address(urls.source_page(source.meta.id), statement.id),
        "selector": [
            {
                "type": "TextQuoteSelector",
                "exact": source.text[start:end],
                "prefix": source.text[max(start - _CONTEXT_CHARS, 0) : start],
                "suffix": source.text[end : end + _CONTEXT_CHARS],
            },
            {"type": "TextPositionSelector", "start": file_start, "end": file_end},
        ],
    }


def _document(source: Source) -> dict[str, Any]:
    """Return the source file as a web resource, named by its path in the project."""
    suffix = PurePosixPath(source.path).suffix.lower()
    return {
        "id": source.path,
        "type": "Text",
        "format": _FORMATS.get(suffix, "text/plain"),
        "language": source.meta.language,
    }
