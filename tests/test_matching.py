"""Unit tests of generator.matching.match_statements on small inline reports."""

from __future__ import annotations

import dataclasses

import pytest

from generator.evidence import FEATURES
from generator.matching import candidate_evidence, match_statements
from generator.model import Alias, Conflict, LinkKind, MatchSettings, Statement, StatementKind
from generator.wording import (
    Vocabulary,
    canonical_text,
    find_acronyms,
    stem_word,
    word_similarity,
)


def _statements(source: str, *texts: str) -> list[Statement]:
    return [
        Statement(f"{source}-{n}", source, text, StatementKind.BODY, n, 0, 0, 0, len(text))
        for n, text in enumerate(texts)
    ]


def _linked(statements: list[Statement]) -> set[tuple[str, str]]:
    """Return the pairs of statement ids the matcher links, with the default settings."""
    return {(link.source, link.target) for link in match_statements(statements, MatchSettings())}


def test_two_statements_on_when_a_body_was_founded_are_linked_with_their_years() -> None:
    statements = [
        *_statements(
            "times",
            "The alliance sent peacekeeping troops to the capital on Thursday.",
            "The CSTO has existed since May 15, 1992.",
        ),
        *_statements(
            "daily",
            "Troops of the alliance arrived in the capital on Thursday morning.",
            "The CSTO was established in 2002 as a military alliance by Russia and Armenia.",
        ),
    ]
    links = match_statements(statements, MatchSettings())
    founded = [link for link in links if link.source == "times-1"]
    assert [(link.target, link.kind, link.conflicts) for link in founded] == [
        ("daily-1", LinkKind.PARTIAL, (Conflict("year", "1992", "2002"),))
    ]


def test_every_candidate_pair_has_one_value_per_feature() -> None:
    statements = [
        *_statements("a", "The union demands a pay rise of nine percent for dockworkers."),
        *_statements("b", "Dockworkers demand a nine percent pay rise, the union said."),
    ]
    evidence = candidate_evidence(statements, MatchSettings())
    assert [(a, b) for a, b, _ in evidence] == [("a-0", "b-0")]
    assert len(evidence[0][2]) == len(FEATURES)


def test_a_list_of_names_is_matched_and_a_caption_of_names_is_not() -> None:
    def said(source: str, n: int, text: str, kind: StatementKind) -> Statement:
        return Statement(f"{source}-{n}", source, text, kind, n, 0, 0, 0, 0)

    body, caption = StatementKind.BODY, StatementKind.CAPTION
    statements = [
        said("times", 0, "It includes Arland, Belmark, Corvia, Dovre, Estmark and Falun.", body),
        said(
            "times",
            1,
            "Troops from Belmark and Corvia reached the border, said Hanna Lind and Jon Berg.",
            body,
        ),
        said("times", 2, "Belmark's premier Hanna Lind with Corvia's Jon Berg", caption),
        said(
            "daily",
            0,
            "The league was founded in 1998 by Falun, Estmark, Dovre, Corvia, Belmark and Arland.",
            body,
        ),
        said(
            "daily",
            1,
            "Belmark's premier Hanna Lind and Corvia's Jon Berg met in Dovre on Friday.",
            body,
        ),
        said(
            "daily",
            2,
            "Farmers in Dovre, Estmark and Falun blocked roads near the border on Thursday.",
            body,
        ),
    ]
    # "includes" is the list's one word that is not a name; the caption's one is "premier".
    pairs = [(a, b) for a, b, _ in candidate_evidence(statements, MatchSettings())]
    assert pairs == [("times-0", "daily-0")]


def test_dates_are_one_word_however_written() -> None:
    assert canonical_text("They met on Jan. 6, 2022, and on 7 January.", ()) == (
        "they met on month1day6 2022 and on month1day7"
    )


@pytest.mark.parametrize(
    "text",
    ["with the Head of State presiding", "with the Head of the State presiding"],
)
def test_an_alias_reads_as_its_name_with_or_without_an_article_inside(text: str) -> None:
    aliases = (Alias("Kassym-Jomart Tokayev", ("the Head of the State",)),)
    assert canonical_text(text, aliases) == "with kassym jomart tokayev presiding"


def test_an_alias_does_not_swallow_a_longer_word() -> None:
    aliases = (Alias("Kassym-Jomart Tokayev", ("the Head of State",)),)
    assert canonical_text("the Head of the Statement", aliases) == "the head of the statement"


def test_words_capitalised_only_in_a_title_case_headline_are_not_names() -> None:
    vocabulary = Vocabulary(
        [
            "President Vows Decisive Measures Against Rioters in Almaty",
            "The president met officials in Almaty on Friday.",
        ],
        (),
    )
    assert vocabulary.statements[0].names == {"almaty"}


