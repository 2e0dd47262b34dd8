"""Find the statements of different sources that report the same thing, and type each link."""

from __future__ import annotations

import itertools
import re
from collections import Counter, defaultdict
from collections.abc import Iterable
from typing import Any

import numpy as np
import numpy.typing as npt

from generator.conflicts import (
    counted_nouns,
    find_conflicts,
    find_founding,
    find_start,
    other_places,
)
from generator.evidence import FEATURES, LAZY, is_undecided, link_odds
from generator.model import Alias, Link, LinkKind, MatchSettings, Statement, StatementKind
from generator.statements import is_reported_speech
from generator.vectors import Rows, character_ngrams, pair_dots, products, tfidf
from generator.wording import (
    NAME_WEIGHT,
    Vocabulary,
    Words,
    canonical_text,
    is_amount,
    stem_word,
)
from generator.wording import fold as fold  # annotations match quotes the same way

_CANDIDATES = 24
_MAX_GAP = 4
# A pair linked through a third is linked when its own score reaches this share of the
# threshold: low, since the third one vouches for it, but not nothing.
_CLOSURE_FACTOR = 0.3
# Neighbours in one source restate each other (a quote and its narration, a headline and its
# first sentence) when their score reaches this share of the threshold.
_RESTATEMENT_FACTOR = 0.5
_RESTATING = (
    {StatementKind.QUOTE, StatementKind.BODY},
    {StatementKind.HEADLINE, StatementKind.BODY},
)
# A headline's claim sums up the sentence of its text that repeats this share of its words.
_SUMMED_UP = 0.6
_TEXT_KINDS = (StatementKind.BODY, StatementKind.QUOTE)
# How many statements away from a narration that reports speech a quote it restates may be.
_QUOTED_REACH = 3
# A statement of one word that is not a name is matched when it lists this many names.
_NAMES_LISTED = 4
# Pairs scoring under this share of the threshold are never linked.
_FLOOR_FACTOR = 0.5
# A statement linked to more than this many others vouches for none of their pairs through
# closure: many outlets repeat it, and its counterparts are linked to one another directly.
_CLOSURE_MAX = 12
# Two statements that each state part of a third are linked through it only when the words of
# it they repeat overlap by this share of the fewer: they state the same part of it.
_SAME_PART = 0.4
# A link is partial when one statement has this many more words the other does not match.
_PARTIAL_EXTRA = 2.5
# Words in more statements than this share (or _COMMON_FLOOR) do not propose candidates.
_COMMON_SHARE = 0.02
_COMMON_FLOOR = 50
_MUTUAL = FEATURES.index("mutual")
# A statement with a near-copy in a source keeps a weaker link there when the other statement
# repeats words of it the copy does not, weighing this share of its words: another claim.
_NEW_SHARE = 0.2
# Two headlines are linked when one repeats this share of a clause of the other.
_HEADLINE_CLAUSE = 0.75
# ... and the link is partial when one has a clause the other repeats less than this share of.
_CLAUSE_LEFT_OUT = 0.5
# A headline or heading that asks, or names what it will explain ("Titan submersible: What a
# 'catastrophic implosion' means"), states no claim of its own.
_TEASER = re.compile(
    r"(?:^|:\s+)[\"'“‘]?(?:what|how|why|who|whom|whose|where|when|which|whether)\b|\?\W*$",
    re.IGNORECASE,
)
# The headline and first sentence of two reports of one event most often state its main news,
# each in words of its own and with an angle of its own ("Argentina win World Cup on penalties
# after incredible Qatar final" / "Lionel Messi and his Argentina teammates are the new world
# champions after ... a nervy 4-2 penalty win over France"). Those of different sources are
# linked when their word overlap reaches this score, they share this many words that are not
# names (two headlines: the second figure, since a subject alone, "bank governor", is two), and
# one repeats this share of a clause of the other.
_LEAD_SCORE = 0.2
_LEAD_WORDS = 2
_LEAD_HEADLINE_WORDS = 3
_LEAD_CLAUSE = 0.35
Pair = tuple[int, int]


def match_statements(
    statements: list[Statement],
    settings: MatchSettings,
    aliases: tuple[Alias, ...] = (),
) -> list[Link]:
    """Return the links between statements of different sources, each once, in reading order.

    Candidates come from a TF-IDF index (word stems and character n-grams, names weighing
    less than other words); each is rescored with a fuzzy word overlap that tolerates other
    word forms and spellings. A pair is linked when its score is high on its own, or when a
    fitted combination of its evidence says so (``generator.evidence``: the score, how much of
    each statement and of its best clause the other repeats, whether the two are each other's
    best candidate and by what margin, the statements around them). Then, as sentence aligners
    do for translations, statements between or next to two linked pairs of the same two
    sources are aligned; statements linked through a third are linked when alike enough, and a
    near-copy (another translation) takes the links of its copy, over and over until that
    links nothing new; and two statements saying when the same body was founded, or on what
    day the same kind of event began, are linked, whatever year or day each gives. Last, the
    headlines and first sentences of news reports, which most often lead with the same news,
    are linked to one another on weaker evidence.
    """
    corpus = _prepare(statements, settings, aliases)
    if corpus is None:
        return []
    candidates = _candidates(corpus)
    evidence = _evidence(corpus, candidates, settings)
    accepted = {
        pair: score
        for pair, (score, features) in evidence.items()
        if _accept(corpus, pair, score, features, settings)
    }
    for pair in _outmatched(corpus, accepted, settings):
        del accepted[pair]
    accepted.update(_claiming(corpus, _align(corpus, accepted, settings), settings))
    restated = set(_restatements(corpus, settings))
    # Closure looks one statement away; a pair it links may be the third that ties two
    # others, so it runs again until it links nothing new.
    while True:
        closed = _close(corpus, accepted, settings, restated)
        accepted.update(closed)
        copied = _close(corpus, accepted, settings, copies_only=True)
        accepted.update(copied)
        if not closed and not copied:
            break
    headlines = _claiming(corpus, _headlines(corpus, candidates, accepted), settings)
    accepted.update(headlines)
    summed = _claiming(corpus, _summed_up(corpus, accepted, settings), settings)
    accepted.update(summed)
    founded = _founded(corpus, accepted)
    accepted.update(founded)
    # Closure ran before headlines had their links: a headline takes, through the sentence it
    # is linked to, that sentence's counterparts, by the same rules as any statement.
    headed = _close(corpus, accepted, settings, restated, headlines_only=True)
    accepted.update(headed)
    leads = _leads(corpus, accepted)
    accepted.update(leads)
    for pair in [p for p, score in accepted.items() if score < settings.strong_threshold]:
        if _counted_elsewhere(corpus, *pair) or _teased(corpus, pair):
            del accepted[pair]
    # A headline of several claims states part of what each claim's counterparts say, and
    # more than another headline that repeats only some of them; two leads each add an angle.
    partial = (
        founded.keys()
        | {pair for pair, score in leads.items() if score < settings.strong_threshold}
        | {
            pair
            for pair in summed.keys() | headed.keys()
            if any(
                corpus.statements[k].kind is StatementKind.HEADLINE
                and len(corpus.words[k].clauses) > 1
                for k in pair
            )
        }
    )
    partial |= {pair for pair in accepted if _claims_left_out(corpus, *pair)}
    links = [
        corpus.link(i, j, score, settings, LinkKind.PARTIAL if (i, j) in partial else None)
        for (i, j), score in accepted.items()
    ]
    order = {s.id: index for index, s in enumerate(statements)}
    return sorted(links, key=lambda link: (order[link.source], order[link.target]))


