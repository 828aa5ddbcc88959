"""newsweave's parser (``newsweave_parser``, NumPy greedy decoding over whole batches) against spaCy's
``parser`` on real articles: ECB+ dev and PolNeAR *train* (the dev split is the one whose quality is
reported). Every document's heads, dependency labels and sentence starts must come out the same; also the
CPU time of each parser, each run on the same batches of Docs (``nlp.pipe`` batches of
:data:`newsweave.analyse.nlp.BATCH_SIZE`, as :func:`newsweave.analyse.nlp.prepare` parses).

    OMP_NUM_THREADS=1 .venv/bin/python bench/bench_fast_parser.py [ECB_N] [POLNEAR_N]
Prints the differing documents (there should be none) and the times, then one JSON list on the last line.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

from newsweave.analyse.fast_parser import differences
from newsweave.analyse.nlp import BATCH_SIZE, load
from newsweave.eval.polnear import load_split

DATA = Path(__file__).resolve().parents[2] / "shared" / "data"
ECB = DATA / "ecbplus-dev" / "articles.jsonl"


def main() -> None:
    ecb_n = int(sys.argv[1]) if len(sys.argv) > 1 else 300
    polnear_n = int(sys.argv[2]) if len(sys.argv) > 2 else 120
    if not ECB.exists():
        print(json.dumps([{"name": "fast_parser", "metric": "skipped", "value": None, "why": f"{ECB} absent"}]))
        return
    texts = [json.loads(line)["text"] for line in ECB.read_text(encoding="utf-8").splitlines()][:ecb_n]
    n_ecb = len(texts)
    if (DATA / "polnear").exists():
        texts += [text for _, text, _ in load_split(DATA / "polnear", "train", limit=polnear_n, every=3)]
    ours = load().get_pipe("newsweave_parser")
    found, seconds = differences(load(), texts, batch_size=BATCH_SIZE)
    for line in found[:20]:
        print("  differs:", line)
    print(f"{len(texts)} articles ({n_ecb} ECB+ dev, {len(texts) - n_ecb} PolNeAR train): {len(found)} documents "
          "differ (heads, dependency labels, sentence starts)")
    print(f"  batches decoded by newsweave_parser {ours.batches['fast']}, left to spaCy's {ours.batches['spacy']}")
    for name, sec in seconds.items():
        print(f"  {name:16s} {sec:6.2f}s CPU")
    speedup = seconds["spacy_parser"] / seconds["newsweave_parser"] if seconds["newsweave_parser"] else 0.0
    print(f"  speed-up {speedup:.2f}x")
    print(json.dumps([
        {"name": "fast_parser", "metric": "documents_differing", "value": len(found), "articles": len(texts)},
        *({"name": "fast_parser", "metric": f"{name}_cpu_s", "value": round(sec, 3)} for name, sec in seconds.items()),
        {"name": "fast_parser", "metric": "speedup", "value": round(speedup, 2)},
        {"name": "fast_parser", "metric": "batches_left_to_spacy", "value": ours.batches["spacy"]},
    ]))


if __name__ == "__main__":
    main()
