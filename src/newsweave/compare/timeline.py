"""A story's timeline: one entry per event, merged across outlets, each date with its provenance.

Every sentence with a calendar date value (:func:`newsweave.analyse.times.find_times`, anchored to
publication) is a dated happening (what it says happened was read from the parse by the times stage:
:mod:`newsweave.analyse.happenings`), unless the date only bounds a stretch of time ("since 20 April",
"until Friday": :func:`~newsweave.compare.timeline_events.background_date`) or is a bare year naming a
kind of thing ("the 2020 election", "the class of 2020"). Two dated sentences on the
same date report the same event (:func:`same_event`) when

- they name the same happening: an event word of one (the verb or noun the date hangs on, the sentence's
  main verb and the verbs coordinated with it; "met" and "meeting" are one word, light and reporting
  verbs such as "be" or "say" are not events) is an event word of the other, and they share a
  participant (a name, or a noun the event word governs: "the pier", "the Vostochny cosmodrome"); or
- they say nearly the same thing: the overlap of their content words reaches ``TimelineConfig.same_words``.

An entry is seeded by a sentence and takes every later sentence of the same date that reports the same
event as its seed (no chaining). It cites every sentence as support, counts the independent sources
(``Story.sources``: an outlet and its copies are one source) and the reports, and keeps for each date
the expression, the publication date it was resolved against and the rule (``dated_by``).
"""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from typing import ClassVar

from ..analyse.happenings import calendar_date, happenings
from ..analyse.nlp import parse
from ..config import param
from ..group.sources import ensure_sources, source_of
from ..model import Article, DatedBy, Span, Story, TimeExpression, TimelineEntry, evolve
from ..pipeline import Context, Stage
from .timeline_events import background_date

__all__ = ["STAGE", "Dated", "TimelineConfig", "build_timeline", "dated_sentences", "same_event"]


@dataclass(frozen=True, slots=True)
class TimelineConfig:
    """What the timeline stage tunes."""

    SECTION: ClassVar[str] = "timeline"
    same_words: float = param(0.5, "Share of content words (Jaccard) two sentences of one date need to be one "
                                   "event without a shared event word and participant.", low=0.0, high=1.0)


@dataclass(frozen=True, slots=True)
class Dated:
    """One sentence filed under one date, with what :func:`same_event` compares."""

    span: Span
    text: str
    time: TimeExpression
    events: frozenset[str]
    participants: frozenset[str]
    words: frozenset[str]


def _sentence_finder(sentences: Sequence[tuple[int, int]]) -> Callable[[int], tuple[int, int] | None]:
    """The first sentence holding a character offset, found by bisection when the sentences are in order
    and do not overlap (a parse's are), else by a scan."""
    starts = [s for s, _ in sentences]
    if any(sentences[k][1] > starts[k + 1] or starts[k] > starts[k + 1] for k in range(len(sentences) - 1)):
        return lambda at: next(((s, e) for s, e in sentences if s <= at < e), None)

    def find(at: int) -> tuple[int, int] | None:
        k = bisect_right(starts, at) - 1
        return sentences[k] if k >= 0 and at < sentences[k][1] else None

    return find


def _with_happenings(article: Article) -> tuple[TimeExpression, ...]:
    """The article's times, each calendar date with its :class:`~newsweave.model.Happening`: as the times stage
    left them, or (an article analysed before times carried them, or built by hand) read from its parse."""
    if all(t.happening is not None for t in article.times if calendar_date(t)):
        return article.times
    return happenings(parse(article), article.times)


def dated_sentences(article: Article) -> list[Dated]:
    """The article's sentences filed under their calendar dates; background dates ("since March") and years
    naming a kind of thing ("the 2020 election") left out."""
    out = []
    sentence_at = _sentence_finder(article.sentences)
    for time in _with_happenings(article):
        if not calendar_date(time) or background_date(article.text, time):
            continue
        sentence, happening = sentence_at(time.span.start), time.happening
        if sentence is None or happening is None or happening.attributive:
            continue
        start, end = sentence
        out.append(Dated(Span(article.id, start, end), article.text[start:end], time, happening.events,
                         happening.participants, happening.words))
    return out


