"""Storage behind one protocol (:class:`Store`), opened from a URL with :func:`open_store`.

``open_store("news.db")`` or ``open_store(":memory:")`` or ``open_store("sqlite:///news.db")`` opens SQLite
(one writer, named migrations, WAL); ``open_store("postgresql://user:pw@host/db")`` opens PostgreSQL
(psycopg 3, imported only then). Adding a backend: one module with a class that has the protocol's
methods, and one line in :func:`open_store`.
"""

from __future__ import annotations

from pathlib import Path

from .base import Store
from .sqlite import MIGRATIONS, SQLiteStore

__all__ = ["MIGRATIONS", "SQLiteStore", "Store", "open_store"]

_POSTGRES = ("postgresql://", "postgres://")


def open_store(url_or_path: str | Path = "newsweave.db") -> Store:
    """The store at ``url_or_path``: PostgreSQL for a ``postgresql://`` or ``postgres://`` URL, SQLite
    for anything else (a path, ``:memory:``, ``sqlite:///path``). Migrations run on open."""
    target = str(url_or_path)
    if target.startswith(_POSTGRES):
        from .postgres import PostgresStore  # psycopg is needed only here

        return PostgresStore(target)
    return SQLiteStore(target)
