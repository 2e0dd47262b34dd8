"""Facts on which two statements that report the same thing disagree: numbers, years, dates,
places and who is quoted."""

from __future__ import annotations

import functools
import re
import unicodedata
from collections.abc import Callable, Mapping
from difflib import SequenceMatcher
from typing import Any

from generator.model import Conflict
from generator.synonyms import DEFAULT_SYNONYMS

_MONTHS = {
    name: number
    for number, names in enumerate(
        [("jan", "january"), ("feb", "february"), ("mar", "march"), ("apr", "april"), ("may",),
         ("jun", "june"), ("jul", "july"), ("aug", "august"), ("sep", "sept", "september"),
         ("oct", "october"), ("nov", "november"), ("dec", "december")],
        start=1,
    )
    for name in names
}  # fmt: skip
# Each statement is compared with many others: its facts are read once (callers never mutate them).
_FACTS_CACHE = 65_536
_SMALL_WORDS = {
    "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8,
    "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13, "fourteen": 14,
    "fifteen": 15, "sixteen": 16, "seventeen": 17, "eighteen": 18, "nineteen": 19,
    "twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60, "seventy": 70,
    "eighty": 80, "ninety": 90, "dozen": 12,
}  # fmt: skip
_SCALE_WORDS = {
    "hundred": 100, "thousand": 1_000, "million": 1_000_000, "billion": 1_000_000_000,
    "trillion": 1_000_000_000_000,
}  # fmt: skip
# Short scales after a figure: "20K", "$1.2bn", "2.5 bln", "$1.5tn".
_SCALE_SHORT = {
    "k": 1e3, "m": 1e6, "mn": 1e6, "mln": 1e6, "bn": 1e9, "bln": 1e9, "tn": 1e12, "trn": 1e12,
}  # fmt: skip
# ... and a single letter, only after a sum of money: "$69B", "$1.5T" ("Plan 7B" is no amount).
_SCALE_LETTER = {"b": 1e9, "t": 1e12}
# Units of measure that say what kind of amount it is; two amounts of different kinds never
# conflict ("48 hours" and "two days" may well agree).
_MEASURES = {
    "percent": "share", "hour": "time", "day": "time", "week": "time", "month": "time",
    "minute": "time", "year": "time", "kilometre": "length", "kilometer": "length",
    "mile": "length", "metre": "length", "meter": "length", "hectare": "area", "acre": "area",
    "dollar": "money", "euro": "money", "pound": "money", "tenge": "money", "rouble": "money",
    "decade": "time", "century": "time", "second": "time", "year-old": "age",
    "magnitude": "magnitude", "percentage": "share", "basis": "share", "point": "share",
}  # fmt: skip
# "a magnitude 6.1 earthquake", "a magnitude of 5.2"
_MAGNITUDE = re.compile(r"\bmagnitude\s+(?:of\s+)?$", re.IGNORECASE)
# "a 10-year-old girl", "a three-month-old baby": an age, whatever the unit.
_AGE = re.compile(r"(?:year|month|week|day)s?-old")
# Nouns that say only that people are counted: what happened to them says what the count is
# ("five people were killed" and "40 people were injured" are two counts).
_PEOPLE = frozenset({"person", "people", "resident", "civilian", "other"})
# Nouns for people of some trade or state: counted with what happened to them ("nine miners
# confirmed dead" is a toll, "29 miners remain trapped" another count), and one count with
# people to whom the same happened ("12 dead").
_PERSONS = frozenset(
    """miner worker soldier passenger student child children man men woman women victim
    employee protester tourist fan firefighter officer patient migrant refugee villager
    journalist player crew pilgrim climber hiker sailor fisherman""".split()
)
# Every noun that counts people, with what happened to them.
_PEOPLE_NOUNS = _PERSONS | {"person"}
# What may happen to people that makes a count of its own (the first words of the default
# synonym groups, or verbs less their endings): killed, injured, trapped, rescued, missing...
_FATES = frozenset("kill injured trapp rescu evacuate arrest miss strand".split())
# Before an amount in its clause: a toll counts the dead ("the death toll rose to 12").
_TOLL = re.compile(r"\btoll\b", re.IGNORECASE)
# Words ending in "ed" or "ing" that tell nothing of what happened to people counted.
_HAPPENED_SKIP = frozenset(
    """according including during following regarding leaving left making having being
    confirmed reported believed feared presumed thought expected estimated known said""".split()
)
_CURRENCY = {"$": "dollar", "€": "euro", "£": "pound", "¥": "yen", "₸": "tenge", "₽": "rouble"}
_QUANTITY_SKIP = frozenset({"more", "additional", "new", "extra", "other", "of", "some"})
_MONTH_NAMES = "|".join(sorted(_MONTHS, key=len, reverse=True))
_DATE = re.compile(
    rf"\b(?:(?P<m1>{_MONTH_NAMES})\.?\s+(?P<d1>\d{{1,2}})(?!\d)|(?P<d2>\d{{1,2}})\s+(?P<m2>{_MONTH_NAMES})\b)",
    re.IGNORECASE,
)
# "in Almaty" and "near Almaty" are different claims about where something happened.
_PLACE_NAME = r"(?P<place>[A-Z][\w'’-]+(?:\s+[A-Z][\w'’-]+)?)"
_PLACE = re.compile(rf"\b(?P<relation>in|near|outside|around|inside)\s+{_PLACE_NAME}")
# Where a count was made: "died in Turkey", "across Syria", "In Syria, the government ...".
_SCOPE = re.compile(
    rf"\b(?i:in|across|throughout|inside|near|outside|around)\s+(?:the\s+)?{_PLACE_NAME}"
)
# A country's adjective mid-sentence, before what it qualifies: "in seven Turkish provinces".
# Not a name before its verb: "which Adrian said".
_NATIONAL = re.compile(
    r"(?:(?<=[a-z,] )|^)([A-Z][a-z]{2,}(?:ish|ian|ese|i))\s+"
    r"(?=[a-z])(?!(?:said|says|told|has|had|have|was|is|were|are|will|would|added|noted)\b)"
)
_WEEKDAYS = {
    day: number
    for number, day in enumerate("monday tuesday wednesday thursday friday saturday sunday".split())
}
_WEEKDAY = re.compile(rf"\b({'|'.join(_WEEKDAYS)})\b", re.IGNORECASE)
# A time of day, "5:06 p.m.", "7 pm", "18:22": no amount of anything.
_CLOCK = re.compile(
    r"(?<![\d.,:])\d{1,2}:\d\d(?::\d\d)?(?:\s*[ap]\.?m\b\.?)?|\b\d{1,2}\s*[ap]\.?m\b\.?",
    re.IGNORECASE,
)
_YEAR = re.compile(r"(?<![\d,.])(?:19|20)\d\d(?!\d|[,.]\d)")
# "The CSTO was established in 2002", "The CSTO has existed since May 15, 1992": when a named
# body came into being. Two reports of it are one background fact, whichever year they give.
_FOUNDED = re.compile(
    r"^(?:The\s+)?(?P<subject>[A-Z][\w'’-]*(?:\s+(?:of\s+|for\s+|the\s+)*[A-Z][\w'’-]*){0,6})"
    r"(?:\s*,[^,]{1,80},)?\s+"
    # Passive only: in "Tokayev established a fund in 2020" the fund is what was founded.
    r"(?:(?:was|were|has\s+been|had\s+been)\s+(?:founded|established|created|formed|set\s+up)"
    r"|(?:has|have|had)\s+existed\s+since|dates\s+back\s+to)"
    r"\b[^.;]{0,40}?(?<!\d)(?:1[6-9]|20)\d\d(?!\d)"
)
# "The protests, which started on January 2", "Protests erupted ... on January 2": when an
# event began. Two reports of it are one background fact, whichever day each gives.
_STARTED = re.compile(
    r"\b(?:began|begun|started|broke\s+out|erupted|since)\b[^.;]{0,40}?" + _DATE.pattern,
    re.IGNORECASE,
)
_NOT_SUBJECT = frozenset("the a an this that these those its their some several".split())
_WORD_NUMBER = "|".join(sorted([*_SMALL_WORDS, *_SCALE_WORDS], key=len, reverse=True))
_NUMBER = re.compile(
    r"(?<![\w.,])(?P<n>\d{1,3}(?:,\d{3})+|\d+(?:\.\d+)?)"
    r"(?:\s*(?P<u>k|m|mn|mln|bn|bln|tn|trn)\b|(?P<ul>[bt])\b"
    r"|\s+(?P<su>thousand|million|billion|trillion)\b)?"
    r"(?!\s*(?:st|nd|rd|th)\b)(?![\w])"
    rf"|\b(?P<w>(?:{_WORD_NUMBER})(?:[\s-]+(?:and[\s-]+)?(?:{_WORD_NUMBER}))*)\b(?!-\w)",
    re.IGNORECASE,
)
_UNITS_AFTER = re.compile(r"\s*(?P<pct>%|per\s*cent\b|percent\b)?[\s-]*(?P<rest>[^.;:!?]{0,60})")
# How a vote went: "by seven votes to two", "seven votes against two", "in a 7-2 ruling".
_SMALL = "|".join(_SMALL_WORDS)
_TALLY = re.compile(
    rf"\b(?P<a>\d+|{_SMALL})\s+votes?\s+(?:to|against)\s+(?P<b>\d+|{_SMALL})\b"
    r"|\b(?P<c>\d{1,3})\s*[-–]\s*(?P<d>\d{1,3})\s+(?:vote|ruling|decision|verdict|majority|split)\b",
    re.IGNORECASE,
)


