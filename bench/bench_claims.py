"""Claims: coverage of the hand-annotated fact evidence, span exactness and speed, on NeuS val.

Run:  .venv/bin/python bench/bench_claims.py [--data ../shared/data]

No claim-level gold exists; this measures what the next step needs from claims. Using the fact gold of
bench/gold/facts/ (50 NeuS val stories, 150 articles; see its README):

- **evidence coverage**: share of gold evidence phrases that some claim overlaps by at least half of the
  phrase (claims are where facts can be found);
- **exact spans**: share of claims whose ``text`` is exactly ``article.text[start:end]`` (must be 1.0);
- **with numbers / attributed / negated**: shares of claims carrying quantities, a speaker or media
  source, and negation;
- **articles/s**: single-thread throughput of the whole per-article analysis including claims, and of
  the claims stage alone (the parse is cached, so claims costs only its own walk over the parse).
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Sequence
from pathlib import Path

from newsweave.eval.claims import measure

HERE = Path(__file__).resolve().parent
GOLD = HERE / "gold" / "facts" / "gold.jsonl"
DEFAULT_DATA = HERE.parents[1] / "shared" / "data"


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--data", type=Path, default=DEFAULT_DATA)
    args = parser.parse_args(argv)
    if not (args.data / "neus" / "val.jsonl").exists():
        print(f"skip: {args.data / 'neus' / 'val.jsonl'} not found", file=sys.stderr)
        print(json.dumps([{"name": "claims", "metric": "skipped", "value": "no NeuS val data"}]))
        return 0
    result = measure(args.data, GOLD)
    for key, value in result.items():
        print(f"{key:28} {value}")
    print(json.dumps([{"name": "claims", "metric": k, "value": v} for k, v in result.items()]))
    return 0


if __name__ == "__main__":
    sys.exit(main())
