"""Near-duplicates and wire copies: ten copies of one agency report are one independent source.

Two articles are copies when most of the shorter one's word 5-gram shingles also occur in the longer
(containment, so a wire report with a local paragraph added, or trimmed, still counts). Within one
story the number of articles is small, so shingle sets are compared exactly; for corpus-scale candidate
search use MinHash LSH (group/index.py).
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping, Sequence

from ..model import Article
from .config import GroupConfig
from .unionfind import UnionFind

__all__ = ["containment", "copy_groups", "independent_groups", "shingles"]

_DEFAULTS = GroupConfig()
_WORD = re.compile(r"\w+")


def shingles(text: str, size: int = _DEFAULTS.copy_shingle) -> frozenset[tuple[str, ...]]:
    words = _WORD.findall(text.casefold())
    if len(words) < size:
        return frozenset({tuple(words)}) if words else frozenset()
    return frozenset(tuple(words[i : i + size]) for i in range(len(words) - size + 1))


def containment(a: frozenset[tuple[str, ...]], b: frozenset[tuple[str, ...]]) -> float:
    """Share of the smaller set found in the larger."""
    if not a or not b:
        return 0.0
    small, large = (a, b) if len(a) <= len(b) else (b, a)
    return len(small & large) / len(small)


def copy_groups(articles: Sequence[Article], config: GroupConfig = _DEFAULTS) -> tuple[tuple[str, ...], ...]:
    """Groups (of two or more article ids) whose members are copies of one report: at least
    ``config.copy_containment`` of the shorter one's shingles are in the longer one."""
    sets = [shingles(a.text, config.copy_shingle) for a in articles]
    union = UnionFind(len(articles))
    for i in range(len(articles)):
        for j in range(i + 1, len(articles)):
            if containment(sets[i], sets[j]) >= config.copy_containment:
                union.join(i, j)
    groups: dict[int, list[str]] = {}
    for i, article in enumerate(articles):
        groups.setdefault(union.find(i), []).append(article.id)
    return tuple(tuple(sorted(g)) for g in groups.values() if len(g) > 1)


def independent_groups(
    article_ids: Sequence[str], outlets: Mapping[str, str], copies: Iterable[Sequence[str]]
) -> list[list[str]]:
    """The rule of independence: article ids grouped so that each outlet counts once and so does each
    group of copies of one report across outlets (``copies``, from :func:`copy_groups`). ``outlets`` maps
    article id -> outlet; an article without one is a source of its own. Groups keep the order of
    ``article_ids``, first by their first member."""
    ids = list(dict.fromkeys(article_ids))
    position = {a: i for i, a in enumerate(ids)}
    union = UnionFind(len(ids))
    first_of_outlet: dict[str, int] = {}
    for i, article_id in enumerate(ids):
        if article_id in outlets:
            union.join(first_of_outlet.setdefault(outlets[article_id], i), i)
    for group in copies:
        members = [position[a] for a in group if a in position]
        for member in members[1:]:
            union.join(members[0], member)
    groups: dict[int, list[str]] = {}
    for i, article_id in enumerate(ids):
        groups.setdefault(union.find(i), []).append(article_id)
    return list(groups.values())

