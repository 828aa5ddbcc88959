"""Storage: SQLite by default (one writer, named migrations, WAL); ':memory:' for tests."""

from .sqlite import MIGRATIONS, Store


def open_store(url: str) -> Store:
    """The store at ``url``."""
    return Store(url)


__all__ = ["MIGRATIONS", "Store", "open_store"]
