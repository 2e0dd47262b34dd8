"""Unit tests of generator.conflicts: numbers, years, dates, places and who is quoted."""

from __future__ import annotations

import pytest

from generator.conflicts import (
    find_conflicts,
    find_founding,
    find_start,
    normalise_numbers,
    speaker_conflict,
)
from generator.model import Conflict


@pytest.mark.parametrize(
    ("left", "right"),
    [
        ("About 20,000 people came.", "About 20K people came."),
        ("About 20,000 people came.", "About twenty thousand people came."),
        ("About 20K people came.", "About twenty thousand people came."),
        ("It cost 1.5 million dollars.", "It cost 1,500,000 dollars."),
        ("Three people were hurt.", "3 people were hurt."),
        ("They met on Jan. 6 in the hall.", "They met on January 6 in the hall."),
        ("They met on 6 January.", "They met on January 6."),
        ("They met on January 6, 2022.", "They met on January 6, 2022."),
        ("The bridge opened.", "The bridge opened in 1992."),
        ("The strike began on Monday, 11 March.", "The strike began on 11 March."),
        ("Talks are set for Thursday.", "Thursday's talks were set by the minister."),
        ("A pay rise of 7%.", "A pay rise of seven per cent."),
    ],
)
def test_same_facts_written_differently_are_no_conflict(left: str, right: str) -> None:
    assert find_conflicts(left, right) == ()


@pytest.mark.parametrize(
    ("left", "right", "expected"),
    [
        (
            "The bridge opened in 1992.",
            "The bridge opened in 2002.",
            Conflict("year", "1992", "2002"),
        ),
        (
            "They met on January 6.",
            "They met on January 7.",
            Conflict("date", "January 6", "January 7"),
        ),
        (
            "They met on 6 January.",
            "They met on 7 January.",
            Conflict("date", "6 January", "7 January"),
        ),
        ("They met on Jan. 6.", "They met on Jan. 7.", Conflict("date", "Jan. 6", "Jan. 7")),
        (
            "About 20,000 people came.",
            "About 25,000 people came.",
            Conflict("number", "20,000", "25,000"),
        ),
        ("Three people were hurt.", "Four people were hurt.", Conflict("number", "Three", "Four")),
    ],
)
def test_different_facts_are_a_conflict(left: str, right: str, expected: Conflict) -> None:
    assert find_conflicts(left, right) == (expected,)


def test_date_with_a_different_year_is_a_year_conflict() -> None:
    assert find_conflicts("They met in May 2020.", "They met in May 2021.") == (
        Conflict("year", "2020", "2021"),
    )


def test_several_conflicts_come_in_date_year_number_order() -> None:
    assert find_conflicts(
        "In 1992 about 20,000 came on January 6.", "In 2002 about 30,000 came on January 7."
    ) == (
        Conflict("date", "January 6", "January 7"),
        Conflict("year", "1992", "2002"),
        Conflict("number", "20,000", "30,000"),
    )


def test_conflict_lists_every_value_of_each_side() -> None:
    assert find_conflicts("Talks ran 5 or 6 hours.", "Talks ran 8 hours.") == (
        Conflict("number", "5, 6", "8"),
    )


def test_shared_value_among_others_is_no_conflict() -> None:
    assert find_conflicts("Talks ran 5 or 6 hours.", "Talks ran 6 hours.") == ()


@pytest.mark.parametrize(
    ("left", "right"),
    [
        ("The bridge opened in 1992.", "The bridge opened in 2002, officials said."),
        ("In 1992, the bridge opened.", "In 2002, the bridge opened."),
    ],
)
def test_year_followed_by_a_comma_is_a_year_conflict(left: str, right: str) -> None:
    assert find_conflicts(left, right) == (Conflict("year", "1992", "2002"),)


