"""The PostgreSQL store, for a newsroom team sharing one database while a bulk run writes to it.

Same schema and semantics as the SQLite store (sqlite.py), with its own named migrations. Rows hold the
same values: the same JSON text in ``data`` (TEXT, so every article round-trips byte for byte), the same
ISO timestamps. Every write is one transaction; two writers from two processes lose nothing:

- articles are upserted with ``ON CONFLICT`` in id order (no deadlock between two batches);
- ``put_stories`` replaces the stories sharing its articles, so it takes a transaction-scoped advisory
  lock first: two regroupings never interleave, and each sees what the other committed;
- corrections get their ids from an identity column;
- a serialization failure or deadlock is retried a few times before it becomes a StoreError.

Search is PostgreSQL full-text search: ``story_index`` holds, per story, the listing row and two
``tsvector`` columns (every searchable word; entity names) written in the same transaction as the story.
Words are cut and folded (lower case, no diacritics) in Python exactly as SQLite's FTS5 ``unicode61
remove_diacritics 2`` tokenizer does, then indexed with the ``simple`` configuration (no stemming, no stop
words), so both backends find the same stories for the same query.

psycopg (3) is imported here only, so SQLite users never need it.
"""

from __future__ import annotations

import json
import re
import threading
import time
import unicodedata
from collections.abc import Callable, Iterable, Mapping, Sequence
from typing import TYPE_CHECKING, Any, TypeVar
from urllib.parse import urlsplit, urlunsplit

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

if TYPE_CHECKING:
    import psycopg

__all__ = ["MIGRATIONS", "PostgresStore", "fold", "redact"]

T = TypeVar("T")

MIGRATIONS: tuple[tuple[str, str], ...] = (
    ("0001_articles", """
        CREATE TABLE articles (
            id TEXT PRIMARY KEY, input TEXT NOT NULL, outlet TEXT, published TEXT, title TEXT,
            language TEXT, added TEXT NOT NULL, data TEXT NOT NULL)"""),
    ("0002_stories", """
        CREATE SEQUENCE story_revisions;
        CREATE TABLE stories (
            id TEXT PRIMARY KEY, title TEXT, updated TEXT NOT NULL,
            revision BIGINT NOT NULL DEFAULT nextval('story_revisions'), data TEXT NOT NULL);
        CREATE TABLE story_articles (
            story_id TEXT NOT NULL REFERENCES stories(id) ON DELETE CASCADE,
            article_id TEXT NOT NULL REFERENCES articles(id), PRIMARY KEY (story_id, article_id));
        CREATE INDEX story_articles_by_article ON story_articles (article_id)"""),
    ("0003_problems", """
        CREATE TABLE problems (
            id BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY, input TEXT NOT NULL, error TEXT NOT NULL,
            stage TEXT, at TEXT NOT NULL)"""),
    ("0004_corrections_and_search", """
        CREATE TABLE corrections (
            id BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY, kind TEXT NOT NULL, data TEXT NOT NULL,
            note TEXT NOT NULL, "by" TEXT NOT NULL, at TEXT NOT NULL);
        CREATE TABLE story_index (
            story_id TEXT PRIMARY KEY REFERENCES stories(id) ON DELETE CASCADE, title TEXT,
            articles INTEGER NOT NULL, outlets JSONB NOT NULL, first TEXT, last TEXT,
            words TSVECTOR NOT NULL, entity_words TSVECTOR NOT NULL);
        CREATE INDEX story_index_words ON story_index USING GIN (words);
        CREATE INDEX story_index_entity_words ON story_index USING GIN (entity_words)"""),
    ("0005_story_aliases", """
        CREATE TABLE story_aliases (
            old_id TEXT NOT NULL, new_id TEXT NOT NULL, at TEXT NOT NULL, PRIMARY KEY (old_id, new_id))"""),
    ("0006_corrections_undone", """
        ALTER TABLE corrections ADD COLUMN undone TEXT"""),
    ("0007_outlets", """
        CREATE TABLE outlets (key TEXT PRIMARY KEY, name TEXT NOT NULL, data TEXT NOT NULL, updated TEXT NOT NULL)"""),
    # What made each compared story (story stage marks, see app/versions.py); a story stored before has none.
    ("0008_story_marks", """
        CREATE TABLE story_marks (story_id TEXT PRIMARY KEY, marks TEXT NOT NULL)"""),
    # Each article's marks (Article.done) beside it, so an incremental run reads them without the article.
    ("0009_article_done", """
        ALTER TABLE articles ADD COLUMN done TEXT;
        UPDATE articles SET done = (data::json -> 'done')::text"""),
)

