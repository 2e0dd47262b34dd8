"""Facts on which two statements that report the same thing disagree: numbers, years, dates."""

from __future__ import annotations

import re

from generator.model import Conflict

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
_UNITS = {"k": 1e3, "thousand": 1e3, "m": 1e6, "mn": 1e6, "million": 1e6, "bn": 1e9, "billion": 1e9}
_UNIT_WORDS = {
    "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8,
    "nine": 9,
}  # fmt: skip
_TEEN_WORDS = {
    "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13, "fourteen": 14, "fifteen": 15,
    "sixteen": 16, "seventeen": 17, "eighteen": 18, "nineteen": 19, "hundred": 100, "dozen": 12,
    "dozens": 12,
}  # fmt: skip
_TENS_WORDS = {
    "twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60, "seventy": 70,
    "eighty": 80, "ninety": 90,
}  # fmt: skip
_WORDS = {**_UNIT_WORDS, **_TEEN_WORDS, **_TENS_WORDS}
_MONTH_NAMES = "|".join(sorted(_MONTHS, key=len, reverse=True))
_DATE = re.compile(
    rf"\b(?:(?P<m1>{_MONTH_NAMES})\.?\s+(?P<d1>\d{{1,2}})(?!\d)|(?P<d2>\d{{1,2}})\s+(?P<m2>{_MONTH_NAMES})\b)",
    re.IGNORECASE,
)
# "in Almaty" and "near Almaty" are different claims about where something happened.
_PLACE = re.compile(
    r"\b(?P<relation>in|near|outside|around|inside)\s+(?P<place>[A-Z][\w'’-]+(?:\s+[A-Z][\w'’-]+)?)"
)
_YEAR = re.compile(r"(?<![\d,.])(?:19|20)\d\d(?!\d|[,.]\d)")
_NUMBER = re.compile(
    r"(?<![\w.,])(?P<n>\d{1,3}(?:,\d{3})+|\d+(?:\.\d+)?)\s*(?P<u>k|thousand|m|mn|million|bn|billion)?"
    r"(?![\w%])(?!\s*(?:st|nd|rd|th)\b)"
    rf"|\b(?P<w>(?:{'|'.join(_TENS_WORDS)})[- ](?:{'|'.join(_UNIT_WORDS)})|{'|'.join(_WORDS)})"
    r"(?:\s+(?P<wu>thousand|million|billion))?\b",
    re.IGNORECASE,
)


def find_conflicts(left: str, right: str) -> tuple[Conflict, ...]:
    """Return the facts ``left`` and ``right`` both state and state differently."""
    conflicts = []
    for field, extract in (("date", _dates), ("year", _years), ("number", _numbers)):
        a, b = extract(left), extract(right)
        if a and b and not set(a) & set(b):
            conflicts.append(Conflict(field, ", ".join(a.values()), ", ".join(b.values())))
    conflicts.extend(_place_conflicts(left, right))
    return tuple(conflicts)


def _place_conflicts(left: str, right: str) -> list[Conflict]:
    """Return the places both statements name with a different relation: in X / near X."""
    a, b = _places(left), _places(right)
    return [
        Conflict("place", f"{a[place]} {place}", f"{b[place]} {place}")
        for place in sorted(set(a) & set(b))
        if a[place] != b[place]
    ]


def _places(text: str) -> dict[str, str]:
    found: dict[str, str] = {}
    for match in _PLACE.finditer(text):
        found.setdefault(match.group("place"), match.group("relation").lower())
    return found


def _dates(text: str) -> dict[tuple[int, int], str]:
    found = {}
    for match in _DATE.finditer(text):
        month = _MONTHS[(match.group("m1") or match.group("m2")).lower()]
        day = int(match.group("d1") or match.group("d2"))
        if 1 <= day <= 31:
            found[(month, day)] = match.group().strip()
    return found


def _years(text: str) -> dict[int, str]:
    return {int(m.group()): m.group() for m in _YEAR.finditer(text)}


def _numbers(text: str) -> dict[float, str]:
    years = {m.span() for m in _YEAR.finditer(text)}
    dates = [m.span() for m in _DATE.finditer(text)]
    found = {}
    for match in _NUMBER.finditer(text):
        if match.span("n") in years or any(a <= match.start() < b for a, b in dates):
            continue
        found[_value(match)] = match.group().strip()
    return found


def normalise_numbers(text: str) -> str:
    """Return ``text`` with every amount written as plain digits: "20K", "twenty thousand"."""
    years = {m.span() for m in _YEAR.finditer(text)}

    def digits(match: re.Match[str]) -> str:
        if match.group("n") and match.span("n") in years:
            return match.group()
        value = _value(match)
        return str(int(value)) if value == int(value) else str(value)

    return _NUMBER.sub(digits, text)


def _value(match: re.Match[str]) -> float:
    if match.group("n"):
        value = float(match.group("n").replace(",", ""))
        unit = (match.group("u") or "").lower()
    else:
        value = float(sum(_WORDS[part] for part in re.split(r"[- ]", match.group("w").lower())))
        unit = (match.group("wu") or "").lower()
    return value * _UNITS.get(unit, 1)
