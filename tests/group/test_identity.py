"""Story identity: one id formula for batch, incremental and corrected stories, and where old ids went."""

from __future__ import annotations

import pytest

from newsweave.group.clustering import cluster_articles
from newsweave.group.identity import aliases, keep_ids, member_key, story_id, story_id_of
from newsweave.group.index import StoryIndex
from newsweave.group.stories import find_stories
from newsweave.model import Article, Span, Story
from tests.group.test_segments import HARBOUR, LEOPARDS, _article


def _story(sid: str, *articles: str) -> Story:
    return Story(sid, sid, tuple(Span(a, 0, 10) for a in articles))


def test_story_id_ignores_order_and_repeats() -> None:
    assert story_id(["b", "a", "a"]) == story_id(["a", "b"]) != story_id(["a"])
    assert story_id(["a"]).startswith("s-") and len(story_id(["a"])) == 14


@pytest.mark.parametrize(
    ("span", "key"),
    [(Span("a", 0, 50), "a"), (Span("a", 120, 300), "a@120"), (Span("x@y", 7, 9), "x@y@7")],
)
def test_member_key_names_a_segment_by_its_start_unless_it_opens_the_article(span: Span, key: str) -> None:
    assert member_key(span) == key


def test_batch_and_index_seed_ids_agree_for_the_founding_article() -> None:
    article = Article(id="a", input="a", text="The harbour bridge reopened after repairs.", title="Bridge")
    (batch,) = cluster_articles([article])
    assert StoryIndex().add(article).story_id == batch.id == story_id(["a"])


def test_split_article_stories_are_named_by_their_segments() -> None:
    mixed = _article("mixed", HARBOUR + LEOPARDS, "Bridge reopens")
    zoo = _article("zoo", [p.replace("Meanwhile, t", "T") for p in LEOPARDS], "Leopard cubs born")
    stories = find_stories([mixed, zoo])
    assert len(stories) == 2
    for story in stories:
        assert story.id == story_id_of(story.segments)
    starts = sorted(s.start for st in stories for s in st.segments if s.article == "mixed")
    keys = {member_key(s) for st in stories for s in st.segments}
    assert starts[0] == 0 and keys == {"mixed", f"mixed@{starts[1]}", "zoo"}


def test_aliases_follow_a_merge_a_split_and_a_kept_id() -> None:
    old = [_story("s1", "a", "b"), _story("s2", "c"), _story("s3", "d", "e"), _story("s4", "f")]
    new = [_story("n1", "a", "b", "c"), _story("n2", "d"), _story("n3", "e"), _story("s4", "f")]
    assert aliases(old, new) == [("s1", "n1"), ("s2", "n1"), ("s3", "n2"), ("s3", "n3")]


def test_aliases_skip_stories_whose_articles_are_gone() -> None:
    assert aliases([_story("s1", "a")], [_story("n1", "b")]) == []


def test_a_grown_or_unchanged_story_keeps_its_id_and_a_merged_or_split_one_gets_its_members_id() -> None:
    old = [_story("s-grew", "a", "b"), _story("s-same", "c"), _story("s-x", "d"), _story("s-y", "e"),
           _story("s-split", "f", "g")]
    regrouped = [_story(story_id(m), *m) for m in (["a", "b", "new"], ["c"], ["d", "e"], ["f"], ["g"], ["h"])]
    kept = keep_ids(regrouped, old)
    assert [s.id for s in kept] == ["s-grew", "s-same", story_id(["d", "e"]), story_id(["f"]), story_id(["g"]),
                                    story_id(["h"])]
    assert [s.segments for s in kept] == [s.segments for s in regrouped]
    assert aliases(old, kept) == [("s-x", story_id(["d", "e"])), ("s-y", story_id(["d", "e"])),
                                  ("s-split", story_id(["f"])), ("s-split", story_id(["g"]))]
