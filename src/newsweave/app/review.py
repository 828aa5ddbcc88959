"""The review queue: what the engine is least sure of, ranked, each with an accept and a reject that become a
person's correction (:mod:`.corrections`). The fastest way for an analyst to make a story right.

Four kinds of item, each read from what the stages recorded (nothing here changes an NLP stage):

- ``fact``: a fact of two sources or more, or with a conflict. Less sure when no two of its sources state
  the same claim (it was aligned as a near rewording, :func:`~newsweave.compare.align.same_claim`), when it
  rests on two sources only, when one source adds detail or hedges, and always for a conflict (called from
  figures, dates and polarity, never from meaning). Reject: the other sources' reports do not state it
  (``reject_fact``); accept: ``accept_fact``.
- ``entity merge``: an entity whose ``why`` joins two spellings by a weak rule (short form, spelling
  variant, acronym). Reject splits the weak spelling off (``split_entity``); accept records a merge of the
  two spellings (``merge_entities``), which holds them together from then on.
- ``story membership``: a report whose most similar fellow report is only a little above the grouping
  threshold (the similarity grouping recorded in the story's ``why``). Reject splits it off
  (``split_story``); accept records a merge (``merge_stories``) that keeps it in the story. Measured
  (bench/bench_review.py), this is a weak sign: such reports were no more often misplaced than the others,
  so these items rank below the other kinds.
- ``quote family``: two quotes joined as a rewording (or translation) or a partial match, with the share
  of words the quote stage recorded. Reject and accept are ``different_quote`` / ``same_quote``.

Where a stage records no score, the item says so and its certainty is derived conservatively. Every score
is in [0, 1], lower is less sure; items are ranked by ``(1 - certainty) * weight``, the weight saying how much
the item matters (facts in the brief and of many sources, entities of many mentions). An item that a live
correction already judged leaves the queue; undoing that correction brings it back.
"""

from __future__ import annotations

import hashlib
import re
from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, Literal

from ..config import Settings
from ..errors import NotFoundError, RequestError
from ..group.config import GroupConfig
from ..model import Article, Claim, Correction, Entity, Fact, QuoteFamily, Span, Story
from ..store.search import StoryQuery
from .corrections import FACT_KINDS

if TYPE_CHECKING:
    from .workspace import Changed, Workspace

__all__ = ["SURE", "Evidence", "Queue", "ReviewItem", "ReviewKind", "decide", "items_of", "quote_pairs", "review_queue"]

ReviewKind = Literal["fact", "entity merge", "story membership", "quote family"]
_SLUG: dict[str, str] = {"fact": "fact", "entity merge": "entity", "story membership": "member",
                         "quote family": "quote"}
#: Items at or above this certainty are not worth a person's time.
SURE = 0.9
#: Stories read for the whole-store queue (newest first), so the queue of a big store stays quick.
SCAN = 200
#: How sure the weak entity rules are (the resolver records the rule, not a score).
_WEAK_RULES = {"short form": 0.5, "spelling variant": 0.6, "acronym": 0.7}
#: A member at 1.5 times the grouping threshold or more is not worth a look.
_MEMBER_SURE = 0.75
#: Membership items rank below the other kinds at equal certainty: a low nearest similarity did not point at
#: misplaced reports on the development data (bench/bench_review.py: lift 1.13 on ECB+ dev, 0.75 on NeuS val).
_MEMBER_WEIGHT = 0.6
_KIND_WORDS = {"PERSON": "person", "ORG": "organisation", "GPE": "place", "LOC": "place", "FAC": "place"}
_SIMILARITY = re.compile(r"^(?P<article>.+): similarity (?P<score>\d+(?:\.\d+)?) to '(?P<title>.*)'$")
_PAIR = re.compile(r"^(?P<a>\S+) ~ (?P<b>\S+): (?P<kind>exact|partial|reworded), (?P<why>.*)$")
_SHARE = re.compile(r"(\d+)%")
#: Where a sentence ends when the analysis gave none: a full stop (not after an initial, "M. Okafor"), a
#: question or exclamation mark, with a closing quote, before a space; or a line break.
_BREAK = re.compile(r"(?<!\b[A-Z])[.!?][\"”’)]?(?=\s)\s*|\n+")


