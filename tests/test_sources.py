"""Unit tests of generator.sources: reading files, clutter, inferred metadata and errors."""

from __future__ import annotations

import datetime
from collections.abc import Callable
from pathlib import Path

import pytest

from bench.quality import build_corpus
from generator.clutter import mark_clutter
from generator.config import DEFAULT_BOILERPLATE, ProjectPaths, load_source_metas
from generator.errors import BriefingError
from generator.htmltext import extract_html
from generator.model import Block, Settings, SourceKind, SourceMeta, StatementKind
from generator.sources import infer_meta, load_sources, read_source
from generator.statements import split_statements
from tests.conftest import REPO

SETTINGS = Settings(boilerplate=DEFAULT_BOILERPLATE)
HEADLINE = "Mayor opens the new bridge over the river"
SPOKE = "The mayor spoke first at the ceremony."
COST = "The bridge cost twenty million dollars."

HTML = """\
<html><head><title>Bridge opens &amp; traffic flows</title>
<script>var hidden = "Secret script words";</script></head>
<body>
<nav>Home News Contacts</nav>
<h1>Bridge opens &amp; traffic flows</h1>
<p>The mayor opened the bridge on Monday. Cars &amp; buses crossed it at noon.</p>
<script>document.write("Another secret line");</script>
<h2>What comes next</h2>
<figure><img src="a.jpg"><figcaption>The new bridge at dusk</figcaption></figure>
<ul><li>A second bridge is planned.</li><li>Tolls start in June.</li></ul>
<p>The council meets again in May."""


def _blocks(*lines: str) -> tuple[str, list[Block]]:
    """Return the text of ``lines`` joined by newlines and one block per line."""
    blocks = []
    position = 0
    for line in lines:
        blocks.append(Block(position, position + len(line)))
        position += len(line) + 1
    return "\n".join(lines), blocks


def _hints(
    *lines: str, title: str = "", patterns: tuple[str, ...] = DEFAULT_BOILERPLATE
) -> list[str]:
    text, blocks = _blocks(*lines)
    return [block.hint for block in mark_clutter(text, blocks, title, patterns)]


def _read(tmp_path: Path, name: str, data: str | bytes) -> tuple[Path, str]:
    path = tmp_path / name
    if isinstance(data, bytes):
        path.write_bytes(data)
    else:
        path.write_text(data, encoding="utf-8")
    return path, f"content/sources/{name}"


def _error(tmp_path: Path, name: str, data: str | bytes) -> str:
    path, shown = _read(tmp_path, name, data)
    with pytest.raises(BriefingError) as caught:
        read_source(path, None, SETTINGS, shown)
    return str(caught.value)


@pytest.mark.parametrize(
    "clutter",
    [
        "Leave a Reply",
        "Your email address will not be published. Required fields are marked *",
        "Go back Go back Twitter Facebook Print",
        "Get The Testville Times stories sent directly to you! Sign up via the website or "
        "subscribe to our feed.",
        "Home | News | Sport | Opinion | Weather",
        "Share on Facebook",
        "LinkedIn",
        "Log in  Register",
        "Subscribe for $1 a week",
        "Comments (12)",
        "Tags: strike, ports, labour",
        "Follow us on X",
        "Purchase Licensing Rights",
        "Advertisement · Scroll to continue",
        "Get weekly news and analysis delivered to your inbox.",
        "REUTERS/Jane Doe/File Photo",
        "Home > World > Europe",
        "You are here: Home » News",
        "Current:Home > MarketsMayor opens the new bridge over the river -Money Tips",
        "View",
        "Back to top",
        "The Testville Times is a registered trademark of Testville Media LLC.",
        "Here is the full statement:",
        "Read the full text of the harbour board's letter to the unions:",
        "Related: Who are the nine judges of the Constitutional Court?",
        "Subscribe to the Ledger for unlimited access to our markets coverage.",
    ],
)
def test_site_clutter_matches_a_default_pattern(clutter: str) -> None:
    assert _hints(HEADLINE, SPOKE, clutter, COST) == ["headline", "", "boilerplate", ""]


