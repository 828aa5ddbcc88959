"""Score the quote-pair matcher (same utterance or not) on the hand-labelled NeuS pairs.

Gold: ``bench/gold/quote_pairs/pairs.jsonl`` (see its README): pairs of quotes from two outlets' versions
of one NeuS story, labelled ``same`` or ``different`` by reading. Each pair is scored three ways:

- ``baseline``: exact string match (case, surrounding spaces and punctuation set aside);
- ``words``: :func:`newsweave.compare.quote_match.compare_quotes` on the words alone;
- ``words+speakers``: the same, told whether the annotated speakers agree (same name, or one name's
  words inside the other's: "Rand Paul" / "Rand Paul's staff"), differ, or are unknown.

Metrics: precision, recall and F1 of the ``same`` label, and accuracy over all pairs.

Usage: ``.venv/bin/python bench/bench_quote_families.py [--gold PATH] [--errors]``. The last line of
stdout is a JSON list of ``{"name", "metric", "value"}`` objects.
"""

from __future__ import annotations

import argparse
import json
from pathlib import Path

from newsweave.eval.quote_pairs import SYSTEMS, load, score, with_speakers

GOLD = Path(__file__).resolve().parent / "gold" / "quote_pairs" / "pairs.jsonl"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--gold", type=Path, default=GOLD)
    parser.add_argument("--errors", action="store_true", help="list the pairs words+speakers gets wrong")
    args = parser.parse_args()
    if not args.gold.exists():
        print(f"skip: no gold at {args.gold}")
        print(json.dumps([{"name": "quote_pairs", "metric": "skipped", "value": None}]))
        return
    pairs = load(args.gold)
    same = sum(p["label"] == "same" for p in pairs)
    print(f"quote pairs: {len(pairs)} ({same} same, {len(pairs) - same} different)")
    print(f"{'system':<24}{'P':>8}{'R':>8}{'F1':>8}{'acc':>8}")
    records = []
    for name, system in SYSTEMS.items():
        s = score(pairs, system)
        print(f"{name:<24}{s['precision']:>8.3f}{s['recall']:>8.3f}{s['f1']:>8.3f}{s['accuracy']:>8.3f}")
        key = name.replace(" ", "_")
        records += [{"name": f"quote_pairs/{key}", "metric": m, "value": round(v, 4)} for m, v in s.items()]
    if args.errors:
        for pair in pairs:
            if with_speakers(pair) != (pair["label"] == "same"):
                print(f"  {pair['id']} gold={pair['label']}: {pair['quote_a']!r} | {pair['quote_b']!r}")
    print(json.dumps(records))


if __name__ == "__main__":
    main()
