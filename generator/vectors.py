"""TF-IDF vectors of statements, as sparse rows: what the matcher's candidates come from.

The weighting is the usual one for short texts: a feature's count ``c`` weighs ``1 + ln c``
(a word said twice is not twice as telling), times its smoothed inverse document frequency
``1 + ln((1 + n) / (1 + df))`` over the ``n`` statements. Rows are then scaled to unit length
where asked, so the dot product of two rows is their cosine.

Written here rather than taken from scikit-learn: these few operations are all the matcher
used of it, and importing scikit-learn cost about 0.6 s of every cold build. SciPy's sparse
product is used only for inputs too large to sum in one NumPy array (``products``); importing
SciPy costs about 0.1 s, most of a small briefing's analysis.
"""

from __future__ import annotations

import math
from array import array
from collections import Counter
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass

import numpy as np
import numpy.typing as npt

Floats = npt.NDArray[np.float64]
Indices = npt.NDArray[np.int64]

# Products of at most this many cells (rows times rows) are summed in one NumPy array.
DENSE_CELLS = 1 << 22
# Rows SciPy multiplies at once: enough to keep it busy, few enough to keep memory small.
_BLOCK = 512


@dataclass(frozen=True)
class Rows:
    """Sparse rows: row ``r`` has the values ``data[s:e]`` in the columns ``indices[s:e]``,
    where ``s, e = indptr[r], indptr[r + 1]``; a column appears at most once in a row."""

    indptr: Indices
    indices: Indices
    data: Floats
    width: int

    @property
    def height(self) -> int:
        return len(self.indptr) - 1

    def owners(self) -> Indices:
        """Return the row of each stored value."""
        return np.repeat(np.arange(self.height), np.diff(self.indptr))

    def scaled(self, columns: Floats) -> Rows:
        """Return the rows with every column multiplied by its factor in ``columns``."""
        return Rows(self.indptr, self.indices, self.data * columns[self.indices], self.width)

    def unit(self) -> Rows:
        """Return the rows scaled to Euclidean length 1 (empty rows stay empty)."""
        lengths = np.sqrt(np.bincount(self.owners(), self.data**2, minlength=self.height))
        lengths[lengths == 0.0] = 1.0
        data = self.data / np.repeat(lengths, np.diff(self.indptr))
        return Rows(self.indptr, self.indices, data, self.width)

    def kept(self, keep: npt.NDArray[np.bool_]) -> Rows:
        """Return the rows with only the stored values where ``keep`` is true."""
        counts = np.bincount(self.owners()[keep], minlength=self.height)
        indptr = np.concatenate(([0], np.cumsum(counts)))
        return Rows(indptr, self.indices[keep], self.data[keep], self.width)


def tfidf(
    documents: Sequence[Iterable[str]],
    *,
    counts: Sequence[int] | npt.NDArray[np.int64] | None = None,
    unit: bool = True,
) -> tuple[Rows, list[str]]:
    """Return the TF-IDF rows of ``documents`` (each given as its features) and the features,
    in the order the columns have them.

    ``counts`` says how many statements each document stands for (a wording that several
    statements share is given once); every one counts in the document frequencies. ``unit``
    scales every row to length 1.
    """
    column: dict[str, int] = {}
    indptr = array("q", [0])
    indices, data = array("q"), array("d")
    for features in documents:
        for feature, count in Counter(features).items():
            indices.append(column.setdefault(feature, len(column)))
            data.append(1.0 + math.log(count))
        indptr.append(len(indices))
    rows = Rows(
        np.frombuffer(indptr, dtype=np.int64),
        np.frombuffer(indices, dtype=np.int64),
        np.frombuffer(data, dtype=np.float64),
        len(column),
    )
    weights = np.ones(rows.height) if counts is None else np.asarray(counts, dtype=np.float64)
    frequency = np.bincount(rows.indices, weights[rows.owners()], minlength=rows.width)
    idf = np.log((1.0 + weights.sum()) / (1.0 + frequency)) + 1.0
    rows = rows.scaled(idf)
    return (rows.unit() if unit else rows), list(column)


