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

from bisect import bisect_left
from collections import Counter, defaultdict
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from ..analyse.quotes import SpeakerIndex, resolve_speaker
from ..group.sources import ensure_sources, source_of
from ..model import Article, Entity, Quote, QuoteDiff, QuoteFamily, Source, Span, Story, evolve
from ..pipeline import Context, Stage
from .quote_match import (
    _DEFAULTS,
    Match,
    QuoteFamiliesConfig,
    SpeakerAgreement,
    compare_quotes,
    content_stems,
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


class _EntityAt:
    """The first entity (in the story's order) with a mention overlapping a span: what :func:`_entity_of`
    finds, looked up by bisection over each article's mentions instead of a scan of every entity."""

    def __init__(self, entities: Sequence[Entity]) -> None:
        self.entities = entities
        by_article: dict[str, list[tuple[int, int, int]]] = defaultdict(list)
        for n, entity in enumerate(entities):
            for m in entity.mentions:
                by_article[m.span.article].append((m.span.start, m.span.end, n))
        self.mentions = {a: sorted(ms) for a, ms in by_article.items()}
        self.starts = {a: [m[0] for m in ms] for a, ms in self.mentions.items()}
        self.longest = {a: max(m[1] - m[0] for m in ms) for a, ms in self.mentions.items()}

    def __call__(self, span: Span) -> Entity | None:
        mentions = self.mentions.get(span.article)
        if not mentions:
            return None
        k = bisect_left(self.starts[span.article], span.end)  # mentions from k on start at or after its end
        low = span.start - self.longest[span.article]  # a mention starting before this ends before the span
        found = [n for start, end, n in mentions[bisect_left(self.starts[span.article], low) : k]
                 if span.start < end and start < span.end]
        return self.entities[min(found)] if found else None


def _speaker(quote: Quote, article: Article | None, entities: Sequence[Entity],
             entity_at: _EntityAt | None = None, index: SpeakerIndex | None = None) -> Entity | None:
    """The entity behind the speaker phrase: the person named in it first ("Russian deputy prime
    minister Denis Manturov" is Manturov, not the nationality), then pronouns resolved, then any
    entity the phrase overlaps."""
    if quote.speaker_span is None:
        return None
    entity_of = entity_at or (lambda span: _entity_of(span, entities))
    mention = resolve_speaker(quote, article.mentions, index) if article is not None else None
    found = entity_of(mention.span) if mention is not None else None
    return found or entity_of(quote.speaker_span)


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


class _Shape:
    """What any match of a quote with another needs them to share (:func:`compare_quotes`): the same words
    (exact), a run of two words (partial: runs of two or more, or one long overlapping run), or content words
    (reworded, ``reworded_found`` of them). Only quotes sharing one of its keys are compared."""

    __slots__ = ("bigrams", "keys", "norms", "stems")

    def __init__(self, text: str) -> None:
        tokens = words(text)
        self.norms = tuple(w.norm for w in tokens)
        self.bigrams = frozenset(zip(self.norms, self.norms[1:], strict=False))
        self.stems = Counter(content_stems(tokens))
        self.keys: frozenset[object] = frozenset({self.norms, *self.bigrams, *self.stems})

    def may_match(self, other: _Shape, config: QuoteFamiliesConfig) -> bool:
        if self.norms == other.norms or not self.bigrams.isdisjoint(other.bigrams):
            return True
        return sum((self.stems & other.stems).values()) >= config.reworded_found


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
    shapes = [_Shape(q.text) for q in quotes]
    heads: dict[object, list[int]] = defaultdict(list)  # a key of a family's representative -> the families
    blocking = config.partial_short > 0 and config.partial_long > 0
    for i in order:
        quote, speaker, shape = quotes[i], speakers[i], shapes[i]
        best: tuple[float, int, Match] | None = None
        candidates = sorted({n for key in shape.keys for n in heads.get(key, ())}) if blocking else range(len(families))
        for n in candidates:
            family = families[n]
            head = quotes[family.head]
            if blocking and not shape.may_match(shapes[family.head], config):
                continue
            if not _compatible(family.speaker, family.names, quote, speaker):
                continue
            match = compare_quotes(head.text, quote.text, _agreement(family.speaker, speaker), config)
            if not match.same or (head.span.article == quote.span.article and match.kind == "reworded"):
                continue  # within one article only the same words (or a fragment of them) are one utterance
            if best is None or match.score > best[0]:
                best = (match.score, n, match)
        if best is None:
            written = name_words(quote.speaker_text or "") if speaker is None else frozenset()
            for key in shape.keys:
                heads[key].append(len(families))
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
    inside = set(members)
    kinds = {m.kind for (i, j), m in joined.items() if i in inside and j in inside}
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
    entity_at = _EntityAt(story.entities)
    indexes = {a: SpeakerIndex(articles[a].mentions) for a in {q.span.article for q in quotes if q.speaker_span}
               if a in articles}
    speakers = [_speaker(q, articles.get(q.span.article), story.entities, entity_at, indexes.get(q.span.article))
                for q in quotes]
    groups, joined = group_quotes(quotes, speakers, context.settings.of(QuoteFamiliesConfig))
    sources = source_of(ensure_sources(story, articles))
    linked: dict[int, Quote] = {}
    families = []
    by_head: dict[int, dict[tuple[int, int], Match]] = defaultdict(dict)  # a family's joins, by its representative
    for (i, j), m in joined.items():
        by_head[i][(i, j)] = m
    for n, members in enumerate(groups, 1):
        fid = f"{story.id}-qf{n}"
        own = {key: m for i in members for key, m in by_head.get(i, {}).items()}
        why = [f"{quotes[i].id} ~ {quotes[j].id}: {m.kind}, {m.why}" for (i, j), m in own.items()]
        families.append(_family(fid, [quotes[i] for i in members], [speakers[i] for i in members],
                                _match_kind(members, own), why, sources))
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