def candidate_evidence(
    statements: list[Statement],
    settings: MatchSettings,
    aliases: tuple[Alias, ...] = (),
) -> list[tuple[str, str, tuple[float, ...]]]:
    """Return every candidate pair (two statement ids) with the evidence the link model weighs.

    ``bench/fit_matcher.py`` fits the weights of ``generator.evidence`` on what this returns.
    """
    corpus = _prepare(statements, settings, aliases)
    if corpus is None:
        return []
    evidence = _evidence(corpus, _candidates(corpus), settings, complete=True)
    ids = [s.id for s in corpus.statements]
    return [(ids[i], ids[j], features) for (i, j), (_, features) in evidence.items()]


def _prepare(
    statements: list[Statement],
    settings: MatchSettings,
    aliases: tuple[Alias, ...],
) -> _Corpus | None:
    """Return the statements that can be matched, with their words; None if fewer than two."""
    content = [s for s in statements if s.is_content]
    vocabulary = Vocabulary([s.text for s in content], aliases, settings.synonyms)
    keep = [
        index
        for index, words in enumerate(vocabulary.statements)
        if len(words.stems) >= settings.min_words and _says_something(content[index], words)
    ]
    eligible = [content[i] for i in keep]
    if len(eligible) < 2 or len({s.source for s in eligible}) < 2:
        return None
    return _Corpus(eligible, vocabulary, keep)


