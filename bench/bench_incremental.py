"""Batch by batch against one shot: do stories that cross batch boundaries end up as in a single run?

The labelled articles (ECB+ dev, NeuS val) are read as the engine reads them, shuffled with a fixed seed (the
files list them story by story, which would make batches too easy) and grouped two ways:

- one shot: every article at once (``find_stories``, what ``analyze --regroup`` does);
- batch by batch: in BATCHES equal batches, each joining the stories of the ones before
  (``app.incremental.grow_stories``, what ``analyze NEW --db STORE`` does).

Agreement is B³ F1 of the batch-by-batch grouping scored against the one-shot one (1.0: the same stories);
both are also scored against the gold events.

    OMP_NUM_THREADS=1 .venv/bin/python bench/bench_incremental.py [BATCHES]

Prints the figures, then one JSON list on the last line.
"""

from __future__ import annotations

import json
import random
import sys
import time
from pathlib import Path

from newsweave.app.incremental import grow_stories
from newsweave.config import Settings
from newsweave.eval.clustering import _as_engine_reads, _assignment, b_cubed, load_labelled
from newsweave.group.stories import find_stories
from newsweave.model import Article, Story

DATA = Path(__file__).resolve().parents[1] / ".." / "shared" / "data"
SETS = {"ecbplus-dev": DATA / "ecbplus-dev" / "articles.jsonl", "neus-val": DATA / "neus" / "val.jsonl"}
SEED = 14


def batch_by_batch(articles: list[Article], batches: int, settings: Settings) -> tuple[tuple[Story, ...], float]:
    """Stories grown one batch at a time, as repeated ``analyze BATCH --db STORE`` runs grow them, and the share
    of the stored stories the later batches grouped again (what incremental saves: 1.0 would be a full regroup)."""
    by_id = {a.id: a for a in articles}
    size = -(-len(articles) // batches)
    stories: tuple[Story, ...] = ()
    stored = regrouped = 0
    for start in range(0, len(articles), size):
        grown = grow_stories(stories, by_id, articles[start : start + size], settings, find_stories)
        stored, regrouped = stored + len(stories), regrouped + len(grown.replaced)
        stories = grown.stories
    return stories, regrouped / max(1, stored)


def agreement(path: Path, batches: int, settings: Settings = Settings(), limit: int | None = None) -> dict:  # noqa: B008
    data = load_labelled(path)
    articles = _as_engine_reads(data.articles)
    random.Random(SEED).shuffle(articles)
    articles = articles[:limit] if limit else articles
    gold = {a.id: data.event[a.id] for a in articles}
    t0 = time.perf_counter()
    once = _assignment(find_stories(articles, settings))
    once_s = time.perf_counter() - t0
    t0 = time.perf_counter()
    grown_stories, share = batch_by_batch(articles, batches, settings)
    grown = _assignment(grown_stories)
    grown_s = time.perf_counter() - t0
    p, r, f1 = b_cubed(grown, once)
    return {"articles": len(articles), "batches": batches, "agreement_f1": round(f1, 4),
            "agreement_p": round(p, 4), "agreement_r": round(r, 4),
            "one_shot_gold_f1": round(b_cubed(once, gold)[2], 4), "batches_gold_f1": round(b_cubed(grown, gold)[2], 4),
            "regrouped_share": round(share, 4), "one_shot_s": round(once_s, 2), "batches_s": round(grown_s, 2)}


def main() -> None:
    batches = int(sys.argv[1]) if len(sys.argv) > 1 else 5
    rows = []
    for name, path in SETS.items():
        got = agreement(path, batches)
        print(f"{name}: {got['articles']} articles in {batches} batches: agreement with one shot B3 F1 "
              f"{got['agreement_f1']:.4f} (P {got['agreement_p']:.4f}, R {got['agreement_r']:.4f}); gold event F1 "
              f"one shot {got['one_shot_gold_f1']:.4f}, batch by batch {got['batches_gold_f1']:.4f}; "
              f"grouping {got['one_shot_s']:.1f}s one shot, {got['batches_s']:.1f}s in batches, which regrouped "
              f"{got['regrouped_share']:.1%} of the stored stories")
        rows.append({"name": f"incremental_{name}", "metric": "batch_vs_one_shot_b3_f1", "value": got["agreement_f1"],
                     **{k: v for k, v in got.items() if k != "agreement_f1"}})
    print(json.dumps(rows))


if __name__ == "__main__":
    main()
