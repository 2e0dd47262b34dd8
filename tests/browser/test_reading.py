"""The reading experience of the example briefing in headless Chromium: search, cross-links,
tooltips, console errors, requests, and screenshots for review."""

from __future__ import annotations

import re
from pathlib import Path
from urllib.parse import urlsplit

import pytest

from tests.browser.conftest import OUTPUT, Tab, assert_highlighted, assert_in_view, open_page

pytestmark = pytest.mark.browser

QUOTE = "laid down their weapons"
"""Part of a quote in TASS's report (and nowhere at the start of a statement)."""


def _statement_id(site_dir: Path, source: str, words: str) -> str:
    html = (site_dir / "sources" / source / "index.html").read_text(encoding="utf-8")
    found = re.search(rf'id="({source}-[0-9a-f]+)"[^>]*>[^<]*{re.escape(words)}', html)
    assert found, f"{words!r} is a statement of {source}"
    return found.group(1)


def _first_cluster(site_dir: Path) -> str:
    html = (site_dir / "clusters" / "index.html").read_text(encoding="utf-8")
    found = re.search(r'href="(c-[0-9a-f]+/)"', html)
    assert found, "the example has shared statements"
    return f"clusters/{found.group(1)}"


@pytest.fixture(scope="session")
def pages(site: str, site_dir: Path) -> dict[str, str]:
    """Return the address of a home, a source and a cluster page of the example."""
    return {
        "home": site,
        "source": f"{site}sources/tass/",
        "cluster": f"{site}{_first_cluster(site_dir)}",
    }


def test_search_for_part_of_a_quote_opens_the_statement(
    tab: Tab, site: str, site_dir: Path
) -> None:
    statement = _statement_id(site_dir, "tass", QUOTE)
    page = open_page(tab, site)
    page.locator("input.md-search__input").click()
    page.locator("input.md-search__input").press_sequentially(QUOTE, delay=20)
    # The statement itself is offered (not folded away under its page), and leads to it.
    result = page.locator(f'a.md-search-result__link[href$="#{statement}"]')
    result.click()
    page.wait_for_url(f"**/sources/tass/**#{statement}")
    assert urlsplit(page.url).fragment == statement
    target = page.locator(f"[id='{statement}']")
    assert QUOTE in target.inner_text()
    assert_in_view(page, target)


@pytest.mark.parametrize("navigation", ["plain", "instant"])
def test_cross_link_lands_on_the_highlighted_counterpart(
    tab: Tab, navigation: str, request: pytest.FixtureRequest
) -> None:
    site: str = request.getfixturevalue("site" if navigation == "plain" else "instant_site")
    page = open_page(tab, f"{site}sources/akorda/")
    link = page.locator('a.bf-xref[href*="astana-times/#"]').first
    counterpart = urlsplit(link.get_attribute("href") or "").fragment
    assert counterpart.startswith("astana-times-")
    before = len(tab.requests)
    link.click()
    page.wait_for_url(f"**/sources/astana-times/#{counterpart}")
    assert_highlighted(page, counterpart)
    documents = [r.url for r in tab.requests[before:] if r.resource_type == "document"]
    if navigation == "instant":
        assert documents == [], "instant navigation fetched the page instead of loading it"
    else:
        assert len(documents) == 1


def test_cross_link_shows_counterpart_wording_on_hover_and_focus(tab: Tab, site: str) -> None:
    page = open_page(tab, f"{site}sources/akorda/")
    link = page.locator('a.bf-xref[href*="astana-times/#"]').first
    wording = link.get_attribute("title") or ""
    assert wording.startswith("The Astana Times (")
    tooltip = page.locator(".md-tooltip2").filter(has_text=wording.split("): ", 1)[1])
    link.hover()
    tooltip.wait_for(state="visible")
    page.mouse.move(0, 0)
    tooltip.wait_for(state="hidden")
    link.focus()
    tooltip.wait_for(state="visible")


@pytest.mark.parametrize("name", ["home", "source", "cluster"])
def test_page_logs_no_console_errors(tab: Tab, pages: dict[str, str], name: str) -> None:
    open_page(tab, pages[name])
    assert tab.errors == []


def test_no_request_leaves_the_machine(tab: Tab, site: str, pages: dict[str, str]) -> None:
    for name in ("home", "cluster", "source"):
        open_page(tab, pages[name])
    page = tab.page
    page.locator("a.bf-xref").first.hover()
    page.locator("input.md-search__input").click()
    page.locator("input.md-search__input").press_sequentially(QUOTE, delay=20)
    page.locator("a.md-search-result__link").first.wait_for()
    urls = [request.url for request in tab.requests]
    assert f"{site}search/search_index.json" in urls, "requests are recorded"
    # data: and blob: addresses are read in the page itself and reach no host.
    outside = [
        url
        for url in urls
        if urlsplit(url).scheme not in ("data", "blob") and urlsplit(url).hostname != "127.0.0.1"
    ]
    assert outside == []


@pytest.mark.parametrize("name", ["home", "source", "cluster"])
def test_screenshot_for_review(tab: Tab, pages: dict[str, str], name: str) -> None:
    OUTPUT.mkdir(parents=True, exist_ok=True)
    path = OUTPUT / f"{name}.png"
    path.unlink(missing_ok=True)
    open_page(tab, pages[name]).screenshot(path=path, full_page=True)
    assert path.stat().st_size > 10_000
