"""Matching, conflict and speaker quality on the hand-labelled sets must not fall below floors.

The floors sit a little under what the matcher measures today (see bench/quality.py), so a
change that makes matching worse fails here; raise them when the matcher gets better.
"""

from __future__ import annotations

from typing import Any

import pytest

from bench.quality import agreement, build_corpus, build_project, evaluate, load_labels
from tests.conftest import REPO

DATA = REPO / "bench" / "data"


def _example() -> dict[str, Any]:
    briefing = build_project(REPO)
    return evaluate(briefing, load_labels(DATA / "kazakhstan-2022.yml"))


def _corpus(name: str) -> dict[str, Any]:
    briefing = build_corpus(REPO / "tests" / "data" / name)
    return evaluate(briefing, load_labels(DATA / f"{name}.yml"))


@pytest.fixture(scope="module")
def results() -> dict[str, dict[str, Any]]:
    return {
        "kazakhstan-2022": _example(),
        "other-event": _corpus("other-event"),
        "rephrased": _corpus("rephrased"),
        "mine-collapse": _corpus("mine-collapse"),
        "court-ruling": _corpus("court-ruling"),
    }


# name: (precision, recall, speaker accuracy, labelled conflicts found)
# The example's precision floor went 0.87 -> 0.86 when headlines' links were closed: three
# more headline links there (two arguable), more links found on seven of eight real news sets.
# Recall raised (example 0.83 -> 0.85, Port Arden 0.7 -> 0.74) when the headlines and first
# sentences of reports were linked on weaker evidence (0.859, 0.752); raised again (example
# 0.85 -> 0.88, Brannock Hills 0.82 -> 0.85) when closure ran until it linked nothing new
# (0.889, 0.857), and for the example to 0.89 when a list of names was matched (0.899), to
# 0.9 when a caption could link to prose through a third statement (0.909).
# The Koldan mine set (labelled like the real news: every two statements sharing a claim) was
# added at 0.846 / 0.602, 29 conflicts found; precision raised to 0.85 when a headline no longer
# summed up a sentence that disagrees with it (0.860). The court-ruling set (labelled strictly,
# like the example) was added at 0.675 / 0.611, one of its seven conflicts found; precision
# raised to 0.69 when a relative clause after a name was left out like a description (0.694).
# The example's precision raised to 0.89 when an alias held with an article inside it ("the Head
# of the State"), so that "State" was no longer a word like "statement" (0.900).
FLOORS = {
    "kazakhstan-2022": (0.89, 0.9, 0.99, 2),
    "other-event": (0.97, 0.74, 0.99, 4),
    "rephrased": (0.95, 0.85, 0.99, 8),
    "mine-collapse": (0.85, 0.58, 0.99, 27),
    "court-ruling": (0.69, 0.59, 0.99, 1),
}


@pytest.mark.parametrize("name", sorted(FLOORS))
def test_links_keep_their_precision_and_recall(
    results: dict[str, dict[str, Any]], name: str
) -> None:
    precision, recall, _, _ = FLOORS[name]
    scores = results[name]["links"]["all"]
    assert scores["precision"] >= precision, results[name]["false_positives"]
    assert scores["recall"] >= recall


def test_example_reaches_the_target_f1(results: dict[str, dict[str, Any]]) -> None:
    # Issue 3's target, with the default settings and the example's own site-config.
    assert results["kazakhstan-2022"]["links"]["all"]["f1"] >= 0.9


# name: F1 of the partial kind, over the links labelled partial. Raised for the two invented
# sets when a link became partial at 2.5 unmatched words more than the other, not 3 (0.444,
# 0.655; the example's stayed 0.614). Raised again when leads were linked, as partial (0.627,
# 0.468), and for Brannock Hills when closure ran until it linked nothing new (0.678).
PARTIAL_FLOORS = {
    "kazakhstan-2022": 0.6,
    "other-event": 0.46,
    "rephrased": 0.66,
    "mine-collapse": 0.44,
    "court-ruling": 0.41,
}


@pytest.mark.parametrize("name", sorted(PARTIAL_FLOORS))
def test_partial_links_are_typed_partial(results: dict[str, dict[str, Any]], name: str) -> None:
    assert results[name]["links"]["partial"]["f1"] >= PARTIAL_FLOORS[name], results[name][
        "wrong_kind"
    ]


@pytest.mark.parametrize("name", sorted(FLOORS))
def test_conflicts_are_found_and_formatting_is_no_conflict(
    results: dict[str, dict[str, Any]], name: str
) -> None:
    conflicts = results[name]["conflicts"]
    assert conflicts["found"] >= FLOORS[name][3], conflicts["missed"]
    assert conflicts["false"] == 0, conflicts["false_pairs"]


@pytest.mark.parametrize("name", sorted(FLOORS))
def test_speakers_are_attributed(results: dict[str, dict[str, Any]], name: str) -> None:
    assert results[name]["speakers"]["accuracy"] >= FLOORS[name][2]


def test_place_conflict_near_or_in_almaty_is_found(results: dict[str, dict[str, Any]]) -> None:
    missed = results["kazakhstan-2022"]["conflicts"]["missed"]
    assert not [m for m in missed if "near Almaty" in m]


def test_matching_holds_up_against_a_second_independent_labelling() -> None:
    # bench/data/kazakhstan-2022-second.yml was labelled without the first labels or the
    # matcher's output, and links more loosely; the matcher was never tuned on it.
    briefing = build_project(REPO)
    first = load_labels(DATA / "kazakhstan-2022.yml")
    second = load_labels(DATA / "kazakhstan-2022-second.yml")
    scores = evaluate(briefing, second)["links"]["all"]
    # Raised from 0.88 when an alias held with an article inside it (0.894 -> 0.930).
    assert scores["precision"] >= 0.92
    # Raised from 0.69 when closure ran until it linked nothing new (0.719 -> 0.752).
    assert scores["recall"] >= 0.74
    # The two labellings agree on nearly every link of the stricter one.
    assert agreement(briefing, first, second)["all"]["recall"] >= 0.95
    assert agreement(briefing, second, second)["all"]["f1"] == 1.0
