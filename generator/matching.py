"""Find the statements of different sources that report the same thing, and type each link."""

from __future__ import annotations

import itertools
from collections import defaultdict
from typing import Any

import numpy as np
import numpy.typing as npt
from scipy import sparse
from sklearn.feature_extraction.text import TfidfVectorizer
from sklearn.preprocessing import normalize

from generator.conflicts import find_conflicts
from generator.model import Alias, Link, LinkKind, MatchSettings, Statement, StatementKind
from generator.semantic import Encoder
from generator.wording import NAME_WEIGHT, Vocabulary
from generator.wording import fold as fold  # annotations match quotes the same way

_CHUNK = 512
_CANDIDATES = 24
_MAX_GAP = 4
_CLOSURE_FACTOR = 0.8
_PARTIAL_FACTOR = 0.6
_CLOSURE_MAX = 8
# Words in more statements than this share (or _COMMON_FLOOR) do not propose candidates.
_COMMON_SHARE = 0.02
_COMMON_FLOOR = 50
Pair = tuple[int, int]


def match_statements(
    statements: list[Statement],
    settings: MatchSettings,
    aliases: tuple[Alias, ...] = (),
    encoder: Encoder | None = None,
) -> list[Link]:
    """Return the links between statements of different sources, each once, in reading order.

    Candidates come from a TF-IDF index (word stems and character n-grams, names weighing
    less than other words); each is rescored with a fuzzy word overlap that tolerates other
    word forms and spellings. For each statement and each other source, the best candidate is
    linked when the two are each other's best match (or the score is high on its own), or when
    the shorter is contained in the longer. Then, as sentence aligners do for translations,
    statements between or next to two linked pairs of the same two sources are aligned.

    With an ``encoder`` (the semantic backend), sentence embeddings add candidates and count
    for ``settings.semantic_weight`` of every score.
    """
    content = [s for s in statements if s.is_content]
    vocabulary = Vocabulary([s.text for s in content], aliases)
    keep = [
        index
        for index, words in enumerate(vocabulary.statements)
        if len(words.stems) >= settings.min_words and len(words.plain) >= 2
    ]
    eligible = [content[i] for i in keep]
    if len(eligible) < 2 or len({s.source for s in eligible}) < 2:
        return []
    corpus = _Corpus(eligible, vocabulary, keep)
    if encoder is not None:
        corpus.embed(encoder([s.text for s in eligible]), settings.semantic_weight)
    candidates = _candidates(corpus)
    best = corpus.best_per_source(candidates)
    accepted: dict[Pair, float] = {}
    for i, per_source in best.items():
        for j, score in per_source.values():
            if _accept(corpus, best, i, j, score, settings):
                accepted[(min(i, j), max(i, j))] = score
    accepted.update(_align(corpus, accepted, settings))
    accepted.update(_contained(corpus, candidates, accepted, settings))
    accepted.update(_close(corpus, accepted, settings))
    links = [corpus.link(i, j, score, settings) for (i, j), score in accepted.items()]
    order = {s.id: index for index, s in enumerate(statements)}
    return sorted(links, key=lambda link: (order[link.source], order[link.target]))