@dataclass(frozen=True, slots=True)
class Evidence:
    """A span an item rests on, with its report's outlet and date, its words and the sentence around them."""

    span: Span
    text: str
    outlet: str
    published: str | None
    role: str
    context: str = ""

    def to_dict(self) -> dict[str, Any]:
        return {"span": self.span.to_dict(), "text": self.text, "outlet": self.outlet, "published": self.published,
                "role": self.role, "context": self.context}


@dataclass(frozen=True, slots=True)
class ReviewItem:
    """One judgement of the engine worth a person's look: what it claims, on what evidence, why the engine
    decided so, how sure it is (``certainty``, 0-1) and why that is low (``reasons``)."""

    id: str
    kind: ReviewKind
    story: str
    story_title: str
    claim: str
    evidence: tuple[Evidence, ...]
    decided: str
    certainty: float
    reasons: tuple[str, ...]
    weight: float = 1.0
    accept: str = ""
    reject: str = ""
    #: What the decision acts on: a fact id; an entity id, its weak and its strong spelling; an article id; two
    #: quote ids.
    target: tuple[str, ...] = field(default_factory=tuple)

    @property
    def priority(self) -> float:
        return round((1.0 - self.certainty) * self.weight, 4)

    def to_dict(self) -> dict[str, Any]:
        return {"id": self.id, "kind": self.kind, "story": self.story, "story_title": self.story_title,
                "claim": self.claim, "evidence": [e.to_dict() for e in self.evidence], "decided": self.decided,
                "certainty": round(self.certainty, 3), "priority": self.priority, "reasons": list(self.reasons),
                "accept": self.accept, "reject": self.reject, "target": list(self.target)}


@dataclass(frozen=True, slots=True)
class Queue:
    """The ranked items (at most the limit asked), how many there are in all, and the stories read."""

    items: tuple[ReviewItem, ...]
    total: int
    stories: int

    def to_dict(self) -> dict[str, Any]:
        return {"items": [i.to_dict() for i in self.items], "count": len(self.items), "total": self.total,
                "stories": self.stories}


# --- building items ---------------------------------------------------------------------------------


class _Story:
    """One story with its articles: evidence lookups shared by the item builders."""

    def __init__(self, story: Story, articles: Mapping[str, Article]) -> None:
        self.story = story
        self.articles = articles
        self.source = {a: s.id for s in story.sources for a in s.articles}

    def source_of(self, article: str) -> str:
        return self.source.get(article, article)

    def evidence(self, span: Span, role: str) -> Evidence:
        article = self.articles.get(span.article)
        if article is None:
            return Evidence(span, "", span.article, None, role)
        outlet = article.outlet.value if article.outlet else article.input
        published = article.published.value if article.published else None
        return Evidence(span, article.span_text(span), outlet, published, role, _sentence(article, span))

    def item(self, kind: ReviewKind, key: Iterable[object], **fields: Any) -> ReviewItem:
        digest = hashlib.blake2b(repr((kind, *key)).encode(), digest_size=5).hexdigest()
        return ReviewItem(id=f"{self.story.id}:{_SLUG[kind]}:{digest}", kind=kind, story=self.story.id,
                          story_title=self.story.title, **fields)


def _sentence(article: Article, span: Span) -> str:
    """The sentence holding the span (when the sentences are not known: from the end of the sentence before
    to the end of the span's sentence, by its punctuation)."""
    for start, end in article.sentences:
        if start <= span.start < end:
            return article.text[start:max(end, span.end)].strip()
    text = article.text
    start = max((m.end() for m in _BREAK.finditer(text, 0, span.start + 1)), default=0)
    end = next((m.start() + 1 for m in _BREAK.finditer(text, max(span.end - 1, 0))), len(text))
    return text[start:end].strip()


