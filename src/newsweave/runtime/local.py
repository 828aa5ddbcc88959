"""The executor seam and the default, in-process executor."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from typing import Protocol, TypeVar

__all__ = ["Executor", "LocalExecutor"]

T = TypeVar("T")
R = TypeVar("R")


class Executor(Protocol):
    """Maps a picklable function over items, in order, passing the same context to each call."""

    def map(self, fn: Callable[[T, object], R], items: Iterable[T], context: object) -> Iterator[R]: ...


class LocalExecutor:
    """Runs everything in this process, one item at a time, streaming results."""

    def map(self, fn: Callable[[T, object], R], items: Iterable[T], context: object) -> Iterator[R]:
        for item in items:
            yield fn(item, context)
