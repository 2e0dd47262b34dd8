"""Unit tests of generator.statements: sentences, kinds, speakers and stable ids."""

from __future__ import annotations

import re

import pytest

from generator.clutter import may_be_headline
from generator.model import Alias, Block, Source, SourceKind, SourceMeta, StatementKind
from generator.statements import (
    is_reported_speech,
    split_sentences,
    split_statements,
    statement_id,
)

HEAD_OF_STATE = (Alias("Kassym-Jomart Tokayev", ("Tokayev", "the Head of State")),)


def _source(
    *paragraphs: str, source_id: str = "wire", hints: dict[int, str] | None = None
) -> Source:
    """Return a source whose blocks are ``paragraphs``, separated by blank lines."""
    blocks = []
    position = 0
    for index, paragraph in enumerate(paragraphs):
        hint = (hints or {}).get(index, "")
        blocks.append(Block(position, position + len(paragraph), hint))
        position += len(paragraph) + 2
    meta = SourceMeta(
        source_id, f"{source_id}.txt", "Title", "Outlet", SourceKind.OTHER, None, "en"
    )
    text = "\n\n".join(paragraphs)
    return Source(meta, f"content/sources/{source_id}.txt", text, tuple(blocks))


def _sentences(text: str) -> list[str]:
    return [text[start:end] for start, end in split_sentences(text)]


def _kinds(*paragraphs: str, hints: dict[int, str] | None = None) -> list[tuple[str, str]]:
    return [(s.kind.value, s.text) for s in split_statements(_source(*paragraphs, hints=hints))]


def _speakers(*paragraphs: str, aliases: tuple[Alias, ...] = ()) -> list[tuple[str, str | None]]:
    statements = split_statements(_source(*paragraphs), aliases)
    return [(s.text, s.speaker) for s in statements if s.kind is StatementKind.QUOTE]


