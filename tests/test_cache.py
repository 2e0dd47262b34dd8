"""The analysis cache: reused when only annotations change, rebuilt when sources change."""

from __future__ import annotations

import ast
import gc
import json
import os
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

import generator
from generator import cache, pipeline
from generator.config import ProjectPaths
from generator.errors import BriefingError
from generator.pipeline import build_briefing

GENERATOR = Path(generator.__file__).parent
WIRE = """\
Mayor opens the new river bridge

The mayor opened the new river bridge on Friday after four years of work.
The bridge cost 40 million dollars, the council said.
"""
PAPER = """\
Riverton celebrates its bridge

Mayor Lena Ortiz opened the new river bridge on Friday after four years of work.
Residents crossed it on foot all afternoon.
"""
SOURCES = """\
- id: wire
  file: wire.txt
- id: paper
  file: paper.txt
"""


@pytest.fixture
def project(make_project: Callable[..., Path]) -> Path:
    return make_project(
        {
            "content/sources/wire.txt": WIRE,
            "content/sources/paper.txt": PAPER,
            "site-config/sources.yml": SOURCES,
        }
    )


@pytest.fixture
def matches(monkeypatch: pytest.MonkeyPatch) -> list[int]:
    """Count how often the matcher runs."""
    calls: list[int] = []
    real = pipeline.match_statements

    def counting(*args: Any, **kwargs: Any) -> Any:
        calls.append(1)
        return real(*args, **kwargs)

    monkeypatch.setattr(pipeline, "match_statements", counting)
    return calls


def test_second_build_reuses_the_analysis(project: Path, matches: list[int]) -> None:
    cache = project / ".briefing-cache"
    first = build_briefing(ProjectPaths.under(project), cache)
    second = build_briefing(ProjectPaths.under(project), cache)
    assert len(matches) == 1
    assert second.statements == first.statements
    assert second.links == first.links
    assert first.links, "the two reports share a statement"


def test_editing_an_annotation_does_not_rerun_matching(project: Path, matches: list[int]) -> None:
    cache = project / ".briefing-cache"
    build_briefing(ProjectPaths.under(project), cache)
    (project / "content/annotations/notes.yml").write_text(
        '- quote: "Residents crossed it on foot"\n  note: Only the paper saw this.\n',
        encoding="utf-8",
    )
    briefing = build_briefing(ProjectPaths.under(project), cache)
    assert len(matches) == 1
    assert [a.note for a in briefing.annotations] == ["Only the paper saw this."]


def test_editing_a_source_or_the_settings_reruns_matching(
    project: Path, matches: list[int]
) -> None:
    cache = project / ".briefing-cache"
    build_briefing(ProjectPaths.under(project), cache)
    source = project / "content/sources/paper.txt"
    source.write_text(PAPER + "The council met in the evening.\n", encoding="utf-8")
    edited = build_briefing(ProjectPaths.under(project), cache)
    assert len(matches) == 2
    assert any(s.text == "The council met in the evening." for s in edited.statements)
    (project / "site-config/settings.yml").write_text("matching:\n  threshold: 0.9\n")
    build_briefing(ProjectPaths.under(project), cache)
    assert len(matches) == 3


def _columns(first: list[int], second: list[int]) -> dict[str, Any]:
    links = {"from": first, "to": second, "kind": [1], "score": [0.9], "conflicts": []}
    return {"format": 2, "statements": [], "links": links}


DAMAGED = {
    "a statement of one field": json.dumps(
        {"format": 2, "statements": [["only one field"]], "links": []}
    ),
    "no format": json.dumps({"statements": [], "links": []}),
    "the first format": json.dumps(
        {"format": 1, "statements": [], "links": [["a", "b", "partial", 1.0, []]]}
    ),
    "no such statement": json.dumps(_columns([0], [1])),
    "a negative index": json.dumps(_columns([-1], [-2])),
    "a column short": json.dumps(_columns([], [0])),
    "not JSON": '{"format": 2, "statements": [',
}


@pytest.mark.parametrize("damage", DAMAGED.values(), ids=DAMAGED.keys())
def test_a_damaged_cache_is_recomputed(project: Path, matches: list[int], damage: str) -> None:
    cache = project / ".briefing-cache"
    first = build_briefing(ProjectPaths.under(project), cache)
    (stored,) = cache.glob("analysis-*.json")
    stored.write_text(damage, encoding="utf-8")
    again = build_briefing(ProjectPaths.under(project), cache)
    assert len(matches) == 2
    assert again.links == first.links


def test_without_a_cache_folder_nothing_is_written(project: Path, matches: list[int]) -> None:
    build_briefing(ProjectPaths.under(project))
    build_briefing(ProjectPaths.under(project))
    assert len(matches) == 2
    assert not (project / ".briefing-cache").exists()


def _imports(module: str) -> set[str]:
    """Return the generator modules ``module`` imports, directly or through others."""
    found: set[str] = set()
    todo = [module]
    while todo:
        tree = ast.parse((GENERATOR / f"{todo.pop()}.py").read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            names = []
            if isinstance(node, ast.ImportFrom) and node.module:
                names = [node.module] + [f"{node.module}.{a.name}" for a in node.names]
            elif isinstance(node, ast.Import):
                names = [a.name for a in node.names]
            for name in names:
                stem = name.removeprefix("generator.").split(".")[0]
                module_file = GENERATOR / f"{stem}.py"
                if name.startswith("generator") and module_file.is_file() and stem not in found:
                    found.add(stem)
                    todo.append(stem)
    return found


def test_the_key_leaves_out_only_code_the_analysis_does_not_run() -> None:
    # What the cached part of build_briefing calls: reading, splitting, matching.
    analysis = {"sources", "statements", "matching", "config"}
    used = analysis.union(*(_imports(m) for m in analysis))
    assert not used & cache.PRESENTATION, "a module the analysis uses must be in the key"
    # A new module is either run by the analysis or named as presentation: never unclassified.
    keyed = {p.stem for p in GENERATOR.glob("*.py")} - cache.PRESENTATION
    assert keyed - used == {"__init__", "cache", "pipeline"}


def test_the_last_analysis_is_reused_from_memory_while_its_file_is_unchanged(
    project: Path, matches: list[int], monkeypatch: pytest.MonkeyPatch
) -> None:
    folder = project / ".briefing-cache"
    decoded: list[int] = []
    real = cache._statement

    def counting(item: list[Any]) -> Any:
        decoded.append(1)
        return real(item)

    monkeypatch.setattr(cache, "_statement", counting)
    first = build_briefing(ProjectPaths.under(project), folder)
    second = build_briefing(ProjectPaths.under(project), folder)
    assert (len(matches), decoded) == (1, []), "as mkdocs serve rebuilds: nothing read back"
    (stored,) = folder.glob("analysis-*.json")
    stored.write_bytes(stored.read_bytes())  # the same analysis, but the file was touched
    os.utime(stored, ns=(0, 0))
    third = build_briefing(ProjectPaths.under(project), folder)
    assert len(matches) == 1 and decoded, "read back from the file"
    assert first.links == second.links == third.links


def test_the_cycle_collector_is_on_again_after_the_analysis(project: Path) -> None:
    assert gc.isenabled()
    build_briefing(ProjectPaths.under(project))
    assert gc.isenabled()
    (project / "site-config/settings.yml").write_text("matching: [not, a, mapping]\n")
    with pytest.raises(BriefingError):
        build_briefing(ProjectPaths.under(project))
    assert gc.isenabled()
