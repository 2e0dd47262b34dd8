"""Site clutter: the lines of a page that are not the report (share bars, newsletter prompts,
a masthead repeated above the headline), and the headline among them."""

from __future__ import annotations

import re
from dataclasses import replace

from generator.model import Block

_CLUTTER_WORDS = 40


def mark_clutter(
    text: str, blocks: list[Block], title: str, patterns: tuple[str, ...]
) -> list[Block]:
    """Return ``blocks`` with site clutter hinted ``boilerplate`` and the headline ``headline``.

    Clutter is what matches a pattern, a short line repeated on the page, the short lines of the
    masthead above the headline, and the short lines that trail the first clutter at the end.
    """
    compiled = compile_patterns(patterns)
    lines = [" ".join(text[b.start : b.end].split()) for b in blocks]
    counts: dict[str, int] = {}
    for line in lines:
        counts[line.casefold()] = counts.get(line.casefold(), 0) + 1
    headline = _find_headline(lines, blocks, title, compiled, counts)
    hints = [b.hint for b in blocks]
    for index, line in enumerate(lines):
        short = _is_short_label(line)
        if (
            is_pattern_clutter(line, compiled)
            or (short and counts[line.casefold()] > 1)
            or (headline is not None and index < headline and short)
        ):
            hints[index] = "boilerplate"
    if headline is not None:
        hints[headline] = "headline"
    _mark_trailing(lines, hints)
    return [replace(block, hint=hint) for block, hint in zip(blocks, hints, strict=True)]


def _mark_trailing(lines: list[str], hints: list[str]) -> None:
    first = next(
        (i for i, h in enumerate(hints) if h == "boilerplate" and i > len(hints) // 2), None
    )
    if first is None:
        return
    if all(
        _is_short_label(line) or hints[i] == "boilerplate"
        for i, line in enumerate(lines[first:], start=first)
    ):
        for index in range(first, len(hints)):
            hints[index] = "boilerplate"


def _find_headline(
    lines: list[str],
    blocks: list[Block],
    title: str,
    patterns: list[re.Pattern[str]],
    counts: dict[str, int],
) -> int | None:
    wanted = _fold(title)
    if wanted:
        for index, line in enumerate(lines):
            if _fold(line) == wanted:
                return index
        for index, line in enumerate(lines):
            folded = _fold(line)
            if folded and len(folded) > 12 and (folded in wanted or wanted in folded):
                return index
    for index, (line, block) in enumerate(zip(lines, blocks, strict=True)):
        if block.hint == "boilerplate" or is_pattern_clutter(line, patterns):
            continue
        if counts[line.casefold()] > 1 or len(line.split()) < 3:
            continue
        return index if len(line.split()) <= 30 else None
    return None


def _is_short_label(line: str) -> bool:
    words = line.split()
    return len(words) <= 8 and not re.search(r"[.!?]$", line)


def is_pattern_clutter(line: str, patterns: list[re.Pattern[str]]) -> bool:
    """Return whether a short line matches one of the clutter patterns."""
    # Clutter is short; a long paragraph that happens to match a pattern is reporting.
    return len(line.split()) <= _CLUTTER_WORDS and any(p.search(line) for p in patterns)


def compile_patterns(patterns: tuple[str, ...]) -> list[re.Pattern[str]]:
    """Return the clutter patterns of the settings, compiled to ignore case."""
    return [re.compile(p, re.IGNORECASE) for p in patterns]


def _fold(text: str) -> str:
    return " ".join(re.sub(r"[^\w\s]", " ", text.casefold()).split())
