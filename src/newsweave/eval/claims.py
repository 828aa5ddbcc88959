"""Claims: coverage of the hand-annotated fact evidence, span exactness and speed, on NeuS val.

Measured by ``bench/bench_claims.py [--data ../shared/data]``.

No claim-level gold exists; this measures what the next step needs from claims. Using the fact gold of
bench/gold/facts/ (50 NeuS val stories, 150 articles; see its README):

- **evidence coverage**: share of gold evidence phrases that some claim overlaps by at least half of the
  phrase (claims are where facts can be found);
- **exact spans**: share of claims whose ``text`` is exactly ``article.text[start:end]`` (must be 1.0);
- **with numbers / attributed / negated**: shares of claims carrying quantities, a speaker or media
  source, and negation;
- **articles/s**: single-thread throughput of the whole per-article analysis including claims, and of
  the claims stage alone (the parse is cached, so claims costs only its own walk over the parse).
"""

from __future__ import annotations

import time
from collections.abc import Sequence
from pathlib import Path

from ..analyse.claims import find_claims
from ..analyse.nlp import parse
from ..model import Article, Claim
from .facts import analyse_story, load_gold, load_neus_records

__all__ = ["measure"]


def _covered(claims: Sequence[Claim], start: int, end: int) -> bool:
    need = (end - start) / 2
    return any(min(end, c.span.end) - max(start, c.span.start) >= need for c in claims)


def measure(data: Path, gold_path: Path) -> dict[str, float]:
    """Coverage, exactness, shares and speed of claims over the fact gold's stories (see the module doc)."""
    stories = {r["story"]: r for r in load_neus_records(data)}
    articles: list[Article] = []
    started = time.perf_counter()
    gold = load_gold(gold_path)
    for record in gold:
        _story, context = analyse_story(stories[record["story"]])
        articles.extend(context.articles.values())
    seconds = time.perf_counter() - started
    by_id = {a.id: a for a in articles}
    phrases = covered = 0
    for record in gold:
        for fact in record["facts"]:
            for article_id, spans in fact["support"].items():
                for e in spans:
                    phrases += 1
                    covered += _covered(by_id[article_id].claims, e["start"], e["end"])
    claims = [c for a in articles for c in a.claims]
    exact = sum(by_id[c.span.article].text[c.span.start : c.span.end] == c.text for c in claims)
    claims_seconds = 0.0
    for article in articles:
        doc = parse(article)  # parsed outside the clock: the stages share one cached parse
        started = time.perf_counter()
        find_claims(article, doc)
        claims_seconds += time.perf_counter() - started
    n = max(len(claims), 1)
    return {
        "articles": len(articles),
        "claims_per_article": round(len(claims) / max(len(articles), 1), 2),
        "evidence_coverage": round(covered / max(phrases, 1), 3),
        "exact_spans": round(exact / n, 3),
        "with_numbers": round(sum(bool(c.quantities) for c in claims) / n, 3),
        "attributed": round(sum(c.source != "outlet" for c in claims) / n, 3),
        "negated": round(sum(c.negated for c in claims) / n, 3),
        "articles_per_s_all_stages": round(len(articles) / seconds, 1),
        "articles_per_s_claims_only": round(len(articles) / max(claims_seconds, 1e-9), 1),
    }
