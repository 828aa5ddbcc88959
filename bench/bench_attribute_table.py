"""newsweave's attribute and lemma tables against spaCy's attribute ruler and rule lemmatizer on ECB+ dev
articles: every token's tag, POS, MORPH, lemma and dependency must come out the same, and the CPU time of
each component (the tables run first on each Doc, so a word new to the lemmatizer is lemmatized by the
table's own rules).

    OMP_NUM_THREADS=1 .venv/bin/python bench/bench_attribute_table.py [N] [POLNEAR]
N ECB+ dev articles (default 300) and POLNEAR PolNeAR train texts (default 300).
Prints the differences (there should be none) and the times, then one JSON list on the last line.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

from newsweave.analyse.attribute_table import differences
from newsweave.analyse.nlp import load

DATA = Path(__file__).resolve().parents[2] / "shared" / "data" / "ecbplus-dev" / "articles.jsonl"
POLNEAR = DATA.parents[1] / "polnear" / "data" / "train" / "text"


def main() -> None:
    limit = int(sys.argv[1]) if len(sys.argv) > 1 else 300
    n_polnear = int(sys.argv[2]) if len(sys.argv) > 2 else 300
    if not DATA.exists():
        print(json.dumps([{"name": "attribute_table", "metric": "skipped", "value": None, "why": f"{DATA} absent"}]))
        return
    texts = [json.loads(line)["text"] for line in DATA.read_text(encoding="utf-8").splitlines()][:limit]
    polnear = [p.read_text(encoding="utf-8") for p in sorted(POLNEAR.glob("*.txt"))[:n_polnear]]
    found, seconds = differences(load(), texts + polnear)
    for line in found[:20]:
        print("  differs:", line)
    print(f"{len(texts)} ECB+ dev articles and {len(polnear)} PolNeAR train texts: {len(found)} tokens differ "
          "(tag, POS, MORPH, lemma, dependency)")
    for name, sec in seconds.items():
        print(f"  {name:16s} {sec:6.2f}s CPU")
    print(json.dumps([
        {"name": "attribute_table", "metric": "tokens_differing", "value": len(found),
         "articles": len(texts) + len(polnear)},
        *({"name": "attribute_table", "metric": f"{name}_cpu_s", "value": round(sec, 3)}
          for name, sec in seconds.items()),
    ]))


if __name__ == "__main__":
    main()
