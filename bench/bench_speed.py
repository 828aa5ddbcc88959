"""Single-thread throughput of the per-article analysis and of the whole run, on ECB+ dev articles.

Run with `make bench` (which pins BLAS/OpenMP to one thread) or directly:
    OMP_NUM_THREADS=1 .venv/bin/python bench/bench_speed.py [N]
Prints a human-readable breakdown (seconds per stage), then one JSON list on the last line.
"""

from __future__ import annotations

import json
import sys
import time
from collections import defaultdict
from pathlib import Path

import newsweave
from newsweave.api import STORY_STAGES, article_pipeline, normalise_many
from newsweave.model import Meta, RawDocument
from newsweave.pipeline import Context, StoryContext

DATA = Path(__file__).resolve().parents[2] / "shared" / "data" / "ecbplus-dev" / "articles.jsonl"


def main() -> None:
    limit = int(sys.argv[1]) if len(sys.argv) > 1 else 200
    if not DATA.exists():
        print(json.dumps([{"name": "speed", "metric": "skipped", "value": None, "why": f"{DATA} absent"}]))
        return
    rows = [json.loads(line) for line in DATA.read_text(encoding="utf-8").splitlines()[:limit]]
    docs = [RawDocument(f"ecb:{r['id']}", r["text"], "record", (("title", Meta(r["title"], "record")),))
            for r in rows]
    started = time.perf_counter()
    articles, _ = normalise_many(docs)
    normalise_s = time.perf_counter() - started
    newsweave.analyse_article(articles[0])  # load the spaCy model outside the timing
    per_stage: dict[str, float] = defaultdict(float)
    analysed = []
    settings = newsweave.Settings()
    t0 = time.perf_counter()
    for article in articles:
        for stage in article_pipeline().stages:
            s = time.perf_counter()
            article = stage.func(article, Context.of(settings))
            per_stage[stage.name] += time.perf_counter() - s
        analysed.append(article)
    analyse_s = time.perf_counter() - t0
    t1 = time.perf_counter()
    stories = newsweave.find_stories(analysed)
    group_s = time.perf_counter() - t1
    context = StoryContext({a.id: a for a in analysed}, settings)
    story_stage_s: dict[str, float] = defaultdict(float)
    for story in stories:
        for stage in STORY_STAGES:
            s = time.perf_counter()
            story = stage.func(story, context)
            story_stage_s[stage.name] += time.perf_counter() - s
    compare_s = sum(story_stage_s.values())
    total = normalise_s + analyse_s + group_s + compare_s
    n = len(articles)
    print(f"{n} ECB+ dev articles, one thread")
    print(f"  normalise {normalise_s:7.2f}s")
    for name, sec in per_stage.items():
        print(f"  analyse:{name:14s} {sec:7.2f}s  ({sec / n * 1000:.1f} ms/article)")
    print(f"  group     {group_s:7.2f}s ({len(stories)} stories)")
    for name, sec in story_stage_s.items():
        print(f"  compare:{name:14s} {sec:7.2f}s")
    print(f"  per-article analysis: {n / analyse_s:.1f} articles/s; whole run: {n / total:.1f} articles/s")
    print(json.dumps([
        {"name": "speed", "metric": "analysis_articles_per_s", "value": round(n / analyse_s, 2), "articles": n},
        {"name": "speed", "metric": "whole_run_articles_per_s", "value": round(n / total, 2), "articles": n},
    ]))


if __name__ == "__main__":
    main()