def _says_something(statement: Statement, words: Words) -> bool:
    """Return whether a statement has words enough to be matched: two that are not names, or
    one and ``_NAMES_LISTED`` names or more in the text ("The CSTO includes Armenia, Belarus,
    Kazakhstan, ..."). A caption or heading of one word and names ("Kazakhstan President
    Kassym-Jomart Tokayev") says who is pictured, not what happened."""
    plain = len(words.plain)
    if plain >= 2:
        return True
    listed = len(set(words.stems) & words.names) >= _NAMES_LISTED
    return plain == 1 and listed and not _is_label(statement)


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
        self.weights = [dict(units) for units in self.units]
        self.amounts = [frozenset(filter(is_amount, stems)) for stems in self.stem_sets]
        self.plain_sets = [
            stems - words.names - amounts
            for stems, words, amounts in zip(self.stem_sets, self.words, self.amounts, strict=True)
        ]
        self.titled = [_is_titled(s) for s in statements]
        self.teasers = [_is_teaser(s) for s in statements]
        # What depends on the text alone is found once for each distinct text.
        counted: dict[str, frozenset[str]] = {}
        folded: dict[str, str] = {}
        for statement in statements:
            if statement.text not in folded:
                counted[statement.text] = counted_nouns(statement.text)
                folded[statement.text] = fold(statement.text)
        self.counted = [counted[s.text] for s in statements]
        self.folded = [folded[s.text] for s in statements]
        self.totals = [sum(weight for _, weight in units) for units in self.units]
        # Statements with the same weighted words (a wire story reprinted) share their
        # coverages: they are kept by form, not by statement.
        forms: dict[object, int] = {}
        self.unit_form = [forms.setdefault(tuple(units), len(forms)) for units in self.units]
        self.set_form = [forms.setdefault(stems, len(forms)) for stems in self.stem_sets]
        self._coverage: dict[Pair, float] = {}
        self.sources = [s.source for s in statements]
        self.position: list[int] = []
        self.by_source: dict[str, list[int]] = defaultdict(list)
        for index, source in enumerate(self.sources):
            self.position.append(len(self.by_source[source]))
            self.by_source[source].append(index)
        self._scores: dict[Pair, float] = {}
        self._kinds: dict[tuple[str, str], LinkKind] = {}

    def coverage(self, i: int, j: int) -> float:
        """Return the weighted share of statement i's words that have a near-twin in j."""
        key = (self.unit_form[i], self.set_form[j])
        found = self._coverage.get(key)
        if found is None:
            found = self.cover(self.units[i], j)
            self._coverage[key] = found
        return found

    def overlap(self, i: int, j: int) -> float:
        """Return the weighted share of the words of both statements that the other repeats."""
        mine, theirs = self.totals[i], self.totals[j]
        return (self.coverage(i, j) * mine + self.coverage(j, i) * theirs) / (mine + theirs)

    def score(self, i: int, j: int, cosine: float | None = None) -> float:
        """Return the similarity of two statements: cosine blended with fuzzy word overlap."""
        key = (min(i, j), max(i, j))
        if key not in self._scores:
            overlap = self.overlap(i, j)
            base = cosine if cosine is not None else overlap
            score = max(base, 0.5 * base + 0.5 * overlap)
            self._scores[key] = score
        return self._scores[key]

    def clause_coverage(self, i: int, j: int) -> float:
        """Return the best share of one clause of statement i whose words have a twin in j."""
        return max(self.clause_covers(i, j))

    def clause_covers(self, i: int, j: int) -> list[float]:
        """Return, for each clause of statement i, the share of its words with a twin in j."""
        weights = self.weights[i]
        return [
            self.cover([(stem, weights[stem]) for stem in stems], j)
            for stems in self.words[i].clauses
        ]

    def cover(self, units: list[tuple[str, float]], j: int) -> float:
        """Return the weighted share of ``units`` (stems and weights) with a near-twin in j."""
        theirs = self.stem_sets[j]
        matched = total = 0.0
        for stem, weight in units:
            total += weight
            if stem in theirs:
                matched += weight
                continue
            best = 0.0
            for twin, similarity in self.vocabulary.twins(stem).items():
                if similarity > best and twin in theirs:
                    best = similarity
            matched += weight * best
        return matched / total if total else 0.0

    def unmatched(self, i: int, j: int) -> float:
        """Return how many words of statement i have no near-twin in j, a name counting as
        ``NAME_WEIGHT`` of a word."""
        theirs, names = self.stem_sets[j], self.words[i].names
        # In the words' own order, not the set's: a float sum depends on its order, and the
        # set's changes from run to run.
        return sum(
            NAME_WEIGHT if stem in names else 1.0
            for stem, _ in self.units[i]
            if not self.has_twin(stem, theirs)
        )

    def shared(self, i: int, j: int) -> tuple[float, float, float]:
        """Return how many words that are not names both have, or a near-twin or synonym of
        (up to 6, as a share of 6), whether they share an amount, and whether they count the
        same thing."""
        return (
            min(self.shared_words(i, j), 6) / 6,
            float(not self.amounts[i].isdisjoint(self.amounts[j])),
            float(not self.counted[i].isdisjoint(self.counted[j])),
        )

    def shared_words(self, i: int, j: int) -> int:
        """Return how many words that are not names both statements have (near-twins and
        synonyms counting), the fewer of the two counts."""
        return min(
            self.matched_words(self.plain_sets[i], j), self.matched_words(self.plain_sets[j], i)
        )

    def matched_words(self, stems: Iterable[str], j: int) -> int:
        """Return how many of ``stems`` have a near-twin among the words of j that are not
        names or amounts."""
        theirs = self.plain_sets[j]
        return sum(self.has_twin(stem, theirs) for stem in stems)

    def repeated(self, i: int, j: int) -> dict[str, float]:
        """Return the words of statement i, not names, that have a near-twin in j, with their
        weights."""
        theirs, names = self.stem_sets[j], self.words[i].names
        return {
            stem: weight
            for stem, weight in self.units[i]
            if stem not in names and self.has_twin(stem, theirs)
        }

    def has_twin(self, stem: str, words: frozenset[str]) -> bool:
        """Return whether ``words`` hold ``stem`` or a near-twin or synonym of it."""
        return stem in words or not words.isdisjoint(self.vocabulary.twins(stem))

    def neighbours_score(self, i: int, j: int) -> float:
        """Return the similarity of the statements next to i and j (before both or after both)."""
        left, right = self.sources[i], self.sources[j]
        found = [_neighbour(self, left, right, i, j, step) for step in (-1, 1)]
        return max((self.score(*pair) for pair in found if pair is not None), default=0.0)

    def link(
        self, i: int, j: int, score: float, settings: MatchSettings, kind: LinkKind | None = None
    ) -> Link:
        a, b = self.statements[i], self.statements[j]
        if kind is None:
            # The kind depends on the two texts alone, which wire copies repeat many times.
            kind = self._kinds.get((a.text, b.text))
            if kind is None:
                kind = self._kinds[a.text, b.text] = _link_kind(self, i, j, settings)
        conflicts = find_conflicts(a.text, b.text, same_claim=kind is not LinkKind.PARTIAL)
        return Link(a.id, b.id, kind, round(float(score), 3), conflicts)


def _candidates(
    corpus: _Corpus, among: list[int] | None = None
) -> dict[int, list[tuple[int, float]]]:
    """Return, for every statement, its top candidates with their combined cosine similarity.
    With ``among``, for those statements only, among themselves.

    Candidates come from an index of the words that few statements share (a word in most of
    them proposes everything and nothing), so the work grows with the corpus, not its square;
    the cosine over all words and character n-grams is then computed for those pairs only.
    Statements with the same words (a wire story reprinted) are one row in the index.
    """
    pool = list(range(len(corpus.words))) if among is None else among
    pooled = [corpus.words[k] for k in pool]
    stems, word_of = _forms([words.stems for words in pooled])
    members = np.bincount(word_of)
    word, features = tfidf([_word_features(s) for s in stems], counts=members, unit=False)
    names = set().union(*(w.names for w in pooled))
    scale = np.array(
        [NAME_WEIGHT if all(part in names for part in f.split()) else 1.0 for f in features]
    )
    word = word.scaled(scale).unit()
    unnamed = [" ".join(w for w in words.text.split() if w not in names) for words in pooled]
    texts, char_of = _forms(unnamed)
    char, _ = tfidf([character_ngrams(text) for text in texts], counts=np.bincount(char_of))
    nearest = _nearest_forms(_informative(word, members), members)
    by_form: list[list[int]] = [[] for _ in stems]
    for i, form in enumerate(word_of.tolist()):
        by_form[form].append(i)
    rank = [0] * len(word_of)
    for group in by_form:
        for r, i in enumerate(group):
            rank[i] = r
    left: list[int] = []
    right: list[int] = []
    for i, form in enumerate(word_of.tolist()):
        chosen = _spread(rank[i], form, nearest[form], by_form)
        left += [i] * len(chosen)
        right += chosen
    first, second = np.array(left, dtype=np.int64), np.array(right, dtype=np.int64)
    cosines = 0.5 * _form_dots(word, word_of[first], word_of[second]) + 0.5 * _form_dots(
        char, char_of[first], char_of[second]
    )
    rows: dict[int, list[tuple[int, float]]] = {i: [] for i in pool}
    for i, j, cosine in zip(left, right, cosines.tolist(), strict=True):
        rows[pool[i]].append((pool[j], cosine))
    return rows


