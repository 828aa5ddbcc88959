"""The timex lexicon word by word, expressions that once crashed the stage, and random text that must not."""

from __future__ import annotations

from datetime import date

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from newsweave.analyse.times import find_times
from newsweave.analyse.timex.absolute import _HOLIDAYS
from newsweave.analyse.timex.calendar import previous_quarter, shift
from newsweave.analyse.timex.lexicon import (
    _SCALE_WORDS,
    _SPECIAL,
    _TENS_WORDS,
    _UNITS_WORDS,
    DAYPARTS,
    MONTHS,
    QUARTERS,
    SEASONS,
    UNITS,
    WEEKDAYS,
    parse_number,
)
from newsweave.analyse.timex.spans import _ADVERBS, period
from newsweave.model import TimeExpression

PUBLISHED = "2010-07-13"  # a Tuesday


def _only(text: str, published: str | None = PUBLISHED) -> TimeExpression:
    times = find_times("a1", text, published)
    assert len(times) == 1, [(t.text, t.value) for t in times]
    return times[0]


# -- every word of the lexicon resolves ------------------------------------------------------------------


@pytest.mark.parametrize("word", sorted(MONTHS))
def test_month_word_resolves_in_a_full_date(word: str) -> None:
    found = _only(f"It happened on 3 {word.capitalize()} 2020.")
    assert found.value == f"2020-{int(MONTHS[word]):02d}-03"


@pytest.mark.parametrize("word", sorted(WEEKDAYS))
def test_weekday_word_resolves_before_a_date(word: str) -> None:
    found = _only(f"Filed {word.capitalize()} Jun 24, 2010, from the wire.")
    assert found.text.startswith(word.capitalize())
    assert found.value == "2010-06-24"


@pytest.mark.parametrize("word", [w for w in sorted(WEEKDAYS) if len(w) > 5])
def test_weekday_name_resolves_alone(word: str) -> None:
    found = _only(f"The board met on {word.capitalize()}.")
    day = date.fromisoformat(found.value or "")
    assert day.weekday() == WEEKDAYS[word]
    assert 0 <= (date.fromisoformat(PUBLISHED) - day).days < 7  # past tense: the most recent one


def test_a_weekday_that_is_the_publication_day_is_said_to_be_that_day() -> None:
    found = _only("The board met on Tuesday.")
    assert found.value == PUBLISHED and found.why.startswith("weekday of publication")


@pytest.mark.parametrize("word", sorted(SEASONS))
def test_season_word_resolves_with_a_year(word: str) -> None:
    assert _only(f"Sales fell in {word} 2008.").value == f"2008-{SEASONS[word]}"


@pytest.mark.parametrize("word", sorted(QUARTERS))
def test_quarter_word_resolves_with_a_year(word: str) -> None:
    assert _only(f"Profit rose in the {word} quarter of 2008.").value == f"2008-Q{QUARTERS[word]}"


@pytest.mark.parametrize("word", sorted(DAYPARTS))
def test_daypart_word_resolves(word: str) -> None:
    assert _only(f"The shelling began yesterday {word}.").value == f"2010-07-12T{DAYPARTS[word]}"


@pytest.mark.parametrize("unit", sorted(UNITS))
def test_unit_resolves_as_a_duration(unit: str) -> None:
    plural = "centuries" if unit == "century" else f"{unit}s"
    assert _only(f"The work lasted three {plural}.").value == period(3, unit)


@pytest.mark.parametrize("unit", sorted(UNITS))
def test_unit_resolves_as_a_set(unit: str) -> None:
    found = _only(f"The inspectors come every {unit}.")
    assert (found.type, found.value) == ("SET", period(1, unit))


@pytest.mark.parametrize("unit", sorted(UNITS))
def test_unit_counted_back_from_publication(unit: str) -> None:
    plural = "centuries" if unit == "century" else f"{unit}s"
    found = _only(f"The plant opened two {plural} ago.")
    if UNITS[unit][1]:  # hours ago need a clock time
        assert found.value is None and found.why.startswith("ambiguous")
    else:
        assert found.value is not None and found.value[:4] <= "2010", found.why


