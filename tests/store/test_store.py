from __future__ import annotations

from pathlib import Path

import pytest

from newsweave.errors import StoreError
from newsweave.model import Article, Mention, Meta, Problem, Span, Story
from newsweave.store import MIGRATIONS, Store


def _article(text: str = "Some text.", aid: str = "a1") -> Article:
    return Article(id=aid, input="in.txt", text=text, outlet=Meta("Courier", "sidecar"),
                   mentions=(Mention(Span(aid, 0, 4), "Some", "ORG", "role"),), done=frozenset({"text"}))


def test_same_article_twice_changes_nothing(store: Store) -> None:
    assert store.put_articles([_article()]) == (1, 0)
    assert store.put_articles([_article()]) == (0, 1)
    assert store.articles() == [_article()]


def test_article_round_trips_every_field(store: Store) -> None:
    store.put_articles([_article()])
    assert store.articles(["a1"])[0] == _article()


def test_regrouping_replaces_stories_sharing_articles(store: Store) -> None:
    store.put_articles([_article(aid="a1"), _article(aid="a2")])
    store.put_stories([Story("s1", "old", (Span("a1", 0, 4),)), Story("s2", "other", (Span("a2", 0, 4),))])
    store.put_stories([Story("s3", "new", (Span("a1", 0, 4),))])
    assert sorted(s.id for s in store.stories()) == ["s2", "s3"]
    assert store.story("s1") is None


def test_migrations_are_named_and_applied_once(tmp_path: Path) -> None:
    path = tmp_path / "n.db"
    with Store(path) as first:
        assert first.migrate() == []
    with Store(path) as again:
        names = [r[0] for r in again.read("SELECT name FROM migrations ORDER BY name")]
    assert names == [name for name, _ in MIGRATIONS]


def test_file_store_uses_wal(tmp_path: Path) -> None:
    with Store(tmp_path / "w.db") as store:
        assert store.read("PRAGMA journal_mode")[0][0] == "wal"


def test_problems_are_kept(store: Store) -> None:
    store.put_problems([Problem("bad.txt", "empty file", "ingest")])
    assert store.problems() == [Problem("bad.txt", "empty file", "ingest")]


def test_unopenable_store_is_a_store_error(tmp_path: Path) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("x")
    with pytest.raises(StoreError, match="cannot open store"):
        Store(blocker / "sub" / "n.db")


def test_failed_write_leaves_earlier_data(store: Store) -> None:
    store.put_articles([_article()])
    with pytest.raises(StoreError):
        store.write(lambda c: c.execute("INSERT INTO nowhere VALUES (1)"))
    assert len(store.articles()) == 1
