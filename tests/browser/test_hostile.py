"""The hostile payload project (tests/data/hostile/payloads/) in headless Chromium: every page,
its tooltips and the search run no script, log no error and fetch nothing from elsewhere."""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from mkdocs.commands.build import build
from mkdocs.config import load_config
from playwright.sync_api import Dialog, Page

from generator.config import ProjectPaths
from generator.pipeline import build_briefing
from tests.browser.conftest import Server, Tab
from tests.conftest import REPO

pytestmark = pytest.mark.browser

PAYLOADS = REPO / "tests" / "data" / "hostile" / "payloads"
# Words of the payloads (the index splits words at spaces and dashes only): searching for them
# lists the statements that carry them, payloads and all.
SEARCHES = ("onerror", "javascript", "Templates", "minister", "Officials")


@pytest.fixture(scope="module")
def hostile(server: Server) -> Iterator[tuple[str, Path]]:
    """Build the payload project into ``hostile/`` of the served folder; yield its address and
    the project folder."""
    project = server.root.parent / "project-hostile"
    shutil.copytree(PAYLOADS, project)
    config = load_config(
        str(project / "mkdocs.yml"), strict=True, site_dir=str(server.root / "hostile")
    )
    with pytest.MonkeyPatch.context() as patch:
        patch.chdir(project)
        build(config)
    yield f"{server.url}hostile/", project


@pytest.fixture
def dialogs(tab: Tab) -> list[str]:
    """Return the messages of every alert, confirm or prompt the page opens (each dismissed)."""
    opened: list[str] = []

    def on_dialog(dialog: Dialog) -> None:
        opened.append(f"{dialog.type}: {dialog.message}")
        dialog.dismiss()

    tab.page.on("dialog", on_dialog)
    return opened


def _open(tab: Tab, url: str) -> Page:
    tab.page.goto(url)
    tab.page.wait_for_load_state("networkidle")
    return tab.page


def _pages(server: Server, site: str) -> list[str]:
    folder = server.root / urlsplit(site).path.strip("/")
    # 404.html addresses its assets from the server's root, where a web server would serve it.
    return [
        site + path.relative_to(folder).as_posix().removesuffix("index.html")
        for path in sorted(folder.rglob("*.html"))
        if path.name != "404.html"
    ]


def _elsewhere(tab: Tab, site: str) -> list[str]:
    """Return the requests that went anywhere but the site itself."""
    return [
        r.url
        for r in tab.requests
        if not r.url.startswith(site) and urlsplit(r.url).scheme not in ("data", "blob")
    ]


def test_no_page_runs_script_or_fetches_from_elsewhere(
    tab: Tab, dialogs: list[str], server: Server, hostile: tuple[str, Path]
) -> None:
    site, _ = hostile
    pages = _pages(server, site)
    assert len(pages) > 10
    for url in pages:
        page = _open(tab, url)
        # What a reader does: point at labels, links and badges (tooltips), open the clutter.
        for element in page.locator("article [title], article a, .md-nav__link").all()[:40]:
            element.dispatch_event("mouseover")
            element.dispatch_event("mouseenter")
            element.focus()
        for summary in page.locator("article details > summary").all()[:3]:
            summary.click()
        page.wait_for_timeout(50)
    assert dialogs == []
    assert tab.errors == []
    assert _elsewhere(tab, site) == []
    assert f"{site}sources/payloads/" in [r.url for r in tab.requests]


@pytest.mark.parametrize("words", SEARCHES)
def test_search_for_payloads_runs_no_script(
    tab: Tab, dialogs: list[str], hostile: tuple[str, Path], words: str
) -> None:
    site, _ = hostile
    page = _open(tab, f"{site}sources/payloads/")
    search = page.locator("input.md-search__input")
    search.click()
    search.press_sequentially(words, delay=20)
    results = page.locator("a.md-search-result__link")
    results.first.wait_for()
    for result in results.all()[:5]:
        if result.is_visible():
            result.hover()
    assert dialogs == []
    assert tab.errors == []
    assert _elsewhere(tab, site) == []


def test_statements_read_in_the_browser_as_written(
    tab: Tab, dialogs: list[str], hostile: tuple[str, Path]
) -> None:
    site, project = hostile
    briefing = build_briefing(ProjectPaths.under(project))
    for source in briefing.sources:
        page = _open(tab, f"{site}sources/{source.meta.id}/")
        shown = page.locator(".bf-st").evaluate_all("all => all.map(e => e.textContent)")
        written = [s.text for s in briefing.statements if s.source == source.meta.id]
        assert [" ".join(t.split()) for t in shown] == [" ".join(t.split()) for t in written]
    assert dialogs == []