@pytest.mark.parametrize(
    ("unit", "value"),
    [("day", "2010-07-11"), ("week", "2010-06-29"), ("fortnight", "2010-06-15"), ("month", "2010-05"),
     ("quarter", "2010-Q1"), ("year", "2008"), ("decade", "199"), ("century", "18")],
)
def test_unit_ago_value(unit: str, value: str) -> None:
    plural = "centuries" if unit == "century" else f"{unit}s"
    assert _only(f"The plant opened two {plural} ago.").value == value


@pytest.mark.parametrize("word", sorted([*_UNITS_WORDS, *_TENS_WORDS]))
def test_number_word_resolves_in_a_duration(word: str) -> None:
    number = {**_UNITS_WORDS, **_TENS_WORDS}[word]
    assert _only(f"The work lasted {word} years.").value == f"P{number}Y"


@pytest.mark.parametrize("words", sorted(_SPECIAL))
def test_special_amount_resolves_in_a_duration(words: str) -> None:
    assert _only(f"The work lasted {words} year.").value == period(_SPECIAL[words], "year")


@pytest.mark.parametrize("word", sorted(_SCALE_WORDS))
def test_scale_word_resolves_in_a_duration(word: str) -> None:
    assert _only(f"The city stood for two {word} years.").value == f"P{2 * _SCALE_WORDS[word]}Y"


@pytest.mark.parametrize("word", sorted(_ADVERBS))
def test_set_adverb_resolves(word: str) -> None:
    unit, amount = _ADVERBS[word]
    found = _only(f"The figures are published {word}.")
    assert (found.type, found.value) == ("SET", period(amount, unit))


@pytest.mark.parametrize("name", sorted(_HOLIDAYS))
def test_holiday_resolves_with_a_year(name: str) -> None:
    month, day = _HOLIDAYS[name]
    written = " ".join(w.capitalize() for w in name.split())
    found = find_times("a1", f"They met on {written} 2008.", PUBLISHED)
    assert [t.value for t in found if t.text.startswith(written)] == [f"2008-{month:02d}-{day:02d}"]


def test_parse_number_refuses_an_infinite_amount() -> None:
    assert parse_number("9" * 400) is None
    assert parse_number("1,000") == 1000


# -- expressions that crashed the stage (issue 13 item 9) ------------------------------------------------


def test_a_century_ago_resolves() -> None:
    found = _only("The bridge was built a century ago.")
    assert (found.value, found.type) == ("19", "DATE")


def test_a_shift_beyond_the_calendar_is_unresolved_with_a_reason() -> None:
    times = find_times("a1", "Week ago 58,100 Year Ago 30,800 head", PUBLISHED)
    assert [(t.text, t.value) for t in times] == [("58,100 Year Ago", None)]
    assert "outside the calendar" in times[0].why


def test_a_number_does_not_run_across_a_line_break() -> None:
    text = "Cattle receipts 123456789012345678901234567890\nWeek ago 58,100"
    assert find_times("a1", text, PUBLISHED) == ()


def test_a_huge_amount_ago_is_unresolved() -> None:
    found = _only("It began 99999999999 days ago.")
    assert found.value is None and "outside the calendar" in found.why


@pytest.mark.parametrize(("amount", "unit"), [(1e12, "D"), (-1e12, "W"), (1e9, "Y"), (-80_000, "CE"), (8e3, "Y")])
def test_shift_outside_the_calendar_is_none(amount: float, unit: str) -> None:
    assert shift(date(2010, 7, 13), amount, unit) is None


def test_shift_by_a_century() -> None:
    assert shift(date(2010, 7, 13), -1, "CE") == date(1910, 7, 13)


