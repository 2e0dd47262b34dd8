"""Find the statements of different sources that report the same thing, and type each link."""

from __future__ import annotations

import functools
import itertools
import math
import re
import unicodedata
from collections import defaultdict

import numpy as np
from scipy import sparse
from sklearn.feature_extraction.text import TfidfVectorizer

from generator.conflicts import find_conflicts
from generator.model import Alias, Link, LinkKind, MatchSettings, Statement, StatementKind

_STOPWORDS = frozenset(
    """a an the and or but if of to in on at by for with from as is are was were be been being
    it its this that these those there their they them he she his her we our us i me my you
    your not no so than then also has have had do does did will would shall should can could
    may might must which who whom whose what when where why how all any both each other some
    such only own same very just into about over after before again further once here out up
    down said says say told stated noted added""".split()
)
_CHUNK = 512
_CANDIDATES = 24
_MAX_GAP = 4


def match_statements(
    statements: list[Statement], settings: MatchSettings, aliases: tuple[Alias, ...] = ()
) -> list[Link]:
    """Return the links between statements of different sources, each once, in reading order.

    Candidates come from a TF-IDF index (word stems and character n-grams); each is rescored
    with a fuzzy word overlap that tolerates other word forms and spellings. For each statement
    and each other source, the best candidate is linked when the two are each other's best match
    (or the score is high on its own), or when the shorter is contained in the longer. Then,
    as sentence aligners do for translations, statements sandwiched between two linked pairs of
    the same two sources are linked to each other when they are similar enough.
    """
    eligible = [
        s for s in statements if s.is_content and len(_content_words(s.text)) >= settings.min_words
    ]
    if len(eligible) < 2 or len({s.source for s in eligible}) < 2:
        return []
    corpus = _Corpus(eligible, aliases)
    best = corpus.best_per_source(_similarity_rows(corpus.texts))
    accepted: dict[tuple[int, int], float] = {}
    for i, per_source in best.items():
        for j, score in per_source.values():
            if _accept(corpus, best, i, j, score, settings):
                accepted[(min(i, j), max(i, j))] = score
    accepted.update(_fill_gaps(corpus, accepted, settings))
    links = [corpus.link(i, j, score, settings) for (i, j), score in accepted.items()]
    order = {s.id: index for index, s in enumerate(statements)}
    return sorted(links, key=lambda link: (order[link.source], order[link.target]))


class _Corpus:
    """The statements being matched, with their words and the look-ups the rules need."""

    def __init__(self, statements: list[Statement], aliases: tuple[Alias, ...]) -> None:
        self.statements = statements
        self.texts = [_canonical(s.text, aliases) for s in statements]
        self.words = [_content_words(t) for t in self.texts]
        self.sources = [s.source for s in statements]
        counts: dict[str, int] = defaultdict(int)
        for words in self.words:
            for word in set(words):
                counts[word] += 1
        total = len(statements)
        self.idf = {w: math.log((1 + total) / (1 + n)) + 1 for w, n in counts.items()}
        self.position: list[int] = []
        self.by_source: dict[str, list[int]] = defaultdict(list)
        for index, source in enumerate(self.sources):
            self.position.append(len(self.by_source[source]))
            self.by_source[source].append(index)
        self._scores: dict[tuple[int, int], float] = {}

    def score(self, i: int, j: int, cosine: float | None = None) -> float:
        """Return the similarity of two statements: cosine blended with fuzzy word overlap."""
        key = (min(i, j), max(i, j))
        if key not in self._scores:
            overlap = _fuzzy_overlap(self.words[i], self.words[j], self.idf)
            base = cosine if cosine is not None else overlap
            self._scores[key] = max(base, 0.5 * base + 0.5 * overlap)
        return self._scores[key]

    def best_per_source(
        self, similarity: dict[int, list[tuple[int, float]]]
    ) -> dict[int, dict[str, tuple[int, float]]]:
        """Return, for each statement, its best-scoring candidate in each other source."""
        best: dict[int, dict[str, tuple[int, float]]] = defaultdict(dict)
        for i, candidates in similarity.items():
            for j, cosine in candidates:
                if self.sources[j] == self.sources[i]:
                    continue
                score = self.score(i, j, cosine)
                current = best[i].get(self.sources[j])
                if current is None or score > current[1]:
                    best[i][self.sources[j]] = (j, score)
        return best

    def link(self, i: int, j: int, score: float, settings: MatchSettings) -> Link:
        a, b = self.statements[i], self.statements[j]
        kind = _link_kind(a.text, b.text, self.words[i], self.words[j], settings)
        return Link(a.id, b.id, kind, round(float(score), 3), find_conflicts(a.text, b.text))


def _accept(
    corpus: _Corpus,
    best: dict[int, dict[str, tuple[int, float]]],
    i: int,
    j: int,
    score: float,
    settings: MatchSettings,
) -> bool:
    mutual = best.get(j, {}).get(corpus.sources[i], (None, 0.0))[0] == i
    contained = _containment(corpus.words[i], corpus.words[j])
    strong = score >= settings.strong_threshold
    if _is_label(corpus.statements[i]) != _is_label(corpus.statements[j]) and not strong:
        return False  # a caption or heading restates prose only when nearly word for word
    return (
        strong
        or (score >= settings.threshold and mutual)
        or (contained >= settings.partial_containment and score >= settings.threshold * 0.75)
    )