def test_split_sentences_returns_spans_without_outer_white_space() -> None:
    assert split_sentences("  One. Two.  ") == [(2, 6), (7, 11)]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "He spoke. “We will win,” he said. The crowd cheered.",
            ["He spoke.", "“We will win,” he said.", "The crowd cheered."],
        ),
        (
            'He spoke. "We will win," he said. Then he left.',
            ["He spoke.", '"We will win," he said.', "Then he left."],
        ),
        (
            "He spoke. – We will act now. The crowd cheered.",
            ["He spoke.", "– We will act now.", "The crowd cheered."],
        ),
        (
            "He spoke. — We will act now. The crowd cheered.",
            ["He spoke.", "— We will act now.", "The crowd cheered."],
        ),
        ("He spoke. - We will act now.", ["He spoke.", "- We will act now."]),
        ("“Why now?” Nobody answered.", ["“Why now?”", "Nobody answered."]),
        ('He asked: "Why now?" Nobody answered.', ['He asked: "Why now?"', "Nobody answered."]),
        (
            "It rained. Then it stopped!  Really? Yes.",
            ["It rained.", "Then it stopped!", "Really?", "Yes."],
        ),
        ("Wait... The crowd left.", ["Wait...", "The crowd left."]),
        ("The vote was 20 to 3. It passed.", ["The vote was 20 to 3.", "It passed."]),
    ],
)
def test_split_sentences_splits_before_quotes_dashes_and_capitals(
    text: str, expected: list[str]
) -> None:
    assert _sentences(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("He left at 3 p.m. Talks resume Monday.", ["He left at 3 p.m.", "Talks resume Monday."]),
        (
            "It ended at 4 p.m. on Friday. It rained.",
            ["It ended at 4 p.m. on Friday.", "It rained."],
        ),
        ("At 5:43 p.m. GMT the market closed.", ["At 5:43 p.m. GMT the market closed."]),
        ("At 9 a.m. Moscow time talks began.", ["At 9 a.m. Moscow time talks began."]),
        ("The vote is at 3 p.m. Friday.", ["The vote is at 3 p.m. Friday."]),
        ("It starts at 9 a.m. March 4 at the port.", ["It starts at 9 a.m. March 4 at the port."]),
    ],
)
def test_a_time_of_day_ends_a_sentence_unless_the_sentence_goes_on(
    text: str, expected: list[str]
) -> None:
    assert _sentences(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "• First point here. • Second point here.",
            ["• First point here.", "• Second point here."],
        ),
        (
            "The talks ended.\u00a0A statement followed.",
            ["The talks ended.", "A statement followed."],
        ),
        ("Mr.\u00a0Smith arrived.\u00a0He left.", ["Mr.\u00a0Smith arrived.", "He left."]),
    ],
)
def test_split_sentences_handles_bullets_and_non_breaking_spaces(
    text: str, expected: list[str]
) -> None:
    assert _sentences(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "The riot began on Jan. 6 in the capital. Police arrived.",
            ["The riot began on Jan. 6 in the capital.", "Police arrived."],
        ),
        ("Mr. Smith arrived. He left.", ["Mr. Smith arrived.", "He left."]),
        (
            "He met U.S. officials on Friday. They agreed.",
            ["He met U.S. officials on Friday.", "They agreed."],
        ),
        ("J. Smith wrote the report. It was long.", ["J. Smith wrote the report.", "It was long."]),
        (
            "The plan was drafted by J. R. Smith and Dr. Jones. It failed.",
            ["The plan was drafted by J. R. Smith and Dr. Jones.", "It failed."],
        ),
        ("No. 5 was closed. It rained.", ["No. 5 was closed.", "It rained."]),
    ],
)
def test_split_sentences_does_not_split_after_abbreviations(text: str, expected: list[str]) -> None:
    assert _sentences(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "NUR-SULTAN, January 7. /TASS/. Kazakhstan’s President spoke today. He was firm.",
            [
                "NUR-SULTAN, January 7. /TASS/.",
                "Kazakhstan’s President spoke today.",
                "He was firm.",
            ],
        ),
        (
            "LONDON (Reuters) - Britain said on Friday it would act. More followed.",
            ["LONDON (Reuters) -", "Britain said on Friday it would act.", "More followed."],
        ),
        (
            "ALMATY, Jan. 7 - Protesters gathered. Police came.",
            ["ALMATY, Jan. 7 -", "Protesters gathered.", "Police came."],
        ),
    ],
)
def test_split_sentences_cuts_the_dateline_off(text: str, expected: list[str]) -> None:
    assert _sentences(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("“Why now?” he asked. Nobody answered.", ["“Why now?” he asked.", "Nobody answered."]),
        (
            "“Stop them!” she said. The guards moved.",
            ["“Stop them!” she said.", "The guards moved."],
        ),
        ('"Why now?" he asked. Nobody answered.', ['"Why now?" he asked.', "Nobody answered."]),
    ],
)
def test_split_sentences_keeps_lowercase_attribution_after_quoted_question(
    text: str, expected: list[str]
) -> None:
    assert _sentences(text) == expected


def test_dateline_is_its_own_statement() -> None:
    paragraph = "NUR-SULTAN, January 7. /TASS/. Kazakhstan’s President spoke today. He was firm."
    assert _kinds(paragraph) == [
        ("dateline", "NUR-SULTAN, January 7. /TASS/."),
        ("body", "Kazakhstan’s President spoke today."),
        ("body", "He was firm."),
    ]


def test_agency_dateline_is_its_own_statement() -> None:
    assert _kinds("LONDON (Reuters) - Britain said on Friday it would act.") == [
        ("dateline", "LONDON (Reuters) -"),
        ("body", "Britain said on Friday it would act."),
    ]


def test_date_alone_on_a_line_is_a_dateline() -> None:
    assert _kinds("January 7, 2022", "Police came.") == [
        ("dateline", "January 7, 2022"),
        ("body", "Police came."),
    ]


def test_block_hints_fix_the_kind() -> None:
    hints = {0: "boilerplate", 1: "headline", 2: "heading", 3: "caption"}
    paragraphs = ("Leave a reply", "Big news today. From the capital.", "The economy", "At dusk")
    assert _kinds(*paragraphs, hints=hints) == [
        ("boilerplate", "Leave a reply"),
        ("headline", "Big news today. From the capital."),
        ("heading", "The economy"),
        ("caption", "At dusk"),
    ]


def test_short_unpunctuated_lines_are_headings_or_captions() -> None:
    paragraphs = (
        "Leaders meet in capital",
        "Officials gathered in the hall on Friday morning.",
        "Police officers patrol the square (January 2022)",
    )
    assert _kinds(*paragraphs) == [
        ("heading", "Leaders meet in capital"),
        ("body", "Officials gathered in the hall on Friday morning."),
        ("caption", "Police officers patrol the square (January 2022)"),
    ]


