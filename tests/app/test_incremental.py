"""New reports join the stored stories they belong to; only those stories are grouped again."""

from __future__ import annotations

import random
from collections.abc import Sequence

import pytest

from newsweave.app.incremental import grow_stories
from newsweave.config import Settings
from newsweave.eval.clustering import _as_engine_reads, _assignment, b_cubed, load_labelled
from newsweave.group.stories import find_stories
from newsweave.model import Article, Meta, Story
from tests.conftest import DATA

AGREEMENT_FLOOR = 0.99

FERRY = ("Ferry strike halts crossings to Tollan Island",
         "Crews of the Tollan Island ferry walked out on Monday over pay, halting every crossing to the island. "
         "The ferry operator said talks with the crew union would resume on Wednesday.")
ORCHARD = ("Frost ruins the Merrow valley apple harvest",
           "A late frost destroyed most of the apple blossom in the Merrow valley, growers said on Friday. "
           "Orchard owners expect the smallest harvest in twenty years.")


def _article(aid: str, story: tuple[str, str], extra: str = "") -> Article:
    title, text = story
    return Article(aid, f"{aid}.txt", f"{title}\n\n{text} {extra}".strip(), title=title,
                   published=Meta("2025-05-05", "sidecar"))


ARTICLES = {a.id: a for a in [
    _article("ferry-1", FERRY), _article("ferry-2", FERRY, "Passengers were stranded on the quay."),
    _article("orchard-1", ORCHARD), _article("orchard-2", ORCHARD, "Cider makers fear higher prices."),
]}


class Counting:
    """Batch grouping, remembering which articles it was asked to group."""

    def __init__(self) -> None:
        self.seen: list[list[str]] = []

    def __call__(self, articles: Sequence[Article], settings: Settings) -> tuple[Story, ...]:
        self.seen.append(sorted(a.id for a in articles))
        return find_stories(articles, settings)


def _stored(*ids: str) -> tuple[Story, ...]:
    return find_stories([ARTICLES[i] for i in ids], Settings())


def test_a_new_report_grows_its_story_which_keeps_its_id_and_the_others_are_untouched() -> None:
    stored = _stored("ferry-1", "orchard-1", "orchard-2")
    ferry = next(s for s in stored if "ferry-1" in s.article_ids)
    find = Counting()
    grown = grow_stories(stored, ARTICLES, [ARTICLES["ferry-2"]], Settings(), find)
    assert find.seen == [["ferry-1", "ferry-2"]]  # only the touched story was grouped again
    (regrouped,) = [s for s in grown.stories if s.id in grown.touched]
    assert regrouped.id == ferry.id and regrouped.article_ids == ("ferry-1", "ferry-2")
    assert [s for s in grown.stories if s.id not in grown.touched] == [s for s in stored if s is not ferry]
    assert grown.replaced == {ferry.id}


def test_a_report_on_a_new_event_starts_its_own_story() -> None:
    stored = _stored("orchard-1", "orchard-2")
    find = Counting()
    grown = grow_stories(stored, ARTICLES, [ARTICLES["ferry-1"]], Settings(), find)
    assert find.seen == [["ferry-1"]] and grown.replaced == frozenset()
    assert grown.stories[: len(stored)] == stored
    assert {s.article_ids for s in grown.stories if s.id in grown.touched} == {("ferry-1",)}


def test_nothing_new_changes_nothing() -> None:
    stored = _stored("ferry-1", "orchard-1")
    find = Counting()
    grown = grow_stories(stored, ARTICLES, [], Settings(), find)
    assert grown.stories == stored and not grown.touched and find.seen == []


def test_batches_end_as_one_run_does() -> None:
    ids = ["orchard-1", "ferry-1", "orchard-2", "ferry-2"]
    stories: tuple[Story, ...] = ()
    for aid in ids:
        stories = grow_stories(stories, ARTICLES, [ARTICLES[aid]], Settings(), find_stories).stories
    once = find_stories([ARTICLES[i] for i in ids], Settings())
    assert sorted(s.article_ids for s in stories) == sorted(s.article_ids for s in once)


@pytest.mark.data
def test_neus_in_batches_agrees_with_one_run() -> None:
    """A quick subset of bench/bench_incremental.py (NeuS val, 300 shuffled articles, 3 batches): B³ F1 of the
    batch-by-batch grouping against the one-shot one, pinned just under what it reaches (0.9983 at near=0.4
    when set; the whole bench: >= 0.98 on ECB+ dev and NeuS val)."""
    path = DATA / "neus" / "val.jsonl"
    if not path.exists():
        pytest.skip(f"{path} not found (shared development data absent)")
    articles = _as_engine_reads(load_labelled(path).articles)
    random.Random(14).shuffle(articles)
    articles = articles[:300]
    by_id = {a.id: a for a in articles}
    stories: tuple[Story, ...] = ()
    for start in range(0, 300, 100):
        stories = grow_stories(stories, by_id, articles[start : start + 100], Settings(), find_stories).stories
    assert b_cubed(_assignment(stories), _assignment(find_stories(articles, Settings())))[2] >= AGREEMENT_FLOOR