def _fill_gaps(
    corpus: _Corpus, accepted: dict[tuple[int, int], float], settings: MatchSettings
) -> dict[tuple[int, int], float]:
    """Return links for statements sandwiched between two links of the same two sources.

    Two reports of one speech keep its order: when statement a1 links to b1 and a1+k to b1+k,
    the k-1 statements between them on each side are likely the same ones, reworded.
    """
    anchors: dict[tuple[str, str], list[tuple[int, int]]] = defaultdict(list)
    for i, j in accepted:
        anchors[(corpus.sources[i], corpus.sources[j])].append((i, j))
    linked = {index for pair in accepted for index in pair}
    found: dict[tuple[int, int], float] = {}
    for (left, right), pairs in anchors.items():
        pairs.sort(key=lambda pair: corpus.position[pair[0]])
        for (i1, j1), (i2, j2) in itertools.pairwise(pairs):
            gap = corpus.position[i2] - corpus.position[i1]
            if gap < 2 or gap > _MAX_GAP or corpus.position[j2] - corpus.position[j1] != gap:
                continue
            for step in range(1, gap):
                i = corpus.by_source[left][corpus.position[i1] + step]
                j = corpus.by_source[right][corpus.position[j1] + step]
                if i in linked or j in linked:
                    continue
                score = corpus.score(i, j)
                if score >= settings.threshold * 0.5:
                    found[(min(i, j), max(i, j))] = score
    return found


def _fuzzy_overlap(left: list[str], right: list[str], idf: dict[str, float]) -> float:
    """Return the IDF-weighted share of words of each side that have a near-twin on the other."""
    a, b = set(left), set(right)
    if not a or not b:
        return 0.0
    matched = sum(idf[w] * _best_twin(w, b) for w in a) + sum(idf[w] * _best_twin(w, a) for w in b)
    return matched / (sum(idf[w] for w in a) + sum(idf[w] for w in b))


def _best_twin(word: str, others: set[str]) -> float:
    if word in others:
        return 1.0
    best = 0.0
    for other in others:
        best = max(best, _word_similarity(word, other))
    return best


@functools.lru_cache(maxsize=200_000)
def _word_similarity(a: str, b: str) -> float:
    """Return how alike two words are in spelling (1 for the same stem, 0 when unrelated)."""
    if min(len(a), len(b)) < 4:
        return 0.0
    prefix = next(
        (k for k, (x, y) in enumerate(zip(a, b, strict=False)) if x != y), min(len(a), len(b))
    )
    if prefix >= 5 or (prefix >= 4 and prefix >= 0.8 * min(len(a), len(b))):
        return 0.9
    grams_a = {a[k : k + 3] for k in range(len(a) - 2)}
    grams_b = {b[k : k + 3] for k in range(len(b) - 2)}
    jaccard = len(grams_a & grams_b) / len(grams_a | grams_b)
    return jaccard if jaccard >= 0.5 else 0.0


def _is_label(statement: Statement) -> bool:
    return statement.kind in (StatementKind.CAPTION, StatementKind.HEADING)


def fold(text: str) -> str:
    """Return ``text`` without case, accents, punctuation or extra white space."""
    text = unicodedata.normalize("NFKD", text.casefold())
    text = "".join(c for c in text if not unicodedata.combining(c))
    return " ".join(re.sub(r"[^\w\s]", " ", text).split())


def _canonical(text: str, aliases: tuple[Alias, ...]) -> str:
    folded = fold(text)
    for alias in aliases:
        for variant in alias.variants:
            folded = re.sub(rf"\b{re.escape(fold(variant))}\b", fold(alias.name), folded)
    return folded


def _content_words(text: str) -> list[str]:
    return [_stem(w) for w in fold(text).split() if w not in _STOPWORDS and not w.isdigit()]


def _stem(word: str) -> str:
    for suffix in ("ations", "ation", "ings", "ing", "ies", "ied", "ed", "es", "s", "ly"):
        if word.endswith(suffix) and len(word) - len(suffix) >= 4:
            return word[: -len(suffix)] + ("y" if suffix in ("ies", "ied") else "")
    return word


def _similarity_rows(texts: list[str]) -> dict[int, list[tuple[int, float]]]:
    """Return, for every statement, its top candidates by combined cosine similarity."""
    word = TfidfVectorizer(
        analyzer=lambda t: _word_features(t), sublinear_tf=True, min_df=1
    ).fit_transform(texts)
    char = TfidfVectorizer(analyzer="char_wb", ngram_range=(3, 5), sublinear_tf=True).fit_transform(
        texts
    )
    matrix = sparse.hstack([word * np.sqrt(0.5), char * np.sqrt(0.5)]).tocsr()
    rows: dict[int, list[tuple[int, float]]] = {}
    for start in range(0, matrix.shape[0], _CHUNK):
        block = (matrix[start : start + _CHUNK] @ matrix.T).toarray()
        for offset, scores in enumerate(block):
            i = start + offset
            scores[i] = 0.0
            k = min(_CANDIDATES, len(scores) - 1)
            top = np.argpartition(-scores, k)[:k] if k < len(scores) else np.arange(len(scores))
            rows[i] = [(int(j), float(scores[j])) for j in top if scores[j] > 0]
    return rows


def _word_features(text: str) -> list[str]:
    words = _content_words(text)
    return words + [f"{a} {b}" for a, b in itertools.pairwise(words)]


def _containment(left: list[str], right: list[str]) -> float:
    shorter, longer = (left, right) if len(left) <= len(right) else (right, left)
    if not shorter:
        return 0.0
    pool = set(longer)
    return sum(w in pool for w in shorter) / len(shorter)


def _link_kind(
    a: str, b: str, words_a: list[str], words_b: list[str], settings: MatchSettings
) -> LinkKind:
    if fold(a) == fold(b):
        return LinkKind.VERBATIM
    shorter, longer = sorted((len(words_a), len(words_b)))
    if shorter < 0.6 * longer and _containment(words_a, words_b) >= settings.partial_containment:
        return LinkKind.PARTIAL
    if shorter < 0.45 * longer:
        return LinkKind.PARTIAL
    return LinkKind.PARAPHRASE
