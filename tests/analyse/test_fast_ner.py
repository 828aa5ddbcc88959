"""The fast entity recognizer gives exactly spaCy's entities (spans, labels, IOB per token) on built texts,
falls back to spaCy on preset entities, refuses what it cannot copy, and is what ``load()`` runs."""

from __future__ import annotations

import json
from pathlib import Path

import blis.py
import numpy as np
import pytest
import spacy
from spacy.lang.en import English
from spacy.language import Language
from spacy.tokens import Doc, Span

from newsweave.analyse import nlp
from newsweave.analyse.fast_ner import FastNer, UnsupportedNer, differences

DATA = Path(__file__).resolve().parents[3] / "shared" / "data"
ECB = DATA / "ecbplus-dev" / "articles.jsonl"
POLNEAR = DATA / "polnear" / "data" / "train" / "text"

#: Invented texts: an entity at the very last token, an entity running into a paragraph break (it may end
#: on the break's whitespace token, never cross it), stray whitespace tokens, an empty and a one-token Doc.
CASES = {
    "entity at the last token": "Officials met on Friday with the envoy from Veltrania",
    "paragraph break": "The Harwick Ferry Company\n\nBoard members met in Dunmore on Monday.",
    "whitespace tokens": "Talks  in   Lisbon  ended  .  \n \n  Maria Ostrova of Quendell Bank left for Paris.",
    "empty": "",
    "one token": "Lisbon",
    "whitespace only": " \n ",
}


def _before_ner(text: str) -> Doc:
    pipeline = nlp.load()
    with pipeline.select_pipes(enable=pipeline.pipe_names[: pipeline.pipe_names.index("newsweave_ner")]):
        return pipeline(text)


def _annotations(doc: Doc) -> tuple[list[tuple[int, int, str]], list[tuple[str, str]]]:
    return [(e.start, e.end, e.label_) for e in doc.ents], [(t.ent_iob_, t.ent_type_) for t in doc]


@pytest.mark.parametrize("text", CASES.values(), ids=CASES.keys())
def test_one_doc_gets_spacys_entities(text: str) -> None:
    theirs, ours = _before_ner(text), _before_ner(text)
    fast = nlp.load().get_pipe("newsweave_ner")
    fast.ner(theirs)
    assert fast(ours) is ours
    assert _annotations(ours) == _annotations(theirs)


def test_the_built_texts_reach_the_cases_they_name() -> None:
    """The cases are only worth comparing if spaCy's model does what they are named for."""
    ents = {name: _annotations(nlp.load()(text))[0] for name, text in CASES.items()}
    assert ents["entity at the last token"][-1][1] == 9
    assert any(end == 5 for _, end, _ in ents["paragraph break"])  # up to the break's whitespace token
    assert ents["one token"] == [(0, 1, "GPE")]
    assert ents["empty"] == []


def test_a_batch_gets_spacys_entities_in_every_doc() -> None:
    texts = [*CASES.values(), *(f"Inspector {n} of the Quendell Port Authority met Ana Brisk in Harwick."
                                for n in range(20))]
    found, seconds = differences(nlp.load(), texts * 2, batch_size=8)
    assert found == []
    assert seconds["fast_ner"] > 0 and seconds["spacy_ner"] > 0


@pytest.mark.data
def test_real_articles_get_spacys_entities() -> None:
    if not ECB.exists() or not POLNEAR.exists():
        pytest.skip(f"{DATA} lacks ECB+ dev or PolNeAR train")
    texts = [json.loads(line)["text"] for line in ECB.read_text(encoding="utf-8").splitlines()[:30]]
    texts += [path.read_text(encoding="utf-8") for path in sorted(POLNEAR.glob("*.txt"))[:6]]
    found, _ = differences(nlp.load(), texts)
    assert found == []


@pytest.mark.parametrize("favoured", ["B-", "I-", "L-", "U-", "U- B-", "seed 0", "seed 1", "seed 2"])
def test_spacys_validity_rules_hold_when_forbidden_moves_score_best(favoured: str) -> None:
    """With the upper layer's biases raised for every move of one kind (or shifted at random), the
    best-scoring move is often one the state forbids (B or U on whitespace, B before a sentence start, I
    into one, L or I of another label): the masks must leave exactly the moves spaCy's ``is_valid`` leaves,
    and the entities follow."""
    pipeline = nlp.load()
    ner = pipeline.get_pipe("ner")
    upper = ner.model.get_ref("upper")
    saved = upper.get_param("b").copy()
    if favoured.startswith("seed"):
        shift = np.random.default_rng(int(favoured[-1])).normal(0, 4, saved.shape)
    else:
        names = [ner.moves.get_class_name(i) for i in range(ner.moves.n_moves)]
        raised = favoured.split()  # "U- B-": U above B above the rest, so B is tried on whitespace left closed
        shift = np.array([10.0 + 2 * (len(raised) - raised.index(name[:2])) if name[:2] in raised else 0.0
                          for name in names])
    texts = [*CASES.values(), "Mayor Ana Brisk\n\nHarwick Port  Authority \n  said\t on  Friday .  \n\n",
             "Quendell Bank. Dunmore Ferry Company; Harwick\n \nPort Authority,  Lisbon   and   Paris",
             "  \n Quendell Bank opened.  Ana Brisk left."]
    try:
        upper.set_param("b", (saved + shift).astype("f"))
        found, _ = differences(pipeline, texts)
        entities = sum(len(pipeline(text).ents) for text in texts)
    finally:
        upper.set_param("b", saved)
    assert found == []
    assert entities >= 10  # the shifted model does open entities: the comparison is not vacuous


