"""The example briefing, built and served on 127.0.0.1, and Debian's Chromium driven by Playwright.

Browsers are never downloaded: Playwright launches the system Chromium (``make test`` installs
it with apt-get when it is missing).
"""

from __future__ import annotations

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
from playwright.sync_api import Browser, ConsoleMessage, Page, Request, sync_playwright

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
    project = server.root.parent / f"project-{name}"
    for folder in ("content", "site-config", "theme"):
        shutil.copytree(REPO / folder, project / folder)
    shutil.copy(REPO / "mkdocs.yml", project / "mkdocs.yml")
    url = f"{server.url}{name}/"
    options: dict[str, Any] = {"site_dir": str(server.root / name)}
    if features:
        # Instant navigation only takes over links to pages in the sitemap, which needs site_url.
        options["site_url"] = url
    config = load_config(str(project / "mkdocs.yml"), strict=True, **options)
    config.theme["features"] = [*config.theme["features"], *features]
    with pytest.MonkeyPatch.context() as patch:
        patch.chdir(project)
        build(config)
    return url


@pytest.fixture(scope="session")
def site(server: Server) -> str:
    """Return the address of the example briefing, built as ``make site`` builds it."""
    return build_example(server, "example")


@pytest.fixture(scope="session")
def instant_site(server: Server) -> str:
    """Return the address of the example briefing with Material's instant navigation."""
    return build_example(server, "instant", features=("navigation.instant",))


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
    context.set_default_timeout(10_000)
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