@functools.lru_cache(maxsize=_FACTS_CACHE)  # reprinted texts: one pair of texts, many links
def find_conflicts(left: str, right: str, same_claim: bool = True) -> tuple[Conflict, ...]:
    """Return the facts ``left`` and ``right`` both state and state differently.

    The day of the week is compared only when the two make the ``same_claim`` (not when one
    states part of the other): "evacuated on Monday night" and "declared an emergency on
    Tuesday as the fire forced people from their homes" tell of two days of one event.
    """
    conflicts = []
    extractors: list[tuple[str, Callable[[str], Mapping[Any, str]]]] = [
        ("date", _dates),
        ("year", _years),
    ]
    if same_claim:
        extractors.insert(1, ("date", _weekdays))
    for field, extract in extractors:
        a, b = extract(left), extract(right)
        if a and b and not set(a) & set(b):
            shown = (", ".join(dict.fromkeys(found.values())) for found in (a, b))
            conflicts.append(Conflict(field, *shown))
    a, b = _tallies(left), _tallies(right)
    if a and b and not set(a) & set(b):
        conflicts.append(Conflict("number", ", ".join(a.values()), ", ".join(b.values())))
    if not other_places(left, right):
        conflicts.extend(_number_conflicts(_quantities(left), _quantities(right)))
    conflicts.extend(_place_conflicts(left, right))
    return tuple(conflicts)


