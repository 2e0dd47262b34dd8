"""The example briefing, built and served on 127.0.0.1, and Debian's Chromium driven by Playwright.

Browsers are never downloaded: Playwright launches the system Chromium (``make test`` installs
it with apt-get when it is missing).
"""

from __future__ import annotations

import contextlib
import functools
import shutil
import threading
from collections.abc import Iterator
from dataclasses import dataclass, field
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

import pytest
from mkdocs.commands.build import build
from mkdocs.config import load_config
from playwright.sync_api import Browser, ConsoleMessage, Locator, Page, Request, sync_playwright
from playwright.sync_api import TimeoutError as PlaywrightTimeoutError

from tests.conftest import REPO

CHROMIUM = Path("/usr/bin/chromium")
# As root in a container, and with nothing reaching out: no updates, sync or QUIC probes.
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--disable-quic",
]
VIEWPORT = {"width": 1280, "height": 800}
OUTPUT = REPO / "tests" / "output"
# What a highlighted statement looks like, and its unmarked siblings of the same kind.
HIGHLIGHT = """element => {
    const style = getComputedStyle(element);
    const sibling = [...document.querySelectorAll(".bf-st")].find(
        other => other !== element && other.className === element.className);
    return {
        target: document.querySelector(":target")?.id ?? null,
        outline: style.outlineStyle,
        background: style.backgroundColor,
        plain: sibling ? getComputedStyle(sibling).backgroundColor : null,
    };
}"""


@dataclass(frozen=True)
class Server:
    """A static file server on 127.0.0.1 for the sites the tests build."""

    root: Path
    """Folder it serves."""
    url: str
    """Its address, ending in a slash."""


@dataclass
class Tab:
    """A browser page and what it did: every request and every error it reported."""

    page: Page
    """The Playwright page."""
    requests: list[Request] = field(default_factory=list)
    """Every request of the page and its workers, in order."""
    errors: list[str] = field(default_factory=list)
    """Console errors and uncaught exceptions."""


class _QuietHandler(SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: Any) -> None:
        """Keep the test output free of access logs."""


@pytest.fixture(scope="session")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Server]:
    """Serve a temporary folder on a free port of 127.0.0.1 for the whole session."""
    root = tmp_path_factory.mktemp("served")
    handler = functools.partial(_QuietHandler, directory=str(root))
    httpd = ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=httpd.serve_forever, name="site-server", daemon=True)
    thread.start()
    try:
        yield Server(root, f"http://127.0.0.1:{httpd.server_address[1]}/")
    finally:
        httpd.shutdown()
        httpd.server_close()
        thread.join()


def build_example(server: Server, name: str, features: tuple[str, ...] = ()) -> str:
    """Build the example briefing into ``name/`` of the served folder; return its address.

    ``features`` are Material features to turn on besides the example's own.
    """
    url = f"{server.url}{name}/"
    options: dict[str, Any] = {}
    if features:
        # Instant navigation only takes over links to pages in the sitemap, which needs site_url.
        options["site_url"] = url
    _build_project(server.root.parent / f"project-{name}", server.root / name, features, options)
    return url


def _build_project(
    project: Path,
    site_dir: Path,
    features: tuple[str, ...] = (),
    options: dict[str, Any] | None = None,
    offline: bool = False,
) -> None:
    """Copy the example project to ``project`` and build it into ``site_dir``."""
    for folder in ("content", "site-config", "theme"):
        shutil.copytree(REPO / folder, project / folder)
    shutil.copy(REPO / "mkdocs.yml", project / "mkdocs.yml")
    with pytest.MonkeyPatch.context() as patch:
        # mkdocs.yml turns Material's offline plugin on from this variable, as `make site` does.
        patch.setenv("BRIEFING_OFFLINE", "true" if offline else "false")
        # The copy of iframe-worker's shim that `make test` fetched (the project is copied).
        patch.setenv("BRIEFING_OFFLINE_SHIM", str(REPO / "build/iframe-worker/shim/index.js"))
        config = load_config(
            str(project / "mkdocs.yml"), strict=True, site_dir=str(site_dir), **(options or {})
        )
        config.theme["features"] = [*config.theme["features"], *features]
        patch.chdir(project)
        build(config)


