"""How many independent sources a story rests on: articles from one outlet count once, and so do
articles in different outlets whose texts are near-copies of each other (the same wire report)."""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence

__all__ = ["COPY_THRESHOLD", "independent_sources"]

#: Jaccard similarity of word 5-gram sets above which two texts count as copies of one report.
COPY_THRESHOLD = 0.5
_WORD = re.compile(r"\w+")


def _shingles(text: str, n: int = 5) -> frozenset[str]:
    words = _WORD.findall(text.lower())
    return frozenset(" ".join(words[i : i + n]) for i in range(max(len(words) - n + 1, 1)))


def _jaccard(a: frozenset[str], b: frozenset[str]) -> float:
    return len(a & b) / len(a | b) if a and b else 0.0


def independent_sources(
    articles: Sequence[tuple[str, str, str]], copies: Mapping[str, str] | None = None
) -> int:
    """Count independent sources among ``(article id, outlet, text)`` triples (union-find over copies)."""
    parent = {aid: aid for aid, _, _ in articles}

    def root(x: str) -> str:
        while parent[x] != x:
            parent[x] = parent[parent[x]]
            x = parent[x]
        return x

    by_outlet: dict[str, str] = {}
    for aid, outlet, _ in articles:
        parent[root(aid)] = root(by_outlet.setdefault(outlet, aid))
    sets = [(aid, _shingles(text)) for aid, _, text in articles]
    for i, (a, sa) in enumerate(sets):
        for b, sb in sets[i + 1 :]:
            if root(a) != root(b) and _jaccard(sa, sb) >= COPY_THRESHOLD:
                parent[root(a)] = root(b)
    return len({root(aid) for aid, _, _ in articles})