@pytest.mark.parametrize(
    "sentence",
    [
        "Residents were asked to leave a comment at the town hall.",
        "Officials will go back to the capital on Friday.",
        "Home owners near the river were told to leave.",
        "The council said its website was down for two hours.",
        pytest.param("More news is expected later on Friday, officials said."),
        pytest.param("Copyright lawyers filed a suit against the city on Monday."),
        "Share prices fell 3% on Monday.",
        "Live ammunition was used, witnesses said.",
        "Subscribers to the service rose by 4 million, the company said.",
        "Related talks on the port's future are set for Friday.",
        "Comments by the minister angered the union.",
        "The and/or clause was removed from the bill.",
        "NATO/EU talks resume on Monday",
        "Home prices > incomes, the survey found.",
        "The view from the bridge was praised by visitors.",
        "The company said the logo is a trademark it will defend.",
    ],
)
def test_ordinary_body_text_is_not_clutter(sentence: str) -> None:
    assert _hints(HEADLINE, SPOKE, sentence, COST) == ["headline", "", "", ""]


def test_masthead_repeated_above_the_headline_is_clutter() -> None:
    assert _hints(
        "Official website of the",
        "Republic of Testland",
        "Official website of the",
        HEADLINE,
        SPOKE,
        title=HEADLINE,
    ) == ["boilerplate", "boilerplate", "boilerplate", "headline", ""]


def test_short_line_repeated_anywhere_is_clutter_without_patterns() -> None:
    assert _hints(
        HEADLINE,
        "Testland Daily",
        SPOKE,
        "Testland Daily",
        COST,
        patterns=(),
    ) == ["headline", "boilerplate", "", "boilerplate", ""]


def test_short_lines_above_the_headline_are_clutter_but_a_sentence_is_not() -> None:
    assert _hints(
        "Testland Daily",
        "News | Sport | Weather",
        "Posted by the city press office on Monday morning, 3 May.",
        "Mayor opens the new bridge",
        SPOKE,
        title="Mayor opens the new bridge",
        patterns=(),
    ) == ["boilerplate", "boilerplate", "", "headline", ""]


def test_short_lines_after_trailing_clutter_are_clutter() -> None:
    assert _hints(
        HEADLINE,
        SPOKE,
        COST,
        "It rained all afternoon.",
        "Leave a Reply",
        "Name",
        "Email",
    ) == ["headline", "", "", "", "boilerplate", "boilerplate", "boilerplate"]


def test_a_list_of_links_to_other_pages_is_clutter_up_to_the_next_sentence() -> None:
    assert _hints(
        HEADLINE,
        SPOKE,
        "Read next",
        "Dockers in Velmar threaten sympathy strike",
        "Shipping rates jump as backlog grows",
        COST,
        patterns=(),
    ) == ["headline", "", "boilerplate", "boilerplate", "boilerplate", ""]


def test_a_text_opening_with_its_first_paragraph_has_no_headline(tmp_path: Path) -> None:
    lead = (
        "Testville Mayor Anna Lind opened the new bridge over the river on Monday, two years "
        "after the old one was closed, and said the tolls would pay for its upkeep until 2040."
    )
    notice = "The Banner is a trademark registered by Testville Media LLC."
    raw = f"{lead}\n\n{notice}\n\nCars crossed it.\n"
    path, shown = _read(tmp_path, "banner.txt", raw)
    source = read_source(path, None, SETTINGS, shown)
    assert source.meta.title == "banner"
    # Nor is a line that holds the file's name the headline.
    assert [(s.kind.value, s.text) for s in split_statements(source)] == [
        ("body", lead),
        ("boilerplate", notice),
        ("body", "Cars crossed it."),
    ]


def test_a_scraped_page_s_breadcrumbs_buttons_and_date_are_not_its_report(
    tmp_path: Path,
) -> None:
    raw = (
        "Current:Home > NewsMayor opens the new bridge over the river -Money Tips\n"
        "Mayor opens the new bridge over the river\n"
        "View\n"
        "Date:2025-04-17 18:22:39\n"
        "The mayor opened the bridge on Monday.\n"
    )
    path, shown = _read(tmp_path, "copy.txt", raw)
    source = read_source(path, None, SETTINGS, shown)
    assert source.meta.title == "Mayor opens the new bridge over the river"
    assert [s.kind.value for s in split_statements(source)] == [
        "boilerplate",
        "headline",
        "boilerplate",
        "dateline",
        "body",
    ]


