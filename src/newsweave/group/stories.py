"""Articles -> stories: split multi-event articles into segments, cluster the segments, and mark
copies of one report so they count as one independent source."""

from __future__ import annotations

from collections.abc import Sequence

from ..config import Settings
from ..model import Article, Span, Story, evolve
from .clustering import cluster_articles
from .config import GroupConfig
from .duplicates import copy_groups
from .segments import Segment, find_segments

__all__ = ["GroupConfig", "find_stories"]

_SEP = "@"


def _pieces(article: Article, segments: tuple[Segment, ...]) -> list[Article]:
    if len(segments) == 1:
        return [article]
    pieces = []
    for n, segment in enumerate(segments):
        start, end = segment.span.start, segment.span.end
        pieces.append(evolve(article, id=f"{article.id}{_SEP}{start}", text=article.text[start:end],
                             title=article.title if n == 0 else None, paragraphs=(), sentences=()))
    return pieces


def _real(span: Span) -> Span:
    if _SEP not in span.article:
        return span
    article, start = span.article.split(_SEP)
    offset = int(start)
    return Span(article, span.start + offset, span.end + offset)


def find_stories(articles: Sequence[Article], settings: Settings = Settings()) -> tuple[Story, ...]:  # noqa: B008
    """Group articles (or their event segments) into stories; each story says why it holds together."""
    config = settings.of(GroupConfig)
    segments = find_segments(articles, config)
    pieces = [p for a in articles for p in _pieces(a, segments[a.id])]
    split_why = {s.span: s.why for segs in segments.values() for s in segs if s.why}
    by_id = {a.id: a for a in articles}
    stories = []
    for story in cluster_articles(pieces, settings):
        spans = tuple(_real(s) for s in story.segments)
        why = story.why + tuple(f"segment of {by_id[s.article].title or s.article}: {split_why[s]}"
                                for s in spans if s in split_why)
        members = [by_id[a] for a in dict.fromkeys(s.article for s in spans)]
        stories.append(evolve(story, segments=spans, why=why, copies=copy_groups(members, config)))
    return tuple(stories)
