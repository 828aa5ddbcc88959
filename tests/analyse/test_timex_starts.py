"""Trying the timex rules only where a match can begin finds exactly what searching everywhere finds."""

from __future__ import annotations

import re

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from newsweave.analyse.timex import RULES, STARTS
from newsweave.analyse.timex.starts import Starts, canonical


def _everywhere(text: str) -> list[list[tuple[tuple[int, int], ...]]]:
    return [[_spans(m) for m in rule.pattern.finditer(text)] for rule in RULES]


def _spans(match: re.Match[str]) -> tuple[tuple[int, int], ...]:
    return tuple(match.span(group) for group in range(match.re.groups + 1))


def _at_starts(text: str) -> list[list[tuple[tuple[int, int], ...]]]:
    return [[_spans(m) for m in matches] for matches in STARTS.matches(text)]


@pytest.mark.parametrize(
    "text",
    [
        "On Tuesday, 3 March 2009, the 2008 figures came out; two years ago it was 1999.",
        "WED JUN 24, 2010 -- LAST WEEK, THE THIRD QUARTER OF 2009 ENDED AT 5:30 P.M. EST",
        "The '90s and the 1980s; 7/8/07 and 2010-07-13; Q3 2009 and the first half of 2008.",
        "a five-hour meeting\tevery day, weekly, for weeks, $40 billion a year, the following month",
        "in\nJune\n5 people; mid-2009; early this morning; late last night; the same day; now, soon",
        "x2009y 12:00 noon, 1400 GMT Monday, the 21st century, Christmas Day 2008, the past two years",
        "for a year,the a day and $40 billion a year;  twice\u00a0an  hour, 5% a month",  # runs before 'a year'
        "",
        "2009",
        "Kelvin: \u212aay 2009 \u2014 the year\u2019s end, \u0663\u0660 days ago",  # Kelvin sign, Arabic-Indic digits
    ],
)
def test_starts_find_what_searching_everywhere_finds(text: str) -> None:
    assert _at_starts(text) == _everywhere(text)


_WORDS = (
    "the a an on in of last next this past early late mid- ago later earlier since until by every each per "
    "january jan. may march sept. monday tue wed. 2009 1999 '90s 1980s 3 21st 7/8/07 2010-07-13 12:30 p.m. "
    "GMT noon day days week month year years quarter q3 half first second two twenty-one dozen couple "
    "spring fall christmas now recently soon future weekend tonight today yesterday , . ; - ’ $ % $40 billion "
    "hour a.m. an"
).split()


@settings(max_examples=300, suppress_health_check=[HealthCheck.too_slow], deadline=None)
@given(
    st.lists(
        st.tuples(
            st.sampled_from(_WORDS),
            st.sampled_from([str.lower, str.upper, str.title]),
            st.sampled_from([" ", "  ", "\t", "\n", "", "-", ", "]),
        ),
        max_size=40,
    )
)
def test_starts_agree_with_searching_everywhere_on_random_text(words: list[tuple[str, object, str]]) -> None:
    text = "".join(case(word) + gap for word, case, gap in words)  # type: ignore[operator]
    assert _at_starts(text) == _everywhere(text)


@pytest.mark.parametrize("text", ["\u017fince May", "\u0131n June", "\u0130n June"])  # long s, dotless i, dotted I
def test_text_that_lowercasing_cannot_stand_for_is_searched_everywhere(text: str) -> None:
    assert canonical(text) is None
    assert _at_starts(text) == _everywhere(text)


def test_canonical_text_lowercases_and_writes_digits_and_spaces_alike() -> None:
    assert canonical("Jan 5\t2009\n\u0663") == "jan 0 0000 0"


def test_only_the_refused_letters_fold_to_ascii_unlike_lowercasing() -> None:
    # re, ignoring case, finds these as ASCII letters; canonical() must refuse the ones str.lower does not
    # turn into that letter (dotless i, long s) or turns into two characters (capital dotted I)
    letters = re.compile("[a-z]", re.IGNORECASE)
    unusual = {c for c in map(chr, range(0x80, 0x110000)) if letters.fullmatch(c)}
    assert unusual == {"\u0130", "\u0131", "\u017f", "\u212a"}
    assert [c for c in unusual if canonical(c) is not None] == ["\u212a"]  # Kelvin sign lower-cases to k


@pytest.mark.parametrize(
    ("pattern", "spans"),
    [
        # a run before spaces: tried from the run's start, or where the last match ended inside it (",so")
        (r"[\w$,]+\s+a\s+year", [(4, 18), (18, 28), (33, 43)]),
        (r"\bevery\s+day\b", [(44, 53)]),  # a word: tried at words beginning "eve"
        (r".\s+a\s+year", [(10, 18), (20, 28), (34, 43)]),  # may begin with anything: searched everywhere
    ],
)
def test_each_kind_of_pattern_finds_what_finditer_finds(pattern: str, spans: list[tuple[int, int]]) -> None:
    text = "$40 billion A YEAR,so a year; $5 bn a  year EVERY day, everyday"
    compiled = re.compile(pattern, re.IGNORECASE)
    [found] = Starts([compiled]).matches(text)
    assert [m.span() for m in found] == [m.span() for m in compiled.finditer(text)] == spans


@pytest.mark.parametrize(("depth", "windows"), [(1, 50_000), (2, 1), (5, 3)])
def test_how_deep_starts_read_and_how_much_they_remember_changes_no_match(depth: int, windows: int) -> None:
    starts = Starts([rule.pattern for rule in RULES], depth=depth, windows=windows)
    text = "On Tuesday, 3 March 2009, $40 billion a year; two years ago, the same day, early this morning at 5 p.m."
    assert [[_spans(m) for m in found] for found in starts.matches(text)] == _everywhere(text)
