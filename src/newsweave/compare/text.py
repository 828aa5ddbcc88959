"""Sentence units of a story and their similarity, shared by fact alignment and quote families."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass

import numpy as np
from sklearn.feature_extraction.text import TfidfVectorizer

from ..model import Article, Span, Story

__all__ = ["Unit", "similarity", "story_units"]

MIN_WORDS = 5


@dataclass(frozen=True, slots=True)
class Unit:
    """One sentence of one article in a story."""

    span: Span
    text: str
    outlet: str


def _in_segments(start: int, end: int, segments: Sequence[Span], article: str) -> bool:
    return any(s.article == article and s.start <= start and end <= s.end for s in segments)


def story_units(story: Story, articles: Mapping[str, Article]) -> list[Unit]:
    """The sentences of the story's segments, long enough to carry a fact."""
    units = []
    for article_id in story.article_ids:
        article = articles[article_id]
        outlet = article.outlet.value if article.outlet else article.input
        for start, end in article.sentences:
            text = article.text[start:end]
            if len(text.split()) >= MIN_WORDS and _in_segments(start, end, story.segments, article_id):
                units.append(Unit(Span(article_id, start, end), text, outlet))
    return units


def similarity(texts: Sequence[str]) -> np.ndarray:
    """Cosine similarity of TF-IDF vectors (unigrams and bigrams, English stop words removed)."""
    if len(texts) < 2:
        return np.ones((len(texts), len(texts)))
    vectorizer = TfidfVectorizer(stop_words="english", ngram_range=(1, 2), sublinear_tf=True)
    try:
        matrix = vectorizer.fit_transform(texts)
    except ValueError:  # every text is only stop words: nothing to compare
        return np.eye(len(texts))
    return (matrix @ matrix.T).toarray()

