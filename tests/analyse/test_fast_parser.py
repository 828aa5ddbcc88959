"""newsweave_parser decodes exactly as spaCy's parser: same heads, labels and sentence starts, on invented
edge cases (paragraph breaks, one token, no token, runs of whitespace, a very long sentence) and on real
articles; it stands in for spaCy's parser in the loaded pipeline, and leaves to it what it cannot take."""

from __future__ import annotations

import json
from pathlib import Path

import numpy as np
import pytest
from spacy.attrs import DEP, HEAD, SENT_START
from spacy.tokens import Doc

from newsweave.analyse import nlp
from newsweave.analyse.fast_parser import FastParser, differences

ECB = Path(__file__).resolve().parents[3] / "shared" / "data" / "ecbplus-dev" / "articles.jsonl"

LONG_SENTENCE = " ".join(
    f"the {n}th inspector from Harwick, who had boarded the ferry at dawn with {n} crates," for n in range(40)
) + " said nothing."

TEXTS = [
    "Ferry strike ends\nThe ferry left Harwick at dawn. Two inspectors boarded it.\n\nTalks resume Monday",
    "Harwick",
    "",
    "   \n\n  \n",
    "Quillon  said   it \n \n was\tover.\n\n\n  \"No,\" Marra replied.  ",
    LONG_SENTENCE,
    "Headline\nByline here\n1.\n2.\nA. B. C.\n\n\nThe mayor of Tarnby, Ilse Vord, resigned on Friday.",
    "\n".join(f"Point {n}: the council voted." for n in range(30)),
]


def _before_parser(texts: list[str]) -> list[Doc]:
    pipeline = nlp.load()
    before = pipeline.pipe_names[: pipeline.pipe_names.index("newsweave_parser")]
    with pipeline.select_pipes(enable=before):
        return list(pipeline.pipe(texts))


def _parsed(doc: Doc) -> np.ndarray:
    return doc.to_array([HEAD, DEP, SENT_START])


class _NoFallback(FastParser):
    def _spacy(self, docs: list[Doc]) -> list[Doc]:
        raise AssertionError("spaCy's parser ran instead of the fast path")


def test_the_fast_parser_replaces_spacys_in_the_loaded_pipeline() -> None:
    pipeline = nlp.load()
    assert "newsweave_parser" in pipeline.pipe_names and "parser" not in pipeline.pipe_names
    assert "parser" in pipeline.disabled


@pytest.mark.parametrize(("together", "max_tokens"), [(True, 32768), (True, 40), (False, 32768)],
                         ids=["one batch", "in runs of 40 tokens", "each alone"])
def test_the_decoder_gives_spacys_heads_labels_and_sentence_starts_on_edge_cases(together: bool,
                                                                                 max_tokens: int) -> None:
    theirs = _before_parser(TEXTS)
    for token in list(theirs[-2])[::3]:  # preset "cannot start a sentence" too
        if not token.is_sent_start:
            token.is_sent_start = False
    mine = [doc.copy() for doc in theirs]
    spacy_parser = nlp.load().get_pipe("parser")
    ours = _NoFallback(spacy_parser, min_segments=1, max_tokens=max_tokens)  # type: ignore[arg-type]
    list(spacy_parser.pipe(theirs))
    for batch in [mine] if together else [[doc] for doc in mine]:
        if sum(len(doc) for doc in batch):
            ours.parse(batch)
        else:  # no token at all: spaCy's loop does not run either
            FastParser(spacy_parser).parse(batch)  # type: ignore[arg-type]
    for text, a, b in zip(TEXTS, theirs, mine, strict=True):
        assert np.array_equal(_parsed(a), _parsed(b)), text[:40]
    assert any(token.dep_ == "ROOT" for token in mine[0]) and len(list(mine[0].sents)) >= 3


def test_a_batch_too_small_to_gain_is_left_to_spacy_with_the_same_result() -> None:
    theirs = _before_parser(TEXTS[:2])
    mine = [doc.copy() for doc in theirs]
    spacy_parser = nlp.load().get_pipe("parser")
    list(spacy_parser.pipe(theirs))
    FastParser(spacy_parser).parse(mine)  # type: ignore[arg-type]
    assert all(np.array_equal(_parsed(a), _parsed(b)) for a, b in zip(theirs, mine, strict=True))


def test_documents_that_carry_labels_already_are_left_to_spacy() -> None:
    (doc,) = _before_parser([TEXTS[0]])
    doc[0].dep_ = "nsubj"
    fast = _NoFallback(nlp.load().get_pipe("parser"), min_segments=1)  # type: ignore[arg-type]
    with pytest.raises(AssertionError, match="spaCy's parser ran"):
        fast.parse([doc])


def test_differences_finds_none_on_invented_texts_through_the_pipeline() -> None:
    found, seconds = differences(nlp.load(), TEXTS * 3, batch_size=8)
    assert found == []
    assert set(seconds) == {"spacy_parser", "newsweave_parser"}


@pytest.mark.data
def test_the_decoder_gives_spacys_parses_on_real_articles() -> None:
    if not ECB.exists():
        pytest.skip(f"{ECB} is absent")
    texts = [json.loads(line)["text"] for line in ECB.read_text(encoding="utf-8").splitlines()[-48:]]
    ours = nlp.load().get_pipe("newsweave_parser")
    before = dict(ours.batches)
    found, _ = differences(nlp.load(), texts, batch_size=16)
    assert found == []
    assert ours.batches["spacy"] == before["spacy"] and ours.batches["fast"] >= before["fast"] + 3
