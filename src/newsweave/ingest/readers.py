"""The one reader registry: a kind of input (text, HTML, JSON, JSONL, feed) and the function that turns
its bytes into raw documents. Files, URLs, uploads to the web app and bulk records all go through
:func:`read_bytes`, so a new input format is one reader function plus one entry in :data:`READERS`.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass

from ..config import Settings
from ..errors import InputError, NewsweaveError
from .base import ReadResult, with_meta
from .decode import Kind
from .feeds import read_feed
from .fetch import Fetcher
from .html import read_html
from .records import read_json, read_jsonl
from .text import read_text

__all__ = ["READERS", "ReadContext", "given_meta", "read_bytes"]


@dataclass(frozen=True, slots=True)
class ReadContext:
    """What a reader may use besides the bytes: the page's URL, the fetcher (feeds fetch their items)."""

    settings: Settings
    fetcher: Fetcher | None = None
    url: str | None = None


Reader = Callable[[str, bytes, ReadContext], ReadResult]


def _text(name: str, data: bytes, _: ReadContext) -> ReadResult:
    return ReadResult((read_text(name, data),))


def _html(name: str, data: bytes, context: ReadContext) -> ReadResult:
    return ReadResult((read_html(name, data, url=context.url),))


def _json(name: str, data: bytes, _: ReadContext) -> ReadResult:
    return read_json(name, data)


def _jsonl(name: str, data: bytes, context: ReadContext) -> ReadResult:
    return read_jsonl(name, data, context.settings.max_bytes)


def _feed(name: str, data: bytes, context: ReadContext) -> ReadResult:
    if context.fetcher is None:
        raise InputError(name, "is a feed, and its items cannot be fetched here", hint="give the feed's URL")
    return read_feed(name, data, context.fetcher, context.settings)


#: Every input kind newsweave reads, and its reader.
READERS: Mapping[Kind, Reader] = {"text": _text, "html": _html, "json": _json, "jsonl": _jsonl, "feed": _feed}


def read_bytes(
    name: str,
    data: bytes,
    kind: Kind,
    meta: Mapping[str, str | None] | None = None,
    *,
    context: ReadContext | None = None,
) -> ReadResult:
    """Read ``data`` (named ``name`` in problems) as ``kind``; ``meta`` (title, outlet, published, ...)
    is set on every document as given by a person, beating what the input says."""
    reader = READERS.get(kind)
    if reader is None:
        raise InputError(name, f"is of unknown kind {kind!r}", hint=f"choose from: {', '.join(READERS)}")
    try:
        found = reader(name, data, context or ReadContext(Settings()))
    except NewsweaveError:
        raise
    except Exception as exc:  # noqa: BLE001 - a parser's bug on hostile bytes (feedparser on "&#xD800;") must
        # cost this input only, reported, never the run
        reason = " ".join(f"{type(exc).__name__}: {exc}".split())[:200]
        raise InputError(name, f"could not be parsed as {kind} ({reason})",
                         hint="check the file; if it looks right, report it as a newsweave bug") from exc
    return given_meta(found, meta)


def given_meta(found: ReadResult, meta: Mapping[str, str | None] | None) -> ReadResult:
    """``found`` with ``meta`` set on every document as given by a person (it beats what inputs say)."""
    if not meta:
        return found
    return ReadResult(tuple(with_meta(d, meta, "flag") for d in found.documents), found.problems, found.skipped)
