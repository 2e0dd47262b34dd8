"""Pictures drawn at build time: grids of coloured squares laid out for an inline SVG template.

Only geometry and labels are decided here; ``chart.svg.j2`` writes the SVG and escapes every
label, and the stylesheet colours the squares by their ``style`` in light and dark schemes.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass

_FONT = 12
"""Label size in pixels."""
_CHAR = 0.6 * _FONT
"""Width of an average character of the label font, to leave room for labels."""
_GAP = 2
_PAD = 6
_SLANT = math.radians(45)


@dataclass(frozen=True)
class Mark:
    """What one square of a grid shows, before layout."""

    style: str
    """Class suffix that colours it (``bf-mark-<style>``)."""
    title: str
    """Text shown on hover and read by screen readers."""
    text: str = ""
    """Short text inside the square, if any."""
    href: str = ""
    """Where a click on it leads, if anywhere."""
    flagged: bool = False
    """Drawn with a warning outline (two sources that disagree on a fact)."""


@dataclass(frozen=True)
class Square:
    """A laid-out square."""

    x: float
    y: float
    size: float
    mark: Mark


@dataclass(frozen=True)
class Label:
    """A laid-out row or column label."""

    x: float
    y: float
    text: str
    """The label, already shortened."""
    anchor: str
    """SVG ``text-anchor``: ``end`` for row labels, ``start`` for slanted column labels."""
    slant: float = 0.0
    """Rotation in degrees around the label's anchor point."""
    href: str = ""
    """Where the label leads, if anywhere."""


@dataclass(frozen=True)
class Chart:
    """A grid ready for the SVG template."""

    title: str
    """What the picture shows, in one sentence (the SVG's accessible name)."""
    width: float
    height: float
    squares: tuple[Square, ...]
    labels: tuple[Label, ...]
    font: int = _FONT
    """Label size in pixels."""


@dataclass(frozen=True)
class Axis:
    """The labels along one side of a grid."""

    labels: Sequence[str]
    """One label per row or column."""
    hrefs: Sequence[str] = ()
    """Where each label leads (same length as ``labels``), or nothing."""
    slanted: bool = False
    """Write column labels at 45 degrees, for long names."""
    limit: int = 28
    """Longest label, in characters; longer ones are cut with an ellipsis."""


def lay_out_grid(
    title: str, rows: Axis, columns: Axis, marks: Sequence[Sequence[Mark]], cell: int
) -> Chart:
    """Return a grid of ``cell``-pixel squares, ``marks[row][column]``, with labels left and top."""
    row_labels = [_cut(text, rows.limit) for text in rows.labels]
    column_labels = [_cut(text, columns.limit) for text in columns.labels]
    left = _PAD + max((len(text) * _CHAR for text in row_labels), default=0) + _PAD
    longest = max((len(text) * _CHAR for text in column_labels), default=0)
    top = _PAD + (longest * math.sin(_SLANT) if columns.slanted else _FONT) + _PAD
    overhang = longest * math.cos(_SLANT) - cell / 2 if columns.slanted else 0
    width = left + len(column_labels) * cell + max(overhang, 0) + _PAD
    height = top + len(row_labels) * cell + _PAD
    labels = []
    for r, text in enumerate(row_labels):
        y = top + r * cell + cell / 2 + _FONT / 3
        labels.append(Label(_r(left - _PAD), _r(y), text, "end", 0, _at(rows.hrefs, r)))
    for c, text in enumerate(column_labels):
        x, href = _r(left + c * cell + cell / 2), _at(columns.hrefs, c)
        if columns.slanted:
            labels.append(Label(x, _r(top - _PAD), text, "start", -45, href))
        else:
            labels.append(Label(x, _r(top - _PAD), text, "middle", 0, href))
    squares = [
        Square(_r(left + c * cell + _GAP / 2), _r(top + r * cell + _GAP / 2), cell - _GAP, mark)
        for r, line in enumerate(marks)
        for c, mark in enumerate(line)
    ]
    return Chart(title, round(width), round(height), tuple(squares), tuple(labels))


def level(share: float, steps: int = 4) -> int:
    """Return which of ``steps`` shades shows ``share`` (0 only for nothing at all)."""
    if share <= 0:
        return 0
    return min(steps, 1 + int(share * steps))


def _r(value: float) -> float:
    """Return a coordinate to a tenth of a pixel: enough on screen, and stable in the page."""
    return round(value, 1)


def _cut(text: str, limit: int) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


def _at(items: Sequence[str], index: int) -> str:
    return items[index] if index < len(items) else ""
