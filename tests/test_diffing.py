"""Unit tests of generator.diffing: word-level differences between two versions."""

from __future__ import annotations

from generator.diffing import Change, Emphasis, Run, WordDiff, diff_words
from generator.model import Conflict

SAME, INSERTED, DELETED, CHANGED = Change.SAME, Change.INSERTED, Change.DELETED, Change.CHANGED
FACT, CONFLICT = Emphasis.FACT, Emphasis.CONFLICT


def test_identical_words_ignore_case_and_punctuation() -> None:
    diff = diff_words("The bridge opened, on Friday.", "the bridge opened on Friday")
    assert diff == WordDiff(
        (Run("The bridge opened, on Friday.", SAME),), (Run("the bridge opened on Friday", SAME),)
    )
    assert diff.same


def test_inserted_and_deleted_words() -> None:
    diff = diff_words("The mayor opened the bridge today.", "The mayor opened the new bridge.")
    assert diff.left == (Run("The mayor opened the bridge", SAME), Run("today.", DELETED))
    assert diff.right == (
        Run("The mayor opened the", SAME),
        Run("new", INSERTED),
        Run("bridge.", SAME),
    )
    assert not diff.same


def test_changed_words_on_both_sides() -> None:
    diff = diff_words("Militants seized the airport.", "Terrorists seized the airport.")
    assert diff.left == (Run("Militants", CHANGED), Run("seized the airport.", SAME))
    assert diff.right == (Run("Terrorists", CHANGED), Run("seized the airport.", SAME))


def test_conflicting_values_stand_out() -> None:
    diff = diff_words(
        "The bridge cost 40 million dollars.",
        "The bridge cost 45 million dollars, the council said.",
        [Conflict("number", "40 million", "45 million")],
    )
    assert diff.left == (
        Run("The bridge cost", SAME),
        Run("40", CHANGED, CONFLICT),
        Run("million dollars.", SAME),
    )
    assert diff.right == (
        Run("The bridge cost", SAME),
        Run("45", CHANGED, CONFLICT),
        Run("million dollars,", SAME),
        Run("the council said.", INSERTED),
    )


def test_place_conflict_marks_the_relation_word() -> None:
    diff = diff_words(
        "A battle near Almaty.",
        "A battle in Almaty.",
        [Conflict("place", "near Almaty", "in Almaty")],
    )
    assert diff.left[1] == Run("near", CHANGED, CONFLICT)
    assert diff.right[1] == Run("in", CHANGED, CONFLICT)
    assert diff.left[2] == Run("Almaty.", SAME)


def test_differing_numbers_and_names_are_facts() -> None:
    diff = diff_words("Ortiz said five people came.", "Ortiz said Lena Diaz and 6 people came.")
    assert diff.left == (
        Run("Ortiz said", SAME),
        Run("five", CHANGED, FACT),
        Run("people came.", SAME),
    )
    assert diff.right == (
        Run("Ortiz said", SAME),
        Run("Lena Diaz", CHANGED, FACT),
        Run("and", CHANGED),
        Run("6", CHANGED, FACT),
        Run("people came.", SAME),
    )


def test_a_capital_opening_a_sentence_or_quote_is_no_name() -> None:
    diff = diff_words("Troops left.", "Troops left. Residents returned “Quietly” today.")
    assert diff.right == (
        Run("Troops left.", SAME),
        Run("Residents returned “Quietly” today.", INSERTED),
    )


def test_empty_versions() -> None:
    assert diff_words("", "") == WordDiff((), ())
    assert diff_words("", "New words") == WordDiff((), (Run("New words", INSERTED),))
