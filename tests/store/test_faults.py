"""Issue 13 item 3: a locked SQLite store, reads while someone writes, and two processes creating a store."""

from __future__ import annotations

import multiprocessing
import sqlite3
import time
from multiprocessing.synchronize import Barrier
from pathlib import Path

import pytest

from newsweave.errors import StoreError
from newsweave.model import Article, Meta, Problem, Span, Story
from newsweave.store import MIGRATIONS, SQLiteStore
from newsweave.store.search import StoryQuery


def _article(aid: str = "a1") -> Article:
    return Article(id=aid, input=f"{aid}.txt", text="Some text.", outlet=Meta("Courier", "sidecar"))


def _locked(path: Path) -> sqlite3.Connection:
    """Another process's writer holding the write lock."""
    other = sqlite3.connect(path, isolation_level=None)
    other.execute("BEGIN IMMEDIATE")
    return other


def test_a_locked_store_waits_then_gives_one_store_error(tmp_path: Path) -> None:
    path = tmp_path / "n.db"
    store = SQLiteStore(path, timeout=0.2)
    other = _locked(path)
    try:
        started = time.monotonic()
        with pytest.raises(StoreError, match="database is locked") as info:
            store.put_articles([_article()])
        assert time.monotonic() - started < 5  # bounded
        assert "another process is writing" in str(info.value) and "\n" not in str(info.value)
    finally:
        other.execute("ROLLBACK")
        other.close()
    store.put_articles([_article()])  # the writer connection was left usable (no transaction held open)
    assert [a.id for a in store.articles()] == ["a1"]
    store.close()


def test_search_reads_while_another_process_writes(tmp_path: Path) -> None:
    path = tmp_path / "n.db"
    store = SQLiteStore(path, timeout=0.2)
    store.put_articles([_article()])
    store.put_stories([Story("s-1", "Ferry strike", (Span("a1", 0, 4),))])
    other = _locked(path)
    try:
        rows = store.search_stories(StoryQuery(text="ferry"))  # a GET page: must not need the write lock
        assert [r.id for r in rows] == ["s-1"]
        assert [r.id for r in store.search_stories()] == ["s-1"]
    finally:
        other.execute("ROLLBACK")
        other.close()
    store.close()


def test_the_index_is_written_with_the_stories(tmp_path: Path) -> None:
    with SQLiteStore(tmp_path / "n.db") as store:
        store.put_articles([_article(), _article("a2")])
        store.put_stories([Story("s-1", "Ferry strike", (Span("a1", 0, 4),))])
        assert store.read("SELECT story_id FROM story_index") == [("s-1",)]
        store.put_stories([Story("s-2", "Bridge opens", (Span("a1", 0, 4), Span("a2", 0, 4)))])
        assert store.read("SELECT story_id FROM story_index") == [("s-2",)]


def test_a_problem_with_invalid_unicode_is_stored(tmp_path: Path) -> None:
    with SQLiteStore(tmp_path / "n.db") as store:
        store.put_problems([Problem("bad\udcff.txt", "no text \ud800", "ingest")])
        (found,) = store.problems()
        assert found.input == "bad\ufffd.txt" and found.error == "no text \ufffd"


def _create(path: str, go: Barrier, results: multiprocessing.Queue) -> None:  # type: ignore[type-arg]
    go.wait(60)
    try:
        with SQLiteStore(path) as store:
            results.put(("ok", len(store.migrations())))
    except Exception as exc:  # noqa: BLE001 - the test reports what went wrong in the child
        results.put(("error", f"{type(exc).__name__}: {exc}"))


def test_two_processes_creating_a_store_at_once_both_succeed(tmp_path: Path) -> None:
    spawn = multiprocessing.get_context("fork")  # the child only opens SQLite: fork is safe and fast
    outcomes = []
    for round_ in range(4):
        path = str(tmp_path / f"new-{round_}.db")
        go, results = spawn.Barrier(3), spawn.Queue()
        workers = [spawn.Process(target=_create, args=(path, go, results)) for _ in range(3)]
        for w in workers:
            w.start()
        outcomes += [results.get(timeout=120) for _ in workers]
        for w in workers:
            w.join(60)
    assert outcomes == [("ok", len(MIGRATIONS))] * 12


def test_a_failed_write_never_leaves_the_writer_inside_a_transaction(tmp_path: Path) -> None:
    """Item 1 in the server: text that is not valid Unicode failed mid-transaction and kept the lock."""
    with SQLiteStore(tmp_path / "n.db") as store:
        with pytest.raises(StoreError, match="not valid Unicode"):
            store.put_articles([Article(id="a1", input="a1.txt", text="bad \ud800", title="\udfff")])
        other = sqlite3.connect(tmp_path / "n.db", timeout=0.5, isolation_level=None)
        other.execute("BEGIN IMMEDIATE")  # the lock is free
        other.execute("ROLLBACK")
        other.close()
        store.put_articles([_article()])
        assert [a.id for a in store.articles()] == ["a1"]
