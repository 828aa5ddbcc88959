"""Incremental story assignment that scales: a new article is scored only against candidate stories.

:func:`~newsweave.group.clustering.cluster_articles` compares every article with every other one, which
is right for a few thousand reports and wrong for a million. :class:`StoryIndex` assigns articles one at
a time instead, and never looks at the whole past:

1. **Time blocking.** Only articles and stories inside a retention horizon are kept: ``window`` days
   (``group.window_days``) either side of an article, plus ``lateness_days`` for articles that
   arrive out of date order. When the newest date seen moves on, older days are dropped from the index.
   Articles without a date are not time-blocked (as in ``cluster_articles``) and are never dropped.
2. **Candidates from MinHash LSH** (datasketch). Each article's shingles (its distinct content words,
   title first, up to ``lead_words`` of them) go into a MinHash; LSH with ``bands`` bands returns the
   kept articles likely to share many of them. Their stories are the candidates.
3. **Scoring candidates only.** An article is a sublinear TF-IDF vector (title repeated, English stop
   words dropped, hashed features, document frequencies counted as articles arrive). Each story keeps
   the sum of its members' vectors, so the average cosine similarity to all members — the
   average-link score ``cluster_articles`` uses — costs one sparse dot product. The article joins the
   best candidate at or above ``group.threshold`` whose members all lie inside the date
   window, or starts a story of its own.

Cost per article is bounded by the articles per day, not by the size of the corpus; memory by the
retention horizon. The result depends on arrival order (``cluster_articles``' does not). A story's id is
the id of its founding member set, :func:`~newsweave.group.identity.story_id` of the article that
started it (the id batch grouping gives that one-article story), and it never changes as the story
grows. The application keeps a stored story's id the same way when it regroups (a story that only grew keeps
it: :func:`~newsweave.group.identity.keep_ids`), and :func:`~newsweave.group.identity.aliases` says where
the id of a story that was merged or split went.
"""

from __future__ import annotations

import heapq
import math
import re
import zlib
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date

import numpy as np
from datasketch import MinHash
from sklearn.feature_extraction.text import ENGLISH_STOP_WORDS

from ..config import Settings
from ..errors import ConfigError, InputError
from ..model import Article, Span, Story
from ..normalise.furniture import similarity_text
from .clustering import _headline, _published_day, _years
from .config import GroupConfig
from .identity import story_id

__all__ = ["Assignment", "IndexOptions", "StoryIndex", "StorySummary", "index_stories"]

_WORD = re.compile(r"(?u)\b\w\w+\b")  # scikit-learn's default token pattern
_STOP = frozenset(ENGLISH_STOP_WORDS)


@dataclass(frozen=True, slots=True)
class IndexOptions:
    """Knobs of the index; the defaults are the ones measured in ``bench/bench_scale.py``."""

    num_perm: int = 64
    keywords: int = 32
    min_hits: int = 3
    max_candidates: int = 48
    lateness_days: int = 7
    feature_bits: int = 22
    seed: int = 1

    def __post_init__(self) -> None:
        if not 1 <= self.min_hits <= self.num_perm:
            raise ConfigError(
                f"min_hits must be between 1 and num_perm ({self.num_perm}), got {self.min_hits}"
            )


@dataclass(frozen=True, slots=True)
class Assignment:
    """Where one article went: its story, whether that story is new, the score and candidates seen."""

    article_id: str
    story_id: str
    created: bool
    score: float
    candidates: int


@dataclass(frozen=True, slots=True)
class StorySummary:
    """What the index knows of a story it holds: id, title (its first article's), size, date range."""

    id: str
    title: str
    size: int
    first: str | None
    last: str | None


@dataclass(slots=True)
class _StoryState:
    id: str
    title: str
    first: int | None
    last: int | None
    size: int = 0
    ids: np.ndarray = field(default_factory=lambda: np.empty(0, np.int64))
    weights: np.ndarray = field(default_factory=lambda: np.empty(0, np.float64))
    years: list[frozenset[str]] = field(default_factory=list)