def test_two_statements_on_the_day_an_event_began_are_linked_with_their_dates() -> None:
    statements = [
        *_statements("wire", "The fire, which started on the afternoon of August 4, grew."),
        *_statements("paper", "The fire broke out on 3 August near the ridge trail."),
    ]
    links = match_statements(statements, MatchSettings())
    assert [(link.source, link.target, link.kind, link.conflicts) for link in links] == [
        ("wire-0", "paper-0", LinkKind.PARTIAL, (Conflict("date", "August 4", "3 August"),))
    ]


def test_narration_restating_a_quote_takes_the_quote_s_links() -> None:
    statements = [
        Statement(
            "ministry-0",
            "ministry",
            "The Minister said the Government respects the right to strike and will not use "
            "the armed forces.",
            StatementKind.BODY,
            0,
            0,
            0,
            0,
            0,
        ),
        Statement(
            "ministry-1",
            "ministry",
            "“The right to strike is protected by our Constitution, and this Government will "
            "not send soldiers onto the quays,” Minister Marrow said.",
            StatementKind.QUOTE,
            1,
            0,
            0,
            0,
            0,
        ),
        Statement(
            "paper-0",
            "paper",
            "“The right to strike is protected by our Constitution, and this Government will "
            "not send soldiers onto the quays,” Ms Marrow said in a statement on Tuesday.",
            StatementKind.QUOTE,
            0,
            0,
            0,
            0,
            0,
        ),
    ]
    links = match_statements(statements, MatchSettings())
    assert sorted((link.source, link.target) for link in links) == [
        ("ministry-0", "paper-0"),
        ("ministry-1", "paper-0"),
    ]


def test_narration_restating_a_later_sentence_of_the_next_quote_takes_its_links() -> None:
    def said(source: str, n: int, text: str, kind: StatementKind, block: int) -> Statement:
        return Statement(f"{source}-{n}", source, text, kind, block, 0, 0, 0, 0)

    def linked(quote_block: int) -> set[tuple[str, str]]:
        statements = [
            said(
                "ministry",
                0,
                "The closure of the port is not aimed against the freedoms of dockers, the "
                "Minister said.",
                StatementKind.BODY,
                0,
            ),
            said(
                "ministry",
                1,
                "“Last month I told parliament that safety comes first on the quays.",
                StatementKind.QUOTE,
                quote_block,
            ),
            said(
                "ministry",
                2,
                "This does not mean an attack on the freedoms of dockers or their unions,” she "
                "said.",
                StatementKind.QUOTE,
                quote_block,
            ),
            said(
                "paper",
                0,
                "He said that the closure is no attack on dockers or their unions.",
                StatementKind.BODY,
                0,
            ),
        ]
        return _linked(statements)

    # The narration restates the quote's second sentence, not its first.
    assert linked(1) == {("ministry-2", "paper-0"), ("ministry-0", "paper-0")}
    # A quote two paragraphs away is not what the narration restates.
    assert linked(2) == {("ministry-2", "paper-0")}


def test_narration_sharing_only_names_and_a_word_with_a_quote_does_not_restate_it() -> None:
    def said(n: int, text: str, kind: StatementKind, block: int) -> Statement:
        return Statement(f"wire-{n}", "wire", text, kind, block, 0, 0, 0, 0)

    statements = [
        said(
            0,
            'Halvorsen noted that Northland needs the Baltic Alliance ships to "provide cover '
            'and support."',
            StatementKind.QUOTE,
            0,
        ),
        said(1, "Protests spread to the ports of Northland on Monday.", StatementKind.BODY, 1),
        said(
            2, "The Northland president asked the Baltic Alliance for help.", StatementKind.BODY, 1
        ),
        Statement(
            "paper-0",
            "paper",
            "Halvorsen sought help from the Baltic Alliance on Monday.",
            StatementKind.BODY,
            0,
            0,
            0,
            0,
            0,
        ),
    ]
    # The request is reported by both; the ships' task is the wire's alone, though the quote
    # and the request have the same actors and "support" / "help" in common.
    assert _linked(statements) == {("wire-2", "paper-0")}


def test_a_name_opening_two_sentences_with_days_is_not_one_event() -> None:
    statements = [
        *_statements("a", "Tokayev has led the council since January 5, 2020."),
        *_statements(
            "b",
            "Tokayev said the operation started on January 6 in the capital.",
            "Reporters asked Tokayev about the operation in the capital.",
        ),
    ]
    links = match_statements(statements, MatchSettings())
    assert [(link.source, link.target) for link in links if link.source == "a-0"] == []


