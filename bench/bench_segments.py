"""Event segments: precision and recall of split points, on real reports and on reports joined from two.

    .venv/bin/python bench/bench_segments.py [--pairs N]

Four sets, each normalised as usual and segmented with the other reports of its set in the batch:

- ``ecb-real``: every ECB+ dev article with at least six lines (one sentence a line there, so each line is
  a paragraph); each tells one event, so every split is wrong.
- ``ecb-joined``: article A (all lines but the first) followed by the first 3-6 lines of article B from
  another topic; one true split point, at the join. B is also in the batch, as a second report of its own
  event would be.
- ``polnear-joined``: the same with PolNeAR dev reports (whole paragraphs) of dates at least 14 days
  apart: one election campaign, so the two events share many names and words (hard).
- ``polnear-annotated``: real PolNeAR dev reports read by hand, live files of several events and
  single-event reports with a "Meanwhile," paragraph (``bench/gold/segments/``).

A predicted split point is right when it opens a true boundary's paragraph, or when only paragraphs of at
most four words lie between the two. Precision: right split points / predicted; recall: true boundaries
found / true boundaries. Prints a table, then one JSON list on the last line (also the old figures:
false-split rate of real ECB+ articles, detection and exact boundary of the ECB+ joins).
"""

from __future__ import annotations

import argparse
import csv
import json
import random
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from newsweave.api import normalise_many
from newsweave.group.segments import find_segments
from newsweave.model import Article, RawDocument

SHARED = Path(__file__).resolve().parents[2] / "shared" / "data"
ECB = SHARED / "ecbplus-dev" / "articles.jsonl"
POLNEAR = SHARED / "polnear" / "data"
GOLD = Path(__file__).resolve().parent / "gold" / "segments" / "polnear_dev.jsonl"
SHORT = 4  # words: a timestamp or rule line between a split and a boundary does not make it wrong


@dataclass
class Case:
    """One report to segment, the others of its batch, and the opening words of its true boundaries."""

    doc: RawDocument
    others: tuple[RawDocument, ...]
    boundaries: tuple[str, ...]


@dataclass
class Tally:
    predicted: int = 0
    right: int = 0
    gold: int = 0
    found: int = 0
    reports: int = 0
    split_reports: int = 0

    def row(self, name: str) -> dict[str, float | int | str]:
        p = self.right / self.predicted if self.predicted else 1.0
        r = self.found / self.gold if self.gold else 1.0
        return {"set": name, "reports": self.reports, "split_reports": self.split_reports,
                "predicted": self.predicted, "right": self.right, "gold": self.gold, "found": self.found,
                "precision": round(p, 4), "recall": round(r, 4)}


def _doc(name: str, paragraphs: Sequence[str]) -> RawDocument:
    return RawDocument(name, "\n\n".join(paragraphs), "record")


def _right(article: Article, cut: int, opening: str) -> bool:
    """Whether a split opening paragraph ``cut`` is at the boundary opening with ``opening``: the same
    paragraph, or only short paragraphs (a "6:05 p.m." line, a rule) lie between the two."""
    texts = [article.text[s:e] for s, e in article.paragraphs]
    at = [k for k, t in enumerate(texts) if t.startswith(opening)]
    return any(all(len(texts[k].split()) <= SHORT for k in range(min(cut, g), max(cut, g))) for g in at)


def _tally(tally: Tally, article: Article, cuts: list[int], boundaries: Sequence[str]) -> None:
    tally.reports += 1
    tally.split_reports += bool(cuts)
    tally.predicted += len(cuts)
    tally.right += sum(any(_right(article, c, b[:40]) for b in boundaries) for c in cuts)
    tally.gold += len(boundaries)
    tally.found += sum(any(_right(article, c, b[:40]) for c in cuts) for b in boundaries)


def _cuts(article: Article, segments: Sequence) -> list[int]:
    starts = [s for s, _ in article.paragraphs]
    return [starts.index(seg.span.start) for seg in segments[1:]]


def _score(cases: Sequence[Case], tally: Tally) -> Tally:
    """Each case segmented in a batch of its own and its others."""
    for case in cases:
        articles, _ = normalise_many([case.doc, *case.others])
        _tally(tally, articles[0], _cuts(articles[0], find_segments(articles)[articles[0].id]), case.boundaries)
    return tally


def _score_together(docs: Sequence[RawDocument], tally: Tally) -> Tally:
    """Reports that each tell one event, segmented in one batch (the way a run sees them)."""
    articles, _ = normalise_many(docs)
    segments = find_segments(articles)
    for article in articles:
        _tally(tally, article, _cuts(article, segments[article.id]), ())
    return tally


