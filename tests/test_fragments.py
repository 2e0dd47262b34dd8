"""Finished HTML set apart from a page's Markdown: the same pages, text cannot pull it in."""

from __future__ import annotations

import shutil
from collections.abc import Callable
from pathlib import Path

import jinja2
import markdown
import pytest

from generator.config import ProjectPaths
from generator.fragments import (
    inline_fragments,
    insert_fragments,
    render_markdown,
    set_apart,
)
from generator.pipeline import build_briefing
from generator.rendering import RenderOptions, render_site
from generator.sanitizer import SanitizerExtension
from tests.conftest import BRIDGE_FILES, MKDOCS_YML, REPO, build_site

# What MkDocs enables for the example site, plus its own defaults (tables, fenced code).
EXTENSIONS = ["admonition", "attr_list", "toc", "tables", "fenced_code"]


def _render(source: str, **context: object) -> tuple[str, tuple[str, ...]]:
    env = jinja2.Environment(
        autoescape=True, trim_blocks=True, lstrip_blocks=True, keep_trailing_newline=True
    )
    env.filters["set_apart"] = set_apart
    return render_markdown(env.from_string(source), **context)


def test_set_apart_lines_become_a_placeholder_line_and_come_back() -> None:
    template = (
        "# Title\n\n{% filter set_apart %}\n<div>{{ text }}</div>\n<p>two</p>\n{% endfilter %}\n"
        "\nText.\n{% filter set_apart %}\n<p>three</p>\n{% endfilter %}\n"
    )
    text, fragments = _render(template, text="<b>")
    assert text == (
        "# Title\n\n<!-- briefing fragment 0 -->\n\nText.\n<!-- briefing fragment 1 -->\n"
    )
    assert fragments == ("<div>&lt;b&gt;</div>\n<p>two</p>", "<p>three</p>")
    assert inline_fragments(text, fragments) == (
        "# Title\n\n<div>&lt;b&gt;</div>\n<p>two</p>\n\nText.\n<p>three</p>\n"
    )


def test_part_of_a_line_is_not_set_apart() -> None:
    template = "Text {% filter set_apart %}<b>bold</b>{% endfilter %} and more.\n"
    assert _render(template) == ("Text <b>bold</b> and more.\n", ())


def test_set_apart_inside_set_apart_makes_one_fragment() -> None:
    template = (
        "{% filter set_apart %}\n<div>\n{% filter set_apart %}\n<p>in</p>\n{% endfilter %}\n"
        "</div>\n{% endfilter %}\n"
    )
    assert _render(template) == ("<!-- briefing fragment 0 -->\n", ("<div>\n<p>in</p>\n</div>",))


def test_a_placeholder_without_its_fragment_stays_as_it_is() -> None:
    template = "<!-- briefing fragment 5 -->\n{% filter set_apart %}\n<p>a</p>\n{% endfilter %}\n"
    assert _render(template) == ("<!-- briefing fragment 5 -->\n<p>a</p>\n", ())
    page = "<!-- briefing fragment 1 -->\n<!-- briefing fragment 0 -->\n"
    assert insert_fragments(page, ("<p>a</p>",)) == "<!-- briefing fragment 1 -->\n<p>a</p>\n"


def test_an_element_kept_out_of_search_goes_in_after_the_search_plugin_read_the_page() -> None:
    template = (
        "{% filter set_apart(unsearched=True) %}\n<div data-search-exclude>\n<p>a</p>\n</div>\n"
        "{% endfilter %}\n{% filter set_apart(unsearched=True) %}\n<p>searched</p>\n"
        "{% endfilter %}\n{% filter set_apart %}\n<div data-search-exclude>b</div>\n"
        "{% endfilter %}\n"
    )
    text, fragments = _render(template)
    assert text == (
        "<!-- briefing fragment 0 unsearched -->\n<!-- briefing fragment 1 -->\n"
        "<!-- briefing fragment 2 -->\n"
    )
    searched = insert_fragments(text, fragments)
    assert searched == (
        "<!-- briefing fragment 0 unsearched -->\n<p>searched</p>\n"
        "<div data-search-exclude>b</div>\n"
    )
    late = insert_fragments(searched, fragments, unsearched=True, finish=str.upper)
    assert late.startswith("<DIV DATA-SEARCH-EXCLUDE>\n<P>A</P>\n</DIV>\n<p>searched</p>")
    assert inline_fragments(text, fragments) == "".join(f"{f}\n" for f in fragments)


