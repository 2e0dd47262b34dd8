"""Unit tests of generator.export.export_briefing on a briefing built from a tiny project."""

from __future__ import annotations

import io
import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from generator.config import ProjectPaths
from generator.export import export_briefing, export_sections, write_json
from generator.model import Briefing
from generator.pipeline import build_briefing

ALPHA = """\
Café owners cheer the Testville bridge

The mayor of Testville opened the new river bridge on Monday morning.
About 20,000 people crossed the bridge in 1992.
"""
BETA = """\
Weather stays grey across northern hills

The mayor of Testville opened the new river bridge on Monday morning.
Mayor Jane Doe said: “About 20K people crossed the bridge in 2002.”
Snow fell on the hills overnight.
"""
SOURCES_YML = """\
- id: alpha
  file: alpha.txt
  title: Café owners cheer the Testville bridge
  outlet: Alpha News
  published: 2022-01-07
- id: beta
  file: beta.txt
  title: Weather stays grey across northern hills
  outlet: Beta Post
  kind: newspaper
  notes: Collected by hand.
  url: https://example.org/beta
"""
ANNOTATIONS_YML = """\
- quote: Snow fell on the hills overnight.
  note: Not about the bridge.
  tags: [weather]
  verdict: confirmed
"""


@pytest.fixture
def project(make_project: Callable[..., Path]) -> Path:
    return make_project(
        {
            "content/sources/alpha.txt": ALPHA,
            "content/sources/beta.txt": BETA,
            "content/annotations/notes.yml": ANNOTATIONS_YML,
            "site-config/sources.yml": SOURCES_YML,
        }
    )


@pytest.fixture
def briefing(project: Path) -> Briefing:
    return build_briefing(ProjectPaths.under(project))


@pytest.fixture
def exported(briefing: Briefing) -> dict[str, Any]:
    return export_briefing(briefing)


def _by_text(exported: dict[str, Any]) -> dict[str, dict[str, Any]]:
    return {s["text"]: s for s in exported["statements"]}


def test_top_level_keys(exported: dict[str, Any]) -> None:
    assert list(exported) == [
        "title",
        "sources",
        "statements",
        "links",
        "clusters",
        "annotations",
        "orphans",
    ]
    assert exported["title"] == "Briefing"


def test_export_is_plain_json(exported: dict[str, Any]) -> None:
    assert json.loads(json.dumps(exported)) == exported


def test_sources(exported: dict[str, Any]) -> None:
    assert exported["sources"] == [
        {
            "id": "alpha",
            "title": "Café owners cheer the Testville bridge",
            "outlet": "Alpha News",
            "kind": "other",
            "path": "content/sources/alpha.txt",
            "published": "2022-01-07",
            "language": "en",
            "notes": "",
            "url": None,
        },
        {
            "id": "beta",
            "title": "Weather stays grey across northern hills",
            "outlet": "Beta Post",
            "kind": "newspaper",
            "path": "content/sources/beta.txt",
            "published": None,
            "language": "en",
            "notes": "Collected by hand.",
            "url": "https://example.org/beta",
        },
    ]


def test_statements_in_reading_order_with_kind_and_speaker(exported: dict[str, Any]) -> None:
    assert [(s["source"], s["kind"], s["speaker"], s["text"]) for s in exported["statements"]] == [
        ("alpha", "headline", None, "Café owners cheer the Testville bridge"),
        (
            "alpha",
            "body",
            None,
            "The mayor of Testville opened the new river bridge on Monday morning.",
        ),
        ("alpha", "body", None, "About 20,000 people crossed the bridge in 1992."),
        ("beta", "headline", None, "Weather stays grey across northern hills"),
        (
            "beta",
            "body",
            None,
            "The mayor of Testville opened the new river bridge on Monday morning.",
        ),
        (
            "beta",
            "quote",
            "Jane Doe",
            "Mayor Jane Doe said: “About 20K people crossed the bridge in 2002.”",
        ),
        ("beta", "body", None, "Snow fell on the hills overnight."),
    ]


def test_statement_keys(exported: dict[str, Any]) -> None:
    for statement in exported["statements"]:
        assert list(statement) == [
            "id",
            "source",
            "text",
            "start",
            "end",
            "kind",
            "speaker",
            "url",
        ]


def test_statement_start_and_end_slice_the_file(project: Path, exported: dict[str, Any]) -> None:
    files = {
        source["id"]: (project / source["path"]).read_text(encoding="utf-8")
        for source in exported["sources"]
    }
    for statement in exported["statements"]:
        assert (
            files[statement["source"]][statement["start"] : statement["end"]] == (statement["text"])
        )
    first_body = exported["statements"][1]
    assert (first_body["start"], first_body["end"]) == (40, 109)


def test_statement_url_with_directory_urls(exported: dict[str, Any]) -> None:
    for statement in exported["statements"]:
        assert statement["url"] == f"sources/{statement['source']}/#{statement['id']}"


