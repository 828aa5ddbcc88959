"""Where work runs. The local executor is the default; other executors (Ray) implement the same
small interface, so the stages never know how they are being run.

``RayExecutor`` is imported lazily (``from newsweave.runtime import RayExecutor`` works, but Ray itself
is imported only when an executor is created), so newsweave never needs Ray to import.
"""

from __future__ import annotations

from typing import Any

from .local import Executor, LocalExecutor, ProcessExecutor

__all__ = ["Executor", "LocalExecutor", "ProcessExecutor", "RayExecutor"]


def __getattr__(name: str) -> Any:
    if name == "RayExecutor":
        from .ray import RayExecutor

        return RayExecutor
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
