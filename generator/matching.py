"""Find the statements of different sources that report the same thing, and type each link."""

from __future__ import annotations

import itertools
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


def match_statements(
    statements: list[Statement], settings: MatchSettings, aliases: tuple[Alias, ...] = ()
) -> list[Link]:
    """Return the links between statements of different sources, each once, sorted.

    Similarity combines word and character TF-IDF cosines; for each statement and each other
    source, the best candidate is linked when the two are each other's best match (or the score
    is high on its own), or when the shorter statement is contained in the longer one.
    """
    eligible = [
        s for s in statements if s.is_content and len(_content_words(s.text)) >= settings.min_words
    ]
    if len(eligible) < 2 or len({s.source for s in eligible}) < 2:
        return []
    texts = [_canonical(s.text, aliases) for s in eligible]
    words = [_content_words(t) for t in texts]
    similarity = _similarity_rows(texts)
    sources = [s.source for s in eligible]
    best = _best_per_source(similarity, sources)
    links: dict[tuple[str, str], Link] = {}
    for i, per_source in best.items():
        for j, score in per_source.values():
            mutual = best.get(j, {}).get(sources[i], (None, 0.0))[0] == i
            contained = _containment(words[i], words[j])
            if not (
                score >= settings.strong_threshold
                or (score >= settings.threshold and mutual)
                or (
                    contained >= settings.partial_containment and score >= settings.threshold * 0.75
                )
            ):
                continue
            if (
                _is_label(eligible[i]) != _is_label(eligible[j])
                and score < settings.strong_threshold
            ):
                continue  # a caption or heading restates prose only when nearly word for word
            a, b = sorted((eligible[i], eligible[j]), key=lambda s: (s.source, s.doc_start))
            key = (a.id, b.id)
            if key in links:
                continue
            kind = _link_kind(a.text, b.text, words[i], words[j], settings)
            links[key] = Link(
                a.id, b.id, kind, round(float(score), 3), find_conflicts(a.text, b.text)
            )
    return sorted(links.values(), key=lambda link: (link.source, link.target))


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


def _best_per_source(
    similarity: dict[int, list[tuple[int, float]]], sources: list[str]
) -> dict[int, dict[str, tuple[int, float]]]:
    best: dict[int, dict[str, tuple[int, float]]] = defaultdict(dict)
    for i, candidates in similarity.items():
        for j, score in candidates:
            if sources[j] == sources[i]:
                continue
            current = best[i].get(sources[j])
            if current is None or score > current[1]:
                best[i][sources[j]] = (j, score)
    return best


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
