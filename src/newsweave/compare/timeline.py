"""A story's timeline: one entry per date and happening, merged across outlets through the facts.

Every sentence with a calendar date value (:func:`newsweave.analyse.times.find_times`, anchored to
publication) is a dated happening; sentences that fact alignment put together (the same fact in several
outlets) and that carry the same date become one entry, with every sentence as support, every time
expression with its value, the number of articles (``sources``) and ``why`` it was dated and merged.
"""

from __future__ import annotations

import re
from collections.abc import Mapping

from ..model import Article, Fact, Span, Story, TimelineEntry, evolve
from ..pipeline import Context, Stage

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


def _add(entries: dict[tuple[str, str], dict], key: tuple[str, str], text: str, span: Span,
         time: tuple[Span, str], said: str) -> None:
    entry = entries.setdefault(key, {"text": text, "support": [], "times": [], "why": said})
    if span not in entry["support"]:
        entry["support"].append(span)
    entry["times"].append(time)


def _entry(date: str, fact: str, e: dict) -> TimelineEntry:
    sources = len({s.article for s in e["support"]})
    merged = f"; {sources} articles, aligned fact {fact}" if sources > 1 else ""
    return TimelineEntry(date, e["text"], tuple(e["support"]), tuple(e["times"]), sources, e["why"] + merged)


def build_timeline(story: Story, context: Context) -> Story:
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
            said = f"dated by {time.text!r} = {time.value}"
            _add(entries, key, article.text[slice(*sentence)], span, (time.span, time.value), said)
    timeline = [_entry(date, fact, e) for (date, fact), e in sorted(entries.items(), key=lambda i: i[0][0])]
    return evolve(story, timeline=tuple(timeline))


STAGE: Stage[Story] = Stage(
    name="timeline", kind="story", func=build_timeline,
    requires=frozenset({"facts", "articles.sentences", "articles.times"}), provides=frozenset({"timeline"}),
    help="Dated happenings in date order, merged across outlets through aligned facts.",
)
