"""The executor seam, the default in-process executor, and one over this machine's cores."""

from __future__ import annotations

import multiprocessing
import os
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import Future, ProcessPoolExecutor
from typing import Protocol, TypeVar

__all__ = ["Executor", "LocalExecutor", "ProcessExecutor"]

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


class ProcessExecutor:
    """Runs items on ``workers`` processes of this machine (all its cores by default), in order, streaming
    results. The processes live as long as the executor (``close`` ends them), so each loads the spaCy
    model once, on its first article, and keeps it. At most ``ahead`` items per worker are in flight, so a
    long stream of articles is never all in memory at once."""

    def __init__(self, workers: int | None = None, *, ahead: int = 4) -> None:
        self.workers = max(1, workers or os.cpu_count() or 1)
        self.ahead = max(1, ahead)
        self._pool: ProcessPoolExecutor | None = None

    def map(self, fn: Callable[[T, object], R], items: Iterable[T], context: object) -> Iterator[R]:
        if self._pool is None:  # spawn: a fresh interpreter, no copy of the caller's threads or open store
            self._pool = ProcessPoolExecutor(self.workers, mp_context=multiprocessing.get_context("spawn"))
        pending: list[Future[R]] = []
        for item in items:
            pending.append(self._pool.submit(fn, item, context))
            if len(pending) >= self.workers * self.ahead:
                yield pending.pop(0).result()
        for future in pending:
            yield future.result()

    def close(self) -> None:
        if self._pool is not None:
            self._pool.shutdown(cancel_futures=True)
            self._pool = None

    def __enter__(self) -> ProcessExecutor:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()