def _html(text: str, fragments: tuple[str, ...]) -> str:
    sanitizer = SanitizerExtension()
    sanitizer.active = True
    page = markdown.markdown(text, extensions=[*EXTENSIONS, sanitizer])
    # As the plugin does: searched fragments after Markdown, unsearched ones after search.
    page = insert_fragments(page, fragments)
    return insert_fragments(page, fragments, unsearched=True)


def test_markdown_reads_placeholders_as_it_reads_the_html() -> None:
    fragments = ("<div>a\tb\x02</div>", "<p>c</p>\n\n<p>d</p>", "<p>e</p>", "<p>f</p>")
    text = (
        "# T\n\n<!-- briefing fragment 0 -->\n<!-- briefing fragment 1 -->\n\nSome *text*.\n"
        "<!-- briefing fragment 2 -->\nmore text\n\n    <!-- briefing fragment 3 -->\n"
    )
    assert _html(text, fragments) == _html(inline_fragments(text, fragments), ())


@pytest.mark.parametrize(
    ("project", "templates"),
    [(REPO, REPO / "theme/briefing"), (REPO / "tests/data/hostile/payloads", None)],
    ids=["example", "hostile"],
)
def test_every_page_makes_the_same_html_as_its_plain_markdown(
    project: Path, templates: Path | None
) -> None:
    briefing = build_briefing(ProjectPaths.under(project))
    options = RenderOptions(template_dirs=(templates,) if templates else ())
    pages = render_site(briefing, options)
    assert sum(len(page.fragments) for page in pages) > len(pages)
    for page in pages:
        plain = inline_fragments(page.markdown, page.fragments)
        assert "<!-- briefing fragment" not in plain, page.path
        assert _html(page.markdown, page.fragments) == _html(plain, ()), page.path


def test_text_cannot_pull_a_fragment_into_a_page(make_project: Callable[..., Path]) -> None:
    wire = BRIDGE_FILES["content/sources/wire.txt"]
    note = (
        "- quote: The bridge cost 40 million dollars.\n  source: wire\n"
        '  note: "<!-- briefing fragment 0 -->\\n\\n<!-- briefing fragment 1 -->"\n'
    )
    root = make_project(
        {
            **BRIDGE_FILES,
            "content/sources/wire.txt": f"{wire}\n<!-- briefing fragment 0 -->\n",
            "site-config/sources.yml": BRIDGE_FILES["site-config/sources.yml"].replace(
                # Markdown's stash markers (U+0002, U+0003) are refused in metadata
                # (tests/test_config.py); the text between them is harmless alone.
                "outlet: City Wire",
                'outlet: "City Wire wzxhzdk:0"',
            ),
            "content/annotations/notes.yml": note,
        }
    )
    shutil.rmtree(root / "theme", ignore_errors=True)
    page = (build_site(root, strict=False) / "sources/wire/index.html").read_text(encoding="utf-8")
    assert page.count('<dl class="bf-meta">') == 1
    assert page.count('<p class="bf-legend">') == 1
    assert "<!-- briefing" not in page
    # The statement and the note as text; the badge's title, made inert, reads the same.
    assert page.count("&lt;!-- briefing fragment 0 --&gt;") == 2
    assert page.count("&lt;!-- briefing fragment 1 --&gt;") == 1
    assert page.count("&lt;\u2060!-- briefing fragment 0 --&gt;") == 1
    # Markdown's own placeholders are dropped from the text, as Markdown drops them.
    article = page[page.index("<article") : page.index("</article>")]
    assert "<dd>City Wire wzxhzdk:0</dd>" in article and "\x02" not in article


def test_links_to_anchors_in_fragments_pass_mkdocs_validation(
    make_project: Callable[..., Path],
) -> None:
    validation = "validation:\n  anchors: warn\n  absolute_links: relative_to_docs\n"
    root = make_project(BRIDGE_FILES, MKDOCS_YML + validation)
    briefing = build_briefing(ProjectPaths.under(root))
    cost = next(s for s in briefing.statements if s.text == "The bridge cost 40 million dollars.")
    note = (
        "- quote: The bridge cost 45 million dollars\n  source: gazette\n"
        f"  note: The wire says [40 million](/sources/wire.md#{cost.id}).\n"
    )
    (root / "content/annotations/notes.yml").write_text(note, encoding="utf-8")
    build_site(root)
    page = (root / "site/sources/gazette/index.html").read_text(encoding="utf-8")
    assert f'href="../wire/#{cost.id}"' in page
    assert f'id="{cost.id}"' in (root / "site/sources/wire/index.html").read_text("utf-8")
