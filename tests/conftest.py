"""Shared fixtures: a tiny briefing project written into a temporary folder."""

from __future__ import annotations

import textwrap
from collections.abc import Callable
from pathlib import Path

import pytest

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