#: The stories with an article dated in [%s, %s) or with none dated, then every story sharing an article with one.
NEAR = """
    WITH RECURSIVE near(id) AS (
        SELECT story_id FROM story_index
        WHERE first IS NULL OR (last COLLATE "C" >= %s AND first COLLATE "C" < %s) UNION
        SELECT b.story_id FROM near JOIN story_articles AS a ON a.story_id = near.id
        JOIN story_articles AS b ON b.article_id = a.article_id)
    SELECT data FROM stories WHERE id IN (SELECT id FROM near) ORDER BY updated DESC, id COLLATE "C\""""

#: Advisory lock keys (any fixed 64-bit numbers, unique to newsweave within the database).
MIGRATION_LOCK = 0x6E770001
STORIES_LOCK = 0x6E770002
RETRIES = 8

RESOLVE = """
    WITH RECURSIVE walk(id) AS (
        SELECT %s::text UNION
        SELECT a.new_id FROM story_aliases AS a JOIN walk AS w ON a.old_id = w.id
        WHERE w.id NOT IN (SELECT id FROM stories))
    SELECT id FROM walk WHERE id IN (SELECT id FROM stories) ORDER BY id COLLATE "C\""""

_WORD = re.compile(r"\w+")
_HINT_INSTALL = 'install the PostgreSQL driver: pip install "newsweave[postgres]" (psycopg 3)'
_HINT_CONNECT = (
    "check that the server is running and the URL's user, password, host and database are right; "
    "create the database first (createdb NAME); tables are created on open"
)


def fold(text: str) -> str:
    """``text`` as the words FTS5's ``unicode61 remove_diacritics 2`` would index: lower case, no
    diacritics, separated by single spaces."""
    plain = "".join(c for c in unicodedata.normalize("NFKD", text) if not unicodedata.combining(c))
    return " ".join(_WORD.findall(plain.lower()))


def redact(url: str) -> str:
    """``url`` without its password, for messages."""
    parts = urlsplit(url)
    if parts.password is None:
        return url
    host = parts.hostname or ""
    user = f"{parts.username}:***@" if parts.username else ":***@"
    netloc = f"{user}{host}" + (f":{parts.port}" if parts.port else "")
    return urlunsplit(parts._replace(netloc=netloc))


def _psycopg() -> Any:
    try:
        import psycopg
    except ImportError as exc:
        raise StoreError("PostgreSQL store: psycopg is not installed", hint=_HINT_INSTALL) from exc
    return psycopg


