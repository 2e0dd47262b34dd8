"""Finished HTML in generated pages, set apart so that Markdown does not parse it again.

Most of a generated page is HTML the templates write whole: a statement's paragraph, a table, a
chart. Left in the Markdown, it is parsed twice (by MkDocs, for the ids links may point at, and
by Python-Markdown's HTML block reader) and goes through Markdown's raw-HTML stash: most of the
Markdown time of a large briefing. A template encloses such lines in ``{% filter set_apart %}``:
the rendered page then holds a placeholder line, an HTML comment, where the lines were, and the
page record holds the lines themselves. Markdown passes a comment on as it is, with the line
ends it would have given the lines; ``insert_fragments`` then puts the lines in its place, so
the page's HTML is the same; ``anchor_ids`` gives MkDocs the ids it would have read in them.
``inline_fragments`` puts the lines back into the Markdown: the page without the shortcut.

A fragment that is one element kept out of search (``data-search-exclude``, as a statement's
paragraph is) can be set apart with ``set_apart(unsearched=True)``: its placeholder stays in
the page until the search plugin has read it (``insert_fragments(..., unsearched=True)`` runs
after), so that plugin does not parse HTML only to leave it out.

A placeholder starts with ``<``, which no text from a source or an annotation can hold after the
templates' escaping (Markdown writes it as ``&lt;``): text cannot pull a fragment into a page.
"""

from __future__ import annotations

import html
import re
from collections.abc import Callable, Sequence
from typing import Any

import jinja2
import markupsafe
from markdown import util

_COLLECTOR = "_set_apart"
"""The template variable holding the list the ``set_apart`` filter adds fragments to."""
_PLACEHOLDER = "<!-- briefing fragment {}{} -->"
_UNSEARCHED = " unsearched"
_ANY = r"<!-- briefing fragment (\d+)(?: unsearched)? -->"
_PLACEHOLDER_LINE = re.compile(f"^{_ANY}$", re.MULTILINE)
_ANY_PLACEHOLDER = re.compile(_ANY)
_SEARCHED_PLACEHOLDER = re.compile(r"<!-- briefing fragment (\d+) -->")
_UNSEARCHED_PLACEHOLDER = re.compile(r"<!-- briefing fragment (\d+) unsearched -->")
_EXCLUDED_ELEMENT = re.compile(r"<([a-z]+)\b[^<>]*\sdata-search-exclude[\s>].*</\1>", re.DOTALL)
_ID = re.compile(r'\sid="([^"]*)"')
_TAB_LENGTH = 4
"""Python-Markdown's ``tab_length``, which MkDocs keeps."""
_SPACES_LINE = re.compile(r"(?<=\n) +\n")


def render_markdown(template: jinja2.Template, **context: Any) -> tuple[str, tuple[str, ...]]:
    """Return a page template's Markdown, with a placeholder line for each fragment of finished
    HTML it set apart, and the fragments in the order of their numbers.

    A template that set apart part of a line gets its fragments back in its Markdown: only a
    placeholder alone on its line stands for a block of HTML.
    """
    fragments: list[str] = []
    markdown = template.render(context, **{_COLLECTOR: fragments})
    alone = [int(found[1]) for found in _PLACEHOLDER_LINE.finditer(markdown)]
    if alone != list(range(len(fragments))):
        return _filled(_ANY_PLACEHOLDER, markdown, fragments), ()
    return markdown, tuple(fragments)


@jinja2.pass_context
def set_apart(
    context: jinja2.runtime.Context, html: str, unsearched: bool = False
) -> markupsafe.Markup:
    """Return a placeholder line for ``html``, whole lines of finished HTML (the Jinja filter).

    ``unsearched``: the lines are one element marked ``data-search-exclude``, which goes into
    the page after the search plugin read it. Lines that are not such an element (by the look
    of their first and last tags) are set apart as searched ones.
    """
    fragments = context.get(_COLLECTOR)
    if fragments is None:
        return markupsafe.Markup(html)
    text = str(html)
    if "<!-- briefing fragment " in text:
        # Set apart inside this one: the last fragments, which become part of this one.
        nested = [int(found[1]) for found in _ANY_PLACEHOLDER.finditer(text)]
        text = _filled(_ANY_PLACEHOLDER, text, fragments)
        del fragments[min(nested) :]
    body = text.strip("\n")
    if not body:
        return markupsafe.Markup(text)
    start = text.index(body)
    fragments.append(body)
    late = unsearched and _EXCLUDED_ELEMENT.fullmatch(body) is not None
    placeholder = _PLACEHOLDER.format(len(fragments) - 1, _UNSEARCHED if late else "")
    return markupsafe.Markup(text[:start] + placeholder + text[start + len(body) :])


def inline_fragments(markdown: str, fragments: tuple[str, ...]) -> str:
    """Return ``markdown`` with its fragments in place of their placeholders: the page as
    self-contained Markdown, as it would be without the shortcut."""
    return _filled(_PLACEHOLDER_LINE, markdown, fragments) if fragments else markdown


def anchor_ids(fragments: tuple[str, ...]) -> set[str]:
    """Return the ids of the elements in ``fragments``: the anchors a link can point at.

    MkDocs reads them from a page's raw HTML to check links to anchors; the fragments skip that
    reading. The templates put attribute values in double quotes and escape every quote in text,
    so ` id="` starts an id wherever it is found.
    """
    return {html.unescape(found[1]) for text in fragments for found in _ID.finditer(text)}


def insert_fragments(
    page: str,
    fragments: tuple[str, ...],
    *,
    unsearched: bool = False,
    finish: Callable[[str], str] = str,
) -> str:
    """Return the HTML Markdown made of a page, with its fragments in place of their
    placeholders, as Markdown would have passed them on had they been in the Markdown.

    Only the placeholders of searched fragments, or with ``unsearched`` only those of
    unsearched ones; ``finish`` is applied to each fragment put in.
    """
    if not fragments:
        return page
    placeholder = _UNSEARCHED_PLACEHOLDER if unsearched else _SEARCHED_PLACEHOLDER
    return _filled(placeholder, page, fragments, lambda text: finish(_normalized(text)))


def _filled(
    placeholder: re.Pattern[str],
    text: str,
    fragments: Sequence[str],
    finish: Callable[[str], str] = str,
) -> str:
    """Return ``text`` with the fragments (through ``finish``) in place of the placeholders
    ``placeholder`` finds; a placeholder without a fragment stays as it is."""

    def fill(found: re.Match[str]) -> str:
        number = int(found[1])
        return finish(fragments[number]) if number < len(fragments) else found[0]

    return placeholder.sub(fill, text)


def _normalized(html: str) -> str:
    """Return ``html`` as Markdown's whitespace normalisation would have left it."""
    # Each step only where it has something to do: most fragments need none.
    if util.STX in html or util.ETX in html:
        html = html.replace(util.STX, "").replace(util.ETX, "")
    if "\r" in html:
        html = html.replace("\r\n", "\n").replace("\r", "\n")
    if "\t" in html:
        html = html.expandtabs(_TAB_LENGTH)
    return _SPACES_LINE.sub("\n", html) if " \n" in html else html
