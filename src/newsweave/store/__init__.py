"""Storage: SQLite by default (one writer, named migrations, WAL); ':memory:' for tests."""

from .sqlite import MIGRATIONS, Store


def open_store(url: str) -> Store:
    """Open the store at ``url``: an SQLite file path, ``:memory:``, or a ``postgresql://`` URL."""
    return Store(url)


__all__ = ["MIGRATIONS", "Store", "open_store"]