def test_short_list_item_without_full_stop_stays_body() -> None:
    assert _kinds("Tolls start in June", hints={0: "item"}) == [("body", "Tolls start in June")]


@pytest.mark.parametrize(
    ("paragraph", "expected"),
    [
        ("“We will win,” he said.", [("quote", "“We will win,” he said.")]),
        ('"We will win," he said.', [("quote", '"We will win," he said.')]),
        (
            "– We will act now. We will not retreat.",
            [("quote", "– We will act now."), ("quote", "We will not retreat.")],
        ),
        (
            "He said the plan would work on Monday.",
            [("body", "He said the plan would work on Monday.")],
        ),
        (
            "The minister, who arrived late, said “yes”.",
            [("body", "The minister, who arrived late, said “yes”.")],
        ),
        # Reported speech quoting some of the speaker's own words is a quote ...
        (
            'Tokayev noted that Kazakhstan needs the forces of the alliance to "fulfill the '
            'function of cover."',
            [
                (
                    "quote",
                    'Tokayev noted that Kazakhstan needs the forces of the alliance to "fulfill '
                    'the function of cover."',
                )
            ],
        ),
        # ... a term in quote marks is not, nor are quoted words no one is said to speak.
        (
            "The minister, who arrived late, called the strike “illegal and reckless”.",
            [("body", "The minister, who arrived late, called the strike “illegal and reckless”.")],
        ),
        (
            "The decree, signed by the cabinet, lists “measures to restore order” among its aims.",
            [
                (
                    "body",
                    "The decree, signed by the cabinet, lists “measures to restore order” among "
                    "its aims.",
                )
            ],
        ),
        # A closing mark whose opening one was left out still ends a quote.
        ("We will not retreat,” he said.", [("quote", "We will not retreat,” he said.")]),
    ],
)
def test_quote_or_body_by_share_of_quoted_text(
    paragraph: str, expected: list[tuple[str, str]]
) -> None:
    assert _kinds(paragraph) == expected


def test_speaker_from_title_alias_after_the_quote() -> None:
    quote = "“We will restore order,” the Head of State said."
    assert _speakers(quote, aliases=HEAD_OF_STATE) == [(quote, "Kassym-Jomart Tokayev")]


@pytest.mark.parametrize("title", ["the Head of the State", "the Head of a State"])
def test_speaker_alias_holds_with_an_article_inside(title: str) -> None:
    quote = f"“We will restore order,” {title} said."
    assert _speakers(quote, aliases=HEAD_OF_STATE) == [(quote, "Kassym-Jomart Tokayev")]


def test_he_said_resolves_to_the_person_named_before() -> None:
    assert _speakers(
        "Dauren Abayev spoke to reporters on Friday.",
        "“The situation is stable,” he said.",
    ) == [("“The situation is stable,” he said.", "Dauren Abayev")]


def test_quote_paragraph_without_attribution_continues_the_previous_speaker() -> None:
    assert _speakers(
        "Dauren Abayev spoke to reporters on Friday.",
        "“The situation is stable,” he said.",
        "“Shops will open tomorrow.”",
    ) == [
        ("“The situation is stable,” he said.", "Dauren Abayev"),
        ("“Shops will open tomorrow.”", "Dauren Abayev"),
    ]


def test_quote_whose_opening_mark_was_left_out_keeps_the_paragraph_speaker() -> None:
    paragraph = "Abayev said, “Shops were looted. Snipers fired.” He also took action,” he said."
    assert _speakers("Dauren Abayev met reporters.", paragraph) == [
        ("Abayev said, “Shops were looted.", "Dauren Abayev"),
        ("Snipers fired.”", "Dauren Abayev"),
        ("He also took action,” he said.", "Dauren Abayev"),
    ]


def test_reported_speech_quoting_the_speaker_gets_the_speaker() -> None:
    quote = (
        'Tokayev noted that Kazakhstan needs the forces of the alliance to "fulfill the function '
        'of cover."'
    )
    assert _speakers("Kassym-Jomart Tokayev spoke on Friday.", quote) == [
        (quote, "Kassym-Jomart Tokayev")
    ]


