"""Quote families: the same utterance as reported by several articles, exact, partial or translated
differently, gets one family id. Speakers are linked to the story's entities by their mention spans."""

from __future__ import annotations

from collections.abc import Sequence

from rapidfuzz import fuzz

from ..model import Entity, Quote, Span, Story, evolve
from ..pipeline import Stage, StoryContext
from .text import similarity

__all__ = ["STAGE", "quote_families"]

PARTIAL = 85  # rapidfuzz partial_ratio: one quote contains most of the other
SIMILAR = 0.3  # TF-IDF cosine: the same words, translated or trimmed differently


def _overlaps(a: Span, b: Span) -> bool:
    return a.article == b.article and a.start < b.end and b.start < a.end


def _speaker(quote: Quote, entities: Sequence[Entity]) -> str | None:
    if quote.speaker_span is None:
        return None
    for entity in entities:
        if any(_overlaps(m.span, quote.speaker_span) for m in entity.mentions):
            return entity.id
    return None


def _same(a: Quote, b: Quote, score: float) -> bool:
    if a.span.article == b.span.article:
        return False
    short, long = sorted((a.text.casefold(), b.text.casefold()), key=len)
    return score >= SIMILAR or (len(short) > 20 and fuzz.partial_ratio(short, long) >= PARTIAL)


def quote_families(story: Story, context: StoryContext) -> Story:
    quotes = [q for aid in story.article_ids for q in context.articles[aid].quotes
              if any(_overlaps(q.span, s) for s in story.segments)]
    sim = similarity([q.text for q in quotes])
    family = list(range(len(quotes)))
    for i in range(len(quotes)):
        for j in range(i + 1, len(quotes)):
            if family[j] == j and _same(quotes[i], quotes[j], float(sim[i, j])):
                family[j] = family[i]
    names: dict[int, str] = {}
    linked = []
    for i, quote in enumerate(quotes):
        fid = names.setdefault(family[i], f"{story.id}-qf{len(names) + 1}")
        linked.append(evolve(quote, family=fid, speaker=_speaker(quote, story.entities)))
    return evolve(story, quotes=tuple(linked))


STAGE = Stage("quote_families", quote_families, frozenset({"entities"}), frozenset({"quotes"}),
              "The same utterance across outlets grouped into one family; speakers linked to entities.")
