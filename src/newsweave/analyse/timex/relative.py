"""Dates relative to publication: today, last week, two years ago, on Wednesday, now, recently.

Deictic words ("yesterday", "this month") count from the publication date. Weekdays take the clause's
tense. Vague references become TIMEX3's PRESENT_REF, PAST_REF and FUTURE_REF.
"""

from __future__ import annotations

import re
from datetime import date, timedelta

from .base import NO_ANCHOR, Found, Resolver, Rule, TimexType, fmt, rule
from .calendar import Context, add_months, iso_week, previous_quarter, quarter_of, shift, weekday_date
from .lexicon import DAYPART_RE, DAYPARTS, NUMBER_RE, UNITS, WEEKDAY_RE, WEEKDAYS, lookup, parse_number

__all__ = ["RULES", "granular"]

_NEXT = ("next", "coming", "following")
_LAST = ("last", "past", "previous")


def granular(day: date, unit: str) -> str:
    """``day`` written at the granularity of ``unit``: D/W -> day, M -> month, Q -> quarter, Y -> year,
    DE -> decade, CE -> century."""
    if unit in ("D", "W"):
        return fmt(day)
    if unit == "M":
        return f"{day.year}-{day.month:02d}"
    if unit == "Q":
        return f"{day.year}-Q{quarter_of(day)}"
    if unit == "DE":
        return str(day.year)[:3]
    if unit == "CE":
        return str(day.year)[:2]
    return str(day.year)


def _deictic_day(match: re.Match[str], ctx: Context) -> Found:
    word = match.group("w").lower()
    part = match.groupdict().get("p")
    if ctx.anchor is None:
        return Found("TIME" if part else "DATE", None, NO_ANCHOR)
    offset = {"yesterday": -1, "tomorrow": 1, "last": -1}.get(word.split()[0], 0)
    day = fmt(ctx.anchor + timedelta(days=offset))
    if word in ("tonight", "last night"):
        return Found("TIME", f"{day}TNI", f"{word} from publication {ctx.anchor}")
    if part:
        return Found(
            "TIME", f"{day}T{lookup(DAYPARTS, part)}", f"{word} {part} from publication {ctx.anchor}"
        )
    return Found("DATE", day, f"{word} from publication {ctx.anchor}")


def _this_daypart(match: re.Match[str], ctx: Context) -> Found:
    if ctx.anchor is None:
        return Found("TIME", None, NO_ANCHOR)
    code = lookup(DAYPARTS, match.group("p"))
    return Found("TIME", f"{fmt(ctx.anchor)}T{code}", f"part of the publication day {ctx.anchor}")


