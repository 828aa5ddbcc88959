"""The claim check (headline/body stance) on FNC-1 train: the official weighted score, dev and held-out.

Run:  .venv/bin/python bench/bench_stance.py [--data ../shared/data] [--sample N]

The bodies are split by id: every fifth body (by sorted id) is held out and was never used to tune
``StanceConfig``; the dev part is the rest. The score is FNC-1's (0.25 for related/unrelated right,
0.75 more for the right stance of a related pair), printed with its maximum and as % of the maximum.
Both parts run whole in well under a minute on one core; ``--sample`` draws N pairs per part (seed 0).
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Sequence
from pathlib import Path

from newsweave.eval.stance import evaluate

HERE = Path(__file__).resolve().parent
DEFAULT_DATA = HERE.parents[1] / "shared" / "data"


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--data", type=Path, default=DEFAULT_DATA)
    parser.add_argument("--sample", type=int, default=None, help="pairs drawn per part (default: all)")
    args = parser.parse_args(argv)
    folder = args.data / "fnc1-train"
    if not (folder / "train_stances.csv").exists():
        print(f"skip: {folder} not found", file=sys.stderr)
        print(json.dumps([{"name": "stance", "metric": "skipped", "value": "no FNC-1 data"}]))
        return 0
    rows = []
    for part in ("dev", "heldout"):
        result = evaluate(folder, part, sample=args.sample)
        for key, value in result.items():
            print(f"{part:8} {key:20} {value:.4f}")
        rows += [{"name": f"stance_{part}", "metric": k, "value": round(v, 4)} for k, v in result.items()]
    print(json.dumps(rows))
    return 0


if __name__ == "__main__":
    sys.exit(main())
