"""New reports join the stored stories they belong to, without regrouping the whole store.

:func:`grow_stories` is what ``Workspace.analyse()`` does when stories are stored already (the application
reaches it as :mod:`newsweave.app.incremental`; it lives here, in grouping, so that :mod:`newsweave.eval` can
measure it against grouping everything at once):

1. The incremental index (:class:`~newsweave.group.index.StoryIndex`) is rebuilt from the stored stories
   (each stored article added ``into`` its story), then each new article is assigned to the stored story it is
   closest to, or to a story of its own.
2. Only the stories a new article joined are grouped again, with the new articles: batch grouping
   (:func:`~newsweave.group.stories.find_stories`, event segments and all) over their articles, so a grown
   story is what grouping everything at once would make of it. Stories sharing an article with one of them (an
   article split into events) are grouped with them, so an article never ends up in a story twice.
3. A regrouped story that holds every segment of exactly one stored story, and no segment of another, keeps
   that story's id (it grew: :func:`~newsweave.group.identity.keep_ids`); any other id is the id of its members,
   and the application leaves an alias from the old ids.
4. A regrouped story with exactly the segments of a stored one did not change (a new article came near it but
   joined another story): the stored story is kept as it was, untouched.

Every other stored story is returned as it was, so only the stories in ``Grown.touched`` (grown, merged, split or
new) need comparing again; ``Grown.regrouped`` counts the stored stories grouped again to find out.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass

from ..config import Settings
from ..model import Article, Story
from .config import GroupConfig
from .identity import keep_ids
from .index import StoryIndex

__all__ = ["Grouper", "Grown", "grow_stories"]

Grouper = Callable[[Sequence[Article], Settings], tuple[Story, ...]]


@dataclass(frozen=True, slots=True)
class Grown:
    """The stories after new reports joined: the stored ones not touched, as they were, then the changed ones;
    ``touched`` names the changed ones (grown, merged, split or new), ``replaced`` the stored ones they replace,
    and ``regrouped`` how many stored stories were grouped again to find them (touched or not)."""

    stories: tuple[Story, ...]
    touched: frozenset[str]
    replaced: frozenset[str]
    regrouped: int = 0


def _day(article: Article) -> str:
    return article.published.value if article.published is not None and article.published.value else ""


def _lead_story(stories: Sequence[Story]) -> dict[str, str]:
    """Article id -> the story of its lead segment (the one starting first), where the index files it."""
    lead: dict[str, tuple[int, str]] = {}
    for story in stories:
        for span in story.segments:
            if span.start < lead.get(span.article, (1 << 62, ""))[0]:
                lead[span.article] = (span.start, story.id)
    return {aid: sid for aid, (_, sid) in lead.items()}


def _assign(stored: Sequence[Story], articles: Mapping[str, Article], new: Sequence[Article],
            settings: Settings, near: float) -> set[str]:
    """The stored stories the new articles join by the incremental index, and those each new article comes
    within ``near`` times the grouping threshold of (batch grouping of them with it decides)."""
    index = StoryIndex(settings)
    held = _lead_story(stored)
    for aid in sorted(held, key=lambda a: (_day(articles[a]), a)):
        index.add(articles[aid], into=held[aid])
    floor = near * settings.of(GroupConfig).threshold
    touched = set()
    for article in sorted(new, key=lambda a: (_day(a), a.id)):
        touched |= {sid for sid, _ in index.near(article, floor)}
        touched.add(index.add(article).story_id)
    return touched & {s.id for s in stored}


def _closure(stored: Sequence[Story], seeds: set[str]) -> list[Story]:
    """The stored stories in ``seeds`` and every stored story sharing an article with one of them (repeated)."""
    chosen = [s for s in stored if s.id in seeds]
    articles = {a for s in chosen for a in s.article_ids}
    grew = True
    while grew:
        more = [s for s in stored if s not in chosen and articles & set(s.article_ids)]
        chosen += more
        articles |= {a for s in more for a in s.article_ids}
        grew = bool(more)
    return chosen


def grow_stories(stored: Sequence[Story], articles: Mapping[str, Article], new: Sequence[Article],
                 settings: Settings, find: Grouper, *, near: float = 0.4) -> Grown:
    """The stored stories with the ``new`` articles (not in any stored story) joined to them, or in stories of
    their own; ``articles`` holds every stored article by id, and ``find`` is batch grouping
    (``api.find_stories``). A stored story is grouped again with the new articles when one of them joins it in
    the index or comes within ``near`` times the grouping threshold of it."""
    if not new:
        return Grown(tuple(stored), frozenset(), frozenset())
    old = _closure(stored, _assign(stored, articles, new, settings, near)) if stored else []
    members = dict.fromkeys(a for s in old for a in s.article_ids)
    regrouped = keep_ids(find([articles[a] for a in members] + list(new), settings), old)
    same = {s.id for s in old} & {s.id for s in regrouped if _unchanged(s, old)}
    changed = tuple(s for s in regrouped if s.id not in same)
    replaced = {s.id for s in old} - same
    kept = tuple(s for s in stored if s.id not in replaced)
    return Grown(kept + changed, frozenset(s.id for s in changed), frozenset(replaced), len(old))


def _unchanged(story: Story, old: Sequence[Story]) -> bool:
    """Whether ``story`` is a stored story regrouped to exactly its segments (same id, same segments)."""
    return any(o.id == story.id and o.segments == story.segments for o in old)
