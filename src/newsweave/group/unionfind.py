"""Disjoint sets over item indices, for grouping mentions into entities and articles into copies."""

from __future__ import annotations

__all__ = ["UnionFind"]


class UnionFind:
    """Union-find with path halving; the smaller index becomes the root, so results are deterministic."""

    def __init__(self, n: int) -> None:
        self.parent = list(range(n))

    def find(self, i: int) -> int:
        while self.parent[i] != i:
            self.parent[i] = self.parent[self.parent[i]]
            i = self.parent[i]
        return i

    def join(self, i: int, j: int) -> bool:
        """Put ``i`` and ``j`` in one set; False when they already were."""
        ri, rj = self.find(i), self.find(j)
        if ri == rj:
            return False
        self.parent[max(ri, rj)] = min(ri, rj)
        return True
