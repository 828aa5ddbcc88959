"""Where work runs. The local executor is the default; other executors (Ray) implement the same
small interface, so the stages never know how they are being run."""

from .local import Executor, LocalExecutor

__all__ = ["Executor", "LocalExecutor"]
