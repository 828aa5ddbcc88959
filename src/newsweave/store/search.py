"""Story search: what every backend indexes (:func:`index_entry`) and the SQLite FTS5 side of it
(PostgreSQL full-text search lives in postgres.py).

``story_index`` holds one row per story (title, article count, outlets, first and last publication
date) and ``story_fts`` its searchable text (title, entity names and spellings, outlets, facts, brief and
article titles). Both are brought up to date by the write: ``put_stories`` ends its transaction with
:func:`refresh`, which indexes every story whose stored row changed since it was indexed (its ``version``:
write time, size and row id), so a search is a pure read and never waits for another writer's lock.
Opening a store written before that indexes what is stale once (:data:`STALE`).
"""

from __future__ import annotations

import json
import re
import sqlite3
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from ..model import Correction, Span

__all__ = [
    "MISSING", "STALE", "VERSION", "IndexEntry", "StoryQuery", "StoryRow", "correction", "index_entry", "refresh",
    "select", "story_article_ids",
]

#: SQL expression (over ``stories``) that changes whenever a story row is written again.
VERSION = "updated || '/' || length(data) || '/' || rowid"
_WORD = re.compile(r"\w+")


@dataclass(frozen=True, slots=True)
class StoryQuery:
    """What to look for; every field is optional and they combine with AND."""

    text: str | None = None
    entity: str | None = None
    outlet: str | None = None
    since: str | None = None  # YYYY-MM-DD: stories with an article published on or after
    until: str | None = None  # YYYY-MM-DD: stories with an article published on or before
    limit: int | None = 100  # None: every matching story
    offset: int = 0


@dataclass(frozen=True, slots=True)
class StoryRow:
    """One story in a listing: enough to show it without decoding the whole story."""

    id: str
    title: str
    articles: int
    outlets: tuple[str, ...]
    first: str | None
    last: str | None
    version: str

    @classmethod
    def from_row(cls, row: tuple[Any, ...]) -> StoryRow:
        sid, title, articles, outlets, first, last, version = row
        return cls(sid, title or "", int(articles), tuple(json.loads(outlets)), first, last, version)


def correction(
    cid: int, kind: str, data: str, note: str, by: str, at: str, undone: str | None = None
) -> Correction:
    """A Correction from its stored row."""
    value = json.loads(data)
    articles = tuple(tuple(group) for group in value.get("articles", []))
    spans = tuple(tuple(Span(x["article"], x["start"], x["end"]) for x in g) for g in value.get("spans", []))
    return Correction(cid, kind, articles, spans, note, by, at, undone or "", str(value.get("name", "")))  # type: ignore[arg-type]  # kind is checked on write


#: Any story (or index row) the index does not match: a store written before it was indexed on write. This
#: reads every story's data (for its length), so it runs once, when migration 0007 is applied; afterwards
#: :data:`MISSING` (ids only) is the check on open.
STALE = f"""
    SELECT 1 FROM (SELECT id, {VERSION} AS v FROM stories) AS s WHERE NOT EXISTS
        (SELECT 1 FROM story_index AS i WHERE i.story_id = s.id AND i.version = s.v)
    UNION ALL SELECT 1 FROM story_index WHERE story_id NOT IN (SELECT id FROM stories) LIMIT 1"""

#: A story with no index row, or an index row with no story (reads ids only, so opening a store stays cheap).
MISSING = """
    SELECT 1 FROM stories WHERE id NOT IN (SELECT story_id FROM story_index)
    UNION ALL SELECT 1 FROM story_index WHERE story_id NOT IN (SELECT id FROM stories) LIMIT 1"""


def refresh(c: sqlite3.Connection, story_ids: Sequence[str] | None = None) -> int:
    """Index every story written since it was last indexed (only ``story_ids``, the stories a write just
    wrote, when given: then no other story's data is read); drop rows of stories gone. Returns how many."""
    gone = c.execute("SELECT rowid FROM story_index WHERE story_id NOT IN (SELECT id FROM stories)").fetchall()
    c.executemany("DELETE FROM story_fts WHERE rowid = ?", gone)
    c.execute("DELETE FROM story_index WHERE story_id NOT IN (SELECT id FROM stories)")
    if story_ids is not None:
        stale = [row for sid in story_ids
                 for row in c.execute(f"SELECT id, data, {VERSION} FROM stories WHERE id = ?", (sid,))]
    else:
        stale = c.execute(
            f"SELECT id, data, v FROM (SELECT id, data, {VERSION} AS v FROM stories) AS s WHERE NOT EXISTS "
            "(SELECT 1 FROM story_index AS i WHERE i.story_id = s.id AND i.version = s.v)"
        ).fetchall()
    for story_id, data, version in stale:
        _index(c, story_id, json.loads(data), version)
    return len(stale)


