"""W3C Web Annotation export: text-quote and text-position selectors over the source files."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from generator.cli import main
from generator.config import ProjectPaths
from generator.pipeline import build_briefing
from generator.w3c import export_w3c

WIRE = """\
Harbour pilots join the strike

Pilots at Port Arden said on Tuesday they would stop guiding ships into the harbour.

The strike has closed the port for nine days.
"""
MINISTRY = (
    "<html><head><title>Port statement</title></head><body><h1>Port statement</h1>"
    "<p>The minister <b>invited</b> both sides to talks on Monday.</p>"
    "<p>The strike has closed the port for nine days, the ministry said.</p></body></html>\n"
)
SOURCES_YML = """\
- id: wire
  file: wire.txt
  title: Harbour pilots join the strike
  outlet: Port Wire
  kind: wire agency
  published: 2024-03-12
- id: ministry
  file: ministry.html
  title: Port statement
  outlet: Ministry of Ports
  kind: official
  published: 2024-03-12
"""
NOTES = """\
- quote: would stop guiding ships
  note: The pilots' *own* words.
  tags: [pilots]
  verdict: confirmed
  importance: high
  speaker: Pilots' union
  evidence:
    - {title: Union notice, url: "https://example.org/notice"}
    - Radio Arden
- quote: invited both sides to talks
  source: ministry
  note: Only the ministry says so.
- source: wire
  note: A wire service.
- cluster:
    quote: The strike has closed the port for nine days.
    source: wire
  title: Nine days
- quote: The strike has closed the port
  source: wire
  link:
    - quote: The strike has closed the port for nine days, the ministry said.
      source: ministry