def speaker_conflict(left: str | None, right: str | None) -> Conflict | None:
    """Return a person conflict when two statements are quoted from two different people.

    Speakers come resolved through the alias list; what is left of a name written two ways is
    one person: a part of the other ("Tokayev" / "Kassym-Jomart Tokayev") or a surname spelt
    nearly alike ("Tomas Keler" / "Tomas Keller", "Maro" / "Marrow")."""
    if not left or not right or left == right or _same_person(left, right):
        return None
    return Conflict("person", left, right)


def _same_person(left: str, right: str) -> bool:
    a, b = _name_words(left), _name_words(right)
    if not a or not b or set(a) <= set(b) or set(b) <= set(a):
        return True
    # One surname in a longer form, the given names the same: "Irena Vask" / "Irena Vaskova"
    # (a feminine ending some translations keep).
    short, long = sorted((a[-1], b[-1]), key=len)
    if a[:-1] == b[:-1] and len(short) >= 4 and long.startswith(short):
        return True
    return SequenceMatcher(None, a[-1], b[-1]).ratio() >= _SAME_SURNAME


# How alike two spellings of a surname are at least: "Maro" and "Marrow" (0.8) are one.
_SAME_SURNAME = 0.75


def _name_words(name: str) -> list[str]:
    """Return the words of a name without accents or case: "Kasım Cömert" is kasim, comert.
    (As wording.fold does; wording imports this module, so it cannot be imported here.)"""
    plain = unicodedata.normalize("NFKD", name.replace("ı", "i"))
    plain = "".join(c for c in plain if not unicodedata.combining(c))
    return re.findall(r"[^\W\d_]+", plain.casefold())


Quantity = tuple[float, str, str, str, frozenset[str]]
"""An amount: its value, the noun it counts (stemmed, or empty), how the text wrote it, how
the text qualifies it: "approx" ("about 500"), "above" ("more than 500"), "below" ("nearly
500"), "limit" ("fewer than 500", "up to 500"), or "" for none; and, for a share, the words
around it that say what it is a share of ("deposit rate" in "the deposit rate was lowered to
3.75%", "target" in "its 2 percent target"), else nothing."""


@functools.lru_cache(maxsize=_FACTS_CACHE)
def find_founding(text: str) -> str | None:
    """Return the name of what the statement says was founded in a given year, or None."""
    match = _FOUNDED.match(text.strip())
    return match.group("subject") if match else None


@functools.lru_cache(maxsize=_FACTS_CACHE)
def find_start(text: str) -> str | None:
    """Return the first common noun of a statement that says on what day something began
    ("protest" in "The protests, which started on January 2"), or None."""
    match = _STARTED.search(text)
    if match is None:
        return None
    words = re.findall(r"[^\W\d_][\w'’-]*", text[: match.start()])
    for position, word in enumerate(words):
        # Past the first word, a capital marks a name, not what began.
        if (position == 0 or word.islower()) and word.lower() not in _NOT_SUBJECT:
            noun = str(word).lower()
            return noun[:-1] if noun.endswith("s") and len(noun) > 3 else noun
    return None


def other_places(left: str, right: str) -> bool:
    """Return whether two statements each say where something happened and name no place in
    common: "284 people died in Turkey" and "1,293 people died across Syria" count in two
    places, and do not disagree."""
    a, b = _scope(left), _scope(right)
    if a and b and a.isdisjoint(b):
        return True
    # Areas of one country that different sides hold: "government-held areas of Syria" and
    # "Syria's opposition-held northwest".
    held_a, held_b = _held(left), _held(right)
    return bool(held_a) and bool(held_b) and held_a.isdisjoint(held_b)


