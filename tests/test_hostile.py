"""Hostile and broken input: payloads stay text, each broken file gets one exact message, and no
command loses or half-writes anything.

The corpus is ``tests/data/hostile/`` (see its README); huge files are generated here.
"""

from __future__ import annotations

import html
import json
import logging
import os
import re
import shutil
import subprocess
import sys
import time
from collections.abc import Callable, Iterator
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

import pytest
from mkdocs.commands import build as mkdocs_build
from mkdocs.config import load_config
from mkdocs.exceptions import Abort

from generator.cli import main
from generator.config import ProjectPaths, load_settings, load_source_metas
from generator.decoding import LONG_SENTENCE_CHARS, MAX_FILE_BYTES, MAX_TEXT_CHARS
from generator.fragments import inline_fragments
from generator.pipeline import build_briefing
from generator.rendering import RenderOptions, render_site
from generator.sources import load_sources
from generator.staging import StagedSite, write_new
from tests.conftest import REPO, build_site

CORPUS = REPO / "tests" / "data" / "hostile"
BROKEN = CORPUS / "broken"
GOOD = "Strike at the port\n\nDockers stopped work on Monday. The port was closed.\n"
SOURCES_YML = "- id: good\n  file: good.txt\n  title: Strike at the port\n  outlet: Wire\n"
ENCODING_HINT = "re-save the file as UTF-8, e.g. iconv -f ENCODING -t UTF-8"
YAML_HINT = "fix the syntax (indentation, quotes, colons)"
KINDS = "official, state wire agency, wire agency, newspaper, broadcaster, aggregator, blog, other"
# Addresses a page may hold: relative, web or mail.
SAFE_SCHEMES = ("http:", "https:", "mailto:")


@pytest.fixture
def project(make_project: Callable[..., Path]) -> Path:
    """Return a valid one-source project to break."""
    return make_project({"content/sources/good.txt": GOOD, "site-config/sources.yml": SOURCES_YML})


def _check(root: Path, capsys: pytest.CaptureFixture[str]) -> tuple[int, str]:
    """Return the exit status and standard error of ``briefing check``."""
    capsys.readouterr()
    status = main(["check", "-f", str(root / "mkdocs.yml")])
    return status, capsys.readouterr().err


def _snapshot(folder: Path) -> dict[str, bytes | None]:
    return {
        p.relative_to(folder).as_posix(): p.read_bytes() if p.is_file() else None
        for p in sorted(folder.rglob("*"))
    }


