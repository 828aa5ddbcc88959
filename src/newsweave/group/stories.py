"""Articles -> stories: split multi-event articles into segments, cluster the segments, and record the
story's copies and independent sources (:mod:`.sources`)."""

from __future__ import annotations

from collections.abc import Sequence

from ..config import Settings
from ..model import Article, Span, Story, evolve
from .clustering import cluster_articles
from .config import GroupConfig
from .identity import member_key
from .segments import Segment, find_segments
from .sources import with_sources

__all__ = ["GroupConfig", "find_stories"]


def _pieces(article: Article, segments: tuple[Segment, ...]) -> list[tuple[Article, Span]]:
    """The article cut into its event segments, each named by its member key, with the span it covers."""
    if len(segments) == 1:
        return [(article, Span(article.id, 0, len(article.text)))]
    pieces = []
    for n, segment in enumerate(segments):
        start, end = segment.span.start, segment.span.end
        piece = evolve(article, id=member_key(segment.span), text=article.text[start:end],
                       title=article.title if n == 0 else None, paragraphs=(), sentences=())
        pieces.append((piece, segment.span))
    return pieces


def find_stories(articles: Sequence[Article], settings: Settings = Settings()) -> tuple[Story, ...]:  # noqa: B008
    """Group articles (or their event segments) into stories; each story says why it holds together.

    A story's id is :func:`~newsweave.group.identity.story_id_of` its segments."""
    config = settings.of(GroupConfig)
    segments = find_segments(articles, config)
    pieces = [p for a in articles for p in _pieces(a, segments[a.id])]
    real = {piece.id: span for piece, span in pieces}
    split_why = {s.span: s.why for segs in segments.values() for s in segs if s.why}
    by_id = {a.id: a for a in articles}
    stories = []
    for story in cluster_articles([p for p, _ in pieces], settings):
        spans = tuple(Span(real[s.article].article, s.start + real[s.article].start,
                           s.end + real[s.article].start) for s in story.segments)
        why = story.why + tuple(f"segment of {by_id[s.article].title or s.article}: {split_why[s]}"
                                for s in spans if s in split_why)
        stories.append(with_sources(evolve(story, segments=spans, why=why), by_id, config))
    return tuple(stories)
