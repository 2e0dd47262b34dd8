"""Readable text of an HTML document, with the file offset of every character kept."""

from __future__ import annotations

import html
import re
from dataclasses import dataclass, field
from html.entities import name2codepoint
from html.parser import HTMLParser

from generator.model import Block

# Elements whose content is never text a reader sees.
_SKIPPED = frozenset(
    {"script", "style", "noscript", "template", "svg", "math", "head", "iframe", "object", "canvas"}
)
# Elements that start and end a paragraph-like block.
_BLOCKS = frozenset(
    {
        "address", "article", "aside", "blockquote", "body", "caption", "dd", "div", "dl", "dt",
        "figcaption", "figure", "footer", "form", "h1", "h2", "h3", "h4", "h5", "h6", "header",
        "hr", "li", "main", "nav", "ol", "p", "pre", "section", "table", "td", "th", "tr", "ul",
    }
)  # fmt: skip
_HINTS = {
    **{f"h{n}": "heading" for n in range(1, 7)},
    "figcaption": "caption",
    "caption": "caption",
    "li": "item",
}
# Page furniture: everything inside is site clutter.
_FURNITURE = frozenset({"nav", "footer", "aside", "form"})


@dataclass
class ExtractedText:
    """Text, blocks and file offsets extracted from one HTML document."""

    text: str = ""
    blocks: list[Block] = field(default_factory=list)
    offsets: list[int] = field(default_factory=list)
    ends: list[int] = field(default_factory=list)
    title: str = ""
    site: str = ""
    """The site's name, from og:site_name or the <title> ("Headline | The Courier")."""


def extract_html(raw: str) -> ExtractedText:
    """Return the visible text of ``raw`` split into blocks, each character mapped to ``raw``."""
    parser = _TextParser(raw)
    parser.feed(raw)
    parser.close()
    return parser.finish()


