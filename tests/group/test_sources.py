"""Independent sources: computed once by grouping, stored on the story, recomputed on demand."""

from __future__ import annotations

import pytest

from newsweave.errors import InputError
from newsweave.group.sources import ensure_sources, source_of, with_sources
from newsweave.group.stories import find_stories
from newsweave.model import Article, Meta, Source, Span, Story
from tests.group.test_segments import HARBOUR, LEOPARDS

OTHER = ["A different report about the council budget vote and the new library that opens in spring."]


def _article(aid: str, paragraphs: list[str], outlet: str | None) -> Article:
    text = "\n\n".join(paragraphs)
    return Article(id=aid, input=aid, text=text, title="Bridge", outlet=Meta(outlet, "sidecar") if outlet else None)


ARTICLES = {
    "a": _article("a", HARBOUR, "Courier"),
    "b": _article("b", HARBOUR[:3], "Gazette"),  # a copy of a's wire report
    "c": _article("c", HARBOUR[1:2] + OTHER, "Courier"),  # the Courier again: the same source
    "d": _article("d", OTHER + LEOPARDS[:1], "Herald"),
    "e": _article("e", LEOPARDS[1:], None),  # no outlet: a source of its own
}


def _story(*ids: str) -> Story:
    return Story("s", "Bridge", tuple(Span(a, 0, len(ARTICLES[a].text)) for a in ids))


def test_outlet_reports_and_copies_across_outlets_count_once() -> None:
    story = with_sources(_story("a", "b", "c", "d", "e"), ARTICLES)
    assert story.copies == (("a", "b"),)
    assert story.sources == (
        Source("a", ("Courier", "Gazette"), ("a", "b", "c")),
        Source("d", ("Herald",), ("d",)),
        Source("e", (), ("e",)),
    )
    assert source_of(story)["c"].id == "a"


def test_sources_are_recomputed_when_membership_changes() -> None:
    whole = with_sources(_story("a", "b", "d"), ARTICLES)
    part = with_sources(Story("s", "Bridge", whole.segments[1:], copies=whole.copies, sources=whole.sources),
                        ARTICLES)
    assert part.copies == () and [s.articles for s in part.sources] == [("b",), ("d",)]


def test_ensure_sources_keeps_what_grouping_set() -> None:
    kept = Story("s", "x", _story("a", "b").segments, sources=(Source("a", (), ("a", "b")),))
    assert ensure_sources(kept, ARTICLES) is kept
    assert len(ensure_sources(_story("a", "d"), ARTICLES).sources) == 2


def test_missing_member_article_is_an_input_error() -> None:
    with pytest.raises(InputError, match="zz"):
        with_sources(Story("s", "x", (Span("zz", 0, 1),)), ARTICLES)


def test_find_stories_sets_sources() -> None:
    stories = find_stories([ARTICLES["a"], ARTICLES["b"]])
    assert [len(s.sources) for s in stories] == [1] and stories[0].sources[0].outlets == ("Courier", "Gazette")