def products(rows: Rows) -> Iterator[tuple[Indices, Indices, Floats]]:
    """Yield the nonzero dot products of every two rows (a row with itself included), in
    blocks: the rows, the other rows and the products, the first rows in ascending order.

    Few rows are multiplied through their columns' postings into one square of sums: NumPy
    alone, without BLAS, whose threads' waiting costs a small briefing more than the product.
    """
    column_sizes = np.bincount(rows.indices, minlength=rows.width)
    # The meetings below are the products' terms: few rows may still share many columns.
    if rows.height**2 <= DENSE_CELLS and int((column_sizes**2).sum()) <= 4 * DENSE_CELLS:
        owners = rows.owners()
        order = np.argsort(rows.indices, kind="stable")
        column_starts = np.cumsum(column_sizes) - column_sizes
        # Each stored value meets every value of its column: its column's postings in ``order``.
        sizes = column_sizes[rows.indices]
        ends = np.cumsum(sizes)
        offsets = np.repeat(column_starts[rows.indices] - (ends - sizes), sizes)
        met = order[np.arange(int(ends[-1]) if len(ends) else 0) + offsets]
        cells = np.repeat(owners, sizes) * rows.height + owners[met]
        values = np.repeat(rows.data, sizes) * rows.data[met]
        sums = np.bincount(cells, values, rows.height**2).astype(np.float64, copy=False)
        square = sums.reshape(rows.height, rows.height)
        left, right = np.nonzero(square)
        yield left, right, square[left, right]
        return
    from scipy import sparse

    matrix = sparse.csr_matrix((rows.data, rows.indices, rows.indptr), (rows.height, rows.width))
    transposed = matrix.T.tocsr()
    for start in range(0, rows.height, _BLOCK):
        block = (matrix[start : start + _BLOCK] @ transposed).tocoo()
        yield block.row.astype(np.int64) + start, block.col.astype(np.int64), block.data


def pair_dots(rows: Rows, left: Indices, right: Indices) -> Floats:
    """Return the dot product of the rows ``left[k]`` and ``right[k]`` for every ``k``."""
    dots = np.zeros(len(left))
    order = np.argsort(left, kind="stable")
    ordered = left[order]
    firsts = np.unique(left)
    sizes = np.diff(rows.indptr)
    # A few left rows at a time are spread out in full; the right rows are read against them.
    step = max(1, min(len(firsts), DENSE_CELLS // max(rows.width, 1)))
    spread = np.zeros((step, rows.width))
    slot = np.zeros(rows.height, dtype=np.int64)
    for start in range(0, len(firsts), step):
        chosen = firsts[start : start + step]
        slot[chosen] = np.arange(len(chosen))
        pairs = order[
            np.searchsorted(ordered, chosen[0], "left") : np.searchsorted(
                ordered, chosen[-1], "right"
            )
        ]
        own = _spans(rows, chosen)
        cells = np.repeat(slot[chosen], sizes[chosen]), rows.indices[own]
        spread[cells] = rows.data[own]
        theirs = _spans(rows, right[pairs])
        counts = sizes[right[pairs]]
        values = (
            rows.data[theirs] * spread[np.repeat(slot[left[pairs]], counts), rows.indices[theirs]]
        )
        dots[pairs] = np.bincount(np.repeat(np.arange(len(pairs)), counts), values, len(pairs))
        spread[cells] = 0.0
    return dots


def _spans(rows: Rows, chosen: Indices) -> Indices:
    """Return the positions of the stored values of the rows ``chosen``, row after row."""
    starts, sizes = rows.indptr[chosen], np.diff(rows.indptr)[chosen]
    ends = np.cumsum(sizes)
    return np.arange(int(ends[-1]) if len(ends) else 0) - np.repeat(ends - sizes - starts, sizes)


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
