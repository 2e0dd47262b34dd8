"""Unit tests of generator.search.index_statements on a hand-made briefing and search index."""

from __future__ import annotations

import copy
from typing import Any

from generator.model import (
    Block,
    Briefing,
    Source,
    SourceKind,
    SourceMeta,
    Statement,
    StatementKind,
)
from generator.search import index_statements

CONFIG = {
    "lang": ["en"],
    "separator": r"[\s\-]+",
    "pipeline": ["stopWordFilter"],
    "fields": {"title": {"boost": 1000.0}, "text": {"boost": 1.0}, "tags": {"boost": 1000000.0}},
}


def _source(source_id: str, outlet: str, short_name: str = "") -> Source:
    meta = SourceMeta(
        id=source_id,
        file=f"{source_id}.txt",
        title=f"{outlet} report",
        outlet=outlet,
        kind=SourceKind.NEWSPAPER,
        published=None,
        language="en",
        short_name=short_name,
    )
    return Source(
        meta=meta, path=f"content/sources/{source_id}.txt", text="", blocks=(Block(0, 0),)
    )


def _statement(
    statement_id: str, text: str, kind: StatementKind = StatementKind.BODY, speaker: str = ""
) -> Statement:
    return Statement(
        id=statement_id,
        source=statement_id.split("-")[0],
        text=text,
        kind=kind,
        block=0,
        doc_start=0,
        doc_end=len(text),
        start=0,
        end=len(text),
        speaker=speaker or None,
    )


BRIEFING = Briefing(
    title="Bridge",
    description="",
    sources=(_source("wire", "City Wire Service", "Wire"), _source("post", "Riverton Post")),
    statements=(
        _statement("wire-1", "Leave a Reply", StatementKind.BOILERPLATE),
        _statement(
            "wire-2",
            "“This bridge joins the two halves of our city,” Mayor Lena Ortiz said on Friday.",
            StatementKind.QUOTE,
            speaker="Lena Ortiz",
        ),
        _statement("wire-3", "RIVERTON, May 3", StatementKind.DATELINE),
        _statement("post-1", "Tolls <b>rise</b> & fall."),
    ),
    links=(),
    clusters=(),
)


def _index(*locations: str) -> dict[str, Any]:
    docs = [{"location": loc, "title": f"T {loc}", "text": f"X {loc}"} for loc in locations]
    return {"config": copy.deepcopy(CONFIG), "docs": docs}


def test_one_entry_per_content_statement_after_its_page() -> None:
    index = _index("", "#sources", "sources/wire/", "sources/wire/#text", "sources/post/")
    result = index_statements(index, BRIEFING, directory_urls=True)
    assert [doc["location"] for doc in result["docs"]] == [
        "",
        "#sources",
        "sources/wire/",
        "sources/wire/#text",
        "sources/wire/#wire-2",
        "sources/post/",
        "sources/post/#post-1",
    ]
    assert result["docs"][4] == {
        "location": "sources/wire/#wire-2",
        "title": "Wire: “This bridge joins the two halves of our…",
        "text": "“This bridge joins the two halves of our city,” Mayor Lena Ortiz said on Friday.",
        "attribution": "City Wire Service Wire Lena Ortiz",
        "boost": 1000.0,
    }


def test_text_and_title_are_escaped_as_the_search_index_expects() -> None:
    result = index_statements(_index("sources/post/"), BRIEFING, directory_urls=True)
    assert result["docs"][1] == {
        "location": "sources/post/#post-1",
        "title": "Riverton Post: Tolls &lt;b&gt;rise&lt;/b&gt; &amp; fall.",
        "text": "Tolls &lt;b&gt;rise&lt;/b&gt; &amp; fall.",
        "attribution": "Riverton Post",
        "boost": 1000.0,
    }


def test_statement_words_weigh_like_a_heading_and_attribution_like_text() -> None:
    result = index_statements(_index("sources/post/"), BRIEFING, directory_urls=True)
    assert result["config"]["fields"] == {
        **CONFIG["fields"],
        "attribution": {"boost": 0.001},
    }
    assert result["config"]["lang"] == ["en"]


def test_locations_follow_use_directory_urls() -> None:
    index = _index("index.html", "sources/wire.html", "sources/post.html")
    result = index_statements(index, BRIEFING, directory_urls=False)
    assert [doc["location"] for doc in result["docs"]] == [
        "index.html",
        "sources/wire.html",
        "sources/wire.html#wire-2",
        "sources/post.html",
        "sources/post.html#post-1",
    ]


def test_pages_missing_from_the_index_get_no_entries() -> None:
    index = _index("", "sources/post/")
    result = index_statements(index, BRIEFING, directory_urls=True)
    assert [doc["location"] for doc in result["docs"]] == [
        "",
        "sources/post/",
        "sources/post/#post-1",
    ]


def test_no_statement_pages_leave_the_config_alone() -> None:
    index = _index("", "#sources")
    result = index_statements(index, BRIEFING, directory_urls=True)
    assert result == index


def test_running_twice_adds_nothing_and_input_is_not_changed() -> None:
    index = _index("sources/wire/", "sources/post/")
    before = copy.deepcopy(index)
    once = index_statements(index, BRIEFING, directory_urls=True)
    assert index == before
    assert index_statements(once, BRIEFING, directory_urls=True) == once
