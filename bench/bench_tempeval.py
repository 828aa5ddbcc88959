"""Score the temporal tagger on TempEval-3 training data (TimeBank + AQUAINT, 256 TimeML documents).

Scorer and split in :mod:`newsweave.eval.tempeval`: every fifth document (sorted by path) is held out
and only scored; ``--errors`` prints the mismatches of the dev part only, so rules are never written
from the held-out part.

Usage: ``.venv/bin/python bench/bench_tempeval.py [--data PATH] [--no-parse] [--errors]``. The last
line of stdout is a JSON list of ``{"name", "metric", "value", ...}`` objects, one set per part.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from newsweave.eval.tempeval import evaluate

DEFAULT_DATA = Path(__file__).resolve().parents[2] / "shared" / "data" / "tempeval3-train"
METRICS = ("value_f1", "value_accuracy", "strict_f1", "relaxed_f1", "relaxed_precision", "relaxed_recall")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, default=DEFAULT_DATA)
    parser.add_argument("--no-parse", action="store_true", help="tense from nearby words, no spaCy parse")
    parser.add_argument("--errors", action="store_true", help="print every mismatch of the dev part")
    args = parser.parse_args(argv)
    if not any(args.data.glob("*/*.tml")):
        print(f"TempEval-3 TimeML not found at {args.data}", file=sys.stderr)
        return 2
    rows: list[dict[str, object]] = []
    for part in ("dev", "heldout", "all"):
        figures, counts = evaluate(args.data, part, use_parse=not args.no_parse)
        if args.errors and part == "dev":
            print("\n".join(counts.errors))
        print(
            f"TempEval-3 {part} ({counts.gold} gold, {counts.system} system, parse={not args.no_parse}): "
            f"strict F1 {figures['strict_f1']:.3f}, relaxed F1 {figures['relaxed_f1']:.3f}, "
            f"value F1 {figures['value_f1']:.3f}, value accuracy {figures['value_accuracy']:.3f}"
        )
        rows += [
            {"name": f"tempeval_{part}", "metric": m, "value": round(figures[m], 4), "gold": counts.gold,
             "system": counts.system, "parse": not args.no_parse}
            for m in METRICS
        ]
    print(json.dumps(rows))
    return 0


if __name__ == "__main__":
    sys.exit(main())