def _score(first: str, second: str, synonyms: tuple[tuple[str, ...], ...]) -> float:
    statements = [
        *_statements("wire", first, "Ferry tickets will be refunded in full, the company said."),
        *_statements("paper", "Fishing boats stayed in port on Friday.", second),
    ]
    settings = dataclasses.replace(MatchSettings(), synonyms=synonyms)
    [link] = match_statements(statements, settings)
    assert (link.source, link.target) == ("wire-0", "paper-1")
    return link.score


def test_synonyms_count_as_near_matches() -> None:
    asked = "The minister asked neighbouring countries for help after the floods."
    sought = "The minister sought assistance from neighbouring nations after the floods."
    assert _score(asked, sought, MatchSettings().synonyms) > _score(asked, sought, ()) + 0.15
    dockers = "Dockers walked out at dawn, halting the container terminal."
    stevedores = "Stevedores walked out at dawn, halting the container terminal."
    own = (("dockers", "stevedores"),)
    assert _score(dockers, stevedores, own) > _score(dockers, stevedores, ()) + 0.05


@pytest.mark.parametrize(
    ("text", "other"),
    [
        (
            "A powerful quake flattened villages in the mountains south of the city.",
            "The earthquake flattened villages in the mountains south of the city.",
        ),
        (
            "Ostrava won the final on penalties after a goalless draw.",
            "Ostrava won the final in a shootout after a goalless draw.",
        ),
    ],
)
def test_default_synonyms_cover_words_news_reports_swap(text: str, other: str) -> None:
    assert _score(text, other, MatchSettings().synonyms) > _score(text, other, ()) + 0.05


def test_an_amount_with_a_decimal_point_or_a_percent_sign_is_one_word() -> None:
    cut = "The central bank lowered its deposit rate to 3.75% on Thursday."
    same = "The central bank lowered its deposit rate to 3.75 per cent on Thursday."
    other = "The central bank lowered its deposit rate to 4.75 percent on Thursday."
    assert _score(cut, same, ()) == pytest.approx(1.0)
    assert _score(cut, other, ()) < 0.9
    statements = Vocabulary(["Unions want 9 per cent.", "Unions want 9%.", "Two sides met."], ())
    assert [words.stems for words in statements.statements] == [
        ("union", "want", "9", "percent"),
        ("union", "want", "9", "percent"),
        ("side", "meet"),
    ]


@pytest.mark.parametrize(
    ("text", "other"),
    [
        ("deposit rate lowered to 3.75%", "deposit rate lowered to 3.25%"),
        ("protests began on January 6", "protests began on January 16"),
        ("France lost 4-2", "France lost 4-3"),
    ],
)
def test_two_figures_spelt_alike_are_not_near_twins(text: str, other: str) -> None:
    ours, theirs = (
        next(stem for stem in words.stems if any(c.isdigit() for c in stem))
        for words in Vocabulary([text, other], ()).statements
    )
    assert ours != theirs
    assert word_similarity(ours, theirs) == 0.0


def test_a_score_is_one_word() -> None:
    texts = [
        "Argentina beat France 4-2 on penalties after a 3-3 draw.",
        "Argentina won the shootout 4–2.",
        "COVID-19 cases rose on 2022-12-18.",
    ]
    stems = [words.stems for words in Vocabulary(texts, ()).statements]
    assert stems[0] == ("argentina", "beat", "france", "4to2", "penalty", "3to3", "draw")
    assert "4to2" in stems[1]
    assert not any("to" in stem for stem in stems[2])


def test_a_sum_in_billions_is_one_word_however_it_is_written() -> None:
    texts = [
        "Microsoft closes $69B deal.",
        "Microsoft closes $69bn deal.",
        "Microsoft closes $69 billion deal.",
    ]
    stems = {words.stems for words in Vocabulary(texts, ()).statements}
    assert stems == {("microsoft", "clos", "69000000000", "deal")}


def test_an_acronym_is_the_name_another_text_writes_in_full() -> None:
    texts = [
        "The president asked the Collective Security Treaty Organization for help.",
        "The CSTO sent troops.",
        "Officials of the World Health Organization said so.",  # no text says WHO
        "The Securities and Exchange Commission (SEC) said so.",
    ]
    found = {(alias.name, alias.variants) for alias in find_acronyms(texts)}
    assert found == {
        ("CSTO", ("Collective Security Treaty Organization",)),
        ("SEC", ("Securities and Exchange Commission",)),
    }
    words = Vocabulary(texts[:2], ()).statements
    assert "csto" in words[0].stems