# Who holds an area where something was counted: "government-held", "rebel-controlled" (not
# "state-run media": a holder of no area).
_HELD = re.compile(
    r"\b(government|regime|army|opposition|rebel|insurgent|militant)[- ](?:held|controlled)\b",
    re.IGNORECASE,
)
_GOVERNMENT = frozenset({"government", "regime", "army"})


@functools.lru_cache(maxsize=_FACTS_CACHE)
def _held(text: str) -> frozenset[str]:
    """Return who holds the areas a statement counts in: "government" or "opposition"."""
    found = set()
    for match in _HELD.finditer(text):
        found.add("government" if match.group(1).lower() in _GOVERNMENT else "opposition")
    return frozenset(found)


@functools.lru_cache(maxsize=_FACTS_CACHE)
def _scope(text: str) -> frozenset[str]:
    """Return the places a statement says something happened in, and the countries its words
    name as adjectives ("Turkish provinces", "Syrian state media"): each as its first four
    letters when one word, so "Syria" and "Syrian" are one place. A place in another ("in
    Turkey's Hatay province") is the one it is in."""
    found = set()
    for match in _SCOPE.finditer(text):
        place = match.group("place")
        first = place.split()[0].lower().rstrip(".")
        if first in _MONTHS or first in _WEEKDAYS:
            continue
        owner = re.match(r"([^\W\d_]+)[’']s\b", place)
        if owner:
            found.add(owner.group(1)[:4].lower())
        else:
            found.add(place.lower() if " " in place else place[:4].lower())
    for match in _NATIONAL.finditer(text):
        found.add(match.group(1)[:4].lower())
    return frozenset(found)


def counted_nouns(text: str) -> frozenset[str]:
    """Return what the statement's amounts count or measure ("hectare" in "4,200 hectares")."""
    return frozenset(q[1].partition(":")[0] for q in _quantities(text) if q[1])


def _number_conflicts(left: list[Quantity], right: list[Quantity]) -> list[Conflict]:
    """Return a conflict when the two statements count the same thing differently.

    Amounts of the same noun are compared; when each side states one amount besides those, the
    two are compared whatever their nouns ("1,200 dockworkers" / "1,500 dockers"), unless they
    are different measures (hours and days, a share and a count).
    """
    nouns = {q[1] for q in left if q[1]} & {q[1] for q in right if q[1]}
    conflicts = []
    for noun in sorted(nouns):
        # Shares are compared only when they are shares of the same thing: "lowered the
        # deposit rate to 3.75%" and "inflation above its 2 percent target" are two figures.
        a = [q for q in left if q[1] == noun]
        b = [q for q in right if q[1] == noun]
        if any(_agree(x, y) for x in a for y in b):
            continue
        # A figure the other states too, without the noun or with a word for people: "29
        # miners remain trapped" / "Nine miners were killed and 29 were still trapped".
        if any(_states(right, x) for x in a) or any(_states(left, y) for y in b):
            continue
        pairs = [(x, y) for x in a for y in b if not x[4] or not y[4] or x[4] & y[4]]
        if pairs:
            a = list(dict.fromkeys(x for x, _ in pairs))
            b = list(dict.fromkeys(y for _, y in pairs))
            conflicts.append(Conflict("number", _shown(a), _shown(b)))
    # What is left once same-noun amounts are paired: one amount on each side is compared.
    left = [q for q in left if q[1] not in nouns]
    right = [q for q in right if q[1] not in nouns]
    if len(left) != 1 or len(right) != 1:
        return conflicts + _toll_conflicts(left, right)
    noun_a, noun_b = left[0][1], right[0][1]
    # Counts of differently named things may be one count ("dockers", "dockworkers"); hours
    # and days are not comparable, nor people killed and buildings damaged.
    kind_a, kind_b = (_MEASURES.get(n.partition(":")[0], "count") for n in (noun_a, noun_b))
    counts = kind_a == kind_b == "count"
    agree = _agree(left[0], right[0])
    if not agree and noun_a and noun_b and counts and _related(noun_a, noun_b):
        conflicts.append(Conflict("number", _shown(left), _shown(right)))
    return conflicts


def _toll_conflicts(left: list[Quantity], right: list[Quantity]) -> list[Conflict]:
    """Return a conflict when each side counts people to whom one thing happened once, under
    any noun for people, and differently: "nine miners confirmed dead" / "Twelve dead in
    Koldan cave-in as rescuers dig for 26 trapped miners" is a toll of nine against 12."""
    conflicts = []
    for happened in sorted(_people_events(left) & _people_events(right)):
        a = [q for q in left if q[1].endswith(happened)]
        b = [q for q in right if q[1].endswith(happened)]
        if len(a) != 1 or len(b) != 1 or not _related(a[0][1], b[0][1]):
            continue
        if not (_agree(a[0], b[0]) or _states(right, a[0]) or _states(left, b[0])):
            conflicts.append(Conflict("number", _shown(a), _shown(b)))
    return conflicts


