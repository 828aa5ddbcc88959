"""A story's timeline: one entry per date and happening, merged across outlets through the facts."""

from __future__ import annotations

import re
from collections.abc import Mapping

from ..model import Article, Fact, Span, Story, TimelineEntry, evolve
from ..pipeline import Stage, StoryContext

__all__ = ["STAGE", "build_timeline"]

_CALENDAR = re.compile(r"^\d{4}(?:-\d{2}(?:-\d{2})?)?$")


def _sentence_of(article: Article, start: int) -> tuple[int, int] | None:
    for s, e in article.sentences:
        if s <= start < e:
            return s, e
    return None


def _fact_of(span: Span, facts: tuple[Fact, ...]) -> str | None:
    for fact in facts:
        if span in fact.support:
            return fact.id
    return None


def build_timeline(story: Story, context: StoryContext) -> Story:
    entries: dict[tuple[str, str], dict] = {}
    articles: Mapping[str, Article] = context.articles
    for article_id in story.article_ids:
        article = articles[article_id]
        for time in article.times:
            if time.type != "DATE" or not time.value or not _CALENDAR.match(time.value):
                continue
            sentence = _sentence_of(article, time.span.start)
            if sentence is None:
                continue
            span = Span(article_id, *sentence)
            key = (time.value, _fact_of(span, story.facts) or f"{article_id}:{sentence[0]}")
            entry = entries.setdefault(key, {"text": article.text[slice(*sentence)], "support": [], "times": []})
            if span not in entry["support"]:
                entry["support"].append(span)
            entry["times"].append((time.span, time.value))
    timeline = [
        TimelineEntry(date, e["text"], tuple(e["support"]), tuple(e["times"]))
        for (date, _), e in sorted(entries.items(), key=lambda item: item[0][0])
    ]
    return evolve(story, timeline=tuple(timeline))


STAGE = Stage("timeline", build_timeline, frozenset({"facts"}), frozenset({"timeline"}),
              "Dated happenings in date order, merged across outlets through aligned facts.")
