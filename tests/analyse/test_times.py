"""The temporal tagger: hand-written expressions with a publication date and the value expected."""

from __future__ import annotations

import pytest

from newsweave.analyse.times import find_times
from newsweave.model import TimeExpression

FRIDAY = "2023-09-15"  # a Friday


def _find(text: str, expression: str, published: str | None = FRIDAY) -> TimeExpression:
    times = find_times("a1", text, published)
    matching = [t for t in times if t.text == expression]
    assert matching, f"{expression!r} not found in {[t.text for t in times]}"
    return matching[0]


@pytest.mark.parametrize(
    ("text", "expression", "value"),
    [
        # explicit dates, every common format
        ("The deal was signed on 2023-09-01.", "2023-09-01", "2023-09-01"),
        ("It opened on September 15, 2023.", "September 15, 2023", "2023-09-15"),
        ("It opened on 15 Sept 2023.", "15 Sept 2023", "2023-09-15"),
        ("It opened on Friday, September 1, 2023.", "Friday, September 1, 2023", "2023-09-01"),
        ("It opened on the 3rd of March 2021.", "3rd of March 2021", "2021-03-03"),
        ("Talks ended on Sept. 12.", "Sept. 12", "2023-09-12"),
        ("Talks ended on Sept 12th.", "Sept 12th", "2023-09-12"),
        ("The vote was held on 11 December.", "11 December", "2022-12-11"),
        ("The vote will be held on 11 December.", "11 December", "2023-12-11"),
        ("Prices peaked in May 2008.", "May 2008", "2008-05"),
        ("Prices peaked in December of 2008.", "December of 2008", "2008-12"),
        # bare months: tense decides which one
        ("Sales fell in October.", "October", "2022-10"),
        ("Sales will rise in October.", "October", "2023-10"),
        ("Sales fell in March.", "March", "2023-03"),
        ("The plant closed last September.", "last September", "2022-09"),
        ("The plant opens next March.", "next March", "2024-03"),
        ("Dealers close after October of next year.", "October of next year", "2024-10"),
        ("Stocks had their best week since November.", "November", "2022-11"),
        # weekdays
        ("The board met on Wednesday.", "Wednesday", "2023-09-13"),
        ("The board will meet on Wednesday.", "Wednesday", "2023-09-20"),
        ("The board met last Wednesday.", "last Wednesday", "2023-09-13"),
        ("The board meets next Wednesday.", "next Wednesday", "2023-09-20"),
        ("Wednesday's meeting was short.", "Wednesday", "2023-09-13"),
        ("Markets stay shut until Monday.", "Monday", "2023-09-18"),
        ("The results came on Friday.", "Friday", "2023-09-15"),
        ("The storm hit on Thursday night.", "Thursday night", "2023-09-14TNI"),
        # deictic days and parts of the day
        ("Shares fell today.", "today", "2023-09-15"),
        ("Shares fell yesterday.", "yesterday", "2023-09-14"),
        ("Shares may fall tomorrow.", "tomorrow", "2023-09-16"),
        ("He speaks tonight.", "tonight", "2023-09-15TNI"),
        ("He spoke this morning.", "this morning", "2023-09-15TMO"),
        ("Trading halted at 18:00 UTC.", "18:00 UTC", "2023-09-15T18:00Z"),
        ("Trading halted at 6:30 p.m. today.", "6:30 p.m. today", "2023-09-15T18:30"),
        # this/last/next week, month, year
        ("Talks began this week.", "this week", "2023-W37"),
        ("Talks began last week.", "last week", "2023-W36"),
        ("Talks resume next week.", "next week", "2023-W38"),
        ("Sales fell last month.", "last month", "2023-08"),
        ("Sales rise next month.", "next month", "2023-10"),
        ("Sales fell last year.", "last year", "2022"),
        ("Sales rose earlier this year.", "earlier this year", "2023"),
        ("Sales will rise by the end of this year.", "the end of this year", "2023"),
        ("Sales rose over the weekend.", "the weekend", "2023-W36-WE"),
        ("Sales will rise over the weekend.", "the weekend", "2023-W37-WE"),
        # counted back from publication
        ("It launched two weeks ago.", "two weeks ago", "2023-09-01"),
        ("It launched three days ago.", "three days ago", "2023-09-12"),
        ("It launched a month and a half ago.", "a month and a half ago", "2023-08"),
        ("It launched 20 years ago.", "20 years ago", "2003"),
        ("Sales were down from the previous year.", "the previous year", "2022"),
        # years, decades, seasons, quarters, halves
        ("The firm was founded in 2002.", "2002", "2002"),
        ("The firm grew fast in the 1990s.", "the 1990s", "199"),
        ("Cars like it were common in the '80s.", "the '80s", "198"),
        ("The shares rose in early 2009.", "early 2009", "2009"),
        ("The plant opens this spring.", "this spring", "2023-SP"),
        ("It was built in the summer of 2008.", "summer of 2008", "2008-SU"),
        ("Profit fell in the third quarter.", "the third quarter", "2023-Q3"),
        ("Profit fell in the fourth quarter of 2005.", "the fourth quarter of 2005", "2005-Q4"),
        ("Third-quarter profit fell.", "Third-quarter", "2023-Q3"),
        ("Profit fell in the first half of 2009.", "the first half of 2009", "2009-H1"),
        ("Sales peaked at Christmas.", "Christmas", "2022-12-25"),
        # vague references, as TIMEX3 writes them
        ("The company is now profitable.", "now", "PRESENT_REF"),
        ("The company is currently profitable.", "currently", "PRESENT_REF"),
        ("The company recently made a profit.", "recently", "PAST_REF"),
        ("The company will grow in the future.", "the future", "FUTURE_REF"),
        # durations
        ("After a five-hour meeting they agreed.", "five-hour", "PT5H"),
        ("They celebrated a 100-year friendship.", "100-year", "P100Y"),
        ("It ends a 23-year policy.", "23-year", "P23Y"),
        ("The strike lasted two weeks.", "two weeks", "P2W"),
        ("Sales doubled over the past two years.", "the past two years", "P2Y"),
        ("Output grew for eighteen months.", "eighteen months", "P18M"),
        ("The flight took thirty minutes.", "thirty minutes", "PT30M"),
        ("It took almost two and a half years.", "almost two and a half years", "P2.5Y"),
        ("Profit rose over the past decade.", "the past decade", "P10Y"),
        ("The talks took several years.", "several years", "PXY"),
        ("The index hit a 12-year low.", "12-year", "P12Y"),
        ("The firm will cut jobs over the next four years.", "the next four years", "P4Y"),
        ("The project slipped two years after the launch.", "two years", "P2Y"),
        # sets
        ("The shop is open every day.", "every day", "P1D"),
        ("The paper appears weekly.", "weekly", "P1W"),
        ("The report is published annually.", "annually", "P1Y"),
        ("He earns $40,000 a year.", "a year", "P1Y"),
        ("The board meets every Monday.", "every Monday", "XXXX-WXX-1"),
    ],
)
def test_find_times_resolves_expression(text: str, expression: str, value: str) -> None:
    assert _find(text, expression).value == value