@pytest.mark.parametrize(
    "first",
    [
        # A report's first sentence, ending in a full stop.
        "The safety board has opened an inquiry into the incident on Flight 12, which was on "
        "its way from Testville to Ardenport.",
        # A notice of two sentences.
        "Voice is AI-generated. Inconsistencies may occur.",
    ],
)
def test_a_long_sentence_or_two_sentences_on_top_are_not_the_headline(
    tmp_path: Path, first: str
) -> None:
    raw = f"{first}\n\nThe door fell out at 16,000 feet. No one was hurt.\n"
    path, shown = _read(tmp_path, "report.txt", raw)
    source = read_source(path, None, SETTINGS, shown)
    assert source.meta.title == "report"
    assert StatementKind.HEADLINE not in {s.kind for s in split_statements(source)}


def test_a_short_headline_is_the_title_rather_than_the_sentences_below_it(
    tmp_path: Path,
) -> None:
    raw = "Strike at the port\n\nDockers stopped work on Monday. The port was closed.\n"
    path, shown = _read(tmp_path, "strike.txt", raw)
    assert read_source(path, None, SETTINGS, shown).meta.title == "Strike at the port"


def test_headline_is_the_first_line_of_three_words_when_no_title_is_given() -> None:
    assert _hints("Testland Daily", "Mayor opens bridge", "It rained.", patterns=()) == [
        "boilerplate",
        "headline",
        "",
    ]


def test_text_statement_spans_slice_the_file(tmp_path: Path) -> None:
    raw = (
        "Café owners cheered the new bridge\n\n"
        "The mayor opened the bridge. “It is ours,” she said.\n"
    )
    path, shown = _read(tmp_path, "cafe.txt", raw)
    source = read_source(path, None, SETTINGS, shown)
    statements = split_statements(source)
    assert [s.text for s in statements] == [
        "Café owners cheered the new bridge",
        "The mayor opened the bridge.",
        "“It is ours,” she said.",
    ]
    for statement in statements:
        assert source.text[statement.doc_start : statement.doc_end] == statement.text
        assert raw[statement.start : statement.end] == statement.text


def test_bullets_become_item_blocks_without_their_markers(tmp_path: Path) -> None:
    raw = "Mayor opens the new bridge\n\n• Tolls start in June.\n- A second bridge is planned.\n"
    path, shown = _read(tmp_path, "items.txt", raw)
    source = read_source(path, None, SETTINGS, shown)
    assert [(b.hint, source.text[b.start : b.end]) for b in source.blocks] == [
        ("headline", "Mayor opens the new bridge"),
        ("item", "Tolls start in June."),
        ("item", "A second bridge is planned."),
    ]


def test_hard_wrapped_lines_join_into_one_block(tmp_path: Path) -> None:
    raw = "Mayor opens the new bridge\n\nThe mayor opened the bridge\nover the river on Monday.\n"
    path, shown = _read(tmp_path, "wrapped.txt", raw)
    source = read_source(path, None, SETTINGS, shown)
    assert [source.text[b.start : b.end] for b in source.blocks] == [
        "Mayor opens the new bridge",
        "The mayor opened the bridge\nover the river on Monday.",
    ]


def test_markdown_headings_lose_their_hashes(tmp_path: Path) -> None:
    raw = "# Bridge opens in Testville today\n\nThe mayor opened it.\n\n## Next steps\n\n- Tolls.\n"
    path, shown = _read(tmp_path, "notes.md", raw)
    source = read_source(path, None, SETTINGS, shown)
    assert [(b.hint, source.text[b.start : b.end]) for b in source.blocks] == [
        ("headline", "Bridge opens in Testville today"),
        ("", "The mayor opened it."),
        ("heading", "Next steps"),
        ("item", "Tolls."),
    ]


def test_extract_html_keeps_visible_text_in_blocks() -> None:
    extracted = extract_html(HTML)
    assert extracted.title == "Bridge opens & traffic flows"
    assert [(b.hint, extracted.text[b.start : b.end]) for b in extracted.blocks] == [
        ("boilerplate", "Home News Contacts"),
        ("heading", "Bridge opens & traffic flows"),
        ("", "The mayor opened the bridge on Monday. Cars & buses crossed it at noon."),
        ("heading", "What comes next"),
        ("caption", "The new bridge at dusk"),
        ("item", "A second bridge is planned."),
        ("item", "Tolls start in June."),
        ("", "The council meets again in May."),
    ]
    assert len(extracted.offsets) == len(extracted.text) + 1


