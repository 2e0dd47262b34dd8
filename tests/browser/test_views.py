"""The comparison view, the coverage matrix, the charts and the index pages of the example
briefing in headless Chromium; keyboard, print, dark mode, a phone, and the site opened from the
file system. Screenshots for review land in tests/output/."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import pytest
from playwright.sync_api import Browser, Page

from tests.browser.conftest import OUTPUT, Tab, assert_highlighted, open_page

pytestmark = pytest.mark.browser

CONFLICT = "battle near Almaty"
"""Words of the statement Akorda and The Astana Times place differently (near / in Almaty)."""
QUOTE = "laid down their weapons"
"""Part of a quote in TASS's report."""
# A visible mark: rendered, with a box, and a background of its own.
_MARK = """element => {
    const style = getComputedStyle(element);
    const box = element.getBoundingClientRect();
    return {width: box.width, height: box.height, background: style.backgroundColor,
            visibility: style.visibility, weight: style.fontWeight, color: style.color};
}"""


def _cluster_with(site_dir: Path, words: str) -> str:
    """Return the address (below the site) of the cluster page holding ``words``."""
    for path in sorted((site_dir / "clusters").glob("c-*/index.html")):
        if words in path.read_text(encoding="utf-8"):
            return f"clusters/{path.parent.name}/"
    raise AssertionError(f"no cluster page holds {words!r}")


@pytest.fixture(scope="session")
def views(site: str, site_dir: Path) -> dict[str, str]:
    """Return the address of each page these tests read."""
    return {
        "home": site,
        "source": f"{site}sources/akorda/",
        "comparison": f"{site}{_cluster_with(site_dir, CONFLICT)}",
        "coverage": f"{site}coverage/",
        "speakers": f"{site}speakers/",
        "outlets": f"{site}outlets/",
        "timeline": f"{site}timeline/",
    }


def _is_local(url: str) -> bool:
    """Return whether a request stays on this machine (data: and blob: reach no host)."""
    parts = urlsplit(url)
    return parts.scheme in ("data", "blob", "file") or parts.hostname == "127.0.0.1"


def test_comparison_view_marks_inserted_deleted_and_conflicting_words(
    tab: Tab, views: dict[str, str]
) -> None:
    page = open_page(tab, views["comparison"])
    compare = page.locator("section.bf-compare-conflict").first
    assert "near Almaty vs in Almaty" in compare.locator(".bf-compare-head").inner_text()
    plain = compare.locator("blockquote").first.evaluate(
        "element => getComputedStyle(element).backgroundColor"
    )
    for selector in ("del.bf-diff", "ins.bf-diff", "del.bf-em-conflict", "ins.bf-em-conflict"):
        mark = compare.locator(selector).first
        assert mark.is_visible(), selector
        style: dict[str, Any] = mark.evaluate(_MARK)
        assert style["width"] > 0 and style["height"] > 0, selector
        assert style["background"] not in ("rgba(0, 0, 0, 0)", plain), selector
    # The conflicting words themselves: near on one side, in on the other, in bold.
    assert compare.locator("del.bf-em-conflict").first.inner_text() == "near"
    assert compare.locator("ins.bf-em-conflict").first.inner_text() == "in"
    assert int(compare.locator("ins.bf-em-conflict").first.evaluate(_MARK)["weight"]) >= 700


# The home page's matrix shows the statements most sources share, the coverage page all of them:
# the conflict (two sources) is on the second only.
@pytest.mark.parametrize(
    ("where", "words", "label"),
    [
        ("home", "peacekeeping contingent arrived", "reports it in other words"),
        ("coverage", CONFLICT, "reports it but disagrees on a fact"),
    ],
)
def test_matrix_cell_leads_to_the_highlighted_statement(
    tab: Tab, views: dict[str, str], where: str, words: str, label: str
) -> None:
    page = open_page(tab, views[where])
    row = page.locator(".bf-matrix tbody tr", has_text=words)
    cell = row.locator("a.bf-cov").nth(1)
    assert cell.get_attribute("aria-label") == f"The Astana Times {label}"
    statement = urlsplit(cell.get_attribute("href") or "").fragment
    assert statement.startswith("astana-times-")
    cell.click()
    page.wait_for_url(f"**/sources/astana-times/#{statement}")
    assert_highlighted(page, statement)


