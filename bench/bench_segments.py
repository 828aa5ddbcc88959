"""Event segments: precision and recall of split points, on real reports and on reports joined from two.

    .venv/bin/python bench/bench_segments.py [--pairs N]

Four sets, each normalised as usual and segmented with the other reports of its set in the batch:

- ``ecb-real``: every ECB+ dev article with at least six lines (one sentence a line there, so each line is
  a paragraph); each tells one event, so every split is wrong.
- ``ecb-joined``: article A (all lines but the first) followed by the first 3-6 lines of article B from
  another topic; one true split point, at the join. B is also in the batch, as a second report of its own
  event would be.
- ``polnear-joined``: the same with PolNeAR dev reports (whole paragraphs) of dates at least 14 days
  apart: one election campaign, so the two events share many names and words (hard).
- ``polnear-annotated``: real PolNeAR dev reports read by hand, live files of several events and
  single-event reports with a "Meanwhile," paragraph (``bench/gold/segments/``).

Scored by :mod:`newsweave.eval.segments` (a split point is right at a true boundary's paragraph, or with
only paragraphs of at most four words between them). Prints a table, then one JSON list on the last line
(also the old figures: false-split rate of real ECB+ articles, detection and exact boundary of the joins).
"""

from __future__ import annotations

import argparse
import json
from pathlib import Path

from newsweave.eval.segments import Tally, ecb_cases, polnear_cases, score, score_together

SHARED = Path(__file__).resolve().parents[2] / "shared" / "data"
ECB = SHARED / "ecbplus-dev" / "articles.jsonl"
POLNEAR = SHARED / "polnear" / "data"
GOLD = Path(__file__).resolve().parent / "gold" / "segments" / "polnear_dev.jsonl"


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--pairs", type=int, default=300)
    args = parser.parse_args()
    if not ECB.exists() or not POLNEAR.exists():
        print(json.dumps([{"name": "segments", "metric": "skipped", "value": None, "why": f"{SHARED} lacks data"}]))
        return
    ecb_real, ecb_joined = ecb_cases(ECB, args.pairs)
    annotated, polnear_joined = polnear_cases(POLNEAR, GOLD, args.pairs // 3)
    tallies = [("ecb-real", score_together(ecb_real)), ("ecb-joined", score(ecb_joined)),
               ("polnear-joined", score(polnear_joined)), ("polnear-annotated", score(annotated))]
    total = Tally()
    for _, tally in tallies:
        total.add(tally)
    rows = [t.row(name) for name, t in tallies] + [total.row("all")]
    for row in rows:
        print(" ".join(f"{k}={v}" for k, v in row.items()))
    by = {r["set"]: r for r in rows}
    figures = {
        "split_precision": by["all"]["precision"], "split_recall": by["all"]["recall"],
        "false_split_rate": round(int(by["ecb-real"]["split_reports"]) / max(1, int(by["ecb-real"]["reports"])), 4),
        "detection": round(int(by["ecb-joined"]["split_reports"]) / max(1, int(by["ecb-joined"]["reports"])), 4),
        "exact_boundary": by["ecb-joined"]["recall"],
        "polnear_joined_precision": by["polnear-joined"]["precision"],
        "polnear_joined_recall": by["polnear-joined"]["recall"],
        "annotated_precision": by["polnear-annotated"]["precision"],
        "annotated_recall": by["polnear-annotated"]["recall"],
    }
    print(json.dumps([{"name": "segments", "metric": k, "value": v} for k, v in figures.items()]))


if __name__ == "__main__":
    main()
