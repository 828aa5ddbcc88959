"""The run ledger: a SQLite file beside the output that says which input records are done.

A record's key is marked done in the same transaction that commits the Parquet part holding its
article (or records its failure), and only after that part is fsynced and renamed into place. So after
a crash, kill -9 included, every key is either done and in exactly one committed part, or not done and
in no committed part; :meth:`Ledger.orphans` names part files written but never committed, which the
run deletes before it starts again. One writer connection, WAL mode, schema as named migrations.

It lives in ``store/`` beside the stores because it is storage too: bulk asks it named questions
(:meth:`Ledger.stories`, :meth:`Ledger.story_titles`, ...) and runs no SQL of its own. It is always SQLite,
a file beside the run's Parquet output, whatever store the results are copied into.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from functools import partial
from pathlib import Path
from typing import TypeVar

from ..errors import StoreError
from .rows import storable
from .sqlite import transaction

__all__ = ["Entry", "Ledger", "StoryRow"]

T = TypeVar("T")

MIGRATIONS: tuple[tuple[str, str], ...] = (
    (
        "0001_ledger",
        """
        CREATE TABLE runs (id INTEGER PRIMARY KEY, started TEXT NOT NULL, finished TEXT, summary TEXT);
        CREATE TABLE parts (
            name TEXT PRIMARY KEY, run INTEGER NOT NULL, rows INTEGER NOT NULL, at TEXT NOT NULL);
        CREATE TABLE items (
            key TEXT PRIMARY KEY, status TEXT NOT NULL, run INTEGER NOT NULL, part TEXT,
            article_id TEXT, story_id TEXT, input TEXT, stage TEXT, error TEXT);
        CREATE TABLE stories (
            id TEXT PRIMARY KEY, title TEXT, size INTEGER NOT NULL, first TEXT, last TEXT,
            created_run INTEGER NOT NULL, updated_run INTEGER NOT NULL)""",
    ),
)


@dataclass(frozen=True, slots=True)
class Entry:
    """One key's outcome: ``analysed`` (in ``part``, in ``story_id``) or ``failed`` (with the reason)."""

    key: str
    status: str
    article_id: str | None = None
    story_id: str | None = None
    input: str | None = None
    stage: str | None = None
    error: str | None = None


@dataclass(frozen=True, slots=True)
class StoryRow:
    id: str
    title: str
    size: int
    first: str | None
    last: str | None


def _now() -> str:
    return datetime.now(UTC).isoformat(timespec="seconds")


class Ledger:
    """The ledger of one output folder (``Ledger(out / "_ledger.sqlite")``)."""

    def __init__(self, path: str | Path) -> None:
        self.path = str(path)
        try:
            self._conn = sqlite3.connect(self.path, isolation_level=None)
            self._conn.execute("PRAGMA journal_mode = WAL")
            self._conn.execute("PRAGMA synchronous = FULL")
        except sqlite3.Error as exc:
            raise StoreError(f"cannot open run ledger {self.path}: {exc}", hint="check --out") from exc
        self._migrate()

    def close(self) -> None:
        self._conn.close()

    def write(self, fn: Callable[[sqlite3.Connection], T]) -> T:
        """Run ``fn(connection)`` in one transaction (ledger-internal)."""
        return transaction(self._conn, fn, f"run ledger {self.path}", "nothing of this batch was recorded")

    def read(self, sql: str, params: Sequence[object] = ()) -> list[tuple]:
        """Rows of one query (ledger-internal)."""
        try:
            return self._conn.execute(sql, params).fetchall()
        except sqlite3.Error as exc:
            raise StoreError(f"run ledger {self.path}: {exc}") from exc

    def _migrate(self) -> None:
        self.write(
            lambda c: c.execute("CREATE TABLE IF NOT EXISTS migrations (name TEXT PRIMARY KEY, at TEXT)")
        )
        done = {row[0] for row in self.read("SELECT name FROM migrations")}
        for name, sql in MIGRATIONS:
            if name not in done:
                self.write(partial(_apply, name=name, sql=sql))

    def start_run(self) -> int:
        def start(c: sqlite3.Connection) -> int:
            return int(c.execute("INSERT INTO runs (started) VALUES (?)", (_now(),)).lastrowid or 0)

        return self.write(start)

    def finish_run(self, run: int, summary: str) -> None:
        self.write(
            lambda c: c.execute(
                "UPDATE runs SET finished = ?, summary = ? WHERE id = ?", (_now(), summary, run)
            )
        )

    def done_keys(self) -> set[str]:
        return {row[0] for row in self.read("SELECT key FROM items")}

    def parts(self) -> list[str]:
        """Committed part files, oldest first."""
        return [row[0] for row in self.read("SELECT name FROM parts ORDER BY rowid")]

    def orphans(self, names: Iterable[str]) -> list[str]:
        """Those of ``names`` (part files found on disk) that no transaction committed."""
        committed = set(self.parts())
        return sorted(name for name in names if name not in committed)

    def commit(
        self, run: int, part: str | None, rows: int, entries: Sequence[Entry], stories: Sequence[StoryRow]
    ) -> None:
        """Record a part (if any), its keys and every other outcome, and the stories touched, at once."""

        def put(c: sqlite3.Connection) -> None:
            if part is not None:
                c.execute("INSERT INTO parts VALUES (?, ?, ?, ?)", (part, run, rows, _now()))
            c.executemany(
                "INSERT INTO items VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
                [
                    (
                        e.key,
                        e.status,
                        run,
                        part if e.status == "analysed" else None,
                        e.article_id,
                        e.story_id,
                        storable(e.input),
                        e.stage,
                        storable(e.error),
                    )
                    for e in entries
                ],
            )
            c.executemany(
                "INSERT INTO stories VALUES (?, ?, ?, ?, ?, ?, ?) ON CONFLICT(id) DO UPDATE SET "
                "size = excluded.size, first = excluded.first, last = excluded.last, updated_run = ?",
                [(s.id, s.title, s.size, s.first, s.last, run, run, run) for s in stories],
            )

        self.write(put)

    def counts(self) -> dict[str, int]:
        return dict(self.read("SELECT status, COUNT(*) FROM items GROUP BY status"))

    def story_counts(self, run: int) -> tuple[int, int]:
        """Stories created by ``run``, and stories from earlier runs that ``run`` added articles to."""
        created = self.read("SELECT COUNT(*) FROM stories WHERE created_run = ?", (run,))[0][0]
        updated = self.read(
            "SELECT COUNT(*) FROM stories WHERE created_run < ? AND updated_run = ?", (run, run)
        )[0][0]
        return int(created), int(updated)

    def stories(self) -> list[StoryRow]:
        """Every story the runs made, by id."""
        return [StoryRow(*row) for row in self.read("SELECT id, title, size, first, last FROM stories ORDER BY id")]

    def story_titles(self) -> dict[str, str]:
        """Each story's title, by story id."""
        return dict(self.read("SELECT id, title FROM stories"))

    def story(self, story_id: str) -> StoryRow | None:
        rows = self.read("SELECT id, title, size, first, last FROM stories WHERE id = ?", (story_id,))
        return StoryRow(*rows[0]) if rows else None


def _apply(c: sqlite3.Connection, name: str, sql: str) -> None:
    for statement in sql.split(";"):
        c.execute(statement)
    c.execute("INSERT INTO migrations VALUES (?, ?)", (name, _now()))