def test_quotes_in_single_marks_british_style() -> None:
    assert _speakers(
        "Tomas Keler leads the union.",
        "‘It is a fair deal,’ said Tomas Keler, leader of the Dockworkers’ Union. ‘Our members "
        "will be back on Friday.’",
    ) == [
        ("‘It is a fair deal,’ said Tomas Keler, leader of the Dockworkers’ Union.", "Tomas Keler"),
        ("‘Our members will be back on Friday.’", "Tomas Keler"),
    ]


@pytest.mark.parametrize(
    "paragraph",
    [
        # Apostrophes are not quote marks.
        "The union’s leader said the dockworkers’ pay would rise by 7 per cent next year.",
        # A short term in single marks inside narration.
        "The minister called it a ‘fair deal’ for the port and for the country’s exporters.",
        # A left mark for an elided digit opens no quote.
        "The port was last this busy in the ‘90s, when the union said pay rose each year.",
    ],
)
def test_apostrophes_and_quoted_terms_stay_narration(paragraph: str) -> None:
    assert _kinds(paragraph) == [("body", paragraph)]


def test_single_marks_inside_double_quotes_are_nested_not_new_quotes() -> None:
    paragraph = "The union’s leader said: “They told us ‘never again’ last year.”"
    assert _kinds(paragraph) == [("quote", paragraph)]


@pytest.mark.parametrize(
    ("paragraphs", "expected"),
    [
        # An age or a title between the name and the verb.
        (
            ("Tomas Keler leads the union.", '"The deal is fair," Keler, 54, said in a statement.'),
            [('"The deal is fair," Keler, 54, said in a statement.', "Tomas Keler")],
        ),
        # Words between the verb and the colon that opens the quote.
        (
            ('Tomas Keler said in a statement: "The deal is fair and we all agree."',),
            [
                (
                    'Tomas Keler said in a statement: "The deal is fair and we all agree."',
                    "Tomas Keler",
                )
            ],
        ),
        # "according to" as the attribution.
        (
            ("“We had no choice,” according to union leader Tomas Keler.",),
            [("“We had no choice,” according to union leader Tomas Keler.", "Tomas Keler")],
        ),
        # A surname alone, the full name set beside a description earlier.
        (
            (
                "The harbour master, Anna Lind, was cautious.",
                '"It will take weeks," Lind said, adding that 60 ships were waiting.',
            ),
            [('"It will take weeks," Lind said, adding that 60 ships were waiting.', "Anna Lind")],
        ),
        # A name with an accented capital; the body the speaker works for is not the speaker.
        (
            (
                "Hafen chief Ömer Yıldız spoke after the survey. "
                '"We found two wrecks on the seabed," Ömer Yıldız of the Coastal Survey '
                "Institute said.",
            ),
            [
                (
                    '"We found two wrecks on the seabed," Ömer Yıldız of the Coastal Survey '
                    "Institute said.",
                    "Ömer Yıldız",
                )
            ],
        ),
    ],
)
def test_attribution_forms_of_english_news(
    paragraphs: tuple[str, ...], expected: list[tuple[str, str]]
) -> None:
    assert _speakers(*paragraphs) == expected


def test_a_transcript_s_paragraphs_are_their_labelled_speaker_s_words() -> None:
    aliases = (Alias("Kassym-Jomart Tokayev", ("President Tokayev", "Tokayev")),)
    statements = split_statements(
        _source(
            "PRESIDENT TOKAYEV: We will restore order in every region. The operation goes on.",
            "QUESTION: When will the troops leave?",
            "TOKAYEV: Very soon, within days.",
        ),
        aliases,
    )
    assert [(s.kind.value, s.speaker) for s in statements] == [
        ("quote", "Kassym-Jomart Tokayev"),
        ("quote", "Kassym-Jomart Tokayev"),
        ("quote", None),  # the one who asks is no one named
        ("quote", "Kassym-Jomart Tokayev"),
    ]


def test_a_broadcast_transcript_s_turn_runs_on_to_the_next_label() -> None:
    statements = split_statements(
        _source(
            "MARA OKAFOR, RIVER NEWS HOST:",
            "OKAFOR: Let's go to the briefing.",
            "UNIDENTIFIED MALE: The chief will speak first. Please keep it short.",
            "CHIEF LENA ORTIZ, RIVERTON FIRE SERVICE: The fire is contained. Nobody was hurt.",
            "Crews will stay overnight.",
        )
    )
    assert [(s.kind.value, s.speaker) for s in statements] == [
        ("byline", None),  # the label alone, which gives the host's full name
        ("quote", "Mara Okafor"),
        ("quote", None),  # someone the transcript does not name
        ("quote", None),
        ("quote", "Lena Ortiz"),
        ("quote", "Lena Ortiz"),
        ("quote", "Lena Ortiz"),  # the turn goes on in the next paragraph
    ]