class _Corpus:
    """The statements being matched, with their words and the look-ups the rules need."""

    def __init__(
        self,
        statements: list[Statement],
        vocabulary: Vocabulary,
        rows: list[int],
    ) -> None:
        self.statements = statements
        self.vocabulary = vocabulary
        self.rows = rows
        self.words = [vocabulary.statements[row] for row in rows]
        # Each statement's distinct stems with their weights, and the weights' sum.
        self.units = [
            [(stem, vocabulary.weight(row, stem)) for stem in dict.fromkeys(words.stems)]
            for row, words in zip(rows, self.words, strict=True)
        ]
        self.stem_sets = [frozenset(words.stems) for words in self.words]
        self.folded = [fold(s.text) for s in statements]
        self.totals = [sum(weight for _, weight in units) for units in self.units]
        self._coverage: dict[Pair, float] = {}
        self.sources = [s.source for s in statements]
        self.position: list[int] = []
        self.by_source: dict[str, list[int]] = defaultdict(list)
        for index, source in enumerate(self.sources):
            self.position.append(len(self.by_source[source]))
            self.by_source[source].append(index)
        self._scores: dict[Pair, float] = {}
        self.embeddings: npt.NDArray[np.float32] | None = None
        self.semantic_weight = 0.0

    def embed(self, vectors: npt.NDArray[np.float32], weight: float) -> None:
        """Use sentence embeddings (unit vectors, one row per statement) in every score."""
        self.embeddings, self.semantic_weight = vectors, weight

    def coverage(self, i: int, j: int) -> float:
        """Return the weighted share of statement i's words that have a near-twin in j."""
        found = self._coverage.get((i, j))
        if found is None:
            theirs = self.stem_sets[j]
            matched = 0.0
            for stem, weight in self.units[i]:
                if stem in theirs:
                    matched += weight
                    continue
                best = 0.0
                for twin, similarity in self.vocabulary.twins(stem).items():
                    if similarity > best and twin in theirs:
                        best = similarity
                matched += weight * best
            found = matched / self.totals[i] if self.totals[i] else 0.0
            self._coverage[(i, j)] = found
        return found

    def score(self, i: int, j: int, cosine: float | None = None) -> float:
        """Return the similarity of two statements: cosine blended with fuzzy word overlap."""
        key = (min(i, j), max(i, j))
        if key not in self._scores:
            mine, theirs = self.totals[i], self.totals[j]
            overlap = (self.coverage(i, j) * mine + self.coverage(j, i) * theirs) / (mine + theirs)
            base = cosine if cosine is not None else overlap
            score = max(base, 0.5 * base + 0.5 * overlap)
            if self.embeddings is not None:
                meaning = float(self.embeddings[i] @ self.embeddings[j])
                weight = self.semantic_weight
                score = max(score, (1 - weight) * score + weight * meaning)
            self._scores[key] = score
        return self._scores[key]

    def best_per_source(
        self, candidates: dict[int, list[tuple[int, float]]]
    ) -> dict[int, dict[str, tuple[int, float]]]:
        """Return, for each statement, its best-scoring candidate in each other source."""
        best: dict[int, dict[str, tuple[int, float]]] = defaultdict(dict)
        for i, found in candidates.items():
            for j, cosine in found:
                if self.sources[j] == self.sources[i]:
                    continue
                score = self.score(i, j, cosine if cosine >= 0 else None)
                current = best[i].get(self.sources[j])
                if current is None or score > current[1]:
                    best[i][self.sources[j]] = (j, score)
        return best

    def link(self, i: int, j: int, score: float, settings: MatchSettings) -> Link:
        a, b = self.statements[i], self.statements[j]
        kind = _link_kind(self, i, j, settings)
        return Link(a.id, b.id, kind, round(float(score), 3), find_conflicts(a.text, b.text))


def _candidates(corpus: _Corpus) -> dict[int, list[tuple[int, float]]]:
    """Return, for every statement, its top candidates with their combined cosine similarity.

    Candidates come from an index of the words that few statements share (a word in most of
    them proposes everything and nothing), so the work grows with the corpus, not its square;
    the cosine over all words and character n-grams is then computed for those pairs only.
    """
    words = [w.stems for w in corpus.words]
    word_vectorizer = TfidfVectorizer(analyzer=_word_features, sublinear_tf=True, norm=None)
    word = word_vectorizer.fit_transform(words).tocsc()
    names = set().union(*(w.names for w in corpus.words))
    scale = np.array(
        [
            NAME_WEIGHT if all(part in names for part in feature.split()) else 1.0
            for feature in word_vectorizer.get_feature_names_out()
        ]
    )
    word = normalize((word @ sparse.diags(scale)).tocsr())
    unnamed = [" ".join(w for w in words.text.split() if w not in names) for words in corpus.words]
    char = TfidfVectorizer(analyzer="char_wb", ngram_range=(3, 5), sublinear_tf=True)
    combined = sparse.hstack(
        [word * np.sqrt(0.5), char.fit_transform(unnamed) * np.sqrt(0.5)]
    ).tocsr()
    index = _informative(word)
    rows: dict[int, list[tuple[int, float]]] = {}
    for start in range(0, index.shape[0], _CHUNK):
        block = (index[start : start + _CHUNK] @ index.T).tocsr()
        pairs = [
            (start + offset, j)
            for offset in range(block.shape[0])
            for j in _top_sparse(block, offset, start + offset)
        ]
        for (i, j), cosine in zip(pairs, _pair_cosines(combined, pairs), strict=True):
            rows.setdefault(i, []).append((j, cosine))
    for i in range(index.shape[0]):
        rows.setdefault(i, [])
    if corpus.embeddings is not None:
        for start in range(0, len(corpus.embeddings), _CHUNK):
            block = corpus.embeddings[start : start + _CHUNK] @ corpus.embeddings.T
            for offset, scores in enumerate(block):
                i = start + offset
                known = {j for j, _ in rows[i]}
                # Their lexical cosine is not known: -1 lets the score fall back to overlap.
                rows[i] += [(j, -1.0) for j, _ in _top(scores, i) if j not in known]
    return rows


