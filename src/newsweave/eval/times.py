"""Score the temporal tagger on MEANTIME (English, 120 Wikinews articles), TempEval-3 style.

Each document's tokens are joined back into text (one sentence a line, the usual English spacing
rules), :func:`newsweave.analyse.times.find_times` runs on it anchored to the document creation time
(the TIMEX3 with ``functionInDocument="CREATION_TIME"``), and the output is compared with the gold
TIMEX3 markables.

What is scored: MEANTIME annotates only the title and the first sentences of each article. A sentence
counts as annotated when at least one of its tokens is anchored to any markable (entity, event, value,
signal or TIMEX3); in practice that is sentences 0-5 (title, dateline, four sentences). Gold and system
expressions outside those sentences are ignored. The creation-time TIMEX3 itself (the dateline) is the
anchor we are given, so it is not scored, and system expressions overlapping it are dropped. Gold TIMEX3
without tokens (implicit times) are not text and are not scored.

Metrics (TempEval-3): strict extent (same start and end) and relaxed extent (any overlap, one-to-one)
precision/recall/F1; value F1 counts relaxed matches whose values are equal, over system and gold
counts; value accuracy is the share of relaxed matches with equal values.

Measured by ``bench/bench_times.py`` (``--data PATH``, ``--no-parse``, ``--errors``).
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from dataclasses import dataclass, field
from pathlib import Path

from ..analyse.times import find_times

__all__ = ["Counts", "Document", "Timex", "evaluate", "load_corpus", "load_document", "metrics", "score_document",
           "system_output"]

_NO_SPACE_BEFORE = {
    ",",
    ".",
    ":",
    ";",
    "?",
    "!",
    "%",
    ")",
    "]",
    "'s",
    "’s",
    "n't",
    "'",
    "''",
    "'re",
    "'ve",
    "'ll",
    "'d",
    "'m",
}
_NO_SPACE_AFTER = {"(", "[", "$", "#", "``", "“"}
_ISO_DAY = re.compile(r"^\d{4}-\d{2}-\d{2}$")


@dataclass(frozen=True, slots=True)
class Timex:
    start: int
    end: int
    text: str
    type: str
    value: str | None


@dataclass(slots=True)
class Document:
    name: str
    text: str
    dct: str
    gold: list[Timex]
    scored: list[tuple[int, int]] = field(default_factory=list)  # character ranges of annotated sentences
    dct_span: tuple[int, int] | None = None


def _join(tokens: list[tuple[str, int, str]]) -> tuple[str, dict[str, tuple[int, int]]]:
    """Text with one sentence a line, and each token id's character offsets."""
    parts: list[str] = []
    offsets: dict[str, tuple[int, int]] = {}
    length, previous_sentence, previous = 0, None, ""
    for t_id, sentence, word in tokens:
        if previous_sentence is not None:
            glue = "\n" if sentence != previous_sentence else " "
            if glue == " " and (word in _NO_SPACE_BEFORE or previous in _NO_SPACE_AFTER):
                glue = ""
            parts.append(glue)
            length += len(glue)
        offsets[t_id] = (length, length + len(word))
        parts.append(word)
        length += len(word)
        previous_sentence, previous = sentence, word
    return "".join(parts), offsets


def load_document(path: Path) -> Document:
    """One MEANTIME CAT XML file."""
    root = ET.parse(path).getroot()
    tokens = [(t.get("t_id", ""), int(t.get("sentence", "0")), t.text or "") for t in root.iter("token")]
    sentence_of = {t_id: sentence for t_id, sentence, _ in tokens}
    text, offsets = _join(tokens)
    markables = root.find("Markables")
    annotated: set[int] = set()
    gold: list[Timex] = []
    dct, dct_span = "", None
    for markable in markables if markables is not None else ():
        anchors = [a.get("t_id", "") for a in markable.iter("token_anchor")]
        annotated.update(sentence_of[a] for a in anchors)
        if markable.tag != "TIMEX3" or not anchors:
            if markable.tag == "TIMEX3" and markable.get("functionInDocument") == "CREATION_TIME":
                dct = markable.get("value", "")
            continue
        start, end = offsets[anchors[0]][0], offsets[anchors[-1]][1]
        if markable.get("functionInDocument") == "CREATION_TIME":
            dct, dct_span = markable.get("value", ""), (start, end)
            continue
        gold.append(Timex(start, end, text[start:end], markable.get("type", ""), markable.get("value")))
    sentence_ranges: dict[int, list[int]] = {}
    for t_id, sentence, _ in tokens:
        begin, finish = offsets[t_id]
        current = sentence_ranges.setdefault(sentence, [begin, finish])
        current[1] = finish
    scored = [(r[0], r[1]) for s, r in sorted(sentence_ranges.items()) if s in annotated]
    if not _ISO_DAY.match(dct) and 1 in sentence_ranges:
        dct = _dateline(text[sentence_ranges[1][0] : sentence_ranges[1][1]])
    return Document(path.stem, text, dct[:10], sorted(gold, key=lambda t: t.start), scored, dct_span)


