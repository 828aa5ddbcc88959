"""Lines that say where, when and by whom a report was filed, not what happened: datelines, timestamps and
bylines. They stay in the article (offsets never move); :func:`similarity_text` blanks them for anything
that compares reports by their words, so that two reports of one wire service are not held together by
"WASHINGTON | Wed Jun 24, 2010 7:26 pm EDT" and two outlets' reports of one event are not kept apart by
their different bylines.

The rules reuse what normalising already knows (:mod:`.metadata`'s dates and what a dateline carries,
:mod:`.debris`'s bylines and bare names) and add the clock times and the "CITY (Agency) -" prefix of a
lead paragraph. Nothing here names a place or an agency.
"""

from __future__ import annotations

import re

from .blocks import words
from .metadata import _DATE_IN_TEXT, _DATELINE_WORDS, _MONTHS

__all__ = ["furniture_spans", "is_furniture", "similarity_text"]

_CLOCK = re.compile(r"\b\d{1,2}\s?[:.]\s?\d{2}\s*(?:[ap]\.?\s?m\.?)?(?:\s*\(?[A-Z]{2,4}\)?)?(?![\w:])", re.IGNORECASE)
_WEEKDAY = r"(?:Mon|Tue|Wed|Thu|Fri|Sat|Sun)[a-z]*\.?"
_NUMERIC_DATE = re.compile(r"\b\d{1,4}\s?[/.-]\s?\d{1,2}\s?[/.-]\s?\d{2,4}\b")
_DAY_MONTH = re.compile(rf"\b(?:{_WEEKDAY}[, ]+)?(?:{_MONTHS}\s+\d{{1,2}}(?:st|nd|rd|th)?|\d{{1,2}}\s+{_MONTHS})\b",
                        re.IGNORECASE)
_BY = re.compile(r"^by\s+", re.IGNORECASE)
_BYLINE_WORDS = frozenset("and in for of the staff writer writers reporter reporters correspondent editor".split())
_STAMP_WORDS = _DATELINE_WORDS | frozenset(
    "edt est gmt utc bst cet pdt pst cdt ist et pt ct at updated last originally".split()
)
# "WASHINGTON (Reuters) - ", "PARIS, June 3 (AFP) — ", "LONDON | ": a capitalised place, an optional date and
# agency, then a dash or bar, at the start of a paragraph.
_PREFIX = re.compile(
    rf"^(?:[A-Z][A-Z.'’-]+(?:[ ,/]+[A-Z][A-Z.'’-]+){{0,3}})(?:,\s*(?:{_MONTHS}\s+\d{{1,2}}|[A-Z][a-z]+\.?))?"
    r"\s*(?:\([A-Za-z .&-]{1,30}\))?\s*(?:[-–—|:]{1,2})\s+"
)


def _is_stamp(line: str) -> bool:
    """A short line that is only a date or a time and dateline words ("Updated 7:26 pm EDT", "May 3, 2013",
    "WASHINGTON | Wed Jun 24, 2010 7:26 pm EDT", "05 / 02 / 2013")."""
    if len(words(line)) > 16:
        return False
    rest = line
    found = False
    for pattern in (_DATE_IN_TEXT, _NUMERIC_DATE, _DAY_MONTH, _CLOCK):
        rest, count = pattern.subn(" ", rest)
        found = found or count > 0
    if not found:
        return False
    rest = re.sub(rf"\b{_WEEKDAY}\b|\b(?:19|20)\d\d\b|\b[A-Z][A-Z.'’-]+\b", " ", rest)
    return all(w.casefold() in _STAMP_WORDS for w in re.findall(r"[^\W\d_]+", rest))


def _is_byline(line: str) -> bool:
    """"By Ann Example and Bo Invented, Staff Writers": "By" and then only names and a reporter's titles."""
    match = _BY.match(line)
    if not match or len(words(line)) > 12:
        return False
    rest = re.findall(r"[^\W\d_]+", line[match.end():])
    return bool(rest) and rest[0][0].isupper() and all(w[0].isupper() or w in _BYLINE_WORDS for w in rest)


def is_furniture(line: str) -> bool:
    """Whether a whole line is a dateline, a timestamp or a byline rather than a line of the report."""
    line = line.strip()
    if not line:
        return False
    return _is_byline(line) or _is_stamp(line)


def furniture_spans(text: str) -> list[tuple[int, int]]:
    """Character spans of ``text`` that are furniture: whole lines (:func:`is_furniture`) and the
    "CITY (Agency) -" prefix that opens a paragraph."""
    spans = []
    at = 0
    for line in text.split("\n"):
        end = at + len(line)
        if is_furniture(line):
            spans.append((at, end))
        else:
            lead = len(line) - len(line.lstrip())
            prefix = _PREFIX.match(line[lead:])
            if prefix and len(words(line[lead + prefix.end():])) >= 4:
                spans.append((at + lead, at + lead + prefix.end()))
        at = end + 1
    return spans


def similarity_text(text: str) -> str:
    """``text`` with its furniture blanked by spaces: the same length, so any offset into it still holds."""
    chars = list(text)
    for start, end in furniture_spans(text):
        chars[start:end] = " " * (end - start)
    return "".join(chars)

