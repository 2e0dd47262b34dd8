"""Unit tests of generator.vectors: the TF-IDF rows the matcher's candidates come from."""

from __future__ import annotations

import math

import numpy as np
import pytest

from generator import vectors
from generator.vectors import character_ngrams, pair_dots, products, tfidf


def _dense(rows: vectors.Rows) -> np.ndarray:
    matrix = np.zeros((rows.height, rows.width))
    matrix[rows.owners(), rows.indices] = rows.data
    return matrix


def test_a_repeated_rare_feature_weighs_one_plus_log_count_times_smoothed_idf() -> None:
    matrix, features = tfidf([["dam", "dam", "flood"], ["flood"], ["rain"]], unit=False)
    assert features == ["dam", "flood", "rain"]
    rare = math.log(4 / 2) + 1  # in 1 of 3 statements, smoothed: ln((1 + 3) / (1 + 1)) + 1
    shared = math.log(4 / 3) + 1
    assert _dense(matrix) == pytest.approx(
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
    assert _dense(matrix) == pytest.approx(
        _dense(tfidf([["dam", "flood"], ["dam", "flood"], ["dam"], []], unit=False)[0].unit())
    )
    dense = _dense(matrix)
    assert np.linalg.norm(dense, axis=1) == pytest.approx([1.0, 1.0, 1.0, 0.0])
    assert float(dense[0] @ dense[1]) == pytest.approx(1.0)
    assert 0.0 < float(dense[0] @ dense[2]) < 1.0


def test_a_document_given_once_for_several_statements_counts_for_each() -> None:
    once, _ = tfidf([["dam", "flood"], ["rain"]], counts=[2, 1], unit=False)
    twice, _ = tfidf([["dam", "flood"], ["dam", "flood"], ["rain"]], unit=False)
    assert _dense(once) == pytest.approx(_dense(twice)[1:])


def _random_rows(seed: int) -> vectors.Rows:
    generator = np.random.default_rng(seed)
    words = [f"w{k}" for k in range(40)]
    documents = [list(generator.choice(words, size=generator.integers(0, 8))) for _ in range(60)]
    return tfidf(documents)[0]


@pytest.mark.parametrize(
    ("dense_cells", "shared"),
    # SciPy's product; the dense sum; too many terms for the dense sum (ten words in every row).
    [(0, 0), (vectors.DENSE_CELLS, 0), (3600, 10)],
)
def test_products_are_every_nonzero_dot_product_sparse_or_dense(
    monkeypatch: pytest.MonkeyPatch, dense_cells: int, shared: int
) -> None:
    monkeypatch.setattr(vectors, "DENSE_CELLS", dense_cells)
    monkeypatch.setattr(vectors, "_BLOCK", 7)  # several blocks
    generator = np.random.default_rng(1)
    words = [f"w{k}" for k in range(40)]
    documents = [
        [*generator.choice(words, size=generator.integers(0, 8)), *(f"s{k}" for k in range(shared))]
        for _ in range(60)
    ]
    rows = tfidf(documents)[0]
    expected = _dense(rows) @ _dense(rows).T
    found = np.zeros_like(expected)
    for left, right, values in products(rows):
        assert (values != 0).all()
        found[left, right] += values
    assert found == pytest.approx(expected)
    assert ((found != 0) == (expected != 0)).all()


@pytest.mark.parametrize("dense_cells", [1, 200, vectors.DENSE_CELLS])
def test_pair_dots_are_the_dot_products_of_the_rows_named(
    monkeypatch: pytest.MonkeyPatch, dense_cells: int
) -> None:
    monkeypatch.setattr(vectors, "DENSE_CELLS", dense_cells)  # one or several left rows at once
    rows = _random_rows(2)
    generator = np.random.default_rng(3)
    left, right = generator.integers(0, rows.height, size=(2, 500))
    dense = _dense(rows)
    assert pair_dots(rows, left, right) == pytest.approx((dense[left] * dense[right]).sum(axis=1))
    assert len(pair_dots(rows, left[:0], right[:0])) == 0


def test_kept_drops_values_and_keeps_rows() -> None:
    rows, _ = tfidf([["dam", "flood"], ["rain"], []], unit=False)
    kept = rows.kept(rows.indices != 1)
    assert kept.height == 3
    assert _dense(kept)[:, 1] == pytest.approx([0.0, 0.0, 0.0])
    assert _dense(kept)[:, [0, 2]] == pytest.approx(_dense(rows)[:, [0, 2]])


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
