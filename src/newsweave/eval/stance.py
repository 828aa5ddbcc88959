"""The claim check against FNC-1 (headline/body stance: agree, disagree, discuss, unrelated).

The official FNC-1 weighted score: a pair earns 0.25 when related/unrelated is right (an unrelated
pair predicted unrelated, or a related one predicted any of agree/disagree/discuss), and 0.75 more
when a related pair's stance is exactly right. The maximum is the score of the gold labels themselves;
FNC-1 reports the score as a percentage of it.

The split is by body: the held-out part is every fifth body in order of its numeric id (ids 4, 9, ...
by position, see :func:`part_of`), never used to tune :class:`~newsweave.compare.stance.StanceConfig`.
``all_discuss_relative`` is the score of the same relatedness decisions with every related pair called
"discuss" (FNC-1's majority related class): what the stance cues add is the difference.
IDF weights are computed over the bodies of the part being scored (no labels are read to do so).
"""

from __future__ import annotations

import csv
import random
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Literal

from ..compare.stance import LABELS, Label, StanceConfig, stance_of, weights
from ..errors import InputError

__all__ = ["Pair", "evaluate", "fnc_score", "load_fnc", "part_of"]

RELATED = frozenset({"agree", "disagree", "discuss"})
Part = Literal["dev", "heldout", "all"]


@dataclass(frozen=True, slots=True)
class Pair:
    headline: str
    body: int
    stance: Label


def load_fnc(folder: Path) -> tuple[list[Pair], dict[int, str]]:
    """The pairs of ``train_stances.csv`` and the bodies of ``train_bodies.csv`` in ``folder``."""
    stances, bodies = folder / "train_stances.csv", folder / "train_bodies.csv"
    for path in (stances, bodies):
        if not path.is_file():
            raise InputError(str(path), "not found", hint="point at the fnc1-train folder")
    with bodies.open(encoding="utf-8", newline="") as f:
        texts = {int(r["Body ID"]): r["articleBody"] for r in csv.DictReader(f)}
    with stances.open(encoding="utf-8", newline="") as f:
        pairs = [Pair(r["Headline"], int(r["Body ID"]), _label(r["Stance"])) for r in csv.DictReader(f)]
    return pairs, texts


def _label(text: str) -> Label:
    for label in LABELS:
        if label == text:
            return label
    raise InputError("train_stances.csv", f"unknown FNC-1 stance {text!r}", hint="expected one of " + ", ".join(LABELS))


def part_of(body_ids: Sequence[int], part: Part) -> set[int]:
    """The body ids of ``part``: "heldout" is every fifth body by sorted id, "dev" the rest."""
    ordered = sorted(set(body_ids))
    if part == "all":
        return set(ordered)
    held = {b for i, b in enumerate(ordered) if i % 5 == 4}
    return held if part == "heldout" else set(ordered) - held


def fnc_score(gold: Sequence[str], predicted: Sequence[str]) -> tuple[float, float]:
    """The official FNC-1 weighted score of ``predicted`` against ``gold``, and its maximum."""
    score = best = 0.0
    for g, p in zip(gold, predicted, strict=True):
        best += 0.25 if g == "unrelated" else 1.0
        if g == p:
            score += 0.25 + (0.5 if g != "unrelated" else 0.0)
        if g in RELATED and p in RELATED:
            score += 0.25
    return score, best


def evaluate(folder: Path, part: Part, config: StanceConfig = StanceConfig(),  # noqa: B008 - frozen
             sample: int | None = None, seed: int = 0) -> dict[str, float]:
    """Score the claim check on one part of FNC-1; ``sample`` pairs drawn with ``seed`` if given."""
    pairs, texts = load_fnc(folder)
    chosen = part_of(list(texts), part)
    mine = [p for p in pairs if p.body in chosen]
    if sample is not None and sample < len(mine):
        mine = random.Random(seed).sample(mine, sample)
    w = weights(texts[b] for b in sorted(chosen))
    predicted = [stance_of(p.headline, texts[p.body], w, config=config).label for p in mine]
    gold = [p.stance for p in mine]
    score, best = fnc_score(gold, predicted)
    flat = ["unrelated" if q == "unrelated" else "discuss" for q in predicted]  # same relatedness, no stance
    flat_score = fnc_score(gold, flat)[0]
    related_right = sum((g == "unrelated") == (q == "unrelated") for g, q in zip(gold, predicted, strict=True))
    figures = {"pairs": float(len(mine)), "bodies": float(len({p.body for p in mine})), "score": score,
               "max_score": best, "relative": 100 * score / best if best else 0.0,
               "related_accuracy": related_right / len(mine) if mine else 0.0,
               "all_discuss_relative": 100 * flat_score / best if best else 0.0}
    confusion = Counter(zip(gold, predicted, strict=True))
    for label in LABELS:
        found = sum(n for (g, q), n in confusion.items() if q == label)
        right = confusion[(label, label)]
        total = sum(n for (g, _), n in confusion.items() if g == label)
        figures[f"{label}_precision"] = right / found if found else 0.0
        figures[f"{label}_recall"] = right / total if total else 0.0
    return figures
