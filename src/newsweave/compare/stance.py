"""Stance of a report towards a short claim (a headline): agree, disagree, discuss or unrelated.

No inference model is used. Two steps, each a small named function:

1. **relatedness**: the share of the claim's content words (stemmed, stop words removed) that the report
   uses, each word weighted by its inverse document frequency over the reports being checked (a rare
   name counts more than "says"). Below ``StanceConfig.related`` the report is "unrelated".
2. **stance** of a related report, read in the sentences most like the claim: refuting cues ("hoax",
   "fake", "denied", "debunked", "no evidence") make it "disagree" (or "agree" when the claim itself
   refutes: "X is a hoax"); hedging cues ("reportedly",
   "allegedly", "claims", "unconfirmed", "rumour") or no sentence close enough to the claim make it
   "discuss"; a close sentence said without hedge or refutation makes it "agree". Precision first:
   when unsure the answer is "discuss", never "agree" or "disagree".

    >>> w = weights(["A dog bit a man in Paris.", "Markets fell on Monday."])
    >>> stance_of("Dog bites man in Paris", "A dog bit a man in Paris.", w).label
    'agree'
"""

from __future__ import annotations

import math
import re
from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from functools import lru_cache
from typing import ClassVar, Literal

from nltk.stem import PorterStemmer
from sklearn.feature_extraction.text import ENGLISH_STOP_WORDS

from ..config import param

__all__ = ["Label", "Read", "StanceConfig", "Weights", "relatedness", "sentences_of", "stance_of", "weights"]

Label = Literal["agree", "disagree", "discuss", "unrelated"]
LABELS: tuple[Label, ...] = ("agree", "disagree", "discuss", "unrelated")


@dataclass(frozen=True, slots=True)
class StanceConfig:
    """What the claim check tunes (tuned on the FNC-1 dev part only; see bench/bench_stance.py)."""

    SECTION: ClassVar[str] = "stance"
    related: float = param(0.34, "Weighted share of the claim's words a report must use to relate to it.",
                           low=0.0, high=1.0)
    close: float = param(0.6, "Weighted share of the claim's words one sentence must hold to state it.",
                         low=0.0, high=1.0)
    top: int = param(2, "Sentences most like the claim read for its stance.", low=1)
    refutes: int = param(2, "Refuting cues (in the sentences read, or the lead) that make a report deny.",
                         low=1)
    hedges: int = param(1, "Hedging cues in the sentences read that make a report only discuss.", low=1)
    lead: int = param(3, "First sentences of a report also read for refuting cues (a denial leads).", low=0)


_DEFAULTS = StanceConfig()
_WORD = re.compile(r"[A-Za-z][A-Za-z'’-]*|\d[\d,.]*")
_SENTENCE = re.compile(r"[^.!?\n]+(?:[.!?]+[\"'”’)]*|\n|$)")
_STOP = frozenset(ENGLISH_STOP_WORDS) | {"says", "said", "say", "new", "report", "reports", "reported"}

#: Refuting cues: the report says the claim is false, or someone denies it.
_REFUTE = re.compile(
    r"\b(?:hoax\w*|fake\w*|false(?:ly)?|falsehood|untrue|not true|debunk\w*|den(?:y|ies|ied|ying|ial)|"
    r"refut\w*|fabricat\w*|bogus|myth|no evidence|not (?:real|genuine|authentic)|satir\w*|"
    r"dismiss\w*|rejected|retract\w*|misleading|nonsense|baseless|unfounded|never happened|"
    r"doctored|photoshopp\w*|spoof|prank)\b",
    re.IGNORECASE,
)
#: Hedging cues: the report passes the claim on without standing behind it.
_HEDGE = re.compile(
    r"\b(?:reported(?:ly)?|allegedly|alleged|claim(?:s|ed|ing)?|purported(?:ly)?|apparent(?:ly)?|"
    r"rumou?r\w*|unconfirmed|unverified|according to|may|might|could|possibl[ey]|believed|"
    r"suggest\w*|appears?|seem\w*|speculat\w*|if true|not (?:yet )?(?:been )?(?:confirmed|verified))\b",
    re.IGNORECASE,
)