def _judged(corrections: Sequence[Correction], kinds: frozenset[str], spans: Iterable[Span] = (),
            articles: Iterable[str] = (), every: bool = False) -> bool:
    """Whether a live correction of ``kinds`` names any (``every``: all) of these spans or articles."""
    wanted_spans, wanted_articles = set(spans), set(articles)
    for c in corrections:
        if c.undone or c.kind not in kinds:
            continue
        named = {x for g in c.spans for x in g}
        if every and wanted_spans and wanted_spans <= named:
            return True
        if not every and (wanted_spans & named or wanted_articles & {a for g in c.articles for a in g}):
            return True
    return False


def _fact_items(s: _Story, corrections: Sequence[Correction]) -> list[ReviewItem]:
    story, out = s.story, list[ReviewItem]()
    in_brief = {b.fact for b in story.brief.sentences if b.fact}
    for fact in story.facts:
        spans = [*fact.support, *(x for k in fact.conflicts for x in (k.span, k.against) if x is not None)]
        if (fact.sources < 2 and not fact.conflicts) or _judged(corrections, FACT_KINDS, spans):
            continue
        certainty, reasons = _fact_certainty(fact, s)
        if certainty >= SURE:
            continue
        evidence = tuple(s.evidence(x, "supports") for x in fact.support) + tuple(
            s.evidence(k.span, "conflicts") for k in fact.conflicts if k.span not in fact.support)
        decided = "; ".join(k.why for k in fact.conflicts) if fact.conflicts else (
            f"aligned across {fact.sources} independent sources" + (f" ({fact.detail})" if fact.detail else ""))
        out.append(s.item(
            "fact", (fact.text, *sorted((x.article, x.start) for x in spans)),
            claim=f"{fact.status}: {fact.text}", evidence=evidence, decided=decided, certainty=certainty,
            reasons=reasons, weight=1.0 + 0.1 * min(fact.sources, 5) + (0.3 if fact.id in in_brief else 0.0),
            accept="confirm the fact as it stands", target=(fact.id,),
            reject="these reports do not state one fact: keep it with its first source only"))
    return out


def _fact_certainty(fact: Fact, s: _Story) -> tuple[float, tuple[str, ...]]:
    if fact.conflicts:
        return 0.5, ("a conflict is called from the claims' figures, dates or polarity, never from their "
                     "meaning: check that both reports speak of the same thing",)
    certainty, reasons = 1.0, []
    shared = _shared_claim(fact, s)
    if shared is None:
        certainty *= 0.5
        reasons.append("its sentences carry no parsed claim, so they were aligned by their words alone "
                       "(derived: the engine records no alignment score)")
    elif not shared:
        certainty *= 0.55
        reasons.append("aligned as a near rewording: no two of its sources state the same claim, who did what "
                       "to whom (derived from its claims: the engine records no alignment score)")
    if fact.sources == 2:
        certainty *= 0.8
        reasons.append("only two independent sources")
    if fact.status == "partly corroborated":
        certainty *= 0.9
        reasons.append(f"partly corroborated: {fact.detail}")
    if fact.modality in ("hedged", "conditional"):
        certainty *= 0.9
        reasons.append(f"{fact.modality} in at least one report")
    return certainty, tuple(reasons)


def _shared_claim(fact: Fact, s: _Story) -> bool | None:
    """Whether two of the fact's sources state one claim (None: fewer than two sources carry a claim)."""
    from ..compare.align import same_claim

    wanted = set(fact.claims)
    by_source: dict[str, list[Claim]] = {}
    for x in fact.support:
        article = s.articles.get(x.article)
        for c in article.claims if article else ():
            if c.id in wanted or (not wanted and x.start <= c.span.start < x.end):
                by_source.setdefault(s.source_of(x.article), []).append(c)
    if len(by_source) < 2:
        return None
    groups = list(by_source.values())
    return any(same_claim(a, b) for i, ga in enumerate(groups) for gb in groups[i + 1 :] for a in ga for b in gb)