def _informative(word: sparse.csr_matrix) -> sparse.csr_matrix:
    """Return the rows of ``word`` keeping the features few statements share.

    Every statement keeps at least its rarest feature, so a sentence that many sources repeat
    word for word still finds its copies.
    """
    frequency = np.diff(word.tocsc().indptr)
    common = max(_COMMON_FLOOR, int(_COMMON_SHARE * word.shape[0]))
    keep = frequency[word.indices] <= common
    for row in range(word.shape[0]):
        begin, end = word.indptr[row], word.indptr[row + 1]
        if begin < end and not keep[begin:end].any():
            keep[begin + int(np.argmin(frequency[word.indices[begin:end]]))] = True
    index = sparse.csr_matrix((word.data * keep, word.indices, word.indptr), shape=word.shape)
    index.eliminate_zeros()
    return normalize(index)


def _top_sparse(block: sparse.csr_matrix, offset: int, own: int) -> list[int]:
    """Return the columns of one row of a sparse similarity block with the highest values."""
    begin, end = block.indptr[offset], block.indptr[offset + 1]
    columns, values = block.indices[begin:end], block.data[begin:end]
    keep = columns != own
    columns, values = columns[keep], values[keep]
    if len(values) > _CANDIDATES:
        best = np.argpartition(-values, _CANDIDATES)[:_CANDIDATES]
        columns = columns[best]
    return [int(j) for j in columns]


def _pair_cosines(matrix: sparse.csr_matrix, pairs: list[Pair]) -> list[float]:
    """Return the dot products of the rows of ``matrix`` named by each pair."""
    if not pairs:
        return []
    left = matrix[[i for i, _ in pairs]]
    right = matrix[[j for _, j in pairs]]
    return [float(v) for v in np.asarray(left.multiply(right).sum(axis=1)).ravel()]


def _top(scores: npt.NDArray[np.floating[Any]], own: int) -> list[tuple[int, float]]:
    """Return the best-scoring other rows of one row of similarities."""
    scores[own] = 0.0
    k = min(_CANDIDATES, len(scores) - 1)
    top = np.argpartition(-scores, k)[:k] if k < len(scores) else np.arange(len(scores))
    return [(int(j), float(scores[j])) for j in top if scores[j] > 0]


def _word_features(stems: tuple[str, ...]) -> list[str]:
    return [*stems, *(f"{a} {b}" for a, b in itertools.pairwise(stems))]


def _accept(
    corpus: _Corpus,
    best: dict[int, dict[str, tuple[int, float]]],
    i: int,
    j: int,
    score: float,
    settings: MatchSettings,
) -> bool:
    mutual = best.get(j, {}).get(corpus.sources[i], (None, 0.0))[0] == i
    contained = max(corpus.coverage(i, j), corpus.coverage(j, i))
    strong = score >= settings.strong_threshold
    if _is_label(corpus.statements[i]) != _is_label(corpus.statements[j]) and not strong:
        return False  # a caption or heading restates prose only when nearly word for word
    return (
        strong
        or (score >= settings.link_threshold and mutual)
        or (contained >= settings.partial_containment and score >= settings.link_threshold * 0.75)
    )


def _align(
    corpus: _Corpus, accepted: dict[Pair, float], settings: MatchSettings
) -> dict[Pair, float]:
    """Return links found by keeping the order of two reports of the same passage.

    Between two linked pairs of the same two sources (a1-b1, a2-b2) lie statements that are
    likely the same ones reworded: they are aligned in order, best pairs first. Right after
    or before a linked pair, the neighbours on both sides are linked when similar enough.
    """
    anchors: dict[tuple[str, str], list[Pair]] = defaultdict(list)
    for i, j in accepted:
        anchors[(corpus.sources[i], corpus.sources[j])].append((i, j))
    linked = {index for pair in accepted for index in pair}
    found: dict[Pair, float] = {}
    floor = settings.link_threshold * 0.5
    for (left, right), pairs in anchors.items():
        pairs.sort(key=lambda pair: corpus.position[pair[0]])
        for (i1, j1), (i2, j2) in itertools.pairwise(pairs):
            gap_i = range(corpus.position[i1] + 1, corpus.position[i2])
            gap_j = range(corpus.position[j1] + 1, corpus.position[j2])
            if not gap_i or not gap_j or len(gap_i) > _MAX_GAP or len(gap_j) > _MAX_GAP:
                continue
            rows = [corpus.by_source[left][p] for p in gap_i]
            columns = [corpus.by_source[right][p] for p in gap_j]
            for i, j in _monotone_pairs(corpus, rows, columns, floor):
                if i not in linked and j not in linked:
                    found[(min(i, j), max(i, j))] = corpus.score(i, j)
        for i, j in pairs:
            for step in (-1, 1):
                pair = _neighbour(corpus, left, right, i, j, step)
                if pair is None or pair[0] in linked or pair[1] in linked:
                    continue
                score = corpus.score(*pair)
                if score >= settings.link_threshold * 0.7:
                    found[(min(pair), max(pair))] = score
    return found


