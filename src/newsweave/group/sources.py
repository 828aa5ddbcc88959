"""A story's independent sources, computed once and stored on the story (``Story.sources``).

The rule (:func:`~newsweave.group.duplicates.independent_groups`): an outlet is a source, so reports of
one outlet are one source; copies of one report (:func:`~newsweave.group.duplicates.copy_groups`) count
once across outlets. Grouping sets it (:func:`~newsweave.group.stories.find_stories`); whoever changes a
story's members (a merge, a split) calls :func:`with_sources` again. Facts, quote families, the brief and
every renderer read ``Story.sources``; none counts sources its own way.
"""

from __future__ import annotations

from collections.abc import Mapping

from ..errors import InputError
from ..model import Article, Source, Story, evolve
from .config import GroupConfig
from .duplicates import copy_groups, independent_groups

__all__ = ["ensure_sources", "outlet_of", "source_of", "story_sources", "with_sources"]

_DEFAULTS = GroupConfig()


def outlet_of(article: Article) -> str | None:
    """The outlet an article names, or None."""
    return article.outlet.value if article.outlet else None


def _members(story: Story, articles: Mapping[str, Article]) -> list[Article]:
    missing = [a for a in story.article_ids if a not in articles]
    if missing:
        raise InputError(f"story {story.id}", f"articles {', '.join(missing)} are not given",
                         hint="pass every member article of the story")
    return [articles[a] for a in story.article_ids]


def story_sources(story: Story, articles: Mapping[str, Article]) -> tuple[Source, ...]:
    """The independent sources of ``story`` from its ``copies`` and its articles' outlets."""
    members = _members(story, articles)
    outlets = {a.id: o for a in members if (o := outlet_of(a)) is not None}
    return tuple(
        Source(group[0], tuple(dict.fromkeys(outlets[a] for a in group if a in outlets)), tuple(group))
        for group in independent_groups(story.article_ids, outlets, story.copies)
    )


def with_sources(story: Story, articles: Mapping[str, Article], config: GroupConfig = _DEFAULTS) -> Story:
    """``story`` with its copies and independent sources computed afresh from its member articles: call
    it whenever membership changes (grouping, merge, split). InputError when a member is missing."""
    copies = copy_groups(_members(story, articles), config)
    return evolve(story, sources=story_sources(evolve(story, copies=copies), articles), copies=copies)


def ensure_sources(story: Story, articles: Mapping[str, Article], config: GroupConfig = _DEFAULTS) -> Story:
    """``story`` as it is when grouping gave it sources, else with them computed (a story built by hand,
    or one a correction reset)."""
    return story if story.sources else with_sources(story, articles, config)


def source_of(story: Story) -> dict[str, Source]:
    """Article id -> the story's source it belongs to (read from ``story.sources``)."""
    return {a: source for source in story.sources for a in source.articles}
