"""Properties that hold for any input (hypothesis): the splitter loses and repeats nothing, ids
and anchors survive edits elsewhere, escaped text renders as itself, nothing crashes.

"Every character of a source appears in its page once, in order" is stated precisely as: the
characters of the document text that are not white space, read in order, equal the characters
that are not white space of the text of the page's statement elements (``.bf-st``), read in
order, except for the bullet and heading markers the loader strips from the start of a line.
Labels the site adds (speakers, cross-links, badges) sit outside ``.bf-st`` and do not count;
white space may change, since the page reflows it.
"""

from __future__ import annotations

import html
import itertools
import re
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from html.parser import HTMLParser
from pathlib import Path

import markdown
from hypothesis import HealthCheck, assume, example, given, settings
from hypothesis import strategies as st

from generator.anchoring import Anchor, TextIndex, anchor_selector
from generator.config import DEFAULT_BOILERPLATE, ProjectPaths
from generator.errors import BriefingError
from generator.fragments import inline_fragments
from generator.model import Origin, Selector, Settings, Source, SourceKind, SourceMeta
from generator.pipeline import build_briefing
from generator.rendering import RenderOptions, escape_markdown, render_site
from generator.sanitizer import SanitizerExtension
from generator.sources import _BULLET, read_source
from generator.statements import split_sentences, split_statements

SETTINGS = Settings(boilerplate=DEFAULT_BOILERPLATE)
# What MkDocs enables for the example site, plus its own defaults (tables, fenced code).
EXTENSIONS = ["admonition", "attr_list", "toc", "tables", "fenced_code"]
# Characters that mean something to Markdown, HTML, Jinja, YAML or the splitter.
MARKUP = list(
    "<>&\"'`*_#[](){}|!=-:;.,?…“”«»—–/\\~^$%@+\n\t \u00a0\u2028\x02\x03\x0c\x1b\u202e\ufeff"
)
TOKENS = [
    "<script>alert(1)</script>",
    "<img src=x onerror=alert(1)>",
    "[x](javascript:alert(1))",
    "{#id .c onclick=alert(1)}",
    "{{ x }}",
    "{% y %}",
    '--8<-- "/etc/passwd"',
    "!!! note",
    '=== "Tab"',
    "---",
    "&amp;",
    "&#60;",
    "Mr. Smith",
    "U.S.",
    '"Quoted," he said.',
    "NUR-SULTAN, January 7. /TASS/.",
    "• ",
    "- ",
    "1. ",
    "# ",
]
TEXT = st.text(
    alphabet=st.one_of(st.sampled_from(MARKUP), st.characters(codec="utf-8")), max_size=120
)
PIECES = st.lists(st.one_of(TEXT, st.sampled_from(TOKENS)), max_size=12).map("".join)
WORDS = st.lists(
    st.text(alphabet="abcdefghijklmnopqrstuvwxyz", min_size=3, max_size=9), min_size=4, max_size=12
)
SENTENCE = WORDS.map(lambda words: " ".join(words).capitalize() + ".")


def _visible(text: str) -> str:
    return "".join(text.split())


@contextmanager
def _project(files: dict[str, str | bytes]) -> Iterator[Path]:
    """Yield a project folder holding ``files`` below content/sources/."""
    with tempfile.TemporaryDirectory() as folder:
        root = Path(folder)
        (root / "content" / "sources").mkdir(parents=True)
        for name, data in files.items():
            path = root / "content" / "sources" / name
            if isinstance(data, bytes):
                path.write_bytes(data)
            else:
                path.write_text(data, encoding="utf-8", newline="")
        yield root


def _source(text: str, name: str = "doc.txt", source_id: str = "doc") -> Source:
    with _project({name: text}) as root:
        path = root / "content" / "sources" / name
        meta = SourceMeta(source_id, name, "Title", "Outlet", SourceKind.OTHER, None, "en")
        return read_source(path, meta, SETTINGS, f"content/sources/{name}")


def _markers(text: str, suffix: str) -> set[int]:
    """Return the offsets of the bullet markers the loader strips from lines of plain text
    (HTML and Markdown sources are read without their markup already)."""
    if suffix in (".html", ".md"):
        return set()
    found: set[int] = set()
    position = 0
    for line in text.splitlines(keepends=True):
        marker = _BULLET.match(line)
        if marker:
            found.update(range(position, position + marker.end()))
        position += len(line)
    return found


