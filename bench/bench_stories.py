"""Story clustering quality and speed on the development data (ECB+ dev, NeuS val).

Prints one JSON line per data set (the full ``eval_stories`` result, with the split and over-merge rates
of gold events: ``event_split``), one JSON line per data set for a plain TF-IDF baseline, and last a JSON
list of ``{"name", "metric", "value", ...}`` rows for run_all.py.

    .venv/bin/python bench/bench_stories.py [--threshold 0.20] [--data ../shared/data]
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from pathlib import Path
from typing import Any

import numpy as np
from sklearn.cluster import AgglomerativeClustering
from sklearn.feature_extraction.text import TfidfVectorizer
from sklearn.metrics.pairwise import cosine_distances

from newsweave.config import Settings
from newsweave.eval.clustering import Labelled, b_cubed, eval_stories, load_labelled
from newsweave.group.config import GroupConfig

DATA = Path(__file__).resolve().parents[2] / "shared" / "data"
SETS = {"ecbplus-dev": "ecbplus-dev/articles.jsonl", "neus-val": "neus/val.jsonl"}
#: Thresholds the baseline is tried at; it is reported at its best one (an optimistic baseline).
BASELINE_GRID = tuple(round(0.05 * k, 2) for k in range(1, 11))


def _baseline_distances(data: Labelled) -> np.ndarray:
    """Cosine distances between default TF-IDF vectors of title + text."""
    docs = [f"{a.title or ''}\n{a.text}" for a in data.articles]
    return cosine_distances(TfidfVectorizer().fit_transform(docs))


def _baseline_labels(data: Labelled, distances: np.ndarray, threshold: float) -> dict[str, str]:
    """Average link on the precomputed distances, cut at 1 - threshold."""
    model = AgglomerativeClustering(
        n_clusters=None, metric="precomputed", linkage="average", distance_threshold=1.0 - threshold
    )
    labels = model.fit_predict(distances)
    return {a.id: str(label) for a, label in zip(data.articles, labels, strict=True)}


def baseline(path: Path) -> dict[str, Any]:
    """The plain TF-IDF baseline at its best threshold on this file (event level)."""
    data = load_labelled(path)
    best: dict[str, Any] = {}
    start = time.perf_counter()
    distances = _baseline_distances(data)
    for threshold in BASELINE_GRID:
        pred = _baseline_labels(data, distances, threshold)
        precision, recall, f1 = b_cubed(pred, data.event)
        if not best or f1 > best["event"]["f1"]:
            topic = b_cubed(pred, data.topic)
            best = {
                "dataset": f"{data.dataset} baseline (plain TF-IDF, best threshold of {len(BASELINE_GRID)})",
                "threshold": threshold,
                "event": {"precision": round(precision, 4), "recall": round(recall, 4), "f1": round(f1, 4)},
                "topic": {
                    "precision": round(topic[0], 4),
                    "recall": round(topic[1], 4),
                    "f1": round(topic[2], 4),
                },
            }
    best["seconds"] = round(time.perf_counter() - start, 3)  # all thresholds together
    return best


def _rows(name: str, result: dict[str, Any], levels: tuple[str, ...]) -> list[dict[str, Any]]:
    rows = [
        {"name": name, "metric": f"{level}_b3_f1", "value": result[level]["f1"], **result[level]}
        for level in levels
    ]
    for metric, value in result.get("event_split", {}).items():
        rows.append({"name": name, "metric": f"event_{metric}", "value": value})
    rows.append({"name": name, "metric": "seconds", "value": result["seconds"]})
    return rows


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--threshold", type=float, default=GroupConfig().threshold)
    parser.add_argument("--data", type=Path, default=DATA)
    args = parser.parse_args()
    if not args.data.is_dir():
        print(f"bench_stories: no development data at {args.data} (pass --data)", file=sys.stderr)
        return 2
    settings = Settings(stages=(GroupConfig(threshold=args.threshold),))
    rows: list[dict[str, Any]] = []
    for name, relative in SETS.items():
        levels = ("event", "topic") if name.startswith("ecbplus") else ("event",)
        result = eval_stories(args.data / relative, settings)
        print(json.dumps(result))
        rows += _rows(f"stories/{name}", result, levels)
        whole = eval_stories(args.data / relative, settings, segments=False)
        print(json.dumps(whole))
        rows += _rows(f"stories-no-segments/{name}", whole, levels)[:-1]
        base = baseline(args.data / relative)
        print(json.dumps(base))
        rows += _rows(f"baseline-tfidf/{name}", base, levels)[: len(levels)]
    print(json.dumps(rows))
    return 0


if __name__ == "__main__":
    sys.exit(main())
