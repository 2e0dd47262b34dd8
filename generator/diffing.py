"""Word-level differences between two versions of a statement, for the comparison view."""

from __future__ import annotations

import difflib
import enum
import itertools
import re
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass

from generator.model import Conflict

_WORD = re.compile(r"\S+")
_NUMBER_WORDS = frozenset(
    "one two three four five six seven eight nine ten eleven twelve thirteen fourteen fifteen "
    "sixteen seventeen eighteen nineteen twenty thirty forty fifty sixty seventy eighty ninety "
    "hundred thousand million billion dozen".split()
)
_OPENERS = "\"'“‘«„([—–-"
_SENTENCE_END = (".", "!", "?", ":", ";")


class Change(enum.Enum):
    """How a word of one version fares in the other."""

    SAME = "same"
    INSERTED = "inserted"
    DELETED = "deleted"
    CHANGED = "changed"


class Emphasis(enum.Enum):
    """Why a word that differs deserves the reader's eye."""

    NONE = "none"
    FACT = "fact"
    CONFLICT = "conflict"


@dataclass(frozen=True)
class Run:
    """Consecutive words of one version that differ (or not) in the same way."""

    text: str
    """The words, as the version writes them, joined by single spaces."""
    change: Change
    """``same``; ``deleted`` (left only); ``inserted`` (right only); ``changed`` (both sides)."""
    emphasis: Emphasis = Emphasis.NONE
    """``fact`` for a differing number or name, ``conflict`` for a fact the link flags."""


@dataclass(frozen=True)
class WordDiff:
    """Two versions of a statement, each cut into runs of words."""

    left: tuple[Run, ...]
    """The first version: its words the second lacks are ``deleted`` or ``changed``."""
    right: tuple[Run, ...]
    """The second version: its words the first lacks are ``inserted`` or ``changed``."""

    @property
    def same(self) -> bool:
        """Return whether the versions have the same words (case and punctuation aside)."""
        return all(run.change is Change.SAME for run in (*self.left, *self.right))


def diff_words(left: str, right: str, conflicts: Sequence[Conflict] = ()) -> WordDiff:
    """Return the word-level differences between two versions of a statement.

    Words compare without case and punctuation, as a verbatim link does. ``conflicts`` are the
    facts the two disagree on, ``left``/``right`` as the versions give them; their words are
    marked ``conflict`` where they differ. Other numbers and names that differ are ``fact``.
    """
    a, b = _WORD.findall(left), _WORD.findall(right)
    changes_a = [Change.SAME] * len(a)
    changes_b = [Change.SAME] * len(b)
    matcher = difflib.SequenceMatcher(None, _keys(a), _keys(b), autojunk=False)
    for op, a1, a2, b1, b2 in matcher.get_opcodes():
        if op == "delete":
            changes_a[a1:a2] = [Change.DELETED] * (a2 - a1)
        elif op == "insert":
            changes_b[b1:b2] = [Change.INSERTED] * (b2 - b1)
        elif op == "replace":
            changes_a[a1:a2] = [Change.CHANGED] * (a2 - a1)
            changes_b[b1:b2] = [Change.CHANGED] * (b2 - b1)
    return WordDiff(
        _runs(a, changes_a, [c.left for c in conflicts]),
        _runs(b, changes_b, [c.right for c in conflicts]),
    )


def _key(word: str) -> str:
    """Return what a word compares as: lower case, without punctuation."""
    folded = unicodedata.normalize("NFKC", word).casefold()
    key = "".join(ch for ch in folded if not unicodedata.category(ch).startswith("P"))
    return key or folded


def _keys(words: Sequence[str]) -> list[str]:
    return [_key(word) for word in words]


def _runs(words: list[str], changes: list[Change], values: list[str]) -> tuple[Run, ...]:
    """Return the words grouped into runs of the same change and emphasis."""
    clashes = _conflict_positions(words, values)
    # In a headline Written In Title Case a capital says nothing about names.
    capitals = sum(1 for word in words if word.lstrip(_OPENERS)[:1].isupper())
    names = capitals * 2 <= len(words)
    marks = []
    for position, change in enumerate(changes):
        emphasis = Emphasis.NONE
        if change is not Change.SAME and position in clashes:
            emphasis = Emphasis.CONFLICT
        elif change is not Change.SAME and _is_fact(words, position, names):
            emphasis = Emphasis.FACT
        marks.append((change, emphasis))
    runs = []
    for (change, emphasis), group in itertools.groupby(zip(marks, words, strict=True), _first):
        runs.append(Run(" ".join(word for _, word in group), change, emphasis))
    return tuple(runs)


def _first(pair: tuple[tuple[Change, Emphasis], str]) -> tuple[Change, Emphasis]:
    return pair[0]


def _conflict_positions(words: list[str], values: list[str]) -> set[int]:
    """Return the positions of the words that state a conflicting value ("40 million")."""
    keys = _keys(words)
    found: set[int] = set()
    for value in values:
        for phrase in value.split(", "):
            wanted = _keys(_WORD.findall(phrase))
            if not wanted:
                continue
            for start in range(len(keys) - len(wanted) + 1):
                if keys[start : start + len(wanted)] == wanted:
                    found.update(range(start, start + len(wanted)))
    return found


def _is_fact(words: list[str], position: int, names: bool) -> bool:
    """Return whether a word is a number, or (when ``names``) a name: capitalised, not opening
    a sentence or a quote."""
    word = words[position]
    if any(ch.isdigit() for ch in word) or _key(word) in _NUMBER_WORDS:
        return True
    bare = word.lstrip(_OPENERS)
    if not names or position == 0 or not bare[:1].isupper() or bare != word:
        return False
    return not words[position - 1].rstrip("\"'”’»)").endswith(_SENTENCE_END)
