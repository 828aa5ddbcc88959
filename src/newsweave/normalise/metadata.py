"""Publication dates: normalise a date as given (sidecar, HTML, flag) and find a dateline in the text."""

from __future__ import annotations

import functools
import re
from collections.abc import Collection, Sequence
from datetime import date, datetime

from .blocks import Block, words

__all__ = ["dateline_place", "find_dateline", "is_dateline", "normalise_date"]

_MONTHS = (
    r"(?:Jan(?:uary)?|Feb(?:ruary)?|Mar(?:ch)?|Apr(?:il)?|May|June?|July?|Aug(?:ust)?|"
    r"Sep(?:t(?:ember)?)?|Oct(?:ober)?|Nov(?:ember)?|Dec(?:ember)?)\.?"
)
_DATE_IN_TEXT = re.compile(
    rf"\b(?:{_MONTHS}\s+\d{{1,2}},?\s+\d{{4}}|\d{{1,2}}\s+{_MONTHS},?\s+\d{{4}}|\d{{4}}-\d{{2}}-\d{{2}})\b",
    re.IGNORECASE,
)
_ISO = re.compile(r"^\d{4}-\d{2}-\d{2}")


def normalise_date(value: str, *, relative: bool = False) -> str | None:
    """An ISO date (YYYY-MM-DD) for a date written in any common way, or None. A relative date
    ("yesterday", "3 days ago") is None unless ``relative``: resolving it against today's clock would
    date an old report today, so it is left for the person to give (``--published``)."""
    value = value.strip()
    if _ISO.match(value):
        try:
            return date.fromisoformat(value[:10]).isoformat()
        except ValueError:
            return None
    try:
        return datetime.fromisoformat(value).date().isoformat()
    except ValueError:
        pass
    return _free_form(value, relative) if relative else _absolute(value)


@functools.lru_cache(maxsize=4096)
def _absolute(value: str) -> str | None:
    """A free-form absolute date, remembered: dateparser tries every locale (tens of ms a call), and a
    feed or a batch repeats the same few date strings. (Relative dates depend on the clock: never cached.)"""
    return _free_form(value, relative=False)


def _free_form(value: str, relative: bool) -> str | None:
    import dateparser  # slow to import; only needed for free-form dates

    parsers = ["timestamp", *(["relative-time"] if relative else []), "custom-formats", "absolute-time"]
    try:
        parsed = dateparser.parse(value, settings={"STRICT_PARSING": True, "REQUIRE_PARTS": ["day", "month", "year"],
                                                   "PARSERS": parsers})
    except (ValueError, OverflowError):  # a date dateparser reads but Python cannot hold (year 99999)
        return None
    return parsed.date().isoformat() if parsed else None


# Words a dateline carries besides the date itself ("Published on", "Updated 3:09 a.m.", "at").
_DATELINE_WORDS = frozenset("on at by updated published posted first last modified p m a am pm".split())
_LOWER_WORD = re.compile(r"\b[a-z]+\b")
_WEEKDAYS = frozenset("monday tuesday wednesday thursday friday saturday sunday mon tue tues wed thu thur thurs fri "
                      "sat sun".split())


def _is_sentence(text: str, match: re.Match[str]) -> bool:
    """A line that tells news around its date ("She checked in on Tuesday, December 9, 2008.") is
    content, not a dateline: it has lower-case words a dateline does not use."""
    rest = text[: match.start()] + " " + text[match.end() :]
    return any(w not in _DATELINE_WORDS for w in _LOWER_WORD.findall(rest))


def is_dateline(text: str) -> bool:
    """Whether a line is mostly a date (with at most a place and dateline words): never a headline."""
    match = _DATE_IN_TEXT.search(text)
    return bool(match and not _is_sentence(text, match) and normalise_date(match.group()))


def find_dateline(
    blocks: Sequence[Block], skip: Collection[int], *, most_words: int, head: int
) -> tuple[int | None, str | None]:
    """A block of at most ``most_words`` words among the first ``head`` that is mostly a date ("Published
    15 September 2023"), if any."""
    for i, block in enumerate(blocks[:head]):
        if i in skip or len(words(block.text)) > most_words:
            continue
        match = _DATE_IN_TEXT.search(block.text)
        if match and not _is_sentence(block.text, match) and normalise_date(match.group()):
            return i, match.group()
    return None, None


_PLACE = re.compile(r"^[A-Z][\w'’.-]*(?:[ ,]+[A-Z][\w'’.-]*){0,3}$")
_AGENCY = re.compile(r"\s*\([^)]*\)\s*$")


def dateline_place(line: str, date: str) -> str | None:
    """The place a dateline names before its date ("ROME 1996-12-06", "LONDON, March 3, 2021"): capitalised
    words, an agency in brackets and separators left out; None when the words before the date are not a
    place ("Published 15 September 2023")."""
    before = line[: line.find(date)] if date in line else ""
    before = _AGENCY.sub("", before.strip(" \t,-–—:|")).strip(" \t,-–—:|")
    if not before or not _PLACE.match(before):
        return None
    if any(w.lower().strip(".,") in _DATELINE_WORDS or w.lower().strip(".,") in _WEEKDAYS for w in before.split()):
        return None
    return before
