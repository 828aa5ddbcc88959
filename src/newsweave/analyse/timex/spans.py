"""Durations ("a five-hour meeting", "the past two years"), sets ("every day", "weekly") and clock times.

Durations and sets need no anchor: their values (P5H written PT5H, P2Y, P1W) are lengths, not dates.
Clock times take their day from a weekday beside them or from the publication date.
"""

from __future__ import annotations

import re
from datetime import timedelta

from .base import NO_ANCHOR, Found, Rule, fmt, rule
from .calendar import Context, weekday_date
from .lexicon import NUMBER_RE, UNITS, WEEKDAY_RE, WEEKDAYS, lookup, parse_number

__all__ = ["RULES", "period"]

_MODIFIER = (
    r"(?:nearly|almost|about|around|roughly|approximately|some|over(?!\s+the\b)|more\s+than|less\s+than|at\s+least"
    r"|up\s+to|just\s+over|just\s+under|under|only|another|a\s+further|an\s+additional)"
)
_ORDER = r"(?:the\s+(?:past|last|next|previous|coming|following|first|final|same)\s+)"
_FILLER = r"(?:(?:straight|consecutive|full|long|trading|business|working|calendar|successive)\s+)"
_UNIT = r"(?P<u>second|minute|hour|day|week|fortnight|month|quarter|year|decade|century|centurie)s?"
_SINGLE_UNIT = r"(?P<u>second|minute|hour|day|week|fortnight|month|quarter|year|decade|century)"


def period(amount: float | None, unit_word: str) -> str:
    """TIMEX3 duration: (2, 'year') -> P2Y, (5, 'hour') -> PT5H, (1.5, 'month') -> P1.5M, None -> PXY."""
    letter, is_time = UNITS[unit_word]
    if unit_word == "decade":
        letter, amount = "Y", None if amount is None else amount * 10
    elif unit_word == "century":
        letter, amount = "Y", None if amount is None else amount * 100
    elif unit_word == "fortnight":
        amount = None if amount is None else amount * 2
    if amount is None:
        number = "X"
    elif amount == int(amount):
        number = str(int(amount))
    else:
        number = f"{amount:g}"
    return f"P{'T' if is_time else ''}{number}{letter}"


def _unit_word(match: re.Match[str]) -> str:
    return match.group("u").lower().rstrip("s").replace("centurie", "century")


def _duration(match: re.Match[str], ctx: Context) -> Found:
    amount = parse_number(match.group("n"))
    if amount is not None and (match.groupdict().get("half") or match.groupdict().get("half2")):
        amount += 0.5
    if amount is None:
        return Found("DURATION", None, "unknown amount")
    return Found("DURATION", period(amount, _unit_word(match)), "length of time")


def _vague_duration(match: re.Match[str], ctx: Context) -> Found:
    return Found("DURATION", period(None, _unit_word(match)), "length of time, amount unspecified")


def _one_unit(match: re.Match[str], ctx: Context) -> Found:
    return Found("DURATION", period(1, _unit_word(match)), "length of time")


_AMOUNT_WORDS = {
    "million",
    "billion",
    "trillion",
    "thousand",
    "hundred",
    "times",
    "once",
    "twice",
    "percent",
    "%",
    "dollars",
    "euros",
    "pounds",
    "cents",
    "miles",
    "kilometres",
    "kilometers",
    "tonnes",
    "tons",
    "barrels",
}


def _a_unit(match: re.Match[str], ctx: Context) -> Found:
    """'$40 billion a year' is a SET; 'for a year' is a DURATION."""
    before = match.group("pre").lower()
    unit = _unit_word(match)
    amountish = any(ch.isdigit() for ch in before) or before in _AMOUNT_WORDS
    plural = before.endswith("s") and not before.endswith(("ss", "us", "is", "as", "'s", "’s"))
    if amountish or (plural and before.rstrip("s") not in UNITS):
        return Found("SET", period(1, unit), f"{match.group('x')} after an amount: a rate")
    return Found("DURATION", period(1, unit), "length of time")


def _every(match: re.Match[str], ctx: Context) -> Found:
    amount = parse_number(match.group("n")) if match.group("n") else 1.0
    if match.groupdict().get("other"):
        amount = (amount or 1) * 2
    return Found("SET", period(amount, _unit_word(match)), "recurring")


_ADVERBS = {
    "hourly": ("hour", 1),
    "daily": ("day", 1),
    "nightly": ("day", 1),
    "weekly": ("week", 1),
    "biweekly": ("week", 2),
    "fortnightly": ("week", 2),
    "monthly": ("month", 1),
    "quarterly": ("month", 3),
    "annually": ("year", 1),
    "annual": ("year", 1),
    "yearly": ("year", 1),
    "biannual": ("month", 6),
    "semiannual": ("month", 6),
}


def _adverb_set(match: re.Match[str], ctx: Context) -> Found:
    unit, amount = _ADVERBS[match.group(0).lower().replace("-", "")]
    return Found("SET", period(amount, unit), "recurring")


