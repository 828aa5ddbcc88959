"""Story identity: one id formula for batch, incremental and corrected stories, and where old ids went.

A story's id is ``"s-"`` plus the first 12 hex digits of the SHA-1 of its sorted, distinct *member keys*,
one per line. A member key is an article id, or ``"<article id>@<start>"`` for a segment that does not
start at the top of its article (an article split into events: see :mod:`.segments`). Spans of one
article in different stories never share a start, so keys never collide; and a whole article, or the
first segment of one, is keyed by the article id alone, so the key needs no article length.

Which member set names the story:

- batch grouping (:func:`~newsweave.group.clustering.cluster_articles`, :func:`~newsweave.group.stories.
  find_stories`) and corrections (merge, split): the story's members now, so the same members always
  give the same id, whatever produced them;
- the incremental index (:class:`~newsweave.group.index.StoryIndex`): the story's *founding* member
  set, the one article that started it. The index keeps that id while the story grows, so an id handed
  out once keeps answering; it equals the batch id of the one-article story it was born as.

When grouping changes (a regroup, a merge, a split), :func:`aliases` says where each old id went, so the
application can record it in the store's alias table and an old link keeps answering.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable, Sequence

from ..model import Span, Story

__all__ = ["aliases", "member_key", "story_id", "story_id_of"]

_PREFIX = "s-"
_DIGITS = 12


def member_key(span: Span) -> str:
    """The key a segment adds to its story's id: the article id, plus ``@start`` unless it starts at 0."""
    return span.article if span.start == 0 else f"{span.article}@{span.start}"


def story_id(members: Iterable[str]) -> str:
    """The id of a story with these member keys (article ids for whole articles); order and repeats do
    not matter."""
    digest = hashlib.sha1("\n".join(sorted(set(members))).encode("utf-8")).hexdigest()
    return f"{_PREFIX}{digest[:_DIGITS]}"


def story_id_of(segments: Iterable[Span]) -> str:
    """The id of a story made of these segments (the same as :func:`story_id` of their member keys)."""
    return story_id(member_key(s) for s in segments)


def aliases(old_stories: Sequence[Story], new_stories: Sequence[Story]) -> list[tuple[str, str]]:
    """Where each old story id went: ``(old id, new id)`` for every new story that now holds at least one
    of the old story's articles, in the order of ``old_stories`` then ``new_stories``.

    An old id that is still the id of a new story answers by itself and gets no alias; an old story whose
    articles were all dropped gets none either. A split gives one old id several new ones; a merge gives
    several old ids one new one.
    """
    current = {s.id for s in new_stories}
    holders: dict[str, list[str]] = {}
    for story in new_stories:
        for article_id in story.article_ids:
            holders.setdefault(article_id, []).append(story.id)
    found: list[tuple[str, str]] = []
    for old in old_stories:
        if old.id in current:
            continue
        targets = {sid for aid in old.article_ids for sid in holders.get(aid, ())}
        found += [(old.id, sid) for sid in dict.fromkeys(s.id for s in new_stories) if sid in targets]
    return found