@dataclass(frozen=True, slots=True)
class Weights:
    """Inverse document frequency of each stem over the reports being checked (unseen stems: the most)."""

    idf: Mapping[str, float]
    unseen: float

    def of(self, stem: str) -> float:
        return self.idf.get(stem, self.unseen)


@dataclass(frozen=True, slots=True)
class Read:
    """What reading one report against a claim found: the label, how much of the claim the report uses,
    the sentences read (offsets into the text, best first, each with its share of the claim) and the cue
    words that decided the label."""

    label: Label
    relatedness: float
    sentences: tuple[tuple[int, int, float], ...] = ()
    cues: tuple[str, ...] = ()
    why: str = ""


@lru_cache(maxsize=200_000)
def _stem(word: str) -> str:
    return _STEMMER.stem(word)


_STEMMER = PorterStemmer()


def stems(text: str) -> set[str]:
    """The content words of ``text``, lower-cased and stemmed, stop words removed."""
    words = (w.lower().strip("'’-") for w in _WORD.findall(text))
    return {_stem(w) for w in words if w and w not in _STOP and len(w) > 1}


def weights(texts: Iterable[str]) -> Weights:
    """IDF weights over ``texts`` (smoothed: log((1 + n) / (1 + df)) + 1)."""
    df: Counter[str] = Counter()
    n = 0
    for text in texts:
        df.update(stems(text))
        n += 1
    idf = {s: math.log((1 + n) / (1 + c)) + 1 for s, c in df.items()}
    return Weights(idf, math.log(1 + n) + 1)


def relatedness(claim: set[str], text: set[str], w: Weights) -> float:
    """Weighted share of the claim's stems that ``text`` holds (0 for a claim with no content words)."""
    total = sum(w.of(s) for s in claim)
    return sum(w.of(s) for s in claim & text) / total if total else 0.0


def sentences_of(text: str) -> tuple[tuple[int, int], ...]:
    """Sentence offsets by punctuation and line breaks (used when a report carries no parse)."""
    return tuple((m.start(), m.end()) for m in _SENTENCE.finditer(text) if m.group().strip())


def stance_of(claim: str, text: str, w: Weights, sentences: Sequence[tuple[int, int]] | None = None,
              config: StanceConfig = _DEFAULTS) -> Read:
    """How ``text`` stands towards ``claim``; ``sentences`` are its sentence offsets (split here if None)."""
    wanted = stems(claim)
    share = relatedness(wanted, stems(text), w)
    if share < config.related:
        return Read("unrelated", share, why=f"the report uses {share:.0%} of the claim's words")
    spans = sentences if sentences is not None else sentences_of(text)
    scored = sorted(((relatedness(wanted, stems(text[a:b]), w), a, b) for a, b in spans), reverse=True)
    best = tuple((a, b, s) for s, a, b in scored[: config.top] if s > 0)
    return _decide(claim, text, best, spans, share, config)


def _decide(claim: str, text: str, best: tuple[tuple[int, int, float], ...], spans: Sequence[tuple[int, int]],
            share: float, config: StanceConfig) -> Read:
    read = " ".join(text[a:b] for a, b, _ in best)
    lead = " ".join(text[a:b] for a, b in spans[: config.lead])
    refuting = [m.group().lower() for m in _REFUTE.finditer(read + " " + lead)]
    if len(refuting) >= config.refutes:
        if _REFUTE.search(claim):  # "X is a hoax": a report calling it a hoax agrees with the claim
            return Read("agree", share, best, tuple(dict.fromkeys(refuting)), "refutes what the claim refutes")
        return Read("disagree", share, best, tuple(dict.fromkeys(refuting)), "refuting words near the claim")
    hedging = [m.group().lower() for m in _HEDGE.finditer(read)]
    if len(hedging) >= config.hedges:
        return Read("discuss", share, best, tuple(dict.fromkeys(hedging)), "hedged: passed on, not asserted")
    if best and best[0][2] >= config.close:
        return Read("agree", share, best, (), "a sentence states the claim without hedge or denial")
    return Read("discuss", share, best, (), "related, but no sentence states the claim")