def test_matrix_statement_leads_to_its_comparison(tab: Tab, views: dict[str, str]) -> None:
    page = open_page(tab, views["coverage"])
    page.locator(".bf-matrix tbody tr", has_text=CONFLICT).locator("th a").click()
    page.wait_for_url(views["comparison"])
    assert page.locator("section.bf-compare").count() >= 1


def test_coverage_picture_leads_to_the_highlighted_statement(
    tab: Tab, views: dict[str, str]
) -> None:
    page = open_page(tab, views["coverage"])
    mark = page.locator('#bf-coverage-map a.bf-chart-link[href*="/tass/#"]').first
    statement = urlsplit(mark.get_attribute("href") or "").fragment
    # Which source, which statement of the matrix, and how the source reports it.
    label = mark.get_attribute("aria-label") or ""
    assert re.match(r"TASS · #1 reports (it|part of it|it in other words)\b", label), label
    mark.click()
    page.wait_for_url(f"**/sources/tass/#{statement}")
    assert_highlighted(page, statement)


def test_agreement_chart_shows_the_pairs(tab: Tab, views: dict[str, str]) -> None:
    page = open_page(tab, views["home"])
    chart = page.locator("#bf-agreement svg")
    assert chart.is_visible()
    box = chart.bounding_box()
    assert box is not None and box["width"] > 200
    titles = chart.locator("rect > title").evaluate_all("titles => titles.map(t => t.textContent)")
    assert len(titles) == 25, "five sources by five"
    pattern = r"Akorda and The Astana Times: \d+ statements in common"
    assert any(re.match(pattern, t) for t in titles), titles


def test_matrix_keeps_its_first_column_on_a_phone(browser: Browser, views: dict[str, str]) -> None:
    context = browser.new_context(viewport={"width": 390, "height": 800})
    page = context.new_page()
    page.goto(views["home"])
    wrap = page.locator(".bf-matrix-wrap")
    wrap.scroll_into_view_if_needed()
    first = wrap.locator("tbody th").first
    before = first.bounding_box()
    scrolled = wrap.evaluate("e => { e.scrollLeft = 200; return e.scrollLeft; }")
    after = first.bounding_box()
    context.close()
    assert scrolled > 0, "the matrix scrolls sideways"
    assert before is not None and after is not None
    assert abs(before["x"] - after["x"]) < 1, "the statement column stays put"


def test_keyboard_reaches_a_cross_link_with_a_visible_focus_ring(
    tab: Tab, views: dict[str, str]
) -> None:
    page = open_page(tab, views["source"])
    for _ in range(200):
        page.keyboard.press("Tab")
        if page.evaluate("document.activeElement.classList.contains('bf-xref')"):
            break
    else:
        raise AssertionError("Tab never reached a cross-link")
    ring = page.evaluate(
        "(() => { const s = getComputedStyle(document.activeElement);"
        " return [s.outlineStyle, s.outlineWidth]; })()"
    )
    assert ring == ["solid", "3px"]
    href = page.evaluate("document.activeElement.getAttribute('href')")
    page.keyboard.press("Enter")
    statement = urlsplit(href).fragment
    page.wait_for_url(f"**#{statement}")
    assert_highlighted(page, statement)


def test_print_hides_navigation_and_names_link_targets(tab: Tab, views: dict[str, str]) -> None:
    page = open_page(tab, views["source"])
    page.emulate_media(media="print")
    for selector in (".md-header", ".md-sidebar--primary", ".md-footer"):
        assert not page.locator(selector).first.is_visible(), selector
    link = page.locator("a.bf-xref[data-ref]").first
    after = link.evaluate("element => getComputedStyle(element, '::after').content")
    assert after == f'" → {link.get_attribute("data-ref")}"'
    block = page.locator(".bf-block").first.evaluate("e => getComputedStyle(e).breakInside")
    assert block == "avoid"
    assert not page.locator("details.bf-clutter[open]").count(), "clutter stays collapsed"