# Each broken input: the files it puts into the valid project (from tests/data/hostile/broken/),
# what `briefing check` says, and whether it is an error or a warning.
BROKEN_CASES: list[Any] = [
    pytest.param(
        {"content/sources/scan.txt": "scan.txt"},
        "error",
        [
            "content/sources/scan.txt: this is a binary file, not text; "
            "export the article as .txt, .md or .html"
        ],
        id="binary",
    ),
    pytest.param(
        {"content/sources/cp1251.txt": "cp1251.txt"},
        "error",
        [
            "content/sources/cp1251.txt:1: not UTF-8 text (invalid byte 0xc7; it looks like "
            f"Windows-1251 (Cyrillic)); {ENCODING_HINT}"
        ],
        id="windows-1251",
    ),
    pytest.param(
        {"content/sources/cp1252.txt": "cp1252.txt"},
        "error",
        [
            "content/sources/cp1252.txt:3: not UTF-8 text (invalid byte 0xe9; it looks like "
            f"Windows-1252 or Latin-1); {ENCODING_HINT}"
        ],
        id="windows-1252",
    ),
    pytest.param(
        {"content/sources/utf16.txt": "utf16.txt"},
        "error",
        [
            "content/sources/utf16.txt: not UTF-8 text (it looks like UTF-16 LE); "
            "re-save the file as UTF-8, e.g. iconv -f UTF-16 -t UTF-8"
        ],
        id="utf-16",
    ),
    pytest.param(
        {"content/sources/utf16.txt": "utf16-no-bom.txt"},
        "error",
        [
            "content/sources/utf16.txt: not UTF-8 text (it looks like UTF-16 LE); "
            "re-save the file as UTF-8, e.g. iconv -f UTF-16 -t UTF-8"
        ],
        id="utf-16-without-bom",
    ),
    pytest.param(
        {"content/sources/empty.txt": "empty.txt"},
        "error",
        ["content/sources/empty.txt: the file is empty; add the article text or remove it"],
        id="empty",
    ),
    pytest.param(
        {"content/sources/page.html": "script-only.html"},
        "error",
        ["content/sources/page.html: the HTML page has no visible text"],
        id="html-without-text",
    ),
    pytest.param(
        {"content/sources/good.txt": "controls.txt"},
        "warning",
        [
            "content/sources/good.txt:3: 2 control characters (U+0002, U+001B), shown as '␂'; "
            "the file is probably damaged or in another format: remove them"
        ],
        id="control-characters",
    ),
    pytest.param(
        {"site-config/sources.yml": "sources-malformed.yml"},
        "error",
        [f"site-config/sources.yml:3: invalid YAML: found unexpected end of stream; {YAML_HINT}"],
        id="sources-yml-malformed",
    ),
    pytest.param(
        {"site-config/sources.yml": "sources-wrong-types.yml"},
        "error",
        [
            "site-config/sources.yml:3: title must be text, got a list",
            "site-config/sources.yml:4: outlet must be text, got a mapping",
            f"site-config/sources.yml:5: unknown source kind 'tabloid'; expected one of: {KINDS}",
            "site-config/sources.yml:6: published must be a date like 2022-01-07 or null, got 2024",
            "site-config/sources.yml:8: expected a mapping for a source, got a string",
        ],
        id="sources-yml-wrong-types",
    ),
    pytest.param(
        {"site-config/sources.yml": "sources-duplicates.yml"},
        "error",
        [
            "site-config/sources.yml:3: duplicate source id 'good' (first used on line 1); "
            "give every source its own id",
            "site-config/sources.yml:5: file 'good.txt' is already the file of the source on "
            "line 1; each file is one source: fix 'file' or remove the entry",
        ],
        id="sources-yml-duplicates",
    ),
    pytest.param(
        {"site-config/sources.yml": "sources-missing-file.yml"},
        "error",
        [
            "site-config/sources.yml:3: source 'gone' names file 'gone.txt', which is not in "
            "content/sources/; add the file or fix 'file'",
            "site-config/sources.yml:5: source 'escape' names file '../../mkdocs.yml', which is "
            "not in content/sources/; add the file or fix 'file'",
        ],
        id="sources-yml-missing-file",
    ),
    pytest.param(
        {"site-config/sources.yml": "sources-bad-url.yml"},
        "error",
        [
            "site-config/sources.yml:3: url must be a web address starting with https:// or "
            "http://, got 'javascript:alert(1)'"
        ],
        id="sources-yml-javascript-url",
    ),
    pytest.param(
        {"site-config/settings.yml": "settings-malformed.yml"},
        "error",
        [
            "site-config/settings.yml:4: invalid YAML: mapping values are not allowed here; "
            f"{YAML_HINT}"
        ],
        id="settings-yml-malformed",
    ),
    pytest.param(
        {"site-config/settings.yml": "settings-wrong-types.yml"},
        "error",
        [
            "site-config/settings.yml:1: title must be text, got a list",
            "site-config/settings.yml:3: matching.threshold must be a number like 0.42, got 'high'",
            "site-config/settings.yml:5: invalid regular expression '(unclosed': missing ), "
            "unterminated subpattern at position 0; quote it in single quotes and escape "
            "special characters with \\",
            "site-config/settings.yml:6: aliases must be a mapping of keys, got a string",
        ],
        id="settings-yml-wrong-types",
    ),
    pytest.param(
        {"content/annotations/notes.yml": "annotations-malformed.yml"},
        "warning",
        [
            "content/annotations/notes.yml:2: invalid YAML: expected ',' or ']', but got "
            f"'<stream end>'; {YAML_HINT}"
        ],
        id="annotations-malformed",
    ),
    pytest.param(
        {"content/annotations/notes.yml": "annotations-wrong-types.yml"},
        "warning",
        [
            "content/annotations/notes.yml:1: quote must be the exact words of a statement, "
            "got a list; put it in quotes",
            "content/annotations/notes.yml:4: unknown verdict 'maybe'; expected one of: "
            "confirmed, disputed, false, misleading, unverified",
            "content/annotations/notes.yml:5: tag '<b>' must be words separated by single "
            "spaces, without < > & \" ' ` \\ { } [ ] # or commas, e.g. use-of-force",
            "content/annotations/notes.yml:6: unknown importance 5; expected one of: low, "
            "normal, high, critical",
        ],
        id="annotations-wrong-types",
    ),
    pytest.param(
        {"content/annotations/notes.yml": "nested.yml"},
        "warning",
        [
            "content/annotations/notes.yml: invalid YAML: lists or mappings nested too deeply; "
            "flatten them"
        ],
        id="annotations-nested-too-deeply",
    ),
    pytest.param(
        {"content/annotations/notes.yml": "laughs.yml"},
        "warning",
        [
            "content/annotations/notes.yml:1: quote must be the exact words of a statement, "
            "got a list; put it in quotes"
        ],
        id="annotations-billion-laughs",
    ),
]


