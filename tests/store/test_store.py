"""The store suite: every test taking ``store`` or ``store_url`` runs on SQLite and on a real PostgreSQL
server (see conftest.py); a few at the end are about one backend's own promises."""

from __future__ import annotations

import multiprocessing
import sys
from multiprocessing.synchronize import Barrier
from pathlib import Path

import psycopg
import pytest

from newsweave.errors import StoreError
from newsweave.model import Article, Entity, Fact, Mention, Meta, Problem, Span, Story
from newsweave.store import MIGRATIONS, SQLiteStore, Store, open_store
from newsweave.store.postgres import MIGRATIONS as POSTGRES_MIGRATIONS
from newsweave.store.postgres import PostgresStore, fold, redact
from newsweave.store.search import StoryQuery


def _article(
    text: str = "Some text.", aid: str = "a1", outlet: str | None = "Courier", published: str | None = None,
    title: str | None = None,
) -> Article:
    return Article(
        id=aid, input=f"{aid}.txt", text=text, title=title,
        outlet=Meta(outlet, "sidecar") if outlet else None,
        published=Meta(published, "sidecar") if published else None,
        mentions=(Mention(Span(aid, 0, 4), "Some", "ORG", "role"),), done=frozenset({"text"}),
    )


def _story(sid: str, *aids: str, title: str = "", **fields: object) -> Story:
    return Story(sid, title or sid, tuple(Span(a, 0, 4) for a in aids), **fields)  # type: ignore[arg-type]


# --- articles, stories, problems -------------------------------------------------------------------


def test_store_meets_the_protocol(store: Store) -> None:
    assert isinstance(store, Store)
    assert store.url


def test_same_article_twice_changes_nothing(store: Store) -> None:
    assert store.put_articles([_article()]) == (1, 0)
    assert store.put_articles([_article()]) == (0, 1)
    assert store.articles() == [_article()]


def test_changed_article_is_counted_and_kept(store: Store) -> None:
    store.put_articles([_article()])
    assert store.put_articles([_article("Other text.")]) == (1, 0)
    assert store.articles() == [_article("Other text.")]


def test_article_round_trips_every_field(store: Store) -> None:
    store.put_articles([_article()])
    assert store.articles(["a1"])[0] == _article()


def test_articles_come_by_publication_date_undated_first(store: Store) -> None:
    store.put_articles([_article(aid="b", published="2024-03-02"), _article(aid="c", published="2024-03-01"),
                        _article(aid="a", published=None)])
    assert [a.id for a in store.articles()] == ["a", "c", "b"]
    assert [a.id for a in store.articles(["b", "c"])] == ["c", "b"]
    assert store.articles([]) == []


def test_article_ids_are_every_stored_id(store: Store) -> None:
    assert store.article_ids() == set()
    store.put_articles([_article(aid="a1"), _article(aid="a2")])
    assert store.article_ids() == {"a1", "a2"}


def test_regrouping_replaces_stories_sharing_articles(store: Store) -> None:
    store.put_articles([_article(aid="a1"), _article(aid="a2")])
    store.put_stories([_story("s1", "a1", title="old"), _story("s2", "a2")])
    store.put_stories([_story("s3", "a1", title="new")])
    assert sorted(s.id for s in store.stories()) == ["s2", "s3"]
    assert store.story("s1") is None
    assert store.story("s3") == _story("s3", "a1", title="new")


def test_story_outlets_fall_back_to_the_input_name(store: Store) -> None:
    store.put_articles([_article(aid="a1", outlet="Courier"), _article(aid="a2", outlet=None)])
    store.put_stories([_story("s1", "a1", "a2")])
    assert store.story_outlets("s1") == {"a1": "Courier", "a2": "a2.txt"}
    assert store.story_outlets("nope") == {}


def test_story_version_changes_when_the_story_is_written_again(store: Store) -> None:
    store.put_articles([_article()])
    store.put_stories([_story("s1", "a1", title="first")])
    before = store.story_version("s1")
    store.put_stories([_story("s1", "a1", title="second, longer")])
    assert before is not None and store.story_version("s1") not in (None, before)
    assert store.story_version("nope") is None


def test_problems_are_kept_in_order(store: Store) -> None:
    problems = [Problem("bad.txt", "empty file", "ingest"), Problem("worse.txt", "not text", None)]
    store.put_problems(problems)
    assert store.problems() == problems