def _unit_value(anchor: date, unit: str, offset: int) -> str:
    if unit == "week":
        return iso_week(anchor + timedelta(weeks=offset))
    if unit == "weekend":
        return iso_week(anchor + timedelta(weeks=offset)) + "-WE"
    if unit == "month":
        moved = add_months(anchor, offset)
        return f"{moved.year}-{moved.month:02d}"
    if unit == "quarter":
        moved = add_months(anchor, 3 * offset)
        return f"{moved.year}-Q{(moved.month - 1) // 3 + 1}"
    if unit == "decade":
        return str(anchor.year // 10 + offset)
    if unit == "century":
        return str(anchor.year // 100 + offset)
    if unit == "day":
        return fmt(anchor + timedelta(days=offset))
    return str(anchor.year + offset)


def _relative_unit(match: re.Match[str], ctx: Context) -> Found:
    """this/last/next week, month, year...; earlier this year; the end of last year."""
    relation = match.group("rel").lower().split()[-1]
    unit = match.group("u").lower()
    if ctx.anchor is None:
        return Found("DATE", None, NO_ANCHOR)
    offset = -1 if relation in _LAST else 1 if relation in _NEXT else 0
    value = _unit_value(ctx.anchor, unit, offset)
    return Found("DATE", value, f"{relation} {unit} from publication {ctx.anchor}")


def _the_weekend(match: re.Match[str], ctx: Context) -> Found:
    if ctx.anchor is None:
        return Found("DATE", None, NO_ANCHOR)
    offset = 0
    if ctx.tense == "past" and ctx.anchor.weekday() < 5:
        offset = -1
    value = _unit_value(ctx.anchor, "weekend", offset)
    return Found("DATE", value, f"weekend nearest publication {ctx.anchor} {ctx.tense_note()}")


def _reference(ctx: Context, unit: str) -> tuple[date | None, str]:
    """The date 'the previous year' counts from: the last date mentioned when it is precise enough."""
    precise = {"year": 4, "month": 7}.get(unit, 10)
    if ctx.last and len(ctx.last) >= precise:
        year, month = int(ctx.last[:4]), int(ctx.last[5:7]) if len(ctx.last) >= 7 else 1
        day = int(ctx.last[8:10]) if len(ctx.last) >= 10 else 1
        return date(year, month, day), f"the last date mentioned ({ctx.last})"
    return ctx.anchor, f"publication {ctx.anchor}"


def _previous_unit(match: re.Match[str], ctx: Context) -> Found:
    """'the previous year', 'the year before': counted from the last date mentioned, else publication."""
    unit = (match.group("u") or match.group("u2")).lower()
    base, label = _reference(ctx, unit)
    if base is None:
        return Found("DATE", None, NO_ANCHOR)
    word = (match.groupdict().get("rel") or match.groupdict().get("after") or "").lower()
    offset = 1 if word in ("following", "next", "after") else -1
    return Found("DATE", _unit_value(base, unit, offset), f"the {unit} {word} {label}")


def _amount(match: re.Match[str]) -> float | None:
    number = parse_number(match.group("n"))
    if number is not None and match.groupdict().get("half"):
        number += 0.5
    return number


def _ago(match: re.Match[str], ctx: Context) -> Found:
    number = _amount(match)
    unit_word = match.group("u").lower().rstrip("s").replace("centurie", "century")
    unit = UNITS[unit_word][0]
    if number is None:
        return Found("DATE", None, "unknown amount")
    if unit_word == "fortnight":
        number *= 2
    if UNITS[unit_word][1]:
        return Found("DATE", None, "ambiguous: hours ago with no clock time")
    direction = match.group("dir").lower()
    base, label = ctx.anchor, "publication"
    if direction == "later":
        base, label = ctx.last_day, "the last date mentioned"
        if base is None:
            return Found("DATE", None, "relative to an earlier event that has no date")
    if base is None:
        return Found("DATE", None, NO_ANCHOR)
    sign = 1 if direction in ("later", "from now", "hence") else -1
    if unit == "Y" and ctx.quarter and number == int(number) and direction in ("ago", "earlier"):
        year = int(ctx.quarter[:4]) - int(number)  # '... from a year earlier' after 'the third quarter'
        return Found("DATE", f"{year}{ctx.quarter[4:]}", f"{match.group(0)} counted from {ctx.quarter}")
    day = shift(base, sign * number, unit)
    if day is None:
        return Found("DATE", None, f"{match.group(0)} falls outside the calendar (years 1-9999)")
    return Found("DATE", granular(day, unit), f"{match.group(0)} counted from {label} {base}")


def _weekday(match: re.Match[str], ctx: Context) -> Found:
    weekday = int(lookup(WEEKDAYS, match.group("wd")))
    relation = (match.groupdict().get("rel") or "").lower() or None
    part = match.groupdict().get("p")
    kind: TimexType = "TIME" if part else "DATE"
    if ctx.anchor is None:
        return Found(kind, None, NO_ANCHOR)
    day = weekday_date(ctx.anchor, weekday, ctx.tense, relation)
    if relation:
        why = f"{relation} {match.group('wd')} from publication {ctx.anchor}"
    elif day > ctx.anchor:
        why = f"weekday after publication {ctx.anchor} {ctx.tense_note()}"
    elif day == ctx.anchor:
        why = f"weekday of publication {ctx.anchor} {ctx.tense_note()}"
    else:
        why = f"weekday before publication {ctx.anchor} {ctx.tense_note()}"
    if part:
        return Found(kind, f"{fmt(day)}T{lookup(DAYPARTS, part)}", why)
    return Found(kind, fmt(day), why)


def _the_day(match: re.Match[str], ctx: Context) -> Found:
    """'the same day', 'that day': the last date mentioned, else the publication day."""
    base, label = (ctx.last_day, "the last date mentioned") if ctx.last_day else (ctx.anchor, "publication")
    if base is None:
        return Found("DATE", None, NO_ANCHOR)
    return Found("DATE", fmt(base), f"same day as {label} {base}")


def _the_quarter(match: re.Match[str], ctx: Context) -> Found:
    """'the quarter', 'the latest quarter': the quarter last mentioned, else the last one completed;
    'the year-ago quarter' is that quarter a year before; 'the current quarter' the publication's."""
    if ctx.anchor is None:
        return Found("DATE", None, NO_ANCHOR)
    words = match.group(0).lower()
    if "current" in words:
        return Found("DATE", f"{ctx.anchor.year}-Q{quarter_of(ctx.anchor)}", f"quarter of publication {ctx.anchor}")
    base, label = (ctx.quarter, "the quarter last mentioned") if ctx.quarter else (
        previous_quarter(ctx.anchor), f"the last quarter completed before {ctx.anchor}")
    if "latest" in words or "recent" in words:
        base, label = previous_quarter(ctx.anchor), f"the last quarter completed before {ctx.anchor}"
    if "year-" in words:
        return Found("DATE", f"{int(base[:4]) - 1}{base[4:]}", f"a year before {label} ({base})")
    return Found("DATE", base, label)


def _ref(value: str, why: str) -> Resolver:
    def resolve(match: re.Match[str], ctx: Context) -> Found:
        return Found("DATE", value, why)

    return resolve


_DIRECTIONS = r"ago|earlier|later|from now|hence"
_AMOUNT = rf"(?P<n>{NUMBER_RE})(?P<half>[ \t]+and[ \t]+a[ \t]+half)?"
_UNIT_WORDS = r"(?:second|minute|hour|day|week|fortnight|month|quarter|year|decade|centurie|century)s?"

RULES: tuple[Rule, ...] = (
    rule(
        "deictic-day",
        rf"\b(?P<w>today|tonight|yesterday|tomorrow|last night)(?:\s+(?P<p>{DAYPART_RE}))?\b"
        r"(?!['’]s\s+\w+\s+\d)",
        _deictic_day,
    ),
    rule("earlier-today", r"\b(?:earlier|later)\s+(?P<w>today|tonight)\b", _deictic_day),
    rule("this-daypart", rf"\b(?:this|early this|late this)\s+(?P<p>{DAYPART_RE})\b", _this_daypart),
    rule(
        "relative-unit",
        r"\b(?:(?:the\s+)?(?:end|beginning|start|middle|rest|remainder)\s+of\s+|(?:earlier|later)\s+)?"
        r"(?P<rel>this|last|next|(?:the\s+)?coming|(?:the\s+)?current)\s+"
        r"(?P<u>week|weekend|month|quarter|year|decade|century)\b(?!['’]s\s+\d)",
        _relative_unit,
    ),
    rule(
        "the-last-unit", r"\b(?:the\s+)(?P<rel>last)\s+(?P<u>year|month)\b(?!\s+(?:or|and)\b)", _relative_unit
    ),
    rule("the-weekend", r"\b(?:the|this\s+past)\s+weekend\b", _the_weekend, tensed=True),
    rule(
        "previous-unit",
        r"\b(?:the\s+(?P<rel>previous|following|prior)\s+(?P<u>day|week|month|year)"
        r"|the\s+(?P<u2>day|week|month|year)\s+(?P<after>before|after|previous|prior))\b",
        _previous_unit,
    ),
    rule(
        "the-quarter",
        r"\b(?:the|that)\s+(?:(?:latest|most\s+recent|recent|current|same|comparable|fiscal)\s+)?"
        r"(?:year-(?:ago|earlier)\s+)?quarter\b(?!\s+(?:of|century|mile|inch|point|note)\b|-|['’])",
        _the_quarter,
    ),
    rule(
        "ago",
        rf"\b{_AMOUNT}[ \t]+{_UNIT_WORDS}(?:[ \t]+and[ \t]+a[ \t]+half)?[ \t]+(?P<dir>{_DIRECTIONS})\b".replace(
            _UNIT_WORDS, f"(?P<u>{_UNIT_WORDS})", 1
        ),
        _ago,
    ),
    rule(
        "weekday",
        rf"\b(?:(?P<rel>last|next|this|coming|past|previous)\s+)?(?P<wd>{WEEKDAY_RE})"
        rf"(?:\s+(?P<p>{DAYPART_RE}))?\b",
        _weekday,
        tensed=True,
        case=False,
    ),
    rule(
        "the-day",
        r"\b(?:(?:late|early)\s+in\s+|(?:the\s+)?(?:start|end|beginning|close)\s+of\s+)?"
        r"(?:the\s+same\s+day|that\s+(?:same\s+)?day|the\s+day)\b(?!\s+(?:before|after|when|of)\b|['’])",
        _the_day,
    ),
    rule(
        "present-ref",
        r"\b(?:now|currently|current|nowadays|presently|at present|at the moment|these days"
        r"|the time being|the present)\b(?!-)",
        _ref("PRESENT_REF", "present: now"),
    ),
    rule(
        "past-ref",
        r"\b(?:(?:more\s+)?recently|recent|lately|(?:in\s+)?the\s+past|in\s+recent\s+(?:years|months))"
        r"\b(?!\s+(?:\d|one|two|three|four|five|six|seven|eight|nine|ten|few|several|decades?|years?"
        r"|months?|weeks?|days?|hours?)\b)",
        _ref("PAST_REF", "past: before publication"),
    ),
    rule(
        "future-ref",
        r"\b(?:the\s+(?:near\s+|distant\s+)?future|in\s+future|(?:very\s+)?soon|the\s+(?:long|near|short)\s+term|short-term"
        r"|the\s+long\s+run|later\s+on)\b",
        _ref("FUTURE_REF", "future: after publication"),
    ),
)