def test_statement_url_without_directory_urls(briefing: Briefing) -> None:
    for statement in export_briefing(briefing, directory_urls=False)["statements"]:
        assert statement["url"] == f"sources/{statement['source']}.html#{statement['id']}"


def test_each_link_once_between_known_statements(exported: dict[str, Any]) -> None:
    ids = {s["id"] for s in exported["statements"]}
    pairs = [frozenset((link["from"], link["to"])) for link in exported["links"]]
    assert len(pairs) == len(set(pairs))
    for link in exported["links"]:
        assert list(link) == ["from", "to", "kind", "score", "conflicts", "curated"]
        assert {link["from"], link["to"]} <= ids


def test_links_with_kind_and_conflicts(exported: dict[str, Any]) -> None:
    by_text = _by_text(exported)
    opened = "The mayor of Testville opened the new river bridge on Monday morning."
    alpha_opened, beta_opened = (s["id"] for s in exported["statements"] if s["text"] == opened)
    crossed = by_text["About 20,000 people crossed the bridge in 1992."]["id"]
    quoted = by_text["Mayor Jane Doe said: “About 20K people crossed the bridge in 2002.”"]["id"]
    order = [s["id"] for s in exported["statements"]]
    links = sorted(exported["links"], key=lambda link: order.index(link["from"]))
    assert [(link["from"], link["to"], link["kind"], link["conflicts"]) for link in links] == [
        (alpha_opened, beta_opened, "verbatim", []),
        # The same claim; one side adds who said it, which does not make it partial.
        (crossed, quoted, "paraphrase", [{"field": "year", "from": "1992", "to": "2002"}]),
    ]
    assert links[0]["score"] == 1.0
    assert 0.42 <= links[1]["score"] < 1.0


def test_clusters_group_linked_statements(exported: dict[str, Any]) -> None:
    groups = sorted(
        (sorted(_texts(exported, c["statements"])), c["sources"]) for c in exported["clusters"]
    )
    assert groups == [
        (
            [
                "About 20,000 people crossed the bridge in 1992.",
                "Mayor Jane Doe said: “About 20K people crossed the bridge in 2002.”",
            ],
            ["alpha", "beta"],
        ),
        (
            [
                "The mayor of Testville opened the new river bridge on Monday morning.",
                "The mayor of Testville opened the new river bridge on Monday morning.",
            ],
            ["alpha", "beta"],
        ),
    ]


def test_annotations(exported: dict[str, Any]) -> None:
    snow = _by_text(exported)["Snow fell on the hills overnight."]
    assert exported["annotations"] == [
        {
            "id": exported["annotations"][0]["id"],
            "target_kind": "statement",
            "target": snow["id"],
            "selector": {
                "quote": "Snow fell on the hills overnight.",
                "prefix": "",
                "suffix": "",
                "id": "",
                "source": "",
                "cluster": "",
            },
            "anchor": {
                "statement": snow["id"],
                "text": "Snow fell on the hills overnight.",
                "start": snow["start"],
                "end": snow["end"],
                "fuzzy": False,
                "score": 1.0,
            },
            "note": "Not about the bridge.",
            "tags": ["weather"],
            "verdict": "confirmed",
            "evidence": [],
            "speaker": None,
            "importance": None,
            "title": "",
            "summary": "",
            "curations": [],
            "origin": "content/annotations/notes.yml:1",
        }
    ]
    assert exported["annotations"][0]["id"].startswith("a-")
    assert exported["orphans"] == []


def _texts(exported: dict[str, Any], ids: list[str]) -> list[str]:
    text_of = {s["id"]: s["text"] for s in exported["statements"]}
    return [text_of[statement_id] for statement_id in ids]


def test_written_export_is_the_same_document_a_line_per_item(
    briefing: Briefing, exported: dict[str, Any]
) -> None:
    out = io.StringIO()
    write_json(export_sections(briefing), out)
    text = out.getvalue()
    assert json.loads(text) == exported
    lines = text.splitlines()
    assert lines[0] == "{" and lines[-1] == "}"
    # Each statement and link on a line of its own, so the file reads (and diffs) line by line.
    for item in exported["statements"] + exported["links"]:
        assert "  " + json.dumps(item, ensure_ascii=False) in {line.rstrip(",") for line in lines}
    assert '"orphans": []' in lines


def test_written_export_of_empty_and_scalar_members() -> None:
    out = io.StringIO()
    write_json([("title", 'Quotes "and" <b>'), ("links", iter([])), ("n", [1])], out)
    assert (
        out.getvalue() == '{\n"title": "Quotes \\"and\\" <b>",\n"links": [],\n"n": [\n  1\n]\n}\n'
    )
    assert json.loads(out.getvalue()) == {"title": 'Quotes "and" <b>', "links": [], "n": [1]}
