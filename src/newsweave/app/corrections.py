"""Corrections made by a person: merge or split stories and entities, say whether two quotes are the same
utterance and whether a fact's sources really report it. They are domain logic (stored by the store, applied
here): :func:`apply_corrections` re-applies them after every analysis, so a regrouping never undoes a person's
judgement.

A correction names what it touches by evidence that survives re-analysis, never by generated ids:
stories by their article ids, entities by their mention spans, quotes and facts by their spans. Articles are keyed
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
from ..model import Brief, Correction, Entity, Fact, FactStatus, Mention, Quote, Span, Story, evolve

__all__ = [
    "COMPARISON",
    "DETAIL_KINDS",
    "FACT_KINDS",
    "KINDS",
    "MEMBERSHIP",
    "STORY_KINDS",
    "apply_corrections",
    "bare",
    "touched",
]

STORY_KINDS: frozenset[str] = frozenset({"merge_stories", "split_story"})
#: A person's word on a fact: ``reject_fact`` (these sources do not report this fact: a wrong corroboration or a
#: wrong conflict) and ``accept_fact`` (they do: recorded, changes nothing).
FACT_KINDS: frozenset[str] = frozenset({"reject_fact", "accept_fact"})
DETAIL_KINDS: frozenset[str] = (
    frozenset({"merge_entities", "split_entity", "same_quote", "different_quote"}) | FACT_KINDS
)
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


# --- facts ------------------------------------------------------------------------------------------


def _reject_fact(stories: tuple[Story, ...], c: Correction) -> tuple[Story, ...]:
    """``spans[0]``: the spans of the source the fact stays with; ``spans[1]``: the spans a person said do not
    report it. Every fact holding spans of both loses the rejected ones (support and conflicts), and its
    status, sources and outlets follow what is left; the brief sentences of the fact follow it."""
    if len(c.spans) < 2:
        return stories
    kept, rejected = set(c.spans[0]), set(c.spans[1])
    return tuple(_reject_fact_in(s, kept, rejected, c) for s in stories)


def _fact_spans(fact: Fact) -> set[Span]:
    return {*fact.support, *(x for k in fact.conflicts for x in (k.span, k.against) if x is not None)}


def _reject_fact_in(story: Story, kept: set[Span], rejected: set[Span], c: Correction) -> Story:
    changed: dict[str, Fact] = {}
    for fact in story.facts:
        spans = _fact_spans(fact)
        if spans & kept and spans & rejected:
            changed[fact.id] = _without(story, fact, rejected, c)
    if not changed:
        return story
    sentences = tuple(
        evolve(b, support=tuple(x for x in b.support if x not in rejected), status=changed[b.fact].status,
               sources=changed[b.fact].sources) if b.fact in changed else b
        for b in story.brief.sentences)
    return evolve(story, facts=tuple(changed.get(f.id, f) for f in story.facts), brief=Brief(sentences))


def _without(story: Story, fact: Fact, rejected: set[Span], c: Correction) -> Fact:
    """``fact`` without the ``rejected`` spans; its status by the facts stage's own rule (a conflict left:
    conflicting; two sources or more: corroborated as it was; else unique)."""
    support = tuple(x for x in fact.support if x not in rejected)
    conflicts = tuple(k for k in fact.conflicts if k.span not in rejected and k.against not in rejected)
    source_of = {a: s for s in story.sources for a in s.articles}
    sources = {source_of[x.article].id if x.article in source_of else x.article for x in support}
    outlets = tuple(dict.fromkeys(o for x in support if x.article in source_of for o in source_of[x.article].outlets))
    status: FactStatus = "conflicting" if conflicts else (
        (fact.status if fact.status != "conflicting" else "corroborated") if len(sources) > 1 else "unique")
    said = f"{c.label}: {len({x.article for x in rejected})} report(s) do not state this fact"
    return evolve(fact, support=support, conflicts=conflicts, sources=max(1, len(sources)), status=status,
                  outlets=outlets or fact.outlets[:1], detail=f"{fact.detail}; {said}" if fact.detail else said)


def _accept_fact(stories: tuple[Story, ...], c: Correction) -> tuple[Story, ...]:
    """A person confirmed the fact as the engine has it: recorded (it leaves the review queue), nothing changes."""
    return stories


_APPLY = {
    "merge_stories": _merge_stories,
    "split_story": _split_story,
    "merge_entities": _merge_entities,
    "split_entity": _split_entity,
    "same_quote": _same_quote,
    "different_quote": _different_quote,
    "reject_fact": _reject_fact,
    "accept_fact": _accept_fact,
}


def touched(story: Story, c: Correction) -> dict[str, list[str]]:
    """The ids of the story's items this correction concerns (shown as corrected by a person)."""
    spans = {x for group in c.spans for x in group}
    articles = {a for group in c.articles for a in group}
    return {
        "articles": [a for a in story.article_ids if a in articles],
        "entities": [e.id for e in story.entities if spans & {m.span for m in e.mentions}],
        "quotes": [q.id for q in story.quotes if q.span in spans],
        "facts": [f.id for f in story.facts if c.kind in FACT_KINDS and spans & _fact_spans(f)],
    }
