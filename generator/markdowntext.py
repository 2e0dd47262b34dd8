"""The text a reader sees in a Markdown document, in blocks, each character mapped to the file.

Markup is not part of what a source says: "**Tomas Keler**" is Tomas Keler, "[the union
said](https://...)" is "the union said", "> " only marks a quotation. Statements keep their
place in the file through the same character map as HTML pages (``ExtractedText``).
"""

from __future__ import annotations

import re

from generator.htmltext import ExtractedText
from generator.model import Block

_FRONT_MATTER = re.compile(r"\A---[ \t]*\r?\n.*?\r?\n(?:---|\.\.\.)[ \t]*(?:\r?\n|\Z)", re.DOTALL)
_HEADING = re.compile(r"^[ \t]{0,3}(#{1,6})[ \t]+")
_HEADING_END = re.compile(r"[ \t]+#+[ \t]*$")
_BULLET = re.compile(r"[ \t\u00a0]*(?:[•·▪◦●*+-]|\d{1,3}[.)])[ \t\u00a0]+")
_QUOTE = re.compile(r"^[ \t]{0,3}(?:>[ \t]?)+")
_RULE = re.compile(r"^[ \t]{0,3}(?:(?:\*[ \t]*){3,}|(?:-[ \t]*){3,}|(?:_[ \t]*){3,})$")
_FENCE = re.compile(r"^[ \t]{0,3}(?:```|~~~)")
_DEFINITION = re.compile(r"^[ \t]{0,3}\[[^\]]+\]:\s*\S+")
_IMAGE_LINE = re.compile(r"^[ \t]*!\[(?P<alt>[^\]]*)\]\([^)]*\)[ \t]*$")
_SENTENCE_END = re.compile(r"[.!?…:;][\"”’»)]*\s*$")
# Inline markup, left to right; each alternative names the part that is text.
# Bounded lengths: a long line of unclosed brackets or stars costs linear time, not quadratic.
_INLINE = re.compile(
    r"!\[(?P<alt>[^\]]{0,300})\]\([^)]{0,500}\)"  # image: its alt text
    r"|\[(?P<link>[^\]]{1,300})\](?:\([^)]{0,500}\)|\[[^\]]{0,100}\])"  # link: its text
    r"|<(?:/?[A-Za-z][\w-]{0,30}(?:\s[^<>]{0,500})?/?|!--.{0,500}?--)>"  # a tag, a comment
    r"|\\(?P<escaped>[\\`*_{}\[\]()#+\-.!>])"  # an escaped character: the character
    r"|(?P<mark>\*\*|__|\*|_|`+)(?=\S)(?P<marked>.{1,300}?)(?<=\S)(?P=mark)"  # emphasis, code
)


def extract_markdown(raw: str) -> ExtractedText:
    """Return the visible text of a Markdown document split into blocks: paragraphs (a
    hard-wrapped line joined to the one before), headings, list items and block quotes, and
    the alt text of an image on a line of its own as a caption."""
    out = _Text()
    front = _FRONT_MATTER.match(raw)
    position = front.end() if front else 0
    fenced = False
    for line in raw[position:].splitlines(keepends=True):
        start = position
        position += len(line)
        body = line.rstrip("\r\n")
        if _FENCE.match(body):
            fenced = not fenced
            out.end_block()
            continue
        if fenced or not body.strip() or _RULE.match(body) or _DEFINITION.match(body):
            out.end_block()
            continue
        image = _IMAGE_LINE.match(body)
        if image:
            out.end_block()
            if image.group("alt").strip():
                out.add_inline(raw, start + image.start("alt"), start + image.end("alt"))
                out.end_block("caption")
            continue
        quote = _QUOTE.match(body)
        lead = quote.end() if quote else 0
        heading = _HEADING.match(body, lead)
        bullet = None if heading else _BULLET.match(body, lead)
        marker = heading or bullet
        text_start = marker.end() if marker else lead
        text_end = len(body)
        if heading:
            closing = _HEADING_END.search(body, text_start)
            text_end = closing.start() if closing else text_end
        while text_start < text_end and body[text_start].isspace():
            text_start += 1
        if marker or not out.continues(body[text_start:text_end]):
            out.end_block()
        out.add_inline(raw, start + text_start, start + text_end)
        if heading:
            out.end_block("heading")
        elif bullet:
            out.hint = "item"
    out.end_block()
    return out.finish(len(raw))


class _Text:
    """The document text being built, with each character's span in the file."""

    def __init__(self) -> None:
        self.chars: list[str] = []
        self.offsets: list[int] = []
        self.ends: list[int] = []
        self.blocks: list[Block] = []
        self.start = 0
        self.hint = ""

    def continues(self, line: str) -> bool:
        """Return whether ``line`` goes on the paragraph being built (a hard-wrapped line)."""
        if len(self.chars) == self.start:
            return False
        # The end of the paragraph is enough, and joining all of it for each line of a long
        # hard-wrapped paragraph would take time growing with its square.
        previous = "".join(self.chars[max(self.start, len(self.chars) - 12) :])
        return not _SENTENCE_END.search(previous) or line[:1].islower()

    def add_inline(self, raw: str, start: int, end: int) -> None:
        """Add the text of ``raw[start:end]`` without its inline markup."""
        if len(self.chars) > self.start:
            self._add(" ", start, start)
        position = start
        for found in _INLINE.finditer(raw, start, end):
            self._add_plain(raw, position, found.start())
            for name in ("alt", "link", "escaped", "marked"):
                if found.group(name) is not None:
                    self._add_plain(raw, found.start(name), found.end(name))
                    break
            position = found.end()
        self._add_plain(raw, position, end)

    def _add_plain(self, raw: str, start: int, end: int) -> None:
        for index in range(start, end):
            self._add(raw[index], index, index + 1)

    def _add(self, char: str, start: int, end: int) -> None:
        if char.isspace():
            if len(self.chars) == self.start or self.chars[-1] == " ":
                return
            char = " "
        self.chars.append(char)
        self.offsets.append(start)
        self.ends.append(end)

    def end_block(self, hint: str = "") -> None:
        """End the block being built, if it has text; ``hint`` (or an item's) is its kind."""
        while len(self.chars) > self.start and self.chars[-1] == " ":
            self.chars.pop()
            self.offsets.pop()
            self.ends.pop()
        if len(self.chars) > self.start:
            self.blocks.append(Block(self.start, len(self.chars), hint or self.hint))
            at = self.ends[-1]
            self.chars.extend("\n\n")
            self.offsets.extend((at, at))
            self.ends.extend((at, at))
            self.start = len(self.chars)
        self.hint = ""

    def finish(self, size: int) -> ExtractedText:
        if self.chars[-2:] == ["\n", "\n"]:
            del self.chars[-2:], self.offsets[-2:], self.ends[-2:]
        return ExtractedText("".join(self.chars), self.blocks, [*self.offsets, size], self.ends)
