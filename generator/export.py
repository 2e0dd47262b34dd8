"""The whole analysis as one JSON document, for other tools."""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator
from typing import Any, TextIO

from generator import urls
from generator.model import Anchor, Annotation, Briefing, Link, Source


def export_briefing(briefing: Briefing, directory_urls: bool = True) -> dict[str, Any]:
    """Return the briefing as plain data: sources, statements, links, clusters, annotations."""
    return {
        key: list(value) if isinstance(value, Iterator) else value
        for key, value in export_sections(briefing, directory_urls)
    }


def export_sections(briefing: Briefing, directory_urls: bool = True) -> Iterator[tuple[str, Any]]:
    """Yield the members of the export in order, the long lists as iterators of their items,
    so that ``write_json`` never holds the whole document."""
    sources = {s.meta.id: s for s in briefing.sources}
    yield "title", briefing.title
    yield (
        "sources",
        (
            {
                "id": s.meta.id,
                "title": s.meta.title,
                "outlet": s.meta.outlet,
                "kind": s.meta.kind.value,
                "path": s.path,
                "published": s.meta.published.isoformat() if s.meta.published else None,
                "language": s.meta.language,
                "notes": s.meta.notes,
                "url": s.meta.url,
            }
            for s in briefing.sources
        ),
    )
    yield (
        "statements",
        (
            {
                "id": s.id,
                "source": s.source,
                "text": s.text,
                "start": s.start,
                "end": s.end,
                "kind": s.kind.value,
                "speaker": s.speaker,
                "url": urls.page_url(urls.source_page(s.source), directory_urls) + "#" + s.id,
            }
            for s in briefing.statements
        ),
    )
    yield "links", (_link(link) for link in briefing.links)
    yield (
        "clusters",
        (
            {
                "id": c.id,
                "statements": list(c.statements),
                "sources": list(c.sources),
                "title": c.title,
                "summary": c.summary,
            }
            for c in briefing.clusters
        ),
    )
    yield "annotations", (_annotation(a, sources) for a in briefing.annotations)
    yield (
        "orphans",
        ({"origin": str(o.origin), "reason": o.reason, "text": o.text} for o in briefing.orphans),
    )


# One encoder for every item: json.dumps with options makes a new one on each call.
_ENCODER = json.JSONEncoder(ensure_ascii=False)


def write_json(members: Iterable[tuple[str, Any]], out: TextIO) -> None:
    """Write a JSON object member by member: each member on its own line, and each item of a
    list or iterator on a line of its own, compact. The result reads line by line (grep, diff)
    and is written as it is made."""
    out.write("{")
    for number, (key, value) in enumerate(members):
        out.write(("," if number else "") + f"\n{json.dumps(key)}: ")
        if isinstance(value, list | Iterator):
            out.write("[")
            empty = True
            for item in value:
                out.write(("\n  " if empty else ",\n  ") + _ENCODER.encode(item))
                empty = False
            out.write("]" if empty else "\n]")
        else:
            out.write(_ENCODER.encode(value))
    out.write("\n}\n")


def _annotation(annotation: Annotation, sources: dict[str, Source]) -> dict[str, Any]:
    a, selector = annotation, annotation.selector
    return {
        "id": a.id,
        "target_kind": a.target_kind.value,
        "target": a.target,
        "selector": {
            "quote": selector.quote,
            "prefix": selector.prefix,
            "suffix": selector.suffix,
            "id": selector.id,
            "source": selector.source,
            "cluster": selector.cluster,
        },
        "anchor": _anchor(a.anchor, sources) if a.anchor else None,
        "note": a.note,
        "tags": list(a.tags),
        "verdict": a.verdict.value if a.verdict else None,
        "evidence": [{"title": e.title, "url": e.url or None} for e in a.evidence],
        "speaker": a.speaker or None,
        "importance": a.importance.value if a.importance else None,
        "title": a.title,
        "summary": a.summary,
        "curations": [
            {
                "action": c.kind.value,
                "statement": c.statement or None,
                "kind": c.link_kind.value if c.link_kind else None,
            }
            for c in a.curations
        ],
        "origin": str(a.origin),
    }


def _anchor(anchor: Anchor, sources: dict[str, Source]) -> dict[str, Any]:
    start, end = sources[anchor.source].file_span(anchor.start, anchor.end)
    return {
        "statement": anchor.statement,
        "text": anchor.text,
        "start": start,
        "end": end,
        "fuzzy": anchor.fuzzy,
        "score": round(anchor.score, 3),
    }


def _link(link: Link) -> dict[str, Any]:
    return {
        "from": link.source,
        "to": link.target,
        "kind": link.kind.value,
        "score": link.score,
        "conflicts": [{"field": c.field, "from": c.left, "to": c.right} for c in link.conflicts],
        "curated": link.curated,
    }