"""


@pytest.fixture
def project(make_project: Callable[..., Path]) -> Path:
    return make_project(
        {
            "content/sources/wire.txt": WIRE,
            "content/sources/ministry.html": MINISTRY,
            "content/annotations/notes.yml": NOTES,
            "site-config/sources.yml": SOURCES_YML,
        }
    )


@pytest.fixture
def collection(project: Path) -> dict[str, Any]:
    briefing = build_briefing(ProjectPaths.under(project))
    assert briefing.problems == ()
    return export_w3c(briefing)


def _items(collection: dict[str, Any]) -> list[dict[str, Any]]:
    return list(collection["first"]["items"])


def test_collection_wraps_every_annotation(collection: dict[str, Any]) -> None:
    assert {k: v for k, v in collection.items() if k != "first"} == {
        "@context": "http://www.w3.org/ns/anno.jsonld",
        "id": "annotations/",
        "type": "AnnotationCollection",
        "label": "Briefing",
        "total": 5,
    }
    assert collection["first"]["type"] == "AnnotationPage"
    assert collection["first"]["startIndex"] == 0
    assert [item["type"] for item in _items(collection)] == ["Annotation"] * 5


def test_statement_annotation_with_every_body(project: Path, collection: dict[str, Any]) -> None:
    first = _items(collection)[0]
    briefing = build_briefing(ProjectPaths.under(project))
    annotation = briefing.annotations[0]
    wire = (project / "content" / "sources" / "wire.txt").read_text(encoding="utf-8")
    start = wire.index("would stop guiding ships")
    assert first == {
        "id": f"annotations/#{annotation.id}",
        "type": "Annotation",
        "motivation": "commenting",
        "body": [
            {
                "type": "TextualBody",
                "value": "The pilots' *own* words.",
                "format": "text/markdown",
                "purpose": "commenting",
            },
            {
                "type": "TextualBody",
                "value": "pilots",
                "format": "text/plain",
                "purpose": "tagging",
            },
            {
                "type": "TextualBody",
                "value": "confirmed",
                "format": "text/plain",
                "purpose": "assessing",
            },
            {
                "type": "TextualBody",
                "value": "importance: high",
                "format": "text/plain",
                "purpose": "classifying",
            },
            {
                "type": "TextualBody",
                "value": "Pilots' union",
                "format": "text/plain",
                "purpose": "identifying",
            },
            {
                "type": "SpecificResource",
                "purpose": "linking",
                "source": "https://example.org/notice",
            },
            {
                "type": "TextualBody",
                "value": "Union notice",
                "format": "text/plain",
                "purpose": "linking",
            },
            {
                "type": "TextualBody",
                "value": "Radio Arden",
                "format": "text/plain",
                "purpose": "linking",
            },
        ],
        "target": [
            {
                "type": "SpecificResource",
                "source": {
                    "id": "content/sources/wire.txt",
                    "type": "Text",
                    "format": "text/plain",
                    "language": "en",
                },
                "scope": f"sources/wire/#{annotation.target}",
                "selector": [
                    {
                        "type": "TextQuoteSelector",
                        "exact": "would stop guiding ships",
                        "prefix": "Port Arden said on Tuesday they ",
                        "suffix": " into the harbour.\n\nThe strike h",
                    },
                    {"type": "TextPositionSelector", "start": start, "end": start + 24},
                ],
            }
        ],
    }


def test_positions_of_text_sources_are_the_exact_words(
    project: Path, collection: dict[str, Any]
) -> None:
    wire = (project / "content" / "sources" / "wire.txt").read_text(encoding="utf-8")
    quote, position = _items(collection)[0]["target"][0]["selector"]
    assert wire[position["start"] : position["end"]] == quote["exact"]
    assert wire[: position["start"]].endswith(quote["prefix"])
    assert wire[position["end"] :].startswith(quote["suffix"])


def test_positions_of_html_sources_span_the_markup(
    project: Path, collection: dict[str, Any]
) -> None:
    html = (project / "content" / "sources" / "ministry.html").read_text(encoding="utf-8")
    target = _items(collection)[1]["target"][0]
    quote, position = target["selector"]
    assert target["source"]["format"] == "text/html"
    assert quote["exact"] == "invited both sides to talks"
    assert html[position["start"] : position["end"]] == "invited</b> both sides to talks"


def test_source_cluster_and_link_targets(collection: dict[str, Any]) -> None:
    _, _, source, cluster, linked = _items(collection)
    assert source["target"] == [
        {"id": "content/sources/wire.txt", "type": "Text", "format": "text/plain", "language": "en"}
    ]
    assert [t["source"]["id"] for t in cluster["target"]] == [
        "content/sources/wire.txt",
        "content/sources/ministry.html",
    ]
    assert cluster["body"] == [
        {
            "type": "TextualBody",
            "value": "Nine days",
            "format": "text/plain",
            "purpose": "describing",
        }
    ]
    assert linked["motivation"] == "linking"
    [body] = linked["body"]
    assert body["purpose"] == "linking"
    assert body["selector"][0]["exact"] == (
        "The strike has closed the port for nine days, the ministry said."
    )


def test_site_url_makes_addresses_absolute(project: Path) -> None:
    briefing = build_briefing(ProjectPaths.under(project))
    collection = export_w3c(briefing, directory_urls=False, site_url="https://example.org/brief")
    first = collection["first"]["items"][0]
    assert collection["id"] == "https://example.org/brief/annotations.html"
    assert first["id"].startswith("https://example.org/brief/annotations.html#a-")
    assert first["target"][0]["scope"].startswith("https://example.org/brief/sources/wire.html#")


def test_cli_writes_json_ld(project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    config = project / "mkdocs.yml"
    config.write_text(
        config.read_text(encoding="utf-8") + "site_url: https://example.org/\n", encoding="utf-8"
    )
    out = project / "annotations.jsonld"
    assert main(["export", "-f", str(config), "--format", "w3c", "-o", str(out)]) == 0
    data = json.loads(out.read_text(encoding="utf-8"))
    assert data["@context"] == "http://www.w3.org/ns/anno.jsonld"
    assert data["id"] == "https://example.org/annotations/"
    assert data["total"] == 5
    assert capsys.readouterr() == ("", "")