def _entity_items(s: _Story, corrections: Sequence[Correction]) -> list[ReviewItem]:
    out: list[ReviewItem] = []
    for entity in s.story.entities:
        spelled = Counter(m.text for m in entity.mentions)
        for why in entity.why:
            item = _entity_item(s, entity, spelled, why, corrections)
            if item is not None and all(i.id != item.id for i in out):
                out.append(item)
    return out


def _entity_item(s: _Story, entity: Entity, spelled: Counter[str], why: str,
                 corrections: Sequence[Correction]) -> ReviewItem | None:
    rule = why.partition(":")[0]
    if rule not in _WEAK_RULES:
        return None
    named = sorted((t for t in spelled if f"'{t}'" in why), key=lambda t: why.index(f"'{t}'"))
    if len(named) < 2:
        return None
    weak, strong = named[0], named[1]
    if rule == "spelling variant" and (spelled[weak], weak == entity.name) > (spelled[strong], strong == entity.name):
        weak, strong = strong, weak  # split off the rarer spelling, never the entity's own name
    moved = [m.span for m in entity.mentions if m.text == weak]
    if _judged(corrections, frozenset({"merge_entities", "split_entity"}), moved):
        return None
    certainty, reasons = _WEAK_RULES[rule], [f"joined by the {rule} rule, the weakest kind of evidence for a merge"]
    backed = {m.span.article for m in entity.mentions if m.text == strong}
    if all(x.article in backed for x in moved) and rule != "spelling variant":
        return None  # each report writing the short form writes the full name too: it named it first
    if not backed & {x.article for x in moved}:
        certainty *= 0.8
        reasons.append(f"no report writes both '{weak}' and '{strong}': the two are joined across reports")
    first = {t: next(m.span for m in entity.mentions if m.text == t) for t in (weak, strong)}
    return s.item(
        "entity merge", (entity.name, weak, strong, *sorted((x.article, x.start) for x in moved)),
        claim=f"'{weak}' and '{strong}' name one {_KIND_WORDS.get(entity.type, 'entity')}"
              + (f", {entity.name}" if entity.name not in (weak, strong) else "")
              + f" ({spelled[weak]} mention{'s' if spelled[weak] != 1 else ''} of '{weak}')",
        evidence=(s.evidence(first[weak], weak), s.evidence(first[strong], strong)), decided=why,
        certainty=certainty, reasons=tuple(reasons), weight=1.0 + 0.05 * min(len(entity.mentions), 10),
        accept=f"'{weak}' and '{strong}' are one entity", reject=f"split '{weak}' off into an entity of its own",
        target=(entity.id, weak, strong))


def _member_items(s: _Story, corrections: Sequence[Correction], threshold: float) -> list[ReviewItem]:
    story, out = s.story, list[ReviewItem]()
    members = story.article_ids
    if len(members) < 2 or threshold <= 0:
        return out
    shared = {a for e in story.entities if len({m.span.article for m in e.mentions}) > 1
              for a in {m.span.article for m in e.mentions}}
    for why in story.why:
        found = _SIMILARITY.match(why)
        if found is None or found["article"] not in members:
            continue
        aid, score = found["article"], float(found["score"])
        if score >= 2 * threshold or _judged(corrections, frozenset({"merge_stories", "split_story"}),
                                             articles=[aid]):
            continue
        certainty = score / (2 * threshold)
        reasons = [f"its most similar fellow report is only {score:.2f} alike; reports join a story at an average "
                   f"similarity of {threshold:.2f}", "a weak sign on its own: on the development data, reports this "
                   "close to the threshold were no more often in the wrong story than the others (bench_review.py)"]
        if story.entities and aid not in shared:
            certainty *= 0.8
            reasons.append("it names no person, place or body another report of the story names")
        if certainty >= _MEMBER_SURE or (len(members) == 2 and out):
            continue  # of two reports, splitting either off is one decision
        segment = next(x for x in story.segments if x.article == aid)
        lead = _lead(s.articles.get(aid), segment)
        out.append(s.item(
            "story membership", (aid,),
            claim=f"this report belongs to the story '{story.title}'", evidence=(s.evidence(lead, "report"),),
            decided=f"similarity {score:.2f} to '{found['title']}'", certainty=certainty, reasons=tuple(reasons),
            weight=_MEMBER_WEIGHT, accept="the report belongs to the story",
            reject="move the report to a story of its own", target=(aid,)))
    return out