_LEXICON = sorted(
    {*MONTHS, *WEEKDAYS, *SEASONS, *QUARTERS, *DAYPARTS, *UNITS, *_UNITS_WORDS, *_TENS_WORDS, *_SCALE_WORDS,
     *_SPECIAL, *_ADVERBS, *_HOLIDAYS, "ago", "later", "earlier", "from now", "hence", "last", "next", "this",
     "the", "of", "every", "per", "since", "until", "by", "in", "on", "a.m.", "pm", "EDT", "GMT", "noon",
     "today", "yesterday", "tomorrow", "tonight", "now", "recently", "fall", "year-old", "-long", "and a half"}
)
_TOKEN = st.one_of(
    st.sampled_from(_LEXICON),
    st.sampled_from([w.capitalize() for w in _LEXICON] + [w.upper() for w in _LEXICON]),
    st.integers(min_value=-(10**40), max_value=10**40).map(str),
    st.sampled_from(["58,100", "1/2", "'80s", "1990s", "21st", "3rd", "7/8/07", "2010-02-30", "13:99", "24:00",
                     "Q5 2010", "1e400", "0", "00", "31", "32", "9" * 400, "2020", "1600", "9999", "10000"]),
    st.sampled_from([" ", " ", "\n", "\t", ", ", ". ", "-", "'s ", "’", "(", ")"]),
)


@settings(max_examples=800, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(tokens=st.lists(_TOKEN, max_size=14), published=st.sampled_from([PUBLISHED, "0001-01-01", "9999-12-31",
                                                                        None, "yesterday"]))
def test_random_lexicon_text_never_raises(tokens: list[str], published: str | None) -> None:
    text = " ".join(tokens)
    for found in find_times("a1", text, published):
        assert text[found.span.start : found.span.end] == found.text
        assert found.value is not None or found.why


# -- a day and month without a year take the clause's tense (issue 11 and issue 10 item 4) ---------------


@pytest.mark.parametrize(
    "text",
    [
        "BP said the well, which blew out on 20 April, would be sealed.",
        "The spill began on 20 April, and BP will try again.",
        "Oil has leaked into the Gulf since 20 April, when the rig sank.",
        "The rig exploded on 20 April.",
    ],
)
def test_day_month_in_a_past_clause_is_the_april_before_publication(text: str) -> None:
    assert _only(text).value == "2010-04-20"


def test_day_month_in_a_future_clause_is_the_next_one() -> None:
    assert _only("The inquiry will report on 20 April.").value == "2011-04-20"


def test_day_month_in_a_past_clause_uses_the_parse_when_given() -> None:
    from newsweave.analyse.nlp import load

    text = "BP said the well, which blew out on 20 April, would be sealed."
    (found,) = find_times("a1", text, PUBLISHED, load()(text))
    assert found.value == "2010-04-20"


def test_expected_by_a_date_looks_forward() -> None:
    found = _only("They said they expect the transaction to be completed by Dec. 15.", "1989-10-31")
    assert found.value == "1989-12-15"


# -- fiscal quarters in context ---------------------------------------------------------------------------


def test_a_year_earlier_after_a_named_quarter_is_that_quarter_a_year_before() -> None:
    times = find_times("a1", "Net rose 5% in the third quarter from a year earlier.", "1989-11-02")
    assert [t.value for t in times] == ["1989-Q3", "1988-Q3"]


def test_the_latest_quarter_is_the_last_one_completed() -> None:
    assert _only("Sales rose in the latest quarter.", "1989-10-26").value == "1989-Q3"
    assert previous_quarter(date(1989, 10, 26)) == "1989-Q3"


def test_the_year_ago_quarter_counts_from_the_quarter_mentioned() -> None:
    text = "Sales in the second quarter rose from the year-ago quarter."
    assert [t.value for t in find_times("a1", text, "1989-10-26")] == ["1989-Q2", "1988-Q2"]


def test_the_quarter_of_a_city_is_not_a_time() -> None:
    assert find_times("a1", "They walked through the quarter of the old city.", "1989-10-26") == ()


def test_third_quarter_results_due_just_after_it_ends_are_this_year() -> None:
    assert _only("Third-quarter results will be released.", "1989-10-26").value == "1989-Q3"


def test_an_age_is_not_a_duration() -> None:
    assert find_times("a1", "A 6-year-old boy and a man 44 years old were hurt.", PUBLISHED) == ()


def test_this_summer_is_the_publication_year() -> None:
    assert _only("Talks began this summer.", "1998-03-22").value == "1998-SU"


@pytest.mark.parametrize("published", ["0001-01-01", "9999-12-31"])
def test_a_publication_date_at_the_calendar_edge_is_no_anchor(published: str) -> None:
    found = _only("The board met on Friday.", published)
    assert found.value is None and "outside years" in found.why
