"""Timelines: entity events and the story timeline, on hand-written text (the task score: tests/eval)."""

from __future__ import annotations

import pytest

from newsweave.analyse.nlp import load
from newsweave.analyse.times import find_times
from newsweave.compare.timeline import build_timeline
from newsweave.compare.timeline_events import entity_events, name_spans, name_variants
from newsweave.config import Settings
from newsweave.model import Article, Fact, Meta, Span, Story
from newsweave.pipeline import StoryContext


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