@dataclass(frozen=True, slots=True)
class IndexEntry:
    """What search knows about one story: its listing row and its searchable text."""

    title: str
    articles: int
    outlets: tuple[str, ...]
    first: str | None
    last: str | None
    entities: str
    body: str

    @property
    def outlets_text(self) -> str:
        return " | ".join(self.outlets)


def index_entry(story: dict[str, Any], rows: Sequence[tuple[str | None, str | None, str | None, str]]) -> IndexEntry:
    """The index entry of ``story`` (as stored, decoded JSON) from its articles' (outlet, published,
    title, input) rows; every backend indexes with this, so they find the same stories."""
    outlets = sorted({outlet or name for outlet, _, _, name in rows})
    dates = sorted(p[:10] for _, p, _, _ in rows if p)
    entities = [m["text"] for e in story.get("entities", []) for m in e.get("mentions", [])]
    entities = list(dict.fromkeys([e.get("name", "") for e in story.get("entities", [])] + entities))
    body = [f["text"] for f in story.get("facts", [])]
    body += [b["sentence"] for b in story.get("brief", {}).get("sentences", [])]
    body += [t for _, _, t, _ in rows if t]
    return IndexEntry(
        title=story.get("title", ""),
        articles=len(story_article_ids(story)),
        outlets=tuple(outlets),
        first=dates[0] if dates else None,
        last=dates[-1] if dates else None,
        entities=" | ".join(entities),
        body="\n".join(body),
    )


def story_article_ids(story: dict[str, Any]) -> list[str]:
    """The article ids of a stored story (decoded JSON), sorted."""
    return sorted({x["article"] for x in story.get("segments", [])})


def _index(c: sqlite3.Connection, story_id: str, story: dict[str, Any], version: str) -> None:
    ids = story_article_ids(story)
    marks = ",".join("?" * len(ids))
    rows = c.execute(
        f"SELECT outlet, published, title, input FROM articles WHERE id IN ({marks})", ids
    ).fetchall()
    entry = index_entry(story, rows)
    # A story's search row has its index row's rowid, so it is found by key: story_id is an UNINDEXED fts
    # column, and deleting by it scanned the whole search table once per story written (quadratic in a
    # store's stories: ~30 minutes of a 10,000-article run).
    old = c.execute("SELECT rowid FROM story_index WHERE story_id = ?", (story_id,)).fetchone()
    if old is not None:
        c.execute("DELETE FROM story_fts WHERE rowid = ?", old)
    rowid = c.execute(
        "INSERT OR REPLACE INTO story_index VALUES (?, ?, ?, ?, ?, ?, ?)",
        (story_id, version, entry.title, entry.articles, json.dumps(list(entry.outlets)), entry.first, entry.last),
    ).lastrowid
    c.execute("DELETE FROM story_fts WHERE rowid = ?", (rowid,))
    c.execute(
        "INSERT INTO story_fts (rowid, story_id, title, entities, outlets, body) VALUES (?, ?, ?, ?, ?, ?)",
        (rowid, story_id, entry.title, entry.entities, entry.outlets_text, entry.body),
    )


def _match(text: str | None, entity: str | None) -> str | None:
    """An FTS5 expression from free text: every word must occur (quoted, so no query syntax leaks in)."""
    parts = []
    words = _WORD.findall(text or "")
    if words:
        parts.append(" ".join(f'"{w}"' for w in words))
    names = _WORD.findall(entity or "")
    if names:
        parts.append('entities : "' + " ".join(names) + '"')
    return " AND ".join(f"({p})" for p in parts) or None


def select(query: StoryQuery) -> tuple[str, list[object]]:
    """SQL and parameters for the stories matching ``query``, newest first (by the latest publication date
    of their articles; undated stories last, then larger first)."""
    where: list[str] = ["1 = 1"]
    params: list[object] = []
    match = _match(query.text, query.entity)
    if match:
        where.append("i.story_id IN (SELECT story_id FROM story_fts WHERE story_fts MATCH ?)")
        params.append(match)
    if query.outlet and query.outlet.strip():
        where.append("EXISTS (SELECT 1 FROM json_each(i.outlets) WHERE lower(value) LIKE ?)")
        params.append(f"%{query.outlet.strip().lower()}%")
    if query.since:
        where.append("i.last >= ?")
        params.append(query.since)
    if query.until:
        where.append("i.first <= ?")
        params.append(query.until)
    sql = (
        "SELECT i.story_id, i.title, i.articles, i.outlets, i.first, i.last, i.version FROM story_index AS i "
        f"WHERE {' AND '.join(where)} ORDER BY i.last IS NULL, i.last DESC, i.articles DESC, i.story_id "
        "LIMIT ? OFFSET ?"
    )
    return sql, [*params, -1 if query.limit is None else query.limit, query.offset]  # SQLite: -1 is no limit
