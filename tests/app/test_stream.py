"""Streaming analysis: grouping on light articles, stories written in batches, a run in small batches storing
what one big batch stores."""

from __future__ import annotations

import json

import pytest

from newsweave import api
from newsweave.app import Workspace
from newsweave.app.stream import Analysed, for_grouping, write_batches
from newsweave.ingest import read_bytes
from newsweave.model import Span, Story
from tests.bulk.test_bulk import records


def _story(sid: str, *spans: tuple[str, int, int]) -> Story:
    return Story(id=sid, title=sid, segments=tuple(Span(*s) for s in spans))


def _workspace(count: int, batch_size: int) -> Workspace:
    ws = Workspace.open(":memory:", batch_size=batch_size)
    data = "\n".join(json.dumps(r) for r in records(count)).encode()
    ws.add_documents(read_bytes("shard.jsonl", data, "jsonl").documents)
    return ws


@pytest.fixture(scope="module")
def analysed() -> list:
    with _workspace(14, 64) as ws:
        ws.analyse_stored()
        return ws.store.articles()


def test_grouping_light_articles_gives_the_stories_whole_ones_give(analysed: list) -> None:
    assert any(a.mentions for a in analysed) and any(len(a.sentences) > 1 for a in analysed)
    light = [for_grouping(a) for a in analysed]
    assert not any(a.mentions or a.claims or a.times for a in light)
    assert api.find_stories(light) == api.find_stories(analysed)


def test_a_run_in_small_batches_stores_what_one_batch_stores() -> None:
    with _workspace(8, 3) as small, _workspace(8, 1000) as big:
        run = small.analyse_stored()
        assert big.analyse_stored() == run
        assert sorted(small.stories(), key=lambda s: s.id) == sorted(big.stories(), key=lambda s: s.id)
        assert small.store.articles() == big.store.articles()
    assert len(run.articles) == 8 and run.stories
    assert sorted(a for _, ids in run.stories for a in ids) == sorted(run.articles)  # ids only, every article


def test_analyse_returns_the_stored_report_of_the_run() -> None:
    with _workspace(5, 2) as ws:
        report = ws.analyse()
        assert report.articles == tuple(ws.store.articles())
        assert {s.id for s in report.stories} == {s.id for s in ws.stories()}
        assert all(s.entities for s in report.stories)  # compared


def test_stories_sharing_an_article_share_a_write_batch() -> None:
    a = _story("a", ("x", 0, 10))
    b = _story("b", ("y", 0, 10))
    c = _story("c", ("x", 10, 20), ("z", 0, 5))  # the other segment of x
    d = _story("d", ("w", 0, 10))
    batches = write_batches([a, b, c, d], 1)
    assert [[s.id for s in batch] for batch in batches] == [["a", "c"], ["b"], ["d"]]
    assert [[s.id for s in batch] for batch in write_batches([a, b, c, d], 100)] == [["a", "c", "b", "d"]]
    assert write_batches([], 5) == []


def test_the_stories_of_some_articles_and_what_they_cover() -> None:
    run = Analysed(("p", "q", "r", "s"), (("s1", ("p", "q")), ("s2", ("r",)), ("s3", ("s",))))
    assert run.stories_of(frozenset({"q"})) == ["s1"]
    assert run.stories_of() == ["s1", "s2", "s3"]
    assert run.articles_of(frozenset({"q", "s"})) == ["p", "q", "s"]
    assert run.articles_of() == ["p", "q", "r", "s"]
