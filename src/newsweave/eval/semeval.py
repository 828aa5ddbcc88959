"""Entity timelines built and scored on SemEval-2015 Task 4 (TimeLine, Track A: raw text) and score them.

Data: ``../shared/data/semeval2015-timeline``: the trial corpus (30 Apple articles, 6 target entities)
and the three evaluation corpora (30 articles each; airlines, car makers, stock markets). Each document
comes from the task's TimeML rendering (``<s id=N>`` sentences of space-separated tokens and the
document creation time, DCT); the tokens are joined back with English spacing.

System (newsweave pieces only): :func:`newsweave.analyse.times.find_times` anchored to the DCT and
given the spaCy parse; the target entity found by name (:func:`newsweave.compare.timeline_events.name_spans`);
its events and dates from :func:`newsweave.compare.timeline_events.entity_events`. Events are ordered by
date value, then DCT, document and position. ``--same-date`` (default ``rank``) chooses whether events
on the same date share one rank (SIMULTANEOUS) or each gets its own (``sequence``: BEFORE in text order).
Undated events go to rank 0. Event ids are ``DOCID-SENTENCE-WORD`` as in the task.

Metric: :mod:`newsweave.eval.timeline`: the task's temporal-awareness F1, micro-averaged over
target entities, reimplemented because the official tool is not in the data folder. Deviations from the
official tool: the closure is the rank structure (not a general interval-algebra closure), the reduced
graph is a fixed chain per rank plus one BEFORE edge between consecutive ranks, rank-0 events count
only through their dates and same-line partners, and partial dates drop their ``-XX`` parts. Figures
are therefore comparable to the published ones in scale, not to the decimal. Published Track A
results (Minard et al., 2015): best run F1 7.85 over the three corpora.

Measured by ``bench/bench_timeline.py [--data PATH] [--same-date rank|sequence]``.
"""

from __future__ import annotations

import xml.etree.ElementTree as ET
from dataclasses import dataclass
from pathlib import Path

from spacy.tokens import Doc

from ..analyse.nlp import load
from ..analyse.times import find_times
from ..compare.timeline_events import entity_events, name_spans
from ..model import TimeExpression
from .timeline import Line, TimelineScore, parse_timeline, score_timelines

__all__ = ["Document", "corpora", "entity_timeline", "load_gold", "prepare", "read_document", "run_corpus"]

_NO_SPACE_BEFORE = {",", ".", ":", ";", "?", "!", "%", ")", "'s", "’s", "n't", "'"}
_NO_SPACE_AFTER = {"(", "$", "``", "“"}


@dataclass(frozen=True, slots=True)
class Document:
    """One task document as text, with its creation time and sentence offsets."""

    id: str
    dct: str
    text: str
    sentences: tuple[tuple[int, int, int], ...]  # (sentence id, start, end)


def _join(tokens: list[str]) -> str:
    out = ""
    for k, token in enumerate(tokens):
        glue = k > 0 and token not in _NO_SPACE_BEFORE and tokens[k - 1] not in _NO_SPACE_AFTER
        out += (" " if glue else "") + token
    return out


def read_document(path: Path) -> Document:
    """One TimeML file of the task: its id, creation time, text (a sentence a line) and sentences."""
    root = ET.parse(path).getroot()
    dct = root.find("DCT/TIMEX3")
    text, sentences = "", []
    for s in root.iter("s"):
        line = _join("".join(s.itertext()).split())  # trial files carry EVENT tags: text only
        sentences.append((int(s.get("id", "0")), len(text), len(text) + len(line)))
        text += line + "\n"
    doc_id = (root.findtext("DOCID") or path.stem.split("_")[0].split("-")[0]).strip()
    return Document(doc_id, dct.get("value", "") if dct is not None else "", text, tuple(sentences))


def _sentence_id(doc: Document, char: int) -> int:
    return next((sid for sid, s, e in doc.sentences if s <= char <= e), -1)


def prepare(docs: list[Document]) -> list[tuple[Document, Doc, tuple[TimeExpression, ...]]]:
    """Each document with its spaCy parse and its time expressions (done once, used for every entity)."""
    nlp = load()
    out = []
    for doc in docs:
        parsed = nlp(doc.text)
        out.append((doc, parsed, find_times(doc.id, doc.text, doc.dct[:10] or None, parsed)))
    return out


def entity_timeline(entity: str, docs: list[tuple[Document, Doc, tuple[TimeExpression, ...]]],
                    same_date: str) -> list[Line]:
    """The entity's events ordered by date (``same_date``: ``rank`` shares a rank, ``sequence`` does not)."""
    found = []
    for doc, parsed, times in docs:
        for event in entity_events(parsed, name_spans(doc.text, entity), times, doc.dct[:10] or None):
            word = doc.text[event.start : event.end]
            event_id = f"{doc.id}-{_sentence_id(doc, event.start)}-{word}"
            found.append((event.date, doc.dct, doc.id, event.start, event_id))
    undated = [Line(0, "XXXX-XX-XX", (f[4],)) for f in found if f[0] is None]
    dated = sorted((f for f in found if f[0] is not None), key=lambda f: (f[0], f[1], f[2].zfill(9), f[3]))
    lines, rank, last = [], 0, None
    for date, *_rest, event_id in dated:
        if same_date == "sequence" or date != last:
            rank += 1
        last = date
        lines.append(Line(rank, str(date), (event_id,)))  # dated: never None here
    return undated + lines


def load_gold(folder: Path) -> dict[str, list[Line]]:
    """Each target entity's gold timeline, from a folder of the task's timeline files."""
    out: dict[str, list[Line]] = {}
    for path in sorted(folder.glob("*.txt")):
        entity, lines = parse_timeline(path.read_text(encoding="utf-8"))
        out.setdefault(entity, lines)
    return out


def corpora(data: Path) -> list[tuple[str, Path, Path]]:
    """(name, documents folder, gold folder) of the trial and evaluation corpora present under ``data``."""
    found = [("trial", data / "Corpus-trial-data_task4_TimeML", data / "TimeLines_trial_data_task4_v1.2")]
    for n in (1, 2, 3):
        base = data / "SemEval_Task4_data" / f"corpus_{n}"
        found.append((f"corpus_{n}", base / "corpus_trackA_TimeML", base / "TimeLines_Gold_Standard"))
    return [c for c in found if c[1].is_dir() and c[2].is_dir()]


def run_corpus(docs_dir: Path, gold_dir: Path, same_date: str) -> TimelineScore:
    """Build every gold entity's timeline from the corpus documents and score them together."""
    docs = prepare([read_document(p) for p in sorted(docs_dir.glob("*.tml"))])
    gold = load_gold(gold_dir)
    return score_timelines((entity_timeline(entity, docs, same_date), lines)
                           for entity, lines in gold.items())
