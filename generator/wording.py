"""The words a statement is matched on: folded, numbers and aliases unified, names marked."""

from __future__ import annotations

import functools
import math
import re
import unicodedata
from collections import Counter
from dataclasses import dataclass

from generator.conflicts import normalise_dates, normalise_numbers
from generator.model import Alias
from generator.synonyms import SYNONYM_SIMILARITY

STOPWORDS = frozenset(
    """a an the and or but if of to in on at by for with from as is are was were be been being
    it its this that these those there their they them he she his her we our us i me my you
    your not no so than then also has have had do does did will would shall should can could
    may might must which who whom whose what when where why how all any both each other some
    such only own same very just into about over after before again further once here out up
    down said says say told stated noted added according while during every through throughout
    among within under upon toward towards onto via despite since until yet still even ever
    already however therefore thus too him himself herself itself themselves ourselves yourself
    hers ours theirs""".split()
)
#: How much a name counts next to other words: names say who or where, not what was said.
NAME_WEIGHT = 0.4
_ACRONYM = re.compile(
    r"\b((?:[A-Z][\w’'-]+\s+(?:(?:of|for|and|the)\s+)?){1,7}[A-Z][\w’'-]+)\s*\(([A-Z]{2,8})\)"
)
# Initials written with points ("E.C.B."): one word, as "ECB" is.
_INITIALS = re.compile(r"\b(?:[A-Z]\.){2,}")
_JOINING = frozenset({"of", "for", "and", "the"})
_ARTICLES = frozenset({"the", "a", "an"})
# Between two words of a name, an article or none.
_INNER_ARTICLE = r"\s+(?:(?:the|a|an)\s+)?"
# An acronym as a word of its own ("CSTO"), and a name of three or more capitalised words,
# possibly joined by "of", "for", "and" or "the" ("Collective Security Treaty Organization").
_UPPER = re.compile(r"\b[A-Z]{3,8}\b")
_CAPITALISED = re.compile(r"\b[A-Z][\w’'-]*(?:\s+(?:(?:of|for|and|the)\s+)?[A-Z][\w’'-]*){2,7}\b")
_WORD = re.compile(r"[^\W_]+(?:[-’'][^\W_]+)*")
# Where one claim of a sentence ends and another begins: punctuation inside the sentence and the
# words that join clauses.
_CLAUSE_PUNCTUATION = re.compile(r"[;:()\[\]\"“”]|,(?=\s)|\s[-–—]+\s")
_CLAUSE_WORDS = frozenset(
    """and but while as after before which who when where because although though whereas
    including with""".split()
)
# Phrases that work as one preposition or conjunction ("in connection with the appeal"): their
# nouns say nothing about what happened, so they are left out like stop words.
_FUNCTION_PHRASES = re.compile(
    r"(?i)\b(?:in (?:connection|accordance|line|keeping|comparison|conjunction) with|"
    r"in (?:view|terms|spite|front|case|place|light|respect) of|"
    r"(?:in|with) (?:regard|respect|relation) to|in this regard|on (?:behalf|top) of|"
    r"as (?:a result|part) of|by (?:means|way|virtue) of|for the sake of|in order to|"
    r"as well as|due to|owing to|inter alia|at the time of)\b"
)
# A description set off by commas right after a name ("the CSTO, a military alliance of
# former Soviet republics, for help"): who or what the name is, not what the sentence reports.
_APPOSITIVE = re.compile(
    r"(\b[A-Z][\w’'-]*),\s+(?:an?|the|who|whose)\s+(?=[a-z])([^,;:.!?()\[\]\"“”]{3,90}),(?=\s)"
)
_REPORTING = re.compile(r"\b(?:said|says|say|told|tells|added|adds|according|reported|wrote)\b")
# Amounts as one word each: a decimal point would otherwise split "3.75" in two, and "%",
# "per cent" and "percent" are one word.
_DECIMAL_POINT = re.compile(r"(?<=\d)\.(?=\d)")
_PERCENT = re.compile(r"(?i)\s*%|\s+per\s?cent\b")
_AMOUNT = re.compile(r"\d+(?:point\d+)?")
# A score, a vote or a range is one word: "4-2" ("won 4-2 on penalties", "ruled 7-2"), which
# two lone digits, dropped as words, would not be.
_SCORE = re.compile(r"(?<![\w.,/-])(\d{1,3})[-–](\d{1,3})(?![\w/]|[.,]\d|-\w)")
# A word after "not" or "never" is another word than itself: "pleaded not guilty" does not
# repeat "found guilty". Both of "have not laid down" and "did not yet lay down" have it.
_NEGATIONS = frozenset({"not", "never"})
NEGATED = "not_"
_DIGIT = re.compile(r"\d")
# Stands for clause punctuation in folded text: a word character, so folding keeps it.
_BREAK = "_"


