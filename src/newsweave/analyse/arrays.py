"""Reading a spaCy parse through arrays: a Python Token costs more than a stage's test of it, so a stage that
looks for a few words in every token asks here which tokens they are and makes Tokens of those only."""

from __future__ import annotations

from collections.abc import Collection

from spacy.attrs import ORTH, SPACY
from spacy.tokens import Doc

__all__ = ["text_of", "where"]


def where(doc: Doc, attr: int, words: Collection[str]) -> list[int]:
    """The indices, in order, of the tokens whose ``attr`` (a string attribute such as ``spacy.attrs.LOWER`` or
    ``LEMMA``), lower-cased, is one of ``words``."""
    if len(doc) == 0:
        return []
    values = doc.to_array(attr).tolist()  # one attribute: a flat array
    strings = doc.vocab.strings
    hits = {v for v in set(values) if strings[v].lower() in words}
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
