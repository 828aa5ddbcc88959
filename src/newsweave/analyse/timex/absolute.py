"""Calendar dates: explicit dates in the common formats, months, years, decades, seasons, quarters.

A date written in full resolves on its own; one missing its year takes it from the publication date and
the clause's tense ("in October" said in the past tense is the most recent October).
"""

from __future__ import annotations

import re
from datetime import date, timedelta

from .base import NO_ANCHOR, Found, Rule, fmt, rule, word_before
from .calendar import Context, day_month_year, month_year, quarter_of, quarter_year, season_year
from .lexicon import (
    MONTH_RE,
    MONTH_SAFE_RE,
    MONTHS,
    QUARTER_RE,
    QUARTERS,
    SEASON_RE,
    SEASONS,
    WEEKDAYS,
    alternation,
    lookup,
)

__all__ = ["RULES"]

_DAY = r"(?P<d>[0-3]?\d)(?:st|nd|rd|th)?"
_YEAR = r"(?P<y>1[6-9]\d\d|20\d\d)"
_PREP = r"(?i:in|since|until|till|by|during|from|through|before|after|between|and|to|of|for|throughout)"
_NOT_NUMBER_AFTER = r"(?![\d,.]\d|\s*(?:%|(?i:percent)))"
_MODIFIER = {"early": "START", "late": "END", "mid": "MID", "mid-": "MID"}


def _month(match: re.Match[str]) -> int:
    return int(lookup(MONTHS, match.group("mon")))


def _full_date(match: re.Match[str], ctx: Context) -> Found:
    try:
        day = date(int(match.group("y")), _month(match), int(match.group("d")))
    except ValueError:
        return Found("DATE", None, "not a calendar date")
    return Found("DATE", fmt(day), "explicit date")


def _iso_date(match: re.Match[str], ctx: Context) -> Found:
    try:
        day = date(int(match.group("y")), int(match.group("m")), int(match.group("d")))
    except ValueError:
        return Found("DATE", None, "not a calendar date")
    return Found("DATE", fmt(day), "ISO date")


def _day_month(match: re.Match[str], ctx: Context) -> Found:
    month, day = _month(match), int(match.group("d"))
    if not 1 <= day <= 31:
        return Found("DATE", None, "not a calendar date")
    if ctx.anchor is None:
        return Found("DATE", None, NO_ANCHOR)
    year = day_month_year(ctx.anchor, month, day, ctx.tense)
    try:
        value = date(year, month, day)
    except ValueError:
        return Found("DATE", None, "not a calendar date")
    return Found("DATE", fmt(value), f"year from publication {ctx.anchor} {ctx.tense_note()}")


def _month_year(match: re.Match[str], ctx: Context) -> Found:
    return Found("DATE", f"{match.group('y')}-{_month(match):02d}", "explicit month and year")


def _numeric(match: re.Match[str], ctx: Context) -> Found:
    """'7/8/07': month first (US) or day first; the reading nearest publication wins, else ambiguous."""
    first, second, year = int(match.group("a")), int(match.group("b")), int(match.group("y"))
    if year < 100:
        year += 2000 if year < 50 else 1900
    readings = []
    for month, day in ((first, second), (second, first)):
        try:
            readings.append(date(year, month, day))
        except ValueError:
            continue
    readings = sorted(set(readings))
    if not readings:
        return Found("DATE", None, "not a calendar date")
    if len(readings) == 1:
        return Found("DATE", fmt(readings[0]), "numeric date (only one reading is a date)")
    if ctx.anchor is None:
        return Found("DATE", None, "ambiguous: day/month order unknown and no publication date")
    distances = sorted((abs((r - ctx.anchor).days), r) for r in readings)
    if distances[0][0] * 4 < distances[1][0]:
        return Found("DATE", fmt(distances[0][1]), f"numeric date, reading nearest publication {ctx.anchor}")
    return Found("DATE", None, "ambiguous: day/month order unknown")


def _bare_month(match: re.Match[str], ctx: Context) -> Found:
    month = _month(match)
    relation = (match.groupdict().get("rel") or "").lower() or None
    if ctx.anchor is None:
        return Found("DATE", None, NO_ANCHOR)
    year = month_year(ctx.anchor, month, ctx.tense, relation)
    why = f"{relation} month" if relation in ("last", "next", "this") else "month"
    return Found("DATE", f"{year}-{month:02d}", f"{why} from publication {ctx.anchor} {ctx.tense_note()}")


