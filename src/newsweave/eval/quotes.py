"""Quote extraction scored against the hand-made gold of ``bench/gold/quotes/`` (see its README), next to textacy.

Articles are read from the shared data folder (MEANTIME tokens are joined back into text by
:func:`meantime_text`, exactly as when the gold was annotated; ECB+ text is used as it is).

Matching: a predicted quote matches a gold quote of the compared kinds when their character spans
overlap (one-to-one, greedy by overlap size). Speaker accuracy is over matched direct quotes: correct
when the predicted speaker, normalised (lower case, no punctuation, no leading "the"), equals the gold
speaker, or when the gold head word (the surname, or the noun of a description) is one of the
predicted speaker's words. Measured by ``bench/bench_quotes.py``.
"""

from __future__ import annotations

import json
import re
from collections import defaultdict
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import Any
from xml.etree import ElementTree as ET

from ..analyse.nlp import parse
from ..analyse.quotes import find_quotes
from ..model import Article

__all__ = ["Tally", "load_articles", "load_gold", "match", "meantime_text", "score", "speaker_ok"]

_MAP = {"``": "“", "''": "”", "`": "‘"}
_NO_SPACE_BEFORE = {",", ".", ";", ":", "!", "?", ")", "]", "}", "%", "”", "’", "'s", "n't", "'re", "'ve",
                    "'ll", "'d", "'m", "..."}
_NO_SPACE_AFTER = {"(", "[", "{", "“", "‘", "$"}


class _Joiner:
    """Joins MEANTIME tokens back into text; straight and single quotes are tracked across sentences."""

    def __init__(self) -> None:
        self.single_open = False
        self.double_open = False

    def _mark(self, raw: str) -> str:
        if raw == "'" and self.single_open:
            self.single_open = False
            return "’"
        if raw == "`":
            self.single_open = True
        return _MAP.get(raw, raw)

    def sentence(self, tokens: Sequence[str]) -> str:
        out, prev, glue_next = "", None, False
        for raw in tokens:
            tok = self._mark(raw)
            opens = False
            if tok == '"':
                self.double_open = not self.double_open
                opens = self.double_open
            if prev is None or (raw == "s" and prev == "’"):
                glue = True
            elif tok == '"':
                glue = not opens
            else:
                glue = tok in _NO_SPACE_BEFORE or prev in _NO_SPACE_AFTER or glue_next
            out += ("" if glue else " ") + tok
            prev, glue_next = tok, opens
        return out


def meantime_text(path: Path) -> str:
    """Title line, date line, then the body as one paragraph (MEANTIME keeps no paragraph breaks)."""
    sentences: dict[int, list[str]] = defaultdict(list)
    for token in ET.parse(path).getroot().iter("token"):
        sentences[int(token.get("sentence", "0"))].append(token.text or "")
    joiner = _Joiner()
    lines = [joiner.sentence(sentences[k]) for k in sorted(sentences)]
    return lines[0] + "\n" + lines[1] + "\n" + " ".join(lines[2:]) + "\n"


def load_articles(data: Path, wanted: set[tuple[str, str]]) -> dict[tuple[str, str], str]:
    """The texts of the wanted (source, article) keys, read from the shared data folder ``data``."""
    texts = {}
    for path in sorted((data / "meantime" / "intra-doc_annotation").glob("*/*.xml")):
        key = ("meantime", f"{path.parent.name}/{path.stem}")
        if key in wanted:
            texts[key] = meantime_text(path)
    ecb = data / "ecbplus-dev" / "articles.jsonl"
    if ecb.exists():
        for line in ecb.read_text(encoding="utf-8").splitlines():
            record = json.loads(line)
            key = ("ecbplus-dev", record["id"])
            if key in wanted:
                texts[key] = record["text"]
    return texts


def load_gold(path: Path) -> list[dict[str, Any]]:
    """The quote gold, one JSON object a line (``bench/gold/quotes/gold.jsonl``)."""
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]


def _words(text: str | None) -> list[str]:
    cleaned = re.sub(r"[^\w\s-]", " ", (text or "").lower())
    words = cleaned.split()
    return words[1:] if words[:1] == ["the"] else words


def speaker_ok(predicted: str | None, gold: str | None, head: str | None) -> bool:
    """Case-insensitive equality, or the gold head word among the predicted speaker's words."""
    if gold is None:
        return predicted is None
    words = _words(predicted)
    return words == _words(gold) or bool(head and _words(head) and _words(head)[-1] in words)