def _lead(article: Article | None, segment: Span) -> Span:
    """The segment's first sentence (its first 200 characters when the sentences are not known)."""
    if article is not None:
        for start, end in article.sentences:
            if segment.start <= start < segment.end:
                return Span(segment.article, start, min(end, segment.end))
    return Span(segment.article, segment.start, min(segment.end, segment.start + 200))


def _quote_items(s: _Story, corrections: Sequence[Correction]) -> list[ReviewItem]:
    quotes = {q.id: q for q in s.story.quotes}
    out: list[ReviewItem] = []
    for family in s.story.quote_families:
        for a, b, kind, why, certainty in quote_pairs(family):
            qa, qb = quotes.get(a), quotes.get(b)
            if qa is None or qb is None or qa.span.article == qb.span.article or certainty >= SURE:
                continue
            if _judged(corrections, frozenset({"same_quote", "different_quote"}), [qa.span, qb.span], every=True):
                continue
            reason = (f"matched as a rewording or translation: {why}" if kind == "reworded"
                      else f"matched as part of a longer quote: {why}")
            if not family.why:
                reason += " (the engine recorded no score for this family: derived conservatively)"
            out.append(s.item(
                "quote family", (qa.span.article, qa.span.start, qb.span.article, qb.span.start),
                claim=f"two reports quote one utterance{f' of {qa.speaker_text}' if qa.speaker_text else ''}",
                evidence=(s.evidence(qa.span, "quote"), s.evidence(qb.span, "quote")), decided=f"{kind}, {why}",
                certainty=certainty, reasons=(reason,), weight=1.0 + 0.1 * min(family.sources, 5),
                accept="the two quotes are the same utterance", reject="the two quotes are different utterances",
                target=(a, b)))
    return out


def quote_pairs(family: QuoteFamily) -> list[tuple[str, str, str, str, float]]:
    """The family's joined pairs: (quote, quote, match, why, certainty), from its recorded reasons, or from its
    diffs (against its fullest rendering) when none is recorded."""
    if family.match not in ("reworded", "partial"):
        return []
    out: list[tuple[str, str, str, str, float]] = []
    for line in family.why:
        found = _PAIR.match(line)
        if found is None or found["kind"] == "exact":
            continue
        share = _SHARE.search(found["why"])
        score = int(share.group(1)) / 100 if share else 0.75
        certainty = score * 0.8 if found["kind"] == "reworded" else (score * 0.95 if share else 0.6)
        out.append((found["a"], found["b"], found["kind"], found["why"], certainty))
    if not family.why:
        out = [(d.a, d.b, family.match, "no share of words recorded", 0.5) for d in family.diffs]
    return out


def items_of(story: Story, articles: Mapping[str, Article], corrections: Sequence[Correction] = (),
             settings: Settings = Settings()) -> list[ReviewItem]:  # noqa: B008 - frozen
    """Every review item of one story (its articles by id), those a live correction judged left out."""
    s = _Story(story, articles)
    threshold = settings.of(GroupConfig).threshold
    return [*_fact_items(s, corrections), *_entity_items(s, corrections),
            *_member_items(s, corrections, threshold), *_quote_items(s, corrections)]