@pytest.mark.parametrize(("files", "severity", "lines"), BROKEN_CASES)
def test_broken_input_fails_check_with_one_message_each(
    project: Path,
    capsys: pytest.CaptureFixture[str],
    files: dict[str, str],
    severity: str,
    lines: list[str],
) -> None:
    for target, name in files.items():
        shutil.copyfile(BROKEN / name, project / target)
    status, err = _check(project, capsys)
    assert status == 1
    if severity == "error":
        assert err == "error: " + "\n".join(lines) + "\n"
    else:
        assert err == "".join(f"warning: {line}\n" for line in lines)


@pytest.mark.parametrize(("files", "severity", "lines"), BROKEN_CASES)
def test_broken_input_fails_the_strict_build_and_writes_no_site(
    project: Path,
    caplog: pytest.LogCaptureFixture,
    files: dict[str, str],
    severity: str,
    lines: list[str],
) -> None:
    for target, name in files.items():
        shutil.copyfile(BROKEN / name, project / target)
    with caplog.at_level(logging.WARNING), pytest.raises(Abort):
        build_site(project)
    logged = "\n".join(record.getMessage() for record in caplog.records)
    for line in lines:
        assert line in logged
    assert "Traceback" not in logged
    assert not (project / "site").exists()
    assert not (project / ".site.partial").exists()


