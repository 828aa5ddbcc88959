"""The executor seam, the default in-process executor, and one over this machine's cores.

A mapped function may also offer ``fn.batch(items, context) -> list`` (the same results as ``fn`` on each
item, in order): the executors here then hand it a batch of items at a time, which is how the analysis
parses a batch of texts together (``nlp.pipe``) in whichever process runs it.
"""

from __future__ import annotations

import multiprocessing
import os
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import Future, ProcessPoolExecutor
from itertools import islice
from typing import Any, Protocol, TypeVar

__all__ = ["BATCH", "Executor", "LocalExecutor", "ProcessExecutor", "batches", "run_batch"]

#: Items per batch for a function that offers ``batch`` (enough for ``nlp.pipe`` to pay, few enough that a
#: batch of long articles stays small in memory).
BATCH = 16

T = TypeVar("T")
R = TypeVar("R")


class Executor(Protocol):
    """Maps a picklable function over items, in order, passing the same context to each call."""

    def map(self, fn: Callable[[T, object], R], items: Iterable[T], context: object) -> Iterator[R]: ...


def batches(items: Iterable[T], size: int) -> Iterator[list[T]]:
    """``items`` cut into lists of ``size`` (the last one shorter), read lazily."""
    iterator = iter(items)
    while batch := list(islice(iterator, size)):
        yield batch


def run_batch(fn: Callable[[T, object], R], items: list[T], context: object) -> list[R]:
    """What a worker does with one batch: ``fn.batch`` when the function offers it, else ``fn`` on each item."""
    batch: Any = getattr(fn, "batch", None)
    if batch is not None:
        return list(batch(items, context))
    return [fn(item, context) for item in items]


class LocalExecutor:
    """Runs everything in this process, streaming results: one item at a time, or ``batch`` at a time for
    a function that offers ``fn.batch``."""

    def __init__(self, batch: int = BATCH) -> None:
        self.batch = max(1, batch)

    def map(self, fn: Callable[[T, object], R], items: Iterable[T], context: object) -> Iterator[R]:
        if not hasattr(fn, "batch"):
            for item in items:
                yield fn(item, context)
            return
        for chunk in batches(items, self.batch):
            yield from run_batch(fn, chunk, context)


class ProcessExecutor:
    """Runs items on ``workers`` processes of this machine (all its cores by default), in order, streaming
    results. The processes live as long as the executor (``close`` ends them), so each loads the spaCy
    model once, on its first article, and keeps it. At most ``ahead`` items per worker are in flight, so a
    long stream of articles is never all in memory at once; for a function that offers ``fn.batch``, items
    go to a worker ``batch`` at a time and ``ahead`` counts batches."""

    def __init__(self, workers: int | None = None, *, ahead: int = 4, batch: int = BATCH) -> None:
        self.workers = max(1, workers or os.cpu_count() or 1)
        self.ahead = max(1, ahead)
        self.batch = max(1, batch)
        self._pool: ProcessPoolExecutor | None = None

    def map(self, fn: Callable[[T, object], R], items: Iterable[T], context: object) -> Iterator[R]:
        if self._pool is None:  # spawn: a fresh interpreter, no copy of the caller's threads or open store
            self._pool = ProcessPoolExecutor(self.workers, mp_context=multiprocessing.get_context("spawn"))
        pool = self._pool
        if hasattr(fn, "batch"):
            chunks = (pool.submit(run_batch, fn, chunk, context) for chunk in batches(items, self.batch))
            for done in self._bounded(chunks):
                yield from done
            return
        yield from self._bounded(pool.submit(fn, item, context) for item in items)

    def _bounded(self, futures: Iterator[Future[R]]) -> Iterator[R]:
        """The results of ``futures`` in order, submitting the next only while fewer than ``workers * ahead``
        are waiting (``futures`` is lazy: taking one submits it)."""
        pending: list[Future[R]] = []
        for future in futures:
            pending.append(future)
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

