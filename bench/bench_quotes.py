"""Score quote extraction on the hand-made gold in bench/gold/quotes/ (see its README), next to textacy.

Run:  .venv/bin/python bench/bench_quotes.py [--data ../shared/data]

Articles are read from the shared data folder at run time (MEANTIME tokens are joined back into text by
:func:`meantime_text`, exactly as when the gold was annotated; ECB+ text is used as it is).

Matching: a predicted quote matches a gold quote of the compared kinds when their character spans
overlap (one-to-one, greedy by overlap size). Speaker accuracy is over matched direct quotes: correct
when the predicted speaker, normalised (lower case, no punctuation, no leading "the"), equals the gold
speaker, or when the gold head word (the surname, or the noun of a description) is one of the
predicted speaker's words. The last stdout line is one JSON list of {"name", "metric", "value"}.
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from newsweave.eval.quotes import load_articles, load_gold, score

HERE = Path(__file__).resolve().parent
GOLD = HERE / "gold" / "quotes" / "gold.jsonl"
DEFAULT_DATA = HERE.parents[1] / "shared" / "data"


def _table(result: dict[str, Any], seconds: float) -> list[dict[str, Any]]:
    t, s = result["tallies"], result["speakers"]
    ours_spk = s["ours"][0] / s["ours"][1] if s["ours"][1] else 0.0
    tx_spk = s["textacy"][0] / s["textacy"][1] if s["textacy"][1] else 0.0
    print(f"quotes bench: {result['articles']} articles, {seconds:.1f}s")
    print(f"{'':22}{'gold':>6}{'pred':>6}{'match':>7}{'P':>7}{'R':>7}")
    for name in ("direct", "mixed", "indirect", "reported", "textacy"):
        x = t[name]
        label = "textacy direct" if name == "textacy" else name + (" (mixed+indirect)" * (name == "reported"))
        print(f"{label:22}{x.gold:>6}{x.pred:>6}{x.tp:>7}{x.precision:>7.3f}{x.recall:>7.3f}")
    print(f"speaker correct on matched direct quotes: ours {ours_spk:.3f} ({s['ours'][0]}/{s['ours'][1]}), "
          f"textacy {tx_spk:.3f} ({s['textacy'][0]}/{s['textacy'][1]})")
    for line in result["errors"][:5]:
        print("note:", line)
    return [
        {"name": "quotes", "metric": "direct_precision", "value": round(t["direct"].precision, 4)},
        {"name": "quotes", "metric": "direct_recall", "value": round(t["direct"].recall, 4)},
        {"name": "quotes", "metric": "speaker_accuracy", "value": round(ours_spk, 4)},
        {"name": "quotes", "metric": "mixed_precision", "value": round(t["mixed"].precision, 4)},
        {"name": "quotes", "metric": "mixed_recall", "value": round(t["mixed"].recall, 4)},
        {"name": "quotes", "metric": "indirect_precision", "value": round(t["indirect"].precision, 4)},
        {"name": "quotes", "metric": "indirect_recall", "value": round(t["indirect"].recall, 4)},
        {"name": "quotes", "metric": "reported_precision", "value": round(t["reported"].precision, 4)},
        {"name": "quotes", "metric": "reported_recall", "value": round(t["reported"].recall, 4)},
        {"name": "quotes", "metric": "textacy_direct_precision", "value": round(t["textacy"].precision, 4)},
        {"name": "quotes", "metric": "textacy_direct_recall", "value": round(t["textacy"].recall, 4)},
        {"name": "quotes", "metric": "textacy_speaker_accuracy", "value": round(tx_spk, 4)},
    ]


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, default=DEFAULT_DATA)
    parser.add_argument("--misses", action="store_true", help="list the gold direct quotes we miss")
    args = parser.parse_args(argv)
    gold = load_gold(GOLD)
    texts = load_articles(args.data, {(g["source"], g["article"]) for g in gold})
    missing = {(g["source"], g["article"]) for g in gold} - set(texts)
    if missing:
        print(f"data folder {args.data} lacks {len(missing)} gold articles", file=sys.stderr)
        return 2
    began = time.perf_counter()
    result = score(gold, texts)
    figures = _table(result, time.perf_counter() - began)
    if args.misses:
        print("\n".join(result["misses"]))
    print(json.dumps(figures))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