def _year(match: re.Match[str], ctx: Context) -> Found:
    return Found("DATE", match.group("y"), "explicit year")


#: Words after which a four-digit number is a year whatever follows it.
_YEAR_NEIGHBOURS = frozenset(
    "in since until till by during from through before after between of the early late mid around circa "
    "year fiscal throughout summer spring autumn fall winter end start beginning".split()
)
#: Lowercase words that may follow a year ("2008 was"); any other lowercase word makes it a count.
_YEAR_FOLLOWERS = frozenset(
    "was is has had were will and or to when after before as but saw brought marked season model election "
    "elections census budget levels level figures results sales earnings profit revenue report until with it "
    "they he she we the a an".split()
)


def _year_context(match: re.Match[str]) -> bool:
    """A bare four-digit number is a year unless it sits inside a name ('the Russell 2000 Index')."""
    before = word_before(match)
    if before.lower() in _YEAR_NEIGHBOURS or before.rstrip(".").lower() in MONTHS:
        return True
    after = re.match(r"[ \t]+([A-Za-z]+)", match.string[match.end() :])
    if after and after.group(1).islower() and after.group(1) not in _YEAR_FOLLOWERS:
        return False  # '2000 new hires': a count
    return not (before and before[0].isupper() and after and after.group(1)[0].isupper())


def _month_relative_year(match: re.Match[str], ctx: Context) -> Found:
    if ctx.anchor is None:
        return Found("DATE", None, NO_ANCHOR)
    offset = {"this": 0, "last": -1, "next": 1}[match.group("rel").lower()]
    return Found(
        "DATE",
        f"{ctx.anchor.year + offset}-{_month(match):02d}",
        f"month of {match.group('rel').lower()} year from publication {ctx.anchor}",
    )


def _short_year(match: re.Match[str], ctx: Context) -> Found:
    short = int(match.group("yy"))
    century = 20 if ctx.anchor and short <= ctx.anchor.year % 100 else 19
    return Found("DATE", f"{century}{short:02d}", "two-digit year")


def _decade(match: re.Match[str], ctx: Context) -> Found:
    groups = match.groupdict()
    if groups.get("c"):
        return Found("DATE", f"{groups['c']}{groups['dd']}", "decade")
    digit = groups.get("d2") or groups.get("d3") or "0"
    century = "20" if digit in "01" else "19"
    return Found("DATE", f"{century}{digit}", "decade (century assumed)")


def _century(match: re.Match[str], ctx: Context) -> Found:
    number = int(match.group("n"))
    return Found("DATE", f"{number - 1:02d}", "century")


def _season(match: re.Match[str], ctx: Context) -> Found:
    season = str(lookup(SEASONS, match.group("s")))
    if match.groupdict().get("y"):
        return Found("DATE", f"{match.group('y')}-{season}", "explicit season and year")
    if ctx.anchor is None:
        return Found("DATE", None, NO_ANCHOR)
    relation = (match.groupdict().get("rel") or "").lower() or None
    year = season_year(ctx.anchor, season, ctx.tense, relation)
    return Found("DATE", f"{year}-{season}", f"season from publication {ctx.anchor} {ctx.tense_note()}")


def _quarter(match: re.Match[str], ctx: Context) -> Found:
    word = match.group("q").lower()
    groups = match.groupdict()
    if groups.get("y"):
        return Found("DATE", f"{groups['y']}-Q{lookup(QUARTERS, word)}", "explicit quarter and year")
    if ctx.anchor is None:
        return Found("DATE", None, NO_ANCHOR)
    year_rel = (groups.get("yrel") or "").lower()
    if word == "last" and not year_rel:
        previous = ctx.anchor.replace(day=1) - timedelta(days=80)
        return Found("DATE", f"{previous.year}-Q{quarter_of(previous)}", f"quarter before {ctx.anchor}")
    quarter = int(lookup(QUARTERS, word))
    if year_rel in ("this", "current"):
        year = ctx.anchor.year
    elif year_rel in ("last", "previous", "past"):
        year = ctx.anchor.year - 1
    elif year_rel == "next":
        year = ctx.anchor.year + 1
    else:
        year = quarter_year(ctx.anchor, quarter, ctx.tense)
    return Found("DATE", f"{year}-Q{quarter}", f"quarter from publication {ctx.anchor} {ctx.tense_note()}")