def test_a_row_of_the_upper_product_does_not_depend_on_the_rows_beside_it() -> None:
    """spaCy scores the few states of a step together; the fast recognizer scores every token of a batch in
    one product: BLIS must give each row the same bits either way."""
    weights = nlp.load().get_pipe("ner").model.get_ref("upper").get_param("W")
    hidden = np.random.default_rng(7).normal(0, 2, (5000, weights.shape[1])).astype("f")
    together = blis.py.gemm(hidden, weights, trans2=True, beta=0.0)
    for rows in (1, 3, 4, 17):
        apart = np.concatenate([blis.py.gemm(hidden[i : i + rows], weights, trans2=True, beta=0.0)
                                for i in range(0, 340, rows)])
        assert np.array_equal(apart, together[: len(apart)])


def test_a_doc_with_preset_entities_goes_to_spacys_recognizer() -> None:
    theirs, ours = _before_ner("Board members of Quendell Bank met in Dunmore."), _before_ner(
        "Board members of Quendell Bank met in Dunmore.")
    for doc in (theirs, ours):
        doc.set_ents([Span(doc, 7, 8, label="FAC")], default="missing")
    fast = nlp.load().get_pipe("newsweave_ner")
    fast.ner(theirs)
    list(fast.pipe([ours, _before_ner("Ana Brisk left.")], batch_size=4))
    assert _annotations(ours) == _annotations(theirs)
    assert (7, 8, "FAC") in _annotations(ours)[0]


def test_load_runs_the_fast_recognizer_in_spacys_place() -> None:
    pipeline = nlp.load()
    assert pipeline.pipe_names[-1] == "newsweave_ner" and "ner" in pipeline.disabled
    assert isinstance(pipeline.get_pipe("newsweave_ner"), FastNer)
    doc = pipeline("Maria Velasquez flew from Lisbon to the Ardmore Institute in New Halden on Tuesday.")
    assert [e.label_ for e in doc.ents] == ["PERSON", "GPE", "ORG", "DATE"]


def _blank_ner(factory: str = "ner", config: dict | None = None) -> Language:
    pipeline = English()
    pipeline.add_pipe(factory, config=config or {})
    pipeline.get_pipe(factory).add_label("PLACE")
    pipeline.initialize()
    return pipeline


@pytest.mark.parametrize(
    ("factory", "config", "reason"),
    [("beam_ner", None, "beam search"),
     ("ner", {"model": {"extra_state_tokens": True}}, "features other than the ner state's three"),
     ("ner", {"model": {"use_upper": False}}, "no upper layer")],
)
def test_a_recognizer_it_cannot_copy_is_refused(factory: str, config: dict | None, reason: str) -> None:
    pipeline = _blank_ner(factory, config)
    with pytest.raises(UnsupportedNer, match=reason):
        FastNer(pipeline.get_pipe(factory))


def test_unseen_classes_and_other_components_are_refused() -> None:
    pipeline = _blank_ner()
    ner = pipeline.get_pipe("ner")
    FastNer(ner)  # a plain greedy recognizer is accepted
    ner.model.attrs["unseen_classes"] = {0}
    with pytest.raises(UnsupportedNer, match="unseen classes"):
        FastNer(ner)
    with pytest.raises(UnsupportedNer, match="is a Tagger"):
        FastNer(spacy.blank("en").add_pipe("tagger"))


def test_a_label_added_after_construction_is_decoded_like_spacy() -> None:
    """Adding a label resizes the recognizer with the new moves marked unseen, which this does not copy:
    from then on spaCy's component decodes."""
    pipeline = _blank_ner()
    ner = pipeline.get_pipe("ner")
    fast = FastNer(ner)
    ner.add_label("VESSEL")
    texts = ["The Quendell left Harwick.", "Ana Brisk"]
    theirs = [ner(pipeline.make_doc(text)) for text in texts]
    ours = list(fast.pipe(pipeline.make_doc(text) for text in texts))
    assert not fast.copyable and "B-VESSEL" in [ner.moves.get_class_name(i) for i in range(ner.moves.n_moves)]
    assert [_annotations(doc) for doc in ours] == [_annotations(doc) for doc in theirs]