def _forms(keys: list[Any]) -> tuple[list[Any], npt.NDArray[np.int64]]:
    """Return the distinct ``keys`` in order of first appearance, and each key's place there."""
    found: dict[Any, int] = {}
    places = [found.setdefault(key, len(found)) for key in keys]
    return list(found), np.array(places, dtype=np.int64)


def _informative(word: Rows, members: npt.NDArray[np.int64]) -> Rows:
    """Return the rows of ``word`` keeping the features few statements share.

    Every row keeps at least its rarest feature, so a sentence that many sources repeat word
    for word still finds its copies. ``members``: how many statements each row stands for.
    """
    owners = word.owners()
    frequency = np.bincount(word.indices, members[owners], minlength=word.width)
    common = max(_COMMON_FLOOR, int(_COMMON_SHARE * members.sum()))
    keep = frequency[word.indices] <= common
    kept = np.bincount(owners[keep], minlength=word.height)
    for row in np.flatnonzero((kept == 0) & (np.diff(word.indptr) > 0)).tolist():
        begin, end = word.indptr[row], word.indptr[row + 1]
        keep[begin + int(np.argmin(frequency[word.indices[begin:end]]))] = True
    return word.kept(keep).unit()


def _nearest_forms(index: Rows, members: npt.NDArray[np.int64]) -> list[list[int]]:
    """Return, for each row of ``index``, the rows most like it, best first (itself among
    them), as many as hold ``_CANDIDATES`` statements besides one of its own."""
    nearest: list[list[int]] = [[] for _ in range(index.height)]
    for left, right, values in products(index):
        if not len(left):
            continue  # no row of this chunk has a word in common with another
        order = np.lexsort((right, -values, left))
        left, right = left[order], right[order]
        held = members[right] - (left == right)
        before = np.cumsum(held) - held
        starts = np.flatnonzero(np.r_[True, left[1:] != left[:-1]])
        before -= np.repeat(before[starts], np.diff(np.r_[starts, len(left)]))
        keep = before < _CANDIDATES
        for form, other in zip(left[keep].tolist(), right[keep].tolist(), strict=True):
            nearest[form].append(other)
    return nearest


def _spread(rank: int, form: int, nearest: list[int], by_form: list[list[int]]) -> list[int]:
    """Return a statement's candidates: the statements of the forms nearest its own, best
    first. Of a form with more statements than are wanted, the ones around the statement's
    rank in its own form: the copies of a much-repeated sentence each choose their own few,
    half of them choosing each other, rather than all the same ones."""
    chosen: list[int] = []
    for other in nearest:
        group = by_form[other]
        wanted = _CANDIDATES - len(chosen)
        if other == form:
            if len(group) - 1 <= wanted:
                chosen += group[rank + 1 :] + group[:rank]
            else:
                after = wanted - wanted // 2
                steps = [*range(1, after + 1), *range(-1, after - wanted - 1, -1)]
                chosen += [group[(rank + step) % len(group)] for step in steps]
        else:
            start = rank % len(group)
            taken = group[start : start + wanted]
            chosen += taken + group[: min(start, wanted - len(taken))]
        if len(chosen) >= _CANDIDATES:
            break
    return chosen