def test_html_source_marks_nav_clutter_and_drops_scripts(tmp_path: Path) -> None:
    path, shown = _read(tmp_path, "page.html", HTML)
    source = read_source(path, None, SETTINGS, shown)
    assert "secret" not in source.text.casefold()
    assert [(s.kind.value, s.text) for s in split_statements(source)] == [
        ("boilerplate", "Home News Contacts"),
        ("headline", "Bridge opens & traffic flows"),
        ("body", "The mayor opened the bridge on Monday."),
        ("body", "Cars & buses crossed it at noon."),
        ("heading", "What comes next"),
        ("caption", "The new bridge at dusk"),
        ("body", "A second bridge is planned."),
        ("body", "Tolls start in June."),
        ("body", "The council meets again in May."),
    ]


def test_html_statement_spans_map_into_the_raw_file(tmp_path: Path) -> None:
    path, shown = _read(tmp_path, "page.html", HTML)
    statements = split_statements(read_source(path, None, SETTINGS, shown))
    for statement in statements:
        piece = HTML[statement.start : statement.end]
        assert piece.startswith(statement.text.split()[0]), piece
        assert piece.endswith(statement.text[-1]), piece
    assert [HTML[s.start : s.end] for s in statements] == [
        "Home News Contacts",
        "Bridge opens &amp; traffic flows",
        "The mayor opened the bridge on Monday.",
        "Cars &amp; buses crossed it at noon.",
        "What comes next",
        "The new bridge at dusk",
        "A second bridge is planned.",
        "Tolls start in June.",
        "The council meets again in May.",
    ]


def test_html_statement_span_stops_at_its_last_character(tmp_path: Path) -> None:
    raw = (
        "<h1>Bridge opens over the river today</h1>\n<p>The bridge opened.</p>\n"
        "<p><b>Cars crossed it.</b> Trucks waited.</p>\n</body>\n"
    )
    path, shown = _read(tmp_path, "inline.html", raw)
    statements = split_statements(read_source(path, None, SETTINGS, shown))
    assert [raw[s.start : s.end] for s in statements] == [
        "Bridge opens over the river today",
        "The bridge opened.",
        "Cars crossed it.",
        "Trucks waited.",
    ]


def test_empty_file_is_an_error(tmp_path: Path) -> None:
    assert _error(tmp_path, "empty.txt", " \n\n") == (
        "content/sources/empty.txt: the file is empty; add the article text or remove it"
    )


def test_binary_file_is_an_error(tmp_path: Path) -> None:
    assert _error(tmp_path, "scan.txt", b"%PDF\x00\x01\x02") == (
        "content/sources/scan.txt: this is a binary file, not text; "
        "export the article as .txt, .md or .html"
    )


def test_windows_1252_quotes_are_reported_with_line_and_encoding(tmp_path: Path) -> None:
    assert _error(tmp_path, "quotes.txt", b"First line.\nHe said \x93yes\x94 today.\n") == (
        "content/sources/quotes.txt:2: not UTF-8 text (invalid byte 0x93; it looks like "
        "Windows-1252 or Latin-1); re-save the file as UTF-8, e.g. iconv -f ENCODING -t UTF-8"
    )


def test_windows_1252_accents_are_reported_as_windows_1252(tmp_path: Path) -> None:
    assert _error(tmp_path, "cafe.txt", b"The caf\xe9 opened on Monday.\n") == (
        "content/sources/cafe.txt:1: not UTF-8 text (invalid byte 0xe9; it looks like "
        "Windows-1252 or Latin-1); re-save the file as UTF-8, e.g. iconv -f ENCODING -t UTF-8"
    )


def test_windows_1251_text_is_reported_as_cyrillic(tmp_path: Path) -> None:
    data = "Мэр открыл мост.\n".encode("cp1251")
    assert _error(tmp_path, "ru.txt", data) == (
        "content/sources/ru.txt:1: not UTF-8 text (invalid byte 0xcc; it looks like "
        "Windows-1251 (Cyrillic)); re-save the file as UTF-8, e.g. iconv -f ENCODING -t UTF-8"
    )


