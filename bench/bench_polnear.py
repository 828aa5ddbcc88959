"""Score quote extraction and speakers on PolNeAR attributions (dev split, and a train sample), next to textacy.

Run:  .venv/bin/python bench/bench_polnear.py [--data ../shared/data] [--train 60] [--show]

The engine runs its own article path (spaCy parse, entity mentions with coreference, the quotes stage) on
each article text; textacy's ``direct_quotations`` runs on the same parse. What counts as direct, mixed,
indirect or a state of mind, how quotes match and when a speaker is right are defined in
:mod:`newsweave.eval.polnear`. The figures reported are the DEV split's (84 articles); the train sample
is for development, and ``--show`` lists misses, false quotes and wrong speakers of the train sample only
(dev outputs are never listed, so nothing is tuned on them). The last stdout line is one JSON list of
{"name", "metric", "value"}.
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from newsweave.eval.polnear import PolnearScore, load_split, score_articles

HERE = Path(__file__).resolve().parent
DEFAULT_DATA = HERE.parents[1] / "shared" / "data"


def _print(label: str, result: PolnearScore, seconds: float) -> None:
    t = result.tallies
    kinds = ", ".join(f"{k} {v}" for k, v in result.gold_kinds.items())
    print(f"PolNeAR {label}: {result.articles} articles, {seconds:.1f}s; gold attributions: {kinds}")
    print(f"{'':26}{'gold':>6}{'found':>7}{'R':>7}{'pred':>7}{'right':>7}{'P':>7}")
    for name, title in (("direct", "direct"), ("reported", "reported (mixed+indirect)"), ("mixed", "mixed"),
                        ("indirect", "indirect"), ("textacy", "textacy direct")):
        x = t[name]
        print(f"{title:26}{x.gold:>6}{x.gold_ok:>7}{x.recall:>7.3f}{x.pred:>7}{x.pred_ok:>7}{x.precision:>7.3f}")
    for name, title in (("direct", "direct"), ("reported", "reported"), ("textacy", "textacy direct")):
        ok, total = result.speakers[name]
        print(f"speaker right, {title:15} {result.speaker_right(name):.3f} ({ok}/{total}); wrong "
              f"{result.speaker_share(name, False):.3f}, missing {result.speaker_share(name, True):.3f}")
    for line in result.errors[:5]:
        print("note:", line)


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, default=DEFAULT_DATA)
    parser.add_argument("--train", type=int, default=60, help="train articles scored for development (0: none)")
    parser.add_argument("--skip", type=int, default=0, help="train articles skipped before the sample")
    parser.add_argument("--no-dev", action="store_true", help="score the train sample only")
    parser.add_argument("--show", action="store_true", help="list misses, false quotes and wrong speakers (train)")
    args = parser.parse_args(argv)
    root = args.data / "polnear"
    if not (root / "data" / "dev").exists():
        print(f"{root} has no PolNeAR data", file=sys.stderr)
        return 2
    rows: list[dict[str, Any]] = []
    if args.train:
        began = time.perf_counter()
        sample = load_split(root, "train", args.skip + args.train)[args.skip :]
        train = score_articles(sample)
        _print(f"train sample ({args.skip}..{args.skip + args.train})", train, time.perf_counter() - began)
        if args.show:
            for title, lines in (("missed", train.misses), ("false", train.false),
                                 ("wrong speaker", train.wrong_speakers)):
                print(f"-- {title} ({len(lines)})")
                print("\n".join(lines))
        rows += [{"name": "polnear_train", "metric": k, "value": round(v, 4)} for k, v in train.figures().items()]
    if not args.no_dev:
        began = time.perf_counter()
        dev = score_articles(load_split(root, "dev"))
        _print("dev", dev, time.perf_counter() - began)
        rows += [{"name": "polnear_dev", "metric": k, "value": round(v, 4)} for k, v in dev.figures().items()]
    print(json.dumps(rows))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