def _form_dots(
    rows: Rows, left: npt.NDArray[np.int64], right: npt.NDArray[np.int64]
) -> npt.NDArray[np.float64]:
    """Return the dot products of the rows named by each pair, each distinct pair once."""
    keys, inverse = np.unique(left * rows.height + right, return_inverse=True)
    return pair_dots(rows, keys // rows.height, keys % rows.height)[inverse]


def _word_features(stems: tuple[str, ...]) -> list[str]:
    return [*stems, *(f"{a} {b}" for a, b in itertools.pairwise(stems))]


def _evidence(
    corpus: _Corpus,
    candidates: dict[int, list[tuple[int, float]]],
    settings: MatchSettings,
    complete: bool = False,
) -> dict[Pair, tuple[float, tuple[float, ...]]]:
    """Return each candidate pair of different sources with its score and its evidence.

    Pairs too unlike to be linked whatever the rest says are left out. Unless ``complete``,
    pairs alike enough to be linked whatever the rest says get no evidence computed, and the
    context (the statements around both) is scored only when it can change the decision:
    this keeps the work per candidate small.
    """
    scores: dict[Pair, float] = {}
    for i, found in candidates.items():
        for j, cosine in found:
            pair = (min(i, j), max(i, j))
            if corpus.sources[i] != corpus.sources[j] and pair not in scores:
                scores[pair] = corpus.score(i, j, cosine)
    # The two best scores of each statement in each other source, for mutual best and margins.
    top: dict[tuple[int, str], tuple[float, int, float]] = {}
    for (i, j), score in scores.items():
        for key, other in (((i, corpus.sources[j]), j), ((j, corpus.sources[i]), i)):
            best, chosen, second = top.get(key, (0.0, -1, 0.0))
            if score > best:
                top[key] = (score, other, best)
            elif score > second:
                top[key] = (best, chosen, score)
    floor = settings.threshold * _FLOOR_FACTOR
    evidence: dict[Pair, tuple[float, tuple[float, ...]]] = {}
    clause, context = LAZY
    for (i, j), score in scores.items():
        if score < floor:
            continue
        if score >= settings.strong_threshold and not complete:
            evidence[(i, j)] = (score, ())  # linked whatever the evidence says (see _accept)
            continue
        best_i, chosen_i, second_i = top[(i, corpus.sources[j])]
        best_j, chosen_j, second_j = top[(j, corpus.sources[i])]
        margin_i = score - (second_i if chosen_i == j else best_i)
        margin_j = score - (second_j if chosen_j == i else best_j)
        cover_i, cover_j = corpus.coverage(i, j), corpus.coverage(j, i)
        features = [
            score - settings.threshold,
            min(cover_i, cover_j),
            max(cover_i, cover_j) - settings.partial_containment,
            0.0,
            float(chosen_i == j and chosen_j == i),
            max(margin_i, margin_j),
            min(margin_i, margin_j),
            float(corpus.titled[i] or corpus.titled[j]),
            0.0,
            *corpus.shared(i, j),
        ]
        odds = link_odds(features)
        if complete or is_undecided(odds, LAZY):
            features[clause] = max(corpus.clause_coverage(i, j), corpus.clause_coverage(j, i))
            odds = link_odds(features)
            if complete or is_undecided(odds, LAZY[1:]):
                features[context] = corpus.neighbours_score(i, j)
        evidence[(i, j)] = (score, tuple(features))
    return evidence


def _accept(
    corpus: _Corpus, pair: Pair, score: float, features: tuple[float, ...], settings: MatchSettings
) -> bool:
    if score >= settings.strong_threshold:
        return True
    if link_odds(features) < 0 or _teased(corpus, pair):
        return False
    i, j = pair
    # A caption or heading is short and loosely like many sentences: it links to prose it
    # does not repeat nearly word for word only when each is the other's best candidate.
    return not _one_label(corpus, i, j) or features[_MUTUAL] == 1.0


def _teased(corpus: _Corpus, pair: Pair) -> bool:
    """Return whether either statement of a pair is a headline that asks a question."""
    return corpus.teasers[pair[0]] or corpus.teasers[pair[1]]


def _claiming(
    corpus: _Corpus, found: dict[Pair, float], settings: MatchSettings
) -> dict[Pair, float]:
    """Return ``found`` less the pairs with a headline that asks a question, unless linked at
    ``strong_threshold`` (a copy of it): they state no claim, and later steps would link
    through them."""
    return {
        pair: score
        for pair, score in found.items()
        if score >= settings.strong_threshold or not _teased(corpus, pair)
    }


def _counted_elsewhere(corpus: _Corpus, i: int, j: int) -> bool:
    """Return whether two statements count the same thing in different places: "284 people
    died in Turkey" / "1,293 people died across Syria" are two facts, alike as they read."""
    return not corpus.counted[i].isdisjoint(corpus.counted[j]) and other_places(
        corpus.statements[i].text, corpus.statements[j].text
    )


def _outmatched(
    corpus: _Corpus, accepted: dict[Pair, float], settings: MatchSettings
) -> list[Pair]:
    """Return the accepted pairs that one of the two statements has a better counterpart for
    in the other's source: a link at ``strong_threshold`` or above, nearly the same words,
    that repeats what the pair shares.

    When a press release is reprinted, each of its sentences has its copy in the reprint; the
    other sentences of the reprint that share its subject ("insured deposits", "the bank's
    closing") are neighbours, not counterparts, however much the rest of the evidence says.
    A sentence that joins two of another source's ("The tragic events highlight democracy in a
    new way, which does not mean permissiveness") keeps its link to the second one: that one
    shares words the copy does not have. Alignment and closure may still link an outmatched
    pair, on evidence of their own.
    """
    strong: dict[tuple[int, str], list[int]] = defaultdict(list)
    for (i, j), score in accepted.items():
        if score >= settings.strong_threshold:
            strong[(i, corpus.sources[j])].append(j)
            strong[(j, corpus.sources[i])].append(i)
    found = []
    for (i, j), score in accepted.items():
        if score >= settings.strong_threshold:
            continue
        for mine, theirs in ((i, j), (j, i)):
            copies = strong.get((mine, corpus.sources[theirs]), ())
            if copies and not _adds_words(corpus, mine, theirs, copies):
                found.append((i, j))
                break
    return found


def _adds_words(corpus: _Corpus, i: int, j: int, copies: Iterable[int]) -> bool:
    """Return whether j repeats words of i, not names, that none of ``copies`` repeats, and
    whether they weigh at least ``_NEW_SHARE`` of i's words (rare words weigh more)."""
    shared = {
        stem
        for stem in corpus.plain_sets[i]
        if corpus.matched_words((stem,), j)
        and not any(corpus.matched_words((stem,), k) for k in copies)
    }
    weights = corpus.weights[i]
    return sum(weights[stem] for stem in shared) >= _NEW_SHARE * corpus.totals[i]


def _headlines(
    corpus: _Corpus, candidates: dict[int, list[tuple[int, float]]], accepted: dict[Pair, float]
) -> dict[Pair, float]:
    """Return links between the headlines of different sources that state one claim alike.

    Headlines over reports of one event most often lead with the same news in a few words of
    their own, each adding another angle ("ECB cuts rates, keeps next move under wraps" /
    "European Central Bank cuts rates by 0.25%"): two headlines are linked when most of one
    clause of either is in the other, in two words at least that are not names.
    """
    found: dict[Pair, float] = {}
    for i, nearest in candidates.items():
        if corpus.statements[i].kind is not StatementKind.HEADLINE:
            continue
        for j, _ in nearest:
            pair = (min(i, j), max(i, j))
            if (
                corpus.statements[j].kind is not StatementKind.HEADLINE
                or corpus.sources[i] == corpus.sources[j]
                or pair in accepted
                or pair in found
            ):
                continue
            clause = max(corpus.clause_coverage(i, j), corpus.clause_coverage(j, i))
            if clause >= _HEADLINE_CLAUSE and corpus.shared_words(i, j) >= 2:
                found[pair] = corpus.score(i, j)
    return found


def _leads(corpus: _Corpus, accepted: dict[Pair, float]) -> dict[Pair, float]:
    """Return links between the leads of different sources that state the main news alike.

    A news report puts its main news first, in its headline and in its first sentence; two
    reports of one event most often lead with the same news, each in words of its own and each
    adding an angle. Those two statements of each source are linked to the other sources' on
    weaker evidence than statements elsewhere: a word overlap of ``_LEAD_SCORE``, ``_LEAD_WORDS``
    words in common that are not names (``_LEAD_HEADLINE_WORDS`` for two headlines), and
    ``_LEAD_CLAUSE`` of a clause of one repeated by the other. A source without a headline (a
    transcript, a statement) has no lead; a headline that asks a question is no lead either.
    The candidates are the leads' nearest among the leads, so that the sentences of the text,
    which repeat the news, do not crowd them out.
    """
    leads: set[int] = set()
    for members in corpus.by_source.values():
        firsts = [
            next((k for k in members if corpus.statements[k].kind in kinds), None)
            for kinds in ((StatementKind.HEADLINE,), _TEXT_KINDS)
        ]
        if firsts[0] is None:
            continue  # not a news report: no headline, nothing known to lead
        leads.update(k for k in firsts if k is not None and not corpus.teasers[k])
    found: dict[Pair, float] = {}
    if len({corpus.sources[k] for k in leads}) < 2:
        return found
    for i, nearest in _candidates(corpus, sorted(leads)).items():
        for j, _ in nearest:
            pair = (min(i, j), max(i, j))
            if corpus.sources[i] == corpus.sources[j] or pair in accepted or pair in found:
                continue
            both = all(corpus.statements[k].kind is StatementKind.HEADLINE for k in pair)
            if (
                corpus.overlap(i, j) >= _LEAD_SCORE
                and corpus.shared_words(i, j) >= (_LEAD_HEADLINE_WORDS if both else _LEAD_WORDS)
                and max(corpus.clause_coverage(i, j), corpus.clause_coverage(j, i)) >= _LEAD_CLAUSE
            ):
                found[pair] = corpus.score(*pair)
    return found


def _claims_left_out(corpus: _Corpus, i: int, j: int) -> bool:
    """Return whether two headlines are linked where one has a claim the other leaves out:
    a clause of it that the other repeats less than half of."""
    if not all(corpus.statements[k].kind is StatementKind.HEADLINE for k in (i, j)):
        return False
    return any(
        len(covers) > 1 and min(covers) < _CLAUSE_LEFT_OUT
        for covers in (corpus.clause_covers(i, j), corpus.clause_covers(j, i))
    )


def _align(
    corpus: _Corpus, accepted: dict[Pair, float], settings: MatchSettings
) -> dict[Pair, float]:
    """Return links found by keeping the order of two reports of the same passage.

    Between two linked pairs of the same two sources (a1-b1, a2-b2) lie statements that are
    likely the same ones reworded: they are aligned in order, best pairs first. Right after
    or before a linked pair, the neighbours on both sides are linked when similar enough. A
    caption or heading is never aligned with prose: it sits wherever its picture or section
    was put, so its place says nothing about what it goes with.
    """
    anchors: dict[tuple[str, str], list[Pair]] = defaultdict(list)
    for i, j in accepted:
        anchors[(corpus.sources[i], corpus.sources[j])].append((i, j))
    linked = {index for pair in accepted for index in pair}
    found: dict[Pair, float] = {}
    floor = settings.threshold * 0.5
    for (left, right), pairs in anchors.items():
        pairs.sort(key=lambda pair: corpus.position[pair[0]])
        for (i1, j1), (i2, j2) in itertools.pairwise(pairs):
            gap_i = range(corpus.position[i1] + 1, corpus.position[i2])
            gap_j = range(corpus.position[j1] + 1, corpus.position[j2])
            if not gap_i or not gap_j or len(gap_i) > _MAX_GAP or len(gap_j) > _MAX_GAP:
                continue
            rows = [corpus.by_source[left][p] for p in gap_i]
            columns = [corpus.by_source[right][p] for p in gap_j]
            # One statement alone between the same two links on both sides is the other's
            # counterpart unless they have almost nothing in common: the links vouch for it.
            alone = len(gap_i) == len(gap_j) == 1
            least = settings.threshold * _CLOSURE_FACTOR if alone else floor
            for i, j in _monotone_pairs(corpus, rows, columns, least, lenient=alone):
                if i not in linked and j not in linked and not _one_label(corpus, i, j):
                    found[(min(i, j), max(i, j))] = corpus.score(i, j)
        for i, j in pairs:
            for step in (-1, 1):
                pair = _neighbour(corpus, left, right, i, j, step)
                if pair is None or pair[0] in linked or pair[1] in linked:
                    continue
                if _one_label(corpus, *pair):
                    continue
                score = corpus.score(*pair)
                if score >= settings.threshold * 0.7:
                    found[(min(pair), max(pair))] = score
    return found


def _close(
    corpus: _Corpus,
    accepted: dict[Pair, float],
    settings: MatchSettings,
    restated: set[Pair] | None = None,
    copies_only: bool = False,
    headlines_only: bool = False,
) -> dict[Pair, float]:
    """Return links between statements that are linked through a third one and alike enough.

    When A is linked to B and B to C, A and C most often report the same thing too; the pair
    is linked when its own similarity is not negligible, so a chain of partial links does not
    tie unrelated statements together. A third one may also be a restatement in A's own
    source: the narration right before or after a quote that says what the quote says, or the
    first sentence under a headline: ``restated``, those pairs (``_restatements``).

    ``copies_only``: through a third one that is a near-copy of A or C (another translation,
    linked at ``strong_threshold`` or more), run again once closure has linked it: closure
    looks one statement away, and two translations of a sentence have the same counterparts
    ("I turned to the heads of the other states to help" takes "sought help from the heads of
    the countries" from its copy "I appealed to the heads of the states to assist", which
    closure linked through a third report of the request).

    ``headlines_only``: only pairs of a headline and another statement, once the headlines
    have their links.
    """
    restated = restated or set()
    neighbours: dict[int, set[int]] = defaultdict(set)
    for i, j in itertools.chain(accepted, restated):
        neighbours[i].add(j)
        neighbours[j].add(i)

    kinds: dict[Pair, bool] = {}

    def partial(hub: int, k: int) -> bool:
        pair = (min(hub, k), max(hub, k))
        if pair not in kinds:
            kind = None if pair in restated else _link_kind(corpus, *pair, settings)
            kinds[pair] = kind is LinkKind.PARTIAL
        return kinds[pair]

    found: dict[Pair, float] = {}
    for hub, around in neighbours.items():
        if len(around) > _CLOSURE_MAX:
            continue  # a statement many others repeat: its neighbours are clustered anyway
        # A statement linked to two of one source and two of another says something general
        # ("The investigation has revealed ..."): it vouches for none of those four pairs.
        per_source = Counter(corpus.sources[k] for k in around)
        for i, j in itertools.combinations(sorted(around), 2):
            if corpus.sources[i] == corpus.sources[j] or (i, j) in accepted:
                continue
            if headlines_only and StatementKind.HEADLINE not in {
                corpus.statements[i].kind,
                corpus.statements[j].kind,
            }:
                continue
            if per_source[corpus.sources[i]] > 1 and per_source[corpus.sources[j]] > 1:
                continue
            if copies_only and not any(
                accepted[min(hub, k), max(hub, k)] >= settings.strong_threshold for k in (i, j)
            ):
                continue
            score = corpus.score(i, j)
            if score < settings.threshold and _one_label(corpus, i, j):
                # A caption or heading is short: linked to prose through a third statement,
                # the low bar of closure would tie it to whatever that statement also says.
                # It must be alike enough to the prose on its own.
                continue
            if score < settings.threshold * _CLOSURE_FACTOR:
                continue
            # A long statement of several claims is linked to one statement for each: those
            # state different parts of it, not the same thing.
            if (
                score < settings.threshold
                and partial(hub, i)
                and partial(hub, j)
                and not _same_part(corpus, hub, i, j)
            ):
                continue
            found[(i, j)] = score
    return found


def _same_part(corpus: _Corpus, hub: int, i: int, j: int) -> bool:
    """Return whether i and j repeat the same part of ``hub``: the words of it each repeats
    (not names: those are what all of them are about) overlap by ``_SAME_PART`` of the fewer."""
    mine, theirs = corpus.repeated(hub, i), corpus.repeated(hub, j)
    shared = sum(weight for stem, weight in mine.items() if stem in theirs)
    least = min(sum(mine.values()), sum(theirs.values()))
    return least > 0 and shared >= _SAME_PART * least


def _restatements(corpus: _Corpus, settings: MatchSettings) -> list[Pair]:
    """Return the pairs of neighbouring statements of one source that say the same thing.

    Outlets restate a quote in their own words just before or after it ("The Minister said
    the Government respects the right to strike" / "'The right to strike is protected ...,'
    she said"), and the first sentence under a headline restates it. Only such neighbours,
    when alike enough and, for a quote, when the narration reports speech: two sentences in a
    row usually say different things.
    """
    found = []
    floor = settings.threshold * _RESTATEMENT_FACTOR
    for members in corpus.by_source.values():
        for i, j in itertools.pairwise(members):
            first, second = corpus.statements[i], corpus.statements[j]
            kinds = {first.kind, second.kind}
            if kinds not in _RESTATING or not _restates(corpus, i, j, floor):
                continue
            narration = first if first.kind is StatementKind.BODY else second
            if StatementKind.QUOTE not in kinds or is_reported_speech(narration.text):
                found.append((i, j))
        found += [
            (min(i, j), max(i, j))
            for i, j in _quoted_around(corpus, members)
            if _restates(corpus, i, j, floor)
        ]
    return found


def _restates(corpus: _Corpus, i: int, j: int, floor: float) -> bool:
    """Return whether two statements of one source are alike enough to restate each other:
    a word overlap of ``floor``, in two words at least that are not names. Names and one
    word in common ("The president asked the CSTO for help" / "Kazakhstan needs the CSTO
    forces for support") are a subject, not a statement."""
    return corpus.overlap(i, j) >= floor and corpus.shared_words(i, j) >= 2


def _summed_up(
    corpus: _Corpus, accepted: dict[Pair, float], settings: MatchSettings
) -> dict[Pair, float]:
    """Return links of headlines to what the sentences of their text they sum up are linked to.

    A headline sums up a sentence anywhere in its article ("Minister says militants didn't
    lay down weapons" over a quote in the fifth paragraph), or one sentence for each of its
    claims ("Minister vows decisive measures, calls for CSTO support"): for each claim, the
    sentence of the text that repeats most of its words, when it repeats most of them and
    at least two that are not names. The headline states part of what that sentence's
    counterparts in other sources say; the reverse does not hold (a headline says several
    things), so the sentence gains no link through its headline.
    """
    linked: dict[int, list[int]] = defaultdict(list)
    for (i, j), score in accepted.items():
        if score >= settings.threshold:
            linked[i].append(j)
            linked[j].append(i)
    least = settings.threshold * _CLOSURE_FACTOR
    found: dict[Pair, float] = {}
    for i, sentence in _headline_sentences(corpus):
        for j in linked.get(sentence, ()):
            pair = (min(i, j), max(i, j))
            if corpus.sources[j] == corpus.sources[i] or pair in accepted or pair in found:
                continue
            if corpus.titled[j]:
                continue
            score = corpus.score(i, j)
            if score >= least:
                found[pair] = score
    return found


def _headline_sentences(corpus: _Corpus) -> Iterable[Pair]:
    """Yield each headline with each sentence of its own text that one of its claims sums up.

    A sentence that disagrees with the headline on a figure, a year or a date tells of another
    event, however alike their words: under "nine miners died, rescue is continuing", the
    text's "in 2009 ... died 17 miners" is the mine's earlier disaster.
    """
    for members in corpus.by_source.values():
        for i in members:
            if corpus.statements[i].kind is not StatementKind.HEADLINE:
                continue
            weights, plain = corpus.weights[i], corpus.plain_sets[i]
            for clause in corpus.words[i].clauses:
                units = [(stem, weights[stem]) for stem in clause]
                words = [stem for stem in clause if stem in plain]
                best, chosen = _SUMMED_UP, -1
                for j in members:
                    if corpus.statements[j].kind not in _TEXT_KINDS:
                        continue
                    covered = corpus.cover(units, j)
                    if (
                        covered > best
                        and corpus.matched_words(words, j) >= 2
                        and not find_conflicts(corpus.statements[i].text, corpus.statements[j].text)
                    ):
                        best, chosen = covered, j
                if chosen >= 0:
                    yield i, chosen


def _quoted_around(corpus: _Corpus, members: list[int]) -> Iterable[Pair]:
    """Yield each narration that reports speech with the quotes of its paragraph and the
    paragraphs next to it, other than its direct neighbours: "X's actions are not aimed
    against freedoms, Tokayev said." restates the second sentence of the quote after it."""
    for place, i in enumerate(members):
        narration = corpus.statements[i]
        if narration.kind is not StatementKind.BODY or not is_reported_speech(narration.text):
            continue
        nearby = members[max(0, place - _QUOTED_REACH) : place + _QUOTED_REACH + 1]
        for j in nearby:
            quote = corpus.statements[j]
            if (
                abs(corpus.position[j] - place) > 1
                and quote.kind is StatementKind.QUOTE
                and abs(quote.block - narration.block) <= 1
            ):
                yield i, j


def _founded(corpus: _Corpus, accepted: dict[Pair, float]) -> dict[Pair, float]:
    """Return links between statements that state the same background fact: when a named
    body was founded, or on what day an event began.

    "The CSTO has existed since May 15, 1992" and "The CSTO was established in 2002" share
    one word, but report one fact (and disagree on it); so do "The protests, which started
    on January 2" and "Protests erupted ... on January 2". The first such statement of each
    source is linked to the others; when many sources state it, to the first one only, so the
    work stays linear.
    """
    by_fact: dict[tuple[str, str], dict[str, int]] = defaultdict(dict)
    for index, statement in enumerate(corpus.statements):
        subject = find_founding(statement.text)
        if subject is not None:
            key = ("founded", canonical_text(subject, corpus.vocabulary.aliases))
            by_fact[key].setdefault(statement.source, index)
        event = find_start(statement.text)
        # A sentence may open with a name: "Tokayev has led the party since ...".
        if event is not None and stem_word(event) not in corpus.words[index].names:
            by_fact[("began", event)].setdefault(statement.source, index)
    found: dict[Pair, float] = {}
    for firsts in by_fact.values():
        ordered = sorted(firsts.values())
        pairs: Iterable[Pair] = itertools.combinations(ordered, 2)
        if len(ordered) > _CLOSURE_MAX:
            pairs = [(ordered[0], j) for j in ordered[1:]]
        for i, j in pairs:
            if (i, j) not in accepted:
                found[(i, j)] = corpus.score(i, j)
    return found


def _monotone_pairs(
    corpus: _Corpus, rows: list[int], columns: list[int], floor: float, lenient: bool = False
) -> list[Pair]:
    """Return pairs of ``rows`` x ``columns`` taken best first, keeping both orders.

    ``lenient``: a pair's words alone may carry it (other forms, synonyms), whatever its
    cosine."""

    def alike(i: int, j: int) -> float:
        found = corpus.score(i, j)
        return max(found, corpus.overlap(i, j)) if lenient else found

    scored = sorted(
        ((alike(i, j), a, b) for a, i in enumerate(rows) for b, j in enumerate(columns)),
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


def _one_label(corpus: _Corpus, i: int, j: int) -> bool:
    """Return whether one of two statements is a caption or heading and the other is not."""
    return _is_label(corpus.statements[i]) != _is_label(corpus.statements[j])


def _is_label(statement: Statement) -> bool:
    return statement.kind in (StatementKind.CAPTION, StatementKind.HEADING)


def _is_titled(statement: Statement) -> bool:
    return statement.kind in (StatementKind.HEADLINE, StatementKind.CAPTION, StatementKind.HEADING)


def _is_teaser(statement: Statement) -> bool:
    """Return whether a statement is a headline or heading that asks a question or names one
    ("What we know about ...", "Why ... matters"): it says what a text is about, not what
    happened, and links only to a copy of itself."""
    kinds = (StatementKind.HEADLINE, StatementKind.HEADING)
    return statement.kind in kinds and _TEASER.search(statement.text) is not None


def _link_kind(corpus: _Corpus, i: int, j: int, settings: MatchSettings) -> LinkKind:
    if corpus.folded[i] == corpus.folded[j]:
        return LinkKind.VERBATIM
    shorter, longer = sorted((len(corpus.words[i].stems), len(corpus.words[j].stems)))
    contained = max(corpus.coverage(i, j), corpus.coverage(j, i))
    if shorter < 0.6 * longer and contained >= settings.partial_containment:
        return LinkKind.PARTIAL
    if shorter < 0.45 * longer:
        return LinkKind.PARTIAL
    # Two wordings of one claim each leave a few words of the other unmatched; a statement
    # that says more than the other leaves the words of its extra claim unmatched too.
    if abs(corpus.unmatched(i, j) - corpus.unmatched(j, i)) >= _PARTIAL_EXTRA:
        return LinkKind.PARTIAL
    return LinkKind.PARAPHRASE