def _ecb_cases(pairs: int) -> tuple[list[RawDocument], list[Case]]:
    rows = [json.loads(line) for line in ECB.read_text(encoding="utf-8").splitlines()]
    lines = {r["id"]: [x for x in r["text"].split("\n") if x.strip()][1:] for r in rows}
    real = [_doc(r["id"], lines[r["id"]]) for r in rows if len(lines[r["id"]]) >= 6]
    rng = random.Random(7)
    joined = []
    for _ in range(pairs):
        a, b = rng.sample(rows, 2)
        if a["story"] == b["story"] or len(lines[a["id"]]) < 4 or len(lines[b["id"]]) < 4:
            continue
        tail = lines[b["id"]][: rng.randint(3, 6)]
        others = (_doc(b["id"], lines[b["id"]]),)
        joined.append(Case(_doc("joined", lines[a["id"]] + tail), others, (tail[0].strip(),)))
    return real, joined


def _polnear_reports() -> dict[str, tuple[date, list[str]]]:
    with (POLNEAR / "metadata.tsv").open(encoding="utf-8") as handle:
        meta = {r["filename"]: r for r in csv.DictReader(handle, delimiter="\t")}
    reports = {}
    for path in sorted((POLNEAR / "dev" / "text").glob("*.txt")):
        paragraphs = [p.strip() for p in path.read_text(encoding="utf-8").split("\n") if p.strip()]
        reports[f"dev/text/{path.name}"] = (date.fromisoformat(meta[path.stem]["publication_date"]), paragraphs)
    return reports


def _polnear_cases(pairs: int) -> tuple[list[Case], list[Case]]:
    reports = _polnear_reports()
    gold = [json.loads(line) for line in GOLD.read_text(encoding="utf-8").splitlines() if line.strip()]
    annotated = [Case(_doc(g["file"], reports[g["file"]][1]), (), tuple(g["boundaries"])) for g in gold]
    names = sorted(n for n, (_, p) in reports.items() if len(p) >= 6)
    rng = random.Random(11)
    joined = []
    while len(joined) < pairs:
        a, b = rng.sample(names, 2)
        if abs((reports[a][0] - reports[b][0]).days) < 14:
            continue
        tail = reports[b][1][1 : 1 + rng.randint(3, 6)]  # not the headline
        joined.append(Case(_doc("joined", reports[a][1][1:] + tail), (_doc(b, reports[b][1]),), (tail[0],)))
    return annotated, joined


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--pairs", type=int, default=300)
    args = parser.parse_args()
    if not ECB.exists() or not POLNEAR.exists():
        print(json.dumps([{"name": "segments", "metric": "skipped", "value": None, "why": f"{SHARED} lacks data"}]))
        return
    ecb_real, ecb_joined = _ecb_cases(args.pairs)
    annotated, polnear_joined = _polnear_cases(args.pairs // 3)
    sets = {"ecb-joined": ecb_joined, "polnear-joined": polnear_joined, "polnear-annotated": annotated}
    rows = []
    total = Tally()
    tallies = [("ecb-real", _score_together(ecb_real, Tally()))]
    tallies += [(name, _score(cases, Tally())) for name, cases in sets.items()]
    for name, tally in tallies:
        rows.append(tally.row(name))
        for field in ("predicted", "right", "gold", "found", "reports", "split_reports"):
            setattr(total, field, getattr(total, field) + getattr(tally, field))
    rows.append(total.row("all"))
    for row in rows:
        print(" ".join(f"{k}={v}" for k, v in row.items()))
    by = {r["set"]: r for r in rows}
    figures = {
        "split_precision": by["all"]["precision"], "split_recall": by["all"]["recall"],
        "false_split_rate": round(by["ecb-real"]["split_reports"] / max(1, by["ecb-real"]["reports"]), 4),
        "detection": round(by["ecb-joined"]["split_reports"] / max(1, by["ecb-joined"]["reports"]), 4),
        "exact_boundary": by["ecb-joined"]["recall"],
        "polnear_joined_precision": by["polnear-joined"]["precision"],
        "polnear_joined_recall": by["polnear-joined"]["recall"],
        "annotated_precision": by["polnear-annotated"]["precision"],
        "annotated_recall": by["polnear-annotated"]["recall"],
    }
    print(json.dumps([{"name": "segments", "metric": k, "value": v} for k, v in figures.items()]))


if __name__ == "__main__":
    main()
