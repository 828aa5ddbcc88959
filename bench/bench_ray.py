"""Single-thread throughput: the local executor against Ray on this machine, same ECB+ dev articles.

Both run ``newsweave.api.analyse_many`` (the same stages) over the first ``--articles`` (default 200)
ECB+ dev articles, after a warm-up so that neither figure includes loading the spaCy model. Ray gets one
worker actor on a local Ray with one CPU (``ray.init(num_cpus=1, include_dashboard=False)``), so the
ratio is Ray's overhead, not parallelism. Start-up (Ray itself, the actor, its model) is reported apart.
To explain the overhead it also times pickling the articles both ways (what crossing to a worker costs).

    OMP_NUM_THREADS=1 .venv/bin/python bench/bench_ray.py [--articles 200] [--batch-size 8]
"""

from __future__ import annotations

import argparse
import json
import pickle
import sys
import time
from pathlib import Path

DATA = Path(__file__).resolve().parents[2] / "shared" / "data" / "ecbplus-dev" / "articles.jsonl"


def _skip(why: str) -> int:
    print(f"skipped: {why}")
    print(json.dumps([{"name": "ray", "metric": "skipped", "value": None, "why": why}]))
    return 0


def _articles(count: int) -> list:
    from newsweave import api
    from newsweave.model import Meta, RawDocument

    with DATA.open(encoding="utf-8") as handle:
        rows = [json.loads(line) for _, line in zip(range(count), handle, strict=False)]
    docs = [
        RawDocument(f"ecb:{r['id']}", r["text"], "record", (("title", Meta(r["title"], "record")),))
        for r in rows
    ]
    return api.normalise_many(docs)[0]


def _timed(articles: list, executor: object) -> tuple[float, list]:
    from newsweave import api

    started = time.perf_counter()
    results = list(api.analyse_many(articles, executor=executor))  # type: ignore[arg-type]
    return time.perf_counter() - started, results


def _analyse_timed(article: object, settings: object) -> tuple[object, float, float]:
    """``analyse_or_problem`` plus the wall and CPU seconds it took where it ran (to split Ray's overhead)."""
    from newsweave.api import analyse_or_problem

    wall, cpu = time.perf_counter(), time.process_time()
    result = analyse_or_problem(article, settings)
    return result, time.perf_counter() - wall, time.process_time() - cpu


def _inside(articles: list, executor: object) -> tuple[float, float]:
    """Seconds of wall and CPU time spent inside the stages, summed over the articles."""
    from newsweave.config import Settings

    rows = list(executor.map(_analyse_timed, articles, Settings()))  # type: ignore[attr-defined]
    return sum(r[1] for r in rows), sum(r[2] for r in rows)


def _pickle_seconds(articles: list, analysed: list) -> float:
    started = time.perf_counter()
    for article, result in zip(articles, analysed, strict=True):
        pickle.loads(pickle.dumps(article))
        pickle.loads(pickle.dumps(result))
    return time.perf_counter() - started


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=200)
    parser.add_argument("--batch-size", type=int, default=8)
    args = parser.parse_args()
    if not DATA.exists():
        return _skip(f"{DATA} absent")
    try:
        import ray  # noqa: F401 - only checking that it is installed
    except ImportError:
        return _skip("ray is not installed (pip install 'newsweave[ray]')")
    from newsweave.runtime import LocalExecutor
    from newsweave.runtime.ray import RayExecutor

    articles = _articles(args.articles)
    n = len(articles)
    _timed(articles[:1], LocalExecutor())  # load the model here, outside the timing
    local_s, local = _timed(articles, LocalExecutor())
    started = time.perf_counter()
    with RayExecutor(num_cpus=1, workers=1, batch_size=args.batch_size) as executor:
        _timed(articles[:1], executor)  # start the actor and load its model
        startup_s = time.perf_counter() - started
        ray_s, remote = _timed(articles, executor)
        ray_inside = _inside(articles, executor)
    local_inside = _inside(articles, LocalExecutor())
    same = remote == local
    pickle_s = _pickle_seconds(articles, [a for a, _ in local])
    ratio = ray_s / local_s
    print(f"{n} ECB+ dev articles, one thread each, batch size {args.batch_size}")
    print(f"  local executor   {local_s:7.2f} s   {n / local_s:6.2f} articles/s")
    print(f"  Ray, 1 worker    {ray_s:7.2f} s   {n / ray_s:6.2f} articles/s   ({ratio:.2f}x local)")
    print(f"  Ray start-up     {startup_s:7.2f} s   (Ray, the actor and its spaCy model; once per run)")
    print(f"  pickling in+out  {pickle_s:7.2f} s   (what crossing to a worker costs in serialisation)")
    print(
        f"  inside the stages: local {local_inside[0]:.2f} s wall / {local_inside[1]:.2f} s CPU, "
        f"Ray worker {ray_inside[0]:.2f} s wall / {ray_inside[1]:.2f} s CPU"
    )
    print(f"  same results: {same}")
    print(
        json.dumps(
            [
                {
                    "name": "ray",
                    "metric": "local_articles_per_s",
                    "value": round(n / local_s, 2),
                    "articles": n,
                },
                {"name": "ray", "metric": "ray_articles_per_s", "value": round(n / ray_s, 2), "articles": n},
                {"name": "ray", "metric": "ray_overhead_ratio", "value": round(ratio, 3), "target": 1.3},
                {"name": "ray", "metric": "ray_startup_s", "value": round(startup_s, 2)},
                {"name": "ray", "metric": "pickle_s", "value": round(pickle_s, 3)},
                {"name": "ray", "metric": "same_results", "value": same},
                {"name": "ray", "metric": "stage_wall_s_local", "value": round(local_inside[0], 2)},
                {"name": "ray", "metric": "stage_wall_s_ray_worker", "value": round(ray_inside[0], 2)},
                {"name": "ray", "metric": "stage_cpu_s_ray_worker", "value": round(ray_inside[1], 2)},
            ]
        )
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
