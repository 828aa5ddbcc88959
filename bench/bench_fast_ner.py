"""newsweave's fast entity recognizer against spaCy's ``ner`` on real articles: every Doc's entities
(start, end, label) and every token's ``ent_iob_``/``ent_type_`` must come out the same; and the CPU time of
each recognizer on the long ECB+ dev articles (at least 3,000 characters), one thread.

    OMP_NUM_THREADS=1 .venv/bin/python bench/bench_fast_ner.py [ECB] [POLNEAR] [LONG]
ECB+ dev articles (default 400) and PolNeAR train texts (default 200) for the comparison, LONG long ECB+
dev articles (default 60) for the timing. Prints each differing Doc (there should be none) and the times,
then one JSON list on the last line.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

from newsweave.analyse.fast_ner import differences
from newsweave.analyse.nlp import BATCH_SIZE, load

DATA = Path(__file__).resolve().parents[2] / "shared" / "data"
ECB = DATA / "ecbplus-dev" / "articles.jsonl"
POLNEAR = DATA / "polnear" / "data" / "train" / "text"
LONG_CHARS = 3000


def main() -> None:
    given = [int(arg) for arg in sys.argv[1:4]]
    n_ecb, n_polnear, n_long = given + [400, 200, 60][len(given):]
    if not ECB.exists() or not POLNEAR.exists():
        print(json.dumps([{"name": "fast_ner", "metric": "skipped", "value": None, "why": f"{DATA} lacks the data"}]))
        return
    ecb = [json.loads(line)["text"] for line in ECB.read_text(encoding="utf-8").splitlines()]
    polnear = [path.read_text(encoding="utf-8") for path in sorted(POLNEAR.glob("*.txt"))[:n_polnear]]
    nlp = load()
    found, _ = differences(nlp, ecb[:n_ecb] + polnear, BATCH_SIZE)
    for line in found:
        print("  differs:", line)
    n_docs = len(ecb[:n_ecb]) + len(polnear)
    print(f"{len(ecb[:n_ecb])} ECB+ dev articles and {len(polnear)} PolNeAR train texts: "
          f"{len(found)} documents whose entities differ from spaCy's")
    long_texts = [text for text in ecb if len(text) >= LONG_CHARS][:n_long]
    differences(nlp, long_texts[:4], BATCH_SIZE)  # warm both up outside the clock
    long_found, seconds = differences(nlp, long_texts, BATCH_SIZE)
    speedup = seconds["spacy_ner"] / seconds["fast_ner"]
    print(f"{len(long_texts)} long ECB+ dev articles (>= {LONG_CHARS} characters), one thread, CPU s: spaCy ner "
          f"{seconds['spacy_ner']:.2f}, newsweave's {seconds['fast_ner']:.2f} ({speedup:.2f}x faster; "
          f"{len(long_found)} differ)")
    print(json.dumps([
        {"name": "fast_ner", "metric": "documents_differing", "value": len(found) + len(long_found),
         "documents": n_docs + len(long_texts)},
        {"name": "fast_ner", "metric": "long_spacy_ner_cpu_s", "value": round(seconds["spacy_ner"], 3)},
        {"name": "fast_ner", "metric": "long_fast_ner_cpu_s", "value": round(seconds["fast_ner"], 3)},
        {"name": "fast_ner", "metric": "long_speedup", "value": round(speedup, 2), "articles": len(long_texts)},
    ]))


if __name__ == "__main__":
    main()
