"""A story's timeline: one entry per event, merged across outlets, each date with its provenance.

Every sentence with a calendar date value (:func:`newsweave.analyse.times.find_times`, anchored to
publication) is a dated happening, unless the date only bounds a stretch of time ("since 20 April",
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

import re
from bisect import bisect_right
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from typing import ClassVar

from spacy.tokens import Doc, Token

from ..analyse.nlp import load
from ..config import param
from ..group.sources import ensure_sources, source_of
from ..model import Article, DatedBy, Span, Story, TimeExpression, TimelineEntry, evolve
from ..pipeline import Context, Stage
from .timeline_events import background_date

__all__ = ["STAGE", "Dated", "TimelineConfig", "build_timeline", "dated_sentences", "same_event"]

_CALENDAR = re.compile(r"^\d{4}(?:-\d{2}(?:-\d{2})?)?$")
#: Verbs that carry no event of their own: a shared "said" or "was" does not make two sentences one event.
_LIGHT = frozenset(
    "be have do say tell add state report note claim write accord make take get give go come put set see "
    "become seem appear include continue remain keep call ask show expect believe think know want need".split()
)
_CALENDAR_WORDS = frozenset(
    "monday tuesday wednesday thursday friday saturday sunday january february march april may june july "
    "august september october november december today yesterday tomorrow week month year day night morning "
    "evening afternoon".split()
)
_SUFFIXES = ("ations", "ation", "ings", "ing", "ments", "ment", "ions", "ion", "als", "al")


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


def _stem(lemma: str) -> str:
    """One form for a verb and its noun: "meeting" and "met" -> "meet", "agreement" -> "agree"."""
    lemma = lemma.lower()
    for suffix in _SUFFIXES:
        if lemma.endswith(suffix) and len(lemma) - len(suffix) >= 3:
            return lemma[: -len(suffix)]
    return lemma


def _content(token: Token) -> bool:
    return (token.is_alpha and not token.is_stop and len(token.text) > 2
            and token.lower_ not in _CALENDAR_WORDS and token.pos_ in ("NOUN", "PROPN", "VERB", "ADJ", "NUM"))


def _date_root(doc: Doc, start: int, end: int) -> Token | None:
    inside = [t for t in doc if start <= t.idx < end]
    outside = [t for t in inside if not start <= t.head.idx < end or t.head.i == t.i]
    chosen = outside or inside
    return chosen[0] if chosen else None


def _event_tokens(doc: Doc, start: int, end: int) -> list[Token]:
    """The words that name what happened on the date: the nouns and the verb the date hangs on, the main
    verb of its sentence and the verbs coordinated with either."""
    found: list[Token] = []
    token = _date_root(doc, start, end)
    for _ in range(8):
        if token is None or token.head.i == token.i:
            break
        token = token.head
        if token.pos_ in ("NOUN", "VERB"):
            found.append(token)
        if token.pos_ == "VERB":
            break
    sentence = next(iter(doc.sents), None)
    if sentence is not None and sentence.root.pos_ in ("VERB", "NOUN"):
        found.append(sentence.root)
    found += [c for t in list(found) if t.pos_ == "VERB" for c in t.children if c.dep_ == "conj" and c.pos_ == "VERB"]
    return [t for t in found if t.pos_ == "NOUN" or t.lemma_.lower() not in _LIGHT]


def _participants(doc: Doc, events: Sequence[Token]) -> set[str]:
    """Names in the sentence, the nouns its event words govern (directly or through a preposition) and the
    noun an event word describes ("the pier *reopened* on Tuesday" read as a reduced relative)."""
    names = {t.lemma_.lower() for t in doc if t.pos_ == "PROPN" and _content(t)}
    arguments = {e.head.lemma_.lower() for e in events if e.dep_ in ("acl", "relcl") and _content(e.head)}
    for event in events:
        for child in event.children:
            heads = [child] + ([g for g in child.children if g.dep_ == "pobj"] if child.dep_ == "prep" else [])
            arguments |= {h.lemma_.lower() for h in heads
                          if h.dep_ in ("nsubj", "nsubjpass", "dobj", "pobj", "poss", "compound") and _content(h)}
    return names | arguments


def _attributive_year(doc: Doc, start: int, end: int, time: TimeExpression) -> bool:
    """A bare year naming a kind of thing ("the 2020 election", "fiscal 2020", "the class of 2020", a "Trump
    2020" sign) says which thing, not when the sentence's event happened: it does not file the sentence."""
    root = _date_root(doc, start, end)
    if root is None or not re.fullmatch(r"\d{4}", time.text.strip()):
        return False
    if root.dep_ in ("compound", "nummod", "amod", "nmod", "appos") and root.head.pos_ in ("NOUN", "PROPN"):
        return True
    return root.dep_ == "pobj" and root.head.lower_ == "of" and root.head.head.pos_ in ("NOUN", "PROPN")


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


def _parses(texts: Sequence[str]) -> list[Doc]:
    """The parse of each sentence, each distinct text parsed once, without the entity recogniser (nothing
    here reads entities, and the tagger and parser do not depend on it)."""
    nlp = load()
    distinct = list(dict.fromkeys(texts))
    recognisers = [p for p in ("ner", "newsweave_ner") if p in nlp.pipe_names]
    docs = dict(zip(distinct, nlp.pipe(distinct, disable=recognisers), strict=True))
    return [docs[text] for text in texts]


def dated_sentences(article: Article) -> list[Dated]:
    """The article's sentences filed under their calendar dates; background dates ("since March") left out."""
    found: list[tuple[tuple[int, int], TimeExpression]] = []
    sentence_at = _sentence_finder(article.sentences)
    for time in article.times:
        if time.type != "DATE" or not time.value or not _CALENDAR.match(time.value):
            continue
        if background_date(article.text, time):
            continue
        sentence = sentence_at(time.span.start)
        if sentence is not None:
            found.append((sentence, time))
    texts = [article.text[slice(*sentence)] for sentence, _ in found]
    out = []
    for ((start, end), time), text, doc in zip(found, texts, _parses(texts), strict=True):
        if _attributive_year(doc, time.span.start - start, time.span.end - start, time):
            continue
        events = _event_tokens(doc, time.span.start - start, time.span.end - start)
        out.append(Dated(Span(article.id, start, end), text, time,
                         frozenset(_stem(t.lemma_) for t in events),
                         frozenset(_participants(doc, events)),
                         frozenset(t.lemma_.lower() for t in doc if _content(t))))
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
