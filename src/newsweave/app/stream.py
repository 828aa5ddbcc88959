"""What lets one ``analyze`` of a big corpus run in memory that does not grow with the corpus.

``Workspace.analyse_stored`` reads the stored articles a batch at a time, analyses and stores each batch and
keeps only a light view of each article for grouping (:func:`for_grouping`); it then compares the stories a
batch at a time (:func:`write_batches`), reading each batch's articles back from the store and writing its
stories before the next. What a run did is an :class:`Analysed`: ids only.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from dataclasses import dataclass

from ..model import Article, Problem, Story, evolve

__all__ = ["Analysed", "chunks", "for_grouping", "write_batches"]


@dataclass(frozen=True, slots=True)
class Analysed:
    """What an analysis run did, without the articles and stories themselves (they are in the store):
    every stored article id (in the store's order), each story's id and article ids (in grouping order), and
    the problems of the run."""

    articles: tuple[str, ...] = ()
    stories: tuple[tuple[str, tuple[str, ...]], ...] = ()
    problems: tuple[Problem, ...] = ()

    def stories_of(self, article_ids: set[str] | frozenset[str] | None = None) -> list[str]:
        """The ids of the stories holding any of ``article_ids`` (every story with None), in grouping order."""
        if article_ids is None:
            return [sid for sid, _ in self.stories]
        return [sid for sid, members in self.stories if article_ids.intersection(members)]

    def articles_of(self, article_ids: set[str] | frozenset[str] | None = None) -> list[str]:
        """``article_ids`` and the articles of the stories holding them (every article with None), in the
        store's order: what the report of those articles covers."""
        if article_ids is None:
            return list(self.articles)
        members = {a for sid, ids in self.stories if article_ids.intersection(ids) for a in ids} | article_ids
        return [a for a in self.articles if a in members]


def for_grouping(article: Article) -> Article:
    """The article with only what grouping reads (:mod:`newsweave.group`: text, title, dates, outlet, input,
    paragraphs and the first sentence, which heads a story without a title): its mentions, times, quotes,
    claims, notes and removed debris, most of an analysed article's memory, are dropped. Grouping the light
    articles gives the same stories as grouping the whole ones (tests/app/test_stream.py checks it)."""
    return evolve(article, sentences=article.sentences[:1], mentions=(), times=(), quotes=(), claims=(), notes=(),
                  removed=())


def chunks(ids: Sequence[str], size: int) -> Iterator[Sequence[str]]:
    """``ids`` in slices of ``size``."""
    for start in range(0, len(ids), max(1, size)):
        yield ids[start : start + size]


def write_batches(stories: Sequence[Story], size: int) -> list[list[Story]]:
    """``stories`` in batches of about ``size`` articles, in order; stories sharing an article (segments of one
    article in two stories) always share a batch, since storing a story replaces every stored story sharing an
    article with it."""
    parent = list(range(len(stories)))

    def root(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    holder: dict[str, int] = {}
    for i, story in enumerate(stories):
        for aid in story.article_ids:
            if aid in holder:
                parent[root(i)] = root(holder[aid])
            else:
                holder[aid] = i
    groups: dict[int, list[Story]] = {}
    for i, story in enumerate(stories):
        groups.setdefault(root(i), []).append(story)
    batches: list[list[Story]] = []
    count = 0
    for group in groups.values():
        if not batches or count >= size:
            batches.append([])
            count = 0
        batches[-1] += group
        count += sum(len(s.article_ids) for s in group)
    return batches