def test_the_one_amount_left_besides_same_noun_amounts_is_compared() -> None:
    left = "A total of 450 firefighters and six water-bombing aircraft are fighting the fire."
    right = "About 450 firefighters are on the fire lines, backed by eight water-bombing planes."
    assert find_conflicts(left, right) == (Conflict("number", "six", "eight"),)


@pytest.mark.parametrize(
    ("text", "subject"),
    [
        ("The CSTO has existed since May 15, 1992.", "CSTO"),
        ("The CSTO was established in 2002 as a military alliance by Russia.", "CSTO"),
        ("The United Nations, an intergovernmental body, was founded in 1945.", "United Nations"),
        ("The government was formed in 2019.", None),
        ("President Tokayev established a new fund in 2020.", None),
        ("Protests erupted in 2022.", None),
        ("The CSTO sent troops.", None),
    ],
)
def test_founding_of_a_named_body_is_found(text: str, subject: str | None) -> None:
    assert find_founding(text) == subject


@pytest.mark.parametrize(
    ("text", "event"),
    [
        ("The protests, which started on January 2, spread to other parts.", "protest"),
        ("Protests erupted in several cities on January 2, later growing into riots.", "protest"),
        ("The protests in the country have continued since January 2.", "protest"),
        ("The Brannock Hills fire broke out on the afternoon of Aug. 4.", "fire"),
        ("They met on January 6.", None),
        ("The fire destroyed 40 homes.", None),
    ],
)
def test_start_of_an_event_is_found(text: str, event: str | None) -> None:
    assert find_start(text) == event


def test_days_of_the_week_conflict_when_both_make_the_same_claim() -> None:
    left, right = "The strike began on Monday.", "The strike began on Tuesday morning."
    assert find_conflicts(left, right) == (Conflict("date", "Monday", "Tuesday"),)
    # One states part of the other: two days of one event, as often as a disagreement.
    assert find_conflicts(left, right, same_claim=False) == ()


@pytest.mark.parametrize(
    ("left", "right", "expected"),
    [
        ("It cost $1.2bn.", "It cost 1.2 billion dollars.", ()),
        ("It closed its $69B deal.", "It closed its $69 billion deal.", ()),
        ("A $1.5tn plan.", "A $1.5 trillion plan.", ()),
        ("A $1.5T plan.", "A plan of 1,500 billion dollars.", ()),
        ("Exports fell by $2.5 bln.", "Exports fell by $2.5 billion.", ()),
        ("It raised €300 mln.", "It raised 300 million euros.", ()),
        (
            "It closed its $69B deal.",
            "It closed its $75 billion deal.",
            (Conflict("number", "$69B", "$75 billion"),),
        ),
        ("A $40 million budget.", "A budget of 40 million dollars.", ()),
        (
            "It cost $1.2bn.",
            "It cost 1.5 billion dollars.",
            (Conflict("number", "$1.2bn", "1.5 billion"),),
        ),
        ("It cost €30m.", "It cost 35 million euros.", (Conflict("number", "€30m", "35 million"),)),
    ],
)
def test_a_currency_sign_counts_its_currency(
    left: str, right: str, expected: tuple[Conflict, ...]
) -> None:
    assert find_conflicts(left, right) == expected


def test_a_letter_after_a_figure_is_a_scale_only_after_a_currency_sign() -> None:
    assert normalise_numbers("$69B and £2T") == "$69000000000 and £2000000000000"
    assert normalise_numbers("Plan 7B, gate 5T") == "Plan 7B, gate 5T"
    assert find_conflicts("Seat 7B was empty.", "Seat 7 was empty.") == ()