def test_a_document_without_metadata_is_a_warning_saying_what_was_inferred(
    project: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    (project / "content/sources/extra.txt").write_text(GOOD, encoding="utf-8")
    assert _check(project, capsys) == (
        1,
        "warning: content/sources/extra.txt: no entry in site-config/sources.yml; inferred id "
        "'extra', title 'Strike at the port', outlet "
        "'Unknown outlet', published unknown, "
        "language 'en'; add an entry there to correct it\n",
    )


def test_a_link_out_of_the_project_is_refused(
    project: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    secret = tmp_path / "secret.txt"
    secret.write_text("A key of the build machine.\n", encoding="utf-8")
    (project / "content/sources/leak.txt").symlink_to(secret)
    assert _check(project, capsys) == (
        1,
        f"error: content/sources/leak.txt: a link to {str(secret)!r}, outside project/; "
        "copy the document itself here instead\n",
    )


def test_new_refuses_a_link_out_of_the_documents_folder(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    documents = tmp_path / "documents"
    documents.mkdir()
    (documents / "good.txt").write_text(GOOD, encoding="utf-8")
    (documents / "passwd.txt").symlink_to("/etc/passwd")
    target = tmp_path / "briefing"
    assert main(["new", str(target), "--from", str(documents)]) == 1
    assert capsys.readouterr().err == (
        f"error: {documents / 'passwd.txt'}: a link to '/etc/passwd', outside documents/; "
        "copy the document itself here instead\n"
    )
    assert not target.exists()


def test_a_pipe_is_refused_not_read(project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    os.mkfifo(project / "content/sources/pipe.txt")
    assert _check(project, capsys) == (
        1,
        "error: content/sources/pipe.txt: not a regular file (a pipe, a device or a broken "
        "link); put the document here\n",
    )


def test_a_malformed_mkdocs_yml_is_reported_with_its_line(
    project: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    shutil.copyfile(BROKEN / "mkdocs-malformed.yml", project / "mkdocs.yml")
    status, err = _check(project, capsys)
    assert (status, err) == (
        1,
        f"error: {project / 'mkdocs.yml'}:4: invalid YAML: expected <block end>, but found '?'; "
        "fix the syntax\n",
    )


def test_a_huge_file_is_refused_unread(project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    with (project / "content/sources/dump.txt").open("wb") as dump:
        dump.write(b"The port was closed. " * (MAX_FILE_BYTES // 21 * 2))
    assert _check(project, capsys) == (
        1,
        "error: content/sources/dump.txt: the file is 32.0 MB; a source may be at most 16.0 MB "
        "(one article is usually under 1 MB): keep only the report, or split it into several "
        "sources\n",
    )


def test_a_book_length_text_is_refused(project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    sentence = "The port was closed on Monday. "
    text = sentence * (MAX_TEXT_CHARS // len(sentence) + 1)
    (project / "content/sources/book.txt").write_text(text, encoding="utf-8")
    assert _check(project, capsys) == (
        1,
        f"error: content/sources/book.txt: {len(text):,} characters of text; a source may have "
        "at most 1,000,000 (a long report has 50,000): keep only the report, or split it into "
        "several sources\n",
    )


def test_a_very_long_text_is_a_warning(project: Path) -> None:
    paragraph = "The port was closed on Monday, and the dockers went home early. " * 4
    text = "Strike at the port\n\n" + "\n\n".join([paragraph] * 800)
    (project / "content/sources/good.txt").write_text(text, encoding="utf-8")
    paths = ProjectPaths.under(project)
    _, problems = load_sources(paths, load_source_metas(paths), load_settings(paths))
    assert [str(p) for p in problems] == [
        f"content/sources/good.txt: {len(text):,} characters of text (a long report has "
        "50,000); the build is slow and the page long: check that the file holds one report "
        "and nothing else"
    ]


def test_a_sentence_of_10000_characters_is_kept_whole_quickly_with_a_warning(
    make_project: Callable[..., Path],
) -> None:
    words = [f"word{n % 97}" for n in range(1700)]
    sentence = " ".join(words)[:9_999] + "s"
    text = f"Strike at the port\n\nDockers stopped work on Monday.\n\n{sentence}\n"
    root = make_project(
        {
            "content/sources/a.txt": text,
            "content/sources/b.txt": text.replace("word1 ", "wort1 "),
            "site-config/sources.yml": "- {id: a, file: a.txt}\n- {id: b, file: b.txt}\n",
        }
    )
    started = time.monotonic()
    briefing = build_briefing(ProjectPaths.under(root))
    pages = render_site(briefing, RenderOptions())
    assert time.monotonic() - started < 20
    assert [str(p) for p in briefing.problems] == [
        f"content/sources/{name}:5: 10,000 characters without a full stop, question or "
        f"exclamation mark; a sentence is rarely over {LONG_SENTENCE_CHARS:,}: the text "
        "probably lost its punctuation or line breaks; it is kept as one statement: break it up"
        for name in ("a.txt", "b.txt")
    ]
    longest = max(briefing.statements, key=lambda s: len(s.text))
    assert longest.text == sentence
    page = next(p for p in pages if p.path == "sources/a.md")
    assert sentence in inline_fragments(page.markdown, page.fragments)


# Texts that make naive regular expressions try every start in a long run: each about 180,000
# characters, just under the warning for long texts.
PATHOLOGICAL = {
    "initials": "A. " * 60_000,
    "capitalised words": "Ab " * 60_000,
    "quotes": '"' * 180_000,
    "dashes": "— " * 90_000,
    "one word": "a" * 180_000,
    "dots": "." * 180_000,
    "nested HTML": "<div>" * 18_000 + "x" + "</div>" * 18_000,
    "link brackets": "[](" * 60_000,
    "names and commas": "Ab, " * 45_000,
    "attributions": "Ab said, " * 20_000,
}


@pytest.mark.parametrize("text", PATHOLOGICAL.values(), ids=PATHOLOGICAL.keys())
def test_pathological_text_builds_in_seconds(make_project: Callable[..., Path], text: str) -> None:
    suffix = ".html" if text.startswith("<") else ".txt"
    root = make_project(
        {
            f"content/sources/long{suffix}": f"Headline of the report here\n\n{text}\n",
            "content/sources/short.txt": f"Headline of the report here\n\n{text[:5000]}\n",
        }
    )
    started = time.monotonic()
    briefing = build_briefing(ProjectPaths.under(root))
    render_site(briefing, RenderOptions())
    assert time.monotonic() - started < 15


def test_one_sentence_repeated_in_two_sources_builds(make_project: Callable[..., Path]) -> None:
    text = "Strike at the port\n\n" + "\n\n".join(["The port was closed on Monday."] * 100)
    root = make_project({"content/sources/a.txt": text, "content/sources/b.txt": text})
    briefing = build_briefing(ProjectPaths.under(root))
    assert len(briefing.statements) == 202
    # Every word is common to every statement; the copies still find each other.
    text = {s.id: s.text for s in briefing.statements}
    copies = [link for link in briefing.links if text[link.source] == text[link.target]]
    assert {text[link.source] for link in copies} == {
        "Strike at the port",
        "The port was closed on Monday.",
    }
    assert {link.kind.value for link in copies} == {"verbatim"}


# --- Payloads: every hostile field of tests/data/hostile/payloads/ stays text. ---


@pytest.fixture(scope="module")
def payloads(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Path]:
    """Return the payload project, built with --strict."""
    root = tmp_path_factory.mktemp("hostile") / "payloads"
    shutil.copytree(CORPUS / "payloads", root)
    build_site(root)
    yield root


def _pages(site: Path) -> Iterator[tuple[str, str]]:
    for path in sorted(site.rglob("*.html")):
        yield path.relative_to(site).as_posix(), path.read_text(encoding="utf-8")


class _Markup(HTMLParser):
    """Collects what could run or load anything, and the text of each statement."""

    def __init__(self) -> None:
        super().__init__()
        self.unsafe: list[str] = []
        self.statements: list[str] = []
        self.title = ""
        self._open: list[str] = []
        self._statement: list[str] | None = None
        self._script = False
        self._in_title = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in {"iframe", "frame", "object", "embed", "base"}:
            self.unsafe.append(f"<{tag}>")
        for name, value in attrs:
            value = value or ""
            scheme = re.match(r"[a-z][a-z0-9+.-]*:", "".join(value.split()).lower())
            if name.startswith("on") or name == "srcdoc":
                self.unsafe.append(f"<{tag} {name}={value!r}>")
            if name in {"href", "src", "action"} and scheme and scheme.group() not in SAFE_SCHEMES:
                self.unsafe.append(f"<{tag} {name}={value!r}>")
            if tag == "meta" and name == "http-equiv" and value.lower() == "refresh":
                self.unsafe.append("<meta http-equiv=refresh>")
        classes = (dict(attrs).get("class") or "").split()
        if tag == "script":
            self._script = "src" not in dict(attrs)
        if tag == "title":
            self._in_title = True
        if "bf-st" in classes:
            self._statement = []
        self._open.append(tag)

    def handle_endtag(self, tag: str) -> None:
        if tag == "script":
            self._script = False
        if tag == "title":
            self._in_title = False
        if tag == "span" and self._statement is not None:
            self.statements.append(" ".join("".join(self._statement).split()))
            self._statement = None

    def handle_data(self, data: str) -> None:
        if self._script and "alert" in data:
            self.unsafe.append(f"script: {data[:60]!r}")
        if self._in_title:
            self.title += data
        if self._statement is not None:
            self._statement.append(data)


def _read_page(text: str) -> _Markup:
    markup = _Markup()
    markup.feed(text)
    markup.close()
    return markup


def test_payload_project_builds_strict_and_checks_clean(
    payloads: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert (payloads / "site" / "index.html").is_file()
    capsys.readouterr()
    assert main(["check", "-f", str(payloads / "mkdocs.yml")]) == 0
    out, err = capsys.readouterr()
    assert re.fullmatch(r"3 sources, \d+ statements, \d+ links, 3 annotations; 0 problems\n", out)
    assert err == ""


def test_no_page_carries_script_frames_handlers_or_unsafe_addresses(payloads: Path) -> None:
    found = {
        page: markup.unsafe
        for page, text in _pages(payloads / "site")
        if (markup := _read_page(text)).unsafe
    }
    assert found == {}
    assert len(list((payloads / "site").rglob("*.html"))) > 10


def test_page_titles_are_text(payloads: Path) -> None:
    titles = {
        page: text.split("<title>", 1)[1].split("</title>", 1)[0]
        for page, text in _pages(payloads / "site")
    }
    assert {page: title for page, title in titles.items() if "<" in title} == {}
    # A word joiner after "<": Material's tooltip for a truncated title reads it as HTML.
    assert titles["sources/payloads/index.html"] == (
        "&lt;\u2060/title&gt;&lt;\u2060b onmouseover=alert(&#x27;short&#x27;)&gt;Payloads"
        "&lt;\u2060/b&gt; - Hostile input"
    )


def test_title_attributes_read_the_same_but_cannot_become_markup(payloads: Path) -> None:
    # Material's tooltips (content.tooltips) show a title attribute with innerHTML.
    page = (payloads / "site/sources/payloads/index.html").read_text("utf-8")
    titles = [html.unescape(t) for t in re.findall(r'<a [^<>]*?\btitle="([^"]*)"', page)]
    assert "Echo &\u2060 <\u2060i>Sons<\u2060/i> (verbatim, 1.00): Officials said" in "".join(
        titles
    )
    assert [t for t in titles if re.search("[<&](?!\u2060)", t)] == []


def test_every_statement_is_literal_text_on_its_page(payloads: Path) -> None:
    briefing = build_briefing(ProjectPaths.under(payloads))
    for source in briefing.sources:
        page = (payloads / "site" / "sources" / source.meta.id / "index.html").read_text("utf-8")
        expected = [
            " ".join(s.text.split()) for s in briefing.statements if s.source == source.meta.id
        ]
        assert _read_page(page).statements == expected, source.meta.id
    texts = {s.text for s in briefing.statements}
    jinja = 'Templates {{ config.site_name }} and {% include "mkdocs.yml" %} and {# a comment #}'
    assert f"{jinja} stay text." in texts
    assert '--8<-- "/etc/passwd"' in texts
    assert '!!! danger "An admonition that must not render"' in texts


def test_nothing_of_the_build_machine_is_included(payloads: Path) -> None:
    passwd = Path("/etc/passwd").read_text(encoding="utf-8").splitlines()[0]
    mkdocs_yml = "# Every field of this project is hostile"
    for path in (payloads / "site").rglob("*"):
        if path.is_file() and path.suffix in {".html", ".json", ".js", ".xml"}:
            text = path.read_text(encoding="utf-8")
            assert passwd not in text, path
            assert mkdocs_yml not in text, path


def test_search_index_holds_payloads_as_escaped_text(payloads: Path) -> None:
    index = json.loads((payloads / "site/search/search_index.json").read_text("utf-8"))
    briefing = build_briefing(ProjectPaths.under(payloads))
    entries = {doc["location"].split("#")[-1]: doc for doc in index["docs"]}
    for statement in briefing.statements:
        if statement.is_content:
            flat = " ".join(statement.text.split())
            assert entries[statement.id]["text"] == html.escape(flat, quote=False)
    for doc in index["docs"]:
        for field in ("title", "text"):
            for tag in ("<script", "<img", "<iframe", "<svg", "<b ", "</title"):
                assert tag not in doc.get(field, ""), (doc["location"], field)


def test_notes_keep_their_markdown_but_lose_script(payloads: Path) -> None:
    page = (payloads / "site/sources/payloads/index.html").read_text("utf-8")
    assert '<a href="https://example.org/">Fine link</a>' in page
    assert "&lt;script&gt;alert('note')&lt;/script&gt;" in page
    # The javascript: links, without their addresses (Markdown read the quoted part as a title).
    assert '<a title="note-link">click</a>' in page
    assert '<a title="note-tab">tab</a>' in page
    assert "<p>A paragraph with an attribute list</p>" in page


def test_a_file_name_with_markup_stays_text(project: Path) -> None:
    name = "<img src=x onerror=alert('name')>.txt"
    (project / "content/sources" / name).write_text(GOOD, encoding="utf-8")
    site = build_site(project, strict=False)
    pages = "".join(text for _, text in _pages(site))
    assert "<img src=x" not in pages
    assert "&lt;img src=x onerror=alert(&#39;name&#39;)&gt;.txt" in pages
    assert "<img src=x" not in (site / "search/search_index.json").read_text("utf-8")
    assert (site / "sources/img-src-x-onerror-alert-name/index.html").is_file()


# --- Nothing lost: inputs never written, output whole or not at all. ---


def test_no_command_writes_into_the_inputs(
    project: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    (project / "content/sources/extra.txt").write_text(GOOD, encoding="utf-8")
    before = {d: _snapshot(project / d) for d in ("content", "site-config")}
    build_site(project, strict=False)
    config = str(project / "mkdocs.yml")
    main(["check", "-f", config])
    main(["export", "-f", config, "-o", str(tmp_path / "out.json")])
    main(["export", "-f", config, "--format", "w3c", "-o", str(tmp_path / "w3c.json")])
    assert {d: _snapshot(project / d) for d in ("content", "site-config")} == before


@pytest.mark.parametrize(
    "output",
    ["content/sources/good.txt", "site-config/new.json", "content/annotations", "mkdocs.yml"],
)
def test_export_refuses_to_write_over_an_input(
    project: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
    output: str,
) -> None:
    monkeypatch.chdir(project)
    before = _snapshot(project)
    assert main(["export", "-o", output]) == 1
    assert capsys.readouterr().err == (
        f"error: {output}: this is where the project's inputs are; write the export outside "
        "content/sources/, content/annotations/, site-config/ (nothing was written)\n"
    )
    assert _snapshot(project) == before


def _fail_on_page(monkeypatch: pytest.MonkeyPatch, number: int, error: BaseException) -> None:
    """Make MkDocs raise ``error`` when it writes its ``number``-th page."""
    written = 0
    real = mkdocs_build._build_page

    def build_page(*args: Any, **kwargs: Any) -> None:
        nonlocal written
        written += 1
        if written == number:
            raise error
        real(*args, **kwargs)

    monkeypatch.setattr(mkdocs_build, "_build_page", build_page)


def test_a_build_that_fails_halfway_leaves_the_last_site(
    project: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    site = build_site(project)
    before = _snapshot(site)
    (project / "content/sources/good.txt").write_text(GOOD + "\nA new sentence.\n", "utf-8")
    _fail_on_page(monkeypatch, 3, RuntimeError("disk full"))
    with pytest.raises(RuntimeError):
        build_site(project)
    assert _snapshot(site) == before
    assert not (project / ".site.partial").exists()


def test_an_interrupted_build_leaves_the_last_site_and_the_next_build_tidies_up(
    project: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    site = build_site(project)
    before = _snapshot(site)
    with monkeypatch.context() as patch:
        _fail_on_page(patch, 3, KeyboardInterrupt())
        with pytest.raises(KeyboardInterrupt):
            build_site(project)
    assert _snapshot(site) == before
    assert (project / ".site.partial").is_dir()  # what the interrupted build had written
    build_site(project)
    assert _snapshot(site) == before
    assert sorted(p.name for p in project.iterdir() if p.name.startswith(".site")) == []


def test_a_strict_build_with_warnings_leaves_the_last_site(project: Path) -> None:
    site = build_site(project)
    before = _snapshot(site)
    (project / "content/sources/extra.txt").write_text(GOOD, encoding="utf-8")
    with pytest.raises(Abort):
        build_site(project)
    assert _snapshot(site) == before
    build_site(project, strict=False)
    assert (site / "sources/extra/index.html").is_file()


def test_serve_builds_in_place(project: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(StagedSite, "begin", None)  # calling it would fail
    config = load_config(str(project / "mkdocs.yml"))
    config.plugins.on_startup(command="serve", dirty=False)
    monkeypatch.chdir(project)
    mkdocs_build.build(config)
    assert config.site_dir == str(project / "site")
    assert (project / "site/index.html").is_file()


def test_new_files_are_written_whole_and_never_over_another(tmp_path: Path) -> None:
    path = tmp_path / "notes.yml"
    write_new(path, "- source: good\n")
    with pytest.raises(FileExistsError):
        write_new(path, "- source: other\n")
    assert path.read_text(encoding="utf-8") == "- source: good\n"
    assert [p.name for p in tmp_path.iterdir()] == ["notes.yml"]  # no temporary file left
    umask = os.umask(0)
    os.umask(umask)
    assert path.stat().st_mode & 0o777 == 0o666 & ~umask  # readable as any file the user makes


@pytest.mark.parametrize(
    ("command", "message"),
    [
        (
            ["-m", "mkdocs", "build", "--strict"],
            "content/sources/scan.txt: this is a binary file, not text",
        ),
        (
            ["-c", "from generator.cli import main; raise SystemExit(main())", "check"],
            "error: content/sources/scan.txt: this is a binary file, not text",
        ),
    ],
    ids=["mkdocs-build", "briefing-check"],
)
def test_commands_exit_non_zero_without_a_traceback(
    project: Path, command: list[str], message: str
) -> None:
    shutil.copyfile(BROKEN / "scan.txt", project / "content/sources/scan.txt")
    run = subprocess.run(
        [sys.executable, *command], cwd=project, capture_output=True, text=True, check=False
    )
    assert run.returncode == 1
    assert message in run.stderr
    assert "Traceback" not in run.stderr
    assert not (project / "site").exists()


# --- Deterministic builds. ---


def _build_in_process(root: Path, seed: str) -> Path:
    env = {**os.environ, "PYTHONHASHSEED": seed, "SOURCE_DATE_EPOCH": "1700000000"}
    subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "--quiet"],
        cwd=root,
        env=env,
        check=True,
    )
    return root / "site"


def test_the_same_inputs_build_a_byte_identical_site(tmp_path: Path) -> None:
    sites = []
    for name, seed in (("one", "1"), ("two", "2")):
        root = tmp_path / name
        for folder in ("content", "site-config", "theme"):
            shutil.copytree(REPO / folder, root / folder)
        shutil.copy(REPO / "mkdocs.yml", root / "mkdocs.yml")
        sites.append(_snapshot(_build_in_process(root, seed)))
    # The second build of the first copy takes its analysis from the cache.
    sites.append(_snapshot(_build_in_process(tmp_path / "one", "3")))
    assert sites[0].keys() == sites[1].keys() == sites[2].keys()
    differing = [
        name for name in sites[0] if not sites[0][name] == sites[1][name] == sites[2][name]
    ]
    assert differing == []
