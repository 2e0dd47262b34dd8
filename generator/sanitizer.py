"""A Markdown extension that keeps script out of the generated pages.

The templates escape every piece of source text and metadata, but an analyst's note is
Markdown, and Markdown can make a link to ``javascript:`` or, through ``attr_list``, give an
element an ``onclick``. After Markdown has built a generated page, every attribute that is not
on a short list of harmless ones is removed, and so is every address whose scheme is not
http, https or mailto. Raw HTML the templates write is not in Markdown's tree and not touched:
it is escaped where it is made.

One more place reads text as HTML: Material's tooltips (``content.tooltips``) put an element's
``title``, and the text of a truncated label, into the page with ``innerHTML``. Text bound for
those places is made inert: a word joiner (U+2060, invisible) after each ``<`` and ``&`` keeps
them from starting a tag or a character reference, and the text reads the same.
"""

from __future__ import annotations

import html
import re
import xml.etree.ElementTree as etree

from markdown import Markdown
from markdown.extensions import Extension
from markdown.treeprocessors import Treeprocessor

# What Markdown and the usual extensions (tables, admonitions, toc, tabs) write, nothing else.
_ATTRIBUTES = frozenset(
    """id class href src alt title colspan rowspan align lang dir width height start open
    name for type checked role""".split()
)
_ADDRESSES = frozenset({"href", "src"})
_SCHEMES = frozenset({"http", "https", "mailto"})
_SCHEME = re.compile(r"^([a-z][a-z0-9+.\-]*):")
# Browsers ignore these anywhere in an address: "java\tscript:" is "javascript:".
_IGNORED_IN_ADDRESS = re.compile(r"[\x00-\x20\x7f]")
_TABLE_ALIGN = re.compile(r"^text-align: ?(left|right|center);?$")
_MARKUP_START = re.compile(r"[<&]")
# A title attribute of a start tag. Text outside tags cannot hold a raw "<": it is escaped.
_TITLE = re.compile(r'(<[a-zA-Z][^<>]*?\stitle=")([^"]*)(")')
_WORD_JOINER = "\u2060"


class SanitizerExtension(Extension):  # type: ignore[misc]  # Markdown ships no types
    """Removes event handlers, styles and unsafe addresses from pages while ``active``."""

    def __init__(self) -> None:
        super().__init__()
        self.active = False
        """Set by the plugin for each page: True while a generated page is rendered."""

    def extendMarkdown(self, md: Markdown) -> None:
        # After every other tree processor (unescaping is 0), so nothing adds attributes later.
        md.treeprocessors.register(_Sanitizer(md, self), "briefing_sanitizer", -10)


class _Sanitizer(Treeprocessor):  # type: ignore[misc]
    def __init__(self, md: Markdown, extension: SanitizerExtension) -> None:
        super().__init__(md)
        self.extension = extension

    def run(self, root: etree.Element) -> None:
        if self.extension.active:
            sanitize_tree(root)


def sanitize_tree(root: etree.Element) -> None:
    """Remove from every element below ``root`` the attributes that could run or load script."""
    for element in root.iter():
        for name, value in list(element.attrib.items()):
            if value is None:
                # attr_list leaves "{: style=}" a key with no value, which no page needs.
                del element.attrib[name]
            elif not is_safe_attribute(name, value):
                del element.attrib[name]


def is_safe_attribute(name: str, value: str) -> bool:
    """Return whether an attribute can stay on a generated page."""
    name = name.lower()
    if name == "style":
        return bool(_TABLE_ALIGN.match(value.strip()))
    if name.startswith("aria-"):
        return True
    if name not in _ATTRIBUTES:
        return False
    return name not in _ADDRESSES or is_safe_address(value)


def is_safe_address(value: str) -> bool:
    """Return whether a link or image address is a web address, a mail address or relative."""
    address = _IGNORED_IN_ADDRESS.sub("", html.unescape(value)).lower()
    scheme = _SCHEME.match(address)
    return scheme is None or scheme.group(1) in _SCHEMES


def inert_text(text: str) -> str:
    """Return ``text`` unchanged to the eye but unable to become markup if read as HTML."""
    return _MARKUP_START.sub(lambda found: found.group() + _WORD_JOINER, text)


def inert_titles(page: str) -> str:
    """Return the HTML ``page`` with the text of every ``title`` attribute made inert."""

    def inert(found: re.Match[str]) -> str:
        text = html.unescape(found.group(2)).replace(_WORD_JOINER, "")
        return found.group(1) + html.escape(inert_text(text)) + found.group(3)

    return _TITLE.sub(inert, page)