@pytest.mark.parametrize(
    ("left", "right"),
    [
        # People killed and people injured are two counts, however near each other.
        (
            "The blast killed four people, injuring dozens.",
            "A girl was killed and at least 40 people were injured.",
        ),
        (
            "Over 14,000 people fled to the hills.",
            "The storm, one of two powerful storms this year, cut the power.",
        ),
        # An age, a span of time and a magnitude are no count of anything.
        (
            "The chief, 46-year-old Anna Lind, was hurt.",
            "The chief, in post for two decades, was hurt.",
        ),
        (
            "A magnitude 6.1 quake struck the coast.",
            "A 10-year-old boy was hurt when the quake struck.",
        ),
        # The day someone spoke is not the day of the event.
        ("The bridge collapsed late on Friday.", "The bridge collapsed, officials said Saturday."),
        (
            "The bank failed on Friday, the agency said.",
            "“The bank has failed,” the agency said in a statement on Sunday.",
        ),
        # Spans of time counted from different points: time left to land, time since take-off.
        (
            "The jet was 10 minutes out from the airport when the panel blew.",
            "The jet took off at 5:06 p.m. and landed about 20 minutes later.",
        ),
        # A time of day is no amount.
        ("The ferry left at 5:06 p.m. with 80 cars.", "The ferry left at 7 pm with 80 cars."),
        # Shares of different things: a rate and an inflation target; a cut and a level.
        (
            "The key deposit rate was lowered to 3.75 percent.",
            "Inflation is set to stay above the bank's 2 percent target into next year.",
        ),
        (
            "The key deposit rate was lowered to 3.75 percent.",
            "The bank cut interest rates by 0.25% as expected.",
        ),
        (
            "The bank cut rates for the first time since 2019, as inflation fell from a peak "
            "of over 10 percent.",
            "The deposit rate was lowered a quarter point to 3.75 percent.",
        ),
        # A name before a noun is not what is counted: shootouts are not finals.
        (
            "Argentina has now won six of its seven World Cup shootouts.",
            "France have now lost two World Cup Finals in penalty shoot-outs.",
        ),
        # "were" is not what an amount counts.
        (
            "Of the injured, the ministry wrote, 721 were in critical condition.",
            "At least 2,012 people were killed and 2,059 were wounded.",
        ),
    ],
)
def test_different_things_counted_or_dated_are_no_conflict(left: str, right: str) -> None:
    assert find_conflicts(left, right) == ()


@pytest.mark.parametrize(
    ("left", "right"),
    [
        # The other states the same figure without the noun, or with a word for people.
        (
            "Twenty-nine miners remain trapped underground.",
            "Nine miners were killed and 29 were still trapped underground.",
        ),
        (
            "Twelve miners are now known to have died.",
            "Of the 43 miners in the section, 12 are confirmed dead.",
        ),
        (
            "The other 167 miners on the shift got out unharmed.",
            "Forty-three miners were in that section, while 167 others got out unhurt.",
        ),
        (
            "Nine miners perished and 29 remain blocked under the earth.",
            "Twenty-nine miners remain trapped underground.",
        ),
        # A decade holds each of its years.
        ("The mine opened in the 1960s.", "The mine opened in 1968."),
    ],
)
def test_a_figure_the_other_also_states_is_no_conflict(left: str, right: str) -> None:
    assert find_conflicts(left, right) == ()


def test_a_figure_the_other_only_bounds_elsewhere_is_still_a_conflict() -> None:
    # "more than 1,000" covers 1,404, but the 1,404 are those in critical condition.
    assert find_conflicts(
        "The quake killed more than 1,000 people.",
        "At least 2,012 people were killed and 2,059 were wounded, including 1,404 in "
        "critical condition.",
    ) == (Conflict("number", "1,000", "2,012"),)