@dataclass(frozen=True)
class Words:
    """The content words of one statement, ready for comparison."""

    text: str
    """Canonical text: folded, aliases and numbers unified."""
    stems: tuple[str, ...]
    """Stems of the content words, in order."""
    names: frozenset[str]
    """The stems that are (parts of) names of people, places or bodies."""
    clauses: tuple[tuple[str, ...], ...] = ()
    """The distinct stems of each clause (between commas, "and", "which", ...) that says
    something alone; the whole statement when none does."""

    @property
    def plain(self) -> tuple[str, ...]:
        """Return the stems that are not names."""
        return tuple(s for s in self.stems if s not in self.names)


class Vocabulary:
    """What the whole set of statements tells about its words: names, acronyms, rarity."""

    def __init__(
        self,
        texts: list[str],
        aliases: tuple[Alias, ...],
        synonyms: tuple[tuple[str, ...], ...] = (),
    ) -> None:
        texts = [join_initials(text) for text in texts]
        self.aliases = (*aliases, *find_acronyms(texts))
        self._name_words = _name_words(texts, self.aliases)
        # A text many sources repeat word for word is analysed once.
        known: dict[str, Words] = {}
        self.statements = [known.get(t) or known.setdefault(t, self._words(t)) for t in texts]
        counts: Counter[str] = Counter()
        for words in self.statements:
            counts.update(set(words.stems))
        total = len(texts)
        self.idf = {w: math.log((1 + total) / (1 + n)) + 1 for w, n in counts.items()}
        self._buckets: dict[str, list[str]] = {}
        for stem in counts:
            self._buckets.setdefault(stem[:3], []).append(stem)
        self._twins: dict[str, dict[str, float]] = {}
        self._synonyms = synonym_stems(synonyms)

    def twins(self, stem: str) -> dict[str, float]:
        """Return the other stems of the statements spelled like ``stem`` ("terrorist" /
        "terrorism") or in a group of synonyms with it ("assist" / "help"), with how alike.

        Only stems that begin alike are compared, so the cost stays small as the vocabulary grows.
        """
        found = self._twins.get(stem)
        if found is None:
            found = {}
            for other in self._synonyms.get(stem, ()):
                if other in self.idf:
                    found[other] = SYNONYM_SIMILARITY
            for other in self._buckets.get(stem[:3], ()):
                if other != stem:
                    similarity = word_similarity(stem, other)
                    if similarity:
                        found[other] = max(similarity, found.get(other, 0.0))
            self._twins[stem] = found
        return found

    def weight(self, index: int, stem: str) -> float:
        """Return the weight of a stem in a statement: its rarity, less for names."""
        name = stem in self.statements[index].names
        return self.idf.get(stem, 1.0) * (NAME_WEIGHT if name else 1.0)

    def _words(self, text: str) -> Words:
        text = _FUNCTION_PHRASES.sub(" ", _CONTRACTION.sub(_expand, _without_appositives(text)))
        marked = canonical_text(_CLAUSE_PUNCTUATION.sub(f" {_BREAK} ", text), self.aliases)
        stems: list[str] = []
        names: set[str] = set()
        clauses: list[list[str]] = [[]]
        words = marked.split()
        negated = False
        for position, word in enumerate(words):
            if word == _BREAK or word in _CLAUSE_WORDS:
                clauses.append([])
                negated = False
            if word in _NEGATIONS:
                negated = True
                continue
            # A letter alone is what folding leaves of a possessive ("Turkey's") or of
            # initials ("p.m.", "U.S."): no word of the statement.
            if word == _BREAK or word in STOPWORDS or (len(word) == 1 and not word.isdigit()):
                continue
            # A lone digit is most often a count of little weight ("two sides"), not a
            # percentage ("9 per cent") or a decimal ("7.8").
            if (
                word.isdigit()
                and len(word) < 2
                and words[position + 1 : position + 2] != ["percent"]
            ):
                continue
            stem = NEGATED * negated + stem_word(word)
            negated = False
            stems.append(stem)
            clauses[-1].append(stem)
            if word in self._name_words:
                names.add(stem)
        canonical = " ".join(word for word in marked.split() if word != _BREAK)
        # A clause says something alone when two of its words are not names.
        parts = tuple(
            tuple(dict.fromkeys(clause))
            for clause in clauses
            if sum(stem not in names for stem in clause) >= 2
        )
        return Words(canonical, tuple(stems), frozenset(names), parts or (tuple(stems),))