def test_sources_yml_entry_naming_a_missing_file_is_an_error(
    make_project: Callable[..., Path],
) -> None:
    root = make_project(
        {
            "content/sources/alpha.txt": "Mayor opens the new bridge\n\nIt rained.\n",
            "site-config/sources.yml": """\
                - id: alpha
                  file: alpha.txt
                - id: gone
                  file: missing.txt
            """,
        }
    )
    paths = ProjectPaths.under(root)
    with pytest.raises(BriefingError) as caught:
        load_sources(paths, load_source_metas(paths), SETTINGS)
    assert str(caught.value) == (
        "site-config/sources.yml:3: source 'gone' names file 'missing.txt', which is not in "
        "content/sources/; add the file or fix 'file'"
    )


def test_file_without_entry_builds_with_a_warning_of_what_was_inferred(
    make_project: Callable[..., Path],
) -> None:
    root = make_project(
        {
            "content/sources/alpha.txt": "Mayor opens the new bridge\n\nIt rained.\n",
            "content/sources/tass-report.txt": (
                "Mayor opens the new bridge over the river\n\n"
                "TESTVILLE, May 3, 2021. /TASS/. The mayor of the city opened the bridge.\n"
            ),
            "content/sources/notes.pdf": "not a source",
            "site-config/sources.yml": "- id: alpha\n  file: alpha.txt\n",
        }
    )
    paths = ProjectPaths.under(root)
    sources, problems = load_sources(paths, load_source_metas(paths), SETTINGS)
    assert [s.meta.id for s in sources] == ["alpha", "tass-report"]
    assert [(p.severity.value, str(p)) for p in problems] == [
        (
            "warning",
            "content/sources/notes.pdf: ignored: not a source format; use .txt, .md or .html",
        ),
        (
            "warning",
            "content/sources/tass-report.txt: no entry in site-config/sources.yml; inferred id "
            "'tass-report', title 'Mayor opens the new bridge over the river', outlet 'TASS', "
            "published 2021-05-03, language 'en'; add an entry there to correct it",
        ),
    ]


def test_infer_meta_reads_title_agency_date_and_language() -> None:
    text, blocks = _blocks(
        "Testland Daily",
        HEADLINE,
        "TESTVILLE, January 7, 2022. /TASS/. The mayor opened the bridge and the crowd cheered.",
    )
    meta = infer_meta(
        Path("My Report (2).txt"), text, blocks, SETTINGS, "shown.txt", {"my-report-2"}
    )
    assert meta == SourceMeta(
        id="my-report-2-2",
        file="My Report (2).txt",
        title=HEADLINE,
        outlet="TASS",
        kind=SourceKind.WIRE_AGENCY,
        published=datetime.date(2022, 1, 7),
        language="en",
        notes="metadata inferred from the text; check it",
        origin=meta.origin,
        inferred=True,
    )
    assert str(meta.origin) == "shown.txt"


def test_infer_meta_without_agency_or_date() -> None:
    text, blocks = _blocks("Мэр города открыл новый мост через реку", "Это не было сюрпризом.")
    meta = infer_meta(Path("ru.txt"), text, blocks, SETTINGS, "ru.txt")
    assert (meta.id, meta.title, meta.outlet, meta.kind, meta.published, meta.language) == (
        "ru",
        "Мэр города открыл новый мост через реку",
        "Unknown outlet",
        SourceKind.OTHER,
        None,
        "ru",
    )