@pytest.mark.parametrize(
    ("left", "right", "expected"),
    [
        # A toll under any noun for people: the dead, miners confirmed dead, a toll that rose.
        (
            "Nine miners confirmed dead as rescue operation continues",
            "The death toll climbs to 12 as rescuers race to reach trapped miners",
            Conflict("number", "Nine", "12"),
        ),
        (
            "Nine dead, dozens trapped after coal mine collapse",
            "By Wednesday evening, 12 miners had been confirmed dead.",
            Conflict("number", "Nine", "12"),
        ),
        (
            "Nine miners were killed and 29 were still trapped.",
            "Mine disaster: 12 dead as rescue teams battle to reach trapped miners",
            Conflict("number", "Nine", "12"),
        ),
        # A place in another is the one it is in: not two counts in two places.
        (
            "In Velmora collapsed mine, nine miners died.",
            "Twelve miners were killed when a mine collapsed in Velmora's Tarn region.",
            Conflict("number", "nine", "Twelve"),
        ),
    ],
)
def test_a_toll_is_one_count_whatever_the_noun(left: str, right: str, expected: Conflict) -> None:
    assert find_conflicts(left, right) == (expected,)


@pytest.mark.parametrize(
    ("left", "right"),
    [
        # Miners who died and miners brought out alive are two counts.
        (
            "Nine miners died, and the rescue is continuing.",
            "Rescue teams reached five miners alive during the night.",
        ),
        # Tolls in areas that different sides hold are two counts.
        (
            "The death toll in government-held areas of Velmora rose to 237.",
            "The death toll in Velmora's opposition-held north also rose to 211.",
        ),
    ],
)
def test_counts_of_different_fates_or_areas_are_no_conflict(left: str, right: str) -> None:
    assert find_conflicts(left, right) == ()


def test_a_vote_is_compared_as_its_tally() -> None:
    ruling = "The court struck down the levy in a 7-2 ruling."
    assert find_conflicts(ruling, "The judgment was adopted by seven votes to two.") == ()
    assert find_conflicts(ruling, "The judges ruled by six votes to three.") == (
        Conflict("number", "7-2", "six votes to three"),
    )
    # Not a range of amounts or of years, and no second conflict for the tally's figures.
    assert find_conflicts("It took 5-6 hours.", "It took about 6 hours.") == ()
    assert find_conflicts("The 2019-2020 decision stands.", ruling) == ()
    assert find_conflicts(
        "The law passed by 215 votes to 210.", "The law passed by 216 votes to 209."
    ) == (Conflict("number", "215 votes to 210", "216 votes to 209"),)


def test_a_year_outside_a_decade_is_a_year_conflict() -> None:
    assert find_conflicts("The mine opened in the 1960s.", "The mine opened in 1971.") == (
        Conflict("year", "1960s", "1971"),
    )


@pytest.mark.parametrize(
    ("left", "right", "expected"),
    [
        (
            "The quake killed at least seven people and injured dozens.",
            "Five people were killed in the quake.",
            Conflict("number", "seven", "Five"),
        ),
        (
            "Six aircraft are fighting the fire.",
            "Eight planes are fighting the fire.",
            Conflict("number", "Six", "Eight"),
        ),
        (
            "Some 1,500 dockers struck.",
            "About 1,200 dockworkers struck.",
            Conflict("number", "1,500", "1,200"),
        ),
        (
            "The jet landed 20 minutes later.",
            "The jet landed some 35 minutes later.",
            Conflict("number", "20", "35"),
        ),
        (
            "The key deposit rate was lowered a quarter point to 3.75 percent.",
            "The central bank cut interest rates on Thursday by a quarter of a point to 4.25%.",
            Conflict("number", "3.75", "4.25"),
        ),
        (
            "Two Israeli soldiers were hurt in the raid.",
            "Three soldiers were hurt in the raid.",
            Conflict("number", "Two", "Three"),
        ),
        (
            "The union wants a pay rise of 9 per cent.",
            "The union is demanding a 7 percent pay rise.",
            Conflict("number", "9", "7"),
        ),
    ],
)
def test_the_same_thing_counted_differently_is_a_conflict(
    left: str, right: str, expected: Conflict
) -> None:
    assert find_conflicts(left, right) == (expected,)


