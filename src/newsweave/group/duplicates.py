"""Near-duplicates and wire copies: ten copies of one agency report are one independent source.

Two articles are copies when most of the shorter one's word 5-gram shingles also occur in the longer
(containment, so a wire report with a local paragraph added, or trimmed, still counts). Within one
story the number of articles is small, so shingle sets are compared exactly; for corpus-scale candidate
search use MinHash LSH (group/index.py).
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence

from ..model import Article, Story
from .config import GroupConfig
from .unionfind import UnionFind

__all__ = ["copy_groups", "independent_sources", "shingles"]

_DEFAULTS = GroupConfig()
_WORD = re.compile(r"\w+")


def shingles(text: str, size: int = _DEFAULTS.copy_shingle) -> frozenset[tuple[str, ...]]:
    words = _WORD.findall(text.casefold())
    if len(words) < size:
        return frozenset({tuple(words)}) if words else frozenset()
    return frozenset(tuple(words[i : i + size]) for i in range(len(words) - size + 1))


def containment(a: frozenset, b: frozenset) -> float:
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


def independent_sources(story: Story, outlets: Mapping[str, str]) -> int:
    """How many independent sources a story rests on: each outlet counts once, and so does each group
    of copies of one report (``story.copies``) across outlets. ``outlets`` maps article id -> outlet."""
    ids = list(story.article_ids)
    position = {a: i for i, a in enumerate(ids)}
    union = UnionFind(len(ids))
    first_of_outlet: dict[str, int] = {}
    for i, article_id in enumerate(ids):
        union.join(first_of_outlet.setdefault(outlets.get(article_id, article_id), i), i)
    for group in story.copies:
        members = [position[a] for a in group if a in position]
        for member in members[1:]:
            union.join(members[0], member)
    return len({union.find(i) for i in range(len(ids))})