def test_labels_on_their_own_line_with_the_time_make_a_transcript() -> None:
    statements = split_statements(
        _source(
            "Fire chief briefing: full transcript",
            "Speaker 1 (00:12):",
            "Good afternoon. The chief will take questions.",
            "Chief Lena Ortiz (01:05):",
            "The fire is contained.",
            "Crews will stay overnight.",
            hints={0: "headline"},
        )
    )
    assert [(s.kind.value, s.speaker) for s in statements] == [
        ("headline", None),
        ("byline", None),
        ("quote", None),
        ("quote", None),
        ("byline", None),
        ("quote", "Lena Ortiz"),
        ("quote", "Lena Ortiz"),
    ]


def test_he_is_the_one_who_spoke_not_the_one_he_spoke_of() -> None:
    wire = (
        "Minister Ilse Marrow addressed the port on Friday.",
        'In a short speech, he said that union chief Tomas Keler "betrayed" the city. '
        '"What we face is betrayal," he said.',
        "In the same speech, Marrow called Tomas Keler's strike a crime.",
        'He went on to say that the measures "will be very hard" on the strikers.',
        '"All who block the port will answer to the law," Reuters quoted Marrow as saying.',
    )
    assert [speaker for _, speaker in _speakers(*wire)] == ["Ilse Marrow"] * 3


def test_the_attribution_after_a_quote_may_go_on_to_quote_a_term() -> None:
    quote = (
        '"Greed led to this," she said, referring to the union chief, known in the port as '
        '"the Baron" for his fleet of tugs.'
    )
    assert _kinds("Minister Ilse Marrow spoke.", quote) == [
        ("body", "Minister Ilse Marrow spoke."),
        ("quote", quote),
    ]


@pytest.mark.parametrize(
    "credit", ["Credit: Harbour TV via Newsflow", "Video credit: Harbour TV", "Photo credit: AFP"]
)
def test_a_credit_after_a_report_is_a_byline(credit: str) -> None:
    report = '"We will reopen the port as soon as the last crane is safe to use," she said.'
    assert _kinds(f"{report} {credit}") == [("quote", report), ("byline", credit)]


@pytest.mark.parametrize(
    "credit",
    [
        "(Photo by JANE DOE/AFP via Getty Images)",
        "(AP Photo/Jane Doe)",
        "(Jane Doe via AP)",
        "(Orbital Imaging via Reuters)",
    ],
)
def test_a_paragraph_ending_with_a_photo_credit_is_a_caption(credit: str) -> None:
    caption = "Dockers gather at the closed ferry port on Monday. The cranes stand idle."
    report = "The port will reopen on Friday, the minister said (the unions disagree)."
    assert _kinds(f"{caption} {credit}", report) == [
        ("caption", "Dockers gather at the closed ferry port on Monday."),
        ("caption", "The cranes stand idle."),
        ("byline", credit),
        ("body", report),
    ]


def test_an_embedded_post_s_signature_is_a_byline() -> None:
    post = "@harbourboard The ferries sail again on Monday. https://t.co/abc123"
    signature = "— Harbour Board (@harbourboard) March 12, 2023"
    assert _kinds(f"{post} {signature}") == [
        ("body", post),
        ("byline", signature),
    ]


def test_a_live_blog_s_time_of_update_is_a_dateline() -> None:
    assert _kinds("UPDATE: 3:16 p.m.", "The ferry port reopened this afternoon.") == [
        ("dateline", "UPDATE: 3:16 p.m."),
        ("body", "The ferry port reopened this afternoon."),
    ]


def test_a_byline_on_the_first_line_is_no_headline() -> None:
    assert not may_be_headline("By JANE DOE, ILSE MARROW and KOFI MENSAH - Harbour Press")
    assert may_be_headline("By the numbers: how the port strike hit the island")


def test_a_heading_names_no_one_that_he_can_be() -> None:
    paragraphs = (
        "Minister Ilse Marrow spoke after the talks.",
        "Urged Dockers to return",
        'She described the strike as "a threat to every family in the port city."',
    )
    statements = split_statements(_source(*paragraphs, hints={1: "heading"}))
    assert [s.speaker for s in statements if s.kind is StatementKind.QUOTE] == ["Ilse Marrow"]


