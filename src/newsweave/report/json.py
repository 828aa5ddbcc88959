"""The ``newsweave/1`` report document (../shared/REPORT.md): a public interface, so fields are only
ever added. Every span is {"article", "start", "end"} into that article's ``text``."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

from ..analyse.coref import mention_role
from ..group.sources import ensure_sources
from ..model import Article, Claim, Conflict, Entity, Mention, Quote, QuoteFamily, Report, Source, Span, Story
from . import view

__all__ = ["FORMAT", "report_to_dict", "sources_phrase"]

FORMAT = "newsweave/1"


def _span(span: Span) -> dict[str, Any]:
    return span.to_dict()


def _article(a: Article, entity_of: Mapping[tuple[str, int, int], str]) -> dict[str, Any]:
    return {
        "id": a.id,
        "input": a.input,
        "outlet": a.outlet.value if a.outlet else None,
        "outlet_source": a.outlet.source if a.outlet else None,
        "published": a.published.value if a.published else None,
        "published_source": a.published.source if a.published else None,
        "title": a.title,
        "standfirst": a.standfirst,
        "dateline_place": a.dateline_place,
        "author": a.author.value if a.author else None,
        "url": a.url,
        "text": a.text,
        "language": a.language,
        "removed": [{"start": r.start, "end": r.end, "text": r.text, "reason": r.reason} for r in a.removed],
        "paragraphs": [{"start": s, "end": e} for s, e in a.paragraphs],
        "times": [
            {**_span(t.span), "text": t.text, "type": t.type, "value": t.value, "why": t.why} for t in a.times
        ],
        "sentences": [{"start": s, "end": e} for s, e in a.sentences],
        "mentions": [_article_mention(m, entity_of) for m in a.mentions],
        "claims": [_claim(c) for c in a.claims],
        "notes": [n.error for n in a.notes],
    }


def _article_mention(m: Mention, entity_of: Mapping[tuple[str, int, int], str]) -> dict[str, Any]:
    """One mention of an article: span, text, type, how it refers (``role``: name, title, description,
    pronoun), the title or description a name was given (``described_as``) and the id of the story entity
    holding it (None when no story's entity does)."""
    return {
        **_mention(m),
        "type": m.type,
        "role": mention_role(m),
        "described_as": m.role,
        "entity": entity_of.get((m.span.article, m.span.start, m.span.end)),
    }


def _entity_ids(stories: Sequence[Story]) -> dict[tuple[str, int, int], str]:
    """(article, start, end) of every mention a story's entity holds -> that entity's id."""
    return {(m.span.article, m.span.start, m.span.end): e.id for s in stories for e in s.entities for m in e.mentions}


def _conflict(c: Conflict) -> dict[str, Any]:
    return {"span": _span(c.span), "why": c.why, "against": _span(c.against) if c.against else None}


def _claim(c: Claim) -> dict[str, Any]:
    return {
        "id": c.id, **_span(c.span), "text": c.text, "subject": c.subject, "predicate": c.predicate,
        "object": c.object, "places": list(c.places), "times": list(c.times), "items": list(c.items),
        "quantities": [list(q) for q in c.quantities], "source": c.source, "asserted_by": c.asserted_by,
        "negated": c.negated, "modality": c.modality,
    }


def _entity(e: Entity, outlets: Mapping[str, str]) -> dict[str, Any]:
    spellings: dict[str, list[str]] = {}
    for m in e.mentions:
        names = spellings.setdefault(outlets.get(m.span.article, m.span.article), [])
        if m.text not in names:
            names.append(m.text)
    roles = sorted({m.role for m in e.mentions if m.role})
    return {
        "id": e.id,
        "name": e.name,
        "type": e.type,
        "roles": roles,
        "spellings": spellings,
        "mentions": [_mention(m) for m in e.mentions],
        "why": list(e.why),
    }


def _mention(m: Mention) -> dict[str, Any]:
    """A mention; ``link`` ("description", "pronoun", "relative", "metonym") and ``antecedent`` (the span
    of the name it refers to) only when coreference linked it."""
    found: dict[str, Any] = {**_span(m.span), "text": m.text}
    if m.link is not None:
        found["link"] = m.link
        found["antecedent"] = _span(m.antecedent) if m.antecedent else None
    if m.metonym_of is not None:
        found["metonym_of"] = m.metonym_of
    return found


def _sources(sources: tuple[Source, ...], reports: int) -> dict[str, Any]:
    """Independent sources (``Story.sources``): how many, out of how many reports, and each one."""
    return {
        "independent": len(sources),
        "reports": reports,
        "list": [{"id": x.id, "outlets": list(x.outlets), "articles": list(x.articles)} for x in sources],
    }


def _quote(q: Quote) -> dict[str, Any]:
    return {
        "id": q.id,
        "speaker": q.speaker,
        "speaker_text": q.speaker_text,
        "text": q.text,
        "kind": q.kind,
        "span": _span(q.span),
        "family": q.family,
    }


def _quote_family(f: QuoteFamily) -> dict[str, Any]:
    return {
        "id": f.id,
        "quotes": list(f.quotes),
        "text": f.text,
        "match": f.match,
        "single": f.single,
        "speaker": f.speaker,
        "outlets": f.outlets,
        "sources": f.sources,
        "diffs": [{"a": d.a, "b": d.b,
                   "ops": [{"op": op, "a": [a0, a1], "b": [b0, b1]} for op, a0, a1, b0, b1 in d.ops]}
                  for d in f.diffs],
        "why": list(f.why),
    }


def _story(s: Story, outlets: Mapping[str, str]) -> dict[str, Any]:
    return {
        "sources": _sources(s.sources, len(s.article_ids)),
        "id": s.id,
        "title": s.title,
        "why": list(s.why),
        "articles": list(s.article_ids),
        "outlets": sorted({outlets.get(a, a) for a in s.article_ids}),
        "segments": [_span(x) for x in s.segments],
        "entities": [_entity(e, outlets) for e in s.entities],
        "quotes": [_quote(q) for q in s.quotes],
        "facts": [
            {"id": f.id, "text": f.text, "status": f.status, "sources": f.sources,
             "outlets": list(f.outlets), "claims": list(f.claims),
             "support": [_span(x) for x in f.support],
             "conflicts": [_conflict(c) for c in f.conflicts], "modality": f.modality, "detail": f.detail,
             "updates": [_conflict(c) for c in f.updates]}
            for f in s.facts
        ],
        "quote_families": [_quote_family(f) for f in s.quote_families],
        "timeline": [
            {"date": t.date, "text": t.text, "support": [_span(x) for x in t.support],
             "times": [{"span": _span(sp), "value": v} for sp, v in t.times],
             "sources": t.sources, "reports": t.reports, "why": t.why,
             "dated_by": [{"span": _span(d.span), "text": d.text, "value": d.value, "published": d.published,
                           "rule": d.rule} for d in t.dated_by]}
            for t in s.timeline
        ],
        "brief": [
            {"sentence": b.sentence, "support": [_span(x) for x in b.support], "status": b.status,
             "sources": b.sources, "fact": b.fact}
            for b in s.brief.sentences
        ],
    }


def _with_sources(story: Story, articles: Mapping[str, Article]) -> Story:
    """The story as grouping left it; one built by hand gets its sources from the group rule when the
    report holds its articles (otherwise it shows none)."""
    if story.sources or any(a not in articles for a in story.article_ids):
        return story
    return ensure_sources(story, articles)


def _shown(story: dict[str, Any], outlets: Mapping[str, str]) -> dict[str, Any]:
    """The story with what a reader is shown of it (:mod:`.view`): families with diffs, chart, counts."""
    return {
        **story,
        "independent_sources": story["sources"]["independent"],
        "status_counts": view.status_counts(story),
        "families": view.families(story, dict(outlets)),
        "chart": view.timeline_chart(story["timeline"]),
    }


def report_to_dict(report: Report) -> dict[str, Any]:
    """The report as a ``newsweave/1`` JSON document (plain dicts and lists, ready for json.dumps)."""
    outlets = {a.id: (a.outlet.value if a.outlet else a.input) for a in report.articles}
    articles = {a.id: a for a in report.articles}
    entity_of = _entity_ids(report.stories)
    return {
        "format": FORMAT,
        "articles": [_article(a, entity_of) for a in report.articles],
        "stories": [_shown(_story(_with_sources(s, articles), outlets), outlets) for s in report.stories],
        "problems": [{"input": p.input, "error": p.error, "stage": p.stage} for p in report.problems],
        "settings": {"changed": dict(report.settings)},
    }


def sources_phrase(story: dict[str, Any]) -> str:
    """What a reader is told of a story's independence, from its JSON: "2 independent sources in 3
    reports" (reports of one outlet, and copies of one report, count once)."""
    sources = story.get("sources") or {"independent": 0, "reports": len(story.get("articles", ()))}
    n, reports = int(sources["independent"]), int(sources["reports"])
    said = "one independent source" if n == 1 else f"{n} independent sources"
    return f"{said} in {reports} report{'s' if reports != 1 else ''}"
