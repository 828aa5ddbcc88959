"""Outlet profiles in the store, on every backend (see conftest.py)."""

from __future__ import annotations

from pathlib import Path

from newsweave.model import Article, OutletProfile
from newsweave.store import SQLiteStore, Store, open_store

GAZETTE = OutletProfile("Harbour Gazette", country="Ostland", language="en", owner="Quay Holdings",
                        kind="newspaper", leaning="centre")
WIRE = OutletProfile("Rivet Wire", kind="wire agency")


def test_outlets_round_trip_every_field_by_name(store: Store) -> None:
    assert store.outlets() == []
    assert store.put_outlets([WIRE, GAZETTE]) == 2
    assert store.outlets() == [GAZETTE, WIRE]


def test_same_name_in_other_case_or_spacing_replaces_the_profile(store: Store) -> None:
    store.put_outlets([GAZETTE, WIRE])
    store.put_outlets([OutletProfile("harbour   GAZETTE", kind="magazine")])
    assert store.outlets() == [OutletProfile("harbour   GAZETTE", kind="magazine"), WIRE]


def test_delete_outlet_says_whether_there_was_one(store: Store) -> None:
    store.put_outlets([GAZETTE])
    assert store.delete_outlet(" harbour gazette ") is True
    assert store.delete_outlet("Harbour Gazette") is False
    assert store.outlets() == []


def test_outlets_outlive_the_connection(store_url: str) -> None:
    with open_store(store_url) as store:
        store.put_outlets([GAZETTE])
    with open_store(store_url) as store:
        assert store.outlets() == [GAZETTE]


def test_a_store_made_before_outlets_migrates_and_keeps_its_data(tmp_path: Path) -> None:
    path = tmp_path / "old.db"
    article = Article(id="a1", input="a1.txt", text="Some text.")
    with SQLiteStore(path) as store:
        store.put_articles([article])
        store.write(lambda c: c.execute("DROP TABLE outlets"))
        store.write(lambda c: c.execute("DELETE FROM migrations WHERE name = '0008_outlets'"))
    with SQLiteStore(path) as store:
        assert "0008_outlets" in store.migrations()
        assert store.article_ids() == {"a1"}
        store.put_outlets([WIRE])
        assert store.outlets() == [WIRE]