@pytest.mark.parametrize(
    ("left", "right"),
    [
        ("The plane was at around 16,000 feet.", "The plane reached 16,325 feet."),
        ("The plane was at 16,000 feet.", "The plane reached 16,325 feet."),
        ("More than 500 vessels have used the channel.", "Some 524 vessels used the channel."),
        ("Nearly 500 people were evacuated.", "A total of 480 people were evacuated."),
        ("About 20 people were hurt.", "22 people were hurt."),
        ("Up to 1,000 troops will be sent.", "800 troops will be sent."),
        ("It is certified for fewer than 215 passengers.", "It carried 171 passengers."),
    ],
)
def test_a_rounded_or_bounded_figure_agrees_with_the_figures_it_covers(
    left: str, right: str
) -> None:
    assert find_conflicts(left, right) == ()
    assert find_conflicts(right, left) == ()


@pytest.mark.parametrize(
    ("left", "right"),
    [
        ("1,000 troops were sent.", "1,400 troops were sent."),
        ("At least 164 people died.", "225 people died."),
        ("About 20 people were hurt.", "26 people were hurt."),
        ("The plane carried 171 passengers.", "The plane carried 174 passengers."),
        ("More than 500 vessels have used the channel.", "650 vessels used the channel."),
        ("Nearly 500 people were evacuated.", "510 people were evacuated."),
        ("Around 500 people marched.", "560 people marched."),
    ],
)
def test_a_figure_outside_what_the_other_rounds_or_bounds_is_a_conflict(
    left: str, right: str
) -> None:
    assert find_conflicts(left, right) != ()
    assert find_conflicts(right, left) != ()


@pytest.mark.parametrize(
    ("left", "right", "conflicts"),
    [
        ("The door fell near Barnes Road.", "The door fell around Barnes Road.", False),
        ("Troops massed outside Almaty.", "Troops massed near Almaty.", False),
        ("Fighting broke out inside Almaty.", "Fighting broke out in Almaty.", False),
        ("Fighting broke out in Almaty.", "Fighting broke out outside Almaty.", True),
    ],
)
def test_near_around_and_outside_a_place_are_one_claim_and_in_another(
    left: str, right: str, conflicts: bool
) -> None:
    assert bool(find_conflicts(left, right)) is conflicts


@pytest.mark.parametrize(
    ("left", "right", "conflict"),
    [
        ("Lena Ortiz", "Omar Haddad", True),
        ("Alexander Petrov", "Alexander Sokolov", True),
        # One person: part of the name, another transliteration, a surname spelt nearly alike.
        ("Ortiz", "Lena Ortiz", False),
        ("Kasım Cömert Tokayev", "Kassym-Jomart Tokayev", False),
        ("Tomas Keler", "Tomas Keller", False),
        ("Maro", "Ilse Marrow", False),
        # A surname in a longer form, the given name the same; not with another given name.
        ("Irena Vask", "Irena Vaskova", False),
        ("Irena Vask", "Olga Vaskova", True),
        ("Lena Ortiz", None, False),
    ],
)
def test_quotes_of_two_people_are_a_person_conflict(
    left: str, right: str | None, conflict: bool
) -> None:
    expected = Conflict("person", left, right or "") if conflict else None
    assert speaker_conflict(left, right) == expected


@pytest.mark.parametrize(
    ("left", "right"),
    [
        ("At least 284 people died in Turkey.", "At least 1,293 people died across Syria."),
        (
            "At least 284 people died in seven Turkish provinces.",
            "At least 371 people died in Syrian cities, state media said.",
        ),
    ],
)
def test_counts_made_in_different_places_are_no_conflict(left: str, right: str) -> None:
    assert find_conflicts(left, right) == ()


def test_counts_made_in_the_same_place_still_conflict() -> None:
    # The toll in one country, reported at two hours of the day.
    assert find_conflicts(
        "At least 284 people died in Turkey, the vice president said.",
        "Erdogan has said 912 people have died in Turkey alone.",
    ) == (Conflict("number", "284", "912"),)
