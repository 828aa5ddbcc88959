"""Corrections made by a person: merge or split stories and entities, and say whether two quotes are the
same utterance. They are stored (``Store.add_correction``) and re-applied after every analysis with
:func:`apply_corrections`, so a regrouping never undoes a person's judgement.

A correction names what it touches by evidence that survives re-analysis, never by generated ids:
stories by their article ids, entities by their mention spans, quotes by their spans. Articles are keyed
by a hash of their content, so the same text gives the same ids and offsets on every run.

Story corrections are best applied to stories straight out of grouping (before comparison), so the
comparison stages see the corrected membership; entity and quote corrections after comparison. Calling
:func:`apply_corrections` with every correction at both points does exactly that: each kind that has
nothing to act on leaves the stories as they are, and applying a correction twice changes nothing.
"""

from __future__ import annotations

import hashlib
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Literal

from ..model import Entity, Mention, Quote, Span, Story, evolve

__all__ = [
    "DETAIL_KINDS",
    "KINDS",
    "STORY_KINDS",
    "Correction",
    "CorrectionKind",
    "apply_corrections",
    "merged_story_id",
]

CorrectionKind = Literal[
    "merge_stories", "split_story", "merge_entities", "split_entity", "same_quote", "different_quote"
]
STORY_KINDS: frozenset[str] = frozenset({"merge_stories", "split_story"})
DETAIL_KINDS: frozenset[str] = frozenset({"merge_entities", "split_entity", "same_quote", "different_quote"})
KINDS: frozenset[str] = STORY_KINDS | DETAIL_KINDS


@dataclass(frozen=True, slots=True)
class Correction:
    """One judgement by a person.

    ``articles`` holds article-id groups (merge_stories: each story's articles; split_story: the articles
    to move out). ``spans`` holds span groups (merge_entities: each entity's mentions; split_entity: the
    mentions to move out; same_quote / different_quote: the two quotes' spans, one group each).
    """

    id: int
    kind: CorrectionKind
    articles: tuple[tuple[str, ...], ...] = ()
    spans: tuple[tuple[Span, ...], ...] = ()
    note: str = ""
    by: str = "person"
    at: str = ""

    @property
    def label(self) -> str:
        """How the correction is shown next to what it changed."""
        when = f", {self.at}" if self.at else ""
        return f"{self.kind.replace('_', ' ')} by a {self.by} (correction #{self.id}{when})"


def merged_story_id(article_ids: Iterable[str]) -> str:
    """The id a story with these articles gets: the same formula grouping uses, so ids stay stable."""
    digest = hashlib.sha1("\n".join(sorted(set(article_ids))).encode("utf-8")).hexdigest()
    return f"s-{digest[:12]}"


def apply_corrections(
    stories: Sequence[Story], corrections: Iterable[Correction], *, kinds: frozenset[str] = KINDS
) -> tuple[Story, ...]:
    """Return ``stories`` with every correction of ``kinds`` re-applied, oldest first."""
    result = tuple(stories)
    for correction in sorted(corrections, key=lambda c: c.id):
        if correction.kind in kinds:
            result = _APPLY[correction.kind](result, correction)
    return result


# --- stories ---------------------------------------------------------------------------------------


def _merge_stories(stories: tuple[Story, ...], c: Correction) -> tuple[Story, ...]:
    wanted = {a for group in c.articles for a in group}
    hit = [s for s in stories if wanted & set(s.article_ids)]
    if len(hit) < 2:
        return stories
    merged = _combine(hit, c)
    first = stories.index(hit[0])
    rest = [s for s in stories if s not in hit]
    return tuple(rest[:first] + [merged] + rest[first:])


def _combine(parts: Sequence[Story], c: Correction) -> Story:
    segments = tuple(dict.fromkeys(x for s in parts for x in s.segments))
    ids = [x.article for x in segments]
    return Story(
        id=merged_story_id(ids),
        title=parts[0].title,
        segments=segments,
        why=(c.label, *(w for s in parts for w in s.why)),
        entities=tuple(e for s in parts for e in s.entities),
        quotes=tuple(q for s in parts for q in s.quotes),
        facts=tuple(f for s in parts for f in s.facts),
        timeline=tuple(sorted((t for s in parts for t in s.timeline), key=lambda t: t.date)),
        brief=parts[0].brief,
    )


def _split_story(stories: tuple[Story, ...], c: Correction) -> tuple[Story, ...]:
    moved = {a for group in c.articles for a in group}
    out: list[Story] = []
    for story in stories:
        inside = set(story.article_ids)
        if not moved & inside or not inside - moved:
            out.append(story)
            continue
        out.extend((_keep(story, inside - moved, c), _keep(story, moved & inside, c)))
    return tuple(out)


