"""Score the temporal tagger on TempEval-3's training data (TimeBank and AQUAINT, TimeML TIMEX3).

``../shared/data/tempeval3-train`` holds the cleaned TBAQ corpus: 183 TimeBank and 73 AQUAINT newswire
documents, each a TimeML file with a document creation time (``<DCT><TIMEX3 ... value=...>``) and the
article in ``<TEXT>`` with its TIMEX3, EVENT and SIGNAL tags inline. A document's text is the character
content of ``<TEXT>`` with the tags removed; each gold TIMEX3 is the character range it wraps there.
:func:`newsweave.analyse.times.find_times` runs on that text anchored to the DCT's date, and its output
is compared with the gold TIMEX3 (1,822 in all; the DCT itself is outside ``<TEXT>`` and not scored).

How this maps to the official TempEval-3 scorer (``TE3-evaluation.py``, which compares TIMEX3 over
tokens and leaves out the creation time; in TBAQ-cleaned every other TIMEX3 is inside ``<TEXT>``, so
scoring ``<TEXT>`` scores the same set):

- *strict extent*: a system expression whose start and end equal a gold one's. The official scorer asks
  for the same tokens; we compare characters, which agrees whenever both extents begin and end on word
  boundaries (the rules match whole words; a system extent that ends inside a token counts as a miss
  here and could count as strict there, so ours is never higher).
- *relaxed extent*: any overlap (at least one shared token in the official scorer). We match
  one-to-one, exact extents first, then overlaps in text order (:func:`newsweave.eval.times.score_document`);
  the official scorer counts a gold expression as found when any system expression overlaps it and vice
  versa, so where one long system expression covers two gold ones (or the reverse) it counts two
  matches and we count one. That makes ours slightly stricter (never higher).
- *value F1*: the official "attribute F1" is relaxed F1 times value accuracy (the share of relaxed
  matches with the gold value). With one-to-one matching that equals ``2 v / (system + gold)``, where
  ``v`` is the number of relaxed matches whose values are equal, which is what
  :func:`newsweave.eval.times.metrics` reports as ``value_f1``. Values are compared as strings, as the
  official scorer does (no normalisation of "1998-W32" and the like); an expression we leave unresolved
  (value None) never matches.

Dev and held-out split: the 256 documents sorted by path (AQUAINT first, then TimeBank); every fifth
(index 4, 9, 14, ...) is **held out** (51 documents) and only scored, never looked at while writing
rules; the other 205 are **dev**. ``--errors`` in ``bench/bench_tempeval.py`` prints mismatches of the
dev part only.
"""

from __future__ import annotations

import xml.etree.ElementTree as ET
from collections.abc import Iterable
from pathlib import Path
from typing import Literal

from .times import Counts, Document, Timex, metrics, score_document, system_output

__all__ = ["HELD_OUT_EVERY", "Split", "evaluate", "load_corpus", "load_document", "split"]

Split = Literal["dev", "heldout", "all"]
#: Every n-th document (sorted by path, counting from 1) is held out.
HELD_OUT_EVERY = 5


def _text_and_timexes(element: ET.Element) -> tuple[str, list[Timex]]:
    """The text inside ``element`` without tags, and each TIMEX3 inside it as a character range."""
    parts: list[str] = []
    found: list[Timex] = []
    length = 0

    def walk(node: ET.Element) -> None:
        nonlocal length
        start = length
        if node.text:
            parts.append(node.text)
            length += len(node.text)
        for child in node:
            walk(child)
            if child.tail:
                parts.append(child.tail)
                length += len(child.tail)
        if node.tag == "TIMEX3" and node is not element:
            text = "".join(parts)[start:length]
            found.append(Timex(start, length, text, node.get("type", ""), node.get("value")))

    walk(element)
    return "".join(parts), found


def load_document(path: Path) -> Document:
    """One TimeML file: the ``<TEXT>`` content, its TIMEX3 and the DCT's date."""
    root = ET.parse(path).getroot()
    dct_timex = root.find("DCT/TIMEX3")
    dct = (dct_timex.get("value", "") if dct_timex is not None else "")[:10]
    body = root.find("TEXT")
    text, gold = _text_and_timexes(body) if body is not None else ("", [])
    return Document(path.stem, text, dct, sorted(gold, key=lambda t: t.start), [(0, len(text))])


def _paths(data: Path) -> list[Path]:
    return sorted(data.glob("*/*.tml"))


def split(paths: Iterable[Path], part: Split) -> list[Path]:
    """The documents of one part: ``heldout`` is every fifth by sorted path, ``dev`` the rest."""
    ordered = sorted(paths)
    if part == "all":
        return ordered
    held = {p for i, p in enumerate(ordered, start=1) if i % HELD_OUT_EVERY == 0}
    return [p for p in ordered if (p in held) == (part == "heldout")]


def load_corpus(data: Path, part: Split = "all") -> list[Document]:
    """The documents of ``part`` under ``data`` (``AQUAINT/*.tml`` and ``TimeBank/*.tml``)."""
    return [load_document(p) for p in split(_paths(data), part)]


def evaluate(data: Path, part: Split = "all", use_parse: bool = True) -> tuple[dict[str, float], Counts]:
    """Run the tagger over one part of the corpus; ``use_parse`` gives it a spaCy parse for clause tense."""
    nlp = None
    if use_parse:
        from ..analyse.nlp import load

        nlp = load()
    counts = Counts()
    for doc in load_corpus(data, part):
        score_document(doc, system_output(doc, nlp), counts)
    return metrics(counts), counts