def test_failed_write_changes_nothing(store: Store) -> None:
    store.put_articles([_article()])
    store.put_stories([_story("s1", "a1")])
    with pytest.raises(StoreError, match="nothing was written|FOREIGN KEY|foreign key"):
        store.put_stories([_story("s2", "a1"), _story("s3", "missing-article")])
    assert [s.id for s in store.stories()] == ["s1"]


# --- corrections -----------------------------------------------------------------------------------


def test_corrections_round_trip_oldest_first(store: Store) -> None:
    assert store.latest_correction_id() == 0
    first = store.add_correction("merge_stories", articles=[["a1"], ["a2"]], note="same event", by="editor")
    second = store.add_correction("same_quote", spans=[[Span("a1", 0, 4)], [Span("a2", 2, 9)]])
    assert second.id > first.id
    assert store.corrections() == [first, second]
    assert first.articles == (("a1",), ("a2",)) and first.note == "same event" and first.by == "editor"
    assert second.spans == ((Span("a1", 0, 4),), (Span("a2", 2, 9),))
    assert store.latest_correction_id() == second.id


# --- aliases ---------------------------------------------------------------------------------------


def test_old_story_id_follows_merges_and_splits_to_current_stories(store: Store) -> None:
    store.put_articles([_article(aid=a) for a in ("a1", "a2", "a3")])
    store.put_stories([_story("s-new", "a1", "a2"), _story("s-other", "a3")])
    store.put_aliases([("s-old", "s-mid"), ("s-mid", "s-new"), ("s-mid", "s-other"), ("s-gone", "s-gone2")])
    assert store.resolve_story("s-old") == ("s-new", "s-other")
    assert store.resolve_story("s-new") == ("s-new",)
    assert store.resolve_story("unknown") == ()
    assert store.resolve_story("s-gone") == ()  # points only at stories no longer stored


def test_aliases_are_idempotent_and_cycles_end(store: Store) -> None:
    store.put_articles([_article()])
    store.put_stories([_story("s-c", "a1")])
    store.put_aliases([("s-a", "s-b"), ("s-b", "s-a"), ("s-b", "s-c"), ("s-a", "s-a")])
    store.put_aliases([("s-a", "s-b")])
    assert store.resolve_story("s-a") == ("s-c",)


def test_current_id_answers_for_itself_even_when_once_aliased(store: Store) -> None:
    store.put_articles([_article(aid="a1"), _article(aid="a2")])
    store.put_stories([_story("s-1", "a1"), _story("s-2", "a2")])
    store.put_aliases([("s-1", "s-2")])  # merged away once, then regrouped back
    assert store.resolve_story("s-1") == ("s-1",)


# --- search ----------------------------------------------------------------------------------------


def _fill_for_search(store: Store) -> None:
    store.put_articles([
        _article("Bridge.", "b1", "Bay Courier", "2024-03-29T10:00:00", "Harbour bridge reopens"),
        _article("Bridge.", "b2", "Coast Gazette", "2024-03-30", "Bridge opens again"),
        _article("Zoo.", "z1", "City Times", "2024-03-20", "Zoo welcomes snow leopard cubs"),
        _article("Undated.", "u1", None, None, "Café owners protest"),
    ])
    okafor = Entity("e1", "Maria Okafor", "PERSON", (Mention(Span("b1", 0, 4), "Okafor", "PERSON"),))
    cables = Fact("f1", "Storm Elena damaged 12 cables.", "conflicting", (Span("b1", 0, 4),))
    store.put_stories([
        _story("s-bridge", "b1", "b2", title="Harbour bridge", entities=(okafor,), facts=(cables,)),
        _story("s-zoo", "z1", title="Leopard cubs"),
        _story("s-cafe", "u1", title="Crème brûlée protest"),
    ])


