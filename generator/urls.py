"""Where each generated page and statement lives in the built site."""

from __future__ import annotations

import functools
import posixpath
import re

HOME = "index.md"
CLUSTERS = "clusters/index.md"
CONFLICTS = "conflicts.md"
ANNOTATIONS = "annotations.md"
COVERAGE = "coverage.md"
SPEAKERS = "speakers.md"
OUTLETS = "outlets.md"
TIMELINE = "timeline.md"

# In Markdown a person wrote: a code span (left alone), an inline link or image's target, or a
# reference definition's target.
_MARKDOWN_TARGET = re.compile(
    r"(?P<code>`+)[^`]*?(?P=code)"
    r"|(?P<inline>!?\[[^\]\n]*\]\(\s*)(?P<target>[^\s()<>]+)"
    r"|(?P<definition>^[ ]{0,3}\[[^\]\n]+\]:[ \t]*)(?P<defined>[^\s<>]+)",
    re.MULTILINE,
)
_SCHEME = re.compile(r"[A-Za-z][A-Za-z0-9+.-]*:")


def source_page(source_id: str) -> str:
    """Return the Markdown path of a source's page."""
    return f"sources/{source_id}.md"


def cluster_page(cluster_id: str) -> str:
    """Return the Markdown path of a cluster's page."""
    return f"clusters/{cluster_id}.md"


def page_url(path: str, directory_urls: bool) -> str:
    """Return the site-relative address of a Markdown page, as MkDocs will publish it."""
    if not directory_urls:
        return path[: -len(".md")] + ".html"
    if path == "index.md":
        return ""
    if path.endswith("/index.md"):
        return path[: -len("index.md")]
    return path[: -len(".md")] + "/"


def relative_url(from_path: str, to_path: str, directory_urls: bool, anchor: str = "") -> str:
    """Return the link from one generated page to another (optionally to an anchor in it)."""
    relative = _relative_page(from_path, to_path, directory_urls)
    if relative == "./" and not anchor:
        relative = "./"
    return relative + (f"#{anchor}" if anchor else "")


@functools.lru_cache(maxsize=65536)
def _relative_page(from_path: str, to_path: str, directory_urls: bool) -> str:
    source, target = page_url(from_path, directory_urls), page_url(to_path, directory_urls)
    base = source.rstrip("/") if directory_urls else posixpath.dirname(source)
    relative = _relpath(target.rstrip("/"), base)
    if target.endswith("/") or target == "":
        relative = relative.rstrip("/") + "/"
    return relative


def _relpath(target: str, base: str) -> str:
    """Return ``posixpath.relpath(target or ".", base or ".")`` for the plain relative paths of
    generated pages, without its look-up of the working directory on every call."""
    base_parts = base.split("/") if base else []
    target_parts = target.split("/") if target else []
    common = 0
    for left, right in zip(base_parts, target_parts, strict=False):
        if left != right:
            break
        common += 1
    return "/".join([".."] * (len(base_parts) - common) + target_parts[common:]) or "."


def rebase_links(markdown: str, home: str, page: str) -> str:
    """Return Markdown written for the page ``home`` with its relative links made to work on
    ``page``: an analyst's note links from the page it annotates, and also shows elsewhere."""
    if home == page:
        return markdown

    def rebase(found: re.Match[str]) -> str:
        if found.group("code"):
            return found.group()
        lead = found.group("inline") or found.group("definition")
        address = found.group("target") or found.group("defined")
        if address.startswith("/") or _SCHEME.match(address):
            return found.group()
        path, hash_, anchor = address.partition("#")
        resolved = home
        if path:
            resolved = posixpath.normpath(posixpath.join(posixpath.dirname(home), path))
        return lead + _relpath(resolved, posixpath.dirname(page)) + hash_ + anchor

    return _MARKDOWN_TARGET.sub(rebase, markdown)
