"""Calendar arithmetic for anchoring: which October, which Wednesday, which quarter.

Everything takes the anchor date (publication) and the tense of the clause. Past tense points back to
the most recent occurrence, future tense forward to the next one; with no tense the anchor's own year
(or week) is used. Values are TIMEX3 strings.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta
from typing import Literal

__all__ = [
    "Context",
    "Tense",
    "add_months",
    "day_month_year",
    "iso_week",
    "month_year",
    "previous_quarter",
    "quarter_of",
    "quarter_year",
    "season_year",
    "shift",
    "weekday_date",
]

Tense = Literal["past", "present", "future"]


@dataclass(frozen=True, slots=True)
class Context:
    """What an expression is resolved against: publication date, clause tense, last date mentioned."""

    anchor: date | None
    tense: Tense | None = None
    #: The value of the last calendar date mentioned before the expression (any granularity: 2009, 2009-01).
    last: str | None = None
    #: The last fiscal quarter mentioned (2009-Q3) when no calendar date was mentioned after it.
    quarter: str | None = None

    @property
    def last_day(self) -> date | None:
        """The last date mentioned, when it names a day."""
        if self.last and len(self.last) >= 10 and self.last[4] == "-" and self.last[7] == "-":
            try:
                return date.fromisoformat(self.last[:10])
            except ValueError:
                return None
        return None

    def tense_note(self) -> str:
        """'(past tense)' or '(tense unknown)' for explanations."""
        return f"({self.tense} tense)" if self.tense else "(tense unknown)"


def iso_week(day: date) -> str:
    """TIMEX3 week value, ISO numbering: 2023-W37."""
    year, week, _ = day.isocalendar()
    return f"{year}-W{week:02d}"


def add_months(day: date, months: int) -> date:
    """``day`` moved by whole months, the day clamped to the month's length."""
    index = day.year * 12 + day.month - 1 + months
    year, month = divmod(index, 12)
    month += 1
    for candidate in (day.day, 30, 29, 28):
        try:
            return date(year, month, min(day.day, candidate))
        except ValueError:
            continue
    return date(year, month, 28)


#: Months in one of each unit a date can be shifted by (days and weeks go by days).
_MONTHS_IN = {"M": 1, "Q": 3, "Y": 12, "DE": 120, "CE": 1200}


def shift(day: date, amount: float, unit: str) -> date | None:
    """``day`` moved by ``amount`` units (D, W, M, Q, Y, DE, CE; fractions of months go by 30 days).

    None when the result falls outside the calendar (years 1 to 9999): "58,100 years ago" has no date.
    """
    if abs(amount) > 10_000 * 366:  # beyond any calendar whatever the unit
        return None
    days = {"D": 1, "W": 7}.get(unit)
    if days is not None:
        offset = round(amount * days)
        if not date.min.toordinal() <= day.toordinal() + offset <= date.max.toordinal():
            return None
        return day + timedelta(days=offset)
    months = amount * _MONTHS_IN[unit]
    whole = int(months)
    if not 1 <= day.year + (day.month - 1 + whole) // 12 <= 9999:
        return None
    moved = add_months(day, whole)
    extra = round((months - whole) * 30)
    if not date.min.toordinal() <= moved.toordinal() + extra <= date.max.toordinal():
        return None
    return moved + timedelta(days=extra)


def weekday_date(anchor: date, weekday: int, tense: Tense | None, relation: str | None) -> date:
    """The date of a weekday named near ``anchor``.

    'last Wednesday' is strictly before the anchor and 'next Wednesday' strictly after; a bare weekday
    is the most recent one (on or before the anchor) unless the clause is in the future tense.
    """
    back = (anchor.weekday() - weekday) % 7
    forward = (weekday - anchor.weekday()) % 7
    if relation in ("last", "past", "previous"):
        return anchor - timedelta(days=back or 7)
    if relation in ("next", "coming", "following"):
        return anchor + timedelta(days=forward or 7)
    if tense == "future":
        return anchor + timedelta(days=forward)
    return anchor - timedelta(days=back)


def month_year(anchor: date, month: int, tense: Tense | None, relation: str | None) -> int:
    """The year of a month named without one: most recent in the past tense, next in the future."""
    if relation in ("last", "past", "previous"):
        return anchor.year if month < anchor.month else anchor.year - 1
    if relation in ("next", "coming", "following"):
        return anchor.year if month > anchor.month else anchor.year + 1
    if tense == "past" and month > anchor.month:
        return anchor.year - 1
    if tense == "future" and month < anchor.month:
        return anchor.year + 1
    return anchor.year


def day_month_year(anchor: date, month: int, day: int, tense: Tense | None) -> int:
    """The year of a day and month named without one ("Sept. 15").

    The candidate nearest the anchor wins, except that a past-tense clause never points more than a
    month ahead and a future-tense clause never more than a month back.
    """
    best: tuple[int, int] | None = None
    for year in (anchor.year - 1, anchor.year, anchor.year + 1):
        try:
            candidate = date(year, month, day)
        except ValueError:
            continue
        delta = (candidate - anchor).days
        if (tense == "past" and delta > 31) or (tense == "future" and delta < -31):
            continue
        if best is None or abs(delta) < best[0]:
            best = (abs(delta), year)
    return best[1] if best else anchor.year


def previous_quarter(anchor: date) -> str:
    """The last quarter completed before ``anchor``: 2009-Q3 for any day of October 2009."""
    earlier = anchor.replace(day=1) - timedelta(days=80)
    return f"{earlier.year}-Q{quarter_of(earlier)}"


def quarter_of(day: date) -> int:
    """1-4."""
    return (day.month - 1) // 3 + 1


def quarter_year(anchor: date, quarter: int, tense: Tense | None) -> int:
    """The year of 'the third quarter': the latest one begun in the past tense, next one in the future.

    A future clause reaches into next year only for a quarter more than one back: 'third-quarter results
    will be released' in October is this year's third quarter, just ended.
    """
    current = quarter_of(anchor)
    if tense == "future" and quarter < current - 1:
        return anchor.year + 1
    if tense == "past" and quarter > current:
        return anchor.year - 1
    return anchor.year


_SEASON_MONTHS = {"SP": (3, 5), "SU": (6, 8), "FA": (9, 11), "WI": (12, 2)}


def season_year(anchor: date, season: str, tense: Tense | None, relation: str | None) -> int:
    """The year of a season named without one."""
    first, last = _SEASON_MONTHS[season]
    if relation == "this":
        return anchor.year
    if relation in ("last", "past", "previous"):
        return anchor.year if season != "WI" and last < anchor.month else anchor.year - 1
    if relation in ("next", "coming", "following"):
        return anchor.year if season != "WI" and first > anchor.month else anchor.year + 1
    if tense == "past" and first > anchor.month and season != "WI":
        return anchor.year - 1
    if tense == "future" and last < anchor.month and season != "WI":
        return anchor.year + 1
    return anchor.year