@pytest.mark.parametrize(
    ("query", "ids"),
    [
        (StoryQuery(), ["s-bridge", "s-zoo", "s-cafe"]),  # newest first, undated last
        (StoryQuery(text="cables"), ["s-bridge"]),
        (StoryQuery(text="leopard CUBS"), ["s-zoo"]),
        (StoryQuery(text="leopard bridge"), []),  # every word must occur
        (StoryQuery(text="creme brulee"), ["s-cafe"]),  # diacritics folded
        (StoryQuery(text="cafe"), ["s-cafe"]),  # article titles are searched
        (StoryQuery(text='"unbalanced AND ('), []),  # no query syntax leaks in
        (StoryQuery(entity="okafor"), ["s-bridge"]),
        (StoryQuery(entity="maria okafor"), ["s-bridge"]),
        (StoryQuery(entity="okafor maria"), []),  # an entity is a phrase
        (StoryQuery(entity="cables"), []),  # entity search looks at entities only
        (StoryQuery(outlet="gazette"), ["s-bridge"]),
        (StoryQuery(outlet="u1.txt"), ["s-cafe"]),  # no outlet: the input name
        (StoryQuery(since="2024-03-26"), ["s-bridge"]),
        (StoryQuery(until="2024-03-25"), ["s-zoo"]),
        (StoryQuery(since="2024-03-30", until="2024-03-30"), ["s-bridge"]),
        (StoryQuery(limit=1, offset=1), ["s-zoo"]),
        (StoryQuery(limit=None), ["s-bridge", "s-zoo", "s-cafe"]),  # no limit: every story
        (StoryQuery(limit=None, offset=2), ["s-cafe"]),
    ],
)
def test_search_stories(store: Store, query: StoryQuery, ids: list[str]) -> None:
    _fill_for_search(store)
    assert [row.id for row in store.search_stories(query)] == ids


def test_search_row_holds_the_listing(store: Store) -> None:
    _fill_for_search(store)
    (row,) = store.search_stories(StoryQuery(text="cables"))
    assert (row.title, row.articles, row.outlets) == ("Harbour bridge", 2, ("Bay Courier", "Coast Gazette"))
    assert (row.first, row.last, row.version) == ("2024-03-29", "2024-03-30", store.story_version("s-bridge"))


def test_search_sees_a_regrouping(store: Store) -> None:
    _fill_for_search(store)
    store.put_stories([_story("s-zoo2", "z1", title="Cubs named")])
    assert [r.id for r in store.search_stories(StoryQuery(text="named"))] == ["s-zoo2"]
    assert store.search_stories(StoryQuery(text="leopard")) == [
        r for r in store.search_stories(StoryQuery(text="leopard")) if r.id == "s-zoo2"
    ]
    assert {r.id for r in store.search_stories()} == {"s-bridge", "s-zoo2", "s-cafe"}


def test_story_marks_are_written_with_their_stories_kept_on_rewrite_and_dropped_with_them(store: Store) -> None:
    store.put_articles([_article(aid="a1"), _article(aid="a2")])
    store.put_stories([_story("s1", "a1"), _story("s2", "a2")], marks={"s1": ["~b@1#x", "~a@1#x"]})
    assert store.story_marks() == {"s1": ("~a@1#x", "~b@1#x")}  # a story written without marks has none
    store.put_stories([_story("s1", "a1", title="corrected")])  # rewritten without marks: they stay
    assert store.story_marks() == {"s1": ("~a@1#x", "~b@1#x")}
    store.put_stories([_story("s1", "a1")], marks={"s1": ["~a@2#y"]})
    assert store.story_marks() == {"s1": ("~a@2#y",)}
    store.put_stories([_story("s3", "a1", "a2")], aliases=[("s1", "s3"), ("s2", "s3")])
    assert store.story_marks() == {}  # s1 is gone, and its marks with it


def test_a_store_made_before_story_marks_gets_them_on_open(tmp_path: Path) -> None:
    path = tmp_path / "old.db"
    with SQLiteStore(path) as store:
        store.put_articles([_article()])
        store.put_stories([_story("s1", "a1")])
        store.write(lambda c: c.execute("DROP TABLE story_marks"))
        store.write(lambda c: c.execute("DELETE FROM migrations WHERE name = '0009_story_marks'"))
    with SQLiteStore(path) as store:
        assert "0009_story_marks" in store.migrations() and store.story_marks() == {}
        store.put_stories([_story("s1", "a1")], marks={"s1": ["~a@1#x"]})
        assert store.story_marks() == {"s1": ("~a@1#x",)} and [s.id for s in store.stories()] == ["s1"]


# --- opening, migrations, errors -------------------------------------------------------------------


def test_migrations_are_named_and_applied_once(store_url: str) -> None:
    with open_store(store_url) as first:
        assert isinstance(first, SQLiteStore | PostgresStore)
        assert first.migrate() == []
        expected = MIGRATIONS if isinstance(first, SQLiteStore) else POSTGRES_MIGRATIONS
    with open_store(store_url) as again:
        assert isinstance(again, SQLiteStore | PostgresStore)
        assert again.migrations() == [name for name, _ in expected]
        assert "0005_story_aliases" in again.migrations()


