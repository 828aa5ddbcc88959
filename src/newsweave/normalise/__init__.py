"""RawDocument -> Article: clean the text, take out debris (reported, never silent), lift the headline,
standfirst and dateline into metadata, split paragraphs with offsets, and detect the language."""

from __future__ import annotations

import hashlib
import re
from collections.abc import Sequence

from ..errors import InputError
from ..model import Article, Meta, Problem, RawDocument, Removal
from .blocks import Block, split_blocks, words
from .config import NormaliseConfig
from .debris import classify_debris
from .language import detect_language
from .metadata import find_dateline, normalise_date

__all__ = ["NormaliseConfig", "article_id", "normalise"]

_DEFAULTS = NormaliseConfig()
_ENDS_SENTENCE = re.compile(r"[.!?…\"”’)]$")


def article_id(raw: RawDocument) -> str:
    """Content hash: the same report read twice gets the same id, whatever its path."""
    return "a-" + hashlib.sha256(raw.text.encode("utf-8")).hexdigest()[:16]


def _is_heading(block: Block, limit: int) -> bool:
    return len(words(block.text)) <= limit and not _ENDS_SENTENCE.search(block.text)


def _structure(raw: RawDocument, blocks: Sequence[Block], config: NormaliseConfig) -> dict[int, str]:
    """Which leading blocks are headline and standfirst (plain text only), or repeat a known title."""
    roles: dict[int, str] = {}
    title = raw.get("title")
    if title and blocks and blocks[0].text.casefold() == title.value.strip().casefold():
        roles[0] = "headline"
    elif raw.format == "text" and len(blocks) > 2 and _is_heading(blocks[0], config.headline_words):
        roles[0] = "headline"
    if 0 in roles and len(blocks) > 2 and _is_heading(blocks[1], config.standfirst_words):
        roles[1] = "standfirst"
    return roles


def _meta(raw: RawDocument, name: str, fallback: Meta | None = None) -> Meta | None:
    return raw.get(name) or fallback


def normalise(raw: RawDocument, config: NormaliseConfig = _DEFAULTS) -> Article:
    """Turn one RawDocument into an Article. Raises InputError when nothing readable is left."""
    blocks = split_blocks(raw.text)
    roles = _structure(raw, blocks, config)
    debris = classify_debris(blocks, protected=frozenset(roles), short=config.repeated_words,
                             edge=config.edge_blocks)
    dateline_at, dateline = find_dateline(blocks, skip=set(roles) | set(debris), most_words=config.dateline_words,
                                          head=config.dateline_blocks)
    removed: list[Removal] = []
    kept: list[Block] = []
    headline = standfirst = None
    for i, block in enumerate(blocks):
        if roles.get(i) == "headline":
            headline = block.text
            removed.append(Removal(block.start, block.end, block.raw, "headline (kept as the title)"))
        elif i in debris:
            removed.append(Removal(block.start, block.end, block.raw, debris[i]))
        elif i == dateline_at:
            removed.append(Removal(block.start, block.end, block.raw, "dateline (kept as published)"))
        else:
            if roles.get(i) == "standfirst":
                standfirst = block.text
            kept.append(block)
    if not kept and headline is not None:  # a report that is only its headline is still a report
        removed = [r for r in removed if not r.reason.startswith("headline")]
        kept = [b for i, b in enumerate(blocks) if roles.get(i) == "headline"]
    if not kept:
        raise InputError(raw.input, "no article text left after cleaning", hint="check it is a news report")
    text, paragraphs = _join(kept)
    return _article(raw, text, paragraphs, removed, headline, standfirst, dateline, config.language_chars)


def _join(blocks: Sequence[Block]) -> tuple[str, tuple[tuple[int, int], ...]]:
    parts, spans, at = [], [], 0
    for block in blocks:
        spans.append((at, at + len(block.text)))
        parts.append(block.text)
        at += len(block.text) + 2
    return "\n\n".join(parts), tuple(spans)


def _article(
    raw: RawDocument,
    text: str,
    paragraphs: tuple[tuple[int, int], ...],
    removed: list[Removal],
    headline: str | None,
    standfirst: str | None,
    dateline: str | None,
    language_chars: int,
) -> Article:
    published = _meta(raw, "published", Meta(dateline, "text") if dateline else None)
    notes: list[Problem] = []
    if published is not None:
        value = normalise_date(published.value)
        if value is None:
            notes.append(Problem(raw.input, f"publication date {published.value!r} not understood; "
                                 "relative times stay unresolved (pass --published YYYY-MM-DD)"))
            published = None
        else:
            published = Meta(value, published.source)
    language = _meta(raw, "language")
    code = language.value if language else detect_language(text, language_chars)
    if code != "en":
        notes.append(Problem(raw.input, f"language {code!r}: stored, but only English is analysed yet"))
    title = _meta(raw, "title")
    return Article(
        id=article_id(raw),
        input=raw.input,
        text=text,
        title=title.value if title else headline,
        outlet=_meta(raw, "outlet"),
        published=published,
        author=_meta(raw, "author"),
        url=(raw.get("url").value if raw.get("url") else None),  # type: ignore[union-attr]
        language=code,
        standfirst=standfirst,
        removed=tuple(removed),
        paragraphs=paragraphs,
        notes=tuple(notes),
    )
