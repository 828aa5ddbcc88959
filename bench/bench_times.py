"""Score the temporal tagger on MEANTIME (English, 120 Wikinews articles), TempEval-3 style.

Each document's tokens are joined back into text (one sentence a line, the usual English spacing
rules), :func:`newsweave.analyse.times.find_times` runs on it anchored to the document creation time
(the TIMEX3 with ``functionInDocument="CREATION_TIME"``), and the output is compared with the gold
TIMEX3 markables.

What is scored: MEANTIME annotates only the title and the first sentences of each article. A sentence
counts as annotated when at least one of its tokens is anchored to any markable (entity, event, value,
signal or TIMEX3); in practice that is sentences 0-5 (title, dateline, four sentences). Gold and system
expressions outside those sentences are ignored. The creation-time TIMEX3 itself (the dateline) is the
anchor we are given, so it is not scored, and system expressions overlapping it are dropped. Gold TIMEX3
without tokens (implicit times) are not text and are not scored.

Metrics (TempEval-3): strict extent (same start and end) and relaxed extent (any overlap, one-to-one)
precision/recall/F1; value F1 counts relaxed matches whose values are equal, over system and gold
counts; value accuracy is the share of relaxed matches with equal values.

Usage: ``.venv/bin/python bench/bench_times.py [--data PATH] [--no-parse] [--errors]``. The last line
of stdout is a JSON list of ``{"name", "metric", "value", ...}`` objects.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Iterable
from pathlib import Path

from newsweave.eval.times import Counts, evaluate

DEFAULT_DATA = Path(__file__).resolve().parents[2] / "shared" / "data" / "meantime"


def _rows(
    figures: dict[str, float], counts: Counts, extras: dict[str, object]
) -> Iterable[dict[str, object]]:
    for metric in (
        "value_f1",
        "value_accuracy",
        "strict_f1",
        "relaxed_f1",
        "strict_precision",
        "strict_recall",
        "relaxed_precision",
        "relaxed_recall",
    ):
        yield {
            "name": "times",
            "metric": metric,
            "value": round(figures[metric], 4),
            "gold": counts.gold,
            "system": counts.system,
            **extras,
        }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, default=DEFAULT_DATA)
    parser.add_argument("--no-parse", action="store_true", help="tense from nearby words, no spaCy parse")
    parser.add_argument("--errors", action="store_true", help="print every mismatch")
    args = parser.parse_args(argv)
    if not (args.data / "intra-doc_annotation").is_dir():
        print(f"MEANTIME not found at {args.data}", file=sys.stderr)
        return 2
    figures, counts = evaluate(args.data, use_parse=not args.no_parse)
    if args.errors:
        print("\n".join(counts.errors))
    print(
        f"MEANTIME times ({counts.gold} gold, {counts.system} system, parse={not args.no_parse}): "
        f"strict F1 {figures['strict_f1']:.3f}, relaxed F1 {figures['relaxed_f1']:.3f}, "
        f"value F1 {figures['value_f1']:.3f}, value accuracy {figures['value_accuracy']:.3f}"
    )
    print(json.dumps(list(_rows(figures, counts, {"parse": not args.no_parse}))))
    return 0


if __name__ == "__main__":
    sys.exit(main())