def test_a_label_in_capitals_with_a_sentence_is_no_headline() -> None:
    assert not may_be_headline("OKAFOR: Let's go to the briefing.")
    assert not may_be_headline("MARA OKAFOR, RIVER NEWS HOST:")
    assert may_be_headline("EXCLUSIVE: Fire chief says blaze contained")


def test_name_labels_make_a_transcript_when_more_than_one_paragraph_has_one() -> None:
    assert _speakers("Ilse Marrow: The strike is over.", "Tomas Keler: We accepted it.") == [
        ("Ilse Marrow: The strike is over.", "Ilse Marrow"),
        ("Tomas Keler: We accepted it.", "Tomas Keler"),
    ]
    # One such paragraph alone, or a label that is not a speaker, is narration.
    assert _kinds("Port Arden: the strike is over after ten days.") == [
        ("body", "Port Arden: the strike is over after ten days.")
    ]
    assert _kinds("Update: talks ended.", "Note: the port reopened.") == [
        ("body", "Update: talks ended."),
        ("body", "Note: the port reopened."),
    ]
    # Headings of a briefing's paragraphs, and places in a round-up, are not speakers.
    assert _kinds("Background: talks failed twice.", "Context: the port is the largest.") == [
        ("body", "Background: talks failed twice."),
        ("body", "Context: the port is the largest."),
    ]
    assert _kinds(
        "Cranes stood idle at Port Arden and at Cape Orm.",
        "Port Arden: no ship moved.",
        "Cape Orm: ferries ran as normal.",
    ) == [
        ("body", "Cranes stood idle at Port Arden and at Cape Orm."),
        ("body", "Port Arden: no ship moved."),
        ("body", "Cape Orm: ferries ran as normal."),
    ]


def test_attribution_before_the_quote() -> None:
    quote = "Abayev said, “The situation in the city is calm and stable tonight.”"
    assert _speakers(quote, aliases=(Alias("Dauren Abayev", ("Abayev",)),)) == [
        (quote, "Dauren Abayev")
    ]


def test_attribution_before_the_quote_uses_the_full_name_seen_earlier() -> None:
    quote = "Abayev said, “The situation in the city is calm and stable tonight.”"
    assert _speakers("Dauren Abayev met reporters.", quote) == [(quote, "Dauren Abayev")]


def test_title_and_name_before_the_quote() -> None:
    quote = "Minister Dauren Abayev said: “The situation in the city is calm and stable tonight.”"
    assert _speakers(quote) == [(quote, "Dauren Abayev")]


def test_body_statements_have_no_speaker() -> None:
    statements = split_statements(_source("Dauren Abayev spoke to reporters on Friday."))
    assert [s.speaker for s in statements] == [None]


def test_statement_offsets_slice_the_text() -> None:
    source = _source("Big news.", "The talks ended. A statement followed.")
    assert [
        (s.block, s.doc_start, s.doc_end, s.start, s.end) for s in split_statements(source)
    ] == [(0, 0, 9, 0, 9), (1, 11, 27, 11, 27), (1, 28, 49, 28, 49)]


def test_id_is_source_id_and_a_short_hash() -> None:
    statements = split_statements(_source("The army left.", source_id="tass"))
    assert re.fullmatch(r"tass-[0-9a-f]{10}", statements[0].id)
    assert statements[0].id == statement_id("tass", "The army left.")


def test_same_text_and_source_give_the_same_id_across_calls() -> None:
    first = split_statements(_source("The army left. Order is restored."))
    second = split_statements(_source("The army left. Order is restored."))
    assert [s.id for s in first] == [s.id for s in second]
    assert first[0].id != first[1].id


def test_editing_another_sentence_keeps_the_id_of_an_untouched_one() -> None:
    before = split_statements(_source("The mayor opened the bridge.", "It cost a lot."))
    after = split_statements(
        _source("A new paragraph came first.", "The mayor opened the old bridge.", "It cost a lot.")
    )
    assert before[1].id == after[2].id
    assert before[0].id != after[1].id


def test_id_ignores_white_space_differences() -> None:
    assert statement_id("wire", "Order  is\u00a0restored.") == statement_id(
        "wire", "Order is restored."
    )


