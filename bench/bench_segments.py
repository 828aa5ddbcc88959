"""Event segments: how often a real article is split (false splits) and how often two reports from
different ECB+ topics joined into one text are split at the join (detection, exact boundary).

    .venv/bin/python bench/bench_segments.py [--pairs N]

Real articles: every ECB+ dev article with at least six lines (one sentence a line there, so each line
is a paragraph). Joined texts: article A (all lines but the headline) followed by the first 3-6 lines of
article B from another topic, both normalised as usual; B is also in the batch, as a second report
of its own event would be. Prints a table, then one JSON list on the last line.
"""

from __future__ import annotations

import argparse
import json
import random
from pathlib import Path

from newsweave.api import normalise_many
from newsweave.group.segments import find_segments
from newsweave.model import RawDocument

DATA = Path(__file__).resolve().parents[2] / "shared" / "data" / "ecbplus-dev" / "articles.jsonl"


def _doc(name: str, lines: list[str]) -> RawDocument:
    return RawDocument(name, "\n\n".join(lines), "record")


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--pairs", type=int, default=300)
    args = parser.parse_args()
    if not DATA.exists():
        print(json.dumps([{"name": "segments", "metric": "skipped", "value": None, "why": f"{DATA} absent"}]))
        return
    rows = [json.loads(line) for line in DATA.read_text(encoding="utf-8").splitlines()]
    lines = {r["id"]: [x for x in r["text"].split("\n") if x.strip()][1:] for r in rows}
    real, _ = normalise_many(_doc(r["id"], lines[r["id"]]) for r in rows if len(lines[r["id"]]) >= 6)
    split = find_segments(real)
    false_splits = sum(len(s) > 1 for s in split.values())
    rng = random.Random(7)
    detected = exact = total = 0
    for _ in range(args.pairs):
        a, b = rng.sample(rows, 2)
        if a["story"] == b["story"] or len(lines[a["id"]]) < 4 or len(lines[b["id"]]) < 4:
            continue
        tail = lines[b["id"]][: rng.randint(3, 6)]
        docs = [_doc("joined", lines[a["id"]] + tail), _doc(b["id"], lines[b["id"]])]
        joined, other = normalise_many(docs)[0]
        segments = find_segments([joined, other])[joined.id]
        total += 1
        if len(segments) > 1:
            detected += 1
            exact += joined.text[segments[1].span.start :].startswith(tail[0].strip()[:30])
    rates = {"false_split_rate": false_splits / max(1, len(real)), "detection": detected / max(1, total),
             "exact_boundary": exact / max(1, total)}
    print(f"real ECB+ dev articles: {len(real)}, split: {false_splits} ({rates['false_split_rate']:.3f})")
    print(f"joined pairs: {total}, split: {detected} ({rates['detection']:.3f}), "
          f"at the join: {exact} ({rates['exact_boundary']:.3f})")
    print(json.dumps([{"name": "segments", "metric": k, "value": round(v, 4)} for k, v in rates.items()]))


if __name__ == "__main__":
    main()