def match(pred: list[tuple[int, int]], gold: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """One-to-one pairs (pred index, gold index) of overlapping spans, largest overlap first."""
    pairs = []
    for i, (ps, pe) in enumerate(pred):
        for j, (gs, ge) in enumerate(gold):
            overlap = min(pe, ge) - max(ps, gs)
            if overlap > 0:
                pairs.append((overlap, i, j))
    taken_p, taken_g, out = set(), set(), []
    for _, i, j in sorted(pairs, reverse=True):
        if i not in taken_p and j not in taken_g:
            taken_p.add(i)
            taken_g.add(j)
            out.append((i, j))
    return out


class Tally:
    def __init__(self) -> None:
        self.tp = self.pred = self.gold = 0

    def add(self, matched: int, pred: int, gold: int) -> None:
        self.tp, self.pred, self.gold = self.tp + matched, self.pred + pred, self.gold + gold

    @property
    def precision(self) -> float:
        return self.tp / self.pred if self.pred else 0.0

    @property
    def recall(self) -> float:
        return self.tp / self.gold if self.gold else 0.0


def _textacy_spans(doc: Any) -> tuple[list[tuple[int, int]], list[str], str | None]:
    """textacy's direct quotations as character spans of the quoted content, and their speakers."""
    try:
        from textacy.extract.triples import direct_quotations
    except ImportError as exc:
        return [], [], f"textacy unavailable: {exc}"
    spans, speakers = [], []
    try:
        for triple in direct_quotations(doc):
            content = triple.content
            start = content[0].idx
            end = content[-1].idx + len(content[-1].text)
            spans.append((start, end))
            speakers.append(" ".join(t.text for t in triple.speaker))
    except (ValueError, IndexError, AttributeError) as exc:  # textacy fails on some docs
        return spans, speakers, f"textacy error: {exc!r}"
    return spans, speakers, None


def score(gold: list[dict[str, Any]], texts: dict[tuple[str, str], str]) -> dict[str, Any]:
    by_article: dict[tuple[str, str], list[dict[str, Any]]] = defaultdict(list)
    for item in gold:
        by_article[(item["source"], item["article"])].append(item)
    tallies = {name: Tally() for name in ("direct", "mixed", "indirect", "reported", "textacy")}
    speakers = {"ours": [0, 0], "textacy": [0, 0]}
    errors: list[str] = []
    misses: list[str] = []
    for key, items in sorted(by_article.items()):
        article = Article(id=key[1], input=key[1], text=texts[key])
        doc = parse(article)
        quotes = find_quotes(article, doc)
        _score_kind(tallies, speakers, quotes, items, misses)
        spans, names, error = _textacy_spans(doc)
        if error:
            errors.append(f"{key[1]}: {error}")
        gold_direct = [g for g in items if g["kind"] == "direct"]
        pairs = match(spans, [(g["start"], g["end"]) for g in gold_direct])
        tallies["textacy"].add(len(pairs), len(spans), len(gold_direct))
        for i, j in pairs:
            speakers["textacy"][0] += speaker_ok(names[i], gold_direct[j]["speaker"],
                                                 gold_direct[j]["speaker_head"])
            speakers["textacy"][1] += 1
    return {"tallies": tallies, "speakers": speakers, "errors": errors, "misses": misses,
            "articles": len(by_article)}


def _score_kind(tallies: dict[str, Tally], speakers: dict[str, list[int]], quotes: Iterable[Any],
                items: list[dict[str, Any]], misses: list[str]) -> None:
    quotes = list(quotes)
    for kinds, name in ((("direct",), "direct"), (("mixed",), "mixed"), (("indirect",), "indirect"),
                        (("mixed", "indirect"), "reported")):
        pred = [q for q in quotes if q.kind in kinds]
        gold = [g for g in items if g["kind"] in kinds]
        pairs = match([(q.span.start, q.span.end) for q in pred], [(g["start"], g["end"]) for g in gold])
        tallies[name].add(len(pairs), len(pred), len(gold))
        if name == "direct":
            for i, j in pairs:
                speakers["ours"][0] += speaker_ok(pred[i].speaker_text, gold[j]["speaker"],
                                                  gold[j]["speaker_head"])
                speakers["ours"][1] += 1
            found = {j for _, j in pairs}
            misses.extend(f"  {g['article'][:40]}: {g['text'][:70]!r}" for j, g in enumerate(gold)
                          if j not in found)
