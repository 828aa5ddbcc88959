"""Words the temporal rules are built from: months, weekdays, seasons, units and number words.

Each table comes with a regex fragment (``*_RE``) made from its keys, longest first, so that a rule can
say ``rf"\\b{MONTH_RE}\\b"`` and a handler can look the matched word up again with :func:`lookup`.
"""

from __future__ import annotations

import math
import re
from collections.abc import Iterable

__all__ = [
    "DAYPARTS",
    "DAYPART_RE",
    "MONTHS",
    "MONTH_RE",
    "MONTH_SAFE_RE",
    "NUMBER_RE",
    "QUARTERS",
    "QUARTER_RE",
    "SEASONS",
    "SEASON_RE",
    "UNITS",
    "UNIT_RE",
    "WEEKDAYS",
    "WEEKDAY_RE",
    "alternation",
    "lookup",
    "parse_number",
]


def alternation(words: Iterable[str]) -> str:
    """A non-capturing regex alternation of ``words``, longest first, dots escaped."""
    ordered = sorted(words, key=len, reverse=True)
    return "(?:" + "|".join(re.escape(w) for w in ordered) + ")"


def lookup(table: dict[str, int | str], word: str) -> int | str:
    """Look a matched word up in ``table`` ignoring case and a trailing dot ("Sept." -> 9)."""
    return table[word.lower().rstrip(".")]


MONTHS: dict[str, int | str] = {}
for _number, _names in enumerate(
    (
        ("january", "jan"),
        ("february", "feb"),
        ("march", "mar"),
        ("april", "apr"),
        ("may",),
        ("june", "jun"),
        ("july", "jul"),
        ("august", "aug"),
        ("september", "sep", "sept"),
        ("october", "oct"),
        ("november", "nov"),
        ("december", "dec"),
    ),
    start=1,
):
    for _name in _names:
        MONTHS[_name] = _number

#: Month names, abbreviations optionally followed by a dot ("Sept.").
MONTH_RE = (
    r"(?:(?:January|February|March|April|May|June|July|August|September|October|November|December)"
    r"|(?:Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept|Sep|Oct|Nov|Dec)\.?)"
)
#: Month names that are not also common words (no "May", "March"): safe with no day or year beside them.
MONTH_SAFE_RE = r"(?:January|February|April|June|July|August|September|October|November|December)"

WEEKDAYS: dict[str, int | str] = {
    "monday": 0,
    "tuesday": 1,
    "wednesday": 2,
    "thursday": 3,
    "friday": 4,
    "saturday": 5,
    "sunday": 6,
    "mon": 0,
    "tue": 1,
    "tues": 1,
    "wed": 2,
    "thu": 3,
    "thur": 3,
    "thurs": 3,
    "fri": 4,
    "sat": 5,
    "sun": 6,
}
WEEKDAY_RE = r"(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)"

SEASONS: dict[str, int | str] = {
    "spring": "SP",
    "summer": "SU",
    "autumn": "FA",
    "fall": "FA",
    "winter": "WI",
}
SEASON_RE = alternation(SEASONS)

QUARTERS: dict[str, int | str] = {
    "first": 1,
    "1st": 1,
    "second": 2,
    "2nd": 2,
    "third": 3,
    "3rd": 3,
    "fourth": 4,
    "4th": 4,
    "final": 4,
    "last": 4,
}
QUARTER_RE = alternation(QUARTERS)

#: Parts of the day and their TIMEX3 codes.
DAYPARTS: dict[str, int | str] = {
    "morning": "MO",
    "afternoon": "AF",
    "evening": "EV",
    "night": "NI",
}
DAYPART_RE = alternation(DAYPARTS)

#: Duration units: TIMEX3 letter, whether it is a time (PT...) unit.
UNITS: dict[str, tuple[str, bool]] = {
    "second": ("S", True),
    "minute": ("M", True),
    "hour": ("H", True),
    "day": ("D", False),
    "week": ("W", False),
    "month": ("M", False),
    "quarter": ("Q", False),
    "year": ("Y", False),
    "decade": ("DE", False),
    "century": ("CE", False),
    "fortnight": ("W", False),
}
UNIT_RE = r"(?:second|minute|hour|day|week|fortnight|month|quarter|year|decade|century|centurie)s?"

_UNITS_WORDS: dict[str, int] = {
    "zero": 0,
    "one": 1,
    "two": 2,
    "three": 3,
    "four": 4,
    "five": 5,
    "six": 6,
    "seven": 7,
    "eight": 8,
    "nine": 9,
    "ten": 10,
    "eleven": 11,
    "twelve": 12,
    "thirteen": 13,
    "fourteen": 14,
    "fifteen": 15,
    "sixteen": 16,
    "seventeen": 17,
    "eighteen": 18,
    "nineteen": 19,
}
_TENS_WORDS: dict[str, int] = {
    "twenty": 20,
    "thirty": 30,
    "forty": 40,
    "fifty": 50,
    "sixty": 60,
    "seventy": 70,
    "eighty": 80,
    "ninety": 90,
}
_SCALE_WORDS: dict[str, int] = {"hundred": 100, "thousand": 1000}
_SPECIAL: dict[str, float] = {
    "a": 1,
    "an": 1,
    "single": 1,
    "a couple of": 2,
    "a dozen": 12,
    "dozen": 12,
    "half a": 0.5,
}

_WORD = alternation([*_UNITS_WORDS, *_TENS_WORDS])
#: A number as digits ("23", "1,000", "2.5") or words ("twenty-three", "one hundred", "two thousand", "a",
#: "a dozen").
NUMBER_RE = (
    r"(?:\d{1,3}(?:,\d{3})+|\d+(?:\.\d+)?"
    rf"|{_WORD}(?:[- ]{_WORD})?(?: (?:hundred|thousand)(?: and {_WORD}(?:[- ]{_WORD})?)?)?"
    r"|a couple of|a dozen|dozen|half a|single|an?)"
)


def parse_number(text: str) -> float | None:
    """The value of a number matched by :data:`NUMBER_RE`, or None when it is not a number."""
    words = text.lower().replace(",", "").strip()
    if words in _SPECIAL:
        return _SPECIAL[words]
    try:
        number = float(words)
    except ValueError:
        pass
    else:  # a number of hundreds of digits is infinite as a float: no amount of time
        return number if math.isfinite(number) else None
    total = 0.0
    current = 0.0
    for word in re.split(r"[-\s]+", words):
        if word == "and":
            continue
        if word in _UNITS_WORDS:
            current += _UNITS_WORDS[word]
        elif word in _TENS_WORDS:
            current += _TENS_WORDS[word]
        elif word in _SCALE_WORDS:
            current = max(current, 1) * _SCALE_WORDS[word]
            total, current = total + current, 0
        else:
            return None
    return total + current