def test_new_pages_log_no_errors_and_ask_no_other_host(tab: Tab, views: dict[str, str]) -> None:
    for name in ("comparison", "coverage", "speakers", "outlets", "timeline", "home"):
        open_page(tab, views[name])
        assert tab.errors == [], name
        tab.page.locator("article a[href]").first.hover()
    outside = [r.url for r in tab.requests if not _is_local(r.url)]
    assert outside == []


def test_offline_site_opens_from_the_file_system(tab: Tab, offline_dir: Path) -> None:
    tass = (offline_dir / "sources" / "tass.html").read_text(encoding="utf-8")
    found = re.search(rf'id="(tass-[0-9a-f]+)"[^>]*>[^<]*{QUOTE}', tass)
    assert found, "the quote is a statement of TASS"
    page = open_page(tab, (offline_dir / "index.html").as_uri())
    page.locator("nav.md-nav--primary a.md-nav__link", has_text="TASS").first.click()
    page.wait_for_url("**/sources/tass.html")
    # Search runs from the index Material's offline plugin put in a script.
    page.locator("input.md-search__input").click()
    page.locator("input.md-search__input").press_sequentially(QUOTE, delay=20)
    page.locator(f'a.md-search-result__link[href$="#{found.group(1)}"]').click()
    page.wait_for_url(f"**/sources/tass.html*#{found.group(1)}")
    assert_highlighted(page, found.group(1))
    # The matrix on the home page leads to statements as well.
    open_page(tab, (offline_dir / "index.html").as_uri())
    cell = page.locator(".bf-matrix a.bf-cov").first
    statement = urlsplit(cell.get_attribute("href") or "").fragment
    cell.click()
    page.wait_for_url(f"**/sources/*.html#{statement}")
    assert_highlighted(page, statement)
    assert tab.errors == []
    assert [r.url for r in tab.requests if not _is_local(r.url)] == []
    assert all(r.url.startswith(("file://", "data:", "blob:")) for r in tab.requests)


def _screenshot(page: Page, name: str, selector: str = "") -> Path:
    OUTPUT.mkdir(parents=True, exist_ok=True)
    path = OUTPUT / f"{name}.png"
    path.unlink(missing_ok=True)
    if selector:
        page.locator(selector).first.screenshot(path=path)
    else:
        page.screenshot(path=path, full_page=True)
    return path


@pytest.mark.parametrize(
    ("name", "view", "selector"),
    [
        ("comparison", "comparison", ""),
        ("agreement", "home", "#bf-agreement"),
        ("coverage", "coverage", ""),
        ("speakers", "speakers", ""),
        ("timeline", "timeline", ""),
    ],
)
def test_screenshot_of_views_for_review(
    tab: Tab, views: dict[str, str], name: str, view: str, selector: str
) -> None:
    path = _screenshot(open_page(tab, views[view]), name, selector)
    assert path.stat().st_size > 5_000


@pytest.mark.parametrize(
    ("name", "view", "options"),
    [
        ("home-dark", "home", {"color_scheme": "dark"}),
        ("comparison-dark", "comparison", {"color_scheme": "dark"}),
        ("coverage-dark", "coverage", {"color_scheme": "dark"}),
        ("home-phone", "home", {"viewport": {"width": 390, "height": 800}}),
    ],
)
def test_screenshot_in_dark_mode_and_on_a_phone(
    browser: Browser, views: dict[str, str], name: str, view: str, options: dict[str, Any]
) -> None:
    context = browser.new_context(**{"viewport": {"width": 1280, "height": 800}, **options})
    page = context.new_page()
    page.goto(views[view])
    page.wait_for_load_state("networkidle")
    scheme = page.evaluate("document.body.getAttribute('data-md-color-scheme')")
    path = _screenshot(page, name)
    context.close()
    assert scheme == ("slate" if "color_scheme" in options else "default")
    assert path.stat().st_size > 10_000
