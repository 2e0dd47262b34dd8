"""Site clutter: the lines of a page that are not the report (share bars, newsletter prompts,
a masthead repeated above the headline), and the headline among them."""

from __future__ import annotations

import re
from dataclasses import replace

from generator.model import Block

_CLUTTER_WORDS = 40
# The heading of a list of links to other pages ("Read next", "Most popular"): the short lines
# under it are those links' titles, not the report's.
_LINK_LIST = re.compile(
    r"^(related( articles| stories| news| content| coverage| topics)?|read (next|more|also)|"
    r"see also|more (on|from|about)\b.{0,40}|more (stories|news)|"
    r"most (read|popular|viewed|shared|watched)|you (may|might) (also )?(like|be interested in)|"
    r"recommended( for you| stories| reading)?|trending( now| stories)?|editor'?s picks|"
    r"latest (news|stories|articles)|top stories|in other news|sponsored( content| stories)?|"
    r"promoted( content| stories)?|from our partners|paid content)\s*:?$",
    re.IGNORECASE,
)


def mark_clutter(
    text: str, blocks: list[Block], title: str, patterns: tuple[str, ...]
) -> list[Block]:
    """Return ``blocks`` with site clutter hinted ``boilerplate`` and the headline ``headline``.

    Clutter is what matches a pattern, a short line repeated on the page, the short lines of the
    masthead above the headline, the short lines that trail the first clutter at the end, and
    the heading of a list of links to other pages ("Read next") with the titles under it.
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
    _mark_link_lists(lines, hints)
    _mark_trailing(lines, hints)
    return [replace(block, hint=hint) for block, hint in zip(blocks, hints, strict=True)]


def _mark_link_lists(lines: list[str], hints: list[str]) -> None:
    index = 0
    while index < len(lines):
        if hints[index] != "headline" and _LINK_LIST.match(lines[index]):
            hints[index] = "boilerplate"
            index += 1
            while index < len(lines) and _is_link_title(lines[index]):
                hints[index] = "boilerplate"
                index += 1
        else:
            index += 1


def _is_link_title(line: str) -> bool:
    """Return whether a line reads as the title of a linked page: short, with no sentence in
    it and not a photo's caption."""
    return (
        0 < len(line.split()) <= 16
        and not re.search(r"[.!?…][\"”’)]*(?:\s|$)", line)
        and not re.match(r"(?:photo|pictured|picture|image|caption)\s*:", line, re.IGNORECASE)
    )


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
    # A title of a word or two (a file's name, when the text gives none) names no line of it.
    if len(wanted.split()) >= 3:
        for index, line in enumerate(lines):
            folded = _fold(line)
            # Part of the title that is most of it: a site's name alone is not its headline.
            part = folded in wanted and 2 * len(folded) >= len(wanted)
            if folded and len(folded) > 12 and (part or wanted in folded):
                return index
    for index, (line, block) in enumerate(zip(lines, blocks, strict=True)):
        if block.hint == "boilerplate" or is_pattern_clutter(line, patterns):
            continue
        if counts[line.casefold()] > 1 or len(line.split()) < 3:
            continue
        return index if may_be_headline(line) else None
    return None


# Who wrote or edited it: "By Clara Voss, 13 March 2024", "(Reporting by ...; Editing by ...)",
# "By CLAIRE RUSH and TY O'NEIL - Associated Press".
BYLINE = re.compile(
    r"^\(?(?:(?:reporting|writing|editing|additional reporting|written|text|photos?)\s+)?by\s+"
    r"(?-i:[A-Z])[^.!?]{0,120}\)?$",
    re.IGNORECASE,
)


def may_be_headline(line: str) -> bool:
    """Return whether a line reads as a headline: at most 30 words, one sentence, no speaker's
    label nor byline, and no full stop after a long one ("The agency has launched an
    investigation into ..., which was en route from Portland to Ontario." opens a report;
    "Voice is AI-generated. Inconsistencies may occur." is a notice)."""
    words = line.split()
    if len(words) > 30 or _SENTENCE_END.search(line) or line.rstrip().endswith(":"):
        return False  # a line ending in a colon leads into what follows ("SANCHEZ, CNN HOST:")
    if _SPOKEN_TURN.match(line) or BYLINE.match(line.strip()):
        return False
    return len(words) <= 12 or not re.search(r"\.[\"”’)]*$", line)


# A transcript's turn: a label in capitals, then a sentence ("SANCHEZ: Let's listen in.");
# "EXCLUSIVE: Talks to resume" has no full stop.
_SPOKEN_TURN = re.compile(r"[A-Z][A-Z .'’-]*:\s.*[.!?][\"”’)]*\s*$")
# The end of a sentence inside a line: a word (not an initial or "U.S.") and a capital after it.
_SENTENCE_END = re.compile(r"[a-z]{3,}[.!?][\"”’)]*\s+[\"“‘(]?[A-Z]")


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