def _dateline(line: str) -> str:
    """The date written on the dateline (sentence 1), for the few documents whose DCT value is missing
    or not ISO ("03-02-2009" beside "February 03, 2009")."""
    for time in find_times("dateline", line, None):
        if time.value and _ISO_DAY.match(time.value):
            return time.value
    return ""


def load_corpus(data: Path) -> list[Document]:
    """Every English document under ``data/intra-doc_annotation``."""
    return [load_document(p) for p in sorted((data / "intra-doc_annotation").glob("*/*.xml"))]


def _in_scope(doc: Document, start: int, end: int) -> bool:
    if doc.dct_span and start < doc.dct_span[1] and end > doc.dct_span[0]:
        return False
    return any(start >= lo and end <= hi for lo, hi in doc.scored)


def system_output(doc: Document, nlp: object | None) -> list[Timex]:
    """The tagger's expressions inside the scored sentences."""
    parsed = nlp(doc.text) if nlp is not None else None  # type: ignore[operator]
    found = find_times(doc.name, doc.text, doc.dct or None, parsed)
    return [
        Timex(t.span.start, t.span.end, t.text, t.type, t.value)
        for t in found
        if _in_scope(doc, t.span.start, t.span.end)
    ]


@dataclass(slots=True)
class Counts:
    gold: int = 0
    system: int = 0
    strict: int = 0
    relaxed: int = 0
    value: int = 0
    errors: list[str] = field(default_factory=list)


def _match(gold: list[Timex], system: list[Timex]) -> list[tuple[Timex, Timex]]:
    """One-to-one relaxed (overlap) matching, greedy in text order, exact extents first."""
    pairs: list[tuple[Timex, Timex]] = []
    used: set[int] = set()
    for exact in (True, False):
        for g in gold:
            if any(p[0] is g for p in pairs):
                continue
            for i, s in enumerate(system):
                if i in used:
                    continue
                same = (s.start, s.end) == (g.start, g.end)
                if (exact and same) or (not exact and s.start < g.end and s.end > g.start):
                    pairs.append((g, s))
                    used.add(i)
                    break
    return pairs


def score_document(doc: Document, system: list[Timex], counts: Counts) -> None:
    """Add one document's matches to ``counts`` (and its errors, for --errors)."""
    pairs = _match(doc.gold, system)
    counts.gold += len(doc.gold)
    counts.system += len(system)
    counts.relaxed += len(pairs)
    counts.strict += sum((g.start, g.end) == (s.start, s.end) for g, s in pairs)
    counts.value += sum(g.value == s.value for g, s in pairs)
    tag = f"{doc.name[:40]} dct={doc.dct}"
    for g, s in pairs:
        if g.value != s.value:
            counts.errors.append(f"VALUE {tag} gold {g.text!r}={g.value} system {s.text!r}={s.value}")
    matched_gold = {id(g) for g, _ in pairs}
    matched_system = {id(s) for _, s in pairs}
    counts.errors += [f"MISS  {tag} {g.text!r}={g.value}" for g in doc.gold if id(g) not in matched_gold]
    counts.errors += [f"EXTRA {tag} {s.text!r}={s.value}" for s in system if id(s) not in matched_system]


def _prf(hits: int, system: int, gold: int) -> tuple[float, float, float]:
    p = hits / system if system else 0.0
    r = hits / gold if gold else 0.0
    return p, r, (2 * p * r / (p + r) if p + r else 0.0)


def metrics(counts: Counts) -> dict[str, float]:
    """Strict/relaxed extent P/R/F1, value F1 and value accuracy."""
    result: dict[str, float] = {}
    for name, hits in (("strict", counts.strict), ("relaxed", counts.relaxed), ("value", counts.value)):
        p, r, f = _prf(hits, counts.system, counts.gold)
        result.update({f"{name}_precision": p, f"{name}_recall": r, f"{name}_f1": f})
    result["value_accuracy"] = counts.value / counts.relaxed if counts.relaxed else 0.0
    return result


def evaluate(data: Path, use_parse: bool = True) -> tuple[dict[str, float], Counts]:
    """Run the tagger over the corpus; ``use_parse`` gives it a spaCy parse for clause tense."""
    nlp = None
    if use_parse:
        from ..analyse.nlp import load

        nlp = load()
    counts = Counts()
    for doc in load_corpus(data):
        score_document(doc, system_output(doc, nlp), counts)
    return metrics(counts), counts