@dataclass(frozen=True, slots=True)
class _Features:
    day: int | None
    ids: np.ndarray
    weights: np.ndarray
    minhash: MinHash
    years: frozenset[str] = frozenset()


def _year_factor(mine: frozenset[str], members: Sequence[frozenset[str]], discount: float) -> float:
    """The batch clustering's year rule on an average: members whose named years are disjoint from
    the article's count ``discount`` of their similarity (the story keeps only the sum of its
    members' vectors, so the discount is spread evenly over the average)."""
    if not mine or not members:
        return 1.0
    other = sum(1 for years in members if years and mine.isdisjoint(years))
    return 1.0 - (1.0 - discount) * other / len(members)


def _tokens(article: Article, title_repeat: int) -> list[str]:
    title = article.title or ""
    text = "\n".join([title] * title_repeat + [similarity_text(article.text)]).lower()
    return [w for w in _WORD.findall(text) if w not in _STOP]


def _within(first: int | None, last: int | None, day: int | None, window: int) -> bool:
    """Whether an article on ``day`` keeps every member of a story inside the date window."""
    if day is None or first is None or last is None:
        return True
    return max(last, day) - min(first, day) <= window


def _add_sparse(ids: np.ndarray, weights: np.ndarray, more_ids: np.ndarray, more: np.ndarray) -> tuple:
    joined = np.concatenate([ids, more_ids])
    unique, inverse = np.unique(joined, return_inverse=True)
    return unique, np.bincount(inverse, weights=np.concatenate([weights, more]), minlength=len(unique))


class _BandTables:
    """LSH tables with one MinHash value per band, answering with each held article's collision count.

    datasketch's ``MinHashLSH`` returns only the union of matching keys; counting collisions lets the
    index require ``min_hits`` of them and score the most-colliding stories first, which keeps the
    candidates few when a day's news shares common words.
    """

    def __init__(self) -> None:
        self._buckets: dict[tuple[int, int], set[str]] = {}
        self._keys: dict[str, list[tuple[int, int]]] = {}

    def insert(self, article_id: str, minhash: MinHash) -> None:
        keys = list(enumerate(minhash.hashvalues.tolist()))
        self._keys[article_id] = keys
        for key in keys:
            self._buckets.setdefault(key, set()).add(article_id)

    def remove(self, article_id: str) -> None:
        for key in self._keys.pop(article_id):
            bucket = self._buckets[key]
            bucket.discard(article_id)
            if not bucket:
                del self._buckets[key]

    def collisions(self, minhash: MinHash) -> Counter[str]:
        counts: Counter[str] = Counter()
        for key in enumerate(minhash.hashvalues.tolist()):
            bucket = self._buckets.get(key)
            if bucket:
                counts.update(bucket)
        return counts