def _people_events(quantities: list[Quantity]) -> set[str]:
    """Return what happened to the people that ``quantities`` count (":kill", ...)."""
    return {
        ":" + happened
        for noun, _, happened in (q[1].partition(":") for q in quantities)
        if happened and noun in _PEOPLE_NOUNS
    }


def _states(quantities: list[Quantity], amount: Quantity) -> bool:
    """Return whether ``quantities`` hold ``amount``'s very figure with no noun or a word for
    people ("167 others"): a count of the same thing, the noun left out. (Not a figure it
    rounds or bounds: "more than 1,000 people" killed is not "1,404 in critical condition".)"""
    return any(
        other[0] == amount[0] and (not other[1] or other[1] in _PEOPLE) for other in quantities
    )


def _agree(a: Quantity, b: Quantity) -> bool:
    """Return whether two amounts can state one figure: equal, or one a rounding or a bound
    the other fits ("about 16,000" or "16,000" and "16,325"; "more than 500" and "524")."""
    return a[0] == b[0] or _fits(a, b[0]) or _fits(b, a[0])


def _fits(quantity: Quantity, value: float) -> bool:
    """Return whether ``value`` is a figure that ``quantity`` may round or bound."""
    stated, _, _, bound, _ = quantity
    unit = _unit(stated)
    if bound == "above":  # "more than 500": 501 to 600
        return stated < value <= stated + unit
    if bound == "below":  # "nearly 500": 400 to 499
        return stated - unit <= value < stated
    if bound == "limit":  # "fewer than 215", "up to 1,000": a limit, not a figure
        return value <= stated
    # A round figure, said to be one or in thousands, rounds figures close to it: "about 20"
    # may be 22 (not 26), "16,000 feet" 16,325 (but "1,000 troops" is not 1,400).
    if unit < 10 or (bound != "approx" and unit < 1000):
        return False
    share = 0.1 if bound == "approx" else 0.05
    return abs(value - stated) <= min(unit / 2, share * stated)


def _unit(value: float) -> float:
    """Return the place a figure is rounded to: 1,000 for 16,000, 1 for 16,325 or 2.5."""
    if value <= 0 or value != int(value):
        return 0.0
    unit = 1
    while int(value) % (unit * 10) == 0:
        unit *= 10
    return float(unit)


def _related(a: str, b: str) -> bool:
    """Return whether two counted nouns may name one thing: "docker" and "dockworker", "person"
    and "person:kill" (people, and people killed), "plane" and "aircraft"."""
    (base_a, _, happened_a), (base_b, _, happened_b) = a.partition(":"), b.partition(":")
    if happened_a and happened_b and happened_a != happened_b:
        return False
    same_group = _WORD_GROUPS.get(base_a, base_a) == _WORD_GROUPS.get(base_b, base_b)
    people = {base_a, base_b} <= _PEOPLE_NOUNS
    return base_a[:4] == base_b[:4] or same_group or (people and happened_a == happened_b != "")


def _shown(quantities: list[Quantity]) -> str:
    return ", ".join(q[2] for q in quantities)


def _place_conflicts(left: str, right: str) -> list[Conflict]:
    """Return the places both statements name with a different relation: in X / near X."""
    a, b = _places(left), _places(right)
    return [
        Conflict("place", f"{a[place]} {place}", f"{b[place]} {place}")
        for place in sorted(set(a) & set(b))
        if _NEARBY.get(a[place], a[place]) != _NEARBY.get(b[place], b[place])
    ]


# "near", "around" and "outside" a place are one claim (not in it); "in" and "inside" another.
_NEARBY = {"around": "near", "outside": "near", "inside": "in"}


@functools.lru_cache(maxsize=_FACTS_CACHE)
def _places(text: str) -> dict[str, str]:
    found: dict[str, str] = {}
    for match in _PLACE.finditer(text):
        found.setdefault(match.group("place"), match.group("relation").lower())
    return found


@functools.lru_cache(maxsize=_FACTS_CACHE)
def _dates(text: str) -> dict[tuple[int, int], str]:
    found = {}
    for match in _DATE.finditer(text):
        month = _MONTHS[(match.group("m1") or match.group("m2")).lower()]
        day = int(match.group("d1") or match.group("d2"))
        if 1 <= day <= 31:
            found[(month, day)] = match.group().strip()
    return found


@functools.lru_cache(maxsize=_FACTS_CACHE)
def _weekdays(text: str) -> dict[int, str]:
    """Return the days of the week a statement names ("on Monday", "Tuesday's talks"), but
    the day someone spoke ("officials said Saturday"): reports of one event say it on any day."""
    return {
        _WEEKDAYS[m.group(1).lower()]: m.group(1)
        for m in _WEEKDAY.finditer(text)
        if not _SAID_ON.search(text, max(0, m.start() - 60), m.start())
    }