def _keep(story: Story, articles: set[str], c: Correction) -> Story:
    """The part of ``story`` about ``articles``: every piece of evidence elsewhere is dropped."""
    segments = tuple(x for x in story.segments if x.article in articles)
    entities = tuple(
        evolve(e, mentions=ms)
        for e in story.entities
        if (ms := tuple(m for m in e.mentions if m.span.article in articles))
    )
    facts = tuple(
        evolve(f, support=sp)
        for f in story.facts
        if (sp := tuple(x for x in f.support if x.article in articles))
    )
    timeline = tuple(
        evolve(t, support=sp)
        for t in story.timeline
        if (sp := tuple(x for x in t.support if x.article in articles))
    )
    brief = evolve(
        story.brief,
        sentences=tuple(b for b in story.brief.sentences if any(x.article in articles for x in b.support)),
    )
    return evolve(
        story,
        id=merged_story_id(x.article for x in segments),
        segments=segments,
        why=(c.label, *story.why),
        entities=entities,
        quotes=tuple(q for q in story.quotes if q.span.article in articles),
        facts=facts,
        timeline=timeline,
        brief=brief,
    )


# --- entities ---------------------------------------------------------------------------------------


def _merge_entities(stories: tuple[Story, ...], c: Correction) -> tuple[Story, ...]:
    return tuple(_merge_entities_in(s, c) for s in stories)


def _merge_entities_in(story: Story, c: Correction) -> Story:
    hit: list[Entity] = []
    for group in c.spans:
        wanted = set(group)
        hit.extend(e for e in story.entities if e not in hit and wanted & {m.span for m in e.mentions})
    if len(hit) < 2:
        return story
    keep = hit[0]
    mentions = tuple(sorted({m.span: m for e in hit for m in e.mentions}.values(), key=_mention_order))
    merged = evolve(keep, mentions=mentions, why=(c.label, *(w for e in hit for w in e.why)))
    gone = {e.id for e in hit[1:]}
    entities = tuple(merged if e is keep else e for e in story.entities if e.id not in gone)
    quotes = tuple(evolve(q, speaker=keep.id) if q.speaker in gone else q for q in story.quotes)
    return evolve(story, entities=entities, quotes=quotes)


def _mention_order(m: Mention) -> tuple[str, int, int]:
    return (m.span.article, m.span.start, m.span.end)


def _split_entity(stories: tuple[Story, ...], c: Correction) -> tuple[Story, ...]:
    return tuple(_split_entity_in(s, c) for s in stories)


def _split_entity_in(story: Story, c: Correction) -> Story:
    moved = {x for group in c.spans for x in group}
    entities: list[Entity] = []
    for e in story.entities:
        out = tuple(m for m in e.mentions if m.span in moved)
        stay = tuple(m for m in e.mentions if m.span not in moved)
        if not out or not stay:
            entities.append(e)
            continue
        name = Counter(m.text for m in out).most_common(1)[0][0]
        entities += [
            evolve(e, mentions=stay, why=(c.label, *e.why)),
            Entity(f"{e.id}-c{c.id}", name, e.type, out, (c.label,)),
        ]
    return evolve(story, entities=tuple(entities))


# --- quotes -----------------------------------------------------------------------------------------


def _pair(story: Story, c: Correction) -> tuple[Quote, Quote] | None:
    found = [next((q for q in story.quotes if q.span in set(group)), None) for group in c.spans[:2]]
    if len(found) < 2 or found[0] is None or found[1] is None or found[0] is found[1]:
        return None
    return found[0], found[1]


def _same_quote(stories: tuple[Story, ...], c: Correction) -> tuple[Story, ...]:
    out = []
    for story in stories:
        pair = _pair(story, c)
        if pair is None:
            out.append(story)
            continue
        a, b = pair
        family = a.family or a.id
        old = b.family
        quotes = tuple(
            evolve(q, family=family) if q is b or (old is not None and q.family == old) or q is a else q
            for q in story.quotes
        )
        out.append(evolve(story, quotes=quotes))
    return tuple(out)


def _different_quote(stories: tuple[Story, ...], c: Correction) -> tuple[Story, ...]:
    out = []
    for story in stories:
        pair = _pair(story, c)
        if pair is None or pair[0].family != pair[1].family:
            out.append(story)
            continue
        b = pair[1]
        family = f"{b.family or b.id}-c{c.id}"
        out.append(
            evolve(story, quotes=tuple(evolve(q, family=family) if q is b else q for q in story.quotes))
        )
    return tuple(out)


_APPLY = {
    "merge_stories": _merge_stories,
    "split_story": _split_story,
    "merge_entities": _merge_entities,
    "split_entity": _split_entity,
    "same_quote": _same_quote,
    "different_quote": _different_quote,
}


def touched(story: Story, c: Correction) -> dict[str, list[str]]:
    """The ids of the story's items this correction concerns (shown as corrected by a person)."""
    spans = {x for group in c.spans for x in group}
    articles = {a for group in c.articles for a in group}
    return {
        "articles": [a for a in story.article_ids if a in articles],
        "entities": [e.id for e in story.entities if spans & {m.span for m in e.mentions}],
        "quotes": [q.id for q in story.quotes if q.span in spans],
    }