def test_a_news_site_s_clutter_is_not_matched_only_the_report_is() -> None:
    # Two invented pages copied whole from a browser: menus, share bars, "Read next" lists of
    # look-alike headlines, newsletter prompts, photo credits, comments, footers.
    briefing = build_corpus(REPO / "tests" / "data" / "cluttered")
    content = {(s.source, s.kind.value, s.text) for s in briefing.statements if s.is_content}
    assert content == {
        ("paper", "headline", "Strike over: dockers go back to work with 7 per cent rise"),
        ("paper", "body", 'Union hails "fair deal" after marathon talks at ministry'),
        *(("paper", "body", text) for text in PAPER_SENTENCES),
        ("paper", "quote", '"It is a fair deal.'),
        (
            "paper",
            "quote",
            'Our members will be back on the quays on Friday morning," said Tomas Keler, leader '
            "of the Arden Dockworkers' Union.",
        ),
        (
            "paper",
            "caption",
            "Pictured: Idle cranes at Port Arden last week (Photo: Courier staff)",
        ),
        ("wire", "headline", "Port strike in Arden ends after ten days as union accepts 7% deal"),
        *(("wire", "body", text) for text in WIRE_SENTENCES),
        (
            "wire",
            "quote",
            '"This is a fair deal and our members will be back at work on Friday morning," union '
            "leader Tomas Keler told reporters outside the ministry.",
        ),
        ("wire", "caption", "Photo: A crane stands idle at Port Arden, March 12, 2024."),
    }
    kinds = {s.text: s.kind.value for s in briefing.statements}
    assert kinds["March 21, 2024 5:43 PM GMT+1 Updated 2 hours ago"] == "dateline"
    assert kinds["REUTERS/Jane Doe/File Photo"] == "byline"
    assert kinds["Dockers in neighbouring Velmar threaten sympathy strike"] == "boilerplate"
    assert kinds["Velmar dockers threaten to join strike"] == "boilerplate"
    # Each sentence of the paper's report is linked to the wire's sentence saying the same.
    text = {s.id: s.text for s in briefing.statements}
    pairs = {(text[link.source], text[link.target]) for link in briefing.links}
    for paper, wire in zip(PAPER_SENTENCES, WIRE_SENTENCES, strict=True):
        assert (paper, wire) in pairs


PAPER_SENTENCES = (
    "Dockworkers at Port Arden will return to work on Friday after their union accepted a pay "
    "rise of 7 per cent, ending a strike that lasted ten days.",
    "The agreement came after fourteen hours of negotiations at the Ministry of Ports, and "
    "includes a promise that no jobs will be lost when the new automated cranes are introduced "
    "in 2026.",
    "The minister, Ilse Marrow, said the deal would cost around 40 million crowns over three "
    "years.",
    "The harbour authority said around 60 vessels were still waiting outside the harbour.",
)
WIRE_SENTENCES = (
    "Dockworkers at Port Arden voted on Thursday to end a ten-day strike after the union "
    "accepted a 7% pay rise, the Arden Dockworkers' Union said.",
    "The deal, reached after 14 hours of talks at the ministry, also guarantees that no jobs "
    "will be cut when automated cranes arrive in 2026.",
    "Ports minister Ilse Marrow said the agreement would cost the state about 40 million crowns "
    "over three years.",
    "Some 60 ships were waiting at anchor outside the harbour on Thursday, the harbour "
    "authority said.",
)


def test_a_news_page_in_html_has_its_h1_as_headline_and_its_quotes_in_single_marks() -> None:
    # The <title> ends with the site's name, which the page also shows as its masthead.
    path = REPO / "tests" / "data" / "cluttered-html" / "courier.html"
    source = read_source(path, None, SETTINGS, "content/sources/courier.html")
    assert source.meta.title == "Strike over: dockers go back to work with 7 per cent rise"
    statements = split_statements(source)
    kinds = {s.text: (s.kind.value, s.speaker) for s in statements}
    assert kinds["The Arden Courier"] == ("boilerplate", None)
    assert kinds[source.meta.title] == ("headline", None)
    assert kinds["Share on FacebookShare on TwitterShare via Email"] == ("boilerplate", None)
    assert kinds["Photograph: Courier staff"] == ("byline", None)
    assert kinds["Velmar dockers threaten to join strike"] == ("boilerplate", None)
    assert kinds[
        "‘It is a fair deal,’ said Tomas Keler, leader of the Arden Dockworkers’ Union."
    ] == ("quote", "Tomas Keler")
    assert kinds["‘Our members will be back on the quays on Friday morning.’"] == (
        "quote",
        "Tomas Keler",
    )


@pytest.mark.parametrize(
    ("html", "title"),
    [
        (
            "<title>Strike ends | The Courier</title><h1>Strike over at Port Arden</h1>",
            "Strike over at Port Arden",
        ),
        (
            '<meta property="og:title" content="Strike over"><title>Strike ends | Courier</title>',
            "Strike over",
        ),
        (
            "<title>Strike over at Port Arden - The Courier</title><p>Text.</p>",
            "Strike over at Port Arden",
        ),
        (
            "<title>The Courier | Strike over at Port Arden</title><p>Text.</p>",
            "Strike over at Port Arden",
        ),
        (
            "<nav><h1>The Courier</h1></nav><title>Strike over at Port Arden</title>",
            "Strike over at Port Arden",
        ),
    ],
)
def test_html_title_is_the_page_s_headline_not_its_site_name(html: str, title: str) -> None:
    assert extract_html(html).title == title


