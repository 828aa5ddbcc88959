"""Timelines: entity events and the story timeline, on hand-written text (the task score: tests/eval)."""

from __future__ import annotations

from pathlib import Path

import pytest

import newsweave
from newsweave.analyse.nlp import load
from newsweave.analyse.times import find_times
from newsweave.compare import timeline
from newsweave.compare.timeline import build_timeline
from newsweave.compare.timeline_events import entity_events, name_spans, name_variants
from newsweave.config import Settings
from newsweave.model import Article, Meta, Span, Story, TimelineEntry, evolve
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


def _timeline(*reports: tuple[str, str, str, str]) -> tuple[TimelineEntry, ...]:
    """The timeline of one story of ``(id, outlet, text, published)`` reports."""
    articles = {aid: _article(aid, outlet, text, published) for aid, outlet, text, published in reports}
    story = Story("s", "t", tuple(Span(a.id, 0, len(a.text)) for a in articles.values()))
    return build_timeline(story, StoryContext(articles, Settings())).timeline


def test_one_happening_in_two_outlets_is_one_entry_citing_both() -> None:
    timeline = _timeline(("a", "Bay Courier", "The pier reopened on Tuesday after repairs.", "2024-05-09"),
                         ("b", "Coast News", "Repairs done, the pier reopened on Tuesday.", "2024-05-09"))
    assert len(timeline) == 1
    entry = timeline[0]
    assert entry.date == "2024-05-07" and entry.sources == 2 and entry.reports == 2 and len(entry.times) == 2
    assert {s.article for s in entry.support} == {"a", "b"}
    assert "same event in 2 sources" in entry.why


def test_a_verb_and_its_noun_with_a_shared_place_are_one_event() -> None:
    timeline = _timeline(
        ("a", "Bay Courier", "The mayors of Eastport and Westvale met on Monday at the Kestrel town hall to "
                             "discuss the ferry subsidy.", "2024-03-14"),
        ("b", "Coast News", "Monday's two-hour meeting at the Kestrel town hall ended without a deal on ferries, "
                            "officials said.", "2024-03-14"),
    )
    assert [(e.date, e.sources) for e in timeline] == [("2024-03-11", 2)]
    assert "'meet'" in timeline[0].why


def test_different_happenings_on_one_date_stay_apart() -> None:
    timeline = _timeline(
        ("a", "Bay Courier", "The mayor of Eastport met union leaders on Monday.", "2024-03-14"),
        ("b", "Coast News", "A fire destroyed a warehouse in Westvale on Monday.", "2024-03-14"),
        ("c", "Harbour Post", "The governor met the Westvale fire chief on Monday.", "2024-03-14"),
    )
    assert len(timeline) == 3 and all(e.sources == 1 and e.date == "2024-03-11" for e in timeline)


def test_one_outlets_two_reports_are_one_source() -> None:
    timeline = _timeline(("a", "Bay Courier", "The pier reopened on Tuesday after repairs.", "2024-05-09"),
                         ("b", "Bay Courier", "The pier reopened on Tuesday, the council said.", "2024-05-10"))
    assert [(e.sources, e.reports) for e in timeline] == [(1, 2)]


def test_each_date_shows_its_expression_publication_and_rule() -> None:
    (entry,) = _timeline(("a", "Bay Courier", "The pier reopened on Tuesday after repairs.", "2024-05-09"))
    (dated,) = entry.dated_by
    assert (dated.text, dated.value, dated.published) == ("Tuesday", "2024-05-07", "2024-05-09")
    assert dated.rule and "2024-05-09" in dated.rule and dated.rule in entry.why


@pytest.mark.parametrize("background", ["since 20 April", "since March", "until Friday", "before Christmas"])
def test_a_background_date_does_not_file_its_sentence(background: str) -> None:
    text = f"Ferries have run half-empty {background}. The pier reopened on Tuesday."
    timeline = _timeline(("a", "Bay Courier", text, "2024-05-09"))
    assert [e.text for e in timeline] == ["The pier reopened on Tuesday."]


@pytest.mark.parametrize("text", ["Barr said the inquiry found no fraud in the 2020 election.",
                                  "The letter to the class of 2020 made the rounds."])
def test_a_year_naming_a_kind_of_thing_does_not_file_its_sentence(text: str) -> None:
    assert _timeline(("a", "Bay Courier", text, "2020-12-02")) == ()


def test_a_year_an_event_happened_in_files_it() -> None:
    (entry,) = _timeline(("a", "Bay Courier", "Libby was convicted in 2007 of perjury.", "2018-04-13"))
    assert entry.date == "2007"


def test_the_bundled_examples_wednesday_summit_is_one_entry_citing_both_outlets() -> None:
    report = newsweave.run([str(Path(__file__).resolve().parents[2] / "examples" / "kim-russia-2023")])
    (story,) = [s for s in report.stories if len(s.sources) == 2]
    wednesday = [e for e in story.timeline if e.date == "2023-09-13"]
    both = [e for e in wednesday if e.sources == 2]
    assert len(both) == 1 and len({s.article for s in both[0].support}) == 2
    cited = [s for e in wednesday for s in e.support]
    assert len(cited) == len(set(cited))  # no sentence filed twice under one date
    assert all(d.published == "2023-09-15" and d.rule for e in story.timeline for d in e.dated_by)


def test_the_timeline_reads_the_happenings_the_times_stage_left_without_parsing_again(
        monkeypatch: pytest.MonkeyPatch) -> None:
    settings = Settings()
    reports = [("a", "Bay Courier", "The pier reopened on Tuesday after repairs. Talks end in 2020.", "2024-05-09"),
               ("b", "Coast News", "Repairs done, the pier reopened on Tuesday.", "2024-05-09")]
    analysed = {aid: newsweave.analyse_article(_article(aid, outlet, text, published), settings)
                for aid, outlet, text, published in reports}
    story = Story("s", "t", tuple(Span(a, 0, len(article.text)) for a, article in analysed.items()))
    assert all(t.happening is not None for a in analysed.values() for t in a.times if t.value and t.value[:1] == "2")
    by_hand = {aid: evolve(a, times=tuple(evolve(t, happening=None) for t in a.times)) for aid, a in analysed.items()}
    expected = build_timeline(story, StoryContext(by_hand, settings)).timeline  # read from the parse
    monkeypatch.setattr(timeline, "parse", lambda *args: pytest.fail("the timeline parsed an article again"))
    assert build_timeline(story, StoryContext(analysed, settings)).timeline == expected
    assert [e.sources for e in expected if e.date == "2024-05-07"] == [2]
