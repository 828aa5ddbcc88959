"""Reading a spaCy parse through arrays: a Python Token costs more than a stage's test of it, so a stage that
looks for a few words in every token asks here which tokens they are and makes Tokens of those only."""

from __future__ import annotations

from collections.abc import Collection

from spacy.attrs import ORTH, SPACY
from spacy.tokens import Doc

__all__ = ["text_of", "where"]


#: A string's lower-cased form by its hash (spaCy's hash of a string is the same in every vocab), for the
#: stages that ask :func:`where` several times of every Doc; emptied when it grows past this many strings.
_LOWERED: dict[int, str] = {}
_LOWERED_MAX = 200_000


def where(doc: Doc, attr: int, words: Collection[str]) -> list[int]:
    """The indices, in order, of the tokens whose ``attr`` (a string attribute such as ``spacy.attrs.LOWER`` or
    ``LEMMA``), lower-cased, is one of ``words``."""
    if len(doc) == 0:
        return []
    values = doc.to_array(attr).tolist()  # one attribute: a flat array
    strings, lowered = doc.vocab.strings, _LOWERED
    if len(lowered) > _LOWERED_MAX:
        lowered.clear()
    hits = set()
    for v in set(values):
        low = lowered.get(v)
        if low is None:
            low = lowered[v] = strings[v].lower()
        if low in words:
            hits.add(v)
    return [i for i, v in enumerate(values) if v in hits]


def text_of(doc: Doc) -> str:
    """``doc.text`` (each token's text and its trailing space), joined from arrays: spaCy's own makes a Python
    Token of every word."""
    if len(doc) == 0:
        return doc.text
    orths, spaces = doc.to_array([ORTH, SPACY]).T.tolist()
    strings = doc.vocab.strings
    words = {orth: strings[orth] for orth in set(orths)}
    return "".join(words[orth] + " " if space else words[orth] for orth, space in zip(orths, spaces, strict=True))
