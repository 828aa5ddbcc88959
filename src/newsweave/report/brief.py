"""The brief: a few sentences per story, each citing the spans it rests on.

Extractive on purpose: every sentence is one outlet's own sentence, verbatim, so nothing is said that no
source said. Its ``support`` is every span of the fact it belongs to (the aligned sentences of the other
outlets too), so a reader sees at once how many sources carry it.

Order and choice: one headline first (the most central of the articles' first sentences, usually a
title), then body sentences chosen greedily by how many not-yet-covered words they share with the other
outlets (a word all three outlets use weighs most), boosted by the number of independent sources of
their fact and gently by position; the brief stops at about :data:`TARGET_WORDS` words.

Disagreements and single-source facts are said as such without touching the sentence: each entry
carries ``status`` ("corroborated", "unique", "conflicting"), ``sources`` and the ``fact`` id when the
model's :class:`~newsweave.model.BriefSentence` has those fields, so renderers mark them ("only one
outlet reports", "reports differ: ...") and ROUGE-style scoring still sees the outlets' own words.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, fields

from sklearn.feature_extraction.text import ENGLISH_STOP_WORDS as STOP

from ..model import Article, Brief, BriefSentence, Fact, Span, Story, evolve
from ..pipeline import Stage, StoryContext

__all__ = ["STAGE", "write_brief"]

TARGET_WORDS = 70
HEADLINE = True  # one of the articles' first sentences (a title) opens the brief
MAX_SENTENCES = 5
MIN_WORDS = 5
SINGLE = 0.0  # weight of a word only one article uses (words two or three share weigh 1 or 2 more)
LENGTH_POWER = 0.5  # gain per word^power: a little in favour of longer, fuller sentences
SOURCE_BONUS = 0.2  # facts more independent sources carry come first
POSITION_DECAY = 0.95  # lead sentences first, gently
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


def _candidates(story: Story, articles: Mapping[str, Article]) -> list[_Candidate]:
    found = []
    for article_id in story.article_ids:
        article = articles[article_id]
        inside = [s for s in story.segments if s.article == article_id]
        for position, (start, end) in enumerate(article.sentences):
            if not any(s.start <= start and end <= s.end for s in inside):
                continue
            start, end = _clean(article, start, end)
            text = article.text[start:end]
            if len(text.split()) >= MIN_WORDS:
                span = Span(article_id, start, end)
                found.append(_Candidate(span, text, position, _fact_of(span, story.facts)))
    return found


def _words(text: str) -> set[str]:
    return {w for w in _WORD.findall(text.lower()) if w not in STOP and len(w) > 2}


def _weights(candidates: Sequence[_Candidate], articles: Mapping[str, Article]) -> dict[str, float]:
    """How many of the story's articles use each word: words several outlets share carry the story."""
    counts: dict[str, float] = {}
    ids = {c.span.article for c in candidates}
    for article_id in ids:
        for word in _words(articles[article_id].text):
            counts[word] = counts.get(word, 0.0) + 1.0
    if len(ids) == 1:  # one report: nothing to agree with, every word counts the same
        return dict.fromkeys(counts, 1.0)
    return {w: n - 1.0 + SINGLE for w, n in counts.items()}


def _gain(candidate: _Candidate, weights: Mapping[str, float], covered: set[str]) -> float:
    words = _words(candidate.text)
    if not words:
        return 0.0
    fresh = sum(weights.get(w, 0.0) for w in words - covered)
    sources = candidate.fact.sources if candidate.fact else 1
    return fresh / len(words) ** LENGTH_POWER * (1 + SOURCE_BONUS * (min(sources, 3) - 1)) \
        * POSITION_DECAY ** candidate.position


def _choose(candidates: Sequence[_Candidate], articles: Mapping[str, Article]) -> list[int]:
    """Greedy coverage of the words the outlets share: the headline first, then the best gain."""
    weights = _weights(candidates, articles)
    chosen: list[int] = []
    covered: set[str] = set()
    words = 0
    heads = [i for i, c in enumerate(candidates) if c.position == 0] if HEADLINE else []
    pool = heads or list(range(len(candidates)))
    while pool and words < TARGET_WORDS and len(chosen) < MAX_SENTENCES:
        best = max(pool, key=lambda i: _gain(candidates[i], weights, covered))
        if _gain(candidates[best], weights, covered) <= 0:
            break
        chosen.append(best)
        covered |= _words(candidates[best].text)
        words += len(candidates[best].text.split())
        pool = [i for i in range(len(candidates))
                if i not in chosen and (candidates[i].position > 0 or not HEADLINE)]
    return chosen


def _entry(candidate: _Candidate) -> BriefSentence:
    fact = candidate.fact
    support = (candidate.span,) + tuple(s for s in (fact.support if fact else ()) if s != candidate.span)
    extra = {"status": fact.status if fact else "unique", "sources": fact.sources if fact else 1,
             "fact": fact.id if fact else None}
    names = {f.name for f in fields(BriefSentence)}
    return BriefSentence(candidate.text, support, **{k: v for k, v in extra.items() if k in names})


def write_brief(story: Story, context: StoryContext) -> Story:
    candidates = _candidates(story, context.articles)
    if not candidates:
        return evolve(story, brief=Brief())
    chosen = _choose(candidates, context.articles)
    return evolve(story, brief=Brief(tuple(_entry(candidates[i]) for i in chosen)))


STAGE = Stage("brief", write_brief, frozenset({"facts"}), frozenset({"brief"}),
              "A short extractive brief; every sentence cites the spans it rests on, best-sourced first.")
