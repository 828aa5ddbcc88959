"""RSS and Atom feeds: each item's page is fetched and read as HTML; when the page cannot be read, the
item's own content or summary stands in for it and a problem says so."""

from __future__ import annotations

import time
from typing import Any

import feedparser

from ..config import Settings
from ..errors import InputError
from ..model import Problem, RawDocument
from .base import ReadResult, fill_meta, problem
from .decode import check_bytes
from .fetch import Fetcher
from .html import html_to_text, read_html

__all__ = ["parse_feed", "read_feed"]

_HINT = "give an RSS or Atom feed, or the article pages themselves"


def parse_feed(name: str, data: bytes) -> Any:
    """The parsed feed; InputError when the bytes are not a feed with items."""
    parsed = feedparser.parse(data)  # bytes, never a URL: feedparser must not fetch anything itself
    if parsed.bozo and not parsed.entries:
        reason = " ".join(str(parsed.get("bozo_exception", "unknown error")).split())
        raise InputError(name, f"is not a feed that parses ({reason})", hint=_HINT)
    if not parsed.entries:
        reason = "is a feed with no items" if parsed.version else "is not an RSS or Atom feed"
        raise InputError(name, reason, hint=_HINT)
    return parsed


def read_feed(name: str, data: bytes, fetcher: Fetcher, settings: Settings) -> ReadResult:
    """One document per feed item, read from its page where possible."""
    parsed = parse_feed(name, data)
    outlet = parsed.feed.get("title")
    documents: list[RawDocument] = []
    problems: list[Problem] = []
    for index, entry in enumerate(parsed.entries):
        link = entry.get("link") or None
        meta = {
            "title": entry.get("title"),
            "published": _date(entry),
            "outlet": outlet,
            "author": entry.get("author"),
            "url": link,
        }
        doc, note = _item(link or f"{name}#{index}", link, entry, fetcher, settings)
        if doc is not None:
            documents.append(fill_meta(doc, meta, "feed"))
        if note is not None:
            problems.append(note)
    return ReadResult(tuple(documents), tuple(problems))


def _item(
    label: str, link: str | None, entry: Any, fetcher: Fetcher, settings: Settings
) -> tuple[RawDocument | None, Problem | None]:
    """The item's page as a document, else its summary and a problem saying why."""
    if link is None:
        failure = "the item has no link"
    else:
        try:
            response = fetcher.fetch(link)
            check_bytes(link, response.content, settings.max_bytes)
            return read_html(link, response.content, url=response.url), None
        except InputError as err:
            failure = f"its page could not be read: {err.reason}"
    summary = _summary(entry)
    if not summary:
        empty = InputError(label, f"{failure}, and the feed item has no text of its own", hint=_HINT)
        return None, problem(empty)
    note = InputError(label, f"{failure}; the feed item's summary was used instead", hint="the text is short")
    return RawDocument(input=label, text=summary, format="text"), problem(note)


def _summary(entry: Any) -> str:
    contents = [part.get("value", "") for part in entry.get("content", [])]
    for fragment in [*contents, entry.get("summary", "")]:
        text = html_to_text(fragment) if fragment else ""
        if text:
            return text
    return ""


def _date(entry: Any) -> str | None:
    # dict.get, not entry.get: feedparser maps a missing key to the other one with a DeprecationWarning
    parsed = dict.get(entry, "published_parsed") or dict.get(entry, "updated_parsed")
    return time.strftime("%Y-%m-%d", parsed) if parsed else None