# The day a statement was made: "said Saturday", "told reporters on Monday", "said in a
# statement on Sunday", "said in a video update Sunday".
_SAID_ON = re.compile(
    r"\b(?:said|says|announced|told\s+\w+|reported|confirmed|added|stated)"
    r"(?:\s+(?:in|at|during|earlier|late|later)\b[^.;,]{0,40}?)?\s+(?:on\s+)?$",
    re.IGNORECASE,
)


@functools.lru_cache(maxsize=_FACTS_CACHE)
def _years(text: str) -> dict[int, str]:
    """Return the years a text names; a decade ("the 1960s") names each of its years, so that
    it agrees with 1968 and not with 1971."""
    years: dict[int, str] = {}
    for m in _YEAR.finditer(text):
        year = int(m.group())
        if text[m.end() : m.end() + 1] == "s" and year % 10 == 0:
            years.update(dict.fromkeys(range(year, year + 10), f"{m.group()}s"))
        else:
            years[year] = m.group()
    return years


@functools.lru_cache(maxsize=_FACTS_CACHE)
def _tallies(text: str) -> dict[tuple[int, int], str]:
    """Return how the votes a text tells of went, each as (for, against) with how the text
    wrote it: "seven votes to two" and "a 7-2 ruling" are both (7, 2)."""
    found = {}
    for match in _TALLY.finditer(text):
        first, second = match.group("a", "b") if match.group("a") else match.group("c", "d")
        key = tuple(
            int(word) if word.isdigit() else _SMALL_WORDS[word.lower()] for word in (first, second)
        )
        found[(key[0], key[1])] = match.group() if match.group("a") else f"{first}-{second}"
    return found


@functools.lru_cache(maxsize=_FACTS_CACHE)
def _quantities(text: str) -> list[Quantity]:
    """Return the amounts a statement states (not years, days of the month or times of day),
    with nouns."""
    years = {m.span() for m in _YEAR.finditer(text)}
    # A vote's tally is compared as one (_tallies): its figures are no amounts.
    patterns = (_DATE, _CLOCK, _TALLY)
    days_and_times = [m.span() for pattern in patterns for m in pattern.finditer(text)]
    found: list[Quantity] = []
    spans: list[tuple[int, int]] = []
    for match in _NUMBER.finditer(text):
        if match.span("n") in years or any(a <= match.start() < b for a, b in days_and_times):
            continue
        if not _is_number(text, match):
            continue
        value = _value(match)
        if match.group("w") and value < 2 and not match.group("w").lower().startswith("dozen"):
            continue  # "one of them" is not an amount
        after = _UNITS_AFTER.match(text, match.end())
        noun = _noun(after) if after else ""
        # "a 7.6-magnitude quake", "a 125-seat parliament", "a 46-year-old": the compound.
        compound = re.match(r"-([^\W\d_]+(?:-[^\W\d_]+)*)", text[match.end() : match.end() + 40])
        if compound:
            noun = _singular(compound.group(1).lower())
            noun = "year-old" if _AGE.fullmatch(noun) else noun
        if _MAGNITUDE.search(text[max(0, match.start() - 16) : match.start()]):
            noun = "magnitude"
        if noun == "dead":
            noun = "person:kill"  # "12 dead"
        elif noun in _PEOPLE:
            noun = "person" + _happened(text, match.start(), match.end())
        elif noun in _PERSONS:
            noun += _happened(text, match.start(), match.end(), _FATES)
        elif not noun and _TOLL.search(_clause_before(text, match.start())):
            noun = "person:kill"
        elif _MEASURES.get(noun) == "time" and after:
            noun += _time_reference(text, after.start("rest"))
        # "$1.2bn" counts dollars, as "1.2 billion dollars" does.
        symbol = text[max(0, match.start() - 1) : match.start()]
        currency = _CURRENCY.get(symbol)
        noun = currency or noun
        # "5 or 6 hours": the first amount counts what the second one does.
        if spans and re.fullmatch(r"\s*(?:or|to|and|-|–)\s*", text[spans[-1][1] : match.start()]):
            previous = found[-1]
            if not previous[1]:
                found[-1] = (*previous[:1], noun, *previous[2:])
        bound = _BOUND.search(text[max(0, match.start() - 24) : match.start()])
        qualifier = (bound.lastgroup or "") if bound else ""
        # "cut by 0.25%" is a change, "cut to 3.75%" a level: never the same figure. (Not
        # for counts: "backed by eight planes".)
        if _MEASURES.get(noun) == "share" and _CHANGE.search(
            text[max(0, match.start() - 40) : match.start()]
        ):
            noun += ":by"
        about = _share_of(text, match.start(), after) if noun == "percent" else frozenset()
        shown = (symbol if currency else "") + match.group().strip()
        found.append((value, noun, shown, qualifier, about))
        spans.append(match.span())
    return found


