"""TF-IDF vectors of statements, as sparse rows: what the matcher's candidates come from.

The weighting is the usual one for short texts: a feature's count ``c`` weighs ``1 + ln c``
(a word said twice is not twice as telling), times its smoothed inverse document frequency
``1 + ln((1 + n) / (1 + df))`` over the ``n`` statements. Rows are then scaled to unit length
where asked, so the dot product of two rows is their cosine.

Written here rather than taken from scikit-learn: the two functions below are all the matcher
used of it, and importing scikit-learn cost about 0.6 s of every cold build.
"""

from __future__ import annotations

import math
from array import array
from collections import Counter
from collections.abc import Iterable, Sequence

import numpy as np
from scipy import sparse


def tfidf(
    documents: Sequence[Iterable[str]], *, unit: bool = True
) -> tuple[sparse.csr_matrix, list[str]]:
    """Return the TF-IDF rows of ``documents`` (each given as its features) and the features.

    Columns follow the features in sorted order; ``unit`` scales every row to length 1.
    """
    column: dict[str, int] = {}
    indptr = array("q", [0])
    indices, data = array("q"), array("d")
    for features in documents:
        for feature, count in Counter(features).items():
            indices.append(column.setdefault(feature, len(column)))
            data.append(1.0 + math.log(count))
        indptr.append(len(indices))
    vocabulary = sorted(column)
    order = np.empty(len(vocabulary), dtype=np.int64)
    order[[column[feature] for feature in vocabulary]] = np.arange(len(vocabulary))
    columns = order[np.frombuffer(indices, dtype=np.int64)]
    rows = len(indptr) - 1
    frequency = np.bincount(columns, minlength=len(vocabulary))
    idf = np.log((1.0 + rows) / (1.0 + frequency)) + 1.0
    values = np.frombuffer(data, dtype=np.float64) * idf[columns]
    shape = (rows, len(vocabulary))
    matrix = sparse.csr_matrix((values, columns, np.frombuffer(indptr, dtype=np.int64)), shape)
    matrix.sort_indices()
    return (unit_rows(matrix) if unit else matrix), vocabulary


def unit_rows(matrix: sparse.csr_matrix) -> sparse.csr_matrix:
    """Return ``matrix`` with every row scaled to Euclidean length 1 (empty rows stay empty)."""
    matrix = sparse.csr_matrix(matrix, dtype=np.float64, copy=True)
    lengths = np.sqrt(np.asarray(matrix.multiply(matrix).sum(axis=1)).ravel())
    lengths[lengths == 0.0] = 1.0
    matrix.data /= np.repeat(lengths, np.diff(matrix.indptr))
    return matrix


def character_ngrams(text: str, shortest: int = 3, longest: int = 5) -> list[str]:
    """Return the character n-grams of each word of ``text``, lowercased, with a space each side.

    A word shorter than an n-gram length gives itself once (padded), as the only n-gram of
    that length and longer.
    """
    grams: list[str] = []
    for word in text.lower().split():
        padded = f" {word} "
        for n in range(shortest, longest + 1):
            if len(padded) <= n:
                grams.append(padded)
                break
            grams.extend(padded[start : start + n] for start in range(len(padded) - n + 1))
    return grams
