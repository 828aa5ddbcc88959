"""Storage: SQLite by default (one writer, named migrations, WAL); ':memory:' for tests."""

from .sqlite import MIGRATIONS, Store

__all__ = ["MIGRATIONS", "Store"]
