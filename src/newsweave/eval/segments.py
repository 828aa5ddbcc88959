"""Scoring event segments: precision and recall of split points, on reports joined from two and on real
reports read by hand (``bench/gold/segments``).

A predicted split point is right when it opens a true boundary's paragraph, or when only paragraphs of
at most :data:`SHORT` words (a "6:05 p.m." line, a rule) lie between the two. Precision: right split
points / predicted; recall: true boundaries found / true boundaries. ``bench/bench_segments.py`` prints
every set; the quality gate pins a quick subset.
"""

from __future__ import annotations

import csv
import json
import random
from collections.abc import Sequence
from dataclasses import dataclass, fields
from datetime import date
from pathlib import Path

from ..errors import InputError
from ..group.segments import Segment, find_segments
from ..model import Article, RawDocument
from ..normalise import normalise

__all__ = ["Case", "Tally", "ecb_cases", "polnear_cases", "score", "score_together"]

SHORT = 4  # words


@dataclass(frozen=True, slots=True)
class Case:
    """One report to segment, the others of its batch, and the opening words of its true boundaries."""

    doc: RawDocument
    others: tuple[RawDocument, ...]
    boundaries: tuple[str, ...]


@dataclass(slots=True)
class Tally:
    """Counts of one set: split points predicted and right, true boundaries and found, reports (split)."""

    predicted: int = 0
    right: int = 0
    gold: int = 0
    found: int = 0
    reports: int = 0
    split_reports: int = 0

    def add(self, other: Tally) -> Tally:
        for f in fields(self):
            setattr(self, f.name, getattr(self, f.name) + getattr(other, f.name))
        return self

    def row(self, name: str) -> dict[str, float | int | str]:
        p = self.right / self.predicted if self.predicted else 1.0
        r = self.found / self.gold if self.gold else 1.0
        return {"set": name, "reports": self.reports, "split_reports": self.split_reports,
                "predicted": self.predicted, "right": self.right, "gold": self.gold, "found": self.found,
                "precision": round(p, 4), "recall": round(r, 4)}


def _doc(name: str, paragraphs: Sequence[str]) -> RawDocument:
    return RawDocument(name, "\n\n".join(paragraphs), "record")


def _read(docs: Sequence[RawDocument]) -> list[Article]:
    return [normalise(d) for d in docs]


def _right(article: Article, cut: int, opening: str) -> bool:
    texts = [article.text[s:e] for s, e in article.paragraphs]
    at = [k for k, t in enumerate(texts) if t.startswith(opening)]
    return any(all(len(texts[k].split()) <= SHORT for k in range(min(cut, g), max(cut, g))) for g in at)


def _cuts(article: Article, segments: Sequence[Segment]) -> list[int]:
    starts = [s for s, _ in article.paragraphs]
    return [starts.index(seg.span.start) for seg in segments[1:]]


def _tally(tally: Tally, article: Article, cuts: list[int], boundaries: Sequence[str]) -> None:
    tally.reports += 1
    tally.split_reports += bool(cuts)
    tally.predicted += len(cuts)
    tally.right += sum(any(_right(article, c, b[:40]) for b in boundaries) for c in cuts)
    tally.gold += len(boundaries)
    tally.found += sum(any(_right(article, c, b[:40]) for c in cuts) for b in boundaries)


def score(cases: Sequence[Case]) -> Tally:
    """Each case segmented in a batch of its own report and its others."""
    tally = Tally()
    for case in cases:
        articles = _read([case.doc, *case.others])
        _tally(tally, articles[0], _cuts(articles[0], find_segments(articles)[articles[0].id]), case.boundaries)
    return tally


def score_together(docs: Sequence[RawDocument]) -> Tally:
    """Reports that each tell one event, segmented in one batch (the way a run sees them)."""
    tally = Tally()
    articles = _read(docs)
    segments = find_segments(articles)
    for article in articles:
        _tally(tally, article, _cuts(article, segments[article.id]), ())
    return tally


def ecb_cases(path: Path, pairs: int, seed: int = 7) -> tuple[list[RawDocument], list[Case]]:
    """ECB+ dev: the real articles of six lines or more (one event each), and up to ``pairs`` joins of
    article A (all lines but the first) and the first 3-6 lines of B from another topic."""
    rows = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]
    lines = {r["id"]: [x for x in r["text"].split("\n") if x.strip()][1:] for r in rows}
    real = [_doc(r["id"], lines[r["id"]]) for r in rows if len(lines[r["id"]]) >= 6]
    rng = random.Random(seed)
    joined = []
    for _ in range(pairs):
        a, b = rng.sample(rows, 2)
        if a["story"] == b["story"] or len(lines[a["id"]]) < 4 or len(lines[b["id"]]) < 4:
            continue
        tail = lines[b["id"]][: rng.randint(3, 6)]
        others = (_doc(b["id"], lines[b["id"]]),)
        joined.append(Case(_doc("joined", lines[a["id"]] + tail), others, (tail[0].strip(),)))
    return real, joined


def _polnear_reports(folder: Path) -> dict[str, tuple[date, list[str]]]:
    with (folder / "metadata.tsv").open(encoding="utf-8") as handle:
        meta = {r["filename"]: r for r in csv.DictReader(handle, delimiter="\t")}
    reports = {}
    for path in sorted((folder / "dev" / "text").glob("*.txt")):
        paragraphs = [p.strip() for p in path.read_text(encoding="utf-8").split("\n") if p.strip()]
        reports[f"dev/text/{path.name}"] = (date.fromisoformat(meta[path.stem]["publication_date"]), paragraphs)
    return reports


def polnear_cases(folder: Path, gold: Path, pairs: int, seed: int = 11) -> tuple[list[Case], list[Case]]:
    """PolNeAR dev: the reports read by hand (``gold``, one JSON object a line), and ``pairs`` joins of
    two reports published at least 14 days apart (paragraphs of A but the headline, 3-6 of B)."""
    reports = _polnear_reports(folder)
    annotated = []
    for line in gold.read_text(encoding="utf-8").splitlines():
        if line.strip():
            entry = json.loads(line)
            if entry["file"] not in reports:
                raise InputError(str(gold), f"{entry['file']} is not a PolNeAR dev report", hint="check the path")
            annotated.append(Case(_doc(entry["file"], reports[entry["file"]][1]), (), tuple(entry["boundaries"])))
    names = sorted(n for n, (_, p) in reports.items() if len(p) >= 6)
    rng = random.Random(seed)
    joined: list[Case] = []
    while len(joined) < pairs:
        a, b = rng.sample(names, 2)
        if abs((reports[a][0] - reports[b][0]).days) < 14:
            continue
        tail = reports[b][1][1 : 1 + rng.randint(3, 6)]  # not the headline
        joined.append(Case(_doc("joined", reports[a][1][1:] + tail), (_doc(b, reports[b][1]),), (tail[0],)))
    return annotated, joined
