"""RawDocument -> Article: clean the text, take out debris (reported, never silent), lift the headline,
standfirst and dateline (its date as published, its place as ``dateline_place``) into metadata, split
paragraphs with offsets, and detect the language."""

from __future__ import annotations

import hashlib
import re
from collections.abc import Mapping, Sequence
from dataclasses import replace

from ..errors import InputError
from ..model import Article, Meta, Problem, RawDocument, Removal
from .blocks import Block, split_blocks, words
from .config import NormaliseConfig
from .debris import classify_debris
from .language import detect_language
from .metadata import dateline_place, find_dateline, is_dateline, normalise_date
from .standing import line_key

__all__ = ["NormaliseConfig", "article_id", "article_source", "normalise", "valid_unicode"]

_DEFAULTS = NormaliseConfig()
_ENDS_SENTENCE = re.compile(r"[.!?…\"”’)]$")


_SURROGATE = re.compile("[\ud800-\udfff]")


def article_source(raw: RawDocument) -> str:
    """Where a report came from, for its identity: its outlet, else its URL, else the input it was read from."""
    for name in ("outlet", "url"):
        meta = raw.get(name)
        if meta is not None and meta.value.strip():
            return f"{name}:{meta.value.strip().casefold()}"
    return f"input:{raw.input}"


def article_id(raw: RawDocument) -> str:
    """A hash of the text and its source (:func:`article_source`): the same report from the same source read
    twice gets the same id, and the same wire copy printed by two outlets is two articles."""
    key = f"{article_source(raw)}\n{raw.text}"
    return "a-" + hashlib.sha256(key.encode("utf-8", "surrogatepass")).hexdigest()[:16]


def valid_unicode(raw: RawDocument) -> tuple[RawDocument, tuple[Problem, ...]]:
    """``raw`` with lone surrogates (from a JSON ``\\ud800`` escape or an undecodable file name) replaced by
    U+FFFD in its input name, text and metadata, and a note for each field that had one."""
    fields = [name for name, meta in raw.meta if _SURROGATE.search(meta.value)]
    fields += [name for name, value in (("input", raw.input), ("text", raw.text)) if _SURROGATE.search(value)]
    if not fields:
        return raw, ()
    name = _SURROGATE.sub("\ufffd", raw.input)
    meta = tuple((key, Meta(_SURROGATE.sub("\ufffd", m.value), m.source)) for key, m in raw.meta)
    fixed = RawDocument(name, _SURROGATE.sub("\ufffd", raw.text), raw.format, meta)
    note = Problem(name, f"invalid Unicode (a lone surrogate) in {', '.join(sorted(fields))} was replaced by "
                   "U+FFFD; re-export the input as valid UTF-8", "unicode")
    return fixed, (note,)


def _is_heading(block: Block, limit: int) -> bool:
    return len(words(block.text)) <= limit and not _ENDS_SENTENCE.search(block.text)


def _structure(raw: RawDocument, blocks: Sequence[Block], config: NormaliseConfig) -> dict[int, str]:
    """Which leading blocks are headline and standfirst (plain text only), or repeat a known title."""
    roles: dict[int, str] = {}
    title = raw.get("title")
    if title and blocks and blocks[0].text.casefold() == title.value.strip().casefold():
        roles[0] = "headline"
    elif (raw.format == "text" and len(blocks) > 2 and _is_heading(blocks[0], config.headline_words)
          and not is_dateline(blocks[0].text)):  # a dateline opening the text is never its headline
        roles[0] = "headline"
    if 0 in roles and len(blocks) > 2 and _is_heading(blocks[1], config.standfirst_words):
        roles[1] = "standfirst"
    return roles


def _meta(raw: RawDocument, name: str, fallback: Meta | None = None) -> Meta | None:
    return raw.get(name) or fallback


def normalise(raw: RawDocument, config: NormaliseConfig = _DEFAULTS, *,
              standing: Mapping[str, str] | None = None) -> Article:
    """Turn one RawDocument into an Article. Raises InputError when nothing readable is left, or when the
    text is longer than ``config.max_chars`` (the parser's limit). ``standing`` maps the keys of the
    outlet's standing site lines to the reason they go (:func:`.standing.standing_lines`)."""
    raw, fixes = valid_unicode(raw)
    if len(raw.text) > config.max_chars:
        raise InputError(raw.input, f"is {len(raw.text):,} characters long, more than the {config.max_chars:,} "
                         "the parser takes at once", hint="split it into separate articles, or raise "
                         "normalise.max_chars (and spaCy's max_length) if you have the memory")
    blocks = split_blocks(raw.text)
    roles = _structure(raw, blocks, config)
    debris = classify_debris(blocks, protected=frozenset(roles), short=config.repeated_words,
                             edge=config.edge_blocks)
    if standing:
        debris.update(_standing(blocks, standing, set(roles) | set(debris)))
    dateline_at, dateline = find_dateline(blocks, skip=set(roles) | set(debris), most_words=config.dateline_words,
                                          head=config.dateline_blocks)
    place = dateline_place(blocks[dateline_at].text, dateline) if dateline_at is not None and dateline else None
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
            removed.append(Removal(block.start, block.end, block.raw, "dateline (kept as published"
                                   + (f", its place {place!r} as the dateline place)" if place else ")")))
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
    article = _article(raw, text, paragraphs, removed, headline, standfirst, dateline, config.language_chars)
    if place:
        article = replace(article, dateline_place=place)
    return replace(article, notes=(*fixes, *article.notes)) if fixes else article


def _standing(blocks: Sequence[Block], standing: Mapping[str, str], taken: set[int]) -> dict[int, str]:
    """Blocks that are standing site lines of the outlet (a headline stays the headline)."""
    return {i: standing[key] for i, b in enumerate(blocks) if i not in taken and (key := line_key(b.text)) in standing}


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
