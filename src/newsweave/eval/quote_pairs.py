"""The quote-pair matcher (same utterance or not) scored on hand-labelled NeuS pairs.

Gold: ``bench/gold/quote_pairs/pairs.jsonl`` (see its README): pairs of quotes from two outlets' versions
of one NeuS story, labelled ``same`` or ``different`` by reading. Each pair is scored three ways:

- ``baseline``: exact string match (case, surrounding spaces and punctuation set aside);
- ``words``: :func:`newsweave.compare.quote_match.compare_quotes` on the words alone;
- ``words+speakers``: the same, told whether the annotated speakers agree (same name, or one name's
  words inside the other's: "Rand Paul" / "Rand Paul's staff"), differ, or are unknown.

Metrics: precision, recall and F1 of the ``same`` label, and accuracy over all pairs. Measured by
``bench/bench_quote_families.py``.
"""

from __future__ import annotations

import json
import re
import string
from collections.abc import Callable
from pathlib import Path

from ..compare.quote_match import SpeakerAgreement, compare_quotes

__all__ = ["SYSTEMS", "baseline", "load", "score", "speaker_agreement", "with_speakers", "words_only"]

_NAME = re.compile(r"[A-Za-z][\w.-]*")
_TITLE = frozenset({"the", "of", "s", "u.s.", "us", "official", "staff"})


def load(path: Path) -> list[dict]:
    """The labelled pairs, one JSON object a line (``bench/gold/quote_pairs/pairs.jsonl``)."""
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]


def speaker_agreement(a: str | None, b: str | None) -> SpeakerAgreement:
    if not a or not b:
        return "unknown"
    wa = {w.lower() for w in _NAME.findall(a)} - _TITLE
    wb = {w.lower() for w in _NAME.findall(b)} - _TITLE
    if a.casefold() == b.casefold() or (wa and wb and (wa <= wb or wb <= wa)):
        return "same"
    return "unknown" if wa & wb else "different"


def _plain(text: str) -> str:
    return " ".join(text.casefold().replace("’", "'").strip(string.punctuation + " “”‘").split())


def baseline(pair: dict) -> bool:
    return _plain(pair["quote_a"]) == _plain(pair["quote_b"])


def words_only(pair: dict) -> bool:
    return compare_quotes(pair["quote_a"], pair["quote_b"]).same


def with_speakers(pair: dict) -> bool:
    agreement = speaker_agreement(pair.get("speaker_a"), pair.get("speaker_b"))
    return compare_quotes(pair["quote_a"], pair["quote_b"], agreement).same


def score(pairs: list[dict], system: Callable[[dict], bool]) -> dict[str, float]:
    tp = fp = fn = tn = 0
    for pair in pairs:
        gold, guess = pair["label"] == "same", system(pair)
        tp += gold and guess
        fp += guess and not gold
        fn += gold and not guess
        tn += not gold and not guess
    p = tp / (tp + fp) if tp + fp else 0.0
    r = tp / (tp + fn) if tp + fn else 0.0
    f = 2 * p * r / (p + r) if p + r else 0.0
    return {"precision": p, "recall": r, "f1": f, "accuracy": (tp + tn) / len(pairs)}


SYSTEMS: dict[str, Callable[[dict], bool]] = {
    "baseline exact string": baseline,
    "words": words_only,
    "words+speakers": with_speakers,
}
