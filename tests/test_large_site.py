"""Pages of a briefing where many sources report the same statements: they grow with the
versions, not with the links, and the navigation stays short."""

from __future__ import annotations

import json
import re
from collections.abc import Callable
from html import unescape
from pathlib import Path

import pytest
from mkdocs.commands.build import build
from mkdocs.config import load_config

from generator import rendering, siteindex
from tests.conftest import MKDOCS_YML

PORTS = ("Ashford", "Brayton", "Calder", "Dunmore", "Eastly", "Fenwick", "Garrow", "Holt")
CRANE = "Harbour officials said the new crane can lift {} tonnes of cargo."
TERMINAL = "The port will open a second terminal in March next year."


def _project(make_project: Callable[..., Path]) -> Path:
    """Eight papers report the crane, the last one with another figure, and add a line each."""
    files = {}
    entries = []
    for number, port in enumerate(PORTS):
        tonnes = 60 if port == "Holt" else 40
        own = f"{port} fishermen held a meeting about mooring fees on the {number + 2}th quay."
        files[f"content/sources/{port.lower()}.txt"] = (
            f"{port} weekly port bulletin\n\n{CRANE.format(tonnes)}\n\n{TERMINAL}\n\n{own}\n"
        )
        entries.append(
            f"- id: {port.lower()}\n  file: {port.lower()}.txt\n"
            f"  title: {port} weekly port bulletin\n  outlet: {port} Post\n"
            "  kind: newspaper\n  published: null\n  language: en\n"
        )
    files["site-config/sources.yml"] = "".join(entries)
    features = "  features: [navigation.sections, navigation.prune]\n"
    return make_project(files, MKDOCS_YML.replace("  font: false\n", "  font: false\n" + features))


@pytest.fixture
def site(make_project: Callable[..., Path], monkeypatch: pytest.MonkeyPatch) -> Path:
    # The bounds are meant for thousands of sources; here a few stand for many.
    monkeypatch.setattr(siteindex, "CROSS_LINKS", 2)
    monkeypatch.setattr(rendering, "_LINK_ROWS", 3)
    monkeypatch.setattr(rendering, "NAV_SECTION", 3)
    root = _project(make_project)
    monkeypatch.chdir(root)
    build(load_config(str(root / "mkdocs.yml"), strict=True))
    return root / "site"


def _text(page: str) -> str:
    return unescape(re.sub(r"<[^>]+>", "", page))


def _statement(page: str, words: str) -> str:
    """Return the markup of the paragraph that holds ``words``."""
    found = [b for b in re.findall(r'<div class="bf-block.*?</div>', page, re.S) if words in b]
    assert len(found) == 1, f"one paragraph holds {words!r}"
    return found[0]


def test_a_statement_shows_a_few_cross_links_the_disagreeing_one_first(site: Path) -> None:
    ashford = (site / "sources/ashford/index.html").read_text(encoding="utf-8")
    crane = _statement(ashford, "can lift 40 tonnes")
    chips = re.findall(
        r'<a class="bf-xref bf-(\w+)( bf-conflict)?[^"]*" href="([^"]+)" data-ref', crane
    )
    assert len(chips) == 2, "two cross-links, not seven"
    assert any(conflict and "../holt/#holt-" in href for _, conflict, href in chips)
    more = re.search(r'<a class="bf-xref bf-cluster" href="([^"]+)"[^>]*>\+5 more</a>', crane)
    assert more, "the five other versions are counted and lead to the cluster page"
    cluster = (site / "sources/ashford" / more.group(1) / "index.html").resolve()
    assert "Versions" in cluster.read_text(encoding="utf-8")