def test_repeated_sentence_gets_a_numbered_id() -> None:
    statements = split_statements(
        _source("Order is restored.", "The army left.", "Order is restored.")
    )
    first = statement_id("wire", "Order is restored.")
    assert [s.id for s in statements] == [
        first,
        statement_id("wire", "The army left."),
        f"{first}-2",
    ]


def test_same_text_in_two_sources_gets_different_ids() -> None:
    alpha = split_statements(_source("Order is restored.", source_id="alpha"))
    beta = split_statements(_source("Order is restored.", source_id="beta"))
    assert alpha[0].id.startswith("alpha-")
    assert beta[0].id.startswith("beta-")
    assert alpha[0].id != beta[0].id


@pytest.mark.parametrize(
    ("text", "reported"),
    [
        ("The Minister said the Government respects the right to strike.", True),
        ("The government will not use the armed forces, the minister told reporters.", True),
        ("The mayor opened the new river bridge on Monday morning.", False),
        ("Its aim is the security of the member states.", False),
        ("The United States sent two ships and the ASEAN states sent one.", False),
        ("Her notes from the meeting were lost, and residents have no say.", False),
        ("The minister states that the bridge is safe.", True),
        ("The report notes that the bridge is safe.", True),
        ("The United States says the bridge is safe.", True),
    ],
)
def test_reported_speech_is_recognised(text: str, reported: bool) -> None:
    assert is_reported_speech(text) is reported


def test_each_quote_of_a_paragraph_gets_the_speaker_its_own_narration_names() -> None:
    assert _speakers(
        "Mayor Anna Lind spoke first.",
        "“The pier will be rebuilt by June,” Lind said. “That is a promise nobody can keep,” "
        "Tomas Keler, the union’s leader, replied.",
    ) == [
        ("“The pier will be rebuilt by June,” Lind said.", "Anna Lind"),
        (
            "“That is a promise nobody can keep,” Tomas Keler, the union’s leader, replied.",
            "Tomas Keler",
        ),
    ]


def test_a_speaker_the_text_does_not_name_is_no_one_named() -> None:
    # Not Anna Lind, the last person named: the text says who speaks, without a name.
    assert _speakers(
        "Harbour master Anna Lind said repairs would start in May.",
        "“The port is finished,” said a senior official, who asked not to be named.",
        "“Nobody will invest here. Not now,” the official added.",
    ) == [
        ("“The port is finished,” said a senior official, who asked not to be named.", None),
        ("“Nobody will invest here.", None),
        ("Not now,” the official added.", None),
    ]


@pytest.mark.parametrize(
    "quote",
    [
        "“The ferries will sail on Monday,” read the statement.",
        "“The ferries will sail on Monday,” added the joint statement.",
        "“The ferries will sail on Monday,” the ministry said.",
        "“The ferries will sail on Monday” assures U.S. officials",
        "“The ferries will sail on Monday,” port authorities told reporters.",
        "“The ferries will sail on Monday,” the Harbour Board, the Ferry Union and the city "
        "council said in a statement.",
    ],
)
def test_a_quote_of_a_statement_or_a_body_is_no_named_person_s(quote: str) -> None:
    # Not Anna Lind, the last person named: a statement, a ministry or officials said it.
    assert _speakers("Harbour master Anna Lind said the port would reopen.", quote) == [
        (quote, None)
    ]


