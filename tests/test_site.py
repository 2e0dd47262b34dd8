"""Build real sites with MkDocs and the briefing plugin; assert on Markdown, HTML and search."""

from __future__ import annotations

import json
import re
import shutil
from collections.abc import Callable
from pathlib import Path

import pytest
from mkdocs.commands.build import build
from mkdocs.config import load_config
from mkdocs.exceptions import Abort

from tests.conftest import REPO

AKIM = """\
Mayor Opens New Bridge in Riverton

RIVERTON, May 3 (City Wire) - The mayor opened the new river bridge on Friday.

"This bridge joins the two halves of our city," Mayor Lena Ortiz said. "It took four years."

The bridge cost 40 million dollars.

Leave a Reply
"""
GAZETTE = """\
Riverton bridge opens after four years

Mayor Lena Ortiz opened the new river bridge on Friday.

“This bridge joins the two halves of our city,” the mayor said.

The bridge cost 45 million dollars, according to the council.

Residents crossed it on foot all afternoon.
"""
SOURCES_YML = """\
- id: wire
  file: wire.txt
  title: Mayor Opens New Bridge in Riverton
  outlet: City Wire
  kind: wire agency
  published: 2024-05-03
  language: en
- id: gazette
  file: gazette.txt
  title: Riverton bridge opens after four years
  outlet: Riverton Gazette
  kind: newspaper
  published: null
  language: en
"""


def _build(root: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.chdir(root)
    build(load_config(str(root / "mkdocs.yml"), strict=True))
    return root / "site"


@pytest.fixture
def bridge(make_project: Callable[..., Path]) -> Path:
    return make_project(
        {
            "content/sources/wire.txt": AKIM,
            "content/sources/gazette.txt": GAZETTE,
            "site-config/sources.yml": SOURCES_YML,
        }
    )


def _html(site: Path, page: str) -> str:
    return (site / page).read_text(encoding="utf-8")


def test_source_page_anchors_every_statement_and_links_counterparts(
    bridge: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    site = _build(bridge, monkeypatch)
    wire = _html(site, "sources/wire/index.html")
    gazette = _html(site, "sources/gazette/index.html")
    quote_id = re.search(
        r'<span class="bf-st bf-quote[^"]*" id="(wire-[0-9a-f]+)"[^>]*>'
        r"&#34;This bridge joins",
        wire,
    )
    assert quote_id, "the quote is anchored on the wire page"
    counterpart = re.search(r'id="(gazette-[0-9a-f]+)"[^>]*>“This bridge joins', gazette)
    assert counterpart
    # The wire quote links straight to the gazette's version, and back.
    assert f'href="../gazette/#{counterpart.group(1)}"' in wire
    assert f'href="../wire/#{quote_id.group(1)}"' in gazette
    assert 'data-speaker="Lena Ortiz"' in wire


def test_clutter_is_kept_greyed_and_not_counted(
    bridge: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    site = _build(bridge, monkeypatch)
    wire = _html(site, "sources/wire/index.html")
    clutter = re.search(r'<details class="bf-clutter">(.*?)</details>', wire, re.S)
    assert clutter and "Leave a Reply" in clutter.group(1)
    assert "bf-xref" not in clutter.group(1)


def test_cluster_page_shows_every_version(bridge: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    site = _build(bridge, monkeypatch)
    pages = sorted((site / "clusters").glob("c-*/index.html"))
    assert pages, "at least one cluster page"
    texts = [p.read_text(encoding="utf-8") for p in pages]
    bridge_cost = [t for t in texts if "40 million" in t]
    assert len(bridge_cost) == 1
    page = bridge_cost[0]
    assert "City Wire" in page and "Riverton Gazette" in page
    assert "45 million dollars" in page
    assert "number: 40 million vs 45 million" in page


def test_home_lists_sources_shared_and_unique_statements(
    bridge: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    site = _build(bridge, monkeypatch)
    home = _html(site, "index.html")
    assert '<a href="sources/wire/">City Wire</a>' in home
    assert '<a href="sources/gazette/">Riverton Gazette</a>' in home
    assert "Residents crossed it on foot all afternoon." in home  # only the gazette says it
    assert "2024-05-03" in home and "unknown" in home


def test_conflicts_page_lists_disagreement(bridge: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    site = _build(bridge, monkeypatch)
    conflicts = _html(site, "conflicts/index.html")
    assert "40 million" in conflicts and "45 million" in conflicts


def test_search_index_holds_statement_text(bridge: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    site = _build(bridge, monkeypatch)
    index = json.loads(_html(site, "search/search_index.json"))
    texts = " ".join(doc["text"] for doc in index["docs"])
    assert "Residents crossed it on foot all afternoon." in texts
    assert any(doc["location"].startswith("sources/gazette/") for doc in index["docs"])


def test_inputs_are_not_published_and_docs_folder_untouched(
    bridge: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    before = sorted(p.relative_to(bridge).as_posix() for p in (bridge / "content").rglob("*"))
    site = _build(bridge, monkeypatch)
    after = sorted(p.relative_to(bridge).as_posix() for p in (bridge / "content").rglob("*"))
    assert before == after
    assert not list(site.rglob("*.txt"))
    assert not list(site.rglob("*.yml"))


def test_source_text_is_escaped(
    make_project: Callable[..., Path], monkeypatch: pytest.MonkeyPatch
) -> None:
    hostile = (
        "Attack <script>alert(1)</script> reported in **bold** city\n\n"
        "Officials said <img src=x onerror=alert(2)> was found near "
        "[x](javascript:alert(3)) today.\n"
    )
    root = make_project({"content/sources/hostile.txt": hostile})
    monkeypatch.chdir(root)
    build(load_config(str(root / "mkdocs.yml")))  # not strict: the file has no metadata entry
    page = _html(root / "site", "sources/hostile/index.html")
    assert "<script>alert(1)" not in page
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page
    assert "<img src=x" not in page
    assert 'href="javascript:' not in page
    assert "**bold**" in page


def test_missing_metadata_fails_strict_build(
    make_project: Callable[..., Path], monkeypatch: pytest.MonkeyPatch
) -> None:
    root = make_project({"content/sources/lonely.txt": GAZETTE})
    monkeypatch.chdir(root)
    with pytest.raises(Abort):
        build(load_config(str(root / "mkdocs.yml"), strict=True))


def test_annotation_note_is_rendered_beside_statement(
    bridge: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    (bridge / "content/annotations/notes.yml").write_text(
        '- quote: "Residents crossed it on foot"\n'
        "  note: Only the *Gazette* reports this.\n"
        "  tags: [crowds]\n"
        "  verdict: unverified\n",
        encoding="utf-8",
    )
    site = _build(bridge, monkeypatch)
    gazette = _html(site, "sources/gazette/index.html")
    assert "Verdict: unverified" in gazette
    assert "Only the <em>Gazette</em> reports this." in gazette
    listing = _html(site, "annotations/index.html")
    assert "crowds" in listing and "content/annotations/notes.yml:1" in listing


def test_example_corpus_builds_strict(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    root = tmp_path / "example"
    for name in ("content", "site-config", "theme"):
        shutil.copytree(REPO / name, root / name)
    shutil.copy(REPO / "mkdocs.yml", root / "mkdocs.yml")
    site = _build(root, monkeypatch)
    for source in ("akorda", "astana-times", "tass", "crush-terrorism", "world-news-24"):
        assert (site / "sources" / source / "index.html").is_file()
    home = _html(site, "index.html")
    assert "Reported by most sources" in home
    tass = _html(site, "sources/tass/index.html")
    assert "NUR-SULTAN, January 7. /TASS/." in tass
