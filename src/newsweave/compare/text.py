"""Sentence units of a story and their similarity, shared by fact alignment and quote families.

Not every sentence can carry a fact (:func:`not_a_fact`): a headline or standfirst (the article's
``title``/``standfirst`` repeated in its text), a question, a line in the first person outside quotation
marks (an opinion: "I've got news for the establishment"), a short sentence that names no one, gives
no figure and points back ("There's no evidence of that": it leans on its neighbours), and a standing
line of the outlet (a sentence found word for word in ``standing_reports`` or more reports of the same
outlet: "Sign up for our newsletter"). Fact alignment skips them; quote families still see every sentence.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import ClassVar

import numpy as np
import scipy.sparse as sp
from sklearn.feature_extraction.text import ENGLISH_STOP_WORDS
from sklearn.preprocessing import normalize

from ..config import param
from ..model import Article, Span, Story
from ..normalise.standing import repeated_lines

__all__ = ["FactsConfig", "Unit", "not_a_fact", "similarity", "standing_lines", "story_units"]


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
    approx_tolerance: float = param(0.15, "Relative gap 'about'/'at most' figures may have and still agree.",
                                    low=0.0, high=1.0)
    denial_words: int = param(3, "Words of what happened a denial and the statement it denies must share.", low=1)
    clash_ratio: float = param(3.0, "Times one count may exceed another of unaligned sentences and still conflict.",
                               low=1.0)
    standing_reports: int = param(3, "Reports of one outlet a sentence recurs in to be a standing line, not a fact.",
                                  low=2)
    fragment_words: int = param(8, "Words under which a sentence naming nothing and pointing back is no fact.",
                                low=1)
    agree_words: int = param(1, "Words of what happened (not names or titles) two aligned sentences must share.",
                             low=1)
    close: float = param(0.25, "TF-IDF cosine at which two sentences on one topic are one fact without a claim "
                              "they both state (near rewordings).", low=0.0, high=1.0)


_DEFAULTS = FactsConfig()


@dataclass(frozen=True, slots=True)
class Unit:
    """One sentence of one article in a story."""

    span: Span
    text: str
    outlet: str


_FIRST_PERSON = re.compile(r"\b(?:I|I'm|I've|I'd|I'll|my|me)\b|\b(?:I|I’m|I’ve|I’d|I’ll)(?=\W)")
_QUOTED = re.compile(r"[“\"][^”\"]*[”\"]")


_ANCHOR = re.compile(r"\d|\b[A-Z]")
_ANAPHOR = re.compile(r"\b(?:that|this|these|those|such|it)\b", re.IGNORECASE)


def _squash(text: str) -> str:
    return " ".join(text.lower().split())


def standing_lines(articles: Mapping[str, Article], outlets: set[str], least: int) -> set[tuple[str, str]]:
    """(outlet, squashed sentence) pairs of sentences found in ``least`` or more reports of one outlet: site
    boilerplate, by the rule normalising owns (:func:`~newsweave.normalise.standing.repeated_lines`; it
    takes such lines out of the reports of one batch, this catches those spread over several)."""
    by_outlet: dict[str, list[Article]] = {}
    for article in articles.values():
        outlet = _outlet(article)
        if outlet in outlets:
            by_outlet.setdefault(outlet, []).append(article)
    return {(outlet, key) for outlet, group in by_outlet.items() for key in _repeated(outlet, group, least)}


#: An outlet's repeated lines, by (outlet, least, its reports' ids and texts' hashes): every story of a corpus
#: asks for the lines of its outlets over the whole corpus, which is quadratic when each one recomputes them.
_REPEATED: dict[tuple[object, ...], frozenset[str]] = {}


def _repeated(outlet: str, group: Sequence[Article], least: int, kept: int = 256) -> frozenset[str]:
    key = (outlet, least, tuple((a.id, hash(a.text), len(a.sentences)) for a in group))
    found = _REPEATED.get(key)
    if found is None:
        docs = ([a.text[s:e] for s, e in a.sentences] for a in group)
        found = frozenset(repeated_lines(docs, least=least, key=_squash))
        if len(_REPEATED) >= kept:  # a memo, not a store: bounded
            _REPEATED.clear()
        _REPEATED[key] = found
    return found


def not_a_fact(article: Article, start: int, end: int, config: FactsConfig = _DEFAULTS) -> str | None:
    """Why the sentence ``article.text[start:end]`` carries no fact (headline, question, opinion, a short
    fragment naming nothing), or None."""
    return _not_a_fact(article, start, end, config, _heads(article))


def _heads(article: Article) -> tuple[set[str], int]:
    """The article's headline and standfirst, squashed, and how far into the text they may reach."""
    heads = {_squash(h) for h in (article.title, article.standfirst) if h}
    return heads, sum(len(h) + 2 for h in heads)  # a headline and standfirst open the text when it has them


