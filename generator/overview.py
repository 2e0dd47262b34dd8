"""The pages that show the whole briefing at once: the home page and the coverage matrix.

Both stay bounded however large the corpus: the home page shows the most widely reported
statements and links to the matrix page, which itself stops at a few hundred rows.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from typing import Any

import jinja2

from generator import urls
from generator.charts import Axis, Chart, Mark, lay_out_grid, level
from generator.coverage import COVERAGE_OF_LINK, Coverage, Profile, Row, agree_sources
from generator.fragments import render_markdown
from generator.siteindex import LINK_SYMBOL, Page, SiteIndex

HOME_CLUSTERS = 15
"""Rows of the coverage matrix on the home page."""
HOME_SOURCES = 12
"""Columns of the matrix, and sources in the agreement chart, on the home page."""
MATRIX_CLUSTERS = 200
"""Rows of the full coverage matrix page."""
MATRIX_SOURCES = 40
"""Columns of the full coverage matrix page, and sources in the full agreement chart."""
HOME_SOURCE_ROWS = 25
"""Sources listed on the home page; the Outlets page lists them all."""
HOME_ONLY = 12
"""Statements listed per source under "only here" on the home page."""

COVERAGE_WORDS = {
    Coverage.VERBATIM: "reports it in the same words",
    Coverage.PARAPHRASE: "reports it in other words",
    Coverage.PARTIAL: "reports part of it",
    Coverage.CONFLICT: "reports it but disagrees on a fact",
    Coverage.ABSENT: "does not report it",
}
_COVERAGE_SHORT = {
    Coverage.VERBATIM: "same words",
    Coverage.PARAPHRASE: "other words",
    Coverage.PARTIAL: "part of it",
    Coverage.CONFLICT: "disagrees on a fact",
    Coverage.ABSENT: "not reported",
}
_COVERAGE_SYMBOL = {
    **{coverage: LINK_SYMBOL[kind] for kind, coverage in COVERAGE_OF_LINK.items()},
    Coverage.CONFLICT: "≠",
    Coverage.ABSENT: "·",
}


def render_home(
    env: jinja2.Environment, index: SiteIndex, rows: list[Row], profiles: list[Profile]
) -> Page:
    """Return the home page: facts, sources, the top of the matrix, agreement, each source."""
    page = urls.HOME
    by_source = {p.source: p for p in profiles}
    listed = most_shared(profiles, HOME_SOURCE_ROWS)
    top = rows[:HOME_CLUSTERS]
    columns = choose_columns(index, top, HOME_SOURCES)
    text, fragments = render_markdown(
        env.get_template("home.md.j2"),
        briefing=index.briefing,
        sources=[_source_row(index, page, by_source[s]) for s in listed],
        more_sources=len(profiles) - len(listed),
        matrix=matrix_view(index, page, top, columns),
        more_clusters=len(rows) - len(top),
        agreement=agreement_chart(index, page, most_shared(profiles, HOME_SOURCES)),
        facts=_facts(index),
        hrefs={
            "clusters": index.href(page, target=urls.CLUSTERS),
            "conflicts": index.href(page, target=urls.CONFLICTS),
            "coverage": index.href(page, target=urls.COVERAGE),
            "outlets": index.href(page, target=urls.OUTLETS),
        },
    )
    return Page(page, "Overview", text, fragments)


def render_coverage(env: jinja2.Environment, index: SiteIndex, rows: list[Row]) -> Page:
    """Return the full coverage matrix page, with its picture."""
    page = urls.COVERAGE
    shown = rows[:MATRIX_CLUSTERS]
    columns = choose_columns(index, shown, MATRIX_SOURCES)
    text, fragments = render_markdown(
        env.get_template("coverage.md.j2"),
        matrix=matrix_view(index, page, shown, columns),
        chart=coverage_chart(index, page, shown, columns),
        more_clusters=len(rows) - len(shown),
        more_sources=len(index.briefing.sources) - len(columns),
        hrefs={
            "clusters": index.href(page, target=urls.CLUSTERS),
            "outlets": index.href(page, target=urls.OUTLETS),
        },
    )
    return Page(page, "Coverage", text, fragments)


def choose_columns(index: SiteIndex, rows: Sequence[Row], limit: int) -> list[str]:
    """Return at most ``limit`` source ids for a matrix of ``rows``, in source order.

    When there are more sources, those reporting most of the rows are kept.
    """
    ids = list(index.sources)
    if len(ids) <= limit:
        return ids
    counts = Counter(cell.source for row in rows for cell in row.cells)
    kept = set(sorted(ids, key=lambda s: (-counts[s], index.source_order[s]))[:limit])
    return [s for s in ids if s in kept]


def matrix_view(
    index: SiteIndex, page: str, rows: Sequence[Row], columns: Sequence[str]
) -> dict[str, Any]:
    """Return the coverage matrix as the template lays it out: a row per cluster."""
    return {
        "columns": [
            {"label": index.label(s), "href": index.href(page, target=urls.source_page(s))}
            for s in columns
        ],
        "rows": [
            {
                "number": number,
                "title": index.title(row.cluster),
                "href": index.href(page, target=urls.cluster_page(row.cluster.id)),
                "sources": len(row.cluster.sources),
                "cells": [_cell_view(index, page, row, s) for s in columns],
            }
            for number, row in enumerate(rows, start=1)
        ],
        "legend": [
            {"coverage": c.value, "symbol": _COVERAGE_SYMBOL[c], "text": text}
            for c, text in _COVERAGE_SHORT.items()
        ],
    }


def _cell_view(index: SiteIndex, page: str, row: Row, source: str) -> dict[str, Any]:
    cell = row.cell(source)
    label = f"{index.label(source)} {COVERAGE_WORDS[cell.coverage]}"
    view = {"coverage": cell.coverage.value, "symbol": _COVERAGE_SYMBOL[cell.coverage]}
    if not cell.statement:
        return view | {"label": label, "title": label, "href": ""}
    statement = index.statements[cell.statement]
    facts = "; ".join(f"{c.field}: {c.left} vs {c.right}" for c in cell.conflicts)
    title = f"{label}{f' ({facts})' if facts else ''}: {statement.text}"
    return view | {"label": label, "title": title, "href": index.href(page, statement)}


def coverage_chart(
    index: SiteIndex, page: str, rows: Sequence[Row], columns: Sequence[str]
) -> Chart:
    """Return the matrix as a picture: a line of squares per source, a column per statement."""
    marks = []
    for source in columns:
        line = []
        for number, row in enumerate(rows, start=1):
            cell = row.cell(source)
            statement = index.statements.get(cell.statement)
            # The statement's words are in the table below the picture, numbered alike.
            title = f"{index.label(source)} · #{number} {COVERAGE_WORDS[cell.coverage]}"
            href = index.href(page, statement) if statement else ""
            line.append(Mark(cell.coverage.value, title, href=href))
        marks.append(line)
    numbers = [str(n) if n == 1 or n % 5 == 0 else "" for n in range(1, len(rows) + 1)]
    return lay_out_grid(
        "Which source reports which shared statement",
        Axis(
            [index.label(s) for s in columns],
            [index.href(page, target=urls.source_page(s)) for s in columns],
        ),
        Axis(numbers),
        marks,
        cell=18,
    )


def agreement_chart(index: SiteIndex, page: str, sources: Sequence[str]) -> Chart:
    """Return the chart of how many statements each pair of ``sources`` shares."""
    pairs = {(a.left, a.right): a for a in agree_sources(index.briefing, sources)}
    pairs |= {(a.right, a.left): a for a in pairs.values()}
    marks = []
    for row in sources:
        line = []
        for column in sources:
            if row == column:
                count = sum(1 for s in index.by_source[row] if s.is_content)
                line.append(Mark("self", f"{index.label(row)}: {count} statements"))
                continue
            pair = pairs[(row, column)]
            title = (
                f"{index.label(row)} and {index.label(column)}: {pair.shared} statements in "
                f"common ({pair.share:.0%} of the shorter report)"
            )
            if pair.conflicts:
                title += f"; {pair.conflicts} disagreeing on a fact"
            style = f"level-{level(pair.share)}"
            line.append(Mark(style, title, str(pair.shared), flagged=bool(pair.conflicts)))
        marks.append(line)
    labels = [index.label(s) for s in sources]
    hrefs = [index.href(page, target=urls.source_page(s)) for s in sources]
    return lay_out_grid(
        "How many statements each pair of sources has in common",
        Axis(labels, hrefs),
        Axis(labels, hrefs, slanted=True),
        marks,
        cell=48,
    )


def most_shared(profiles: list[Profile], limit: int) -> list[str]:
    """Return the ids of the ``limit`` sources sharing most statements, in source order."""
    if len(profiles) <= limit:
        return [p.source for p in profiles]
    position = {p.source: i for i, p in enumerate(profiles)}
    kept = sorted(profiles, key=lambda p: (-len(p.shared), position[p.source]))[:limit]
    return sorted((p.source for p in kept), key=position.__getitem__)


def _source_row(index: SiteIndex, page: str, profile: Profile) -> dict[str, Any]:
    """Return one source as the home page lists it: its numbers and what only it says."""
    source = index.sources[profile.source]
    source_href = index.href(page, target=urls.source_page(profile.source))
    return {
        "source": source,
        "href": source_href,
        "profile": profile,
        "closest": index.label(profile.closest) if profile.closest else "",
        "only": [
            {"statement": index.statements[s], "href": index.href(page, index.statements[s])}
            for s in profile.only[:HOME_ONLY]
        ],
        "more_only": max(0, len(profile.only) - HOME_ONLY),
        "missing": [
            index.cluster_summary(page, index.clusters[c]) for c in profile.missing[:HOME_ONLY]
        ],
    }


def _facts(index: SiteIndex) -> dict[str, int]:
    briefing = index.briefing
    content = [s for s in briefing.statements if s.is_content]
    return {
        "sources": len(briefing.sources),
        "statements": len(content),
        "shared": sum(1 for s in content if s.id in index.cluster_of),
        "clusters": len(briefing.clusters),
        "conflicts": sum(1 for link in briefing.links if link.conflicts),
        "annotations": len(briefing.annotations),
    }
