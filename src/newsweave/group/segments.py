"""Event segments: an article that covers several events is split so each part can join its own story
(a summit report that ends with an unrelated battlefield update).

For each article with enough paragraphs, the boundary with the least lexical cohesion is found: the
TF-IDF vectors of the paragraphs before and after it are summed and compared (TextTiling's idea at the
scale of a whole article). The boundary is then moved by up to ``segment_window`` paragraphs so that each
paragraph near it goes to the side it shares more with (a line sharing nothing stays with what precedes
it). The article is split there only on evidence, each recorded in the reason:

- *no shared vocabulary*: the two parts share almost no words (cosine < ``segment_unrelated``) and almost no names;
- *discourse cue*: the second part opens with a topic-change marker ("Meanwhile,", "Separately,",
  "Elsewhere,", "In other news") and the parts share few words (cosine < ``segment_cued``);
- *another story*: the second part is clearly closer to another article of the batch than to the rest
  of its own article (cosine < ``segment_cued``), and the first part is not close to that article
  (cosine < ``segment_apart``): when it is, both parts belong to that article's story anyway (on ECB+
  dev real articles split 39 -> 30 of 600, no join missed; 0.12 would give 21 but miss joins and let
  stories merge more).

Thresholds come from ECB+ dev (real articles for false splits, pairs of articles from different topics
joined together for detection) and PolNeAR dev (joined reports, and real reports read by hand in
``bench/gold/segments``): ``bench/bench_segments.py`` prints precision and recall of the split points.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np
from scipy import sparse
from sklearn.feature_extraction.text import TfidfVectorizer
from sklearn.preprocessing import normalize

from ..model import Article, Span
from .config import GroupConfig

__all__ = ["Segment", "find_segments"]

_DEFAULTS = GroupConfig()
_CUE = re.compile(
    r"^(?:meanwhile|separately|elsewhere|in other news|in a separate (?:development|incident|move)|"
    r"in other developments|also on \w+day)\b", re.IGNORECASE)
_NAME = re.compile(r"(?<![.!?]\s)(?<!^)\b([A-Z][a-z]{2,}(?:\s[A-Z][a-z]{2,})*)")


@dataclass(frozen=True, slots=True)
class Segment:
    """A part of an article that goes to one story; ``why`` says why the article was split here."""

    span: Span
    why: str | None = None


def _names(texts: Sequence[str]) -> set[str]:
    return {n for t in texts for n in _NAME.findall(t)}


def _cos(a: np.ndarray, b: np.ndarray) -> float:
    norm = float(np.linalg.norm(a) * np.linalg.norm(b))
    return float(a @ b) / norm if norm else 0.0


def _best_boundary(rows: np.ndarray, words: np.ndarray, config: GroupConfig) -> tuple[float, int | None]:
    total = int(words.sum())
    best: tuple[float, int | None] = (2.0, None)
    for b in range(config.segment_paragraphs, len(rows) - config.segment_paragraphs + 1):
        left, right = int(words[:b].sum()), int(words[b:].sum())
        if min(left, right) < max(config.segment_words, config.segment_share * total):
            continue
        score = _cos(rows[:b].sum(0), rows[b:].sum(0))
        if score < best[0]:
            best = (score, b)
    return best


def _refine(rows: np.ndarray, words: np.ndarray, b: int, config: GroupConfig) -> int:
    """The boundary near ``b`` that gives each paragraph around it to the side it shares more with.

    The least-cohesion boundary is only as sharp as the paragraphs at it: a short line naming nothing
    ("Nobody was hurt.") costs the same on either side, so the minimum often lands a paragraph early or
    late. Each paragraph within ``segment_window`` of ``b`` leans to the side (as split at ``b``, without
    itself) it is closer to; the boundary that agrees best with the leanings wins, and on a tie the later
    one, so that a paragraph sharing nothing with either side stays with what precedes it. Measured on
    ``bench/bench_segments.py``: split points right 0.599 -> 0.637, found 0.544 -> 0.576.
    """
    reach = config.segment_window
    low, high = max(1, b - reach), min(len(rows) - 1, b + reach)
    left, right = rows[:b].sum(0), rows[b:].sum(0)
    lean = np.array([_cos(rows[k], right - rows[k] * (k >= b)) - _cos(rows[k], left - rows[k] * (k < b))
                     for k in range(low, high)])
    total = int(words.sum())
    least = max(config.segment_words, config.segment_share * total)
    best, best_score = b, None
    for cut in range(low, high + 1):
        if cut < config.segment_paragraphs or len(rows) - cut < config.segment_paragraphs:
            continue
        if min(int(words[:cut].sum()), int(words[cut:].sum())) < least:
            continue
        score = float(lean[cut - low :].sum() - lean[: cut - low].sum())
        if best_score is None or score > best_score + 1e-9:  # ties: the later cut (nothing moves right)
            best, best_score = cut, score
        elif abs(score - best_score) <= 1e-9:
            best = cut
    return best


def _reason(article: Article, paragraphs: list[str], b: int, score: float, other: tuple[float, str] | None,
            own_right: float, config: GroupConfig) -> str | None:
    left, right = _names(paragraphs[:b]), _names(paragraphs[b:])
    overlap = len(left & right) / max(1, len(left | right))
    if score < config.segment_unrelated and overlap <= config.segment_names:
        return f"no shared vocabulary: paragraphs {b + 1}-{len(paragraphs)} share almost no words " \
               f"(similarity {score:.2f}) or names with the rest"
    if score < config.segment_cued and _CUE.match(paragraphs[b]):
        return f"discourse cue: paragraph {b + 1} opens a new topic ({paragraphs[b].split(',')[0]!r}) " \
               f"and shares little with what comes before (similarity {score:.2f})"
    if score < config.segment_cued and other and other[0] >= own_right + config.segment_margin:
        return f"another story: paragraphs {b + 1}-{len(paragraphs)} match {other[1]!r} " \
               f"({other[0]:.2f}) better than the rest of their article ({own_right:.2f})"
    return None


def _other_match(
    left: np.ndarray, right: np.ndarray, whole: sparse.csr_matrix, own: int, titles: list[str], config: GroupConfig
) -> tuple[float, str] | None:
    """The other article (a row of ``whole`` but ``own``) closest to the second part, if the first part is
    not close to it too (then both parts belong to that story anyway and splitting would change nothing): at
    most ``segment_apart`` similar, and ``segment_margin`` less similar than the second part."""
    if whole.shape[0] <= 1 or not np.linalg.norm(right) or not np.linalg.norm(left):
        return None
    # each row's product is its own, so dropping the article's row after multiplying is dropping it before,
    # without copying the corpus's matrix for every article
    to_right = np.delete(whole @ (right / np.linalg.norm(right)), own)
    to_left = np.delete(whole @ (left / np.linalg.norm(left)), own)
    titles = titles[:own] + titles[own + 1 :]
    k = int(np.argmax(to_right))
    if to_left[k] >= to_right[k] - config.segment_margin or to_left[k] >= config.segment_apart:
        return None
    return float(to_right[k]), titles[k]


def find_segments(articles: Sequence[Article], config: GroupConfig = _DEFAULTS) -> dict[str, tuple[Segment, ...]]:
    """The event segments of every article (one whole-article segment when it is not split)."""
    result: dict[str, tuple[Segment, ...]] = {a.id: (Segment(Span(a.id, 0, len(a.text))),) for a in articles}
    paragraphs = {a.id: [a.text[s:e] for s, e in a.paragraphs] or [a.text] for a in articles}
    candidates = [a for a in articles if len(paragraphs[a.id]) >= 2 * config.segment_paragraphs]
    if not candidates:
        return result
    vectorizer = TfidfVectorizer(stop_words="english", sublinear_tf=True)
    try:  # every paragraph's row at once (a row depends on its paragraph alone: the same as transforming it)
        by_paragraph = vectorizer.fit_transform([p for a in articles for p in paragraphs[a.id]]).tocsr()
    except ValueError:  # only stop words anywhere: nothing to split on
        return result
    first = dict(zip([a.id for a in articles], np.cumsum([0] + [len(paragraphs[a.id]) for a in articles]).tolist(),
                     strict=False))
    whole = normalize(vectorizer.transform([a.text for a in articles]))
    index = {a.id: i for i, a in enumerate(articles)}
    titles = [a.title or a.text[:60] for a in articles]
    for article in candidates:
        start = first[article.id]
        matrix = by_paragraph[start : start + len(paragraphs[article.id])]
        result[article.id] = _split(article, paragraphs[article.id], matrix, whole, index, titles, config)
    return result


def _split(article: Article, paragraphs: list[str], by_paragraph: sparse.csr_matrix, whole: sparse.csr_matrix,
           index: dict[str, int], titles: list[str], config: GroupConfig) -> tuple[Segment, ...]:
    matrix = by_paragraph.tocsc()
    # only the article's own words: the corpus's other columns are zero in every row (the boundary search
    # sums its rows for every cut; over the whole vocabulary that cost grew with the corpus)
    columns = np.flatnonzero(np.diff(matrix.indptr))
    rows = matrix[:, columns].toarray()
    words = np.array([len(p.split()) for p in paragraphs])
    score, b = _best_boundary(rows, words, config)
    if b is None:
        return (Segment(Span(article.id, 0, len(article.text))),)
    b = _refine(rows, words, b, config)
    left, right = np.zeros(matrix.shape[1]), np.zeros(matrix.shape[1])
    left[columns], right[columns] = rows[:b].sum(0), rows[b:].sum(0)
    score = _cos(left, right)
    other = _other_match(left, right, whole, index[article.id], titles, config)
    why = _reason(article, paragraphs, b, score, other, score, config)
    if why is None:
        return (Segment(Span(article.id, 0, len(article.text))),)
    cut = article.paragraphs[b][0]
    end_left = article.paragraphs[b - 1][1]
    return (Segment(Span(article.id, 0, end_left)), Segment(Span(article.id, cut, len(article.text)), why))
