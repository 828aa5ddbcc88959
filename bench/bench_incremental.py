"""Batch by batch against one shot: do stories that cross batch boundaries end up as in a single run, and what
does each batch cost?

1. Grouping (newsweave.eval.incremental): the labelled articles (ECB+ dev, NeuS val) are read as the engine
   reads them, shuffled with a fixed seed, undated as the files give them, and grouped all at once and in
   BATCHES batches, each joining the stories of the ones before (``grow_stories``, what ``analyze NEW --db
   STORE`` does). Agreement is the B³ F1 of batch-by-batch against one shot; per batch it prints the stories
   stored before it, how many of them it grouped again, how many it changed (grew, merged, split) and how many
   stories are compared for it (the changed and the new ones: every other story is kept as stored). Stories
   are compared again only where a batch really grew them: in a shuffled file most events get a new report in
   every batch, so most stories do grow.
2. The whole application (``Workspace.analyse``, spaCy and all) on the first WS_ARTICLES shuffled NeuS articles
   in two batches, then the same input again: articles analysed and stories compared per run; the repeat must
   analyse 0 articles and compare 0 stories.

    OMP_NUM_THREADS=1 .venv/bin/python bench/bench_incremental.py [BATCHES]

Prints the figures, then one JSON list on the last line.
"""

from __future__ import annotations

import json
import sys
import time
from pathlib import Path

from newsweave.app import Workspace
from newsweave.config import Settings
from newsweave.eval.clustering import _assignment, b_cubed
from newsweave.eval.incremental import batch_by_batch, shuffled
from newsweave.group.stories import find_stories
from newsweave.model import Article

DATA = Path(__file__).resolve().parents[1] / ".." / "shared" / "data"
SETS = {"ecbplus-dev": DATA / "ecbplus-dev" / "articles.jsonl", "neus-val": DATA / "neus" / "val.jsonl"}
WS_ARTICLES = 30


def agreement(path: Path, batches: int, settings: Settings = Settings()) -> dict:  # noqa: B008
    articles, gold = shuffled(path)
    t0 = time.perf_counter()
    once = _assignment(find_stories(articles, settings))
    once_s = time.perf_counter() - t0
    t0 = time.perf_counter()
    run = batch_by_batch(articles, batches, settings)
    grown_s = time.perf_counter() - t0
    grown = _assignment(run.stories)
    p, r, f1 = b_cubed(grown, once)
    later = run.batches[1:]
    stored = sum(b.stored for b in later)
    return {"articles": len(articles), "batches": batches, "agreement_f1": round(f1, 4),
            "agreement_p": round(p, 4), "agreement_r": round(r, 4),
            "one_shot_gold_f1": round(b_cubed(once, gold)[2], 4), "batches_gold_f1": round(b_cubed(grown, gold)[2], 4),
            "regrouped_share": round(sum(b.regrouped for b in later) / max(1, stored), 4),
            "changed_share": round(sum(b.changed for b in later) / max(1, stored), 4),
            "per_batch": [{"articles": b.articles, "stored": b.stored, "regrouped": b.regrouped, "changed": b.changed,
                           "compared": b.compared} for b in run.batches],
            "one_shot_s": round(once_s, 2), "batches_s": round(grown_s, 2)}


class Counts:
    """A Progress keeping the total each phase announced."""

    def __init__(self) -> None:
        self.totals: dict[str, int] = {}

    def phase(self, name: str, total: int | None = None, unit: str = "article") -> None:
        self.totals[name] = self.totals.get(name, 0) + (total or 0)

    def update(self, n: int = 1) -> None:
        return None


def _run(ws: Workspace, batch: list[Article]) -> dict[str, int]:
    """One ``analyze BATCH --db STORE``: the batch's articles not stored yet are added, then analysed."""
    known = ws.store.article_ids()
    ws.store.put_articles([a for a in batch if a.id not in known])
    seen = Counts()
    ws.analyse(progress=seen)
    return {"analysed": seen.totals.get("analysing", 0), "compared": seen.totals.get("comparing", 0)}


def workspace_runs(path: Path) -> list[dict[str, int]]:
    articles, _ = shuffled(path, WS_ARTICLES)
    half = len(articles) // 2
    with Workspace.open(":memory:") as ws:
        return [_run(ws, articles[:half]), _run(ws, articles[half:]), _run(ws, articles)]


def main() -> None:
    batches = int(sys.argv[1]) if len(sys.argv) > 1 else 5
    rows = []
    for name, path in SETS.items():
        got = agreement(path, batches)
        print(f"{name}: {got['articles']} articles in {batches} batches: agreement with one shot B3 F1 "
              f"{got['agreement_f1']:.4f} (P {got['agreement_p']:.4f}, R {got['agreement_r']:.4f}); gold event F1 "
              f"one shot {got['one_shot_gold_f1']:.4f}, batch by batch {got['batches_gold_f1']:.4f}; "
              f"grouping {got['one_shot_s']:.1f}s one shot, {got['batches_s']:.1f}s in batches")
        for k, b in enumerate(got["per_batch"], 1):
            print(f"  batch {k}: {b['articles']} articles, {b['stored']} stories stored before, {b['regrouped']} "
                  f"grouped again, {b['changed']} changed (grew, merged, split), {b['compared']} compared")
        print(f"  later batches grouped again {got['regrouped_share']:.1%} and changed {got['changed_share']:.1%} "
              "of the stored stories")
        rows.append({"name": f"incremental_{name}", "metric": "batch_vs_one_shot_b3_f1", "value": got["agreement_f1"],
                     **{k: v for k, v in got.items() if k != "agreement_f1"}})
    first, second, again = workspace_runs(SETS["neus-val"])
    print(f"workspace, {WS_ARTICLES} NeuS articles: batch 1 analysed {first['analysed']} articles and compared "
          f"{first['compared']} stories; batch 2 {second['analysed']} and {second['compared']}; the same input again "
          f"{again['analysed']} articles re-analysed, {again['compared']} stories recompared")
    rows.append({"name": "incremental_rerun", "metric": "articles_reanalysed", "value": again["analysed"],
                 "stories_recompared": again["compared"], "batch_1": first, "batch_2": second})
    print(json.dumps(rows))


if __name__ == "__main__":
    main()
