"""The brief: a few sentences per story, each citing the spans it rests on.

Extractive on purpose: every sentence is one outlet's own sentence, verbatim, so nothing is said that no
source said. Its ``support`` is the sentence itself and, for every other independent source of the fact
it belongs to (``Story.sources``: an outlet and its copies count once), that source's one best aligned
span, so a reader sees at once how many sources carry it, and ``sources`` counts them.

Order and choice: one headline first (the most central of the articles' first sentences, usually a
title), then body sentences chosen greedily by how many not-yet-covered words they share with the other
outlets (a word all three outlets use weighs most), boosted by the number of independent sources of
their fact and gently by position; the brief stops at about ``BriefConfig.target_words`` words.

Disagreements and single-source facts are said as such without touching the sentence: each entry
carries ``status`` ("corroborated", "unique", "conflicting"), ``sources`` and the ``fact`` id when the
model's :class:`~newsweave.model.BriefSentence` has those fields, so renderers mark them ("only one
outlet reports", "reports differ: ...") and ROUGE-style scoring still sees the outlets' own words.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import ClassVar

from sklearn.feature_extraction.text import ENGLISH_STOP_WORDS as STOP

from ..config import param
from ..group.sources import ensure_sources, source_of
from ..model import Article, Brief, BriefSentence, Fact, Span, Story, evolve
from ..pipeline import Context, Stage

__all__ = ["STAGE", "BriefConfig", "write_brief"]


@dataclass(frozen=True, slots=True)
class BriefConfig:
    """What the brief stage tunes."""

    SECTION: ClassVar[str] = "brief"
    target_words: int = param(70, "The brief stops once it has about this many words.", low=1)
    headline: bool = param(True, "One of the articles' first sentences (a title) opens the brief.")
    max_sentences: int = param(5, "At most this many sentences.", low=1)
    min_words: int = param(5, "Words a sentence needs to be a candidate.", low=1)
    single: float = param(0.0, "Weight of a word only one article uses (words two or three share weigh 1 or 2 "
                               "more).")
    length_power: float = param(0.5, "Gain per word**power: a little in favour of longer, fuller sentences.",
                                low=0.0)
    source_bonus: float = param(0.2, "Gain per extra independent source of a sentence's fact (up to three).",
                                low=0.0)
    position_decay: float = param(0.95, "Gain factor per sentence position: lead sentences first, gently.",
                                  low=0.0, high=1.0)

_WORD = re.compile(r"[a-z0-9]+")
_DATELINE = re.compile(r"^(?:[A-Z][A-Z .,'’-]+(?:\([A-Za-z ]+\))?\s*[—–-]+\s*|\(CNN\)\s*-\s*)")


@dataclass(frozen=True, slots=True)
class _Candidate:
    span: Span
    text: str
    position: int
    fact: Fact | None


def _fact_of(span: Span, facts: Sequence[Fact]) -> Fact | None:
    for fact in facts:
        if any(s.article == span.article and s.start <= span.start < s.end for s in fact.support):
            return fact
    return None


def _clean(article: Article, start: int, end: int) -> tuple[int, int]:
    """Drop a leading dateline ("WASHINGTON —") and a trailing lone quotation mark from a sentence."""
    match = _DATELINE.match(article.text[start:end])
    if match and end - start - match.end() > 20:
        start += match.end()
    return start, end


def _candidates(story: Story, articles: Mapping[str, Article], min_words: int) -> list[_Candidate]:
    found = []
    for article_id in story.article_ids:
        article = articles[article_id]
        inside = [s for s in story.segments if s.article == article_id]
        for position, (start, end) in enumerate(article.sentences):
            if not any(s.start <= start and end <= s.end for s in inside):
                continue
            start, end = _clean(article, start, end)
            text = article.text[start:end]
            if len(text.split()) >= min_words:
                span = Span(article_id, start, end)
                found.append(_Candidate(span, text, position, _fact_of(span, story.facts)))
    return found


def _words(text: str) -> set[str]:
    return {w for w in _WORD.findall(text.lower()) if w not in STOP and len(w) > 2}


def _weights(candidates: Sequence[_Candidate], articles: Mapping[str, Article], single: float
             ) -> dict[str, float]:
    """How many of the story's articles use each word: words several outlets share carry the story."""
    counts: dict[str, float] = {}
    ids = {c.span.article for c in candidates}
    for article_id in ids:
        for word in _words(articles[article_id].text):
            counts[word] = counts.get(word, 0.0) + 1.0
    if len(ids) == 1:  # one report: nothing to agree with, every word counts the same
        return dict.fromkeys(counts, 1.0)
    return {w: n - 1.0 + single for w, n in counts.items()}


