"""Articles -> stories: TF-IDF vectors, cosine similarity and average-link agglomerative clustering.

Each article becomes one TF-IDF vector (English stop words dropped, sublinear term frequency) over its
title, repeated so the headline counts more, and its text without datelines, timestamps and bylines
(where and when a report was filed says nothing of what it reports). Two groups merge while the average
cosine similarity between their members is at least ``group.threshold`` (a cut at distance
``1 - threshold``). Articles whose ``published`` dates lie more than ``group.window_days`` apart
never share a story; articles without a date are not constrained.

To stay affordable on many articles, similarity is first computed block by block into a sparse graph of
pairs at or above the threshold (rows in date order, each block against only the articles its date window
reaches, never as a dense block). Average link can only merge groups joined by at least one such pair, so
each connected component of that graph is clustered on its own.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import date, datetime

import numpy as np
from scipy import sparse
from scipy.cluster.hierarchy import fcluster, linkage
from scipy.sparse.csgraph import connected_components
from scipy.spatial.distance import squareform
from sklearn.feature_extraction.text import TfidfVectorizer

from ..config import Settings
from ..errors import InputError
from ..model import Article, Span, Story
from ..normalise.furniture import similarity_text
from .config import GroupConfig
from .identity import story_id

__all__ = ["assign_article", "cluster_articles"]

_YEAR = re.compile(r"\b(?:19[5-9]\d|20[0-4]\d)\b")

_SENTENCE_END = re.compile(r"(?<=[.!?])\s|\n")


@dataclass(frozen=True, slots=True)
class _Vectors:
    """L2-normalised TF-IDF rows of some articles (sorted by id) and the feature names."""

    articles: tuple[Article, ...]
    matrix: sparse.csr_matrix
    terms: np.ndarray


def _document(article: Article, title_repeat: int) -> str:
    """What similarity reads: the title ``title_repeat`` times and the text without its datelines,
    timestamps and bylines (:func:`~newsweave.normalise.furniture.similarity_text`)."""
    title = article.title or ""
    return "\n".join([title] * title_repeat + [similarity_text(article.text)])


def _vectorise(articles: Sequence[Article], title_repeat: int) -> _Vectors:
    ordered = tuple(sorted(articles, key=lambda a: a.id))
    words = TfidfVectorizer(sublinear_tf=True, stop_words="english", dtype=np.float64)
    try:
        matrix = words.fit_transform([_document(a, title_repeat) for a in ordered]).tocsr()
    except ValueError:  # sklearn's "empty vocabulary": nothing but stop words, so nothing is similar
        return _Vectors(ordered, sparse.csr_matrix((len(ordered), 0)), np.array([], dtype=object))
    return _Vectors(ordered, matrix, words.get_feature_names_out())


def _published_day(article: Article) -> int | None:
    """The publication date as a day number, or None when absent or not an ISO date."""
    if article.published is None:
        return None
    value = article.published.value.strip()
    try:
        return datetime.fromisoformat(value).date().toordinal()
    except ValueError:
        try:
            return date.fromisoformat(value[:10]).toordinal()
        except ValueError:
            return None


def _days(articles: Sequence[Article]) -> np.ndarray:
    """Publication day numbers; NaN where an article has no usable date."""
    days = [_published_day(a) for a in articles]
    return np.array([np.nan if d is None else float(d) for d in days])


def _too_far(days_a: np.ndarray, days_b: np.ndarray, window: int) -> np.ndarray:
    """Every pair of the two lists (a matrix) whose dates are both known and more than ``window`` days apart."""
    return _too_far_pairs(days_a[:, None], days_b[None, :], window)


def _components(vectors: _Vectors, days: np.ndarray, settings: Settings) -> list[np.ndarray]:
    """Groups of article indices linked by pairs at or above the threshold and inside the window."""
    n = vectors.matrix.shape[0]
    config = settings.of(GroupConfig)
    if config.threshold <= 0.0:  # every pair reaches it (a pair outside the window counts as 0.0): one group
        return [np.arange(n)]
    rows, cols = _linked_pairs(vectors.matrix, days, config)
    graph = sparse.coo_matrix((np.ones(len(rows)), (rows, cols)), shape=(n, n))
    count, labels = connected_components(graph, directed=False)
    order = np.argsort(labels, kind="stable")
    bounds = np.searchsorted(labels[order], np.arange(count + 1))
    return [order[bounds[k] : bounds[k + 1]] for k in range(count)]


def _linked_pairs(matrix: sparse.csr_matrix, days: np.ndarray, config: GroupConfig) -> tuple[np.ndarray, np.ndarray]:
    """Every pair (row, column) of articles at or above the threshold and inside the window.

    Memory is what a corpus of 10,000 long reports needed most of here (issue 14): no dense block is made. The
    rows go in date order, ``block_cells // n`` at a time, and each block is multiplied only with the articles
    whose dates the window lets them meet (and the undated ones); the product stays sparse, is cut at the
    threshold, and only the pairs left are checked against the window. Each similarity is summed as the whole
    product sums it (a sparse product's entry depends on its row and column only), so the pairs are the same."""
    n = matrix.shape[0]
    step = max(1, config.block_cells // n)
    by_day = np.argsort(days, kind="stable")  # undated (NaN) last
    undated = np.isnan(days)
    found_rows: list[np.ndarray] = [np.zeros(0, dtype=np.int64)]
    found_cols: list[np.ndarray] = [np.zeros(0, dtype=np.int64)]
    for start in range(0, n, step):
        block = by_day[start : start + step]
        near = _reachable(days, days[block], undated, config.window_days)
        product = (matrix[block] @ matrix[near].T).tocsr()
        keep = product.data >= config.threshold
        r = block[np.repeat(np.arange(len(block)), np.diff(product.indptr))[keep]]
        c = near[product.indices[keep]]
        inside = ~_too_far_pairs(days[r], days[c], config.window_days)
        found_rows.append(r[inside])
        found_cols.append(c[inside])
    return np.concatenate(found_rows), np.concatenate(found_cols)


def _reachable(days: np.ndarray, block_days: np.ndarray, undated: np.ndarray, window: int) -> np.ndarray:
    """The articles some article of a block (dated ``block_days``) may share a story with: those dated within
    ``window`` days of the block's dates, and the undated; every article when the block holds an undated one."""
    if np.isnan(block_days).any():
        return np.arange(len(days))
    with np.errstate(invalid="ignore"):
        inside = (days >= block_days.min() - window) & (days <= block_days.max() + window)
    return np.flatnonzero(inside | undated)


def _too_far_pairs(days_a: np.ndarray, days_b: np.ndarray, window: int) -> np.ndarray:
    """For pairs (``days_a[k]``, ``days_b[k]``, or as the arrays broadcast): both dates known and more than
    ``window`` days apart (NaN compares False)."""
    with np.errstate(invalid="ignore"):
        return np.abs(days_a - days_b) > window


def _average_link(
    vectors: _Vectors, index: np.ndarray, days: np.ndarray, settings: Settings
) -> list[np.ndarray]:
    """Average-link groups of some articles: merge while the mean similarity is at least the threshold.

    Runs scipy's average linkage on cosine distances and cuts the tree at ``1 - threshold`` (average
    linkage never inverts, so the cut equals stopping there). A pair outside the date window gets a
    distance so large that any group holding both ends of it averages beyond every cut: such articles
    never share a story.
    """
    if len(index) == 1:
        return [index]
    rows = vectors.matrix[index]
    distance = (rows @ rows.T).toarray()
    _discount_other_years([vectors.articles[k] for k in index], distance, settings.of(GroupConfig).year_discount)
    np.subtract(1.0, distance, out=distance)
    np.clip(distance, 0.0, None, out=distance)
    distance[_too_far(days[index], days[index], settings.of(GroupConfig).window_days)] = float(len(index)) ** 2
    np.fill_diagonal(distance, 0.0)
    tree = linkage(squareform(distance, checks=False), method="average")
    del distance
    labels = fcluster(tree, t=1.0 - settings.of(GroupConfig).threshold, criterion="distance")
    order = np.argsort(labels, kind="stable")
    bounds = np.flatnonzero(np.diff(labels[order])) + 1
    return [index[np.sort(group)] for group in np.split(order, bounds)]


def _years(article: Article) -> frozenset[str]:
    """Years a report names, and the year it was published in (a dateline lifted out of the text)."""
    published = article.published.value if article.published else ""
    return frozenset(_YEAR.findall(f"{article.title or ''} {article.text} {published}"))


def _discount_other_years(articles: Sequence[Article], sim: np.ndarray, discount: float) -> None:
    """Two reports that both name years, none of them shared, are rarely about the same event (the
    2008 earthquake and the 2011 one use the same words): their similarity counts ``discount``
    times. Measured on ECB+ dev event B³-F1 0.882 -> 0.900 (with threshold 0.18), NeuS val 0.857 -> 0.856."""
    years = [_years(a) for a in articles]
    for i, mine in enumerate(years):
        if not mine:
            continue
        for j in range(i + 1, len(years)):
            if years[j] and mine.isdisjoint(years[j]):
                sim[i, j] *= discount
                sim[j, i] *= discount


def _similarity(vectors: _Vectors, index: np.ndarray, days: np.ndarray, window: int) -> np.ndarray:
    """Dense cosine similarities of some articles, with -inf for pairs outside the date window."""
    rows = vectors.matrix[index]
    product = (rows @ rows.T).toarray()
    sim = (product + product.T) / 2  # exactly symmetric, so ties break the same way every time
    sim[_too_far(days[index], days[index], window)] = -np.inf
    return sim


def _headline(article: Article) -> str:
    """The article's title, else its first sentence."""
    if article.title and article.title.strip():
        return article.title.strip()
    if article.sentences:
        start, end = article.sentences[0]
        return article.text[start:end].strip()
    return _SENTENCE_END.split(article.text.strip(), maxsplit=1)[0].strip()


def _short(text: str, limit: int = 60) -> str:
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


def _shared_terms(vectors: _Vectors, index: np.ndarray, count: int = 5) -> list[str]:
    """The heaviest word features present in at least two members."""
    words = vectors.matrix[index]
    present = np.asarray((words > 0).sum(axis=0)).ravel()
    weight = np.asarray(words.sum(axis=0)).ravel() * (present >= 2)
    top = [k for k in np.argsort(-weight, kind="stable")[:count] if weight[k] > 0]
    return [str(vectors.terms[k]) for k in top]


def _date_notes(members: Sequence[Article], days: np.ndarray, window: int) -> list[str]:
    """The span of publication dates, and any ``published`` value that could not be read as a date."""
    notes = [
        f"{a.id}: published {a.published.value!r} is not an ISO date, so no date window applies to it"
        for a, day in zip(members, days, strict=True)
        if a.published is not None and np.isnan(day)
    ]
    known = days[~np.isnan(days)]
    if len(known):
        first, last = (date.fromordinal(int(d)).isoformat() for d in (known.min(), known.max()))
        span = first if first == last else f"{first} to {last}"
        notes.insert(0, f"published {span} (articles more than {window} days apart never share a story)")
    return notes


def _why(vectors: _Vectors, index: np.ndarray, sim: np.ndarray, centre: int, settings: Settings) -> list[str]:
    articles = vectors.articles
    if len(index) == 1:
        return [f"no other article reached average similarity {settings.of(GroupConfig).threshold:.2f}"]
    reasons = [f"most central: {articles[index[centre]].id}"]
    terms = _shared_terms(vectors, index)
    if terms:
        reasons.append("shared terms: " + ", ".join(terms))
    for k, member in enumerate(index):
        row = np.where(np.arange(len(index)) == k, -np.inf, sim[k])
        nearest = int(np.argmax(row))
        title = _short(_headline(articles[index[nearest]]))
        reasons.append(f"{articles[member].id}: similarity {row[nearest]:.2f} to '{title}'")
    return reasons


def _story(vectors: _Vectors, index: np.ndarray, days: np.ndarray, settings: Settings) -> Story:
    """One story from the member indices (sorted by id): central title, whole-article segments, reasons."""
    sim = _similarity(vectors, index, days, settings.of(GroupConfig).window_days)
    finite = np.where(np.isfinite(sim), sim, 0.0)
    centrality = np.round(finite.sum(axis=1) - np.diag(finite), 9)  # rounded: a tie goes to the lowest id
    centre = int(np.argmax(centrality))
    members = [vectors.articles[k] for k in index]
    # The title: the most central member that has a headline of its own; a first sentence only when
    # no member has one.
    titled = [k for k in np.argsort(-centrality, kind="stable") if members[k].title]
    return Story(
        id=story_id(a.id for a in members),
        title=_headline(members[titled[0] if titled else centre]),
        segments=tuple(Span(a.id, 0, len(a.text)) for a in members),
        why=tuple(
            _why(vectors, index, sim, centre, settings)
            + _date_notes(members, days[index], settings.of(GroupConfig).window_days)
        ),
    )


def _ordered(stories: Sequence[Story]) -> tuple[Story, ...]:
    """Largest story first, then by id."""
    return tuple(sorted(stories, key=lambda s: (-len(s.segments), s.id)))


def _check_ids(articles: Sequence[Article]) -> None:
    seen: set[str] = set()
    for article in articles:
        if article.id in seen:
            raise InputError(
                article.input,
                f"article id {article.id!r} appears twice",
                hint="give every article a unique id before grouping",
            )
        seen.add(article.id)


def cluster_articles(
    articles: Sequence[Article],
    settings: Settings = Settings(),  # noqa: B008 - Settings is frozen, so sharing it is safe
) -> tuple[Story, ...]:
    """Group articles into stories, largest first; every article lands in exactly one story.

    The result depends only on the set of articles, not on their order. A story's id is
    :func:`~newsweave.group.identity.story_id` of its member ids, so the same members always give the
    same id.
    """
    _check_ids(articles)
    if not articles:
        return ()
    vectors = _vectorise(articles, settings.of(GroupConfig).title_repeat)
    days = _days(vectors.articles)
    stories: list[Story] = []
    for component in _components(vectors, days, settings):
        for group in _average_link(vectors, component, days, settings):
            stories.append(_story(vectors, group, days, settings))
    return _ordered(stories)


def _members(story: Story, articles_by_id: Mapping[str, Article]) -> list[Article]:
    missing = [aid for aid in story.article_ids if aid not in articles_by_id]
    if missing:
        raise InputError(
            f"story {story.id}",
            f"articles {', '.join(missing)} are not in articles_by_id",
            hint="pass every member article of every story",
        )
    return [articles_by_id[aid] for aid in story.article_ids]


def _best_story(
    vectors: _Vectors, days: np.ndarray, groups: list[np.ndarray], new: int, settings: Settings
) -> int | None:
    """Index of the group with the highest average similarity to article ``new``, if above threshold."""
    row = (vectors.matrix[new] @ vectors.matrix.T).toarray().ravel()
    row[_too_far(days[[new]], days, settings.of(GroupConfig).window_days)[0]] = -np.inf
    scores = [float(row[g].mean()) if len(g) else -np.inf for g in groups]
    best = int(np.argmax(scores)) if scores else None
    return best if best is not None and scores[best] >= settings.of(GroupConfig).threshold else None


def assign_article(
    article: Article,
    stories: Sequence[Story],
    articles_by_id: Mapping[str, Article],
    settings: Settings = Settings(),  # noqa: B008 - Settings is frozen, so sharing it is safe
) -> tuple[Story, ...]:
    """Add one article to existing stories: it joins the story whose members it is most similar to on
    average (at least ``group.threshold``, every member inside the date window) or starts its own.

    TF-IDF is fitted on the new article and the stories' members. Only the story it joins is rebuilt
    (new id, title, reasons); the others are returned unchanged, in the usual order.
    """
    members = [_members(story, articles_by_id) for story in stories]
    if any(article.id == a.id for group in members for a in group):
        raise InputError(
            article.input, f"article {article.id!r} is already in a story", hint="assign each article once"
        )
    everyone = [article, *(a for group in members for a in group)]
    _check_ids(everyone)
    vectors = _vectorise(everyone, settings.of(GroupConfig).title_repeat)
    position = {a.id: k for k, a in enumerate(vectors.articles)}
    groups = [np.array(sorted(position[a.id] for a in group), dtype=int) for group in members]
    days = _days(vectors.articles)
    new = position[article.id]
    best = _best_story(vectors, days, groups, new, settings)
    result = list(stories)
    if best is None:
        result.append(_story(vectors, np.array([new]), days, settings))
    else:
        result[best] = _story(vectors, np.sort(np.append(groups[best], new)), days, settings)
    return _ordered(result)