class StoryIndex:
    """Assigns articles to stories one at a time (see the module docstring for how and at what cost)."""

    def __init__(self, settings: Settings = Settings(), options: IndexOptions = IndexOptions()) -> None:  # noqa: B008 - frozen
        self.settings = settings
        self.options = options
        self._tables = _BandTables()
        self._permutations = MinHash(
            num_perm=options.num_perm, seed=options.seed, scheme="affine32"
        ).permutations
        self._df = np.zeros(1 << options.feature_bits, dtype=np.int32)
        self._scratch = np.zeros(1 << options.feature_bits, dtype=np.float64)  # the article, dense
        self._documents = 0
        self._stories: dict[str, _StoryState] = {}
        self._story_of: dict[str, str] = {}
        self._days: dict[int, list[str]] = {}
        self._day_heap: list[int] = []
        self._story_heap: list[tuple[int, str]] = []
        self._newest: int | None = None
        self.created = 0
        self.joined = 0
        self.evicted_articles = 0
        self.evicted_stories = 0

    def __len__(self) -> int:
        """Articles currently held (inside the retention horizon, or undated)."""
        return len(self._story_of)

    def __contains__(self, article_id: object) -> bool:
        return article_id in self._story_of

    @property
    def active_stories(self) -> int:
        return len(self._stories)

    def story(self, story_id: str) -> StorySummary | None:
        """The story ``story_id`` if the index still holds it (it drops stories past the horizon)."""
        state = self._stories.get(story_id)
        if state is None:
            return None
        first, last = (
            None if d is None else date.fromordinal(d).isoformat() for d in (state.first, state.last)
        )
        return StorySummary(state.id, state.title, state.size, first, last)

    def add(self, article: Article, into: str | None = None) -> Assignment:
        """Assign ``article`` to its best candidate story or a new one; ``into`` forces a story id (to
        rebuild an index from stored assignments). InputError when the article is already held."""
        if article.id in self._story_of:
            raise InputError(
                article.input,
                f"article {article.id!r} is already in the index",
                hint="assign each article once",
            )
        features = self._features(article)
        if into is not None:
            candidates, best, score = 0, self._stories.get(into), 1.0
        else:
            candidates, best, score = self._best(features)
        created = best is None
        if best is None:
            best = _StoryState(
                into or story_id((article.id,)), _headline(article), features.day, features.day
            )
            self._stories[best.id] = best
        self._join(best, article.id, features)
        self._hold(article.id, features)
        self._evict(features.day)
        return Assignment(article.id, best.id, created, round(score, 6), candidates)

    def add_many(self, articles: Iterable[Article]) -> list[Assignment]:
        return [self.add(article) for article in articles]

    def _features(self, article: Article, count: bool = True) -> _Features:
        """The article's hashed TF-IDF vector and MinHash; ``count`` adds it to the document frequencies."""
        tokens = _tokens(article, self.settings.of(GroupConfig).title_repeat)
        mask = (1 << self.options.feature_bits) - 1
        hashed = np.fromiter((zlib.crc32(w.encode("utf-8")) & mask for w in tokens), np.int64, len(tokens))
        ids, counts = np.unique(hashed, return_counts=True)
        documents, df = self._documents + 1, self._df[ids].astype(np.float64) + 1
        if count:
            self._documents += 1
            self._df[ids] += 1
        idf = np.log((1 + documents) / (1 + df)) + 1.0
        weights = (1.0 + np.log(counts)) * idf
        norm = math.sqrt(float(weights @ weights)) or 1.0
        minhash = MinHash(num_perm=self.options.num_perm, permutations=self._permutations, scheme="affine32")
        top = ids[np.argsort(-weights, kind="stable")[: self.options.keywords]]
        minhash.update_batch([int(k).to_bytes(4, "little") for k in top])
        return _Features(_published_day(article), ids, weights / norm, minhash, _years(article))

    def near(self, article: Article, floor: float) -> list[tuple[str, float]]:
        """The held stories ``article`` scores at least ``floor`` against (its average similarity to their
        members, as :meth:`add` scores it), best first; the article is not added and the index is unchanged."""
        scored = self._scored(self._features(article, count=False))[1]
        return sorted(((state.id, score) for state, score in scored if score >= floor), key=lambda x: (-x[1], x[0]))

    def _best(self, features: _Features) -> tuple[int, _StoryState | None, float]:
        """Candidates scored, the best eligible story (or None) and its average similarity."""
        candidates, scored = self._scored(features)
        best, best_score = None, -1.0
        for state, score in scored:
            if score > best_score or (score == best_score and best is not None and state.id < best.id):
                best, best_score = state, score
        if best is None or best_score < self.settings.of(GroupConfig).threshold:
            return candidates, None, max(best_score, 0.0)
        return candidates, best, best_score

    def _scored(self, features: _Features) -> tuple[int, list[tuple[_StoryState, float]]]:
        """How many candidate stories there are, and each with the article's average similarity to it."""
        hits: dict[str, int] = {}
        story_of, least = self._story_of, self.options.min_hits
        for article_id, count in self._tables.collisions(features.minhash).items():
            if count >= least and hits.get(sid := story_of[article_id], 0) < count:
                hits[sid] = count
        window = self.settings.of(GroupConfig).window_days
        eligible = [
            (sid, count)
            for sid, count in hits.items()
            if _within(self._stories[sid].first, self._stories[sid].last, features.day, window)
        ]  # outside the window first, so that stories the article may not join never crowd out those it may
        ranked = sorted(eligible, key=lambda item: (-item[1], item[0]))[: self.options.max_candidates]
        scored = []
        self._scratch[features.ids] = features.weights
        try:
            for sid, _ in ranked:
                state = self._stories[sid]
                score = float(self._scratch[state.ids] @ state.weights) / state.size
                score *= _year_factor(features.years, state.years, self.settings.of(GroupConfig).year_discount)
                scored.append((state, score))
        finally:
            self._scratch[features.ids] = 0.0
        return len(ranked), scored

    def _join(self, state: _StoryState, article_id: str, features: _Features) -> None:
        if state.size:
            self.joined += 1
        else:
            self.created += 1
        state.ids, state.weights = _add_sparse(state.ids, state.weights, features.ids, features.weights)
        state.size += 1
        state.years.append(features.years)
        if features.day is not None:
            state.first = features.day if state.first is None else min(state.first, features.day)
            state.last = features.day if state.last is None else max(state.last, features.day)
            heapq.heappush(self._story_heap, (state.last, state.id))
        self._story_of[article_id] = state.id

    def _hold(self, article_id: str, features: _Features) -> None:
        self._tables.insert(article_id, features.minhash)
        if features.day is None:
            return
        if features.day not in self._days:
            self._days[features.day] = []
            heapq.heappush(self._day_heap, features.day)
        self._days[features.day].append(article_id)

    def _evict(self, day: int | None) -> None:
        """Drop days and stories too old for any article inside the lateness allowance to reach."""
        if day is None or (self._newest is not None and day <= self._newest):
            return
        self._newest = day
        cutoff = day - self.options.lateness_days - self.settings.of(GroupConfig).window_days
        while self._day_heap and self._day_heap[0] < cutoff:
            for article_id in self._days.pop(heapq.heappop(self._day_heap)):
                self._tables.remove(article_id)
                del self._story_of[article_id]
                self.evicted_articles += 1
        while self._story_heap and self._story_heap[0][0] < cutoff:
            last, sid = heapq.heappop(self._story_heap)
            state = self._stories.get(sid)
            if state is not None and state.last == last:
                del self._stories[sid]
                self.evicted_stories += 1


def index_stories(
    articles: Sequence[Article],
    settings: Settings = Settings(),  # noqa: B008 - Settings is frozen, so sharing it is safe
    options: IndexOptions = IndexOptions(),  # noqa: B008 - frozen
) -> tuple[Story, ...]:
    """Stories from :class:`StoryIndex`, fed in date order (undated first, then by id), shaped like
    :func:`~newsweave.group.clustering.cluster_articles`' result (largest first, then by id)."""
    ordered = sorted(articles, key=lambda a: (_published_day(a) or 0, a.id))
    index = StoryIndex(settings, options)
    members: dict[str, list[Article]] = {}
    titles: dict[str, str] = {}
    for article in ordered:
        assignment = index.add(article)
        members.setdefault(assignment.story_id, []).append(article)
        titles.setdefault(assignment.story_id, _headline(article))
    stories = [
        Story(
            id=sid,
            title=titles[sid],
            segments=tuple(Span(a.id, 0, len(a.text)) for a in group),
            why=(f"assigned incrementally by the story index ({len(group)} articles)",),
        )
        for sid, group in members.items()
    ]
    return tuple(sorted(stories, key=lambda s: (-len(s.segments), s.id)))
