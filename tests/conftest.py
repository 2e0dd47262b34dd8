"""Shared fixtures: a tiny briefing project written into a temporary folder."""

from __future__ import annotations

import os
import textwrap
from collections.abc import Callable
from pathlib import Path

import pytest
from mkdocs.commands import build as mkdocs_build
from mkdocs.config import load_config

REPO = Path(__file__).resolve().parent.parent

MKDOCS_YML = """\
site_name: Test briefing
docs_dir: content
theme:
  name: material
  font: false
markdown_extensions:
  - admonition
  - attr_list
  - toc
plugins:
  - search
  - briefing
"""


def build_site(root: Path, strict: bool = True) -> Path:
    """Build the project (from its folder, as ``mkdocs build`` would) and return site/."""
    previous = Path.cwd()
    os.chdir(root)
    try:
        mkdocs_build.build(load_config(str(root / "mkdocs.yml"), strict=strict))
    finally:
        os.chdir(previous)
    return root / "site"


# Two reports of one invented event, shared by the tests that build a small briefing.
BRIDGE_WIRE = """\
Mayor Opens New Bridge in Riverton

RIVERTON, May 3 (City Wire) - The mayor opened the new river bridge on Friday.

"This bridge joins the two halves of our city," Mayor Lena Ortiz said. "It took four years."

The bridge cost 40 million dollars.

Leave a Reply
"""
BRIDGE_GAZETTE = """\
Riverton bridge opens after four years

Mayor Lena Ortiz opened the new river bridge on Friday.

“This bridge joins the two halves of our city,” the mayor said.

The bridge cost 45 million dollars, according to the council.

Residents crossed it on foot all afternoon.
"""
BRIDGE_SOURCES_YML = """\
- id: wire
  file: wire.txt
  title: Mayor Opens New Bridge in Riverton
  outlet: City Wire
  kind: wire agency
  published: 2024-05-03
  language: en
- id: gazette
  file: gazette.txt
  title: Riverton bridge opens after four years
  outlet: Riverton Gazette
  kind: newspaper
  published: null
  language: en
"""
BRIDGE_FILES = {
    "content/sources/wire.txt": BRIDGE_WIRE,
    "content/sources/gazette.txt": BRIDGE_GAZETTE,
    "site-config/sources.yml": BRIDGE_SOURCES_YML,
}
"""The two-report bridge project, as ``make_project`` takes it."""


@pytest.fixture
def make_project(tmp_path: Path) -> Callable[..., Path]:
    """Return a function that writes a project from {relative path: text} and returns its root."""

    def make(files: dict[str, str], mkdocs_yml: str = MKDOCS_YML) -> Path:
        root = tmp_path / "project"
        (root / "content" / "sources").mkdir(parents=True, exist_ok=True)
        (root / "content" / "annotations").mkdir(parents=True, exist_ok=True)
        (root / "site-config").mkdir(parents=True, exist_ok=True)
        (root / "mkdocs.yml").write_text(mkdocs_yml, encoding="utf-8")
        for name, text in files.items():
            path = root / name
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(textwrap.dedent(text), encoding="utf-8")
        return root

    return make
