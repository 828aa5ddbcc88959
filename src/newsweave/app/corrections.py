"""Corrections made by a person: merge or split stories and entities, and say whether two quotes are the
same utterance. They are domain logic (stored by the store, applied here): :func:`apply_corrections`
re-applies them after every analysis, so a regrouping never undoes a person's judgement.

A correction names what it touches by evidence that survives re-analysis, never by generated ids:
stories by their article ids, entities by their mention spans, quotes by their spans. Articles are keyed
by a hash of their content, so the same text gives the same ids and offsets on every run.

Story corrections change membership only. A merged or split story keeps or recomputes each field of
:class:`~newsweave.model.Story` as :data:`MEMBERSHIP` says, and gets every field in :data:`COMPARISON`
back at its default, to be recomputed by the story stages (the application always compares a corrected
story again). Entity and quote corrections act on compared stories. Calling :func:`apply_corrections`
with every correction after grouping and again after comparison does exactly that: a kind with nothing
to act on leaves the stories as they are, and applying a correction twice changes nothing.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import MISSING, Field, fields
from typing import Any

from ..group.identity import story_id_of
from ..model import Correction, Entity, Mention, Quote, Span, Story, evolve

__all__ = [
    "COMPARISON",
    "DETAIL_KINDS",
    "KINDS",
    "MEMBERSHIP",
    "STORY_KINDS",
    "apply_corrections",
    "bare",
    "touched",
]

STORY_KINDS: frozenset[str] = frozenset({"merge_stories", "split_story"})
DETAIL_KINDS: frozenset[str] = frozenset({"merge_entities", "split_entity", "same_quote", "different_quote"})
KINDS: frozenset[str] = STORY_KINDS | DETAIL_KINDS

#: Story fields a merge or split sets itself: the id from the members, the first part's title, the
#: members' segments, the reasons (the correction first), the copies groups known among the members (the
#: application finds copies across merged parts again from the articles' texts).
MEMBERSHIP: frozenset[str] = frozenset({"id", "title", "segments", "why", "copies"})
#: Story fields computed from the membership (the independent sources by group.sources, the rest by the
#: story stages); a corrected story has them at their defaults until the application computes them again.
COMPARISON: frozenset[str] = frozenset(f.name for f in fields(Story)) - MEMBERSHIP


def bare(story: Story) -> Story:
    """The story as grouping made it: membership only, every comparison field back at its default."""
    return evolve(story, **{f.name: _default(f) for f in fields(Story) if f.name in COMPARISON})


def _default(f: Field[Any]) -> Any:
    return f.default_factory() if f.default_factory is not MISSING else f.default


def apply_corrections(
    stories: Sequence[Story], corrections: Iterable[Correction], *, kinds: frozenset[str] = KINDS
) -> tuple[Story, ...]:
    """Return ``stories`` with every correction of ``kinds`` that is not undone re-applied, oldest first."""
    result = tuple(stories)
    for correction in sorted(corrections, key=lambda c: c.id):
        if correction.kind in kinds and not correction.undone:
            result = _APPLY[correction.kind](result, correction)
    return result


# --- stories ---------------------------------------------------------------------------------------


def _membership(parts: Sequence[Story], segments: tuple[Span, ...], c: Correction) -> Story:
    """A story of ``segments`` made from ``parts`` by correction ``c``, ready to be compared again."""
    members = {x.article for x in segments}
    return bare(
        evolve(
            parts[0],
            id=story_id_of(segments),
            segments=segments,
            why=(c.label, *dict.fromkeys(w for s in parts for w in s.why)),
            copies=tuple(k for s in parts for g in s.copies if len(k := tuple(a for a in g if a in members)) > 1),
        )
    )


def _merge_stories(stories: tuple[Story, ...], c: Correction) -> tuple[Story, ...]:
    wanted = {a for group in c.articles for a in group}
    hit = [s for s in stories if wanted & set(s.article_ids)]
    if len(hit) < 2:
        return stories
    merged = _membership(hit, tuple(dict.fromkeys(x for s in hit for x in s.segments)), c)
    first = stories.index(hit[0])
    rest = [s for s in stories if s not in hit]
    return tuple(rest[:first] + [merged] + rest[first:])


def _split_story(stories: tuple[Story, ...], c: Correction) -> tuple[Story, ...]:
    moved = {a for group in c.articles for a in group}
    out: list[Story] = []
    for story in stories:
        inside = set(story.article_ids)
        if not moved & inside or not inside - moved:
            out.append(story)
            continue
        for part in (inside - moved, moved & inside):
            out.append(_membership([story], tuple(x for x in story.segments if x.article in part), c))
    return tuple(out)


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
        name = c.name or Counter(m.text for m in out).most_common(1)[0][0]
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
