"""The incremental story index: candidates from LSH, time blocking, eviction, restore."""

from __future__ import annotations

import pytest

from newsweave.config import Settings
from newsweave.errors import ConfigError, InputError
from newsweave.group.config import GroupConfig
from newsweave.group.identity import story_id
from newsweave.group.index import IndexOptions, StoryIndex, index_stories
from newsweave.model import Article, Meta

BRIDGE = (
    "Harbour bridge reopens",
    "The Kestrel Bay harbour bridge reopened to traffic on Tuesday after "
    "three weeks of repairs to storm damaged cables on the northern span, engineers said.",
)
BRIDGE_2 = (
    "Kestrel Bay bridge open again",
    "Traffic crossed the Kestrel Bay harbour bridge again on "
    "Tuesday once engineers finished three weeks of repairs to cables the storm damaged.",
)
ZOO = (
    "Snow leopard cubs born",
    "The city zoo announced the birth of two snow leopard cubs, the first "
    "born there in a decade, and keepers said mother and cubs were healthy.",
)


def article(ident: str, title: str, text: str, day: str | None = "2024-03-29") -> Article:
    published = Meta(day, "record") if day else None
    return Article(id=ident, input=ident, text=text, title=title, published=published)


def test_index_joins_the_same_event_and_separates_another() -> None:
    index = StoryIndex()
    first = index.add(article("a", *BRIDGE))
    second = index.add(article("b", *BRIDGE_2))
    third = index.add(article("c", *ZOO))
    assert first.created and first.story_id == story_id(["a"])  # the id of its founding member set
    assert not second.created and second.story_id == first.story_id and second.score >= 0.2
    assert third.created and third.story_id != first.story_id
    assert (index.created, index.joined) == (2, 1)


def test_index_keeps_articles_outside_the_date_window_apart() -> None:
    index = StoryIndex(Settings(stages=(GroupConfig(window_days=7),)))
    first = index.add(article("a", *BRIDGE, day="2024-03-01"))
    later = index.add(article("b", *BRIDGE_2, day="2024-03-20"))
    assert later.created and later.story_id != first.story_id


def test_index_drops_days_past_the_horizon() -> None:
    index = StoryIndex(Settings(stages=(GroupConfig(window_days=2),)), IndexOptions(lateness_days=1))
    for day in range(1, 29):
        index.add(article(f"a{day}", f"{BRIDGE[0]} {day}", BRIDGE[1], day=f"2024-02-{day:02d}"))
    assert len(index) <= 4 and index.active_stories <= 4
    assert index.evicted_articles == 28 - len(index)


def test_index_into_rebuilds_a_stored_story() -> None:
    index = StoryIndex()
    index.add(article("a", *ZOO), into="s-stored")
    assert index.add(article("b", *BRIDGE_2), into="s-stored").story_id == "s-stored"
    summary = index.story("s-stored")
    assert summary is not None and summary.size == 2 and summary.title == ZOO[0]


def test_index_refuses_the_same_article_twice() -> None:
    index = StoryIndex()
    index.add(article("a", *BRIDGE))
    assert "a" in index
    with pytest.raises(InputError, match="already in the index"):
        index.add(article("a", *BRIDGE))


def test_index_options_refuse_impossible_min_hits() -> None:
    with pytest.raises(ConfigError, match="min_hits"):
        IndexOptions(num_perm=8, min_hits=9)


def test_index_stories_cover_every_article_once() -> None:
    stories = index_stories([article("a", *BRIDGE), article("b", *BRIDGE_2), article("c", *ZOO, day=None)])
    assert sorted(a for s in stories for a in s.article_ids) == ["a", "b", "c"]
    assert [len(s.segments) for s in stories] == [2, 1]
