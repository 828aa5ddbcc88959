"""Score the quote-pair matcher (same utterance or not) on the hand-labelled NeuS pairs.

Gold: ``bench/gold/quote_pairs/pairs.jsonl`` (see its README): pairs of quotes from two outlets' versions
of one NeuS story, labelled ``same`` or ``different`` by reading. Each pair is scored three ways:

- ``baseline``: exact string match (case, surrounding spaces and punctuation set aside);
- ``words``: :func:`newsweave.compare.quote_match.compare_quotes` on the words alone;
- ``words+speakers``: the same, told whether the annotated speakers agree (same name, or one name's
  words inside the other's: "Rand Paul" / "Rand Paul's staff"), differ, or are unknown.

Metrics: precision, recall and F1 of the ``same`` label, and accuracy over all pairs.

Usage: ``.venv/bin/python bench/bench_quote_families.py [--gold PATH] [--errors]``. The last line of
stdout is a JSON list of ``{"name", "metric", "value"}`` objects.
"""

from __future__ import annotations

import argparse
import json
import re
import string
from collections.abc import Callable
from pathlib import Path

from newsweave.compare.quote_match import SpeakerAgreement, compare_quotes

GOLD = Path(__file__).resolve().parent / "gold" / "quote_pairs" / "pairs.jsonl"
_NAME = re.compile(r"[A-Za-z][\w.-]*")
_TITLE = frozenset({"the", "of", "s", "u.s.", "us", "official", "staff"})


def load(path: Path) -> list[dict]:
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


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--gold", type=Path, default=GOLD)
    parser.add_argument("--errors", action="store_true", help="list the pairs words+speakers gets wrong")
    args = parser.parse_args()
    if not args.gold.exists():
        print(f"skip: no gold at {args.gold}")
        print(json.dumps([{"name": "quote_pairs", "metric": "skipped", "value": None}]))
        return
    pairs = load(args.gold)
    same = sum(p["label"] == "same" for p in pairs)
    print(f"quote pairs: {len(pairs)} ({same} same, {len(pairs) - same} different)")
    print(f"{'system':<24}{'P':>8}{'R':>8}{'F1':>8}{'acc':>8}")
    records = []
    for name, system in SYSTEMS.items():
        s = score(pairs, system)
        print(f"{name:<24}{s['precision']:>8.3f}{s['recall']:>8.3f}{s['f1']:>8.3f}{s['accuracy']:>8.3f}")
        key = name.replace(" ", "_")
        records += [{"name": f"quote_pairs/{key}", "metric": m, "value": round(v, 4)} for m, v in s.items()]
    if args.errors:
        for pair in pairs:
            if with_speakers(pair) != (pair["label"] == "same"):
                print(f"  {pair['id']} gold={pair['label']}: {pair['quote_a']!r} | {pair['quote_b']!r}")
    print(json.dumps(records))


if __name__ == "__main__":
    main()
