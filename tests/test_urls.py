"""Unit tests of generator.urls: page addresses and links between generated pages."""

from __future__ import annotations

import posixpath

import pytest
from hypothesis import given
from hypothesis import strategies as st

from generator import urls
from generator.urls import cluster_page, page_url, relative_url, source_page


@pytest.mark.parametrize(
    ("path", "directory", "flat"),
    [
        ("index.md", "", "index.html"),
        ("clusters/index.md", "clusters/", "clusters/index.html"),
        ("sources/tass.md", "sources/tass/", "sources/tass.html"),
        ("conflicts.md", "conflicts/", "conflicts.html"),
    ],
)
def test_page_url(path: str, directory: str, flat: str) -> None:
    assert (page_url(path, True), page_url(path, False)) == (directory, flat)


def test_page_paths() -> None:
    assert (source_page("tass"), cluster_page("c-1a2b")) == (
        "sources/tass.md",
        "clusters/c-1a2b.md",
    )


@pytest.mark.parametrize(
    ("from_path", "to_path", "anchor", "expected"),
    [
        ("index.md", "sources/tass.md", "", "sources/tass/"),
        ("index.md", "index.md", "", "./"),
        ("index.md", "index.md", "top", "./#top"),
        ("sources/tass.md", "sources/reuters.md", "reuters-1a", "../reuters/#reuters-1a"),
        ("sources/tass.md", "sources/tass.md", "", "./"),
        ("sources/tass.md", "sources/tass.md", "tass-1a", "./#tass-1a"),
        ("sources/tass.md", "index.md", "", "../../"),
        ("sources/tass.md", "conflicts.md", "", "../../conflicts/"),
        ("clusters/c-1.md", "sources/tass.md", "tass-1a", "../../sources/tass/#tass-1a"),
        ("clusters/index.md", "clusters/c-1.md", "", "c-1/"),
        ("clusters/c-1.md", "clusters/index.md", "", "../"),
        ("conflicts.md", "clusters/index.md", "", "../clusters/"),
    ],
)
def test_relative_url_with_directory_urls(
    from_path: str, to_path: str, anchor: str, expected: str
) -> None:
    assert relative_url(from_path, to_path, True, anchor) == expected


@pytest.mark.parametrize(
    ("from_path", "to_path", "anchor", "expected"),
    [
        ("index.md", "sources/tass.md", "", "sources/tass.html"),
        ("index.md", "index.md", "", "index.html"),
        ("index.md", "index.md", "top", "index.html#top"),
        ("sources/tass.md", "sources/reuters.md", "reuters-1a", "reuters.html#reuters-1a"),
        ("sources/tass.md", "sources/tass.md", "tass-1a", "tass.html#tass-1a"),
        ("sources/tass.md", "index.md", "", "../index.html"),
        ("sources/tass.md", "conflicts.md", "", "../conflicts.html"),
        ("clusters/c-1.md", "sources/tass.md", "tass-1a", "../sources/tass.html#tass-1a"),
        ("clusters/index.md", "clusters/c-1.md", "", "c-1.html"),
        ("clusters/c-1.md", "clusters/index.md", "", "index.html"),
        ("conflicts.md", "clusters/index.md", "", "clusters/index.html"),
    ],
)
def test_relative_url_without_directory_urls(
    from_path: str, to_path: str, anchor: str, expected: str
) -> None:
    assert relative_url(from_path, to_path, False, anchor) == expected


@given(
    st.lists(st.sampled_from(["a", "b", "sources", "c-1", "x.html"]), max_size=4),
    st.lists(st.sampled_from(["a", "b", "sources", "c-1", "x.html"]), max_size=4),
)
def test_relative_paths_are_those_of_posixpath(target: list[str], base: list[str]) -> None:
    target_path, base_path = "/".join(target), "/".join(base)
    expected = posixpath.relpath(target_path or ".", base_path or ".")
    assert urls._relpath(target_path, base_path) == expected


@pytest.mark.parametrize(
    ("markdown", "page", "expected"),
    [
        ("[A](akorda.md#st-1)", "annotations.md", "[A](sources/akorda.md#st-1)"),
        ("[A](akorda.md)", "clusters/c0001.md", "[A](../sources/akorda.md)"),
        ("[C](../conflicts.md 'x')", "annotations.md", "[C](conflicts.md 'x')"),
        ("[top](#intro)", "annotations.md", "[top](sources/tass.md#intro)"),
        ("![map](../img/map.png)", "clusters/c0001.md", "![map](../img/map.png)"),
        ("[r]: akorda.md\n  [s]: ../x.md", "annotations.md", "[r]: sources/akorda.md\n  [s]: x.md"),
        # Addresses that do not depend on the page, and code, stay as written.
        ("[w](https://example.org/a.md) [m](mailto:a@b.org)", "annotations.md", None),
        ("[root](/sources/a.md) `[code](akorda.md)` ``[x](y.md)``", "annotations.md", None),
        ("[A](akorda.md)", "sources/tass.md", None),
    ],
)
def test_rebase_links_moves_relative_links_from_the_annotated_page(
    markdown: str, page: str, expected: str | None
) -> None:
    assert urls.rebase_links(markdown, "sources/tass.md", page) == (expected or markdown)
