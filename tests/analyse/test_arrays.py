"""Reading the parse through arrays gives what reading it token by token gives."""

from __future__ import annotations

import pytest
from spacy.attrs import LEMMA, LOWER

from newsweave.analyse.arrays import text_of, where
from newsweave.analyse.nlp import load

TEXT = "She said the Ferry Board met in Kestrel.\n\nHe and SHE  left the town of Westvale on Monday. "


@pytest.mark.parametrize("text", ["", " ", "word", TEXT, "  leading and trailing  \t"])
def test_text_of_is_the_docs_text(text: str) -> None:
    doc = load()(text)
    assert text_of(doc) == doc.text == text


def test_where_finds_the_tokens_whose_lowercased_attribute_is_listed() -> None:
    doc = load()(TEXT)
    assert where(doc, LOWER, {"she", "he"}) == [t.i for t in doc if t.lower_ in {"she", "he"}]
    assert where(doc, LEMMA, {"meet", "town"}) == [t.i for t in doc if t.lemma_.lower() in {"meet", "town"}]
    assert len(where(doc, LOWER, {"she"})) == 2 and where(load()(""), LOWER, {"she"}) == []
