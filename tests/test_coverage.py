"""Unit tests of generator.coverage and generator.charts on a hand-made briefing of four sources."""

from __future__ import annotations

import pytest

from generator.charts import Axis, Label, Mark, Square, lay_out_grid, level
from generator.coverage import (
    Agreement,
    Cell,
    Coverage,
    Profile,
    agree_sources,
    cover_clusters,
    profile_sources,
)
from generator.model import (
    Block,
    Briefing,
    Cluster,
    Conflict,
    Link,
    LinkKind,
    Source,
    SourceKind,
    SourceMeta,
    Statement,
    StatementKind,
)

COST = Conflict("number", "40 million", "45 million")


def _source(source_id: str) -> Source:
    meta = SourceMeta(
        id=source_id,
        file=f"{source_id}.txt",
        title=source_id,
        outlet=source_id.upper(),
        kind=SourceKind.NEWSPAPER,
        published=None,
        language="en",
    )
    return Source(meta, f"content/sources/{source_id}.txt", "", (Block(0, 0),))


def _statement(statement_id: str, kind: StatementKind = StatementKind.BODY) -> Statement:
    source = statement_id.split("-")[0]
    return Statement(statement_id, source, f"text of {statement_id}", kind, 0, 0, 0, 0, 0)


BRIEFING = Briefing(
    title="Bridge",
    description="",
    sources=tuple(_source(s) for s in ("a", "b", "c", "d")),
    statements=(
        _statement("a-1"),
        _statement("a-2"),
        _statement("b-1"),
        _statement("b-3"),
        _statement("b-9", StatementKind.BOILERPLATE),
        _statement("c-1"),
        _statement("c-2"),
        _statement("d-2"),
        _statement("d-3", StatementKind.HEADING),
    ),
    links=(
        Link("a-1", "b-1", LinkKind.VERBATIM, 1.0),
        Link("b-1", "c-1", LinkKind.PARAPHRASE, 0.6),
        Link("a-2", "d-2", LinkKind.PARTIAL, 0.5, (COST,)),
    ),
    clusters=(
        Cluster("c-one", ("a-1", "b-1", "c-1"), ("a", "b", "c")),
        Cluster("c-two", ("a-2", "d-2"), ("a", "d")),
    ),
)


def test_cover_clusters_gives_each_source_its_closest_link() -> None:
    one, two = cover_clusters(BRIEFING)
    assert one.cells == (
        Cell("a", Coverage.VERBATIM, "a-1"),
        Cell("b", Coverage.VERBATIM, "b-1"),
        Cell("c", Coverage.PARAPHRASE, "c-1"),
    )
    assert one.cell("d") == Cell("d", Coverage.ABSENT)
    assert two.cells == (
        Cell("a", Coverage.CONFLICT, "a-2", (COST,)),
        Cell("d", Coverage.CONFLICT, "d-2", (COST,)),
    )


def test_profile_sources_shared_only_and_left_out() -> None:
    assert profile_sources(BRIEFING) == [
        Profile("a", 2, ("c-one", "c-two"), (), (), "b"),
        Profile("b", 2, ("c-one",), ("b-3",), ("c-two",), "a"),
        Profile("c", 2, ("c-one",), ("c-2",), ("c-two",), "a"),
        # A heading found nowhere else is not something only d reports.
        Profile("d", 2, ("c-two",), (), ("c-one",), "a"),
    ]


def test_profile_of_a_source_sharing_nothing() -> None:
    alone = Briefing("x", "", (_source("a"),), (_statement("a-1"),), (), ())
    assert profile_sources(alone) == [Profile("a", 1, (), ("a-1",), (), "")]


def test_agree_sources_counts_shared_statements_and_conflicts() -> None:
    assert agree_sources(BRIEFING, ["a", "b", "d"]) == [
        Agreement("a", "b", 1, 0.5, 0),
        Agreement("a", "d", 1, 0.5, 1),
        Agreement("b", "d", 0, 0.0, 0),
    ]


@pytest.mark.parametrize(
    ("share", "expected"), [(0.0, 0), (0.01, 1), (0.25, 2), (0.5, 3), (0.9, 4), (1.0, 4)]
)
def test_level(share: float, expected: int) -> None:
    assert level(share) == expected


def test_lay_out_grid_places_labels_and_squares() -> None:
    marks = [[Mark("x", "one", "1", "#a"), Mark("y", "two")]]
    chart = lay_out_grid("T", Axis(["Row"], ["r/"]), Axis(["A", "B"]), marks, cell=10)
    # Row labels need three characters of room; column labels one line.
    left = 6 + 3 * 7.2 + 6
    top = 6 + 12 + 6
    assert chart.labels == (
        Label(left - 6, top + 5 + 4, "Row", "end", 0, "r/"),
        Label(left + 5, top - 6, "A", "middle"),
        Label(left + 15, top - 6, "B", "middle"),
    )
    assert chart.squares == (
        Square(left + 1, top + 1, 8, marks[0][0]),
        Square(left + 11, top + 1, 8, marks[0][1]),
    )
    assert (chart.width, chart.height) == (round(left + 20 + 6), round(top + 10 + 6))


def test_lay_out_grid_cuts_long_labels_and_slants_columns() -> None:
    chart = lay_out_grid(
        "T", Axis(["A rather long source name"], limit=10), Axis(["Col"], slanted=True), [[]], 20
    )
    row, column = chart.labels
    assert row.text == "A rather…"
    assert (column.anchor, column.slant) == ("start", -45)
