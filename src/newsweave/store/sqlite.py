"""The SQLite store. Articles are keyed by their content hash, so storing the same report twice
changes nothing; stories are replaced as a whole when the articles are grouped again.

One connection is the single writer (guarded by a lock); schema changes are named migrations applied
in order and recorded in ``migrations``. The database runs in WAL mode so readers (the web UI) never
block the writer.
"""

from __future__ import annotations

import json
import sqlite3
import threading
import time
from collections.abc import Callable, Iterable, Mapping, Sequence
from pathlib import Path
from typing import TypeVar

from ..codec import decode
from ..errors import StoreError
from ..model import Article, Correction, CorrectionKind, OutletProfile, Problem, Span, Story
from . import search
from .rows import (
    ArticleMarks,
    article_done,
    article_marks_of,
    article_row,
    correction_data,
    date_reach,
    marks_rows,
    member_rows,
    now,
    outlet_row,
    problem_row,
    story_data,
)

__all__ = ["BUSY_TIMEOUT", "MIGRATIONS", "SQLiteStore", "sqlite_path", "transaction"]

T = TypeVar("T")

MIGRATIONS: tuple[tuple[str, str], ...] = (
    ("0001_articles", """
        CREATE TABLE articles (
            id TEXT PRIMARY KEY, input TEXT NOT NULL, outlet TEXT, published TEXT, title TEXT,
            language TEXT, added TEXT NOT NULL, data TEXT NOT NULL)"""),
    ("0002_stories", """
        CREATE TABLE stories (id TEXT PRIMARY KEY, title TEXT, updated TEXT NOT NULL, data TEXT NOT NULL);
        CREATE TABLE story_articles (
            story_id TEXT NOT NULL REFERENCES stories(id) ON DELETE CASCADE,
            article_id TEXT NOT NULL REFERENCES articles(id), PRIMARY KEY (story_id, article_id))"""),
    ("0003_problems", """
        CREATE TABLE problems (input TEXT NOT NULL, error TEXT NOT NULL, stage TEXT, at TEXT NOT NULL)"""),
    ("0004_corrections_and_search", """
        CREATE TABLE corrections (
            id INTEGER PRIMARY KEY AUTOINCREMENT, kind TEXT NOT NULL, data TEXT NOT NULL, note TEXT NOT NULL,
            by TEXT NOT NULL, at TEXT NOT NULL);
        CREATE TABLE story_index (
            story_id TEXT PRIMARY KEY, version TEXT NOT NULL, title TEXT, articles INTEGER NOT NULL,
            outlets TEXT NOT NULL, first TEXT, last TEXT);
        CREATE VIRTUAL TABLE story_fts USING fts5(
            story_id UNINDEXED, title, entities, outlets, body,
            tokenize = 'unicode61 remove_diacritics 2')"""),
    ("0005_story_aliases", """
        CREATE TABLE story_aliases (
            old_id TEXT NOT NULL, new_id TEXT NOT NULL, at TEXT NOT NULL, PRIMARY KEY (old_id, new_id))"""),
    ("0006_corrections_undone", """
        ALTER TABLE corrections ADD COLUMN undone TEXT"""),
    # Marks a store whose search index was checked whole once (search.STALE); later opens check ids only.
    ("0007_index_checked", "SELECT 1"),
    ("0008_outlets", """
        CREATE TABLE outlets (key TEXT PRIMARY KEY, name TEXT NOT NULL, data TEXT NOT NULL, updated TEXT NOT NULL)"""),
    # What made each compared story (story stage marks, see app/versions.py); a story stored before has none.
    ("0009_story_marks", """
        CREATE TABLE story_marks (story_id TEXT PRIMARY KEY, marks TEXT NOT NULL)"""),
    # The stories of an article without a scan of every membership row (put_stories, stories_near).
    ("0010_story_articles_by_article", """
        CREATE INDEX story_articles_by_article ON story_articles (article_id)"""),
    # Each article's marks (Article.done) beside it, so an incremental run reads them without the article.
    ("0011_article_done", """
        ALTER TABLE articles ADD COLUMN done TEXT;
        UPDATE articles SET done = json_extract(data, '$.done')"""),
    # Search rows keyed by their index row's rowid (search._index): both emptied, so opening re-indexes.
    ("0012_search_rowids", """
        DELETE FROM story_fts; DELETE FROM story_index"""),
)