def _gain(candidate: _Candidate, weights: Mapping[str, float], covered: set[str], config: BriefConfig) -> float:
    words = _words(candidate.text)
    if not words:
        return 0.0
    fresh = sum(weights.get(w, 0.0) for w in words - covered)
    sources = candidate.fact.sources if candidate.fact else 1
    return fresh / len(words) ** config.length_power * (1 + config.source_bonus * (min(sources, 3) - 1)) \
        * config.position_decay ** candidate.position


def _choose(candidates: Sequence[_Candidate], articles: Mapping[str, Article], config: BriefConfig) -> list[int]:
    """Greedy coverage of the words the outlets share: the headline first, then the best gain."""
    weights = _weights(candidates, articles, config.single)
    chosen: list[int] = []
    covered: set[str] = set()
    words = 0
    heads = [i for i, c in enumerate(candidates) if c.position == 0] if config.headline else []
    pool = heads or list(range(len(candidates)))
    while pool and words < config.target_words and len(chosen) < config.max_sentences:
        best = max(pool, key=lambda i: _gain(candidates[i], weights, covered, config))
        if _gain(candidates[best], weights, covered, config) <= 0:
            break
        chosen.append(best)
        covered |= _words(candidates[best].text)
        words += len(candidates[best].text.split())
        pool = [i for i in range(len(candidates))
                if i not in chosen and (candidates[i].position > 0 or not config.headline)]
    return chosen


def _cited(candidate: _Candidate, articles: Mapping[str, Article], sources: Mapping[str, str]) -> tuple[Span, ...]:
    """The sentence's own span, then one span per other independent source of its fact: the one sharing
    the most content words with the sentence (the earliest on a tie). A source's own other spans and
    its copies in other outlets are not cited again."""
    fact = candidate.fact
    source = sources.get(candidate.span.article, candidate.span.article)
    best: dict[str, tuple[float, int, Span]] = {}
    words = _words(candidate.text)
    for n, span in enumerate(fact.support if fact else ()):
        other = sources.get(span.article, span.article)
        if other == source:
            continue
        theirs = _words(articles[span.article].text[span.start : span.end]) if span.article in articles else set()
        shared = len(words & theirs) / len(words | theirs) if words | theirs else 0.0
        if other not in best or (shared, -n) > best[other][:2]:
            best[other] = (shared, -n, span)
    return (candidate.span,) + tuple(span for _, _, span in best.values())


def _entry(candidate: _Candidate, articles: Mapping[str, Article], sources: Mapping[str, str]) -> BriefSentence:
    fact = candidate.fact
    support = _cited(candidate, articles, sources)
    if fact is None:
        return BriefSentence(candidate.text, support)
    return BriefSentence(candidate.text, support, status=fact.status, sources=len(support), fact=fact.id)


def write_brief(story: Story, context: Context) -> Story:
    config = context.settings.of(BriefConfig)
    candidates = _candidates(story, context.articles, config.min_words)
    if not candidates:
        return evolve(story, brief=Brief())
    chosen = _choose(candidates, context.articles, config)
    sources = {a: source.id for a, source in source_of(ensure_sources(story, context.articles)).items()}
    return evolve(story, brief=Brief(tuple(_entry(candidates[i], context.articles, sources) for i in chosen)))


STAGE: Stage[Story] = Stage(
    name="brief", kind="story", func=write_brief, requires=frozenset({"facts", "articles.sentences"}),
    provides=frozenset({"brief"}), config=BriefConfig,
    help="A short extractive brief; every sentence cites the spans it rests on, best-sourced first.",
)