def test_a_negated_word_is_not_the_word() -> None:
    words = Vocabulary(
        [
            "Bankman-Fried had pleaded not guilty to fraud.",
            "Bankman-Fried was found guilty of fraud.",
            "The militants have not laid down their arms.",
            "The militants did not yet lay down their arms, and continue to fight.",
        ],
        (),
    ).statements
    assert "guilty" not in words[0].stems
    assert "guilty" in words[1].stems
    assert word_similarity(words[0].stems[-2], "guilty") == 0.0
    # Negated the same way, whatever words come between; the next clause is not negated.
    assert words[2].stems == ("militant", "not_lay", "arm")
    assert words[3].stems[:3] == words[2].stems
    assert "continue" in words[3].stems


def test_initials_written_with_points_are_the_acronym() -> None:
    texts = [
        "The European Central Bank(ECB) cut rates on Thursday.",
        "The E.C.B. lowered rates, moving before the U.S. Federal Reserve.",
    ]
    vocabulary = Vocabulary(texts, ())
    assert [(alias.name, alias.variants) for alias in vocabulary.aliases] == [
        ("ECB", ("European Central Bank",))
    ]
    assert "ecb" in vocabulary.statements[1].stems
    assert "ecb" in vocabulary.statements[0].stems


def _caption_and_reports(*ministry: str) -> list[Statement]:
    caption = "Cranes at the container terminal stood idle on Monday."
    return [
        Statement("ministry-0", "ministry", caption, StatementKind.CAPTION, 0, 0, 0, 0, 54),
        *[
            dataclasses.replace(s, id=f"ministry-{n + 1}", block=n + 1)
            for n, s in enumerate(_statements("ministry", *ministry))
        ],
        *_statements(
            "paper",
            "The cranes of the container terminal stood idle for a second day, and ships waited "
            "at anchor.",
            "The union said talks would resume on Thursday at the ministry.",
        ),
    ]


def test_a_caption_links_to_the_prose_it_restates_when_each_is_the_other_s_best() -> None:
    links = match_statements(_caption_and_reports(), MatchSettings())
    assert [(link.source, link.target, link.kind) for link in links] == [
        ("ministry-0", "paper-0", LinkKind.PARTIAL)
    ]