def _without_appositives(text: str) -> str:
    """Return ``text`` without the descriptions set off by commas after a name: "the Northern
    Pact, a military alliance of former colonies,", "Bruno Aldrecht, whose party brought the
    case,". They say who or what the name is, not what happened.

    The name must follow a word of the sentence's own that is not a name or a small word, so
    an opening phrase ("In Almaty, a crowd gathered", "However, the militants ...") is never
    taken for one; nor is a reporting clause ("on Friday, the ministry said,").
    """
    kept: list[str] = []
    start = 0
    for match in _APPOSITIVE.finditer(text):
        before = text[: match.start(1)]
        opening = all(
            word[0].isupper() or word.lower() in STOPWORDS for word in _WORD.findall(before)
        )
        if opening or _REPORTING.search(match.group(2)):
            continue
        kept.append(text[start : match.end(1)])
        start = match.end()
    return "".join(kept) + text[start:]


@functools.lru_cache(maxsize=8)
def synonym_stems(groups: tuple[tuple[str, ...], ...]) -> dict[str, frozenset[str]]:
    """Return, for each stem of the words of ``groups``, the stems of the other words of its
    groups."""
    found: dict[str, set[str]] = {}
    for group in groups:
        stems = {stem_word(fold(word)) for word in group}
        for stem in stems:
            found.setdefault(stem, set()).update(stems - {stem})
    return {stem: frozenset(others) for stem, others in found.items()}


def join_initials(text: str) -> str:
    """Return ``text`` with initials written with points as one word: "E.C.B." is "ECB"."""
    return _INITIALS.sub(lambda match: match.group().replace(".", ""), text)


def is_amount(stem: str) -> bool:
    """Return whether a stem is an amount ("20000", "3point75")."""
    return _AMOUNT.fullmatch(stem) is not None


def fold(text: str) -> str:
    """Return ``text`` without case, accents, punctuation or extra white space."""
    text = unicodedata.normalize("NFKD", text.casefold())
    text = "".join(c for c in text if not unicodedata.combining(c))
    return " ".join(re.sub(r"[^\w\s]", " ", text).split())


def canonical_text(text: str, aliases: tuple[Alias, ...]) -> str:
    """Return ``text`` folded, with every alias as its name, every number as digits and every
    date and score ("4-2") as one word."""
    numbers = normalise_numbers(_SCORE.sub(r"\1to\2", normalise_dates(text)))
    folded = fold(_PERCENT.sub(" percent", _DECIMAL_POINT.sub("point", numbers)))
    for pattern, name in _alias_patterns(aliases):
        folded = pattern.sub(name, folded)
    return folded