def _not_a_fact(article: Article, start: int, end: int, config: FactsConfig, heads: tuple[set[str], int]
                ) -> str | None:
    text = article.text[start:end].strip()
    squashed, (lines, head_area) = _squash(text), heads
    if squashed in lines or (start < head_area and any(squashed in h for h in lines)):
        return "headline"
    if text.endswith("?") or text.endswith("?”") or text.endswith('?"'):
        return "question"
    if _FIRST_PERSON.search(_QUOTED.sub("", text)):
        return "opinion"
    if len(text.split()) < config.fragment_words and not _ANCHOR.search(text[1:]) and _ANAPHOR.search(text):
        return "fragment"  # "There's no evidence of that.": no name, figure or date, needs its neighbours
    return None


def _outlet(article: Article) -> str:
    return article.outlet.value if article.outlet else article.input


def story_units(story: Story, articles: Mapping[str, Article], config: FactsConfig = _DEFAULTS,
                facts_only: bool = False) -> list[Unit]:
    """The sentences of the story's segments, long enough to carry a fact (with ``facts_only``, also not a
    headline, question, opinion or standing line: :func:`not_a_fact`)."""
    units = []
    standing = standing_lines(articles, {_outlet(articles[a]) for a in story.article_ids},
                              config.standing_reports) if facts_only else set()
    for article_id in story.article_ids:
        article = articles[article_id]
        outlet = _outlet(article)
        segments = [(s.start, s.end) for s in story.segments if s.article == article_id]
        heads = _heads(article)
        for start, end in article.sentences:
            text = article.text[start:end]
            if len(text.split()) < config.min_words or not any(a <= start and end <= b for a, b in segments):
                continue
            if facts_only and (_not_a_fact(article, start, end, config, heads) or (outlet, _squash(text)) in standing):
                continue
            units.append(Unit(Span(article_id, start, end), text, outlet))
    return units


#: The words TF-IDF reads: scikit-learn's default token pattern, lowercased, English stop words out.
_TOKEN = re.compile(r"(?u)\b\w\w+\b")


def _terms(text: str) -> list[str]:
    """The unigrams then the bigrams of ``text``, in scikit-learn's order (``TfidfVectorizer(stop_words=
    "english", ngram_range=(1, 2))``'s analyzer: bigrams join neighbours once stop words are out)."""
    words = [w for w in _TOKEN.findall(text.lower()) if w not in ENGLISH_STOP_WORDS]
    return words + list(map(" ".join, zip(words, words[1:], strict=False)))


def _counts(texts: Sequence[str]) -> sp.csr_matrix | None:
    """The term counts scikit-learn's ``CountVectorizer.fit_transform`` gives, with its very layout (a
    row's entries in the order each term first occurs in the corpus, columns numbered alphabetically): the
    layout fixes the order of the sums below, and so the last bits of every cosine. None without a term."""
    per_text = [_terms(text) for text in texts]
    terms = [t for found in per_text for t in found]
    if not terms:
        return None
    first_seen = {t: i for i, t in enumerate(dict.fromkeys(terms))}  # dicts keep the order of insertion
    size = len(first_seen)
    ids = np.fromiter(map(first_seen.__getitem__, terms), dtype=np.int64, count=len(terms))
    rows = np.repeat(np.arange(len(texts), dtype=np.int64), [len(found) for found in per_text])
    keys, counts = np.unique(rows * size + ids, return_counts=True)
    alphabetical = np.empty(size, dtype=np.int64)
    alphabetical[[first_seen[t] for t in sorted(first_seen)]] = np.arange(size)
    indptr = np.searchsorted(keys // size, np.arange(len(texts) + 1))
    return sp.csr_matrix((counts.astype(np.float64), alphabetical[keys % size], indptr), shape=(len(texts), size))


def similarity(texts: Sequence[str]) -> np.ndarray:
    """Cosine similarity of TF-IDF vectors (unigrams and bigrams, English stop words removed, sublinear term
    frequency, smoothed idf): what ``TfidfVectorizer(stop_words="english", ngram_range=(1, 2),
    sublinear_tf=True)`` gives, bit for bit, at a third of its cost (its checks and generic paths
    dominated, the texts of a story being short)."""
    if len(texts) < 2:
        return np.ones((len(texts), len(texts)))
    matrix = _counts(texts)
    if matrix is None:  # every text is only stop words: nothing to compare
        return np.eye(len(texts))
    df = np.bincount(matrix.indices, minlength=matrix.shape[1]).astype(np.float64) + 1.0
    idf = np.log(np.full_like(df, len(texts) + 1) / df) + 1.0
    np.log(matrix.data, out=matrix.data)
    matrix.data += 1.0
    matrix.data *= idf[matrix.indices]
    matrix = normalize(matrix, norm="l2", copy=False)
    return (matrix @ matrix.T).toarray()