def test_cluster_page_lists_each_wording_once_with_its_sources(site: Path) -> None:
    pages = [p.read_text(encoding="utf-8") for p in (site / "clusters").glob("c-*/index.html")]
    [page] = [p for p in pages if "can lift" in _text(p) and "tonnes" in _text(p)]
    wordings = re.findall(r'<blockquote class="bf-wording">(.*?)</blockquote>', page)
    assert wordings == [CRANE.format(40), CRANE.format(60)], "the most used wording first"
    counts = re.findall(r'<p class="bf-count">(\d+) sources?: ', page)
    assert counts == ["7", "1"]
    # Seven papers agree, so the 40-tonne version is compared once, not seven times.
    assert page.count('<section class="bf-compare') == 1
    table = re.search(r'<table class="bf-links">(.*?)</table>', page, re.S)
    assert table and table.group(1).count("<tr>") == 1 + 3, "a header and three links"
    assert "28 links: 21 verbatim, 7 paraphrase; 7 disagree on a fact." in _text(page)
    assert "The table shows 3 of them: those that disagree on a fact, then" in _text(page)
    disagreements = re.findall(r"<td>number: (\d+) vs (\d+)</td>", table.group(1))
    assert sorted(map(sorted, disagreements)) == [["40", "60"]] * 3


def test_conflicts_page_has_one_row_per_disagreement(site: Path) -> None:
    page = (site / "conflicts/index.html").read_text(encoding="utf-8")
    rows = re.findall(r"<tr><td>.*?</tr>", page, re.S)
    assert len(rows) == 1, "seven linked pairs, one disagreement"
    text = _text(rows[0])
    assert "number: 40 (Ashford Post, Brayton Post, Calder Post, Dunmore Post, Eastly Post" in text
    assert "and 1 more) vs 60 (Holt Post)" in text
    assert "7 linked pairs" in text


def _navigation(page: str) -> str:
    nav = re.search(r'<nav class="md-nav md-nav--primary".*?</nav>\s*</div>', page, re.S)
    assert nav, "the page has the site navigation"
    return nav.group(0)


def test_navigation_puts_many_sources_in_sections(site: Path) -> None:
    nav = _navigation((site / "index.html").read_text(encoding="utf-8"))
    sections = (
        "Ashford Post … Calder Post",
        "Dunmore Post … Fenwick Post",
        "Garrow Post … Holt Post",
    )
    for name in sections:
        assert name in _text(nav)
    # Pruned: a closed section is a link to its first page, without the others.
    assert 'href="sources/ashford/"' in nav and "sources/brayton/" not in nav
    eastly = _navigation((site / "sources/eastly/index.html").read_text(encoding="utf-8"))
    assert 'href="../dunmore/"' in eastly and 'href="../fenwick/"' in eastly
    assert "../brayton/" not in eastly and "../holt/" not in eastly


def test_search_has_one_entry_for_a_wording_many_sources_share(site: Path) -> None:
    index = json.loads((site / "search/search_index.json").read_text(encoding="utf-8"))
    docs = index["docs"]
    # Entries of single statements and of shared wordings (other pages quote them too).
    statements = [d for d in docs if re.search(r"^sources/.*#|#v-", d["location"])]
    crane = [d for d in statements if "can lift 40 tonnes" in d["text"]]
    assert len(crane) == 1, "seven papers, one entry"
    [entry] = crane
    assert entry["title"] == "7 sources: Harbour officials said the new crane can lift…"
    page, anchor = entry["location"].split("#")
    assert page.startswith("clusters/c-") and anchor.startswith("v-ashford-")
    html = (site / page / "index.html").read_text(encoding="utf-8")
    assert f'<li id="{anchor}"><blockquote class="bf-wording">{CRANE.format(40)}' in html
    assert "Brayton Post" in entry["attribution"]
    # Right after its cluster page's own entries, as Material reads sections.
    position = docs.index(entry)
    assert [d["location"] for d in docs[:position] if "#" not in d["location"]][-1] == page
    # The one paper with 60 tonnes keeps an entry at its statement, as does each paper's own line.
    holt = [d for d in statements if "can lift 60 tonnes" in d["text"]]
    assert [d["location"].split("#")[0] for d in holt] == ["sources/holt/"]
    assert len([d for d in statements if "fishermen held a meeting" in d["text"]]) == len(PORTS)
    # The paragraphs themselves, cross-links and all, are not indexed again.
    assert not [d for d in docs if "Post =" in d["text"] or "+5 more" in d["text"]]
    assert len([d for d in docs if "second terminal" in d["text"]]) < len(PORTS)