def test_two_statements_of_different_parts_of_a_third_are_not_linked_through_it(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    statements = [
        *_statements(
            "wire",
            "The minister closed the northern port for a week on Monday and raised the tax on "
            "diesel fuel by two cents a litre.",
        ),
        *_statements("daily", "On Monday the minister closed the northern port for a week."),
        *_statements(
            "times", "The minister also raised the diesel fuel tax by two cents a litre on Monday."
        ),
    ]
    halves = ("daily-0", "times-0")
    assert _linked(statements) == {("wire-0", "daily-0"), ("wire-0", "times-0")}
    # Each is linked to the wire story, and closure alone would link the two.
    monkeypatch.setattr("generator.matching._SAME_PART", 0.0)
    assert halves in _linked(statements)


def test_a_caption_does_not_link_to_prose_closer_to_another_sentence() -> None:
    # The ministry's own sentence is the report's counterpart; the caption only looks like it.
    statements = _caption_and_reports(
        "The cranes of the container terminal stood idle for a second day while ships waited "
        "at anchor."
    )
    links = match_statements(statements, MatchSettings())
    assert [(link.source, link.target) for link in links] == [("ministry-1", "paper-0")]


def test_british_and_american_spellings_are_one_word() -> None:
    for british, american in [
        ("centre", "center"),
        ("metres", "meters"),
        ("theatres", "theater"),
        ("harbour", "harbor"),
        ("organisation", "organization"),
        ("defence", "defense"),
        ("neighbouring", "neighboring"),
    ]:
        assert word_similarity(stem_word(british), stem_word(american)) >= 0.9, british
    assert stem_word("massacre") == "massacre"  # -cre is not -tre


def test_a_statement_linked_to_two_of_each_of_two_sources_ties_none_of_them_together() -> None:
    # The inquiry's finding is told in two statements of each report, and the general
    # statement of a third is linked to all four: the takeoff and the chair's words are still
    # not one another's counterparts across the two reports.
    takeoff = (
        "Shortly after takeoff from Testville the jet lost {} door plug in flight at 16,000 feet."
    )
    chair = (
        "The chair said the inquiry found the part which fell from the jet was a door plug, "
        "and its first full day will be Sunday."
    )
    statements = [
        *_statements(
            "hub",
            "The inquiry found that the part which fell from the jet in flight was a door plug.",
        ),
        *_statements("koin", takeoff.format("a"), chair),
        *_statements("nation", chair, takeoff.format("the")),
    ]
    links = _linked(statements)
    assert {("koin-0", "nation-1"), ("koin-1", "nation-0")} <= links
    assert ("koin-0", "nation-0") not in links
    assert ("koin-1", "nation-1") not in links


def test_contractions_and_irregular_verbs_have_the_words_of_their_full_forms() -> None:
    words = Vocabulary(
        [
            "Militants didn’t lay down weapons and won't stop, they've said.",
            "The militants have not laid down their weapons and will not stop.",
            "Police sought help; troops struck back.",
            "Police seek help as troops strike back.",
        ],
        (),
    ).statements
    assert words[0].stems == ("militant", "not_lay", "weapon", "not_stop")
    assert set(words[0].stems) == set(words[1].stems)
    assert words[2].stems == words[3].stems
    # "striving" keeps the e of "strive", so it is not spelt like "strike".
    assert stem_word("striving") == "strive"
    assert word_similarity(stem_word("striving"), stem_word("struck")) == 0.0


def test_short_plurals_are_their_singular_and_a_possessive_leaves_no_word() -> None:
    words = Vocabulary(
        [
            "ECB cuts rates after 12 days of talks, the bank’s chief said at 3 p.m.",
            "The ECB cut its rate after twelve days of talks, its chief said.",
            "The news of the bus crash spread.",
        ],
        (),
    ).statements
    assert words[0].stems == ("ecb", "cut", "rate", "12", "day", "talk", "bank", "chief")
    assert set(words[1].stems) == set(words[0].stems) - {"bank"}
    # Four-letter words that are no plural keep their s.
    assert words[2].stems == ("news", "bus", "crash", "spread")


def test_a_lone_statement_between_two_links_is_aligned_on_its_words_and_their_synonyms() -> None:
    # Two translations of one speech: the middle sentences share one word and some synonyms
    # (protesters / crowds, fighters / insurgents), too little for their cosine; the links
    # before and after vouch for them.
    statements = [
        *_statements(
            "akorda",
            "The President held a session of the Security Council on the situation in the port.",
            "He named the protesters in the north foreign fighters.",
            "The counter-terrorist operation will go on until the gangs are destroyed, he said.",
        ),
        *_statements(
            "times",
            "The President chaired a session of the Security Council on the situation in the port.",
            "Late on Monday he described the crowds in the north as insurgents, blaming them for "
            "the blackout, the closure of the airport, the price of bread and the long queues at "
            "the railway station.",
            "The counter-terrorist operation will go on until the gangs are destroyed, he said.",
        ),
    ]
    links = _linked(statements)
    assert links == {("akorda-0", "times-0"), ("akorda-1", "times-1"), ("akorda-2", "times-2")}


def test_a_caption_between_two_links_is_not_aligned_by_its_place() -> None:
    # A caption sits wherever its picture was put: its place says nothing about which sentence
    # of another report it goes with, so only its words can link it.
    statements = [
        *_statements(
            "akorda",
            "The President held a session of the Security Council on the situation in the port.",
            "The President told the nation that the protesters in the north were foreign fighters.",
            "The counter-terrorist operation will go on until the gangs are destroyed, he said.",
        ),
        *_report(
            "times",
            (
                StatementKind.BODY,
                "The President chaired a session of the Security Council on the situation in the "
                "port.",
            ),
            (StatementKind.CAPTION, "The President addresses the nation from the capital."),
            (
                StatementKind.BODY,
                "The counter-terrorist operation will go on until the gangs are destroyed, he "
                "said.",
            ),
        ),
    ]
    links = _linked(statements)
    assert links == {("akorda-0", "times-0"), ("akorda-2", "times-2")}


@pytest.mark.parametrize(
    ("word", "first", "second"),
    [
        (
            "chair",
            "The president held a meeting of the council on the floods in the north.",
            "The president chaired a meeting of the council on the floods in the north.",
        ),
        (
            "anti",
            "Thousands marched in an anti-corruption protest in the capital on Sunday.",
            "Thousands marched against corruption in the capital on Sunday.",
        ),
    ],
)
def test_a_default_synonym_group_makes_its_words_near_matches(
    word: str, first: str, second: str
) -> None:
    defaults = MatchSettings().synonyms
    others = tuple(group for group in defaults if word not in group)
    assert len(others) == len(defaults) - 1
    assert _score(first, second, defaults) > _score(first, second, others) + 0.05


def _report(source: str, *texts: tuple[StatementKind, str]) -> list[Statement]:
    return [
        Statement(f"{source}-{n}", source, text, kind, n, 0, 0, 0, len(text))
        for n, (kind, text) in enumerate(texts)
    ]


def test_a_headline_takes_the_links_of_the_sentence_it_sums_up_and_gives_it_none() -> None:
    body, quote, headline = StatementKind.BODY, StatementKind.QUOTE, StatementKind.HEADLINE
    statements = [
        *_report(
            "wire",
            (headline, "Governor says looters didn't give back generators, curfew to stay"),
            (body, "The governor spoke on the radio on Saturday morning."),
            (body, "Schools in the valley will stay closed until the roads are cleared."),
            (
                quote,
                '"The looters have not given back the generators they took from the Marlow '
                'clinic on Tuesday night," she said.',
            ),
        ),
        *_report(
            "paper",
            (
                body,
                "Generators taken from the Marlow clinic on Tuesday night are still in the "
                "hands of looters.",
            ),
            (body, "Schools in the valley will reopen once the roads are cleared."),
        ),
    ]
    links = {
        (link.source, link.target): link.kind
        for link in match_statements(statements, MatchSettings())
    }
    # The headline's first claim sums up the quote (the paper's sentence is too unlike the
    # headline to be linked to it alone): the headline links to the quote's counterpart, as a
    # part of what it says (it says more: the curfew).
    assert links == {
        ("wire-0", "paper-0"): LinkKind.PARTIAL,
        ("wire-2", "paper-1"): LinkKind.PARAPHRASE,
        ("wire-3", "paper-0"): LinkKind.PARAPHRASE,
    }


def test_a_sentence_with_its_copy_in_a_source_links_to_no_neighbour_of_the_copy() -> None:
    # A press release and a wire story that reprints most of it: each reprinted sentence has
    # its copy, and the other sentences on insured deposits and the closing are neighbours.
    statements = [
        *_statements(
            "release",
            "Harbor Trust Bank was closed today by the Norland Banking Commission, which "
            "appointed the Deposit Guarantee Agency as receiver.",
            "To protect insured depositors, the Deposit Guarantee Agency created the Bridge "
            "Bank of Alder Falls.",
            "At the time of closing, the agency as receiver immediately transferred to the "
            "bridge bank all insured deposits of Harbor Trust Bank.",
            "All insured depositors will have full access to their insured deposits no later "
            "than Monday morning, 13 May.",
            "At the time of closing, the amount of deposits in excess of the insurance limits "
            "was undetermined.",
            "The agency will pay uninsured depositors an advance dividend within the next week.",
        ),
        *_statements(
            "wire",
            "The Norland Banking Commission has taken possession of Harbor Trust Bank and "
            "appointed the Deposit Guarantee Agency as receiver.",
            "All insured depositors will have full access to their insured deposits no later "
            "than the morning of 13 May, the agency said.",
            "At the time of the bank's closing, the amount of deposits in excess of the "
            "insurance limits was undetermined, the agency said.",
            "The agency will pay uninsured depositors an advance dividend within the next week.",
        ),
    ]
    links = _linked(statements)
    copies = {("release-3", "wire-1"), ("release-4", "wire-2"), ("release-5", "wire-3")}
    assert copies <= links
    # "To protect insured depositors ..." / "All insured depositors will have full access ...";
    # "... transferred ... all insured deposits" / "... deposits in excess ... undetermined".
    assert not {("release-1", "wire-1"), ("release-2", "wire-2")} & links


def test_a_sentence_joining_two_of_another_source_keeps_its_link_to_the_second() -> None:
    # The digest joins the council's two sentences into one: it has a near-copy of the first,
    # and still reports the second, which says what the copy does not.
    statements = [
        *_statements(
            "council",
            "The storm flooded the lower town of Marlow overnight and cut the road to the "
            "harbour in three places.",
            "Emergency crews will need two weeks to clear the debris from the harbour road.",
            "Schools in the district stay open.",
        ),
        *_statements(
            "digest",
            "The storm flooded the lower town of Marlow overnight and cut the harbour road in "
            "three places, which crews will need two weeks to clear of debris.",
            "Schools remain open across the district.",
        ),
    ]
    links = _linked(statements)
    assert ("council-0", "digest-0") in links
    assert ("council-1", "digest-0") in links


def test_phrases_that_work_as_prepositions_leave_their_nouns_out() -> None:
    # "In connection with the appeal" says nothing about connections: it does not match
    # "the internet connection was restored".
    words = Vocabulary(
        [
            "In connection with the appeal and in view of the threat, the council, in "
            "accordance with the treaty, sent forces, inter alia, due to the unrest.",
            "The internet connection was restored; the view from the harbour is clear.",
        ],
        (),
    ).statements
    assert set(words[0].stems) == {
        "appeal",
        "threat",
        "council",
        "treaty",
        "send",
        "forc",
        "unrest",
    }
    assert {"connection", "view"} <= set(words[1].stems)


def test_the_same_count_in_two_places_is_no_link() -> None:
    # Two tolls that read alike: one country's and the other's.
    statements = [
        *_statements(
            "wire",
            "A powerful earthquake struck the border region before dawn on Monday.",
            "At least 284 people died in Vastria, the vice president said.",
        ),
        *_statements(
            "paper",
            "The quake hit the border region early on Monday.",
            "At least 1,293 people died across Norlund, the government said.",
        ),
    ]
    links = _linked(statements)
    assert ("wire-0", "paper-0") in links
    assert ("wire-1", "paper-1") not in links


def test_prepositions_like_throughout_are_not_words_two_statements_share() -> None:
    # Both are about the curfew over the whole province; what each says of it differs. Only
    # "curfew", "province" and the preposition "throughout" are shared: too little.
    statements = [
        *_statements(
            "agency",
            "A curfew is now in force throughout the province.",
            "Schools will reopen on Monday, the mayor said.",
        ),
        *_statements(
            "paper",
            "The curfew is giving its results: calm is returning throughout the province.",
            "Bus services resumed in the capital.",
        ),
    ]
    assert match_statements(statements, MatchSettings()) == []
    words = Vocabulary(["Calm returned throughout the region despite the curfew until Friday."], ())
    assert {"throughout", "despite", "until"}.isdisjoint(words.statements[0].stems)


def test_a_description_set_off_after_a_name_is_not_what_a_statement_reports() -> None:
    texts = [
        "The president asked the Northern Pact, a military alliance of former colonies, for help.",
        "In Almaty, a crowd gathered, and police fired shots.",
        "On Friday, the ministry said, the border stayed closed.",
        "Opposition leader Bruno Aldrecht, whose party brought the case, called it a victory.",
    ]
    asked, crowd, ministry, leader = Vocabulary(texts, ()).statements
    assert "alliance" not in asked.stems and "help" in asked.stems
    assert "case" not in leader.stems and "victory" in leader.stems
    assert {"crowd", "gather"} <= set(crowd.stems)
    assert "ministry" in ministry.stems


def test_a_request_is_linked_to_the_request_not_to_what_describes_the_body_asked() -> None:
    statements = [
        *_statements(
            "wire",
            "The president asked the Northern Pact, a military alliance of former colonies, "
            "for help.",
            "Looting was reported in the old town overnight.",
        ),
        *_statements(
            "paper",
            "The Northern Pact was founded in 1994 as a military alliance of former colonies.",
            "Shops in the old town were looted overnight, residents said.",
            "The president sought help from the leaders of the Northern Pact countries.",
        ),
    ]
    pairs = _linked(statements)
    assert ("wire-0", "paper-2") in pairs
    assert ("wire-0", "paper-0") not in pairs


def test_a_sentence_takes_the_links_its_copy_in_another_translation_was_given() -> None:
    statements = [
        *_statements(
            "transcript",
            "The session of the Security Council was held in the palace.",
            "Relying on the Northern Treaty, today I appealed to the heads of the Northern Pact "
            "states to assist Veldia in overcoming this terrorist threat.",
            "Together we will win.",
        ),
        *_statements(
            "translation",
            "A meeting of the Security Council was held in the capital.",
            "Relying on the Northern Treaty, today I turned to the heads of the other Northern "
            "Pact states to help Veldia overcome this terrorist threat.",
            "Together we will win.",
        ),
        *_statements(
            "wire",
            "Proceeding from the charter of the Northern Pact, Veldia appealed to the heads of "
            "the member states with a request to send joint forces to assist in restoring order.",
        ),
        *_statements(
            "paper",
            "Veldia sought help from the Northern Pact member states, asking for forces to "
            "restore order.",
        ),
    ]
    pairs = _linked(statements)
    # The paper's request is linked to the transcript through the wire; the translation has
    # it from the transcript, its copy.
    assert ("transcript-1", "paper-0") in pairs
    assert ("translation-1", "paper-0") in pairs


def _headed(source: str, headline: str, *texts: str) -> list[Statement]:
    first, *rest = _statements(source, headline, *texts)
    return [dataclasses.replace(first, kind=StatementKind.HEADLINE), *rest]


def _rate_cut_headlines(paper: str) -> list[Statement]:
    """Two headlines that lead with the same news, each over a sentence; ``paper``: the
    second one's sentence."""
    return [
        *_headed(
            "wire",
            "Northland bank cuts rates, keeps next move under wraps",
            "Traders had priced in the move weeks ago.",
        ),
        *_headed("paper", "Northland central bank cuts interest rates by a quarter point", paper),
    ]


def test_headlines_that_lead_with_the_same_news_are_linked_as_partial() -> None:
    statements = _rate_cut_headlines("Mortgage holders may not notice the difference for months.")
    links = match_statements(statements, MatchSettings())
    assert [(link.source, link.target, link.kind) for link in links] == [
        ("wire-0", "paper-0", LinkKind.PARTIAL)
    ]


def test_a_headline_takes_the_counterparts_of_the_headline_it_is_linked_to() -> None:
    # The two headlines are linked after closure has run; the radio's sentence is linked to the
    # paper's headline. Closed in turn, the wire's headline reaches it, as partial: it says more.
    statements = [
        *_rate_cut_headlines("The governor gave no hint of what comes next."),
        *_statements(
            "radio",
            "Mortgage holders will see little change at first.",
            "On Thursday the central bank of Northland lowered interest rates by a quarter of a "
            "point.",
        ),
    ]
    links = match_statements(statements, MatchSettings())
    assert [(link.source, link.target, link.kind) for link in links] == [
        ("wire-0", "paper-0", LinkKind.PARTIAL),
        ("wire-0", "radio-1", LinkKind.PARTIAL),
        ("paper-0", "radio-1", LinkKind.PARAPHRASE),
    ]


def test_headlines_that_share_a_subject_but_not_a_claim_are_not_linked() -> None:
    # Neither by the rule for headlines nor as the leads of two reports: a subject is two words
    # ("bank governor"), and two headlines need three that are not names ("Northland", named
    # in the text) to be linked as leads.
    statements = [
        *_headed(
            "wire",
            "Northland bank governor resigns, cites health",
            "He had led the bank of Northland for six years.",
        ),
        *_headed("paper", "Northland bank governor visits flooded towns", "Roads stayed shut."),
    ]
    assert match_statements(statements, MatchSettings()) == []


def _strike_reports(lead_first: bool) -> list[Statement]:
    """Two reports that each give the end of a strike in words of their own, as their first
    sentence when ``lead_first``, else as their second."""
    wire = (
        "Dockworkers in Marlow ended their nine-day strike on Friday after accepting a pay offer."
    )
    paper = (
        "The port of Marlow reopened on Friday after a strike of nine days, and ships were "
        "unloaded again."
    )
    wire_text = ["Cranes were idle all week.", "The union had asked for more."]
    paper_text = ["Ships queued in the bay for days.", "Exporters lost millions."]
    wire_text.insert(0 if lead_first else 1, wire)
    paper_text.insert(0 if lead_first else 1, paper)
    return [
        *_headed("wire", "Marlow dock strike ends", *wire_text),
        *_headed("paper", "Port of Marlow back at work", *paper_text),
    ]


def test_the_first_sentences_of_two_reports_link_on_weaker_evidence() -> None:
    # A report leads with its main news, and two reports of one event most often lead with the
    # same news: the two first sentences are linked, as partial (each adds an angle of its
    # own), on evidence that would not link two sentences further down.
    links = match_statements(_strike_reports(lead_first=True), MatchSettings())
    assert [(link.source, link.target, link.kind) for link in links] == [
        ("wire-1", "paper-1", LinkKind.PARTIAL)
    ]
    assert _linked(_strike_reports(lead_first=False)) == set()


def test_a_headline_that_names_a_question_links_only_to_its_copy() -> None:
    # "What ... means" says what the text will explain, not what happened: however many words
    # it shares with the news, it states none of it. A reprint of it is still its copy.
    teaser = "Marlow docks fire: What the blaze that halted shipping at the port means for trade"
    statements = [
        *_headed("wire", teaser, "Two warehouses of grain burned down overnight."),
        *_headed(
            "paper",
            "Blaze at the Marlow docks halts shipping at the port",
            "Two grain warehouses burned to the ground overnight.",
        ),
        *_headed("portal", teaser, "Two warehouses of grain burned down overnight."),
    ]
    assert _linked(statements) == {
        ("wire-0", "portal-0"),
        ("wire-1", "paper-1"),
        ("wire-1", "portal-1"),
        ("paper-1", "portal-1"),
    }


def test_a_headline_does_not_sum_up_a_sentence_of_its_text_that_disagrees_with_it() -> None:
    statements = [
        *_report(
            "digest",
            (
                StatementKind.HEADLINE,
                "In Velmora collapsed mine, nine miners died, rescue is continuing",
            ),
            (
                StatementKind.BODY,
                "The roof of a gallery fell on Tuesday morning in the Koldan mine.",
            ),
            (StatementKind.BODY, "In 2009 year in the mine exploded methane, then died 17 miners."),
        ),
        *_report(
            "wire",
            (StatementKind.HEADLINE, "Roof fall at Koldan mine traps dozens"),
            (
                StatementKind.BODY,
                "Part of the roof of a gallery at the Koldan mine fell on Tuesday.",
            ),
            (StatementKind.BODY, "Seventeen miners died in a methane blast at Koldan in 2009."),
        ),
    ]
    # The digest's "died 17 miners" is the mine's earlier disaster, not the headline's claim:
    # the headline takes none of its links.
    assert ("digest-0", "wire-2") not in _linked(statements)
    assert ("digest-2", "wire-2") in _linked(statements)
