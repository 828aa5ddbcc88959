"""The Ray executor: the same stages on a Ray cluster, or on a local Ray started on demand.

``RayExecutor().map(fn, items, context)`` cuts ``items`` into batches and runs them on a pool of Ray
actors. An actor is a long-lived worker process, so per-process model caches (the spaCy pipeline in
``newsweave.analyse.nlp``) are loaded once per worker and reused for every batch. The context is put
into Ray's object store once per ``map``. Batches are streamed: at most ``in_flight`` per actor are
submitted ahead of the results, items are read lazily, and results come back in input order.

Ray is imported only here, and only when an executor is created, so ``import newsweave`` never needs it
(``pip install "newsweave[ray]"``). With no ``address`` a local Ray is started with
``ray.init(num_cpus=..., include_dashboard=False)`` and shut down again by :meth:`RayExecutor.close`;
with an address (``ray://host:10001`` or ``auto``) the executor joins that cluster and leaves it running.
"""

from __future__ import annotations

import importlib
import os
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from types import ModuleType
from typing import Any, TypeVar

from ..errors import ConfigError, NewsweaveError
from .local import batches as _batches
from .local import run_batch

__all__ = ["RayExecutor", "run_batch"]  # run_batch: what an actor does with one batch (runtime.local's)

T = TypeVar("T")
R = TypeVar("R")


class _Worker:
    """The body of a Ray actor; one per worker process, so its process-level caches live as long as it."""

    def run(self, fn: Callable[[Any, object], Any], items: list[Any], context: object) -> list[Any]:
        return run_batch(fn, items, context)

    def pid(self) -> int:
        return os.getpid()


def _import_ray() -> ModuleType:
    try:
        return importlib.import_module("ray")
    except ImportError as exc:
        raise ConfigError(
            "the Ray executor needs Ray, which is not installed",
            hint='pip install "newsweave[ray]", or use the local executor',
        ) from exc


class RayExecutor:
    """Runs ``fn`` over items on Ray actors, ``batch_size`` items per task, results in input order.

    ``workers`` defaults to the CPUs Ray reports; each actor takes one CPU. ``num_cpus`` caps a local Ray
    started here (ignored when joining a cluster at ``address``). Use it as a context manager, or call
    :meth:`close`, to stop the actors (and the local Ray, if this executor started it).
    """

    def __init__(
        self,
        address: str | None = None,
        *,
        workers: int | None = None,
        num_cpus: int | None = None,
        batch_size: int = 8,
        in_flight: int = 2,
    ) -> None:
        if batch_size < 1 or in_flight < 1:
            raise ConfigError("batch_size and in_flight must be at least 1")
        self._ray = _import_ray()
        self._started = False
        if not self._ray.is_initialized():
            self._init(address, num_cpus)
        self.batch_size = batch_size
        self.in_flight = in_flight
        count = workers or max(1, int(self._ray.cluster_resources().get("CPU", 1)))
        actor = self._ray.remote(num_cpus=1)(_Worker)
        self._actors = [actor.remote() for _ in range(count)]

    def _init(self, address: str | None, num_cpus: int | None) -> None:
        try:
            if address:
                self._ray.init(address=address, log_to_driver=False)
            else:
                self._ray.init(num_cpus=num_cpus, include_dashboard=False, log_to_driver=False)
        except (ConnectionError, RuntimeError, ValueError) as exc:
            where = f"the Ray cluster at {address}" if address else "a local Ray"
            raise ConfigError(
                f"could not start or join {where}: {exc}",
                hint="check --address (e.g. ray://head:10001), or leave it out",
            ) from exc
        self._started = not address

    @property
    def workers(self) -> int:
        return len(self._actors)

    def worker_pids(self) -> list[int]:
        """The process id of each actor (to check that models stay in long-lived workers)."""
        return list(self._ray.get([a.pid.remote() for a in self._actors]))

    def map(self, fn: Callable[[T, object], R], items: Iterable[T], context: object) -> Iterator[R]:
        """Yield ``fn(item, context)`` for each item, in order, computed on the actors."""
        context_ref = self._ray.put(context)
        batches = _batches(items, self.batch_size)
        pending: deque[Any] = deque()
        limit = self.in_flight * len(self._actors)
        turn = 0
        for batch in batches:
            pending.append(self._actors[turn % len(self._actors)].run.remote(fn, batch, context_ref))
            turn += 1
            if len(pending) >= limit:
                yield from self._result(pending.popleft())
        while pending:
            yield from self._result(pending.popleft())

    def _result(self, ref: Any) -> list[Any]:
        try:
            return list(self._ray.get(ref))
        except self._ray.exceptions.RayError as exc:
            raise NewsweaveError(
                f"a Ray worker failed: {type(exc).__name__}: {str(exc).splitlines()[0]}",
                hint="the worker's log is under /tmp/ray/session_latest/logs; rerun to resume",
            ) from exc

    def close(self) -> None:
        """Stop the actors, and the local Ray if this executor started it."""
        for actor in self._actors:
            self._ray.kill(actor)
        self._actors = []
        if self._started:
            self._ray.shutdown()
            self._started = False

    def __enter__(self) -> RayExecutor:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