class PostgresStore:
    """A newsweave database on a PostgreSQL server: ``PostgresStore("postgresql://user:pw@host/db")``."""

    def __init__(self, url: str) -> None:
        self.url = redact(url)
        self.path = self.url
        self._pg = _psycopg()
        self._dsn = url
        self._conn: psycopg.Connection[Any] = self._connect()
        self._lock = threading.Lock()
        encoding = self._read("SHOW server_encoding")[0][0]
        if encoding != "UTF8":
            self.close()
            raise StoreError(
                f"store {self.url}: the database encoding is {encoding}, newsweave needs UTF8",
                hint="create the database with: CREATE DATABASE name ENCODING 'UTF8' TEMPLATE template0",
            )
        self.migrate()

    def _connect(self) -> psycopg.Connection[Any]:
        try:
            return self._pg.connect(self._dsn, autocommit=True, connect_timeout=10)
        except self._pg.Error as exc:
            raise StoreError(f"cannot open store {self.url}: {exc}".strip(), hint=_HINT_CONNECT) from exc

    def _live(self) -> psycopg.Connection[Any]:
        """The connection, opened again if the server dropped it (a restart, a network cut)."""
        if self._conn.broken:
            self._conn = self._connect()
        return self._conn

    def close(self) -> None:
        self._conn.close()

    def __enter__(self) -> PostgresStore:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # --- transactions ------------------------------------------------------------------------------

    def _write(self, fn: Callable[[psycopg.Cursor[Any]], T]) -> T:
        """Run ``fn(cursor)`` in one transaction, retrying serialization failures and deadlocks."""
        retry = (self._pg.errors.SerializationFailure, self._pg.errors.DeadlockDetected)
        for attempt in range(RETRIES):
            try:
                with self._lock:
                    conn = self._live()
                    with conn.transaction(), conn.cursor() as cursor:
                        return fn(cursor)
            except retry as exc:
                if attempt == RETRIES - 1:
                    raise StoreError(f"store {self.url}: {exc}", hint="nothing was written; try again") from exc
                time.sleep(0.02 * 2**attempt)
            except self._pg.Error as exc:
                raise StoreError(f"store {self.url}: {exc}", hint="nothing was written") from exc
        raise AssertionError("unreachable")  # the loop returns or raises

    def _read(self, sql: str, params: Sequence[object] = ()) -> list[tuple[Any, ...]]:
        with self._lock:
            try:
                return self._live().execute(sql, params).fetchall()
            except self._pg.Error as exc:
                raise StoreError(f"store {self.url}: {exc}") from exc

    def migrate(self) -> list[str]:
        """Apply the migrations not yet applied (all at once, under a lock); return their names."""

        def apply(c: psycopg.Cursor[Any]) -> list[str]:
            c.execute("SELECT pg_advisory_xact_lock(%s)", (MIGRATION_LOCK,))
            c.execute("CREATE TABLE IF NOT EXISTS migrations (name TEXT PRIMARY KEY, at TEXT)")
            done = {row[0] for row in c.execute("SELECT name FROM migrations").fetchall()}
            applied = []
            for name, sql in MIGRATIONS:
                if name not in done:
                    for statement in sql.split(";"):
                        c.execute(statement)  # our own constant DDL
                    c.execute("INSERT INTO migrations VALUES (%s, %s)", (name, now()))
                    applied.append(name)
            return applied

        return self._write(apply)

    def migrations(self) -> list[str]:
        """The names of the applied migrations, in order."""
        return [row[0] for row in self._read("SELECT name FROM migrations ORDER BY name")]

    # --- articles and problems ---------------------------------------------------------------------

    def put_articles(self, articles: Iterable[Article]) -> tuple[int, int]:
        """Store articles; return (new or changed, unchanged). The same article twice changes nothing."""
        rows = sorted(((*article_row(a), article_done(a)) for a in articles), key=lambda r: r[0])

        def put(c: psycopg.Cursor[Any]) -> tuple[int, int]:
            changed = 0
            for *columns, data, done in rows:
                c.execute(
                    "INSERT INTO articles (id, input, outlet, published, title, language, added, data, done) "
                    "VALUES (%s, %s, %s, %s, %s, %s, %s, %s, %s) ON CONFLICT (id) DO UPDATE SET "
                    "input = excluded.input, outlet = excluded.outlet, published = excluded.published, "
                    "title = excluded.title, language = excluded.language, data = excluded.data, "
                    "done = excluded.done WHERE articles.data IS DISTINCT FROM excluded.data RETURNING id",
                    (*columns, now(), data, done),
                )
                changed += c.fetchone() is not None
            return changed, len(rows) - changed

        return self._write(put)

    def articles(self, ids: Sequence[str] | None = None) -> list[Article]:
        if ids is None:
            rows = self._read(
                'SELECT data FROM articles ORDER BY published COLLATE "C" NULLS FIRST, added, id COLLATE "C"'
            )
        else:
            rows = self._read(
                'SELECT data FROM articles WHERE id = ANY(%s) ORDER BY published COLLATE "C" NULLS FIRST, '
                'id COLLATE "C"',
                (list(ids),),
            )
        return [decode(Article, json.loads(r[0])) for r in rows]

    def article_ids(self) -> set[str]:
        return {row[0] for row in self._read("SELECT id FROM articles")}

    def article_order(self) -> list[str]:
        return [row[0] for row in self._read(
            'SELECT id FROM articles ORDER BY published COLLATE "C" NULLS FIRST, added, id COLLATE "C"')]

    def article_marks(self) -> dict[str, ArticleMarks]:
        return article_marks_of(self._read("SELECT id, language, published, done FROM articles"))

    def put_problems(self, problems: Iterable[Problem]) -> None:
        rows = [problem_row(p) for p in problems]
        self._write(
            lambda c: c.executemany("INSERT INTO problems (input, error, stage, at) VALUES (%s, %s, %s, %s)", rows)
        )

    def problems(self) -> list[Problem]:
        return [Problem(i, e, s) for i, e, s in self._read("SELECT input, error, stage FROM problems ORDER BY id")]

    # --- stories -----------------------------------------------------------------------------------

    def put_stories(self, stories: Iterable[Story], *, aliases: Iterable[tuple[str, str]] = (),
                    marks: Mapping[str, Iterable[str]] | None = None) -> int:
        """Store ``stories``; any stored story that shares an article with them is replaced, since
        grouping those articles again supersedes it. Indexed for search, and ``aliases`` and ``marks`` (story id
        -> what made it) written, in the same transaction; a story written without marks keeps those stored for
        its id."""
        rows = [(s, story_data(s)) for s in stories]
        mark_rows = marks_rows(marks)
        at = now()
        alias_rows = [(old, new, at) for old, new in sorted({(o, n) for o, n in aliases if o != n})]
        members = sorted({a for s, _ in rows for a in s.article_ids})

        def put(c: psycopg.Cursor[Any]) -> int:
            c.execute("SELECT pg_advisory_xact_lock(%s)", (STORIES_LOCK,))
            c.execute(
                "DELETE FROM stories WHERE id IN (SELECT story_id FROM story_articles WHERE article_id = ANY(%s))",
                (members,),
            )
            for story, data in rows:
                c.execute(
                    "INSERT INTO stories (id, title, updated, data) VALUES (%s, %s, %s, %s)",
                    (story.id, story.title, now(), data),
                )
                c.executemany(
                    "INSERT INTO story_articles VALUES (%s, %s)", [(story.id, a) for a in story.article_ids]
                )
                _index(c, story.id, json.loads(data))
            c.executemany("INSERT INTO story_aliases VALUES (%s, %s, %s) ON CONFLICT DO NOTHING", alias_rows)
            c.executemany("INSERT INTO story_marks VALUES (%s, %s) ON CONFLICT (story_id) DO UPDATE "
                          "SET marks = excluded.marks", mark_rows)
            c.execute("DELETE FROM story_marks WHERE story_id NOT IN (SELECT id FROM stories)")
            return len(rows)

        return self._write(put)

    def stories(self) -> list[Story]:
        rows = self._read('SELECT data FROM stories ORDER BY updated DESC, id COLLATE "C"')
        return [decode(Story, json.loads(r[0])) for r in rows]

    def story_members(self) -> list[tuple[str, tuple[str, ...]]]:
        return member_rows(self._read(
            "SELECT s.id, sa.article_id FROM stories AS s LEFT JOIN story_articles AS sa ON sa.story_id = s.id "
            'ORDER BY s.updated DESC, s.id COLLATE "C", sa.article_id COLLATE "C"'))

    def stories_near(self, first: str, last: str, days: int) -> list[Story]:
        rows = self._read(NEAR, date_reach(first, last, days))
        return [decode(Story, json.loads(r[0])) for r in rows]

    def story_marks(self) -> dict[str, tuple[str, ...]]:
        """Story id -> the marks stored with it, for every stored story that has them."""
        return {sid: tuple(json.loads(m)) for sid, m in self._read("SELECT story_id, marks FROM story_marks")}

    def story(self, story_id: str) -> Story | None:
        rows = self._read("SELECT data FROM stories WHERE id = %s", (story_id,))
        return decode(Story, json.loads(rows[0][0])) if rows else None

    def story_outlets(self, story_id: str) -> dict[str, str]:
        rows = self._read(
            "SELECT a.id, coalesce(a.outlet, a.input) FROM articles AS a "
            "JOIN story_articles AS sa ON sa.article_id = a.id WHERE sa.story_id = %s",
            (story_id,),
        )
        return dict(rows)

    def story_version(self, story_id: str) -> str | None:
        rows = self._read("SELECT updated || '/' || revision FROM stories WHERE id = %s", (story_id,))
        return str(rows[0][0]) if rows else None

    def search_stories(self, query: search.StoryQuery | None = None) -> list[search.StoryRow]:
        """Stories matching ``query`` (full-text and entity search, outlet, dates), newest first."""
        sql, params = _select(query or search.StoryQuery())
        return [search.StoryRow.from_row(row) for row in self._read(sql, params)]

    def put_aliases(self, pairs: Iterable[tuple[str, str]]) -> None:
        at = now()
        rows = sorted({(old, new) for old, new in pairs if old != new})
        self._write(
            lambda c: c.executemany(
                "INSERT INTO story_aliases VALUES (%s, %s, %s) ON CONFLICT DO NOTHING",
                [(old, new, at) for old, new in rows],
            )
        )

    def resolve_story(self, story_id: str) -> tuple[str, ...]:
        return tuple(row[0] for row in self._read(RESOLVE, (story_id,)))

    # --- corrections -------------------------------------------------------------------------------

    def add_correction(
        self,
        kind: CorrectionKind,
        *,
        articles: Sequence[Sequence[str]] = (),
        spans: Sequence[Sequence[Span]] = (),
        note: str = "",
        by: str = "person", name: str = "",
    ) -> Correction:
        """Record a person's correction; it is re-applied after every analysis (see corrections.py)."""
        data = correction_data(articles, spans, name)
        at = now()

        def put(c: psycopg.Cursor[Any]) -> int:
            c.execute(
                'INSERT INTO corrections (kind, data, note, "by", at) VALUES (%s, %s, %s, %s, %s) RETURNING id',
                (kind, data, note, by, at),
            )
            row = c.fetchone()
            return int(row[0]) if row else 0

        return search.correction(self._write(put), kind, data, note, by, at)

    def corrections(self) -> list[Correction]:
        rows = self._read('SELECT id, kind, data, note, "by", at, undone FROM corrections ORDER BY id')
        return [search.correction(*row) for row in rows]

    def undo_correction(self, correction_id: int) -> Correction | None:
        """Mark a live correction undone (kept, no longer applied); None when there is none."""
        at = now()

        def put(c: psycopg.Cursor[Any]) -> int:
            c.execute("UPDATE corrections SET undone = %s WHERE id = %s AND undone IS NULL", (at, correction_id))
            return c.rowcount

        if not self._write(put):
            return None
        return next(c for c in self.corrections() if c.id == correction_id)

    def latest_correction_id(self) -> int:
        return int(self._read("SELECT coalesce(max(id), 0) + count(undone) FROM corrections")[0][0])

    # --- outlet profiles (0007) --------------------------------------------------------------------

    def put_outlets(self, profiles: Iterable[OutletProfile]) -> int:
        rows = sorted(outlet_row(p) for p in profiles)  # in key order: two writers never deadlock

        def put(c: psycopg.Cursor[Any]) -> int:
            c.executemany("INSERT INTO outlets VALUES (%s, %s, %s, %s) ON CONFLICT (key) DO UPDATE SET "
                          "name = excluded.name, data = excluded.data, updated = excluded.updated", rows)
            return len(rows)

        return self._write(put)

    def outlets(self) -> list[OutletProfile]:
        rows = self._read('SELECT data FROM outlets ORDER BY key COLLATE "C"')
        return [decode(OutletProfile, json.loads(r[0])) for r in rows]

    def delete_outlet(self, name: str) -> bool:
        key = OutletProfile.key_of(name)

        def put(c: psycopg.Cursor[Any]) -> int:
            c.execute("DELETE FROM outlets WHERE key = %s", (key,))
            return c.rowcount

        return bool(self._write(put))


