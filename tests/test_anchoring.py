"""Anchoring: quotes find their statement exactly, in context, and again after the source text
is edited; what cannot be found again becomes an orphan with everything the analyst wrote."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from mkdocs.commands.build import build
from mkdocs.config import load_config

from generator.anchoring import Miss, TextIndex, anchor_selector
from generator.cli import main
from generator.config import ProjectPaths
from generator.model import Anchor, Briefing, Origin, Selector
from generator.pipeline import build_briefing

WIRE = """\
Harbour pilots join the strike

Pilots at Port Arden said on Tuesday they would stop guidng ships into the harbour.

"We will not work until the ministry listens to us," said Anna Berg, who leads the pilots' union.

The strike has closed the port for nine days. Shipping firms say they are losing money.
"""
PAPER = """\
Port Arden stays shut

Shipping firms say they are losing money as the port stays closed.

The pilots will not work until the ministry listens, the union said.
"""
SOURCES_YML = """\
- id: wire
  file: wire.txt
  title: Harbour pilots join the strike
  outlet: Port Wire
  kind: wire agency
  published: 2024-03-12
- id: paper
  file: paper.txt
  title: Port Arden stays shut
  outlet: Arden Post
  kind: newspaper
  published: null
"""
NOTES = """\
- quote: Pilots at Port Arden said on Tuesday they would stop guidng ships
  source: wire
  note: The pilots' own words, via the wire.
  tags: [pilots]
- quote: "We will not work until the ministry listens to us"
  note: Anna Berg, quoted by the wire only.
- quote: The strike has closed the port for nine days.
  id: wire-0123456789
  verdict: confirmed
"""


@pytest.fixture
def harbour(make_project: Callable[..., Path]) -> Path:
    return make_project(
        {
            "content/sources/wire.txt": WIRE,
            "content/sources/paper.txt": PAPER,
            "content/annotations/notes.yml": NOTES,
            "site-config/sources.yml": SOURCES_YML,
        }
    )


def _edit(root: Path, old: str, new: str) -> Briefing:
    path = root / "content" / "sources" / "wire.txt"
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new), encoding="utf-8")
    return build_briefing(ProjectPaths.under(root))


def _targets(briefing: Briefing) -> list[tuple[str, str, bool]]:
    """Return per annotation its statement's text, the words anchored, and if by similarity."""
    text_of = {s.id: s.text for s in briefing.statements}
    return [
        (text_of[a.target], a.anchor.text, a.anchor.fuzzy)
        for a in briefing.annotations
        if a.anchor is not None
    ]


ORIGINAL = [
    (
        "Pilots at Port Arden said on Tuesday they would stop guidng ships into the harbour.",
        "Pilots at Port Arden said on Tuesday they would stop guidng ships",
        False,
    ),
    (
        '"We will not work until the ministry listens to us," said Anna Berg, who leads the '
        "pilots' union.",
        "We will not work until the ministry listens to us",
        False,
    ),
    (
        "The strike has closed the port for nine days.",
        "The strike has closed the port for nine days.",
        False,
    ),
]


def test_quotes_anchor_exactly_in_the_original_text(harbour: Path) -> None:
    briefing = build_briefing(ProjectPaths.under(harbour))
    assert briefing.problems == ()
    assert _targets(briefing) == ORIGINAL


def test_typo_fixed_in_the_source_reattaches_by_similarity(harbour: Path) -> None:
    briefing = _edit(harbour, "guidng", "guiding")
    assert briefing.problems == ()
    first = briefing.annotations[0]
    assert _targets(briefing)[0] == (
        "Pilots at Port Arden said on Tuesday they would stop guiding ships into the harbour.",
        "Pilots at Port Arden said on Tuesday they would stop guiding ships",
        True,
    )
    assert first.anchor is not None and first.anchor.score == 1.0
    assert first.note == "The pilots' own words, via the wire."


def test_paragraph_added_changes_nothing(harbour: Path) -> None:
    before = build_briefing(ProjectPaths.under(harbour))
    briefing = _edit(
        harbour,
        "The strike has closed",
        "Ferries still run to the islands.\n\nThe strike has closed",
    )
    assert briefing.problems == ()
    assert _targets(briefing) == ORIGINAL
    assert [a.target for a in briefing.annotations] == [a.target for a in before.annotations]


def test_punctuation_changed_still_matches_exactly(harbour: Path) -> None:
    briefing = _edit(
        harbour,
        '"We will not work until the ministry listens to us," said Anna Berg',
        "“We will not work until the Ministry listens to us!” said Anna Berg",
    )
    assert briefing.problems == ()
    assert _targets(briefing)[1] == (
        "“We will not work until the Ministry listens to us!” said Anna Berg, who leads the "
        "pilots' union.",
        "We will not work until the Ministry listens to us",
        False,
    )


def test_words_changed_reattach_to_the_edited_statement(harbour: Path) -> None:
    briefing = _edit(
        harbour,
        "The strike has closed the port for nine days.",
        "The strike has now closed the port for ten days.",
    )
    assert briefing.problems == ()
    assert _targets(briefing)[2] == (
        "The strike has now closed the port for ten days.",
        "The strike has now closed the port for ten days",
        True,
    )