@pytest.mark.parametrize(
    ("paragraphs", "speaker"),
    [
        # One name beside the verb, with an age and a description.
        (("“I have fished here for forty years,” said Ivo, 67, a retired trawlerman.",), "Ivo"),
        # The name in apposition to a description.
        (
            ("“I will serve the town,” the candidate, local councillor Mara Tesch, said.",),
            "Mara Tesch",
        ),
        # A long description between the name and the verb, and narration after it.
        (
            (
                "“There will be no change,” Petra Lindqvist, director of the Northern Harbour "
                "Workers Federation of Arden, said by telephone from the capital on Sunday.",
            ),
            "Petra Lindqvist",
        ),
        # A description between the name and the verb, before the quote.
        (
            ("Olaf Brenn, a resident of the old town, said: “The ferries stopped in May.”",),
            "Olaf Brenn",
        ),
        # A title's full stop, and a rank, inside the name.
        (
            ("“Stay away from the harbour,” said Lt. Anna Brekke of the Arden police.",),
            "Anna Brekke",
        ),
        (("“Stay away,” said Arden Harbour Police Sgt. Anna Brekke.",), "Anna Brekke"),
        # One name after a description in lower case, and a title in lower case.
        (("“I am scared of the sea,” said fisherman’s wife Marit, 35.",), "Marit"),
        (("“It keeps on shaking,” Port Authority spokesman Haldor said.",), "Haldor"),
        # A surname that "according to" gave in full, at the end of a sentence.
        (
            (
                "The pier was cleared, according to Harbour Bank Chief Executive Ole Strand. "
                "The bank has been there for ten years.",
                "Strand said: “We evacuated the branch.”",
            ),
            "Ole Strand",
        ),
        # "she" is the woman the paragraph before names by one name, not its first word.
        (
            (
                "Outside the gate, 40-year-old Ilsa said she had waited since dawn.",
                "“I want my son to stay,” she said.",
            ),
            "Ilsa",
        ),
    ],
)
def test_speaker_from_attribution_forms_of_real_reports(
    paragraphs: tuple[str, ...], speaker: str
) -> None:
    assert [who for _, who in _speakers(*paragraphs)] == [speaker]


@pytest.mark.parametrize(
    ("introduction", "quote"),
    [
        (
            "Ardenia Gov. Wes Marlow thanked the crews on Tuesday.",
            "“We are not done,” Marlow said.",
        ),
        ("Rear Adm. Wes Marlow said the channel would reopen.", "“We are not done,” Marlow said."),
        ("NTSB Chair Wes Marlow spoke on Sunday.", "“We are not done,” Marlow described."),
        # The title after the name, or the name right after the verb.
        (
            "The door fell, according to Wes Marlow, chair of the board.",
            "“We are not done,” Marlow said.",
        ),
        ("The door fell out at 16,000 feet, said Wes Marlow.", "“We are not done,” Marlow said."),
        ("Sen. Wes Marlow called it a start.", "“We are not done,” he said."),
        # An age before the name.
        (
            "Five were brought out alive, among them 34-year-old Wes Marlow.",
            "“We are not done,” Mr Marlow told us.",
        ),
    ],
)
def test_a_speaker_introduced_with_a_title_or_by_a_verb_keeps_the_full_name(
    introduction: str, quote: str
) -> None:
    assert _speakers(introduction, quote) == [(quote, "Wes Marlow")]


def test_a_capitalised_first_word_is_not_taken_for_a_one_word_name() -> None:
    assert _speakers(
        "Mayor Anna Lind toured the docks.",
        "Officials said the cranes were idle.",
        "“We are waiting,” she said.",
    ) == [("“We are waiting,” she said.", "Anna Lind")]


def test_a_word_opening_a_sentence_before_a_name_is_no_part_of_the_name() -> None:
    assert _speakers(
        "“He said he would be home for dinner,” said Vera Kostan, whose husband is missing.",
        "The company has promised compensation. For Vera Kostan, that is not the point. "
        "“I don’t want money,” she said.",
    ) == [
        (
            "“He said he would be home for dinner,” said Vera Kostan, whose husband is missing.",
            "Vera Kostan",
        ),
        ("“I don’t want money,” she said.", "Vera Kostan"),
    ]


def test_a_place_in_capitals_opening_the_text_is_a_dateline_not_a_speaker() -> None:
    # "KUALA LUMPUR: ...", "NEW YORK: ...": the dateline of some agencies, then narration.
    statements = split_statements(
        _source(
            "NEW YORK: The jury found the founder of the exchange guilty on Thursday.",
            "The sentencing was set for March.",
            '"Fraud is as old as time," prosecutor Dana Wills said.',
        )
    )
    assert [(s.kind.value, s.text, s.speaker) for s in statements] == [
        ("dateline", "NEW YORK:", None),
        ("body", "The jury found the founder of the exchange guilty on Thursday.", None),
        ("body", "The sentencing was set for March.", None),
        ("quote", '"Fraud is as old as time," prosecutor Dana Wills said.', "Dana Wills"),
    ]
    # A speaker in capitals who speaks of themselves opens a transcript.
    assert _speakers("TOKAYEV: We will restore order.", "The operation goes on.") == [
        ("TOKAYEV: We will restore order.", "Tokayev"),
        ("The operation goes on.", "Tokayev"),
    ]