def _index(c: psycopg.Cursor[Any], story_id: str, story: dict[str, Any]) -> None:
    c.execute(
        "SELECT outlet, published, title, input FROM articles WHERE id = ANY(%s)",
        (search.story_article_ids(story),),
    )
    entry = search.index_entry(story, c.fetchall())
    words = fold("\n".join([entry.title, entry.entities, entry.outlets_text, entry.body]))
    c.execute(
        "INSERT INTO story_index VALUES (%s, %s, %s, %s, %s, %s, to_tsvector('simple', %s), "
        "to_tsvector('simple', %s))",
        (story_id, entry.title, entry.articles, json.dumps(list(entry.outlets)), entry.first, entry.last,
         words, fold(entry.entities)),
    )


def _select(query: search.StoryQuery) -> tuple[str, list[object]]:
    """SQL and parameters for the stories matching ``query``, newest first (as ``search.select``)."""
    where: list[str] = ["true"]
    params: list[object] = []
    words = fold(query.text or "")
    if words:
        where.append("i.words @@ plainto_tsquery('simple', %s)")
        params.append(words)
    names = fold(query.entity or "")
    if names:
        where.append("i.entity_words @@ phraseto_tsquery('simple', %s)")
        params.append(names)
    if query.outlet and query.outlet.strip():
        where.append("EXISTS (SELECT 1 FROM jsonb_array_elements_text(i.outlets) AS o WHERE lower(o) LIKE %s)")
        params.append(f"%{query.outlet.strip().lower()}%")
    if query.since:
        where.append('i.last >= %s COLLATE "C"')
        params.append(query.since)
    if query.until:
        where.append('i.first <= %s COLLATE "C"')
        params.append(query.until)
    sql = (
        "SELECT i.story_id, i.title, i.articles, i.outlets::text, i.first, i.last, s.updated || '/' || s.revision "
        f"FROM story_index AS i JOIN stories AS s ON s.id = i.story_id WHERE {' AND '.join(where)} "
        'ORDER BY i.last IS NULL, i.last COLLATE "C" DESC, i.articles DESC, i.story_id COLLATE "C" '
        "LIMIT %s OFFSET %s"
    )
    return sql, [*params, query.limit, query.offset]  # LIMIT NULL: no limit
