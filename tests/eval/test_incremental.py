"""Batch by batch against one shot: what each batch grouped again, changed and had compared."""

from __future__ import annotations

from newsweave.eval.incremental import Batch, agreement, batch_by_batch
from tests.app.test_incremental import ARTICLES, _article

CUP = ("Rovers win the Harlow cup final", "Northfield Rovers beat Harlow Town 3-1 in the cup final on Saturday. "
       "Their captain scored twice in the second half.")


def test_each_batch_says_what_it_grouped_again_changed_and_compared() -> None:
    first = [ARTICLES["ferry-1"], ARTICLES["orchard-1"]]
    second = [ARTICLES["ferry-2"], _article("cup-1", CUP)]
    run = batch_by_batch(first + second, 2)
    assert run.batches[0] == Batch(articles=2, stored=0, regrouped=0, changed=0, compared=2)
    # the ferry story grew (compared again), the cup report is a story of its own (compared), the orchard story
    # was not touched: kept as stored
    assert run.batches[1] == Batch(articles=2, stored=2, regrouped=1, changed=1, compared=2)
    assert sorted(s.article_ids for s in run.stories) == [("cup-1",), ("ferry-1", "ferry-2"), ("orchard-1",)]
    assert agreement(first + second, 2) == 1.0
