"""Named-entity detection and typing against ECB+ and MEANTIME gold (read by :mod:`.entities`).

What counts as a gold *name*:

- MEANTIME marks names (``syntactic_type="NAM"``); a name's type is the ``ent_type`` of the entity it
  refers to (``PER``, ``ORG``, ``LOC``, ``PRO``; ``FIN`` and ``MIX`` count as ``OTHER``).
- ECB+ does not mark names. A gold mention counts as a name when every word of it is capitalised
  (connectives such as "of", "and", "de" aside), it is not a pronoun, and a one-word mention at the start
  of a sentence is capitalised somewhere else in the article too ("Police said" is not a name). Sentences
  written in title case (headlines) are left out on both sides: capitals there say nothing. The type
  comes from the markable: ``HUMAN_PART_PER`` is ``PER``, ``HUMAN_PART_ORG`` ``ORG``, ``HUMAN_PART_GPE``,
  ``LOC_GEO`` and ``LOC_FAC`` ``LOC``, the rest ``OTHER``.

Predicted types map the same way (spaCy's ``PERSON`` is ``PER``; ``GPE``, ``LOC`` and ``FAC`` are
``LOC``; ``PRODUCT`` is ``PRO``; ``NORP``, ``EVENT``, ``LAW`` are ``OTHER``). On both sides a leading
"the" (and ECB+'s leading preposition of a place: "in Athens") and a trailing possessive are not part of the
name, as in CoNLL.

Scores: *detection* is exact-span precision/recall/F1 whatever the type; *typed* is CoNLL-style (exact
span and type); per type, P/R/F1 of the mentions of that type. MEANTIME's names are whole noun phrases
("European airframer Airbus"), so an *inside* match (a predicted name within a gold name, one to one) is
scored beside the exact one. ECB+ annotates only the participants
of its events, so a predicted name that overlaps no gold mention at all is left out there (neither right
nor wrong); MEANTIME annotates every entity of its types, so nothing is left out.

The data is split in two by :func:`part`: rules are developed on ``dev`` and figures reported on ``test``.
"""

from __future__ import annotations

import zlib
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

from ..model import Mention
from .entities import GoldDoc, token_keys

__all__ = ["GOLD_TYPES", "TYPES", "NerCounts", "gold_names", "pair", "part", "predicted_names", "score"]

TYPES = ("PER", "ORG", "LOC", "PRO", "OTHER")
GOLD_TYPES = {
    "HUMAN_PART_PER": "PER", "HUMAN_PART_ORG": "ORG", "HUMAN_PART_GPE": "LOC", "LOC_GEO": "LOC",
    "LOC_FAC": "LOC", "HUMAN_PART_FAC": "LOC",
    "PER": "PER", "ORG": "ORG", "LOC": "LOC", "PRO": "PRO",
}
SPACY_TYPES = {"PERSON": "PER", "ORG": "ORG", "GPE": "LOC", "LOC": "LOC", "FAC": "LOC", "PRODUCT": "PRO"}
# ECB+ place markables hold their preposition ("in Athens"): no name starts with one.
_EDGE_BEFORE = frozenset({"the", "The", "THE", "in", "at", "on", "near", "from", "to", "into", "across", "outside",
                          "inside", "throughout", "around", "within"})
_EDGE_AFTER = frozenset({"'s", "’s", "'", "’"})
_CONNECTIVES = frozenset({"of", "and", "for", "de", "del", "la", "le", "von", "van", "der", "du", "on", "upon",
                          "&", "-", ".", ",", "'", "’", "'s", "’s", "the", "at", "in", "a", "an", "to"})
Names = dict[tuple[int, ...], str]
_PRONOUNS = frozenset("I We You He She It They Me Us Him Her Them His Its Their Our My Your This That These Those "
                      "Who Which Whom Whose Everyone Someone Anyone Nobody Somebody".split())


def part(doc: GoldDoc) -> str:
    """``dev`` or ``test``: ECB+ by topic (odd topics are dev), MEANTIME by a hash of the document name."""
    if doc.topic.isdigit():
        return "dev" if int(doc.topic) % 2 else "test"
    return "dev" if zlib.crc32(doc.id.encode()) % 2 else "test"


def _word(doc: GoldDoc, n: int) -> str:
    start, end = doc.tokens[n]
    return doc.text[start:end]


def _trim(doc: GoldDoc, tokens: Sequence[int]) -> tuple[int, ...]:
    kept = list(tokens)
    while kept and _word(doc, kept[0]) in _EDGE_BEFORE:
        kept.pop(0)
    while kept and _word(doc, kept[-1]) in _EDGE_AFTER:
        kept.pop()
    return tuple(kept)


def _starts_sentence(doc: GoldDoc, n: int) -> bool:
    return n == 0 or doc.token_sentence[n - 1] != doc.token_sentence[n]


def _title_case(doc: GoldDoc) -> set[int]:
    """Sentences where most words are capitalised (headlines)."""
    caps: Counter[int] = Counter()
    alpha: Counter[int] = Counter()
    for n in range(len(doc.tokens)):
        word = _word(doc, n)
        if word[:1].isalpha() and word not in _CONNECTIVES:
            alpha[doc.token_sentence[n]] += 1
            caps[doc.token_sentence[n]] += word[0].isupper()
    return {s for s, k in alpha.items() if k >= 3 and caps[s] / k > 0.7}


