"""Score the quote-pair matcher and the quote families it builds, on two hand-read golds.

1. **Pairs** (``bench/gold/quote_pairs/pairs.jsonl``, see its README): pairs of quotes from two outlets' versions
   of one NeuS story, labelled ``same`` or ``different``. Each pair is scored three ways: ``baseline`` (exact
   string match), ``words`` (:func:`newsweave.compare.quote_match.compare_quotes` on the words alone) and
   ``words+speakers`` (told whether the annotated speakers agree). Precision, recall, F1 of ``same``; accuracy.
2. **Families on the pair gold**: every quote of a story grouped at once by
   :func:`newsweave.compare.quotes.group_quotes` (where single-link chaining shows), scored on the labelled
   pairs (:func:`newsweave.eval.quote_families.score_pairs`).
3. **Families on the family gold** (``bench/gold/quote_families/families.jsonl``, see its README): pools of
   quotes from ECB+ events and PolNeAR articles, every quote labelled with its family and speaker
   (:func:`newsweave.eval.quote_families.score_families`): pairwise precision/recall, member precision
   (members that truly match their family's representative), family precision (families with no stray
   member) and family recall (gold families found whole).

Usage: ``.venv/bin/python bench/bench_quote_families.py [--gold PATH] [--families PATH] [--errors]``. The last
line of stdout is a JSON list of ``{"name", "metric", "value"}`` objects.
"""

from __future__ import annotations

import argparse
import json
import time
from pathlib import Path

from newsweave.eval import quote_families as qf
from newsweave.eval.quote_pairs import SYSTEMS, load, score, with_speakers

GOLD = Path(__file__).resolve().parent / "gold" / "quote_pairs" / "pairs.jsonl"
FAMILIES = Path(__file__).resolve().parent / "gold" / "quote_families" / "families.jsonl"
FAMILY_COLUMNS = ("pair_precision", "pair_recall", "pair_f1", "member_precision", "family_precision",
                  "family_recall")


def _pairs(path: Path, errors: bool) -> list[dict]:
    pairs = load(path)
    same = sum(p["label"] == "same" for p in pairs)
    print(f"quote pairs: {len(pairs)} ({same} same, {len(pairs) - same} different)")
    print(f"{'system':<24}{'P':>8}{'R':>8}{'F1':>8}{'acc':>8}")
    records = []
    for name, system in SYSTEMS.items():
        s = score(pairs, system)
        print(f"{name:<24}{s['precision']:>8.3f}{s['recall']:>8.3f}{s['f1']:>8.3f}{s['accuracy']:>8.3f}")
        key = name.replace(" ", "_")
        records += [{"name": f"quote_pairs/{key}", "metric": m, "value": round(v, 4)} for m, v in s.items()]
    if errors:
        for pair in pairs:
            if with_speakers(pair) != (pair["label"] == "same"):
                print(f"  {pair['id']} gold={pair['label']}: {pair['quote_a']!r} | {pair['quote_b']!r}")
    pools, labelled = qf.pools_from_pairs(pairs)
    print(f"\nfamilies on the pair gold: {len(pools)} stories, each story's quotes grouped at once")
    print(f"{'system':<24}" + "".join(f"{c[:9]:>10}" for c in ("pair_P", "pair_R", "pair_F1", "member_P")))
    for name, system in qf.SYSTEMS.items():
        s = qf.score_pairs(pools, labelled, system)
        print(f"{name:<24}" + "".join(f"{s[c]:>10.3f}" for c in ("pair_precision", "pair_recall", "pair_f1",
                                                                   "member_precision")))
        records += [{"name": f"quote_families/pairs/{name}", "metric": m, "value": round(v, 4)} for m, v in s.items()]
    return records


def _families(path: Path) -> list[dict]:
    pools = qf.load_families(path)
    items = sum(len(p.items) for p in pools)
    sizes: dict[str, int] = {}
    for pool in pools:
        for item in pool.items:
            sizes[item.family] = sizes.get(item.family, 0) + 1
    multi = [n for n in sizes.values() if n >= 2]
    print(f"\nfamily gold: {len(pools)} pools, {items} quotes, {len(multi)} families of 2+ "
          f"({sum(n >= 3 for n in multi)} of 3+), {len(sizes) - len(multi)} quotes alone")
    print(f"{'system':<24}" + "".join(f"{c.replace('_precision', '_P').replace('_recall', '_R'):>12}"
                                      for c in FAMILY_COLUMNS) + f"{'s':>7}")
    records = []
    for name, system in qf.SYSTEMS.items():
        started = time.perf_counter()
        s = qf.score_families(pools, system)
        took = time.perf_counter() - started
        print(f"{name:<24}" + "".join(f"{s[c]:>12.3f}" for c in FAMILY_COLUMNS) + f"{took:>7.1f}")
        records += [{"name": f"quote_families/gold/{name}", "metric": m, "value": round(v, 4)} for m, v in s.items()]
    return records


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--gold", type=Path, default=GOLD)
    parser.add_argument("--families", type=Path, default=FAMILIES)
    parser.add_argument("--errors", action="store_true", help="list the pairs words+speakers gets wrong")
    args = parser.parse_args()
    records: list[dict] = []
    if args.gold.exists():
        records += _pairs(args.gold, args.errors)
    else:
        print(f"skip: no gold at {args.gold}")
    if args.families.exists():
        records += _families(args.families)
    else:
        print(f"skip: no family gold at {args.families}")
    print(json.dumps(records or [{"name": "quote_pairs", "metric": "skipped", "value": None}]))


if __name__ == "__main__":
    main()
