"""JSON and JSONL records: one article per object, or stories whose ``articles`` list holds them.

Fields read: ``id, title, text, outlet, published, url, author, language``; anything else is ignored. A
JSONL line that is not JSON, or an object without ``text``, becomes a problem naming ``path:LINE`` and
the other lines are still read.
"""

from __future__ import annotations

import codecs
from typing import Any

from ..errors import InputError
from ..model import Problem, RawDocument
from .base import ReadResult, problem, with_meta
from .decode import BINARY_HINT, decode, too_big_line
from .jsonload import loads as _loads

__all__ = ["read_json", "read_jsonl"]

RECORD_FIELDS = ("id", "title", "outlet", "published", "url", "author", "language")
_TEXT_HINT = 'each article needs a non-empty "text" string'


def read_jsonl(name: str, data: bytes, limit: int | None = None) -> ReadResult:
    """Every JSON object line of a JSONL file; bad lines (not JSON, not UTF-8, a NUL byte, longer than
    ``limit`` bytes) become problems naming ``path:LINE`` and the other lines are still read."""
    documents: list[RawDocument] = []
    problems: list[Problem] = []
    if data.startswith(codecs.BOM_UTF8):
        data = data[len(codecs.BOM_UTF8):]
    elif data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        data = decode(name, data).encode("utf-8")
    for number, raw in enumerate(data.split(b"\n"), start=1):
        if not raw.strip():
            continue
        where = f"{name}:{number}"
        try:
            if limit is not None:
                too_big_line(where, raw, limit)
            if b"\x00" in raw:
                raise InputError(where, "line holds a NUL byte, so it is not text", hint=BINARY_HINT)
            line = decode(where, raw)
            value = _loads(where, line, "line is not JSON", "each line must be one JSON object")
        except InputError as err:
            problems.append(problem(err))
            continue
        found = _records(where, value)
        documents.extend(found.documents)
        problems.extend(found.problems)
    return ReadResult(tuple(documents), tuple(problems))


def read_json(name: str, data: bytes) -> ReadResult:
    """A JSON file holding one article object, a story with ``articles``, or a list of either."""
    hint = "fix the JSON, or use .jsonl with one article object per line"
    value = _loads(name, decode(name, data), "is not valid JSON", hint)
    if value == []:
        raise InputError(name, "holds an empty list, so no article", hint=_TEXT_HINT)
    if not isinstance(value, list):
        return _records(name, value)
    found = [_records(f"{name}[{index}]", item) for index, item in enumerate(value)]
    return ReadResult(
        tuple(doc for part in found for doc in part.documents),
        tuple(p for part in found for p in part.problems),
    )


def _records(where: str, value: Any) -> ReadResult:
    """The documents in one JSON value: an article object, or a story with an ``articles`` list."""
    if isinstance(value, dict) and value.get("articles") == []:
        return ReadResult(problems=(problem(InputError(where, 'holds an empty "articles" list, so no article',
                                                       hint=_TEXT_HINT)),))
    if isinstance(value, dict) and isinstance(value.get("articles"), list):
        found = [_one(where, item, index) for index, item in enumerate(value["articles"])]
        return ReadResult(
            tuple(doc for doc, _ in found if doc is not None),
            tuple(p for _, problems in found for p in problems),
        )
    doc, problems = _one(where, value, None)
    return ReadResult((doc,) if doc is not None else (), problems)


def _one(where: str, value: Any, index: int | None) -> tuple[RawDocument | None, tuple[Problem, ...]]:
    """One article object; a problem instead when it is not an object or has no usable text."""
    ident = value.get("id") if isinstance(value, dict) else None
    suffix = ident if _scalar(ident) else index
    label = where if suffix is None else f"{where}#{suffix}"
    if not isinstance(value, dict):
        err = InputError(label, f"is a JSON {type(value).__name__}, not an article object", hint=_TEXT_HINT)
        return None, (problem(err),)
    text = value.get("text")
    if not isinstance(text, str) or not text.strip():
        reason = 'has no "text" field' if text is None else 'has an empty or non-string "text" field'
        return None, (problem(InputError(label, reason, hint=_TEXT_HINT)),)
    fields: dict[str, str | None] = {}
    problems: list[Problem] = []
    for key in RECORD_FIELDS:
        field = value.get(key)
        if field is None or _scalar(field):
            fields[key] = None if field is None else str(field)
        else:
            reason = f"field {key!r} is a JSON {type(field).__name__}, not text; it was ignored"
            problems.append(problem(InputError(label, reason, hint="give metadata fields as strings")))
    doc = RawDocument(input=label, text=text, format="record")
    return with_meta(doc, fields, "record"), tuple(problems)


def _scalar(value: Any) -> bool:
    return isinstance(value, str | int) and not isinstance(value, bool)