def _capitalised_inside(doc: GoldDoc) -> set[str]:
    return {_word(doc, n) for n in range(len(doc.tokens))
            if not _starts_sentence(doc, n) and _word(doc, n)[:1].isupper()}


def _looks_named(doc: GoldDoc, tokens: tuple[int, ...], inside: set[str]) -> bool:
    words = [_word(doc, n) for n in tokens]
    if not words or words[0] in _PRONOUNS or not words[0][:1].isupper() or not words[-1][:1].isalnum():
        return False
    if not all(w[:1].isupper() or w[:1].isdigit() or w in _CONNECTIVES for w in words):
        return False
    return not (len(words) == 1 and _starts_sentence(doc, tokens[0]) and words[0] not in inside)


def _kept_sentences(doc: GoldDoc) -> set[int]:
    """ECB+: annotated sentences that are not in title case. MEANTIME marks events in every sentence but
    entities only in the first few: the sentences up to the last one holding an entity mention."""
    if doc.topic.isdigit():
        return set(doc.scored) - _title_case(doc)
    last = max((doc.token_sentence[t] for tokens in doc.mentions.values() for t in tokens), default=-1)
    return {s for s in doc.scored if s <= last}


def gold_names(doc: GoldDoc) -> Names:
    """The document's gold names (trimmed token tuples) with their coarse type."""
    kept, names = _kept_sentences(doc), {}
    inside = _capitalised_inside(doc) if doc.topic.isdigit() else set()
    for mid, tokens in doc.mentions.items():
        trimmed = _trim(doc, tokens)
        if not trimmed or doc.token_sentence[trimmed[0]] not in kept:
            continue
        named = mid in doc.named if not doc.topic.isdigit() else _looks_named(doc, trimmed, inside)
        if named:
            names[trimmed] = GOLD_TYPES.get(doc.types.get(mid, ""), "OTHER")
    return names


def predicted_names(doc: GoldDoc, mentions: Iterable[Mention]) -> Names:
    """Predicted names (trimmed token tuples) with their coarse type, in the sentences that are scored;
    on ECB+ only those that overlap a gold mention (see the module docstring)."""
    kept, found = _kept_sentences(doc), {}
    annotated = {n for tokens in doc.mentions.values() for n in tokens}
    for mention in mentions:
        trimmed = _trim(doc, token_keys(doc, mention))
        if not trimmed or doc.token_sentence[trimmed[0]] not in kept:
            continue
        if doc.topic.isdigit() and not annotated.intersection(trimmed):
            continue
        found[trimmed] = SPACY_TYPES.get(mention.type, "OTHER")
    return found


def pair(gold: Names, predicted: Names, inside: bool = False) -> dict[tuple[int, ...], tuple[int, ...]]:
    """Predicted name -> the gold name it matches, one to one: the same tokens, or with ``inside`` also a
    predicted name lying within a longer gold name (MEANTIME's names are whole noun phrases: "European
    airframer Airbus"), the shortest such gold name first."""
    found = {tokens: tokens for tokens in predicted if tokens in gold}
    if not inside:
        return found
    used = set(found.values())
    for tokens in sorted(predicted):
        if tokens in found:
            continue
        around = [g for g in gold if g not in used and set(tokens) <= set(g)]
        if around:
            found[tokens] = min(around, key=len)
            used.add(found[tokens])
    return found


@dataclass(slots=True)
class NerCounts:
    """Counts over documents: gold and predicted names per type, matched names, matched with the type.
    ``inside`` selects the match of :func:`pair`."""

    inside: bool = False
    gold: Counter[str] = field(default_factory=Counter)
    predicted: Counter[str] = field(default_factory=Counter)
    typed: Counter[str] = field(default_factory=Counter)
    matched: int = 0

    def add(self, gold: Names, predicted: Names) -> None:
        self.gold.update(gold.values())
        self.predicted.update(predicted.values())
        for tokens, match in pair(gold, predicted, self.inside).items():
            self.matched += 1
            if gold[match] == predicted[tokens]:
                self.typed[predicted[tokens]] += 1


def _prf(found: int, predicted: int, gold: int) -> dict[str, float]:
    p = found / predicted if predicted else 0.0
    r = found / gold if gold else 0.0
    return {"p": p, "r": r, "f1": 2 * p * r / (p + r) if p + r else 0.0, "n": float(gold)}


def score(counts: NerCounts) -> dict[str, dict[str, float]]:
    """``detect`` (matched, any type), ``typed`` (matched with the same type) and one entry per type."""
    n_pred, n_gold = sum(counts.predicted.values()), sum(counts.gold.values())
    out = {"detect": _prf(counts.matched, n_pred, n_gold), "typed": _prf(sum(counts.typed.values()), n_pred, n_gold)}
    for kind in TYPES:
        out[kind] = _prf(counts.typed[kind], counts.predicted[kind], counts.gold[kind])
    return out
