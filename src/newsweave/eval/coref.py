"""Coreference scores: MUC, B³ and CEAF-e, and their mean, the CoNLL F1.

A *clustering* is a sequence of clusters, each an iterable of hashable mention keys. Key and response
may hold different mentions (predicted mentions that match no gold mention, gold mentions nobody
found): every metric below handles that the way the CoNLL-2012 reference scorer does.

- MUC (Vilain et al. 1995): links. Recall = Σ(|K| - |p(K)|) / Σ(|K| - 1), where p(K) is the
  partition of key cluster K by the response clusters, a mention missing from the response counting
  as its own part. Precision swaps key and response. Singletons contribute nothing.
- B³ (Bagga and Baldwin 1998): per mention. Recall = Σ_K Σ_R |K ∩ R|² / |K| over all key mentions;
  precision swaps key and response.
- CEAF-e (Luo 2005): one-to-one alignment of clusters maximising Σ φ4, φ4(K, R) = 2|K ∩ R| / (|K| + |R|),
  found with the Hungarian algorithm; recall divides by the number of key clusters, precision by the
  number of response clusters.
"""

from __future__ import annotations

from collections.abc import Hashable, Iterable, Sequence
from dataclasses import dataclass

import numpy as np
from scipy.optimize import linear_sum_assignment

__all__ = ["CorefScore", "b_cubed", "ceaf_e", "conll", "muc"]

Clusters = Sequence[Iterable[Hashable]]


@dataclass(frozen=True, slots=True)
class CorefScore:
    precision: float
    recall: float

    @property
    def f1(self) -> float:
        total = self.precision + self.recall
        return 0.0 if total == 0 else 2 * self.precision * self.recall / total


def _sets(clusters: Clusters) -> list[frozenset[Hashable]]:
    return [frozenset(c) for c in clusters if c]


def _ratio(num: float, den: float) -> float:
    return 0.0 if den == 0 else num / den


def _muc_recall(key: list[frozenset[Hashable]], response: list[frozenset[Hashable]]) -> float:
    where = {m: n for n, cluster in enumerate(response) for m in cluster}
    num = den = 0
    for cluster in key:
        parts = {where.get(m, ("missing", m)) for m in cluster}
        num += len(cluster) - len(parts)
        den += len(cluster) - 1
    return _ratio(num, den)


def muc(key: Clusters, response: Clusters) -> CorefScore:
    k, r = _sets(key), _sets(response)
    return CorefScore(_muc_recall(r, k), _muc_recall(k, r))


def _b3_recall(key: list[frozenset[Hashable]], response: list[frozenset[Hashable]]) -> float:
    where = {m: cluster for cluster in response for m in cluster}
    total = sum(len(cluster) for cluster in key)
    num = 0.0
    for cluster in key:
        seen: set[frozenset[Hashable]] = set()
        for m in cluster:
            other = where.get(m)
            if other is not None and other not in seen:
                seen.add(other)
                num += len(cluster & other) ** 2 / len(cluster)
    return _ratio(num, total)


def b_cubed(key: Clusters, response: Clusters) -> CorefScore:
    k, r = _sets(key), _sets(response)
    return CorefScore(_b3_recall(r, k), _b3_recall(k, r))


def ceaf_e(key: Clusters, response: Clusters) -> CorefScore:
    k, r = _sets(key), _sets(response)
    if not k or not r:
        return CorefScore(0.0, 0.0)
    where = {m: n for n, cluster in enumerate(r) for m in cluster}
    similarity = np.zeros((len(k), len(r)))
    for i, cluster in enumerate(k):
        for m in cluster:
            j = where.get(m)
            if j is not None:
                similarity[i, j] += 1
    sizes_k = np.array([len(c) for c in k], dtype=float)[:, None]
    sizes_r = np.array([len(c) for c in r], dtype=float)[None, :]
    similarity = 2 * similarity / (sizes_k + sizes_r)
    rows, cols = linear_sum_assignment(similarity, maximize=True)
    best = float(similarity[rows, cols].sum())
    return CorefScore(best / len(r), best / len(k))


def conll(key: Clusters, response: Clusters) -> dict[str, CorefScore | float]:
    """MUC, B³ and CEAF-e scores and ``conll``, the mean of their three F1 values."""
    scores = {"muc": muc(key, response), "b3": b_cubed(key, response), "ceafe": ceaf_e(key, response)}
    mean = sum(s.f1 for s in scores.values()) / 3
    return {**scores, "conll": mean}
