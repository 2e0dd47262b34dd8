"""Search entries for single statements, added to the index Material's search plugin wrote.

Material's search starts a result only at a heading, so a quote typed into the search box would
lead to the top of a long source page. One entry per statement, located at the statement's
anchor, lets the search open the page right at the statement. A wording that many sources share
(a wire story reprinted by hundreds of papers) has one entry instead, at its place in the list of
versions on its cluster page: one result that names the sources, and an index that stays small.
"""

from __future__ import annotations

import html
from collections.abc import Sequence
from typing import Any

from generator import urls
from generator.clusters import wording_anchor, wordings
from generator.model import Briefing, Cluster, SourceMeta, Statement

#: Extra search field: the outlet and the speaker, searchable but not shown in results.
_ATTRIBUTION = "attribution"
_TITLE_WORDS = 8
COPIES = 3
"""Sources that may share a wording before search has one entry for it, not one per source."""
_NAMED = 20
"""Outlets of a shared wording that its search entry can be found by."""


def index_statements(
    index: dict[str, Any], briefing: Briefing, directory_urls: bool
) -> dict[str, Any]:
    """Return ``index`` with one entry per content statement, after its page's own entries.

    ``index`` is the content of ``search/search_index.json``. Material's search takes an entry
    whose location has a ``#`` as a section of the entry before it without one, so statements
    of a page that is not in the index (excluded from search) are left out. Entries this
    function added before are replaced, never repeated.
    """
    config = dict(index.get("config", {}))
    fields = config.get("fields", {})
    boost = _statement_boost(fields)
    sources = {source.meta.id: source.meta for source in briefing.sources}
    added: dict[str, list[dict[str, Any]]] = {}
    shared = _shared_wordings(briefing)
    grouped = {statement.id for _, same in shared for statement in same}
    for statement in briefing.statements:
        if statement.is_content and statement.id not in grouped:
            page = urls.page_url(urls.source_page(statement.source), directory_urls)
            entry = _entry(statement, page, sources[statement.source], boost)
            added.setdefault(page, []).append(entry)
    for cluster, same in shared:
        page = urls.page_url(urls.cluster_page(cluster.id), directory_urls)
        added.setdefault(page, []).append(_wording_entry(same, page, sources, boost))
    ours = {entry["location"] for entries in added.values() for entry in entries}
    docs = [doc for doc in index.get("docs", []) if doc["location"] not in ours]
    last_of_page = {doc["location"].split("#")[0]: position for position, doc in enumerate(docs)}
    result: list[dict[str, Any]] = []
    for position, doc in enumerate(docs):
        result.append(doc)
        page = doc["location"].split("#")[0]
        if last_of_page[page] == position:
            result.extend(added.get(page, []))
    if len(result) > len(docs):
        config["fields"] = {**fields, _ATTRIBUTION: {"boost": _field_boost(fields, "text") / boost}}
    return {**index, "config": config, "docs": result}


def _statement_boost(fields: dict[str, Any]) -> float:
    """Return the weight that makes a statement's words count like a heading's.

    A statement is as specific a place as a section, and a heading's words weigh
    ``title / text`` times more than body text. Without this, a page whose title shares one word
    with the query outranks the statement that holds the whole quote, and Material folds the
    statement into "more on this page".
    """
    return _field_boost(fields, "title") / _field_boost(fields, "text")


def _field_boost(fields: dict[str, Any], name: str) -> float:
    return float(fields.get(name, {}).get("boost", 1.0)) or 1.0


def _entry(statement: Statement, page: str, source: SourceMeta, boost: float) -> dict[str, Any]:
    # The outlet's full name and the speaker: searchable, though the result shows neither.
    names = [source.outlet, source.label, statement.speaker]
    return _search_entry(f"{page}#{statement.id}", source.label, statement.text, names, boost)


def _search_entry(
    location: str, label: str, text: str, names: Sequence[str | None], boost: float
) -> dict[str, Any]:
    """Return an entry titled ``label: first words`` that finds ``text`` and ``names``."""
    words = text.split()
    first = " ".join(words[:_TITLE_WORDS]) + ("…" if len(words) > _TITLE_WORDS else "")
    return {
        "location": location,
        "title": html.escape(f"{label}: {first}", quote=False),
        "text": html.escape(" ".join(words), quote=False),
        _ATTRIBUTION: html.escape(" ".join(dict.fromkeys(n for n in names if n)), quote=False),
        "boost": boost,
    }


def _shared_wordings(briefing: Briefing) -> list[tuple[Cluster, list[Statement]]]:
    """Return the wordings that more than ``COPIES`` sources of a cluster use, with the
    statements that use them: each gets one search entry, on its cluster page, rather than
    one per source (a wire story a thousand papers reprint is one result, not a thousand)."""
    statements = {s.id: s for s in briefing.statements}
    shared = []
    for cluster in briefing.clusters:
        members = [statements[m] for m in cluster.statements if statements[m].is_content]
        for same in wordings(members):
            if len({s.source for s in same}) > COPIES:
                shared.append((cluster, same))
    return shared


def _wording_entry(
    same: list[Statement], page: str, sources: dict[str, SourceMeta], boost: float
) -> dict[str, Any]:
    count = len({s.source for s in same})
    outlets = [sources[s.source] for s in same][:_NAMED]
    names = [n for meta in outlets for n in (meta.outlet, meta.label)]
    names += sorted({s.speaker for s in same if s.speaker})
    location = f"{page}#{wording_anchor(same[0])}"
    return _search_entry(location, f"{count} sources", same[0].text, names, boost)
