"""Character extents of one article (quotes, times, places, clauses) looked up by bisection.

A stage that asks, for each of an article's claims or clauses, which quotes hold it or which times fall in
it would scan every extent each time: quadratic in the article's length. :class:`Extents` sorts them once
and answers each question from the few that can qualify; every answer lists indices in the order the
extents were given, so a stage that took "the first one" finds the same one.
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right, insort
from collections.abc import Iterable

__all__ = ["Extents"]


class Extents:
    """``(start, end)`` extents, added at construction or one by one (:meth:`add`), numbered in that order."""

    def __init__(self, extents: Iterable[tuple[int, int]] = ()) -> None:
        items = [(s, e, n) for n, (s, e) in enumerate(extents)]
        self._sorted = sorted(items)  # (start, end, number), by start
        self._starts = [s for s, _, _ in self._sorted]
        self._longest = max((e - s for s, e, _ in items), default=0)
        self._count = len(items)

    def __len__(self) -> int:
        return self._count

    def add(self, start: int, end: int) -> None:
        insort(self._sorted, (start, end, self._count))
        self._starts.insert(bisect_right(self._starts, start), start)
        self._longest = max(self._longest, end - start)
        self._count += 1

    def overlapping(self, start: int, end: int) -> list[int]:
        """Numbers of the extents sharing a character with ``start:end`` (``s < end and start < e``)."""
        low, high = bisect_left(self._starts, start - self._longest), bisect_left(self._starts, end)
        return sorted(n for s, e, n in self._sorted[low:high] if s < end and start < e)

    def starting(self, start: int, end: int) -> list[int]:
        """Numbers of the extents starting inside ``start:end`` (``start <= s < end``)."""
        low, high = bisect_left(self._starts, start), bisect_left(self._starts, end)
        return sorted(n for _, _, n in self._sorted[low:high])

    def inside(self, start: int, end: int) -> list[int]:
        """Numbers of the extents inside ``start:end`` (``start <= s and e <= end``)."""
        low, high = bisect_left(self._starts, start), bisect_right(self._starts, end)
        return sorted(n for s, e, n in self._sorted[low:high] if e <= end)

    def holding(self, start: int, end: int, slack: int = 0) -> list[int]:
        """Numbers of the extents holding ``start:end`` (``s <= start and end <= e + slack``)."""
        low, high = bisect_left(self._starts, end - slack - self._longest), bisect_right(self._starts, start)
        return sorted(n for s, e, n in self._sorted[low:high] if s <= start and end <= e + slack)
