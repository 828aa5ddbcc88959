"""Story identity: one id function for batch, incremental and corrected stories."""

from __future__ import annotations

import hashlib
from collections.abc import Iterable

from ..model import Story

__all__ = ["aliases", "story_id"]


def story_id(article_ids: Iterable[str]) -> str:
    """The id of a story holding these articles: the same members always give the same id."""
    digest = hashlib.sha1("\n".join(sorted(set(article_ids))).encode("utf-8")).hexdigest()
    return f"s-{digest[:12]}"


def aliases(before: Iterable[Story], after: Iterable[Story]) -> list[tuple[str, str]]:
    """Where each story id of ``before`` that is gone from ``after`` went: (old id, new id) for every
    new story holding one of its articles (a split points to each part)."""
    after = list(after)
    current = {s.id for s in after}
    holder = {a: s.id for s in after for a in s.article_ids}
    pairs: list[tuple[str, str]] = []
    for old in before:
        if old.id in current:
            continue
        pairs += [(old.id, new) for new in dict.fromkeys(holder[a] for a in old.article_ids if a in holder)]
    return pairs
