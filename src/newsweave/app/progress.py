"""How far a long run is: the seam between the application and whatever shows it.

The workspace names each phase of a run as it starts (reading, normalising, analysing, grouping, comparing,
writing) with its expected count, and reports each step; a face decides how to show it (the CLI draws one
bar per phase on stderr, with counts and rate; ``--json`` or a pipe shows nothing). The library never
prints: without a display, :data:`SILENT` takes the calls.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Protocol

__all__ = ["SILENT", "Progress", "Silent", "Steps"]


class Progress(Protocol):
    """A display of a run's phases: ``phase`` when one starts (its name, the expected total when known,
    and what it counts), then ``update`` for each step done."""

    def phase(self, name: str, total: int | None = None, unit: str = "article") -> None: ...

    def update(self, n: int = 1) -> None: ...


class Silent:
    """A Progress that shows nothing."""

    def phase(self, name: str, total: int | None = None, unit: str = "article") -> None:
        return None

    def update(self, n: int = 1) -> None:
        return None


SILENT = Silent()

#: What the library's ``progress=`` parameters take: called with the number of steps just done.
Steps = Callable[[int], None]
