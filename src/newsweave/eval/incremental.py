"""Batch by batch against one shot: do stories that cross batch boundaries end up as in a single run?

Labelled articles are shuffled with a fixed seed (the files list them story by story, which would make batches
too easy) and grouped two ways: all at once (:func:`~newsweave.group.stories.find_stories`, what
``analyze --regroup`` does), and in equal batches, each joining the stories of the ones before
(:func:`~newsweave.group.incremental.grow_stories`, what ``analyze NEW --db STORE`` does). Agreement is the B³
F1 of the batch-by-batch grouping scored against the one-shot one (1.0: the same stories). Each batch also says
what it cost: how many stored stories it grouped again, how many it changed (grew, merged, split), and how many
stories the application compares for it (the changed and the new ones; the others are kept as stored).
"""

from __future__ import annotations

import random
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from ..config import Settings
from ..group.incremental import grow_stories
from ..group.stories import find_stories
from ..model import Article, Story
from .clustering import _as_engine_reads, _assignment, b_cubed, load_labelled

__all__ = ["SEED", "Batch", "BatchRun", "agreement", "batch_by_batch", "shuffled"]

SEED = 14


@dataclass(frozen=True, slots=True)
class Batch:
    """One batch: its articles, the stories stored before it, how many of those it grouped again and how many
    it changed (grew, merged or split), and how many stories the application compares for it (the changed and
    the new ones; every other story is kept as stored)."""

    articles: int
    stored: int
    regrouped: int
    changed: int
    compared: int


@dataclass(frozen=True, slots=True)
class BatchRun:
    stories: tuple[Story, ...]
    batches: tuple[Batch, ...]


def shuffled(path: Path, limit: int | None = None) -> tuple[list[Article], dict[str, str]]:
    """The labelled articles of ``path`` as the engine reads them, shuffled with :data:`SEED` (the first
    ``limit``), and their gold events."""
    data = load_labelled(path)
    articles = _as_engine_reads(data.articles)
    random.Random(SEED).shuffle(articles)
    articles = articles[:limit] if limit else articles
    return articles, {a.id: data.event[a.id] for a in articles}


def batch_by_batch(articles: Sequence[Article], batches: int, settings: Settings = Settings()) -> BatchRun:  # noqa: B008
    """Stories grown one batch at a time, as repeated ``analyze BATCH --db STORE`` runs grow them."""
    by_id = {a.id: a for a in articles}
    size = -(-len(articles) // batches)
    stories: tuple[Story, ...] = ()
    done: list[Batch] = []
    for start in range(0, len(articles), size):
        new = articles[start : start + size]
        grown = grow_stories(stories, by_id, new, settings, find_stories)
        done.append(Batch(len(new), len(stories), grown.regrouped, len(grown.replaced), len(grown.touched)))
        stories = grown.stories
    return BatchRun(stories, tuple(done))


def agreement(articles: Sequence[Article], batches: int, settings: Settings = Settings()) -> float:  # noqa: B008
    """B³ F1 of the batch-by-batch grouping of ``articles`` against grouping them all at once."""
    run = batch_by_batch(articles, batches, settings)
    return b_cubed(_assignment(run.stories), _assignment(find_stories(articles, settings)))[2]
