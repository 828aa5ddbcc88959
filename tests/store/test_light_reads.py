"""The light reads an incremental run makes instead of decoding every story and article: story members, the
stories near some days, and the articles' marks. Each runs on SQLite and on PostgreSQL (see conftest.py)."""

from __future__ import annotations

import sqlite3
import sys
from pathlib import Path

import pytest

from newsweave.model import Article, Meta, Span, Story
from newsweave.store import SQLiteStore, Store
from newsweave.store.rows import ArticleMarks, date_reach


def _article(aid: str, published: str | None, language: str = "en", done: frozenset[str] = frozenset()) -> Article:
    return Article(aid, f"{aid}.txt", f"Text of {aid}, long enough to hold two segments.", language=language,
                   published=Meta(published, "sidecar") if published else None, done=done)


def _story(sid: str, *segments: tuple[str, int]) -> Story:
    return Story(sid, sid, tuple(Span(a, start, start + 8) for a, start in segments))


@pytest.fixture
def no_decoding(store: Store, monkeypatch: pytest.MonkeyPatch) -> None:
    """Decoding an article or story in the store's module fails the test from here on."""

    def refuse(*_: object) -> None:
        raise AssertionError("a light read decoded a stored article or story")

    monkeypatch.setattr(sys.modules[type(store).__module__], "decode", refuse)


def _stored(store: Store) -> None:
    """Stories in January, March (two, sharing an article split into events), June, and one undated."""
    store.put_articles([_article("jan", "2024-01-10"), _article("mar-1", "2024-03-01"),
                        _article("mar-2", "2024-03-05T09:30:00"), _article("split", "2024-02-20"),
                        _article("jun", "2024-06-15"), _article("undated", None)])
    store.put_stories([_story("s-jan", ("jan", 0))])
    store.put_stories([_story("s-mar", ("mar-1", 0), ("mar-2", 0), ("split", 0)), _story("s-feb", ("split", 20))])
    store.put_stories([_story("s-jun", ("jun", 0))])
    store.put_stories([_story("s-none", ("undated", 0))])


def test_story_members_list_every_story_in_the_order_stories_gives_without_decoding(store: Store,
                                                                                    no_decoding: None) -> None:
    _stored(store)
    members = store.story_members()
    assert {sid: ids for sid, ids in members} == {"s-jan": ("jan",), "s-mar": ("mar-1", "mar-2", "split"),
                                                  "s-feb": ("split",), "s-jun": ("jun",), "s-none": ("undated",)}
    assert len(members) == 5


def test_story_members_follow_the_order_of_stories(store: Store) -> None:
    _stored(store)
    assert [sid for sid, _ in store.story_members()] == [s.id for s in store.stories()]


@pytest.mark.parametrize(("first", "last", "days", "ids"), [
    ("2024-03-04", "2024-03-04", 7, {"s-mar", "s-feb", "s-none"}),   # s-feb shares an article with s-mar
    ("2024-03-20", "2024-03-20", 7, {"s-none"}),                     # nothing within a week but the undated
    ("2024-03-20", "2024-03-20", 15, {"s-mar", "s-feb", "s-none"}),  # 2024-03-05T09:30 is 15 days before
    ("2024-01-01", "2024-01-02", 8, {"s-jan", "s-none"}),
    ("2024-01-10", "2024-06-15", 0, {"s-jan", "s-mar", "s-feb", "s-jun", "s-none"}),
    ("2024-06-22", "2024-06-30", 6, {"s-none"}),
    ("2024-06-22", "2024-06-30", 7, {"s-jun", "s-none"}),
])
def test_stories_near_some_days_are_those_an_article_of_those_days_could_join(
        store: Store, first: str, last: str, days: int, ids: set[str]) -> None:
    _stored(store)
    near = store.stories_near(first, last, days)
    assert {s.id for s in near} == ids
    assert near == [s for s in store.stories() if s.id in ids]  # whole stories, in the order of stories()


def test_article_marks_hold_language_date_and_done_without_decoding(store: Store, no_decoding: None) -> None:
    store.put_articles([_article("a", "2024-03-01", done=frozenset({"~entities@3#ab", "mentions"})),
                        _article("b", None, language="de")])
    assert store.article_marks() == {"a": ArticleMarks("en", "2024-03-01", frozenset({"~entities@3#ab", "mentions"})),
                                     "b": ArticleMarks("de", None, frozenset())}


def test_date_reach_widens_the_days_by_the_window() -> None:
    assert date_reach("2024-03-01", "2024-03-02T10:00:00", 7) == ("2024-02-23", "2024-03-10")


def test_a_store_made_before_the_done_column_gets_it_on_open(tmp_path: Path) -> None:
    path = tmp_path / "old.db"
    with SQLiteStore(path) as store:
        store.put_articles([_article("a", "2024-03-01", done=frozenset({"~quotes@1#cd"}))])
    with sqlite3.connect(path) as conn:  # as a store written before 0011_article_done was
        conn.execute("ALTER TABLE articles DROP COLUMN done")
        conn.execute("DELETE FROM migrations WHERE name = '0011_article_done'")
    with SQLiteStore(path) as store:
        assert store.article_marks() == {"a": ArticleMarks("en", "2024-03-01", frozenset({"~quotes@1#cd"}))}