def _ranked(items: Iterable[ReviewItem]) -> list[ReviewItem]:
    return sorted(items, key=lambda i: (-i.priority, i.certainty, i.story, i.id))


# --- the application's side ---------------------------------------------------------------------------


def review_queue(source: Workspace | Sequence[Story], limit: int | None = 20, *, story: str | None = None,
                 articles: Mapping[str, Article] | None = None, corrections: Sequence[Correction] = (),
                 settings: Settings | None = None) -> Queue:
    """The review items, least sure and most important first (at most ``limit``; None: all).

    ``source`` is a :class:`~newsweave.app.Workspace` (its stored stories, articles, corrections and settings;
    ``story`` names one story, else the newest :data:`SCAN` stories are read) or stories with their
    ``articles`` by id. RequestError for a limit below 1."""
    if limit is not None and limit < 1:
        raise RequestError("limit", "it must be 1 or more", hint="ask for at least one item")
    if isinstance(source, Sequence):
        stories = [s for s in source if story is None or s.id == story]
        found = [i for s in stories for i in items_of(s, articles or {}, corrections, settings or Settings())]
    else:
        ws = source
        ids = [story] if story else [r.id for r in ws.story_rows(StoryQuery(limit=SCAN))]
        stories = [ws.story(i) for i in ids]
        judged = ws.corrections()
        found = []
        for s in stories:
            by_id = {a.id: a for a in ws.store.articles(list(s.article_ids))}
            found += items_of(s, by_id, judged, ws.settings)
    ranked = _ranked(found)
    return Queue(tuple(ranked[:limit] if limit is not None else ranked), len(ranked), len(stories))


def decide(workspace: Workspace, item_id: str, accept: bool, note: str = "") -> Changed:
    """Accept or reject one review item: a person's correction, recorded and applied (undo it with
    :meth:`Workspace.undo`). NotFoundError when the item is not in the queue (judged already, or gone after
    a regrouping)."""
    story_id, _, rest = item_id.partition(":")
    if not rest:
        raise RequestError("item", f"{item_id!r} is not a review item id", hint="copy an id from the review queue")
    queue = review_queue(workspace, None, story=story_id)
    item = next((i for i in queue.items if i.id == item_id), None)
    if item is None:
        raise NotFoundError("review item", item_id, "in the queue (it was judged already, or the story changed)",
                            hint="list the review queue again")
    return _DECIDE[item.kind](workspace, item, accept, note)


def _decide_fact(ws: Workspace, item: ReviewItem, accept: bool, note: str) -> Changed:
    return ws.judge_fact(item.story, item.target[0], accept, note)


def _decide_entity(ws: Workspace, item: ReviewItem, accept: bool, note: str) -> Changed:
    entity_id, weak, strong = item.target
    if not accept:
        return ws.split_entity(item.story, entity_id, [weak], note)
    entity = next(e for e in ws.story(item.story).entities if e.id == entity_id)
    kept = [m.span for m in entity.mentions if m.text == strong]
    moved = [m.span for m in entity.mentions if m.text == weak]
    return ws.confirm(item.story, "merge_entities", spans=[kept, moved], note=note)


def _decide_member(ws: Workspace, item: ReviewItem, accept: bool, note: str) -> Changed:
    (aid,) = item.target
    if not accept:
        return ws.split_story(item.story, [aid], note)
    others = [a for a in ws.story(item.story).article_ids if a != aid]
    return ws.confirm(item.story, "merge_stories", articles=[[aid], others], note=note)


def _decide_quote(ws: Workspace, item: ReviewItem, accept: bool, note: str) -> Changed:
    return ws.judge_quotes(item.story, list(item.target), accept, note)


_DECIDE = {"fact": _decide_fact, "entity merge": _decide_entity, "story membership": _decide_member,
           "quote family": _decide_quote}
