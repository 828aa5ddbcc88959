"""HTML pages: main text and metadata (title, author, date, site name, url) extracted by trafilatura."""

from __future__ import annotations

import datetime as dt
from html.parser import HTMLParser
from typing import cast

import trafilatura
from trafilatura.settings import Document

from ..errors import InputError
from ..model import RawDocument
from .base import with_meta

__all__ = ["html_to_text", "iso_date", "read_html"]

_BLOCKS = frozenset({"p", "br", "div", "li", "h1", "h2", "h3", "h4", "h5", "h6", "blockquote", "tr"})


def iso_date(value: str | None) -> str | None:
    """``YYYY-MM-DD`` from an ISO date or datetime string, or None when it is not one."""
    if not value:
        return None
    try:
        return dt.date.fromisoformat(value[:10]).isoformat()
    except ValueError:
        return None


def read_html(name: str, data: bytes, *, url: str | None = None) -> RawDocument:
    """One document from an HTML page; InputError when the page has no main text."""
    found = cast("Document | None", trafilatura.bare_extraction(data, url=url, with_metadata=True, as_dict=False))
    text = (found.text or "").strip() if found is not None else ""
    if found is None or not text:
        raise InputError(
            name,
            "no article text could be found in this HTML",
            hint="the page may be empty, broken or built by JavaScript; save the article's text as .txt",
        )
    doc = RawDocument(input=name, text=text, format="html")
    meta = {
        "title": found.title,
        "outlet": found.sitename,
        "published": iso_date(found.date),
        "author": found.author,
        "url": found.url or url,
        "language": found.language,
    }
    return with_meta(doc, meta, "html-meta")


class _Text(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in _BLOCKS:
            self.parts.append("\n")

    def handle_data(self, data: str) -> None:
        self.parts.append(data)


def html_to_text(fragment: str) -> str:
    """The text of a small HTML fragment (a feed item's summary), one line per block."""
    parser = _Text()
    parser.feed(fragment)
    parser.close()
    lines = (" ".join(line.split()) for line in "".join(parser.parts).splitlines())
    return "\n".join(line for line in lines if line)
