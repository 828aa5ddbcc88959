"""What each calendar date's sentence says happened, read from the parse for the story timeline."""

from __future__ import annotations

import pytest

from newsweave.analyse.happenings import calendar_date, happenings
from newsweave.analyse.nlp import load
from newsweave.analyse.times import find_times
from newsweave.model import Happening, Span, TimeExpression


def _happening(text: str, expression: str, published: str = "2024-05-09") -> Happening | None:
    doc = load()(text)
    (time,) = [t for t in happenings(doc, find_times("a", text, published, doc)) if t.text == expression]
    return time.happening


def test_a_dated_sentence_names_its_event_word_and_participant() -> None:
    happening = _happening("The pier reopened on Tuesday after repairs.", "Tuesday")
    assert happening is not None and not happening.attributive
    assert "reopen" in happening.events and "pier" in happening.participants
    assert {"pier", "reopen"} <= happening.words and "tuesday" not in happening.words


def test_a_verb_and_its_noun_stem_to_one_event_word() -> None:
    met = _happening("The mayors met on Monday at the Kestrel town hall.", "Monday", "2024-03-14")
    meeting = _happening("Monday's meeting at the Kestrel town hall ended without a deal.", "Monday", "2024-03-14")
    assert met is not None and meeting is not None and "meet" in met.events & meeting.events


def test_light_verbs_are_no_event_words() -> None:
    happening = _happening("The council said on Tuesday that the pier was safe.", "Tuesday")
    assert happening is not None and not {"say", "be"} & happening.events


@pytest.mark.parametrize(("text", "attributive"), [("Barr said the inquiry found no fraud in the 2020 election.", True),
                                                   ("The letter to the class of 2020 made the rounds.", True),
                                                   ("Libby was convicted in 2007 of perjury.", False)])
def test_a_year_naming_a_kind_of_thing_is_attributive(text: str, attributive: bool) -> None:
    year = next(w for w in text.replace(".", "").split() if w.isdigit())
    happening = _happening(text, year, "2020-12-02")
    assert happening is not None and happening.attributive is attributive


def test_only_calendar_dates_carry_a_happening() -> None:
    text = "The ferry ran for three hours on Tuesday. It runs every day, the operator says today."
    doc = load()(text)
    times = happenings(doc, find_times("a", text, "2024-05-09", doc))
    assert {t.text for t in times if t.happening is not None} == {"Tuesday", "today"}
    assert {t.type for t in times if t.happening is None} == {"DURATION", "SET"}
    assert all(calendar_date(t) == (t.happening is not None) for t in times)


def test_times_without_calendar_dates_are_returned_as_they_are() -> None:
    times = (TimeExpression(Span("a", 0, 5), "today", "DATE", "PRESENT_REF", "deictic"),)
    assert happenings(load()("today"), times) == times