def _contained(
    corpus: _Corpus,
    candidates: dict[int, list[tuple[int, float]]],
    accepted: dict[Pair, float],
    settings: MatchSettings,
) -> dict[Pair, float]:
    """Return partial links: a statement most of whose words another one repeats.

    Unlike the one-best rules, one statement may be part of several in the same source (a
    summary sentence and the details it sums up).
    """
    found: dict[Pair, float] = {}
    for i, options in candidates.items():
        for j, cosine in options:
            pair = (min(i, j), max(i, j))
            if corpus.sources[i] == corpus.sources[j] or pair in accepted or pair in found:
                continue
            if _is_label(corpus.statements[i]) != _is_label(corpus.statements[j]):
                continue
            score = corpus.score(i, j, cosine if cosine >= 0 else None)
            if score < settings.link_threshold * _PARTIAL_FACTOR:
                continue
            if max(corpus.coverage(i, j), corpus.coverage(j, i)) >= settings.partial_containment:
                found[pair] = score
    return found


def _close(
    corpus: _Corpus, accepted: dict[Pair, float], settings: MatchSettings
) -> dict[Pair, float]:
    """Return links between statements that are linked through a third one and alike enough.

    When A is linked to B and B to C, A and C most often report the same thing too; the pair
    is linked when its own similarity is not negligible, so a chain of partial links does not
    tie unrelated statements together.
    """
    neighbours: dict[int, set[int]] = defaultdict(set)
    for i, j in accepted:
        neighbours[i].add(j)
        neighbours[j].add(i)
    found: dict[Pair, float] = {}
    for around in neighbours.values():
        if len(around) > _CLOSURE_MAX:
            continue  # a statement many others repeat: its neighbours are clustered anyway
        for i, j in itertools.combinations(sorted(around), 2):
            if corpus.sources[i] == corpus.sources[j] or (i, j) in accepted:
                continue
            score = corpus.score(i, j)
            if score >= settings.link_threshold * _CLOSURE_FACTOR:
                found[(i, j)] = score
    return found


def _monotone_pairs(
    corpus: _Corpus, rows: list[int], columns: list[int], floor: float
) -> list[Pair]:
    """Return pairs of ``rows`` x ``columns`` taken best first, keeping both orders."""
    scored = sorted(
        ((corpus.score(i, j), a, b) for a, i in enumerate(rows) for b, j in enumerate(columns)),
        reverse=True,
    )
    chosen: list[tuple[int, int]] = []
    for score, a, b in scored:
        if score < floor:
            break
        if all((a - x) * (b - y) > 0 for x, y in chosen):
            chosen.append((a, b))
    return [(rows[a], columns[b]) for a, b in chosen]


def _neighbour(corpus: _Corpus, left: str, right: str, i: int, j: int, step: int) -> Pair | None:
    a, b = corpus.position[i] + step, corpus.position[j] + step
    if not (0 <= a < len(corpus.by_source[left]) and 0 <= b < len(corpus.by_source[right])):
        return None
    return corpus.by_source[left][a], corpus.by_source[right][b]


def _is_label(statement: Statement) -> bool:
    return statement.kind in (StatementKind.CAPTION, StatementKind.HEADING)


def _link_kind(corpus: _Corpus, i: int, j: int, settings: MatchSettings) -> LinkKind:
    if corpus.folded[i] == corpus.folded[j]:
        return LinkKind.VERBATIM
    shorter, longer = sorted((len(corpus.words[i].stems), len(corpus.words[j].stems)))
    contained = max(corpus.coverage(i, j), corpus.coverage(j, i))
    if shorter < 0.6 * longer and contained >= settings.partial_containment:
        return LinkKind.PARTIAL
    if shorter < 0.45 * longer:
        return LinkKind.PARTIAL
    return LinkKind.PARAPHRASE
