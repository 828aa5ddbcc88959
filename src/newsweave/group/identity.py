"""Story identity: one id formula for every new story, an id that stays with a story as it grows, and where old
ids went.

A story's id is ``"s-"`` plus the first 12 hex digits of the SHA-1 of its sorted, distinct *member keys*,
one per line. A member key is an article id, or ``"<article id>@<start>"`` for a segment that does not
start at the top of its article (an article split into events: see :mod:`.segments`). Spans of one
article in different stories never share a start, so keys never collide; and a whole article, or the
first segment of one, is keyed by the article id alone, so the key needs no article length.

Which member set names a story:

- a story seen for the first time (batch grouping, :func:`~newsweave.group.clustering.cluster_articles`,
  :func:`~newsweave.group.stories.find_stories`; a merge or split by a person): its members now, so the same
  members always give the same id, whatever produced them;
- a stored story that grew (new reports joined it, in an incremental run or a regroup): it keeps the id it had
  (:func:`keep_ids`: a story holding every segment of exactly one old story, and no segment of another, takes
  that story's id), so a link to a story keeps answering however many reports join it. A grown story's id is
  therefore the id of the members it was first stored with, not of its members now;
- the incremental index (:class:`~newsweave.group.index.StoryIndex`): the story's *founding* member set,
  the one article that started it, kept while the story grows (the id batch grouping gives that one-article
  story).

Any other change (two stored stories joined, one split, one shrunk) gives the new stories the ids of their
members, and :func:`aliases` says where each old id went, so the application records it in the store's alias
table and an old link keeps answering (``Store.resolve_story``; the web UI redirects ``/stories/ID``).
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable, Sequence

from ..model import Span, Story, evolve

__all__ = ["aliases", "keep_ids", "member_key", "story_id", "story_id_of"]

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


def keep_ids(stories: Sequence[Story], old_stories: Sequence[Story]) -> list[Story]:
    """``stories`` with each one that holds every segment of exactly one old story, and no segment of another,
    renamed to that old story's id (it is the old story, grown or as it was); the others as they are."""
    owner = {span: old.id for old in old_stories for span in old.segments}
    size = {old.id: len(set(old.segments)) for old in old_stories}
    out = []
    for story in stories:
        mine = set(story.segments)
        held = {owner[span] for span in mine if span in owner}
        if len(held) == 1:
            (sid,) = held
            if sum(1 for span in mine if owner.get(span) == sid) == size[sid]:
                story = evolve(story, id=sid)
        out.append(story)
    return out
