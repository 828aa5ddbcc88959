"""Bytes before reading: size (checked with stat, before reading), emptiness, binary content, UTF-8, kind."""

from __future__ import annotations

import codecs
from pathlib import Path
from typing import Literal

from ..errors import InputError

__all__ = ["BINARY_HINT", "Kind", "check_bytes", "decode", "kind_of", "load", "sniff"]

Kind = Literal["text", "html", "json", "jsonl", "feed"]

SUFFIXES: dict[str, Kind] = {
    ".txt": "text",
    ".text": "text",
    ".md": "text",
    ".html": "html",
    ".htm": "html",
    ".xhtml": "html",
    ".json": "json",
    ".jsonl": "jsonl",
    ".ndjson": "jsonl",
    ".rss": "feed",
    ".atom": "feed",
    ".xml": "feed",
}
_UTF16 = (codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)
_TEXT_CONTROLS = frozenset(b"\t\n\f\r\x1b")
BINARY_HINT = "give text, HTML, JSON or feed files; convert PDFs or Word files to text first"
#: More than this share of control bytes in the first 4 KB makes a file binary.
CONTROL_SHARE = 0.3


def _too_big(name: str, size: int, limit: int) -> InputError:
    return InputError(
        name,
        f"is {size:,} bytes, larger than the limit of {limit:,} bytes",
        hint="split it into smaller files or raise the max_bytes setting",
    )


def load(path: Path, limit: int, *, lines: bool = False) -> bytes:
    """Read a file's bytes after checking its size with stat, so an oversized file is never read.
    ``lines`` (JSONL, a bulk format of one article a line) leaves the size limit, NUL and control bytes to be
    judged line by line (:func:`too_big_line`), so a 10,000-article export is read, not refused whole."""
    name = str(path)
    try:
        size = path.stat().st_size
        if size > limit and not lines:
            raise _too_big(name, size, limit)
        data = path.read_bytes()
    except OSError as err:
        raise InputError(name, f"could not be read ({err.strerror})", hint="check its permissions") from err
    check_bytes(name, data, None if lines else limit, lines=lines)
    return data


def too_big_line(name: str, line: bytes, limit: int) -> None:
    """Refuse one JSONL line (one article) larger than ``limit`` bytes."""
    if len(line) > limit:
        raise InputError(name, f"line is {len(line):,} bytes, larger than the limit of {limit:,} bytes",
                         hint="shorten that article or raise the max_bytes setting")


def check_bytes(name: str, data: bytes, limit: int | None, *, lines: bool = False) -> None:
    """Refuse content that is too big (unless ``limit`` is None), empty or binary (``lines``: JSONL, judged
    line by line later)."""
    if limit is not None and len(data) > limit:
        raise _too_big(name, len(data), limit)
    if not data.strip():
        raise InputError(name, "is empty", hint="give a file that holds an article's text")
    if lines or data.startswith(_UTF16):
        return
    head = data[:4096]
    controls = sum(1 for byte in head if (byte < 32 and byte not in _TEXT_CONTROLS) or byte == 127)
    if b"\x00" in data or controls > CONTROL_SHARE * len(head):
        raise InputError(
            name,
            "looks binary (NUL or control bytes), not text",
            hint=BINARY_HINT,
        )


def decode(name: str, data: bytes) -> str:
    """Decode UTF-8 (a BOM, UTF-8 or UTF-16, is honoured) or say where the first bad byte is."""
    try:
        if data.startswith(_UTF16):
            text = data.decode("utf-16")
        else:
            text = data.decode("utf-8-sig")
    except UnicodeDecodeError as err:
        bad = err.object[err.start : err.start + 1].hex()
        raise InputError(
            name,
            f"is not valid UTF-8 (byte 0x{bad} at offset {err.start})",
            hint=f"re-save it as UTF-8, e.g. iconv -f WINDOWS-1252 -t UTF-8 '{name}' > fixed.txt",
        ) from err
    if not text.strip():
        raise InputError(name, "holds only whitespace", hint="give a file that holds an article's text")
    return text


def sniff(data: bytes) -> Kind | None:
    """Guess HTML or a feed from the first bytes; None when neither shows."""
    head = data[:2048].lower()
    if b"<html" in head or b"<!doctype html" in head:
        return "html"
    if b"<rss" in head or b"<feed" in head or b"<rdf:rdf" in head:
        return "feed"
    return None


def kind_of(path: Path, data: bytes) -> Kind:
    """A file's kind from its suffix, else from its first bytes, else plain text."""
    return SUFFIXES.get(path.suffix.lower()) or sniff(data) or "text"
