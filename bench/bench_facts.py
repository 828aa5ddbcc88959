"""Score fact alignment across outlets on the hand-annotated stories in bench/gold/facts/.

Run:  .venv/bin/python bench/bench_facts.py [--data ../shared/data] [--rebuild-gold]

The gold (bench/gold/facts/README.md): 50 NeuS val stories (gold.jsonl) and 103 more NeuS and ECB+ dev
stories (gold_ext.jsonl), 153 multi-outlet stories with 44 real conflicts. Each NeuS article becomes one
newsweave Article whose text is ``title + "\\n\\n" + text`` and whose outlet is the article id; an ECB+
article becomes the annotated lines of its text, its outlet the web site of its source address. The
articles run through every analysis stage plus ``claims``; the story's facts come from
:func:`newsweave.compare.facts.facts_of`.

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
- **corroborated / partly corroborated / unique / conflicting / updated precision and recall, per fact**
  and the count of facts corroborated by one outlet alone (see :mod:`newsweave.eval.facts`), for all
  stories and for the dev and held-out parts (:func:`newsweave.eval.facts.split_of`).
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from collections.abc import Sequence
from pathlib import Path

from newsweave.eval.facts import build_gold, evaluate, load_all_gold, load_neus_records

HERE = Path(__file__).resolve().parent
GOLD_DIR = HERE / "gold" / "facts"
GOLDS = (("annotation.txt", "gold.jsonl"), ("annotation_ext.txt", "gold_ext.jsonl"))
STATUSES = ("corroborated", "partly", "unique", "conflicting", "updated")
DEFAULT_DATA = HERE.parents[1] / "shared" / "data"


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--data", type=Path, default=DEFAULT_DATA)
    parser.add_argument("--rebuild-gold", action="store_true",
                        help="rewrite gold.jsonl and gold_ext.jsonl from annotation.txt and annotation_ext.txt")
    args = parser.parse_args(argv)
    if not (args.data / "neus" / "val.jsonl").exists():
        print(f"skip: {args.data / 'neus' / 'val.jsonl'} not found", file=sys.stderr)
        print(json.dumps([{"name": "facts", "metric": "skipped", "value": "no NeuS val data"}]))
        return 0
    if args.rebuild_gold:
        stories = {r["story"]: r for split in ("val", "train") for r in load_neus_records(args.data, split)}
        for annotation, gold in GOLDS:
            records = build_gold(GOLD_DIR / annotation, stories, args.data)
            (GOLD_DIR / gold).write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in records),
                                         encoding="utf-8")
    started = time.perf_counter()
    failures: list[str] = []
    splits: dict[str, dict[str, float]] = {}
    result, conflicts = evaluate(args.data, load_all_gold(GOLD_DIR), failures, splits)
    seconds = round(time.perf_counter() - started, 1)
    print(f"{'':32} {'all':>8} {'dev':>8} {'held-out':>8}")
    for key, value in result.items():
        print(f"{key:32} {value:>8} {splits['dev'][key]:>8} {splits['held-out'][key]:>8}")
    print(f"{'seconds':32} {seconds}")
    print(f"\n{'per status (P / R)':24} {'all':>14} {'dev':>14} {'held-out':>14}")
    for status in STATUSES:
        key = "conflicting" if status == "conflicting" else status
        cells = [f"{got[f'{key}_precision']:.3f} / {got[f'{key}_recall']:.3f}"
                 for got in (result, splits["dev"], splits["held-out"])]
        print(f"{status:24} {cells[0]:>14} {cells[1]:>14} {cells[2]:>14}")
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