def _share_of(text: str, start: int, after: re.Match[str] | None) -> frozenset[str]:
    """Return what a share at ``start`` is a share of: the words of its clause before it, up to
    ``_SHARE_WORDS`` of them, or the noun right after it ("a 2 percent target"); each cut to
    its first five letters so that "rate" and "rates" are one."""
    window = text[max(0, start - 80) : start]
    words: list[str] = []
    # The words of its clause; when they are all small words ("by 0.25 points to 3.75%"), the
    # words before it.
    for before in (_CLAUSE_END.split(window)[-1], window):
        words = [w for w in map(str.lower, _WORD.findall(before)) if _tells_share(w)]
        if words:
            break
    words = words[-_SHARE_WORDS:]
    if after is not None:
        # A noun right after it says alone: "its 2 percent target", "a 9 percent pay rise".
        following = [w.lower() for w in _WORD.findall(after.group("rest"))[:1]]
        if following and _tells_share(following[0]) and not following[0].endswith("ed"):
            words = following
    return frozenset(_singular(w)[:5] for w in words)


def _tells_share(word: str) -> bool:
    return len(word) > 2 and word not in _ABOUT and word not in _SHARE_SKIP


# Words around a share that do not say what it is a share of.
_SHARE_SKIP = frozenset(
    """the and from its their his her our was were are has have had been will would this that
    which who than for with per point points percentage basis within into over under about
    after before since until across while when where what also not now new all some any other
    such only just very more most less said says say told""".split()
)
_SHARE_WORDS = 5
# Words before an amount that make it a change, not a level: "cut by 0.25%", "rose by some 500".
_CHANGE = re.compile(
    r"\bby\s+(?:(?:about|around|some|roughly|approximately|nearly|almost|just|only|a\s+further|"
    r"another|an\s+estimated|more\s+than|over|at\s+least|up\s+to|less\s+than)\s+)?[$€£¥₸₽]?$",
    re.IGNORECASE,
)


def _time_reference(text: str, start: int) -> str:
    """Return from what a span of time that starts its unit at ``start`` is counted: ":after"
    for "20 minutes later", ":out" for "10 minutes out from the airport", "" when untold.
    "10 minutes out" and "20 minutes later" are two spans of one flight, not one span."""
    reference = _TIME_REFERENCE.match(text, start)
    if reference is None:
        return ""
    word = reference.group("reference").lower()
    return ":" + _TIME_REFERENCES.get(word, word)


# The word after a unit of time that says what the span is counted from or to.
_TIME_REFERENCE = re.compile(
    r"[^\W\d_]+\s+(?P<reference>later|after|afterwards|before|earlier|ago|out|into|away|"
    r"late|early|behind|ahead|left|remaining|long)\b",
    re.IGNORECASE,
)
_TIME_REFERENCES = {
    "later": "after", "afterwards": "after", "earlier": "before", "remaining": "left"
}  # fmt: skip


def _noun(after: re.Match[str]) -> str:
    if after.group("pct"):
        return "percent"
    words = after.group("rest").split()[:5]
    # A name before a noun says whose or which, not what is counted: "seven World Cup
    # shootouts" counts shootouts; "300 Palestinians in Gaza" counts Palestinians.
    names = 0
    while names < len(words) - 1 and words[names][:1].isupper():
        names += 1
    if names and _counts(words[names].strip(",.;:").lower()):
        words = words[names:]
    elif names:
        words = words[names - 1 :]
    for word in (w.lower() for w in words[:3]):
        word = word.strip(",()\"'“”’")
        if "-" in word or word in _QUANTITY_SKIP or word.endswith(("ing", "ed")):
            continue
        if not word.isalpha() or word in _NO_NOUN:
            return ""
        word = {"people": "person", "per": "percent", "others": "other"}.get(word, word)
        return "" if word in _NOT_COUNTED else _singular(word)
    return ""


def _counts(word: str) -> bool:
    """Return whether a lower-case word after a name may be what an amount counts."""
    return (
        word.isalpha()
        and word.islower()
        and word not in _NOT_COUNTED
        and word not in _NO_NOUN
        and not word.endswith(("ed", "ing"))
    )


# Words after an amount, or after a name after it, that end the search for its noun: "20 to
# 30", "300 Palestinians in Gaza", "five said".
_NO_NOUN = frozenset(
    "and or to the a an in on at of for with from by as than said say says told".split()
)
# Words after an amount that are not what it counts: "two of which", "dozens of them", "721
# were in critical condition", "29 remain trapped".
_NOT_COUNTED = frozenset(
    "which whom them those these they it its their were was are is have has had be been will "
    "would could may might can should must do does did remain remains stay stays got".split()
)


def _singular(word: str) -> str:
    return word[:-1] if word.endswith("s") and len(word) > 3 else word


