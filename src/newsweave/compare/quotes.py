"""Quote families: the same utterance as several articles report it, exact, partial, reworded or
translated differently, or in indirect speech, gets one family with a word-level diff against its
representative (its longest member). A quote only one article carries is a family of one, marked ``single``.

A family never chains: every member matches the family's **representative** (not merely some other member),
and every member's speaker is compatible with the family's: the same entity, or entities whose names agree
("Trump" / "Donald Trump"), or an unresolved speaker ("he", "a spokesman") whose written name, if any, does
not name someone else. Quotes are taken longest first; each joins the family whose representative it matches
best, or founds a new one.

Pairs are decided by :func:`newsweave.compare.quote_match.compare_quotes`; speakers count: a quote's
speaker is linked to one of the story's entities through its mention spans (a pronoun through the
nearest suitable name, :func:`newsweave.analyse.quotes.resolve_speaker`), the same entity is evidence
for, two different people evidence against.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from ..analyse.quotes import resolve_speaker
from ..group.sources import ensure_sources, source_of
from ..model import Article, Entity, Quote, QuoteDiff, QuoteFamily, Source, Span, Story, evolve
from ..pipeline import Context, Stage
from .quote_match import (
    _DEFAULTS,
    Match,
    QuoteFamiliesConfig,
    SpeakerAgreement,
    compare_quotes,
    name_words,
    names_agree,
    word_diff,
    words,
)

__all__ = ["STAGE", "QuoteFamiliesConfig", "group_quotes", "quote_families", "representative"]


def _overlaps(a: Span, b: Span) -> bool:
    return a.article == b.article and a.start < b.end and b.start < a.end


def _entity_of(span: Span, entities: Sequence[Entity]) -> Entity | None:
    for entity in entities:
        if any(_overlaps(m.span, span) for m in entity.mentions):
            return entity
    return None


def _speaker(quote: Quote, article: Article | None, entities: Sequence[Entity]) -> Entity | None:
    """The entity behind the speaker phrase: the person named in it first ("Russian deputy prime
    minister Denis Manturov" is Manturov, not the nationality), then pronouns resolved, then any
    entity the phrase overlaps."""
    if quote.speaker_span is None:
        return None
    mention = resolve_speaker(quote, article.mentions) if article is not None else None
    found = _entity_of(mention.span, entities) if mention is not None else None
    return found or _entity_of(quote.speaker_span, entities)


def _agreement(a: Entity | None, b: Entity | None) -> SpeakerAgreement:
    if a is None or b is None:
        return "unknown"
    if a.id == b.id or (a.type == b.type == "PERSON" and names_agree(a.name, b.name)):
        return "same"
    return "different" if a.type == b.type == "PERSON" else "unknown"


def _compatible(family: Entity | None, family_names: frozenset[str], quote: Quote, speaker: Entity | None) -> bool:
    """Whether ``quote`` (its speaker ``speaker``, or only its speaker as written) may join a family whose
    resolved speaker is ``family`` (``None``: none resolved yet) and whose unresolved members' written names
    are ``family_names``."""
    if speaker is not None and family is not None:
        return speaker.id == family.id or names_agree(speaker.name, family.name)
    if speaker is not None:
        return not family_names or bool(family_names & name_words(speaker.name))
    written = name_words(quote.speaker_text or "")
    if family is not None:
        return not written or bool(written & name_words(family.name))
    return not written or not family_names or bool(written & family_names)


def representative(quotes: Sequence[Quote]) -> int:
    """Index of the quote that represents a family: the one with most words (then most characters, then
    the first)."""
    return min(range(len(quotes)), key=lambda i: (-len(words(quotes[i].text)), -len(quotes[i].text), i))


@dataclass(slots=True)
class _Family:
    head: int
    members: list[int]
    speaker: Entity | None
    names: frozenset[str]


def group_quotes(
    quotes: Sequence[Quote], speakers: Sequence[Entity | None], config: QuoteFamiliesConfig = _DEFAULTS
) -> tuple[list[list[int]], dict[tuple[int, int], Match]]:
    """Families as lists of indices into ``quotes`` (in first-seen order) and the matches that joined them,
    keyed (representative, member). Every member matches its representative and no member's speaker
    contradicts the family's (see the module docstring)."""
    order = sorted(range(len(quotes)), key=lambda i: (-len(words(quotes[i].text)), -len(quotes[i].text), i))
    families: list[_Family] = []
    joined: dict[tuple[int, int], Match] = {}
    for i in order:
        quote, speaker = quotes[i], speakers[i]
        best: tuple[float, int, Match] | None = None
        for n, family in enumerate(families):
            head = quotes[family.head]
            if not _compatible(family.speaker, family.names, quote, speaker):
                continue
            match = compare_quotes(head.text, quote.text, _agreement(family.speaker, speaker), config)
            if not match.same or (head.span.article == quote.span.article and match.kind == "reworded"):
                continue  # within one article only the same words (or a fragment of them) are one utterance
            if best is None or match.score > best[0]:
                best = (match.score, n, match)
        if best is None:
            written = name_words(quote.speaker_text or "") if speaker is None else frozenset()
            families.append(_Family(i, [i], speaker, written))
            continue
        family = families[best[1]]
        family.members.append(i)
        joined[(family.head, i)] = best[2]
        if family.speaker is None and speaker is not None:
            family.speaker = speaker
        elif speaker is None:
            family.names |= name_words(quote.speaker_text or "")
    groups = sorted((sorted(f.members) for f in families), key=lambda members: members[0])
    return groups, joined


def _story_quotes(story: Story, articles: Mapping[str, Article]) -> list[Quote]:
    return [q for aid in story.article_ids for q in articles[aid].quotes
            if any(_overlaps(q.span, s) for s in story.segments)]


def _match_kind(members: list[int], joined: Mapping[tuple[int, int], Match]) -> str:
    kinds = {m.kind for (i, j), m in joined.items() if i in members and j in members}
    for kind in ("reworded", "partial", "exact"):
        if kind in kinds:
            return kind
    return "single"


def _family(fid: str, members: list[Quote], speakers: list[Entity | None], kind: str,
            why: list[str], sources: Mapping[str, Source]) -> QuoteFamily:
    head = members[representative(members)]
    diffs = tuple(QuoteDiff(head.id, q.id, word_diff(head.text, q.text)) for q in members if q is not head)
    articles = {q.span.article for q in members}
    named = next((s for s in speakers if s is not None), None)
    return QuoteFamily(
        id=fid, quotes=tuple(q.id for q in members), text=head.text, match=kind,
        single=len(articles) == 1, speaker=named.id if named else None,
        outlets=_outlets(articles, sources), diffs=diffs, why=tuple(why),
        sources=len({sources[a].id for a in articles}),
    )


def _outlets(articles: set[str], sources: Mapping[str, Source]) -> int:
    """Distinct outlets among the articles (from the story's sources); an article without one counts
    as its own."""
    return len({o for a in articles for o in sources[a].outlets} | {a for a in articles if not sources[a].outlets})


def quote_families(story: Story, context: Context) -> Story:
    articles = context.articles
    quotes = _story_quotes(story, articles)
    speakers = [_speaker(q, articles.get(q.span.article), story.entities) for q in quotes]
    groups, joined = group_quotes(quotes, speakers, context.settings.of(QuoteFamiliesConfig))
    sources = source_of(ensure_sources(story, articles))
    linked: dict[int, Quote] = {}
    families = []
    for n, members in enumerate(groups, 1):
        fid = f"{story.id}-qf{n}"
        why = [f"{quotes[i].id} ~ {quotes[j].id}: {m.kind}, {m.why}" for (i, j), m in joined.items()
               if i in members]
        families.append(_family(fid, [quotes[i] for i in members], [speakers[i] for i in members],
                                _match_kind(members, joined), why, sources))
        for i in members:
            speaker = speakers[i]
            linked[i] = evolve(quotes[i], family=fid, speaker=speaker.id if speaker else None)
    return evolve(story, quotes=tuple(linked[i] for i in range(len(quotes))), quote_families=tuple(families))


STAGE: Stage[Story] = Stage(
    name="quote_families", kind="story", func=quote_families, requires=frozenset({"entities", "articles.quotes"}),
    provides=frozenset({"quotes", "quote_families"}), config=QuoteFamiliesConfig,
    help="The same utterance across outlets grouped into one family with a word diff; speakers linked to "
    "entities.",
)