def test_data_outlives_the_connection(store_url: str) -> None:
    with open_store(store_url) as store:
        store.put_articles([_article()])
        store.add_correction("split_story", articles=[["a1"]])
    with open_store(store_url) as store:
        assert store.article_ids() == {"a1"} and store.latest_correction_id() == 1


@pytest.mark.parametrize("form", ["{path}", "sqlite:///{path}"])
def test_paths_and_sqlite_urls_open_sqlite(tmp_path: Path, form: str) -> None:
    path = tmp_path / "n.db"
    with open_store(form.format(path=path)) as store:
        assert isinstance(store, SQLiteStore) and store.path == str(path)
        store.put_articles([_article()])
    assert path.exists()
    with open_store(":memory:") as memory:
        assert isinstance(memory, SQLiteStore) and memory.article_ids() == set()


def test_file_store_uses_wal(tmp_path: Path) -> None:
    with SQLiteStore(tmp_path / "w.db") as store:
        assert store.read("PRAGMA journal_mode")[0][0] == "wal"


@pytest.mark.parametrize("damage", [
    "DELETE FROM story_index",  # written before search was indexed on write
    "UPDATE story_index SET version = 'old'; DELETE FROM migrations WHERE name = '0007_index_checked'",
])
def test_sqlite_store_brings_an_old_search_index_up_to_date_on_open(tmp_path: Path, damage: str) -> None:
    path = tmp_path / "old.db"
    with SQLiteStore(path) as store:
        _fill_for_search(store)
        for statement in damage.split(";"):
            store.write(lambda c, sql=statement: c.execute(sql))
    with SQLiteStore(path) as store:
        assert [r.id for r in store.search_stories()] == ["s-bridge", "s-zoo", "s-cafe"]
        assert store.search_stories()[0].version == store.story_version("s-bridge")


def test_sqlite_write_indexes_only_the_stories_it_wrote(tmp_path: Path) -> None:
    with SQLiteStore(tmp_path / "w.db") as store:
        _fill_for_search(store)
        store.write(lambda c: c.execute("UPDATE story_index SET title = 'kept' WHERE story_id = 's-cafe'"))
        store.put_stories([_story("s-zoo2", "z1", title="Cubs named")])
        titles = {r.id: r.title for r in store.search_stories()}
    assert titles == {"s-bridge": "Harbour bridge", "s-zoo2": "Cubs named", "s-cafe": "kept"}


def test_sqlite_search_holds_one_row_per_story_through_rewrites_and_regroupings(tmp_path: Path) -> None:
    with SQLiteStore(tmp_path / "w.db") as store:
        _fill_for_search(store)
        store.put_stories([_story("s-zoo", "z1", title="Cubs named")])  # rewritten in place
        store.put_stories([_story("s-zoo2", "z1", title="Cubs weighed")])  # regrouped: s-zoo is gone
        store.put_stories([_story("s-cafe", "u1", title="Crème brûlée protest")])
        rows = store.read("SELECT f.rowid, f.story_id, i.rowid, i.story_id FROM story_fts AS f "
                          "LEFT JOIN story_index AS i ON i.rowid = f.rowid ORDER BY f.rowid")
        assert [r.id for r in store.search_stories(StoryQuery(text="cubs"))] == ["s-zoo2"]
        assert store.search_stories(StoryQuery(text="named")) == []
    assert sorted(r[1] for r in rows) == ["s-bridge", "s-cafe", "s-zoo2"]
    assert all(fts_rowid == index_rowid and sid == index_sid for fts_rowid, sid, index_rowid, index_sid in rows)


def test_a_store_searched_by_story_id_is_reindexed_by_rowid_on_open(tmp_path: Path) -> None:
    path = tmp_path / "old.db"
    with SQLiteStore(path) as store:
        _fill_for_search(store)
        store.write(lambda c: c.execute("UPDATE story_fts SET rowid = rowid + 100"))  # rows as once keyed
        store.write(lambda c: c.execute("DELETE FROM migrations WHERE name = '0012_search_rowids'"))
    with SQLiteStore(path) as store:
        store.put_stories([_story("s-zoo", "z1", title="Cubs named")])
        assert [r.id for r in store.search_stories(StoryQuery(text="named"))] == ["s-zoo"]
        rows = store.read("SELECT f.story_id, i.story_id FROM story_fts AS f "
                          "LEFT JOIN story_index AS i ON i.rowid = f.rowid")
    assert sorted(rows) == [("s-bridge", "s-bridge"), ("s-cafe", "s-cafe"), ("s-zoo", "s-zoo")]


