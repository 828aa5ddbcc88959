"""Score the story brief with ROUGE-1/2/L F1 against NeuS val reference summaries, next to LexRank.

Run:  .venv/bin/python bench/bench_brief.py [--data ../shared/data] [--limit N]

Each NeuS story (3 outlets, title + lead) is analysed as in bench_facts.py (text = title + blank line +
lead, every analysis stage plus claims), its facts aligned and its brief written by
:func:`newsweave.report.brief.write_brief`; the brief is its sentences joined by spaces.

Reference: ``reference_summary`` with its "TITLE=>" and "ARTICLE=>" markers removed (the words of the
neutral title and summary are kept). Scoring: Google's ``rouge-score`` package (pinned 0.1.2) with the
Porter stemmer, F1, averaged over stories, times 100.

Baseline: LexRank (sumy 0.13.0, ``LexRankSummarizer``), 3 sentences, over the three articles' titles and
leads as one document. sumy's default tokenizer needs NLTK's punkt data, which cannot be downloaded
here, so the baseline is given a small tokenizer with no download: sentences split after . ! ? (and at
paragraph breaks), words as runs of letters and digits. Stop words: sumy's English list.
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from collections.abc import Sequence
from pathlib import Path

from newsweave.eval.brief import score
from newsweave.eval.facts import load_neus_records

DEFAULT_DATA = Path(__file__).resolve().parents[2] / "shared" / "data"


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--data", type=Path, default=DEFAULT_DATA)
    parser.add_argument("--limit", type=int, default=None, help="score only the first N stories")
    args = parser.parse_args(argv)
    if not (args.data / "neus" / "val.jsonl").exists():
        print(f"skip: {args.data / 'neus' / 'val.jsonl'} not found", file=sys.stderr)
        print(json.dumps([{"name": "brief", "metric": "skipped", "value": "no NeuS val data"}]))
        return 0
    records = load_neus_records(args.data)[: args.limit]
    started = time.perf_counter()
    failures: list[str] = []
    result = score(records, failures)
    seconds = round(time.perf_counter() - started, 1)
    print(f"NeuS val, {len(records)} stories, ROUGE F1 x 100 (rouge-score 0.1.2, Porter stemmer)")
    print(f"{'system':12} {'R-1':>7} {'R-2':>7} {'R-L':>7} {'words':>7}")
    for name, row in result.items():
        print(f"{name:12} {row['rouge1']:7.2f} {row['rouge2']:7.2f} {row['rougeL']:7.2f} {row['words']:7.1f}")
    print(f"seconds {seconds}")
    for failure in failures:
        print(f"stage failed (skipped, article analysed without it): {failure}")
    rows = [
        {"name": f"brief_{name}", "metric": metric, "value": value}
        for name, row in result.items()
        for metric, value in row.items()
    ]
    print(json.dumps(rows + [{"name": "brief", "metric": "stories", "value": len(records)}]))
    return 0


if __name__ == "__main__":
    sys.exit(main())
