"""Bounded JSON parsing for untrusted input: nesting depth and integer length are checked before (and
while) parsing, so a hostile file becomes an :class:`~newsweave.errors.InputError`, never a
``RecursionError`` or ``ValueError`` that loses the rest of the run."""

from __future__ import annotations

import json
import re
from typing import Any

from ..errors import InputError

__all__ = ["MAX_DEPTH", "MAX_DIGITS", "json_depth", "loads"]

#: Deepest nesting of arrays and objects accepted (news records are a few levels deep).
MAX_DEPTH = 64
#: Most digits an integer may have (Python refuses more than 4,300 when converting anyway).
MAX_DIGITS = 100

_STRING = re.compile(r'"(?:[^"\\]|\\.)*"', re.DOTALL)
_BRACKETS = re.compile(r"[^\[\]{}]+")
_LONG_NUMBER = re.compile(rf"(?<![\w.])-?\d{{{MAX_DIGITS + 1},}}")


def json_depth(text: str) -> int:
    """The deepest nesting of ``[`` and ``{`` in ``text``, strings left out (an upper bound for bad JSON)."""
    depth = deepest = 0
    for char in _BRACKETS.sub("", _STRING.sub('""', text)):
        depth = depth + 1 if char in "[{" else max(0, depth - 1)
        deepest = max(deepest, depth)
    return deepest


def loads(where: str, text: str, reason: str, hint: str) -> Any:
    """``text`` parsed as JSON, or an InputError naming ``where``: malformed (with the position), nested
    deeper than :data:`MAX_DEPTH`, or holding an integer longer than :data:`MAX_DIGITS` digits."""
    if "[" * (MAX_DEPTH + 1) in text or json_depth(text) > MAX_DEPTH:
        raise InputError(where, f"{reason} (nested deeper than {MAX_DEPTH} levels)", hint=hint)
    if _LONG_NUMBER.search(_STRING.sub('""', text)):
        raise InputError(where, f"{reason} (a number longer than {MAX_DIGITS} digits)", hint=hint)
    try:
        return json.loads(text)
    except json.JSONDecodeError as err:
        at = f"column {err.colno}" if err.lineno == 1 else f"line {err.lineno} column {err.colno}"
        raise InputError(where, f"{reason} ({err.msg} at {at})", hint=hint) from err
    except (RecursionError, ValueError) as err:  # a second line of defence behind the checks above
        raise InputError(where, f"{reason} ({type(err).__name__}: {err})", hint=hint) from err