def test_unopenable_sqlite_store_is_a_store_error(tmp_path: Path) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("x")
    with pytest.raises(StoreError, match="cannot open store"):
        open_store(blocker / "sub" / "n.db")


@pytest.mark.parametrize("scheme", ["postgresql", "postgres"])
def test_unreachable_server_is_a_store_error_naming_the_url_not_the_password(scheme: str) -> None:
    with pytest.raises(StoreError, match=f"cannot open store {scheme}://newsweave:\\*\\*\\*@127.0.0.1:9/news") as info:
        open_store(f"{scheme}://newsweave:secret@127.0.0.1:9/news")
    assert "secret" not in str(info.value) and "server is running" in (info.value.hint or "")


def test_missing_driver_says_how_to_install_it(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setitem(sys.modules, "psycopg", None)
    with pytest.raises(StoreError, match="psycopg is not installed") as info:
        open_store("postgresql://localhost/news")
    assert "newsweave[postgres]" in (info.value.hint or "")


def test_postgres_store_reconnects_after_the_server_drops_it(postgres_url: str) -> None:
    with open_store(postgres_url) as store:
        store.put_articles([_article()])
        with psycopg.connect(postgres_url, autocommit=True) as admin:
            admin.execute("SELECT pg_terminate_backend(pid) FROM pg_stat_activity "
                          "WHERE datname = current_database() AND pid <> pg_backend_pid()")
        with pytest.raises(StoreError):  # the call in flight fails, and says so
            store.article_ids()
        assert store.article_ids() == {"a1"}  # the next one opens a new connection


def test_fold_matches_fts5_unicode61_words() -> None:
    assert fold("Crème-brûlée, U.S. 12th!") == "creme brulee u s 12th"
    assert redact("postgresql://u:p@h:5/db") == "postgresql://u:***@h:5/db"
    assert redact("postgresql://h/db") == "postgresql://h/db"


# --- two writers at once ---------------------------------------------------------------------------

ROUNDS = 30


def _regroup_writer(url: str, name: str, go: Barrier) -> None:
    """Each round: a new article, then a story of it and the shared article (replacing the other's)."""
    with open_store(url) as store:
        go.wait(120)
        for k in range(ROUNDS):
            store.put_articles([_article(f"{name} {k}", f"{name}-{k}"), _article("Shared.", "shared")])
            store.put_stories([_story(f"s-{name}-{k}", f"{name}-{k}", "shared")])
            holders = [s.id for s in store.stories() if "shared" in s.article_ids]
            if len(holders) != 1:  # every regrouping replaces the last one whole, whoever wrote it
                raise SystemExit(f"round {k}: the shared article is in {holders}")


def _correction_writer(url: str, go: Barrier) -> None:
    with open_store(url) as store:
        go.wait(120)
        for k in range(ROUNDS):
            store.add_correction("split_story", articles=[[f"x-{k}"]], note=str(k), by="web")


def test_two_writers_at_once_lose_nothing(store_url: str) -> None:
    with open_store(store_url):
        pass  # migrations done before the writers race
    spawn = multiprocessing.get_context("spawn")
    go = spawn.Barrier(3)  # the writers start their rounds together
    writers = [
        spawn.Process(target=_regroup_writer, args=(store_url, "left", go)),
        spawn.Process(target=_regroup_writer, args=(store_url, "right", go)),
        spawn.Process(target=_correction_writer, args=(store_url, go)),
    ]
    for writer in writers:
        writer.start()
    for writer in writers:
        writer.join(timeout=120)
    assert [w.exitcode for w in writers] == [0, 0, 0]
    with open_store(store_url) as store:
        expected = {"shared"} | {f"{n}-{k}" for n in ("left", "right") for k in range(ROUNDS)}
        assert store.article_ids() == expected
        assert sorted(int(c.note) for c in store.corrections()) == sorted(list(range(ROUNDS)))
        # regroupings never interleaved: each replaced the one before, so one story holds the shared article
        assert len([s for s in store.stories() if "shared" in s.article_ids]) == len(store.stories()) == 1
