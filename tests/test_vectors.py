"""Unit tests of generator.vectors: the TF-IDF rows the matcher's candidates come from."""

from __future__ import annotations

import math

import numpy as np
import pytest

from generator.vectors import character_ngrams, tfidf, unit_rows


def test_a_repeated_rare_feature_weighs_one_plus_log_count_times_smoothed_idf() -> None:
    matrix, features = tfidf([["dam", "dam", "flood"], ["flood"], ["rain"]], unit=False)
    assert features == ["dam", "flood", "rain"]
    rare = math.log(4 / 2) + 1  # in 1 of 3 statements, smoothed: ln((1 + 3) / (1 + 1)) + 1
    shared = math.log(4 / 3) + 1
    assert matrix.toarray() == pytest.approx(
        np.array(
            [
                [(1 + math.log(2)) * rare, shared, 0.0],
                [0.0, shared, 0.0],
                [0.0, 0.0, rare],
            ]
        )
    )


def test_unit_rows_have_length_one_and_dot_products_are_cosines() -> None:
    matrix, _ = tfidf([["dam", "flood"], ["dam", "flood"], ["dam"], []])
    dense = matrix.toarray()
    assert np.linalg.norm(dense, axis=1) == pytest.approx([1.0, 1.0, 1.0, 0.0])
    assert float(dense[0] @ dense[1]) == pytest.approx(1.0)
    assert 0.0 < float(dense[0] @ dense[2]) < 1.0


def test_unit_rows_leaves_the_matrix_it_was_given_alone() -> None:
    matrix, _ = tfidf([["dam", "dam", "flood"]], unit=False)
    before = matrix.toarray().copy()
    unit_rows(matrix)
    assert (matrix.toarray() == before).all()


def test_character_ngrams_pad_each_word_and_keep_a_short_word_whole() -> None:
    assert character_ngrams("Hi  THERE") == [
        " hi",
        "hi ",
        " hi ",
        " th",
        "the",
        "her",
        "ere",
        "re ",
        " the",
        "ther",
        "here",
        "ere ",
        " ther",
        "there",
        "here ",
    ]