@given(TEXT | PIECES)
def test_sentences_cover_the_text_in_order_without_overlap(text: str) -> None:
    spans = split_sentences(text)
    assert spans == sorted(spans)
    for (_, end), (start, _) in itertools.pairwise(spans):
        assert end <= start
    for start, end in spans:
        assert 0 <= start < end <= len(text)
        assert not text[start].isspace() and not text[end - 1].isspace()
    assert "".join(_visible(text[a:b]) for a, b in spans) == _visible(text)


@given(PIECES)
@settings(max_examples=150, suppress_health_check=[HealthCheck.too_slow])
def test_statements_hold_every_visible_character_once_in_order(text: str) -> None:
    try:
        source = _source(text, "doc.md")
    except BriefingError:
        assume(False)  # an empty document: its own message, tested elsewhere
        raise
    statements = split_statements(source)
    covered = [i for s in statements for i in range(s.doc_start, s.doc_end)]
    assert covered == sorted(set(covered))
    for statement in statements:
        assert source.text[statement.doc_start : statement.doc_end] == statement.text
    markers = _markers(source.text, ".md")
    wanted = "".join(c for i, c in enumerate(source.text) if not c.isspace() and i not in markers)
    assert "".join(_visible(s.text) for s in statements) == wanted


class _StatementText(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self.depth = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if self.depth:
            self.depth += 1
        elif "bf-st" in (dict(attrs).get("class") or "").split():
            self.depth = 1

    def handle_endtag(self, tag: str) -> None:
        if self.depth:
            self.depth -= 1

    def handle_data(self, data: str) -> None:
        if self.depth:
            self.parts.append(data)


def _page_statement_text(page_markdown: str) -> str:
    extension = SanitizerExtension()
    extension.active = True
    rendered = markdown.markdown(page_markdown, extensions=[*EXTENSIONS, extension])
    parser = _StatementText()
    parser.feed(rendered)
    parser.close()
    return "".join(parser.parts)


@given(st.lists(PIECES, min_size=1, max_size=4), st.sampled_from([".txt", ".md", ".html"]))
@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
def test_every_character_of_a_source_appears_on_its_page_once_in_order(
    paragraphs: list[str], suffix: str
) -> None:
    if suffix == ".html":
        text = "".join(f"<p>{html.escape(p)}</p>\n" for p in paragraphs)
    else:
        text = "\n\n".join(paragraphs)
    with _project({f"doc{suffix}": text}) as root:
        try:
            briefing = build_briefing(ProjectPaths.under(root))
        except BriefingError:
            assume(False)
            raise
    source = briefing.sources[0]
    markers = _markers(source.text, suffix)
    wanted = "".join(c for i, c in enumerate(source.text) if not c.isspace() and i not in markers)
    page = next(p for p in render_site(briefing, RenderOptions()) if p.path == "sources/doc.md")
    assert _visible(_page_statement_text(inline_fragments(page.markdown, page.fragments))) == wanted


@given(st.lists(SENTENCE, min_size=3, max_size=8, unique=True), st.data())
def test_ids_are_stable_under_edits_elsewhere(sentences: list[str], data: st.DataObject) -> None:
    edited = data.draw(st.integers(0, len(sentences) - 1))
    replacement = data.draw(SENTENCE)
    assume(replacement not in sentences)
    before = _source("\n\n".join(sentences))
    after_sentences = [*sentences]
    after_sentences[edited] = replacement
    inserted = data.draw(st.integers(0, len(sentences)))
    after_sentences.insert(inserted, data.draw(SENTENCE.filter(lambda s: s not in sentences)))
    assume(len(set(after_sentences)) == len(after_sentences))
    after = _source("\n\n".join(after_sentences))
    ids_before = {s.text: s.id for s in split_statements(before)}
    ids_after = {s.text: s.id for s in split_statements(after)}
    for text, statement_id in ids_before.items():
        if text != sentences[edited]:
            assert ids_after[text] == statement_id


@given(st.lists(SENTENCE, min_size=3, max_size=8, unique=True), st.data())
def test_a_quote_anchors_to_its_statement_after_edits_elsewhere(
    sentences: list[str], data: st.DataObject
) -> None:
    target = data.draw(st.integers(0, len(sentences) - 1))
    words = sentences[target].rstrip(".").split()
    assume(
        all(
            sentences[target].rstrip(".").lower() not in s.lower()
            for s in sentences
            if s != sentences[target]
        )
    )
    quote = " ".join(words[: data.draw(st.integers(3, len(words)))])
    assume(sum(quote.lower() in s.lower() for s in sentences) == 1)
    edited = [*sentences]
    edited.insert(data.draw(st.integers(0, len(sentences))), data.draw(SENTENCE))
    edited = [s for s in edited if quote.lower() not in s.lower() or s == sentences[target]]
    for text in (sentences, edited):
        source = _source("\n\n".join(text))
        statements = split_statements(source)
        found = anchor_selector(
            Selector(Origin("notes.yml", 1), quote=quote, source="doc"),
            TextIndex([source], statements),
        )
        assert isinstance(found, Anchor), found
        wanted = next(s for s in statements if s.text == sentences[target])
        assert found.statement == wanted.id


_ONLY_TEXT = re.compile(r"^<p>(.*)</p>$", re.S)


@given(TEXT | PIECES)
def test_escaped_text_renders_as_itself(text: str) -> None:
    flat = " ".join(text.split())
    assume(flat and "\x02" not in flat and "\x03" not in flat)
    rendered = markdown.markdown(str(escape_markdown(text)), extensions=EXTENSIONS)
    body = _ONLY_TEXT.match(rendered)
    assert body is not None, rendered
    assert "<" not in body.group(1)
    assert html.unescape(body.group(1)) == flat


# The elements Markdown makes of a note; raw HTML in it is text.
NOTE_ELEMENTS = frozenset(
    "p a em strong code pre img ul ol li blockquote hr br h1 h2 h3 h4 h5 h6 table thead tbody "
    "tr th td div".split()
)


class _Elements(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.unsafe: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag not in NOTE_ELEMENTS:
            self.unsafe.append(tag)
        for name, value in attrs:
            address = re.sub(r"[\x00-\x20]", "", html.unescape(value or "")).lower()
            scheme = re.match(r"[a-z][a-z0-9+.-]*:", address)
            if name.startswith("on") or name in {"style", "srcdoc", "srcset"}:
                self.unsafe.append(f"{tag} {name}")
            if scheme and scheme.group() not in {"http:", "https:", "mailto:"}:
                self.unsafe.append(f"{tag} {name}={value}")


NOTE_TOKENS = [
    "[x](",
    ")",
    "javascript:",
    "JaVaScRiPt:",
    "java\tscript:",
    "&#58;",
    "&#x3A;",
    "data:text/html,",
    "vbscript:",
    "alert(1)",
    "{:",
    "{",
    "}",
    " onclick=",
    " style=",
    ' "',
    "'",
    "![i](",
    "<",
    ">",
    "[r]: ",
    "[r]",
    "\n",
    "\n\n",
    "x",
    " ",
    "#",
    "<a href=",
    "<script>",
    "`",
]


@given(st.lists(st.sampled_from(NOTE_TOKENS), max_size=30).map("".join))
@example("[x](){: style=}")  # an attribute with no value: once a crash of the build
def test_a_note_cannot_carry_script(note: str) -> None:
    # As the templates' markdown_text filter hands a note to Markdown: raw HTML escaped.
    escaped = html.escape(note, quote=False)
    extension = SanitizerExtension()
    extension.active = True
    parser = _Elements()
    parser.feed(markdown.markdown(escaped, extensions=[*EXTENSIONS, extension]))
    assert parser.unsafe == []


HTML_PIECES = st.lists(
    st.one_of(
        TEXT,
        st.sampled_from(
            [
                "<p>",
                "</p>",
                "<h1>",
                "</h1>",
                "<li>",
                "<br>",
                "<script>",
                "</script>",
                "<img alt='",
                "'>",
                "&#xD800;",
                "&#0;",
                "&#150;",
                "&amp",
                "<!--",
                "-->",
                "<nav>",
                "</nav>",
                "<![CDATA[",
            ]
        ),
    ),
    max_size=20,
).map("".join)


@given(
    st.lists(
        st.tuples(st.sampled_from([".txt", ".md", ".html"]), PIECES | HTML_PIECES | st.binary()),
        min_size=1,
        max_size=3,
    )
)
@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
def test_no_input_crashes_the_pipeline(documents: list[tuple[str, str | bytes]]) -> None:
    files = {f"doc{n}{suffix}": data for n, (suffix, data) in enumerate(documents)}
    with _project(files) as root:
        try:
            briefing = build_briefing(ProjectPaths.under(root))
        except BriefingError as exc:
            assert all(str(p.origin).startswith("content/sources/doc") for p in exc.problems)
            return
    assert render_site(briefing, RenderOptions())
