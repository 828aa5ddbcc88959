"""Timelines: the task score, entity events and the story timeline, on hand-written text."""

from __future__ import annotations

import pytest

from newsweave.analyse.nlp import load
from newsweave.analyse.times import find_times
from newsweave.compare.timeline import build_timeline
from newsweave.compare.timeline_events import entity_events, name_spans, name_variants
from newsweave.config import Settings
from newsweave.eval.timeline import Line, normalise_date, parse_timeline, score_timelines
from newsweave.model import Article, Fact, Meta, Span, Story
from newsweave.pipeline import StoryContext

GOLD = [Line(0, "XXXX-XX-XX", ("1-4-said",)), Line(1, "2010-XX-XX", ("1-2-opened",)),
        Line(2, "2011-03-02", ("1-3-sold", "2-1-sale")), Line(3, "2011-05-01", ("2-5-closed",))]


@pytest.mark.parametrize(("date", "want"), [("2003-XX-XX", "2003"), ("2011-03-02", "2011-03-02"),
                                            ("XXXX-XX-XX", None), ("1976", "1976")])
def test_normalise_date_drops_unknown_parts(date: str, want: str | None) -> None:
    assert normalise_date(date) == want


def test_parse_timeline_reads_the_task_format() -> None:
    text = "Harbour Ferries\n1\t2010-XX-XX\t1-2-opened\n2\t2011-03-02\t1-3-sold\t2-1-sale\n"
    entity, lines = parse_timeline(text)
    assert entity == "Harbour Ferries" and lines[1] == Line(2, "2011-03-02", ("1-3-sold", "2-1-sale"))


@pytest.mark.parametrize(
    ("system", "f1"),
    [
        (GOLD, 1.0),
        ([], 0.0),
        ([Line(0, "XXXX-XX-XX", ("9-9-none",))], 0.0),
    ],
)
def test_score_timelines_extremes(system: list[Line], f1: float) -> None:
    assert score_timelines([(system, GOLD)]).f1 == pytest.approx(f1)


def test_score_timelines_punishes_a_wrong_order() -> None:
    swapped = [Line(1, "2011-05-01", ("2-5-closed",)), Line(2, "2011-03-02", ("1-3-sold", "2-1-sale")),
               Line(3, "2010-XX-XX", ("1-2-opened",))]
    score = score_timelines([(swapped, GOLD)])
    assert 0.0 < score.precision < 1.0 and 0.0 < score.recall < 1.0


@pytest.mark.parametrize(("name", "variant"), [("Harbour Ferries Inc", "Ferries"),
                                               ("Kestrel Bay Transit Authority", "KBTA"),
                                               ("Ines Vale", "Vale")])
def test_name_variants_include_short_forms(name: str, variant: str) -> None:
    assert variant in name_variants(name)


def test_entity_events_are_the_verbs_governing_the_entity_with_dates() -> None:
    text = "Harbour Ferries bought two boats on 3 March 2011. Harbour Ferries will open a new route."
    doc = load()(text)
    times = find_times("x", text, "2011-03-10", doc)
    events = entity_events(doc, name_spans(text, "Harbour Ferries"), times, "2011-03-10")
    assert [(e.text, e.date) for e in events] == [("bought", "2011-03-03"), ("open", None)]


def _article(aid: str, outlet: str, text: str, published: str) -> Article:
    doc = load()(text)
    sentences = tuple((s.start_char, s.end_char) for s in doc.sents)
    return Article(aid, aid, text, outlet=Meta(outlet, "sidecar"), published=Meta(published, "sidecar"),
                   sentences=sentences, times=find_times(aid, text, published, doc))


def test_build_timeline_merges_one_happening_across_outlets() -> None:
    a = _article("a", "Bay Courier", "The pier reopened on Tuesday after repairs.", "2024-05-09")
    b = _article("b", "Coast News", "Repairs done, the pier reopened on Tuesday.", "2024-05-09")
    support = (Span("a", *a.sentences[0]), Span("b", *b.sentences[0]))
    story = Story("s", "Pier", (Span("a", 0, len(a.text)), Span("b", 0, len(b.text))),
                  facts=(Fact("f1", a.text, "corroborated", support, 2),))
    timeline = build_timeline(story, StoryContext({"a": a, "b": b}, Settings())).timeline
    assert len(timeline) == 1
    entry = timeline[0]
    assert entry.date == "2024-05-07" and entry.sources == 2 and len(entry.times) == 2
    assert "2 articles" in entry.why
