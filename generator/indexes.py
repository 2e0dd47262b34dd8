"""Index pages: who is quoted (speakers), who published (outlets), and when (timeline)."""

from __future__ import annotations

import datetime
from collections import defaultdict
from collections.abc import Iterable
from typing import Any

import jinja2

from generator import urls
from generator.coverage import Profile
from generator.fragments import render_markdown
from generator.model import Statement, StatementKind
from generator.overview import MATRIX_SOURCES, agreement_chart, most_shared
from generator.siteindex import Page, SiteIndex
from generator.wording import fold

TIMELINE_ITEMS = 200
"""Entries shown per date on the timeline; the rest are counted, with links to their sources."""
ITEM_VERSIONS = 12
"""Versions linked from one entry; the rest are counted (the cluster page has them all)."""


def render_speakers(env: jinja2.Environment, index: SiteIndex) -> Page:
    """Return the page of every speaker's quotes, each quote once with all its versions."""
    page = urls.SPEAKERS
    quoted: dict[str, list[Statement]] = defaultdict(list)
    for statement in index.briefing.statements:
        if statement.speaker and statement.is_content:
            quoted[statement.speaker].append(statement)
    items = {name: _items(index, page, statements) for name, statements in quoted.items()}
    names = sorted(items, key=lambda name: (-len(items[name]), name.casefold()))
    namesakes = same_surname(names)
    speakers = [
        {"name": name, "quotes": items[name], "namesakes": namesakes.get(name, [])}
        for name in names
    ]
    text, fragments = render_markdown(env.get_template("speakers.md.j2"), speakers=speakers)
    return Page(page, "Speakers", text, fragments)


def same_surname(names: list[str]) -> dict[str, list[str]]:
    """Return, for each name, the other names ending in the same word (its surname, whatever
    its accents), in the order given.

    Sources spell one person in ways an alias list has not joined yet ("Kassym-Jomart Tokayev",
    "Kasım Cömert Tokayev", "Pashinyan" for "Nikol Pashinyan"); the page points them out
    rather than join them itself, since two relatives share a surname too.
    """
    by_surname: dict[str, list[str]] = defaultdict(list)
    for name in names:
        words = fold(name).split()
        if words and len(words[-1]) > 2:
            by_surname[words[-1]].append(name)
    return {
        name: [other for other in group if other != name]
        for group in by_surname.values()
        if len(group) > 1
        for name in group
    }


def render_outlets(env: jinja2.Environment, index: SiteIndex, profiles: list[Profile]) -> Page:
    """Return the page of outlets, their sources and how much the sources agree."""
    page = urls.OUTLETS
    by_outlet: dict[str, list[dict[str, Any]]] = defaultdict(list)
    for profile in profiles:
        meta = index.sources[profile.source].meta
        by_outlet[meta.outlet].append(
            {
                "meta": meta,
                "profile": profile,
                "href": index.href(page, target=urls.source_page(meta.id)),
            }
        )
    outlets = [{"name": name, "sources": sources} for name, sources in by_outlet.items()]
    order = most_shared(profiles, MATRIX_SOURCES)
    text, fragments = render_markdown(
        env.get_template("outlets.md.j2"),
        outlets=outlets,
        agreement=agreement_chart(index, page, order),
        shown=len(order),
        more_sources=len(profiles) - len(order),
    )
    return Page(page, "Outlets", text, fragments)


def render_timeline(env: jinja2.Environment, index: SiteIndex) -> Page:
    """Return the statements by the date they were first published (undated ones last)."""
    page = urls.TIMELINE
    dated: dict[datetime.date | None, list[dict[str, Any]]] = defaultdict(list)
    for cluster in index.briefing.clusters:
        members = [index.statements[m] for m in cluster.statements]
        item = _item(index, page, members)
        dated[_first_date(index, members)].append(item)
    for statement in index.briefing.statements:
        if _is_alone(index, statement):
            dated[_first_date(index, [statement])].append(_item(index, page, [statement]))
    days = []
    for day in sorted(dated, key=lambda d: (d is None, d or datetime.date.min)):
        items = dated[day]
        published = [s for s in index.briefing.sources if s.meta.published == day]
        days.append(
            {
                "date": day.isoformat() if day else "",
                "entries": items[:TIMELINE_ITEMS],
                "more": len(items) - len(items[:TIMELINE_ITEMS]),
                "sources": [
                    {
                        "label": s.meta.label,
                        "href": index.href(page, target=urls.source_page(s.meta.id)),
                    }
                    for s in published
                ],
            }
        )
    text, fragments = render_markdown(env.get_template("timeline.md.j2"), days=days)
    return Page(page, "Timeline", text, fragments)


def _is_alone(index: SiteIndex, statement: Statement) -> bool:
    """Return whether a statement is reported by its source only (headings aside)."""
    heading = statement.kind is StatementKind.HEADING
    return statement.is_content and not heading and statement.id not in index.cluster_of


def _first_date(index: SiteIndex, statements: Iterable[Statement]) -> datetime.date | None:
    dates = [index.sources[s.source].meta.published for s in statements]
    known = [d for d in dates if d is not None]
    return min(known) if known else None


def _items(index: SiteIndex, page: str, statements: list[Statement]) -> list[dict[str, Any]]:
    """Return the statements as entries: those of one cluster together, in order of appearance."""
    groups: dict[str, list[Statement]] = defaultdict(list)
    for statement in statements:
        cluster = index.cluster_of.get(statement.id)
        groups[cluster.id if cluster else statement.id].append(statement)
    return [_item(index, page, members) for members in groups.values()]


def _item(index: SiteIndex, page: str, members: list[Statement]) -> dict[str, Any]:
    """Return one thing reported: its wording, and each source's version with its date."""
    cluster = index.cluster_of.get(members[0].id)
    shown = index.representative(cluster) if cluster else members[0]
    if shown not in members:
        shown = members[0]
    versions = []
    # One version per source: the first, when a source says it in several statements.
    firsts: dict[str, Statement] = {}
    for statement in members:
        firsts.setdefault(statement.source, statement)
    for statement in list(firsts.values())[:ITEM_VERSIONS]:
        meta = index.sources[statement.source].meta
        versions.append(
            {
                "label": meta.label,
                "date": meta.published.isoformat() if meta.published else "date unknown",
                "href": index.href(page, statement),
                "text": statement.text,
            }
        )
    return {
        "text": cluster.title if cluster and cluster.title else shown.text,
        "kind": shown.kind.value,
        "versions": versions,
        "more": len(firsts) - len(versions),
        "cluster_href": index.href(page, target=urls.cluster_page(cluster.id)) if cluster else "",
    }