class _TextParser(HTMLParser):
    def __init__(self, raw: str) -> None:
        super().__init__(convert_charrefs=False)
        self._raw = raw
        self._line_starts = [0]
        for index, char in enumerate(raw):
            if char == "\n":
                self._line_starts.append(index + 1)
        self._chars: list[str] = []
        self._offsets: list[int] = []
        self._ends: list[int] = []
        self._blocks: list[Block] = []
        self._block_start = 0
        self._hint_stack: list[str] = []
        self._skip_depth = 0
        self._furniture_depth = 0
        self._in_title = False
        self._title: list[str] = []
        # The page's own headline: the first <h1> with text, else its og:title.
        self._h1 = ""
        self._h1_from: int | None = None
        self._og_title = ""
        self._site = ""

    def _offset(self) -> int:
        line, column = self.getpos()
        return self._line_starts[line - 1] + column

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag == "title":
            self._in_title = True
        if tag == "meta":
            named = dict(attrs)
            kind = (named.get("property") or named.get("name") or "").lower()
            content = " ".join((named.get("content") or "").split())
            if kind == "og:title" and not self._og_title:
                self._og_title = content
            elif kind == "og:site_name" and not self._site:
                self._site = content
        if tag in _SKIPPED:
            self._skip_depth += 1
            return
        if tag == "br":
            self._end_block(self._offset())
            return
        if tag in _BLOCKS:
            self._end_block(self._offset())
            self._hint_stack.append(_HINTS.get(tag, ""))
            if tag in _FURNITURE:
                self._furniture_depth += 1
            if tag == "h1" and not self._h1:
                self._h1_from = len(self._blocks)
        if tag == "img":
            alt = dict(attrs).get("alt")
            if alt and alt.strip():
                self._add_alt(alt)

    def _add_alt(self, alt: str) -> None:
        """Add an image's alt text as a caption block, mapped to the attribute in the file."""
        tag_start = self._offset()
        raw_tag = self.get_starttag_text() or ""
        value = re.search(r"""\balt\s*=\s*["']?""", raw_tag, re.IGNORECASE)
        start = tag_start + (value.end() if value else 0)
        text = alt.strip()
        start += max(0, raw_tag[value.end() if value else 0 :].find(text[:1])) if value else 0
        self._end_block(tag_start)
        self._hint_stack.append("caption")
        self._add(text, start)
        self._end_block(start + len(text))
        self._hint_stack.pop()

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in {"br", "hr", "img"}:
            self.handle_starttag(tag, attrs)

    def handle_endtag(self, tag: str) -> None:
        if tag == "title":
            self._in_title = False
        if tag in _SKIPPED:
            self._skip_depth = max(0, self._skip_depth - 1)
            return
        if tag in _BLOCKS:
            self._end_block(self._offset())
            if self._hint_stack:
                self._hint_stack.pop()
            if tag in _FURNITURE:
                self._furniture_depth = max(0, self._furniture_depth - 1)
            if tag == "h1" and self._h1_from is not None and len(self._blocks) > self._h1_from:
                block = self._blocks[self._h1_from]
                if block.hint != "boilerplate":
                    self._h1 = "".join(self._chars[block.start : block.end])
                self._h1_from = None

    def handle_data(self, data: str) -> None:
        if self._in_title:
            self._title.append(data)
        if self._skip_depth:
            return
        self._add(data, self._offset())

    def handle_entityref(self, name: str) -> None:
        codepoint = name2codepoint.get(name)
        self._add_decoded(chr(codepoint) if codepoint else f"&{name}", 1 + len(name))

    def handle_charref(self, name: str) -> None:
        try:
            value = int(name[1:], 16) if name[:1] in "xX" else int(name)
        except ValueError:
            char = f"&#{name}"
        else:
            # As browsers read it: &#150; is an en dash, a surrogate or &#0; is U+FFFD.
            char = html.unescape(f"&#{value};") if value < 0x110000 else "\ufffd"
        self._add_decoded(char, 2 + len(name))

    def _add_decoded(self, char: str, length: int) -> None:
        """Add a character written as a reference of ``length`` characters (plus any ';')."""
        if self._in_title:
            self._title.append(char)
        if self._skip_depth:
            return
        start = self._offset()
        end = start + length + (self._raw[start + length : start + length + 1] == ";")
        self._add(char, start, end=end)

    def _add(self, data: str, start: int, end: int | None = None) -> None:
        for index, char in enumerate(data):
            offset = start if end is not None else start + index
            if char.isspace():
                if (
                    not self._chars
                    or self._chars[-1] in " \n"
                    or len(self._chars) == self._block_start
                ):
                    continue
                char = " "
            self._chars.append(char)
            self._offsets.append(offset)
            self._ends.append(end if end is not None else offset + 1)

    def _end_block(self, offset: int) -> None:
        while len(self._chars) > self._block_start and self._chars[-1] == " ":
            self._chars.pop()
            self._offsets.pop()
            self._ends.pop()
        if len(self._chars) > self._block_start:
            hint = "boilerplate" if self._furniture_depth else self._current_hint()
            self._blocks.append(Block(self._block_start, len(self._chars), hint))
            self._chars.extend("\n\n")
            self._offsets.extend((offset, offset))
            self._ends.extend((offset, offset))
            self._block_start = len(self._chars)

    def _current_hint(self) -> str:
        for hint in reversed(self._hint_stack):
            if hint:
                return hint
        return ""

    def finish(self) -> ExtractedText:
        self._end_block(len(self._raw))
        if self._chars[-2:] == ["\n", "\n"]:
            del self._chars[-2:], self._offsets[-2:], self._ends[-2:]
        offsets = [*self._offsets, len(self._raw)]
        headline, site = _title_parts("".join(self._title))
        title = self._h1 or self._og_title or headline
        return ExtractedText(
            "".join(self._chars), self._blocks, offsets, self._ends, title, self._site or site
        )


def _title_parts(title: str) -> tuple[str, str]:
    """Return a page's <title> as its headline and the site's name: "Headline | The Courier"
    (the longest of the parts between bars and spaced dashes is the headline; a last part of
    two, when shorter, the site)."""
    parts = re.split(r"\s+[|–—-]\s+|\s*\|\s*", " ".join(title.split()))
    headline = max(parts, key=len)
    site = parts[-1] if len(parts) == 2 and parts[-1] != headline else ""
    if len(parts) == 2 and not site and parts[0] != headline:
        site = parts[0]
    return headline, site