#: The stories with an article dated in [?, ?) or with none dated, then every story sharing an article with one.
NEAR = """
    WITH RECURSIVE near(id) AS (
        SELECT story_id FROM story_index WHERE first IS NULL OR (last >= ? AND first < ?) UNION
        SELECT b.story_id FROM near JOIN story_articles AS a ON a.story_id = near.id
        JOIN story_articles AS b ON b.article_id = a.article_id)
    SELECT data FROM stories WHERE id IN (SELECT id FROM near) ORDER BY updated DESC, id"""

#: Follows aliases from one id to the current stories it now points to (UNION stops at cycles).
RESOLVE = """
    WITH RECURSIVE walk(id) AS (
        SELECT ? UNION
        SELECT a.new_id FROM story_aliases AS a JOIN walk AS w ON a.old_id = w.id
        WHERE w.id NOT IN (SELECT id FROM stories))
    SELECT id FROM walk WHERE id IN (SELECT id FROM stories) ORDER BY id"""


#: Seconds a write waits for another process's write lock before giving up with a StoreError.
BUSY_TIMEOUT = 10.0
_BUSY_HINT = "another process is writing to this store; try again when it is done"


def transaction(conn: sqlite3.Connection, fn: Callable[[sqlite3.Connection], T], where: str, hint: str) -> T:
    """Run ``fn(conn)`` in one IMMEDIATE transaction; on any error roll back (when a transaction was
    begun at all: a ``BEGIN`` refused for a lock leaves nothing to roll back) and, for an SQLite error,
    raise a StoreError naming ``where``, with ``hint`` saying what was (not) kept."""
    try:
        conn.execute("BEGIN IMMEDIATE")
        result = fn(conn)
        conn.execute("COMMIT")
        return result
    except BaseException as exc:
        if conn.in_transaction:
            conn.execute("ROLLBACK")
        if isinstance(exc, sqlite3.Error):
            locked = "locked" in str(exc) or "busy" in str(exc)
            raise StoreError(f"{where}: {exc}", hint=f"{_BUSY_HINT}; {hint}" if locked else hint) from exc
        if isinstance(exc, UnicodeEncodeError):
            raise StoreError(f"{where}: text that is not valid Unicode ({exc.reason})", hint=hint) from exc
        raise


def _wal(conn: sqlite3.Connection, timeout: float) -> None:
    """Switch to WAL mode; switching needs a moment alone with the file, so a store another process is
    creating at the same moment is retried until ``timeout``."""
    deadline = time.monotonic() + timeout
    while True:
        try:
            conn.execute("PRAGMA journal_mode = WAL")
            return
        except sqlite3.OperationalError as exc:
            if "locked" not in str(exc) or time.monotonic() > deadline:
                raise
            time.sleep(0.05)


def _alias_rows(pairs: Iterable[tuple[str, str]]) -> list[tuple[str, str, str]]:
    at = now()
    return [(old, new, at) for old, new in pairs if old != new]


def sqlite_path(url_or_path: str | Path) -> str:
    """The file a ``sqlite:///path`` URL or a plain path names (``:memory:`` stays as it is)."""
    text = str(url_or_path)
    return text[len("sqlite:///"):] if text.startswith("sqlite:///") else text