@pytest.mark.parametrize(
    ("text", "expression", "kind"),
    [
        ("After a five-hour meeting they agreed.", "five-hour", "DURATION"),
        ("The shop is open every day.", "every day", "SET"),
        ("He earns $40,000 a year.", "a year", "SET"),
        ("He waited a year for it.", "a year", "DURATION"),
        ("Trading halted at 18:00 UTC.", "18:00 UTC", "TIME"),
        ("Shares fell yesterday.", "yesterday", "DATE"),
    ],
)
def test_find_times_types_expression(text: str, expression: str, kind: str) -> None:
    assert _find(text, expression).type == kind


@pytest.mark.parametrize(
    ("text", "expression", "published", "reason"),
    [
        ("The board met on Wednesday.", "Wednesday", None, "no publication date to anchor to"),
        ("Sales fell last month.", "last month", None, "no publication date to anchor to"),
        ("Talks ended on Sept. 12.", "Sept. 12", None, "no publication date to anchor to"),
        ("It happened yesterday.", "yesterday", "15/09/2023", "not YYYY-MM-DD"),
        ("The form is dated 3/4/2023.", "3/4/2023", FRIDAY, "ambiguous"),
        ("The vote came three days later.", "three days later", FRIDAY, "no date"),
    ],
)
def test_find_times_explains_unresolved(
    text: str, expression: str, published: str | None, reason: str
) -> None:
    found = _find(text, expression, published)
    assert found.value is None
    assert reason in found.why


def test_find_times_resolves_absolute_dates_without_anchor() -> None:
    times = find_times("a1", "It opened on September 15, 2023 and in 2002.", None)
    assert [t.value for t in times] == ["2023-09-15", "2002"]


@pytest.mark.parametrize(
    "text",
    [
        "GM reported 2,000 job cuts and 2000 new hires; the Russell 2000 Index fell 5%.",
        "Prices may fall, and prices fall in March when May comes; the fall in prices was sharp.",
        "Boeing sold 787 jets for $2008 each at 12.5% interest.",
    ],
)
def test_find_times_ignores_numbers_and_homonyms(text: str) -> None:
    found = {t.text for t in find_times("a1", text, FRIDAY)}
    assert not found & {"2000", "May", "fall", "787", "2008", "Index"}


def test_find_times_uses_parse_for_tense() -> None:
    spacy = pytest.importorskip("spacy")
    nlp = spacy.blank("en")
    text = "The ministers, who arrived yesterday, will meet on Wednesday."
    doc = nlp(text)  # a blank pipeline has no parse: the tagger falls back to nearby words
    assert _find(text, "Wednesday").value == "2023-09-20"
    assert [t.value for t in find_times("a1", text, FRIDAY, doc) if t.text == "Wednesday"] == ["2023-09-20"]


def test_find_times_output_is_ordered_overlap_free_and_sliceable() -> None:
    text = (
        "On Wednesday, September 13, 2023, the board met for a five-hour meeting.\n"
        "It will meet again next Wednesday at 10:00 GMT, two weeks after the last vote, and every month "
        "thereafter; sales in the third quarter of this year rose, the 2022 figures fell, and now "
        "recently the 100-year friendship was renewed for a year."
    )
    times = find_times("a1", text, FRIDAY)
    assert len(times) >= 10
    for time in times:
        assert text[time.span.start : time.span.end] == time.text
        assert time.span.article == "a1"
        assert time.why
    for before, after in zip(times, times[1:], strict=False):
        assert before.span.end <= after.span.start


def test_find_times_empty_text() -> None:
    assert find_times("a1", "", FRIDAY) == ()