def _clock(match: re.Match[str], ctx: Context) -> Found:
    groups = match.groupdict()
    hour, minute = int(groups.get("h") or 12), int(groups.get("mi") or 0)
    meridiem = (groups.get("ap") or "").lower()
    if meridiem.startswith("p") and hour < 12:
        hour += 12
    elif meridiem.startswith("a") and hour == 12:
        hour = 0
    if hour > 24 or minute > 59:
        return Found("TIME", None, "not a clock time")
    zone = "Z" if (groups.get("tz") or "").upper() in ("UTC", "GMT") else ""
    if ctx.anchor is None:
        return Found("TIME", None, NO_ANCHOR)
    day, why = ctx.anchor, f"clock time on the publication day {ctx.anchor}"
    if groups.get("deictic"):
        offset = {"today": 0, "yesterday": -1, "tomorrow": 1}[groups["deictic"].lower()]
        day, why = ctx.anchor + timedelta(days=offset), f"clock time {groups['deictic']} (from {ctx.anchor})"
    elif ctx.last_day is not None and abs((ctx.last_day - ctx.anchor).days) <= 7:
        day, why = ctx.last_day, f"clock time on the last day mentioned, {ctx.last_day}"
    if groups.get("wd"):
        day = weekday_date(ctx.anchor, int(lookup(WEEKDAYS, groups["wd"])), ctx.tense, None)
        why = f"clock time on the weekday nearest publication {ctx.anchor} {ctx.tense_note()}"
    return Found("TIME", f"{fmt(day)}T{hour:02d}:{minute:02d}{zone}", why)


def _every_weekday(match: re.Match[str], ctx: Context) -> Found:
    weekday = int(lookup(WEEKDAYS, match.group("wd") or match.group("wd2"))) + 1
    return Found("SET", f"XXXX-WXX-{weekday}", "recurring weekday")


_AMPM = r"(?P<ap>[ap]\.?\s?m\b\.?)"
_ZONE = r"(?P<tz>UTC|GMT|[ECMP][SD]T|BST|CET|CEST|ET|PT)"
_ON_WEEKDAY = rf"(?:,?\s+(?:on\s+)?(?P<wd>{WEEKDAY_RE})|\s+(?P<deictic>today|yesterday|tomorrow))?"

RULES: tuple[Rule, ...] = (
    rule(
        "a-unit",
        rf"(?P<pre>[\w%’'$.,]+)\s+(?P<x>an?\s+{_SINGLE_UNIT})\b(?<![Aa] second)(?<!quarter)"
        r"(?!\s+(?:ago|earlier|later|before|after|and|or|from|old)\b|[-’'])",
        _a_unit,
    ),
    rule(
        "duration",
        rf"\b(?:{_MODIFIER}\s+)?{_ORDER}?(?P<n>{NUMBER_RE})(?P<half>[ \t]+and[ \t]+a[ \t]+half)?"
        rf"[ \t-]+{_FILLER}?{_UNIT}"
        r"(?P<half2>\s+and\s+a\s+half)?(?:-long)?\b(?<![Aa] second)"
        r"(?!-(?:old|long)|\s+old\b|\s+(?:ago|earlier|later|from\s+now|hence)\b|(?<=quarter)\s+of\b)",
        _duration,
    ),
    rule(
        "vague-duration",
        rf"\b(?:{_MODIFIER}\s+)?(?:(?:the\s+(?:past|last|next|coming)\s+)?(?:several|many|a\s+few|few"
        rf"|a\s+number\s+of)\s+){_FILLER}?(?P<u>minute|hour|day|week|month|year|decade)s\b",
        _vague_duration,
    ),
    rule(
        "bare-units",
        r"\b(?:for|over\s+the|within|took|take|takes|taking|lasted|last|in|after)\s+(?P<x>(?P<u>minute|hour"
        r"|day|week|month|year|decade)s)\b(?!\s+(?:ago|of|later|earlier)\b)",
        _vague_duration,
    ),
    rule("units-long", r"\b(?P<u>minute|hour|day|week|month|year|decade)s-long\b", _vague_duration),
    rule(
        "the-past-unit",
        rf"\b(?:{_MODIFIER}\s+)?the\s+(?:past|next|coming)\s+(?P<u>week|month|year|decade|century)\b",
        _one_unit,
    ),
    rule("every", rf"\b(?:every|each|per)\s+(?P<other>other\s+)?(?:(?P<n>{NUMBER_RE})\s+)?{_UNIT}\b", _every),
    rule(
        "adverb-set",
        r"\b(?:hourly|daily|nightly|weekly|bi-?weekly|fortnightly|monthly|quarterly|annually|annual|yearly"
        r"|bi-?annual|semi-?annual)\b",
        _adverb_set,
    ),
    rule(
        "every-weekday",
        rf"\b(?:(?:every|each)\s+(?P<wd>{WEEKDAY_RE})|on\s+(?P<x>(?P<wd2>{WEEKDAY_RE})s))\b",
        _every_weekday,
    ),
    rule(
        "clock",
        rf"\b(?P<h>[01]?\d|2[0-3]):(?P<mi>[0-5]\d)(?::[0-5]\d)?(?:\s*{_AMPM})?(?:\s*{_ZONE}\b)?"
        rf"(?:\s*\(\s*(?:GMT|UTC)\s*[+-]\s*\d{{1,2}}\s*\))?{_ON_WEEKDAY}",
        _clock,
        tensed=True,
    ),
    rule(
        "clock-ampm", rf"\b(?P<h>1[0-2]|0?[1-9])\s*{_AMPM}(?:\s*{_ZONE}\b)?{_ON_WEEKDAY}", _clock, tensed=True
    ),
    rule(
        "clock-military",
        rf"\b(?P<h>[01]\d|2[0-3])(?P<mi>[0-5]\d)\s*{_ZONE}\b{_ON_WEEKDAY}",
        _clock,
        tensed=True,
    ),
    rule("noon", rf"\b(?P<noon>midday|noon)(?:\s*{_ZONE})?\b{_ON_WEEKDAY}", _clock, tensed=True),
)
