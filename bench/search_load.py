"""Measure the search index of a built site: its size, and how long Chromium takes to answer.

Usage: python bench/search_load.py SITE_DIR [--query WORDS] [--runs N]

Serves SITE_DIR on 127.0.0.1, opens its home page in Debian's Chromium (``/usr/bin/chromium``,
through Playwright, as the browser tests do), types the query into Material's search box as
soon as the page has loaded, and prints: the size of ``search/search_index.json`` (raw and
gzipped, as a server would send it), its number of entries, the seconds from the load of the
page to the first result, and the longest stall of the page's main thread meanwhile (a timer
that should fire every 20 ms; Material builds the index in a web worker, so the page should
stay responsive while it does).
"""

from __future__ import annotations

import argparse
import functools
import gzip
import json
import statistics
import sys
import threading
import time
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

CHROMIUM = Path("/usr/bin/chromium")
ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--no-first-run"]
WATCH_STALLS = """() => {
    window.__stall = 0;
    let last = performance.now();
    setInterval(() => {
        const now = performance.now();
        window.__stall = Math.max(window.__stall, now - last);
        last = now;
    }, 20);
}"""


class _Quiet(SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: object) -> None:
        pass


def measure(site: Path, query: str) -> dict[str, float]:
    """Return the seconds to the first result and the longest main-thread stall, in one run."""
    from playwright.sync_api import sync_playwright

    handler = functools.partial(_Quiet, directory=str(site))
    server = ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(executable_path=str(CHROMIUM), args=ARGS)
            page = browser.new_page()
            page.goto(f"http://127.0.0.1:{server.server_address[1]}/", wait_until="load")
            started = time.perf_counter()
            page.evaluate(WATCH_STALLS)
            box = page.locator("input.md-search__input")
            box.click()
            box.fill(query)
            page.locator(".md-search-result__item").first.wait_for(timeout=300_000)
            seconds = time.perf_counter() - started
            stall = float(page.evaluate("window.__stall")) / 1000
            browser.close()
    finally:
        server.shutdown()
    return {"first_result_s": seconds, "longest_stall_s": stall}


def main(argv: list[str] | None = None) -> int:
    """Print the index's size and the browser's times; return the exit status."""
    parser = argparse.ArgumentParser(description=(__doc__ or "").split("\n\n")[0])
    parser.add_argument("site", type=Path)
    parser.add_argument("--query", default="terrorist")
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args(argv)
    index_file = args.site / "search" / "search_index.json"
    if not index_file.is_file():
        print(f"{index_file}: no search index; build the site first", file=sys.stderr)
        return 1
    raw = index_file.read_bytes()
    entries = len(json.loads(raw)["docs"])
    runs = [measure(args.site, args.query) for _ in range(args.runs)]
    first = statistics.median(r["first_result_s"] for r in runs)
    stall = max(r["longest_stall_s"] for r in runs)
    print(
        f"{args.site}: {entries} entries, {len(raw) / 1e6:.1f} MB "
        f"({len(gzip.compress(raw)) / 1e6:.1f} MB gzipped); first result for {args.query!r} "
        f"after {first:.1f} s (median of {args.runs}); longest main-thread stall {stall:.2f} s"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
