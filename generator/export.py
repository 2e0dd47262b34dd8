"""The whole analysis as one JSON document, for other tools."""

from __future__ import annotations

from typing import Any

from generator import urls
from generator.model import Briefing, Link


def export_briefing(briefing: Briefing, directory_urls: bool = True) -> dict[str, Any]:
    """Return the briefing as plain data: sources, statements, links, clusters, annotations."""
    return {
        "title": briefing.title,
        "sources": [
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
        ],
        "statements": [
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
        ],
        "links": [_link(link) for link in briefing.links],
        "clusters": [
            {"id": c.id, "statements": list(c.statements), "sources": list(c.sources)}
            for c in briefing.clusters
        ],
        "annotations": [
            {
                "target_kind": a.target_kind,
                "target": a.target,
                "note": a.note,
                "tags": list(a.tags),
                "verdict": a.verdict.value if a.verdict else None,
                "evidence": list(a.evidence),
                "origin": str(a.origin),
            }
            for a in briefing.annotations
        ],
    }


def _link(link: Link) -> dict[str, Any]:
    return {
        "from": link.source,
        "to": link.target,
        "kind": link.kind.value,
        "score": link.score,
        "conflicts": [{"field": c.field, "from": c.left, "to": c.right} for c in link.conflicts],
    }