def _half(match: re.Match[str], ctx: Context) -> Found:
    half = 1 if match.group("h").lower() in ("first", "1st") else 2
    if match.groupdict().get("y"):
        return Found("DATE", f"{match.group('y')}-H{half}", "explicit half-year")
    if ctx.anchor is None:
        return Found("DATE", None, NO_ANCHOR)
    current = 1 if ctx.anchor.month <= 6 else 2
    year = ctx.anchor.year
    if ctx.tense == "future" and half < current:
        year += 1
    elif ctx.tense != "future" and half > current:
        year -= 1
    return Found("DATE", f"{year}-H{half}", f"half-year from publication {ctx.anchor} {ctx.tense_note()}")


_HOLIDAYS = {
    "christmas eve": (12, 24),
    "christmas day": (12, 25),
    "christmas": (12, 25),
    "boxing day": (12, 26),
    "new year's eve": (12, 31),
    "new year's day": (1, 1),
    "valentine's day": (2, 14),
    "independence day": (7, 4),
    "halloween": (10, 31),
}


def _holiday(match: re.Match[str], ctx: Context) -> Found:
    name = match.group("hol").lower().replace("’", "'")
    month, day = _HOLIDAYS[name]
    if match.groupdict().get("y"):
        return Found("DATE", f"{match.group('y')}-{month:02d}-{day:02d}", f"{name} of an explicit year")
    if ctx.anchor is None:
        return Found("DATE", None, NO_ANCHOR)
    year = day_month_year(ctx.anchor, month, day, ctx.tense)
    return Found("DATE", f"{year}-{month:02d}-{day:02d}", f"{name} nearest publication {ctx.anchor}")


#: A weekday before a date, written out or abbreviated as on datelines ("Wed Jun 24, 2010"); its value is the date's.
_WEEKDAY_PREFIX = rf"(?:{alternation(w.capitalize() for w in WEEKDAYS)}\.?,?\s+(?:the\s+)?)?"
_HOLIDAY_RE = (
    r"(?P<hol>(?i:christmas eve|christmas day|christmas|boxing day|new year[’']s eve|new year[’']s day"
    r"|valentine[’']s day|independence day|halloween))"
)

