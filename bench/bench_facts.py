"""Score fact alignment across outlets on the hand-annotated NeuS val stories in bench/gold/facts/.

Run:  .venv/bin/python bench/bench_facts.py [--data ../shared/data] [--rebuild-gold]

Each NeuS article becomes one newsweave Article whose text is ``title + "\\n\\n" + text`` (gold offsets
point into exactly that text) and whose outlet is the article id (the three outlets of a story are
distinct but unnamed). The articles run through every analysis stage plus ``claims``; the story's facts
come from :func:`newsweave.compare.facts.facts_of`.

Metrics (see bench/gold/facts/README.md for the gold):

- **alignment P/R/F1 of supported-by pairs**: a system pair is two support spans of one fact in
  different articles; it is correct when one gold fact has evidence overlapping both. A gold pair is a
  gold fact and two of its supporting articles; it is found when some system pair overlaps its evidence
  in both articles.
- **status accuracy**: for each gold fact, the system fact sharing the most supporting articles with
  it (through overlapping spans) gives the predicted status; no overlapping fact counts as "unique".
- **conflict precision / recall**: a system conflicting fact is correct when its conflicting spans
  overlap the evidence of one gold conflicting fact in two different articles; a gold conflict is found
  when such a system fact exists.
- **false-conflict rate**: share of stories with at least one system conflict that matches no gold
  conflict, and false conflicts per story.
- **corroborated / partly corroborated / conflicting precision and recall, per fact** (see
  :mod:`newsweave.eval.facts`), for all 50 stories and for the dev (even) and held-out (odd) halves.
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from collections.abc import Sequence
from pathlib import Path

from newsweave.eval.facts import build_gold, evaluate, load_gold, load_neus_records

HERE = Path(__file__).resolve().parent
GOLD_DIR = HERE / "gold" / "facts"
GOLD = GOLD_DIR / "gold.jsonl"
DEFAULT_DATA = HERE.parents[1] / "shared" / "data"


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--data", type=Path, default=DEFAULT_DATA)
    parser.add_argument("--rebuild-gold", action="store_true", help="rewrite gold.jsonl from annotation.txt")
    args = parser.parse_args(argv)
    if not (args.data / "neus" / "val.jsonl").exists():
        print(f"skip: {args.data / 'neus' / 'val.jsonl'} not found", file=sys.stderr)
        print(json.dumps([{"name": "facts", "metric": "skipped", "value": "no NeuS val data"}]))
        return 0
    if args.rebuild_gold:
        stories = {r["story"]: r for r in load_neus_records(args.data)}
        records = build_gold(GOLD_DIR / "annotation.txt", stories)
        GOLD.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in records), encoding="utf-8")
    started = time.perf_counter()
    failures: list[str] = []
    splits: dict[str, dict[str, float]] = {}
    result, conflicts = evaluate(args.data, load_gold(GOLD), failures, splits)
    seconds = round(time.perf_counter() - started, 1)
    print(f"{'':28} {'all':>8} {'dev':>8} {'held-out':>8}")
    for key, value in result.items():
        print(f"{key:28} {value:>8} {splits['dev'][key]:>8} {splits['held-out'][key]:>8}")
    print(f"{'seconds':28} {seconds}")
    for failure in failures:
        print(f"  stage failed (skipped): {failure}")
    for example in conflicts:
        print(f"  {example['status']} {example['story']}: {example['why']}")
    rows = [{"name": "facts", "metric": k, "value": v} for k, v in result.items()]
    rows += [{"name": f"facts.{half}", "metric": k, "value": v} for half, got in splits.items()
             for k, v in got.items()]
    print(json.dumps(rows + [{"name": "facts", "metric": "seconds", "value": seconds}]))
    return 0


if __name__ == "__main__":
    sys.exit(main())