@functools.lru_cache(maxsize=16)
def _alias_patterns(aliases: tuple[Alias, ...]) -> tuple[tuple[re.Pattern[str], str], ...]:
    """Return, for each variant of each alias, a pattern of its folded words and the folded
    name that replaces them: folded once for all the statements."""
    return tuple(
        (
            # An article may come or go inside a name: "the Head of State" is also "the Head of
            # the State", as a translation words it.
            re.compile(rf"\b{_INNER_ARTICLE.join(map(re.escape, _variant_words(variant)))}\b"),
            fold(join_initials(alias.name)),
        )
        for alias in aliases
        for variant in alias.variants
    )


def _variant_words(variant: str) -> list[str]:
    """Return the folded words of a name variant, less the articles inside it."""
    return without_inner_articles(fold(join_initials(variant)).split())


def without_inner_articles(words: list[str]) -> list[str]:
    """Return the words of a name (lower case) less the articles after its first word: "the
    head of the state" is the name "the head of state"."""
    return words[:1] + [word for word in words[1:] if word not in _ARTICLES]


def find_acronyms(texts: list[str]) -> tuple[Alias, ...]:
    """Return the acronyms of the texts, as aliases of the names they stand for.

    A text may define one ("Collective Security Treaty (CST)"); or one text writes the name in
    full ("the Collective Security Treaty Organization") and another its acronym ("the CSTO"):
    a name in capitals whose initials spell an acronym of three letters or more that the texts
    use is taken as its long form.
    """
    found: dict[str, str] = {}
    distinct = list(dict.fromkeys(texts))  # a wire story many sources repeat is read once
    for text in distinct:
        for match in _ACRONYM.finditer(text):
            words = match.group(1).split()
            acronym = match.group(2)
            # Keep the shortest tail of the phrase whose initials spell the acronym.
            for start in range(len(words)):
                tail = [w for w in words[start:] if w.lower() not in _JOINING]
                if words[start].lower() not in _JOINING and _initials(tail) == acronym:
                    found.setdefault(" ".join(words[start:]), acronym)
                    break
    used = {m.group() for text in distinct for m in _UPPER.finditer(text)}
    if used:
        for text in distinct:
            for match in _CAPITALISED.finditer(text):
                words = match.group().split()
                for start in range(len(words) - 2):
                    if words[start].lower() in _JOINING:
                        continue
                    tail = [w for w in words[start:] if w.lower() not in _JOINING]
                    if _initials(tail) in used:
                        found.setdefault(" ".join(words[start:]), _initials(tail))
                        break
    return tuple(Alias(acronym, (phrase,)) for phrase, acronym in sorted(found.items()))


def _initials(words: list[str]) -> str:
    return "".join(w[0] for w in words).upper()


# Contractions: "didn't" is "did not", "they've" is "they have" (stop words, left out).
_CONTRACTION = re.compile(r"(?i)\b(\w+?)(n[’']t|[’'](?:ve|ll|re|d|m))\b")
_IRREGULAR_NOT = {"wo": "will", "ca": "can", "sha": "shall", "ai": "is"}


def _expand(match: re.Match[str]) -> str:
    word, ending = match.groups()
    if ending[0] in "nN":
        return f"{_IRREGULAR_NOT.get(word.lower(), word)} not"
    return word


# Past forms of irregular verbs that news reports use, with their infinitive: "laid" and
# "lay", "sought" and "seek" have one stem. Forms that are other words as often ("found",
# "left", "saw", "rose", "lead") are not here.
_IRREGULAR = {
    form: verb
    for line in """arise arose arisen; beat beaten; begin began begun; bring brought;
    build built; buy bought; catch caught; choose chose chosen; come came; drive drove driven;
    fall fell fallen; fight fought; flee fled; fly flew flown; forbid forbade forbidden;
    freeze froze frozen; give gave given; go went gone; grow grew grown; hide hid hidden;
    hold held; keep kept; know knew known; lay laid; lose lost; make made; mean meant;
    meet met; pay paid; ride rode ridden; rise risen; run ran; seek sought; sell sold;
    send sent; shake shook shaken; shoot shot; show shown; sink sank sunk; speak spoke spoken;
    spend spent; stand stood; steal stole stolen; strike struck stricken; swear swore sworn;
    take took taken; teach taught; tear tore torn; tell told; think thought; throw threw
    thrown; wake woke woken; wear wore worn; win won; write wrote written""".split(";")
    for verb, *forms in [line.split()]
    for form in forms
}