def test_statement_id_gone_falls_back_to_the_quote(harbour: Path) -> None:
    briefing = build_briefing(ProjectPaths.under(harbour))
    third = briefing.annotations[2]
    assert third.selector.id == "wire-0123456789"
    assert third.anchor is not None and not third.anchor.fuzzy


def test_deleted_statement_leaves_an_orphan_with_everything_written(harbour: Path) -> None:
    briefing = _edit(
        harbour,
        '"We will not work until the ministry listens to us," said Anna Berg, who leads the '
        "pilots' union.\n",
        "",
    )
    assert [str(p) for p in briefing.problems] == [
        "content/annotations/notes.yml:5: the quote 'We will not work until the ministry "
        "listens to us' matches no statement; copy the words exactly from the source page"
    ]
    [orphan] = briefing.orphans
    assert orphan.text == (
        '- quote: "We will not work until the ministry listens to us"\n'
        "  note: Anna Berg, quoted by the wire only.\n"
    )
    assert orphan.annotation is not None
    assert orphan.annotation.note == "Anna Berg, quoted by the wire only."
    assert len(briefing.annotations) == 2


def test_never_reattaches_to_another_sources_paraphrase(harbour: Path) -> None:
    briefing = _edit(
        harbour,
        '"We will not work until the ministry listens to us," said Anna Berg',
        '"Our members stay home," said Anna Berg',
    )
    paper = "The pilots will not work until the ministry listens, the union said."
    assert paper not in [text for text, _, _ in _targets(briefing)]
    assert [o.origin.line for o in briefing.orphans] == [5]


def _index(make_project: Callable[..., Path], text: str) -> TextIndex:
    root = make_project(
        {
            "content/sources/wire.txt": text,
            "content/sources/paper.txt": PAPER,
            "site-config/sources.yml": SOURCES_YML,
        }
    )
    briefing = build_briefing(ProjectPaths.under(root))
    return TextIndex(list(briefing.sources), list(briefing.statements))


REPEATED = """\
Harbour pilots join the strike

The port is closed. Ferries still run to the islands. The port is closed.
"""


def _find(index: TextIndex, **keys: str) -> Anchor | Miss:
    return anchor_selector(Selector(Origin("notes.yml", 1), source="wire", **keys), index)


def test_prefix_or_suffix_tells_a_repeated_quote_apart(
    make_project: Callable[..., Path],
) -> None:
    index = _index(make_project, REPEATED)
    first, second = (s for s in index.statements if s.text == "The port is closed.")
    assert _find(index, quote="the port is closed") == Miss(
        f"the quote 'the port is closed' matches 2 statements: {first.id} (body 'The port is "
        f"closed.'); {second.id} (body 'The port is closed.'); add 'source:', 'prefix:' or "
        "'suffix:', or use 'id:'"
    )
    found = _find(index, quote="The port is closed.", suffix="Ferries still")
    assert isinstance(found, Anchor) and found.statement == first.id
    assert (found.start, found.end, found.text) == (32, 51, "The port is closed.")
    found = _find(index, quote="The port is closed.", prefix="to the islands.")
    assert isinstance(found, Anchor) and found.statement == second.id


def test_quote_matches_whole_words_only(make_project: Callable[..., Path]) -> None:
    index = _index(make_project, "Harbour news\n\nThe porter closed the portal at noon.\n")
    assert _find(index, quote="port") == Miss(
        "the quote 'port' matches no statement of wire; copy the words exactly from the source page"
    )


def test_edited_context_still_picks_the_right_repeat(make_project: Callable[..., Path]) -> None:
    index = _index(make_project, REPEATED.replace("Ferries still run", "Ferries still sail"))
    first = next(s for s in index.statements if s.text == "The port is closed.")
    found = _find(index, quote="The port is closed.", suffix="Ferries still run")
    assert isinstance(found, Anchor) and found.statement == first.id and found.fuzzy


def test_reattached_quote_is_flagged_by_check_and_on_the_annotations_page(
    harbour: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    _edit(harbour, "guidng", "guiding")
    assert main(["check", "-f", str(harbour / "mkdocs.yml")]) == 0
    assert capsys.readouterr().err == (
        "note: content/annotations/notes.yml:1: the quote no longer matches the text exactly; "
        "attached by similarity to 'Pilots at Port Arden said on Tuesday they would stop "
        "guiding ships'; update the quote\n"
    )
    monkeypatch.chdir(harbour)
    build(load_config(str(harbour / "mkdocs.yml"), strict=True))
    listing = (harbour / "site" / "annotations" / "index.html").read_text(encoding="utf-8")
    assert (
        '<p class="bf-reanchored">Re-attached: the quote no longer matches the text exactly; it '
        "was attached by similarity (100%) to the words “Pilots at Port Arden said on Tuesday "
        "they would stop guiding ships”. Update the quote at "
        "<code>content/annotations/notes.yml:1</code>.</p>"
    ) in listing