RULES: tuple[Rule, ...] = (
    rule("iso-date", rf"\b{_YEAR}-(?P<m>[01]\d)-(?P<d>[0-3]\d)\b", _iso_date),
    rule(
        "month-day-year",
        rf"\b{_WEEKDAY_PREFIX}(?P<mon>{MONTH_RE})\s*(?:{_DAY})(?:\s*,\s*|\s+){_YEAR}\b",
        _full_date,
        case=True,
    ),
    rule(
        "day-month-year",
        rf"\b{_WEEKDAY_PREFIX}{_DAY}\s+(?:of\s+)?(?P<mon>{MONTH_RE}),?\s+{_YEAR}\b",
        _full_date,
        case=True,
    ),
    rule(
        "month-day",
        rf"\b{_WEEKDAY_PREFIX}(?P<mon>{MONTH_RE})\s*{_DAY}\b{_NOT_NUMBER_AFTER}",
        _day_month,
        tensed=True,
        case=True,
    ),
    rule(
        "day-month",
        rf"\b{_WEEKDAY_PREFIX}(?:the\s+)?{_DAY}\s+(?:of\s+)?(?P<mon>{MONTH_RE})(?!\w)",
        _day_month,
        tensed=True,
        case=True,
    ),
    rule(
        "month-year",
        rf"\b(?P<mon>{MONTH_RE})\s*(?:of\s+|,\s*)?{_YEAR}\b{_NOT_NUMBER_AFTER}",
        _month_year,
        case=True,
    ),
    rule(
        "modified-month-year",
        rf"\b(?i:early|late|mid-?|the end of|the beginning of|the start of|the middle of)\s*"
        rf"(?P<mon>{MONTH_RE})\s*(?:of\s+|,\s*)?{_YEAR}\b",
        _month_year,
        case=True,
    ),
    rule("numeric-date", r"(?<![\d/])(?P<a>[01]?\d)/(?P<b>[0-3]?\d)/(?P<y>\d{4}|\d{2})(?![\d/])", _numeric),
    rule(
        "relative-month",
        rf"\b(?P<rel>(?i:last|next|this|coming|past|previous|early|late|mid-?|earlier|later|"
        rf"(?:the )?(?:end|beginning|start|middle) of))\s*(?P<mon>{MONTH_RE})(?!\w)",
        _bare_month,
        tensed=True,
        case=True,
    ),
    rule(
        "in-month",
        rf"\b{_PREP}\s+(?P<x>(?P<mon>{MONTH_RE}))(?![\w-]|\s+\d)",
        _bare_month,
        tensed=True,
        case=True,
    ),
    rule("safe-month", rf"\b(?P<mon>{MONTH_SAFE_RE})\b(?!\s+\d)", _bare_month, tensed=True, case=True),
    rule(
        "year",
        rf"(?<![\w$£€#.,/-]){_YEAR}(?![\w-]|[.,/]\d|\s*(?:%|(?i:percent|per cent)\b))",
        _year,
        accept=_year_context,
    ),
    rule(
        "month-relative-year",
        rf"\b(?P<mon>{MONTH_RE})\s+(?:of\s+)?(?P<rel>(?i:this|last|next))\s+(?i:year)\b",
        _month_relative_year,
        case=True,
    ),
    rule(
        "modified-year",
        rf"\b(?i:early|late|mid-?|the end of|the beginning of|the start of)\s*{_YEAR}\b",
        _year,
    ),
    rule("short-year", rf"\b{_PREP}\s+(?P<x>['’](?P<yy>\d\d))\b", _short_year),
    rule(
        "decade",
        r"\b(?:(?i:the)\s+)?(?:(?i:early|late|mid-?)\s*)?"
        r"(?:(?P<c>1[6-9]|20)(?P<dd>\d)0s|['’](?P<d2>\d)0s|(?<!\d)(?P<d3>[2-9])0s)(?!\w)",
        _decade,
    ),
    rule("century", r"\b(?:the\s+)?(?P<n>1[5-9]|2[01])(?:st|nd|rd|th)[- ]century\b", _century),
    rule(
        "season",
        r"\b(?:(?P<rel>this|last|next|coming|past|early|late|mid-?)\s*)?(?P<s>spring|summer|autumn|winter)"
        rf"(?:\s+(?:of\s+)?{_YEAR})?\b",
        _season,
        tensed=True,
    ),
    rule(
        "fall",
        r"\b(?:(?P<rel>this|last|next|coming|past|early|late)\s+(?=fall\b)"
        r"|(?=fall\s+(?:of\s+)?(?:1[6-9]|20)\d\d\b))"
        rf"(?P<s>fall)(?:\s+(?:of\s+)?{_YEAR})?\b",
        _season,
        tensed=True,
    ),
    rule(
        "the-season",
        rf"\b(?:in|during|by|until|this|over)\s+(?P<x>the\s+(?P<s>{SEASON_RE}))\b(?!\s+(?:of|in)\b)",
        _season,
        tensed=True,
    ),
    rule(
        "quarter",
        rf"\b(?:the\s+)?(?P<q>{QUARTER_RE})[- ]quarter\b(?:\s+(?:of\s+)?(?:{_YEAR}|(?:the\s+)?"
        r"(?P<yrel>this|last|next|current|previous|past)\s+year))?",
        _quarter,
        tensed=True,
    ),
    rule(
        "quarter-code",
        r"\b[Qq](?P<q>[1-4])(?:\s+|-)?(?P<y>20\d\d)\b",
        lambda m, c: Found("DATE", f"{m.group('y')}-Q{m.group('q')}", "explicit quarter and year"),
    ),
    rule(
        "half",
        rf"\b(?:the\s+)?(?P<h>first|second|1st|2nd)[- ]half\b(?:\s+of\s+(?:the\s+year\s+)?{_YEAR})?",
        _half,
        tensed=True,
    ),
    rule("holiday", rf"\b{_HOLIDAY_RE}(?:\s+{_YEAR})?\b", _holiday, tensed=True, case=True),
)