@pytest.mark.parametrize(
    ("html", "site"),
    [
        ("<title>Strike over at Port Arden | The Courier</title><p>Text.</p>", "The Courier"),
        ("<title>The Courier - Strike over at Port Arden</title><p>Text.</p>", "The Courier"),
        ('<meta property="og:site_name" content="Courier"><title>Strike | C</title>', "Courier"),
        ("<title>Strike over at Port Arden</title><p>Text.</p>", ""),
    ],
)
def test_html_site_name_is_the_outlet_s_name(html: str, site: str) -> None:
    assert extract_html(html).site == site


def test_sources_that_share_a_label_are_told_apart_by_their_ids(tmp_path: Path) -> None:
    # Neither names an agency: both would be "Unknown outlet" in every link and table.
    folder = tmp_path / "documents"
    folder.mkdir()
    (folder / "daily.txt").write_text("Bridge opens\n\nThe mayor opened it.\n", encoding="utf-8")
    (folder / "weekly.txt").write_text("Bridge opened\n\nThe mayor opened it.\n", encoding="utf-8")
    briefing = build_corpus(folder)
    assert [(s.meta.outlet, s.meta.label) for s in briefing.sources] == [
        ("Unknown outlet", "Unknown outlet (daily)"),
        ("Unknown outlet", "Unknown outlet (weekly)"),
    ]


def test_markdown_markup_is_not_part_of_what_a_source_says() -> None:
    path = REPO / "tests" / "data" / "cluttered-html" / "blog.md"
    raw = path.read_text(encoding="utf-8")
    source = read_source(path, None, SETTINGS, "content/sources/blog.md")
    statements = split_statements(source)
    assert [(s.kind.value, s.speaker, s.text) for s in statements] == [
        ("headline", None, "Strike over: dockers back at work"),
        ("byline", None, "By Clara Voss | 21 March 2024"),
        ("caption", None, "Idle cranes at Port Arden"),
        (
            "body",
            None,
            "Dockworkers at Port Arden will return to work on Friday, the union said in a "
            "statement.",
        ),
        ("quote", "Tomas Keler", '"It is a fair deal," said Tomas Keler, the union\'s leader.'),
        (
            "body",
            None,
            "The deal costs about 40 million crowns over three years, according to the ministry.",
        ),
        ("body", None, "Pay rises by 7%."),
        ("body", None, "No jobs will be cut."),
        ("boilerplate", None, "Advertisement"),
    ]
    # Each statement's span is its place in the file, markup included.
    assert [raw[s.start : s.end] for s in statements][3:6] == [
        "Dockworkers at Port Arden will return to work on Friday, [the union said]"
        "(https://example.org/union) in a statement.",
        '"It is a fair deal," said **Tomas Keler**, the union\'s leader.',
        "The deal costs about *40 million crowns* over three years, according to the "
        "[ministry](https://example.org).",
    ]


def test_markdown_code_rules_and_link_definitions_are_not_text(tmp_path: Path) -> None:
    raw = (
        "Bridge opens in Testville today\n\n```\nprint('not a statement')\n```\n\n---\n\n"
        "The mayor \\*really\\* opened it\nwith `scissors` and a\n[speech][1].\n\n"
        "[1]: https://example.org/speech\n"
    )
    path, shown = _read(tmp_path, "notes.md", raw)
    source = read_source(path, None, SETTINGS, shown)
    assert [source.text[b.start : b.end] for b in source.blocks] == [
        "Bridge opens in Testville today",
        "The mayor *really* opened it with scissors and a speech.",
    ]


def test_infer_meta_takes_no_title_from_below_the_first_paragraph() -> None:
    lead = (
        "Harbour workers in Port Arden walked out on Monday in the first strike at the port in "
        "twenty years, leaving cranes idle and ferries moored while union leaders and the "
        "ministry traded blame for the breakdown of pay talks."
    )
    later = "The ferries will stay in port until Thursday at least."
    text, blocks = _blocks(lead, "Pay talks broke down last week after four rounds.", later)
    meta = infer_meta(Path("strike.txt"), text, blocks, SETTINGS, "strike.txt")
    # A text that opens with its first paragraph has no headline: the file names it.
    assert meta.title == "strike"