@pytest.fixture(scope="session")
def site(server: Server) -> str:
    """Return the address of the example briefing, built as `mkdocs build` builds it."""
    return build_example(server, "example")


@pytest.fixture(scope="session")
def instant_site(server: Server) -> str:
    """Return the address of the example briefing with Material's instant navigation."""
    return build_example(server, "instant", features=("navigation.instant",))


@pytest.fixture(scope="session")
def offline_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Return the folder of the example briefing built as ``make site`` builds it, to open from
    the file system (Material's offline plugin on); no server serves it."""
    root = tmp_path_factory.mktemp("offline")
    _build_project(root / "project", root / "site", offline=True)
    return root / "site"


@pytest.fixture(scope="session")
def site_dir(site: str, server: Server) -> Path:
    """Return the folder the example briefing was built into."""
    return server.root / site.removeprefix(server.url).strip("/")


@pytest.fixture(scope="session")
def browser() -> Iterator[Browser]:
    """Launch Debian's Chromium once for the session."""
    if not CHROMIUM.exists():
        pytest.fail(
            f"{CHROMIUM} is missing: run `make test`, which installs it, or "
            "`apt-get install chromium`; deselect these tests with -m 'not browser'"
        )
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        yield browser
        browser.close()


@pytest.fixture
def tab(browser: Browser) -> Iterator[Tab]:
    """Open a fresh browser context and page that record requests and errors."""
    # Reduced motion: the highlight is checked as it stays, not halfway through its pulse.
    context = browser.new_context(viewport=VIEWPORT, reduced_motion="reduce")
    # Generous: on a loaded two-core machine a large page can take more than 10 s to load.
    context.set_default_timeout(30_000)
    page = context.new_page()
    tab = Tab(page)
    context.on("request", lambda request: tab.requests.append(request))

    def on_console(message: ConsoleMessage) -> None:
        if message.type == "error":
            tab.errors.append(f"console: {message.text} ({message.location.get('url', '')})")

    page.on("console", on_console)
    page.on("pageerror", lambda error: tab.errors.append(f"uncaught: {error}"))
    yield tab
    context.close()


def open_page(tab: Tab, url: str) -> Page:
    """Load a page and wait until Material has fetched what it needs (sitemap, search index)."""
    tab.page.goto(url)
    tab.page.wait_for_load_state("networkidle")
    return tab.page


def assert_in_view(page: Page, element: Locator) -> None:
    """Assert that the element is on screen and not hidden under Material's sticky header."""
    box = element.bounding_box()
    header = page.locator("header.md-header").bounding_box()
    assert box is not None and header is not None
    viewport = page.viewport_size
    assert viewport is not None
    assert box["y"] >= header["y"] + header["height"] - 1, (box, header)
    assert box["y"] + box["height"] <= viewport["height"], (box, viewport)


def assert_highlighted(page: Page, statement: str) -> None:
    """Assert that the statement is the page's target, marked, and in view."""
    target = page.locator(f"[id='{statement}']")
    target.wait_for()
    # After an instant (XHR) navigation the theme's script sets the target once the new page
    # is in: wait for it rather than read it at once; a target never set fails below.
    with contextlib.suppress(PlaywrightTimeoutError):
        page.wait_for_function(
            "id => document.querySelector(':target')?.id === id", arg=statement, timeout=5_000
        )
    style: dict[str, Any] = target.evaluate(HIGHLIGHT)
    assert style["target"] == statement, "the statement matches :target"
    assert style["outline"] == "solid"
    assert style["background"] not in ("rgba(0, 0, 0, 0)", style["plain"])
    assert_in_view(page, target)