# Four-letter words ending in s that are no plural of a three-letter word.
_NOT_PLURAL = ("ss", "us", "is", "news")


def stem_word(word: str) -> str:
    """Return a light stem of a folded word (plural, tense and -ing endings removed, "cuts" is
    "cut" too; British -tre and -bre spelt as American -ter and -ber: "centre" and "center",
    "metres" and "meters" have one stem; the past of an irregular verb is the verb: "laid" is
    "lay")."""
    word = _IRREGULAR.get(word, word)
    if len(word) >= 5 and word.endswith(("tre", "bre", "tres", "bres")):
        plural = word.endswith("s")
        word = word[: -4 if plural else -3] + word[-4 if plural else -3] + "er" + "s" * plural
    if len(word) == 4 and word.endswith("s") and not word.endswith(_NOT_PLURAL):
        return word[:3]  # "cuts" and "cut", "days" and "day"
    for suffix in ("ations", "ation", "ings", "ing", "ies", "ied", "ed", "es", "s", "ly"):
        if word.endswith(suffix) and len(word) - len(suffix) >= 4:
            stem = word[: -len(suffix)] + ("y" if suffix in ("ies", "ied") else "")
            # "striving" and "strive" (no English word ends in v): not "striv", which is
            # spelt like "strike".
            return stem + "e" if stem.endswith("v") else stem
    return word


@functools.lru_cache(maxsize=200_000)
def word_similarity(a: str, b: str) -> float:
    """Return how alike two stems are in spelling (1 when equal, 0 when unrelated)."""
    if a == b:
        return 1.0
    # A figure (an amount, a date, a score: "3point75", "month1day16", "4to2") is the same
    # figure or another one, however alike it is spelt.
    if min(len(a), len(b)) < 4 or _DIGIT.search(a) or _DIGIT.search(b):
        return 0.0
    if a.startswith(NEGATED) != b.startswith(NEGATED):
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


def _name_words(texts: list[str], aliases: tuple[Alias, ...]) -> frozenset[str]:
    """Return the folded words that the texts capitalise mid-sentence nearly every time."""
    capitalised: Counter[str] = Counter()
    seen: Counter[str] = Counter()
    folded: dict[str, list[str]] = {}
    for text, times in Counter(texts).items():  # a text many sources repeat is read once
        for sentence in re.split(r"(?<=[.!?])\s+", text):
            if _is_title_case(sentence):
                continue  # "Minister Vows Decisive Measures": capitals that say nothing
            for position, match in enumerate(_WORD.finditer(sentence)):
                word = match.group()
                acronym = word.isupper() and len(word) > 1
                if position == 0 and not acronym:
                    continue  # the first word is capitalised whatever it is
                parts = folded.get(word) or folded.setdefault(word, fold(word).split())
                for part in parts:
                    seen[part] += times
                    if acronym or (word[:1].isupper() and not word.isupper()):
                        capitalised[part] += times
    names = {w for w, n in capitalised.items() if n >= 0.8 * seen[w] and w not in STOPWORDS}
    for alias in aliases:
        names.update(fold(alias.name).split())
    return frozenset(names)


def _is_title_case(sentence: str) -> bool:
    """Return whether most longer words of a sentence are capitalised, as in many headlines."""
    long = [m.group() for m in _WORD.finditer(sentence) if len(m.group()) > 3]
    return len(long) >= 3 and sum(w[:1].isupper() for w in long) >= 0.75 * len(long)