def same_event(a: Dated, b: Dated, config: TimelineConfig) -> str | None:
    """Why ``a`` and ``b`` (of one date) report the same event, or None when they do not."""
    events, participants = sorted(a.events & b.events), sorted(a.participants & b.participants)
    if events and participants:
        return f"both report {events[0]!r} with {participants[0]!r}"
    union = a.words | b.words
    overlap = len(a.words & b.words) / len(union) if union else 0.0
    if overlap >= config.same_words:
        return f"{overlap:.0%} of their words shared"
    return None


def _published(article: Article) -> str | None:
    return article.published.value if article.published else None


def _entry(group: list[tuple[Dated, str]], articles: Mapping[str, Article], sources: Mapping[str, str]
           ) -> TimelineEntry:
    seed = group[0][0]
    support = tuple(dict.fromkeys(d.span for d, _ in group))
    reports = {s.article for s in support}
    independent = {sources.get(a, a) for a in reports}
    dated_by = tuple(DatedBy(d.time.span, d.time.text, d.time.value or "", _published(articles[d.span.article]),
                             d.time.why) for d, _ in group)
    why = f"dated by {seed.time.text!r} = {seed.time.value} ({seed.time.why})"
    merged = list(dict.fromkeys(reason for d, reason in group[1:] if d.span != seed.span))
    if merged:
        why += f"; same event in {len(independent)} sources ({len(reports)} reports): " + "; ".join(merged)
    return TimelineEntry(seed.time.value or "", seed.text, support,
                         tuple((d.time.span, d.time.value or "") for d, _ in group),
                         len(independent), why, len(reports), dated_by)


def _keys(dated: Dated) -> set[object]:
    """What any sentence of the same event shares with ``dated`` (:func:`same_event`): the sentence itself, an
    event word, or a content word."""
    return {("span", dated.span), *(("event", e) for e in dated.events), *(("word", w) for w in dated.words)}


def _may_join(entries: list[list[tuple[Dated, str]]], keyed: Mapping[object, list[int]], dated: Dated,
              config: TimelineConfig) -> list[list[tuple[Dated, str]]]:
    """The entries of a date whose seed shares a key with ``dated`` (:func:`_keys`), in order: only they can
    be the same event (all of them when a share of no words is enough)."""
    if config.same_words <= 0:
        return entries
    return [entries[n] for n in sorted({n for key in _keys(dated) for n in keyed.get(key, ())})]


def build_timeline(story: Story, context: Context) -> Story:
    config = context.settings.of(TimelineConfig)
    articles: Mapping[str, Article] = context.articles
    sources = {a: s.id for a, s in source_of(ensure_sources(story, articles)).items()}
    groups: dict[str, list[list[tuple[Dated, str]]]] = {}
    seeds: dict[str, dict[object, list[int]]] = {}  # per date: a key of an entry's seed -> the entries
    for article_id in story.article_ids:
        for dated in dated_sentences(articles[article_id]):
            entries = groups.setdefault(dated.time.value or "", [])
            keyed = seeds.setdefault(dated.time.value or "", {})
            for entry in _may_join(entries, keyed, dated, config):
                seed = entry[0][0]
                if seed.span == dated.span:
                    entry.append((dated, "the same sentence"))
                    break
                reason = same_event(seed, dated, config)
                if reason is not None:
                    entry.append((dated, reason))
                    break
            else:
                for key in _keys(dated):
                    keyed.setdefault(key, []).append(len(entries))
                entries.append([(dated, "")])
    timeline = [_entry(group, articles, sources) for date in sorted(groups) for group in groups[date]]
    return evolve(story, timeline=tuple(timeline))


STAGE: Stage[Story] = Stage(
    name="timeline", kind="story", func=build_timeline,
    requires=frozenset({"articles.sentences", "articles.times"}), provides=frozenset({"timeline"}),
    config=TimelineConfig,
    help="Dated events in date order, one entry per event merged across outlets, each date with its provenance.",
)
