"""Sentence units of a story and their similarity, shared by fact alignment and quote families."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import ClassVar

import numpy as np
from sklearn.feature_extraction.text import TfidfVectorizer

from ..config import param
from ..model import Article, Span, Story

__all__ = ["FactsConfig", "Unit", "similarity", "story_units"]


@dataclass(frozen=True, slots=True)
class FactsConfig:
    """What the facts stage tunes (its alignment, :mod:`.align`, and conflict checks, :mod:`.conflicts`)."""

    SECTION: ClassVar[str] = "facts"
    min_words: int = param(5, "Words a sentence needs to carry a fact.", low=1)
    align: float = param(0.15, "TF-IDF cosine two sentences of different sources need to be aligned.",
                         low=0.0, high=1.0)
    align_shared: float = param(0.10, "The lower cosine that aligns two sentences sharing a number or two names.",
                                low=0.0, high=1.0)
    mutual_best: bool = param(True, "Align two sentences only when each is the other's best match in its article.")
    claim_align: float = param(0.1, "Similarity two claims of aligned sentences need to be compared at all.",
                               low=0.0, high=1.0)
    polarity_strength: float = param(0.45, "Similarity two claims need before opposite polarity is a conflict.",
                                     low=0.0, high=1.0)
    approx_tolerance: float = param(0.10, "Relative gap 'about'/'at most' figures may have and still agree.",
                                    low=0.0, high=1.0)


_DEFAULTS = FactsConfig()


@dataclass(frozen=True, slots=True)
class Unit:
    """One sentence of one article in a story."""

    span: Span
    text: str
    outlet: str


def _in_segments(start: int, end: int, segments: Sequence[Span], article: str) -> bool:
    return any(s.article == article and s.start <= start and end <= s.end for s in segments)


def story_units(story: Story, articles: Mapping[str, Article], config: FactsConfig = _DEFAULTS) -> list[Unit]:
    """The sentences of the story's segments, long enough to carry a fact."""
    units = []
    for article_id in story.article_ids:
        article = articles[article_id]
        outlet = article.outlet.value if article.outlet else article.input
        for start, end in article.sentences:
            text = article.text[start:end]
            if len(text.split()) >= config.min_words and _in_segments(start, end, story.segments, article_id):
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