def _happened(text: str, start: int, end: int, among: frozenset[str] | None = None) -> str:
    """Return what happened to the people an amount from ``start`` to ``end`` counts, as told
    by the nearest word of its clause, before it first: ":kill" for "killing at least four
    people", "five people were killed" and "four dead"; "" when no word tells. ``among``: the
    events to look for, if not all ("reached five miners alive" is ":rescu", not ":reach")."""
    before = _clause_before(text, start)
    after = _CLAUSE_END.split(text[end : end + 80])[0]
    words_before = [w for w in _WORD.findall(before) if w.lower() not in _ABOUT][-3:]
    words_after = _WORD.findall(after)
    while words_after and (
        words_after[0].lower() in _QUANTITY_SKIP or _singular(words_after[0].lower()) in _PEOPLE
    ):
        words_after = words_after[1:]  # the noun counted: "more people", "residents"
    for word in [*reversed(words_before), *words_after[:5]]:
        key = _event(word.lower())
        if key and (among is None or key in among):
            return ":" + key
    return ""


_WORD = re.compile(r"[^\W\d_]+")

# Where a clause ends: "a girl was killed and at least 40 people were injured".
_CLAUSE_END = re.compile(r"[,;:()]|\s(?:and|but|while|whereas|as)\s")


def _clause_before(text: str, start: int) -> str:
    """Return the part of its clause, up to 60 characters, that comes before ``start``."""
    return _CLAUSE_END.split(text[max(0, start - 60) : start])[-1]


# How the words right before an amount qualify it.
_BOUND = re.compile(
    r"\b(?:(?P<approx>about|around|some|roughly|approximately|an estimated|estimated|close to|"
    r"circa)|(?P<above>more than|over|at least|upwards of|in excess of)|"
    r"(?P<below>nearly|almost|just under)|(?P<limit>fewer than|less than|under|up to|"
    r"no more than))"
    r"\s+[$€£¥₸₽]?$",
    re.IGNORECASE,
)
# Words that qualify an amount: "at least", "more than", "an estimated".
_ABOUT = frozenset(
    """at least about some over more than nearly almost around up to only just a an total of
    estimated approximately roughly fewer less""".split()
)


@functools.lru_cache(maxsize=4096)
def _event(word: str) -> str:
    """Return what ``word`` says happened: the first word of the default synonym group it is
    in ("dead" and "deaths" are "kill"), else a verb form less its ending; else ""."""
    if word in _HAPPENED_SKIP:
        return ""
    if word == "alive":  # "pulled five miners out alive": rescued
        return "rescu"
    if word in _WORD_GROUPS:
        return _WORD_GROUPS[word]
    if len(word) > 4 and word.endswith(("ed", "ing")):
        stem = word[:-2] if word.endswith("ed") else word[:-3]
        return _WORD_GROUPS.get(stem, _WORD_GROUPS.get(stem + "e", stem))
    return ""


# Things counted under other names that the matcher need not take for one word.
_COUNTED_ALIKE = ("aircraft", "plane", "airplane", "jet")
# The default synonym groups, each word (and its stem less "ed"/"ing") to its group's first word.
_WORD_GROUPS = {
    form: group[0]
    for group in (*DEFAULT_SYNONYMS, _COUNTED_ALIKE)
    for word in group
    for form in (word, re.sub(r"(?:ed|ing)$", "", word))
}


def normalise_dates(text: str) -> str:
    """Return ``text`` with every day of a month as one word: "Jan. 6" and "6 January" are
    both "month1day6"."""

    def word(match: re.Match[str]) -> str:
        month = _MONTHS[(match.group("m1") or match.group("m2")).lower()]
        return f"month{month}day{int(match.group('d1') or match.group('d2'))}"

    return _DATE.sub(word, text)


def normalise_numbers(text: str) -> str:
    """Return ``text`` with every amount written as plain digits: "20K", "twenty thousand"."""
    years = {m.span() for m in _YEAR.finditer(text)}

    def digits(match: re.Match[str]) -> str:
        if (match.group("n") and match.span("n") in years) or not _is_number(text, match):
            return match.group()
        value = _value(match)
        return str(int(value)) if value == int(value) else str(value)

    return _NUMBER.sub(digits, text)


def _is_number(text: str, match: re.Match[str]) -> bool:
    """Return whether a match of ``_NUMBER`` is a number: a figure with a single letter after
    it is one only after a currency sign ("$69B", not "Plan 7B")."""
    return not match.group("ul") or text[max(0, match.start() - 1) : match.start()] in _CURRENCY


def _value(match: re.Match[str]) -> float:
    if match.group("n"):
        value = float(match.group("n").replace(",", ""))
        scale = _SCALE_SHORT.get((match.group("u") or "").lower())
        scale = scale or _SCALE_LETTER.get((match.group("ul") or "").lower())
        return value * (scale or _SCALE_WORDS.get((match.group("su") or "").lower(), 1))
    total, current = 0.0, 0.0
    for word in re.split(r"[\s-]+", match.group("w").lower()):
        if word == "and":
            continue
        if word in _SMALL_WORDS:
            current += _SMALL_WORDS[word]
        elif word == "hundred":
            current = (current or 1) * 100
        else:
            total += (current or 1) * _SCALE_WORDS[word]
            current = 0.0
    return total + current
