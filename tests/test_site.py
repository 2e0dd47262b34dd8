"""Build real sites with MkDocs and the briefing plugin; assert on Markdown, HTML and search."""

from __future__ import annotations

import json
import logging
import re
import shutil
from collections.abc import Callable
from html import unescape
from pathlib import Path

import pytest
from mkdocs.commands.build import build
from mkdocs.config import load_config
from mkdocs.exceptions import Abort

from generator import indexes, overview
from tests.conftest import BRIDGE_FILES, BRIDGE_GAZETTE, MKDOCS_YML, REPO


def _build(root: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.chdir(root)
    build(load_config(str(root / "mkdocs.yml"), strict=True))
    return root / "site"


@pytest.fixture
def bridge(make_project: Callable[..., Path]) -> Path:
    return make_project(BRIDGE_FILES)


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
    clutter = re.search(r'<details class="bf-clutter"[^>]*>(.*?)</details>', wire, re.S)
    assert clutter and "Leave a Reply" in clutter.group(1)
    assert "bf-xref" not in clutter.group(1)
    lines = re.search(r"; (\d+) (lines?) of site clutter", wire)
    assert lines and (lines.group(2) == "line") == (lines.group(1) == "1")


def _text(html: str) -> str:
    """Return the text of an HTML page: tags dropped, entities decoded, spaces collapsed."""
    return " ".join(unescape(re.sub(r"<[^>]+>", "", html)).split())


def test_cluster_page_shows_every_version(bridge: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    site = _build(bridge, monkeypatch)
    pages = sorted((site / "clusters").glob("c-*/index.html"))
    assert pages, "at least one cluster page"
    texts = [p.read_text(encoding="utf-8") for p in pages]
    bridge_cost = [t for t in texts if "40 million" in _text(t)]
    assert len(bridge_cost) == 1
    page = bridge_cost[0]
    assert "City Wire" in page and "Riverton Gazette" in page
    # The versions are marked word by word, so their words are split by markup.
    assert "45 million dollars" in _text(page)
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


def test_a_quote_given_to_two_people_is_a_person_conflict(
    make_project: Callable[..., Path], monkeypatch: pytest.MonkeyPatch
) -> None:
    gazette = BRIDGE_GAZETTE.replace("the mayor said", "council leader Omar Haddad said")
    site = _build(
        make_project({**BRIDGE_FILES, "content/sources/gazette.txt": gazette}), monkeypatch
    )
    conflicts = _html(site, "conflicts/index.html")
    assert "person: Lena Ortiz (City Wire) vs Omar Haddad (Riverton Gazette)" in conflicts


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


def test_speakers_with_one_surname_are_pointed_out_until_an_alias_joins_them(
    make_project: Callable[..., Path], monkeypatch: pytest.MonkeyPatch
) -> None:
    gazette = BRIDGE_GAZETTE.replace(
        "“This bridge joins the two halves of our city,” the mayor said.",
        "“This bridge joins the two halves of our city,” said Helena Ortiz.",
    ).replace("Mayor Lena Ortiz opened", "The mayor opened")
    files = {**BRIDGE_FILES, "content/sources/gazette.txt": gazette}
    site = _build(make_project(files), monkeypatch)
    speakers = _text(_article(_html(site, "speakers/index.html")))
    assert "Lena Ortiz 2 quotes Same surname as Helena Ortiz. If they are one person" in speakers
    assert "Helena Ortiz 1 quote Same surname as Lena Ortiz." in speakers

    settings = "aliases:\n  Lena Ortiz: [Helena Ortiz]\n"
    root = make_project({**files, "site-config/settings.yml": settings})
    speakers = _text(_article(_html(_build(root, monkeypatch), "speakers/index.html")))
    assert 'Lena Ortiz 2 quotes "This bridge joins' in speakers
    assert "City WireRiverton Gazette" in speakers  # one quote, both versions
    assert "Helena Ortiz 1 quote" not in speakers and "Same surname" not in speakers


def test_same_surname_reads_through_accents_and_leaves_first_names_alone() -> None:
    names = ["Kassym-Jomart Tokayev", "Kasım Cömert Tokayev", "Pashinyan", "Nikol Pashinyan"]
    assert indexes.same_surname([*names, "Tokayev Smith", "Li", "Wang Li"]) == {
        "Kassym-Jomart Tokayev": ["Kasım Cömert Tokayev"],
        "Kasım Cömert Tokayev": ["Kassym-Jomart Tokayev"],
        "Pashinyan": ["Nikol Pashinyan"],
        "Nikol Pashinyan": ["Pashinyan"],
    }


def test_missing_metadata_fails_strict_build(
    make_project: Callable[..., Path], monkeypatch: pytest.MonkeyPatch
) -> None:
    root = make_project({"content/sources/lonely.txt": BRIDGE_GAZETTE})
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


RADIO = """\
Riverton bridge is open

The bridge cost 40 million dollars, officials said.

Traffic on the bridge was light.
"""
RADIO_YML = """\
- id: radio
  file: radio.txt
  title: Riverton bridge is open
  outlet: Riverton Radio
  kind: broadcaster
  published: 2024-05-04
  language: en
"""


@pytest.fixture
def three(bridge: Path) -> Path:
    """The bridge project with a third source that leaves the mayor's quote out."""
    (bridge / "content/sources/radio.txt").write_text(RADIO, encoding="utf-8")
    sources = bridge / "site-config/sources.yml"
    sources.write_text(sources.read_text(encoding="utf-8") + RADIO_YML, encoding="utf-8")
    return bridge


def _article(page: str) -> str:
    """Return the content of a page, without navigation and table of contents."""
    found = re.search(r'<article class="md-content__inner md-typeset">(.*?)</article>', page, re.S)
    assert found, "the page has content"
    return found.group(1)


def _cluster_page(site: Path, words: str) -> str:
    paths = [*(site / "clusters").glob("c-*/index.html"), *(site / "clusters").glob("c-*.html")]
    pages = [p.read_text(encoding="utf-8") for p in paths]
    found = [page for page in pages if words in _text(page)]
    assert len(found) == 1, f"one cluster page holds {words!r}"
    return found[0]


def _matrix_row(page: str, words: str) -> str:
    matrix = re.search(r'<table class="bf-matrix">(.*?)</table>', page, re.S)
    assert matrix, "the page has a coverage matrix"
    rows = [row for row in re.findall(r"<tr>(.*?)</tr>", matrix.group(1)) if words in row]
    assert len(rows) == 1, f"one row of the matrix holds {words!r}"
    return rows[0]


def test_comparison_view_marks_the_words_that_differ(
    bridge: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    site = _build(bridge, monkeypatch)
    page = _cluster_page(site, "40 million")
    compare = re.search(r'<section class="bf-compare bf-compare-conflict".*?</section>', page, re.S)
    assert compare, "the two versions that disagree are side by side"
    left, right = re.findall(r'<div class="bf-compare-side">(.*?)</div>\n', compare.group())
    assert re.search(r'<a href="../../sources/wire/#wire-[0-9a-f]+">City Wire</a>', left)
    assert re.search(r'<a href="../../sources/gazette/#gazette-[0-9a-f]+">Riverton Gaz', right)
    assert (
        '<blockquote class="bf-diff-text">The bridge cost '
        '<del class="bf-diff bf-diff-changed bf-em-conflict">40</del> million dollars.'
        "</blockquote>"
    ) in left
    assert (
        '<blockquote class="bf-diff-text">The bridge cost '
        '<ins class="bf-diff bf-diff-changed bf-em-conflict">45</ins> million dollars, '
        '<ins class="bf-diff bf-diff-inserted">according to the council.</ins></blockquote>'
    ) in right
    assert '<span class="bf-conflict-flag">number: 40 million vs 45 million</span>' in page


def test_home_coverage_matrix_links_every_version(
    bridge: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    site = _build(bridge, monkeypatch)
    home = _html(site, "index.html")
    cost = _matrix_row(home, "The bridge cost 40 million dollars.")
    assert re.search(r'<a href="clusters/c-[0-9a-f]+/" title="The bridge cost 40 million', cost)
    wire, gazette = re.findall(r"<td>(.*?)</td>", cost)
    assert re.fullmatch(
        r'<a class="bf-cov bf-cov-conflict" href="sources/wire/#wire-[0-9a-f]+" '
        r'title="City Wire reports it but disagrees on a fact \(number: 40 million vs 45 '
        r'million\): The bridge cost 40 million dollars\." '
        r'aria-label="City Wire reports it but disagrees on a fact">≠</a>',
        wire,
    )
    assert 'href="sources/gazette/#gazette-' in gazette
    assert '<th scope="col"><a href="sources/wire/">City Wire</a></th>' in home
    assert '<a href="coverage/">' in home


def test_coverage_page_draws_the_matrix_and_leaves_out(
    three: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    site = _build(three, monkeypatch)
    coverage = _html(site, "coverage/index.html")
    quote = _matrix_row(coverage, "This bridge joins")
    assert quote.count('class="bf-cov bf-cov-') == 3
    assert (
        '<span class="bf-cov bf-cov-absent" title="Riverton Radio does not report it" '
        'aria-label="Riverton Radio does not report it">·</span>'
    ) in quote
    svg = re.search(
        r'<figure class="bf-chart bf-chart-wide" id="bf-coverage-map"[^>]*>.*?</figure>',
        coverage,
        re.S,
    )
    assert svg, "the matrix is drawn as a picture"
    assert re.search(
        r'<a href="../sources/radio/#radio-[0-9a-f]+" class="bf-chart-link" '
        r'aria-label="Riverton Radio · #\d+ [^"]+"><rect class="bf-mark bf-mark-',
        svg.group(),
    )
    assert '<rect class="bf-mark bf-mark-absent"' in svg.group()
    # The radio leaves out the quote both other sources report, and says so on its page.
    radio = _html(site, "sources/radio/index.html")
    missing = re.search(r'<details class="bf-missing">(.*?)</details>', radio, re.S)
    assert missing and "Leaves out 1 statement most other sources report" in missing.group(1)
    assert "This bridge joins the two halves of our city" in missing.group(1)
    home = _html(site, "index.html")
    assert "Riverton Radio: 1 statements found in no other source; leaves out 1" in _text(home)


def test_agreement_chart_counts_shared_statements(
    three: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    site = _build(three, monkeypatch)
    for page in ("index.html", "outlets/index.html"):
        chart = re.search(
            r'<figure class="bf-chart" id="bf-agreement"[^>]*>.*?</figure>', _html(site, page), re.S
        )
        assert chart, f"{page} has the agreement chart"
        titles = re.findall(r"<title>([^<]*)</title>", chart.group())
        assert (
            "City Wire and Riverton Gazette: 3 statements in common "
            "(60% of the shorter report); 1 disagreeing on a fact"
        ) in titles
        assert len(titles) == 9  # three sources by three
        assert '<svg xmlns="http://www.w3.org/2000/svg"' in chart.group()


def test_index_pages_speakers_outlets_timeline(
    three: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    site = _build(three, monkeypatch)
    speakers = _html(site, "speakers/index.html")
    ortiz = speakers.split('id="lena-ortiz"', 1)[1]
    quote = re.search(r"<li>.*?This bridge joins.*?</li>", ortiz)
    assert quote, "the mayor's quote is listed under her name"
    assert ">City Wire</a>" in quote.group() and ">Riverton Gazette</a>" in quote.group()
    assert ">compare</a>" in quote.group()
    outlets = _html(site, "outlets/index.html")
    assert '<td rowspan="1">Riverton Radio</td><td><a href="../sources/radio/">' in outlets
    timeline = _text(_article(_html(site, "timeline/index.html")))
    # The wire's date comes first, the radio's next day after it, the undated gazette last.
    first, second, unknown = (
        timeline.index(f"{h} ") for h in ("2024-05-03", "2024-05-04", "Date unknown")
    )
    assert first < second < unknown
    assert timeline.index("Residents crossed it on foot all afternoon.") > unknown
    assert timeline.index("Traffic on the bridge was light.") < unknown
    assert "Riverton Gazette · date unknown" in timeline
    nav = _html(site, "index.html")
    for title, href in (
        ("Coverage", "coverage/"),
        ("Speakers", "speakers/"),
        ("Outlets", "outlets/"),
        ("Timeline", "timeline/"),
    ):
        assert re.search(
            rf'<a href="{href}" class="md-nav__link">\s*<span class="md-ellipsis">\s*{title}', nav
        )


def test_flat_addresses_reach_the_statements(
    make_project: Callable[..., Path], monkeypatch: pytest.MonkeyPatch
) -> None:
    root = make_project(
        BRIDGE_FILES,
        MKDOCS_YML + "use_directory_urls: false\n",
    )
    site = _build(root, monkeypatch)
    home = _matrix_row(_html(site, "index.html"), "The bridge cost")
    assert re.search(r'href="sources/wire\.html#wire-[0-9a-f]+"', home)
    assert re.search(r'href="clusters/c-[0-9a-f]+\.html"', home)
    coverage = _html(site, "coverage.html")
    assert re.search(
        r'<a href="sources/gazette\.html#gazette-[0-9a-f]+" class="bf-chart-link"', coverage
    )
    page = _cluster_page(site, "40 million")
    assert re.search(r'<a href="../sources/wire\.html#wire-[0-9a-f]+">City Wire</a>', page)


HOSTILE_A = """\
Officials said <script>alert(1)</script> the "bridge" & tunnel cost 40 million dollars.

"We will <img src=x onerror=alert(3)> build more," Mayor Lena Ortiz said.
"""
HOSTILE_B = """\
Officials said <script>alert(1)</script> the "bridge" & tunnel cost 45 million dollars.

"We will <img src=x onerror=alert(3)> build more," Mayor Lena Ortiz said.
"""
HOSTILE_YML = """\
- id: one
  file: one.txt
  title: One
  outlet: '<b onmouseover=alert(4)>Evil</b> & "Co"'
  short_name: '<svg onload=alert(2)>'
  kind: blog
  published: 2024-05-03
  language: en
- id: two
  file: two.txt
  title: Two
  outlet: Two
  kind: blog
  published: null
  language: en
"""


def test_source_text_is_escaped_in_every_new_page(
    make_project: Callable[..., Path], monkeypatch: pytest.MonkeyPatch
) -> None:
    root = make_project(
        {
            "content/sources/one.txt": HOSTILE_A,
            "content/sources/two.txt": HOSTILE_B,
            "site-config/sources.yml": HOSTILE_YML,
        }
    )
    site = _build(root, monkeypatch)
    pages = [
        "index.html",
        "coverage/index.html",
        "speakers/index.html",
        "outlets/index.html",
        "timeline/index.html",
    ]
    pages += [p.relative_to(site).as_posix() for p in (site / "clusters").glob("c-*/index.html")]
    assert len(pages) > 6, "the hostile statements form clusters"
    for name in pages:
        page = _html(site, name)
        for raw in ("<script>alert", "<img src=x", "<svg onload", "<b onmouseover"):
            assert raw not in page, f"{raw!r} in {name}"
    coverage = _html(site, "coverage/index.html")
    assert '<text class="bf-chart-label" x="' in coverage
    assert "&lt;svg onload=alert(2)&gt;</text>" in coverage
    assert 'aria-label="&lt;svg onload=alert(2)&gt; · #1 ' in coverage
    page = _cluster_page(site, "40 million")
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page
    assert "&#34;bridge&#34; &amp; tunnel" in page


def test_search_finds_statements_on_their_source_not_in_the_lists(
    three: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    site = _build(three, monkeypatch)
    index = json.loads(_html(site, "search/search_index.json"))
    lists = ("coverage/", "speakers/", "timeline/", "outlets/#how-much")
    found = [doc["location"] for doc in index["docs"] if "This bridge joins" in doc["text"]]
    assert found and not [location for location in found if location.startswith(lists)]
    titles = {doc["location"]: doc["title"] for doc in index["docs"]}
    assert titles["speakers/#lena-ortiz"] == "Lena Ortiz"
    assert titles["timeline/#date-unknown"] == "Date unknown"


def test_pages_stay_bounded_for_large_briefings(
    three: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # The limits are meant for thousands of sources; here one or two stand for many.
    monkeypatch.setattr(overview, "HOME_CLUSTERS", 1)
    monkeypatch.setattr(overview, "HOME_SOURCES", 2)
    monkeypatch.setattr(overview, "MATRIX_CLUSTERS", 2)
    monkeypatch.setattr(indexes, "ITEM_VERSIONS", 1)
    site = _build(three, monkeypatch)
    home = _html(site, "index.html")
    matrix = re.search(r'<table class="bf-matrix">(.*?)</table>', home, re.S)
    assert matrix and matrix.group(1).count('<th scope="row">') == 1
    assert matrix.group(1).count('<th scope="col">') == 2, "two sources"
    assert '<a href="coverage/">All 3 shared statements in the full coverage matrix</a>' in home
    coverage = _html(site, "coverage/index.html")
    assert (
        "Showing the 2 most widely reported statements; 1 more is listed under "
        '<a href="../clusters/">Shared statements</a>.'
    ) in coverage
    timeline = _html(site, "timeline/index.html")
    assert '<span class="bf-count">and 1 more</span>' in timeline


def test_build_reports_progress_with_counts_and_times(
    bridge: Path, monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture
) -> None:
    with caplog.at_level(logging.INFO):
        _build(bridge, monkeypatch)
        _build(bridge, monkeypatch)
    # As MkDocs shows them: the plugin's log, its name first.
    lines = [r.getMessage() for r in caplog.records if r.name.startswith("mkdocs.plugins")]
    expected = [
        r"read 2 sources in \d+\.\d s",
        r"split into 12 statements in \d+\.\d s",
        r"matched: \d+ links in \d+\.\d s",
        r"rendered \d+ pages in \d+\.\d s",
        r"analysis unchanged: 12 statements, \d+ links from the cache",
    ]
    for pattern in expected:
        assert [line for line in lines if re.fullmatch(f"generator: {pattern}", line)], pattern
    # Nor does MkDocs list every cluster page as missing from the navigation.
    assert not [r for r in caplog.records if "not included in the" in r.getMessage()]
