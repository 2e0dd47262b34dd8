"""Rendering again after an edit (what ``mkdocs serve`` does): pages reused only when nothing
they show can have changed, and always the same pages a fresh render makes."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from generator.config import ProjectPaths
from generator.fragments import inline_fragments
from generator.model import Briefing
from generator.pipeline import build_briefing
from generator.rendering import Page, Rendered, RenderOptions, render_again, render_site
from tests.conftest import BRIDGE_FILES, BRIDGE_GAZETTE

NOTES = "content/annotations/notes.yml"
NOTE = """\
- quote: The bridge cost 40 million dollars.
  source: wire
  note: {note}
"""


@pytest.fixture
def project(make_project: Callable[..., Path]) -> Path:
    return make_project({**BRIDGE_FILES, NOTES: NOTE.format(note="The council's figure.")})


def _build(root: Path) -> Briefing:
    return build_briefing(ProjectPaths.under(root), root / ".briefing-cache")


def _pages(rendered: Rendered) -> dict[str, str]:
    return _markdown(rendered.pages)


def _markdown(pages: list[Page]) -> dict[str, str]:
    """Return each page's Markdown with its fragments of HTML in place."""
    return {page.path: inline_fragments(page.markdown, page.fragments) for page in pages}


def _reused(earlier: Rendered, later: Rendered) -> set[str]:
    before = {page.path: page for page in earlier.pages}
    return {page.path for page in later.pages if before.get(page.path) is page}


def test_an_annotation_edit_renders_again_only_the_page_that_shows_it(project: Path) -> None:
    options = RenderOptions(template_dirs=(project / "theme/briefing",))
    first = render_again(_build(project), options, None)
    (project / NOTES).write_text(NOTE.format(note="The council's figure, in 2023."), "utf-8")
    briefing = _build(project)
    second = render_again(briefing, options, first)
    assert _pages(second) == _markdown(render_site(briefing, options))
    assert "in 2023." in _pages(second)["sources/wire.md"]
    reused = _reused(first, second)
    assert "sources/gazette.md" in reused and "sources/wire.md" not in reused
    assert {p for p in reused if p.startswith("clusters/c-")}, "cluster pages without notes"
    assert {"coverage.md", "conflicts.md", "speakers.md", "timeline.md"} <= reused
    assert "annotations.md" not in reused and "index.md" not in reused and "tags.md" not in reused


def test_nothing_is_reused_when_a_source_or_a_template_changes(project: Path) -> None:
    options = RenderOptions(template_dirs=(project / "theme/briefing",))
    first = render_again(_build(project), options, None)
    gazette = project / "content/sources/gazette.txt"
    gazette.write_text(BRIDGE_GAZETTE.replace("Friday", "Saturday"), encoding="utf-8")
    briefing = _build(project)
    second = render_again(briefing, options, first)
    assert _reused(first, second) == set()
    assert _pages(second) == _markdown(render_site(briefing, options))
    # A project's own template for the source pages, added while serving.
    templates = project / "theme/briefing"
    templates.mkdir(parents=True)
    (templates / "source.md.j2").write_text("# {{ meta.title | md }}\n\nOwn page.\n", "utf-8")
    third = render_again(briefing, options, second)
    assert _reused(second, third) == set()
    assert _pages(third)["sources/wire.md"].endswith("Own page.\n")
