"""Clustering cost as the corpus grows: the incremental story index (``newsweave.group.index``).

Synthetic corpora are built from real development articles (NeuS train, 7,356 articles in 2,452
stories, and ECB+ dev, 772 articles in 66 events): the pool is ordered story by story (stories shuffled
with a fixed seed) and cycled; copy ``c`` of a base article is a new article that

- keeps the title and text of the base article with each word dropped with probability 0.15,
- has its sentences after the first shuffled (no words are replaced: no synonym lists),
- is re-dated: articles arrive in date order at ``--per-day`` articles a day (default 1,000), so one
  pass over the pool spans ~8 days and copies of the same base article are always more than the 7-day
  story window apart; its gold story is (base story, copy number).

Each size runs in its own process (``--sizes``, default 10000,20000 so ``make bench`` stays quick);
time is the CPU time of ``StoryIndex.add`` only (generation excluded; CPU rather than wall time
because the machine is shared), memory the peak resident set
(``resource.getrusage``) of that process, which includes Python, numpy and the base pool (~60 MB).
B³ F1 against the synthetic gold is computed for sizes up to ``--quality-max``.

    .venv/bin/python bench/bench_scale.py                               # 10k and 20k
    .venv/bin/python bench/bench_scale.py --sizes 10000,100000,1000000  # the full run (docs/scale.md)
"""

from __future__ import annotations

import argparse
import json
import math
import random
import re
import resource
import subprocess
import sys
import time
from collections.abc import Iterator
from datetime import date, timedelta
from pathlib import Path

DATA = Path(__file__).resolve().parents[2] / "shared" / "data"
NEUS = DATA / "neus" / "train.jsonl"
ECB = DATA / "ecbplus-dev" / "articles.jsonl"
START = date(2020, 1, 1)
_SENTENCE = re.compile(r"(?<=[.!?])\s+|\n+")


def _pool() -> list[tuple[str, str, str]]:
    """(story, title, text) of every base article, story by story, stories in a seeded random order."""
    stories: dict[str, list[tuple[str, str, str]]] = {}
    with NEUS.open(encoding="utf-8") as handle:
        for line in handle:
            row = json.loads(line)
            for a in row["articles"]:
                stories.setdefault(row["story"], []).append((row["story"], a["title"], a["text"]))
    with ECB.open(encoding="utf-8") as handle:
        for line in handle:
            row = json.loads(line)
            stories.setdefault("ecb-" + row["event"], []).append(
                ("ecb-" + row["event"], row["title"], row["text"])
            )
    order = sorted(stories)
    random.Random(7).shuffle(order)
    return [article for story in order for article in stories[story]]


def _perturb(rng: random.Random, text: str, keep_first: bool) -> str:
    sentences = [s for s in _SENTENCE.split(text) if s.strip()]
    head, tail = (sentences[:1], sentences[1:]) if keep_first else ([], sentences)
    rng.shuffle(tail)
    words = " ".join(head + tail).split()
    kept = [w for w in words if rng.random() >= 0.15] or words[:1]
    return " ".join(kept)


def corpus(size: int, per_day: int) -> Iterator[tuple[object, str]]:
    """(Article, gold story) for ``size`` synthetic articles, in arrival (= date) order."""
    from newsweave.model import Article, Meta

    pool = _pool()
    rng = random.Random(11)
    for i in range(size):
        story, title, text = pool[i % len(pool)]
        day = (START + timedelta(days=i // per_day)).isoformat()
        article = Article(
            id=f"syn-{i}",
            input=f"syn-{i}",
            title=_perturb(rng, title, True),
            text=_perturb(rng, text, True),
            published=Meta(day, "record"),
        )
        yield article, f"{story}-c{i // len(pool)}"


def measure(size: int, per_day: int, quality_max: int) -> dict[str, float]:
    """Run one size in this process and return its figures."""
    from newsweave.eval.clustering import b_cubed
    from newsweave.group.index import StoryIndex

    index = StoryIndex()
    seconds, candidates = 0.0, 0
    pred: dict[str, str] = {}
    gold: dict[str, str] = {}
    for article, story in corpus(size, per_day):
        started = time.process_time()
        assignment = index.add(article)  # type: ignore[arg-type]
        seconds += time.process_time() - started
        candidates += assignment.candidates
        if size <= quality_max:
            pred[assignment.article_id], gold[assignment.article_id] = assignment.story_id, story
    peak_mib = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    figures = {
        "size": size,
        "seconds": round(seconds, 2),
        "us_per_article": round(seconds / size * 1e6, 1),
        "peak_mib": round(peak_mib, 1),
        "held_articles": len(index),
        "stories": index.created,
        "mean_candidates": round(candidates / size, 2),
    }
    if pred:
        figures["b3_f1"] = round(b_cubed(pred, gold)[2], 4)
    return figures


def _child(size: int, args: argparse.Namespace) -> dict[str, float]:
    command = [
        sys.executable,
        __file__,
        "--one",
        str(size),
        "--per-day",
        str(args.per_day),
        "--quality-max",
        str(args.quality_max),
    ]
    done = subprocess.run(command, capture_output=True, text=True, check=True)
    return json.loads(done.stdout.strip().splitlines()[-1])


def _growth(rows: list[dict[str, float]]) -> list[float | None]:
    """Time per article growth per doubling of the corpus, from each size to the next."""
    out: list[float | None] = [None]
    for a, b in zip(rows, rows[1:], strict=False):
        doublings = math.log2(b["size"] / a["size"])
        out.append(round((b["us_per_article"] / a["us_per_article"]) ** (1 / doublings), 3))
    return out


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="10000,20000", help="comma-separated corpus sizes")
    parser.add_argument("--per-day", type=int, default=1000, help="articles a day (arrival rate)")
    parser.add_argument("--quality-max", type=int, default=100_000, help="largest size scored with B³")
    parser.add_argument("--one", type=int, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if not (NEUS.exists() and ECB.exists()):
        print(
            json.dumps([{"name": "scale", "metric": "skipped", "value": None, "why": f"{DATA} incomplete"}])
        )
        return 0
    if args.one:
        print(json.dumps(measure(args.one, args.per_day, args.quality_max)))
        return 0
    rows = [_child(int(size), args) for size in args.sizes.split(",")]
    growth = _growth(rows)
    print(f"story index, {args.per_day} articles/day, one thread")
    print(
        f"{'articles':>9} {'seconds':>8} {'us/article':>10} {'x/doubling':>10} {'peak MiB':>9} "
        f"{'held':>7} {'cands':>6} {'B3 F1':>6}"
    )
    for row, g in zip(rows, growth, strict=True):
        print(
            f"{row['size']:>9} {row['seconds']:>8} {row['us_per_article']:>10} {g or '':>10} "
            f"{row['peak_mib']:>9} {row['held_articles']:>7} {row['mean_candidates']:>6} "
            f"{row.get('b3_f1', ''):>6}"
        )
    out = []
    for row, g in zip(rows, growth, strict=True):
        n = int(row["size"])
        out.append({"name": "scale", "metric": f"us_per_article_{n}", "value": row["us_per_article"]})
        out.append({"name": "scale", "metric": f"peak_mib_{n}", "value": row["peak_mib"]})
        if g is not None:
            out.append({"name": "scale", "metric": f"growth_per_doubling_to_{n}", "value": g})
        if "b3_f1" in row:
            out.append({"name": "scale", "metric": f"b3_f1_{n}", "value": row["b3_f1"]})
    print(json.dumps(out))
    return 0


if __name__ == "__main__":
    sys.exit(main())