class SQLiteStore:
    """A newsweave database in one SQLite file. ``SQLiteStore(":memory:")`` keeps everything in memory."""

    def __init__(self, path: str | Path = "newsweave.db", *, timeout: float | None = None) -> None:
        """Open (and create or migrate) the store; a write waits ``timeout`` seconds (default
        :data:`BUSY_TIMEOUT`) for another process's lock before a StoreError."""
        timeout = BUSY_TIMEOUT if timeout is None else timeout
        self.path = sqlite_path(path)
        self.url = self.path
        try:
            if self.path != ":memory:":
                Path(self.path).parent.mkdir(parents=True, exist_ok=True)
            self._conn = sqlite3.connect(self.path, timeout=timeout, check_same_thread=False, isolation_level=None)
            self._conn.execute("PRAGMA foreign_keys = ON")
            if self.path != ":memory:":
                _wal(self._conn, timeout)
        except (sqlite3.Error, OSError) as exc:
            locked = isinstance(exc, sqlite3.OperationalError) and "locked" in str(exc)
            raise StoreError(f"cannot open store {self.path}: {exc}",
                             hint=_BUSY_HINT if locked else "check the --db path") from exc
        self._lock = threading.Lock()
        applied = self.migrate()
        check = search.STALE if "0007_index_checked" in applied else search.MISSING
        if self.read(check):
            self.write(search.refresh)  # a store written before search was indexed on write

    def close(self) -> None:
        self._conn.close()

    def __enter__(self) -> SQLiteStore:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def write(self, fn: Callable[[sqlite3.Connection], T]) -> T:
        """Run ``fn(connection)`` in one transaction on the single writer connection (store-internal)."""
        with self._lock:
            return transaction(self._conn, fn, f"store {self.path}", "nothing was written")

    def read(self, sql: str, params: Sequence[object] = ()) -> list[tuple]:
        """Rows of one query (store-internal: nothing outside ``store/`` runs SQL)."""
        with self._lock:
            try:
                return self._conn.execute(sql, params).fetchall()
            except sqlite3.Error as exc:
                raise StoreError(f"store {self.path}: {exc}") from exc

    def migrate(self) -> list[str]:
        """Apply the migrations not yet applied; return their names. The check and every migration run in
        one write transaction, so two processes creating the same store at once never apply one twice:
        the second waits for the first and then finds nothing to do."""
        pending = [name for name, _ in MIGRATIONS]
        if self.read("SELECT 1 FROM sqlite_master WHERE name = 'migrations'"):
            done = {row[0] for row in self.read("SELECT name FROM migrations")}
            pending = [name for name in pending if name not in done]
        if not pending:
            return []

        def apply(c: sqlite3.Connection) -> list[str]:
            c.execute("CREATE TABLE IF NOT EXISTS migrations (name TEXT PRIMARY KEY, at TEXT)")
            done = {row[0] for row in c.execute("SELECT name FROM migrations")}
            applied = []
            for name, sql in MIGRATIONS:
                if name not in done:
                    for statement in sql.split(";"):
                        c.execute(statement)
                    c.execute("INSERT INTO migrations VALUES (?, ?)", (name, now()))
                    applied.append(name)
            return applied

        return self.write(apply)

    def migrations(self) -> list[str]:
        """The names of the applied migrations, in order."""
        return [row[0] for row in self.read("SELECT name FROM migrations ORDER BY name")]

    def put_articles(self, articles: Iterable[Article]) -> tuple[int, int]:
        """Store articles; return (new or changed, unchanged). The same article twice changes nothing."""
        rows = [(*article_row(a), article_done(a)) for a in articles]

        def put(c: sqlite3.Connection) -> tuple[int, int]:
            changed = 0
            for *columns, data, done in rows:
                old = c.execute("SELECT data FROM articles WHERE id = ?", (columns[0],)).fetchone()
                if old and old[0] == data:
                    continue
                c.execute(
                    "INSERT INTO articles (id, input, outlet, published, title, language, added, data, done) "
                    "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT(id) DO UPDATE SET "
                    "input=excluded.input, outlet=excluded.outlet, published=excluded.published, "
                    "title=excluded.title, language=excluded.language, data=excluded.data, done=excluded.done",
                    (*columns, now(), data, done),
                )
                changed += 1
            return changed, len(rows) - changed

        return self.write(put)

    def articles(self, ids: Sequence[str] | None = None) -> list[Article]:
        if ids is None:
            rows = self.read("SELECT data FROM articles ORDER BY published, added, id")
        else:
            marks = ",".join("?" * len(ids))
            rows = self.read(f"SELECT data FROM articles WHERE id IN ({marks}) ORDER BY published, id", ids)
        return [decode(Article, json.loads(r[0])) for r in rows]

    def article_ids(self) -> set[str]:
        return {row[0] for row in self.read("SELECT id FROM articles")}

    def article_order(self) -> list[str]:
        return [row[0] for row in self.read("SELECT id FROM articles ORDER BY published, added, id")]

    def article_marks(self) -> dict[str, ArticleMarks]:
        return article_marks_of(self.read("SELECT id, language, published, done FROM articles"))

    def put_stories(self, stories: Iterable[Story], *, aliases: Iterable[tuple[str, str]] = (),
                    marks: Mapping[str, Iterable[str]] | None = None) -> int:
        """Store ``stories``; any stored story that shares an article with them is replaced, since
        grouping those articles again supersedes it. ``aliases`` and ``marks`` (story id -> what made it) are
        written in the same transaction; a story written without marks keeps those stored for its id."""
        rows = [(s, story_data(s)) for s in stories]
        alias_rows = _alias_rows(aliases)
        mark_rows = marks_rows(marks)
        members = sorted({a for s, _ in rows for a in s.article_ids})

        def put(c: sqlite3.Connection) -> int:
            marks = ",".join("?" * len(members))
            c.execute(f"DELETE FROM stories WHERE id IN (SELECT story_id FROM story_articles "
                      f"WHERE article_id IN ({marks}))", members)
            for story, data in rows:
                c.execute("INSERT INTO stories VALUES (?, ?, ?, ?)", (story.id, story.title, now(), data))
                c.executemany("INSERT INTO story_articles VALUES (?, ?)",
                              [(story.id, a) for a in story.article_ids])
            c.executemany("INSERT OR IGNORE INTO story_aliases VALUES (?, ?, ?)", alias_rows)
            c.executemany("INSERT OR REPLACE INTO story_marks VALUES (?, ?)", mark_rows)
            c.execute("DELETE FROM story_marks WHERE story_id NOT IN (SELECT id FROM stories)")
            search.refresh(c, [s.id for s, _ in rows])  # indexed with the write: reading never writes
            return len(rows)

        return self.write(put)

    def stories(self) -> list[Story]:
        rows = self.read("SELECT data FROM stories ORDER BY updated DESC, id")
        return [decode(Story, json.loads(r[0])) for r in rows]

    def story_members(self) -> list[tuple[str, tuple[str, ...]]]:
        return member_rows(self.read(
            "SELECT s.id, sa.article_id FROM stories AS s LEFT JOIN story_articles AS sa ON sa.story_id = s.id "
            "ORDER BY s.updated DESC, s.id, sa.article_id"))

    def stories_near(self, first: str, last: str, days: int) -> list[Story]:
        rows = self.read(NEAR, date_reach(first, last, days))
        return [decode(Story, json.loads(r[0])) for r in rows]

    def story_marks(self) -> dict[str, tuple[str, ...]]:
        """Story id -> the marks stored with it, for every stored story that has them."""
        return {sid: tuple(json.loads(m)) for sid, m in self.read("SELECT story_id, marks FROM story_marks")}

    def story(self, story_id: str) -> Story | None:
        rows = self.read("SELECT data FROM stories WHERE id = ?", (story_id,))
        return decode(Story, json.loads(rows[0][0])) if rows else None

    def story_outlets(self, story_id: str) -> dict[str, str]:
        rows = self.read(
            "SELECT a.id, coalesce(a.outlet, a.input) FROM articles AS a "
            "JOIN story_articles AS sa ON sa.article_id = a.id WHERE sa.story_id = ?",
            (story_id,),
        )
        return dict(rows)

    def put_aliases(self, pairs: Iterable[tuple[str, str]]) -> None:
        rows = _alias_rows(pairs)
        self.write(lambda c: c.executemany("INSERT OR IGNORE INTO story_aliases VALUES (?, ?, ?)", rows))

    def resolve_story(self, story_id: str) -> tuple[str, ...]:
        return tuple(row[0] for row in self.read(RESOLVE, (story_id,)))

    def put_problems(self, problems: Iterable[Problem]) -> None:
        rows = [problem_row(p) for p in problems]
        self.write(lambda c: c.executemany("INSERT INTO problems VALUES (?, ?, ?, ?)", rows))

    def problems(self) -> list[Problem]:
        return [Problem(i, e, s) for i, e, s in self.read("SELECT input, error, stage FROM problems")]

    # --- corrections and search (0004) -----------------------------------------------------------

    def add_correction(
        self, kind: CorrectionKind, *, articles: Sequence[Sequence[str]] = (),
        spans: Sequence[Sequence[Span]] = (), note: str = "", by: str = "person", name: str = "",
    ) -> Correction:
        """Record a person's correction; it is re-applied after every analysis (see corrections.py)."""
        data = correction_data(articles, spans, name)
        at = now()

        def put(c: sqlite3.Connection) -> int:
            cursor = c.execute("INSERT INTO corrections (kind, data, note, by, at) VALUES (?, ?, ?, ?, ?)",
                               (kind, data, note, by, at))
            return int(cursor.lastrowid or 0)

        return search.correction(self.write(put), kind, data, note, by, at)

    def corrections(self) -> list[Correction]:
        """Every correction, oldest first."""
        rows = self.read("SELECT id, kind, data, note, by, at, undone FROM corrections ORDER BY id")
        return [search.correction(*row) for row in rows]

    def undo_correction(self, correction_id: int) -> Correction | None:
        """Mark a live correction undone (kept, no longer applied); None when there is none."""
        at = now()

        def put(c: sqlite3.Connection) -> int:
            return c.execute("UPDATE corrections SET undone = ? WHERE id = ? AND undone IS NULL",
                             (at, correction_id)).rowcount

        if not self.write(put):
            return None
        return next(c for c in self.corrections() if c.id == correction_id)

    def latest_correction_id(self) -> int:
        return int(self.read("SELECT coalesce(max(id), 0) + count(undone) FROM corrections")[0][0])

    def story_version(self, story_id: str) -> str | None:
        """A value that changes whenever the stored story is written again (for caches)."""
        rows = self.read(f"SELECT {search.VERSION} FROM stories WHERE id = ?", (story_id,))
        return str(rows[0][0]) if rows else None

    def search_stories(self, query: search.StoryQuery | None = None) -> list[search.StoryRow]:
        """Stories matching ``query`` (FTS5 text and entity search, outlet, dates), newest first. A read: the
        index is kept up to date by the writes (``put_stories``)."""
        sql, params = search.select(query or search.StoryQuery())
        return [search.StoryRow.from_row(row) for row in self.read(sql, params)]

    # --- outlet profiles (0008) --------------------------------------------------------------------

    def put_outlets(self, profiles: Iterable[OutletProfile]) -> int:
        rows = [outlet_row(p) for p in profiles]

        def put(c: sqlite3.Connection) -> int:
            c.executemany("INSERT INTO outlets VALUES (?, ?, ?, ?) ON CONFLICT(key) DO UPDATE SET "
                          "name = excluded.name, data = excluded.data, updated = excluded.updated", rows)
            return len(rows)

        return self.write(put)

    def outlets(self) -> list[OutletProfile]:
        rows = self.read("SELECT data FROM outlets ORDER BY key")
        return [decode(OutletProfile, json.loads(r[0])) for r in rows]

    def delete_outlet(self, name: str) -> bool:
        key = OutletProfile.key_of(name)
        return bool(self.write(lambda c: c.execute("DELETE FROM outlets WHERE key = ?", (key,)).rowcount))
