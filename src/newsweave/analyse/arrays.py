"""Reading a spaCy parse through arrays: a Python Token costs more than a stage's test of it, so a stage that
looks for a few words in every token asks here which tokens they are and makes Tokens of those only."""

from __future__ import annotations

from collections.abc import Collection

from spacy.tokens import Doc

__all__ = ["where"]


def where(doc: Doc, attr: int, words: Collection[str]) -> list[int]:
    """The indices, in order, of the tokens whose ``attr`` (a string attribute such as ``spacy.attrs.LOWER`` or
    ``LEMMA``), lower-cased, is one of ``words``."""
    if len(doc) == 0:
        return []
    values = doc.to_array(attr).tolist()  # one attribute: a flat array
    strings = doc.vocab.strings
    hits = {v for v in set(values) if strings[v].lower() in words}
    return [i for i, v in enumerate(values) if v in hits]
