"""Why two aligned claims of different sources disagree, or None when they are compatible.

Checked from the claims' own fields, most specific first:

- **numbers**: quantities of the same unit ("156 seats" vs "157 seats", "13 percent" vs "12%", "two
  countries" vs "three") that no rounding or qualifier reconciles. "$1.37 trillion" and "roughly $1.4
  trillion", "more than 15,000" and "15,299", "at least three" and "four" are compatible;
- **dates**: different weekdays, or different calendar values at the same granularity;
- **times of day**: "Sunday afternoon" against "Sunday night";
- **lists**: coordinated lists of different length ("France and Spain" vs "France, Spain and Italy");
- **claim against denial**: a named speaker's claim against an explicit denial of that same claim (the
  same verb and a shared core: :func:`same_statement`), or one report saying not what another says.

Only claims about the same thing are compared: numbers, dates and lists need the two claims to share a
core word of who or what (:func:`.align.core`), so two figures about two things never conflict.
Percentages that are complements ("about 25% was not captured" and "about 75% had been captured") and a
figure inside another report's range ("between 10 and 20" and "15") agree.
"""

from __future__ import annotations

import math
import re

from ..model import Claim
from .align import core
from .text import _DEFAULTS

__all__ = ["compatible", "conflict", "same_statement"]

WEEKDAYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
DAYPARTS = {"morning": "morning", "afternoon": "afternoon", "evening": "evening", "night": "evening",
            "overnight": "evening", "midday": "afternoon", "noon": "afternoon", "tonight": "evening"}
_WORD = re.compile(r"[a-z]+")
_CALENDAR = re.compile(r"^\d{4}(?:-\d{2}){0,2}$")
_UNCOUNTED = frozenset({"", "ordinal", "time", "year", "y"})


def _place(value: float) -> float:
    """The place of the last significant digit: 1.4e12 -> 1e11, 157 -> 1, 200000 -> 1e5."""
    if value == 0:
        return 1.0
    place = 10 ** math.floor(math.log10(abs(value)))
    while place >= 1e-6 and abs(value / place - round(value / place)) > 1e-6:
        place /= 10
    return place


def compatible(a: tuple[float, str, str], b: tuple[float, str, str],
               tolerance: float = _DEFAULTS.approx_tolerance) -> bool:
    """Can both figures be true of one quantity, given rounding and qualifiers ("more than", "about"),
    an approximate or upper-bound figure within ``tolerance`` (relative)?"""
    (x, _, qa), (y, _, qb) = a, b
    if x == y:
        return True
    for (v, q), (w, _) in (((x, qa), (y, qb)), ((y, qb), (x, qa))):
        if q == "min" and w >= v or q == "max" and w <= v and w >= v * (1 - tolerance):
            return True
        if q == "approx" and abs(w - v) <= tolerance * v:
            return True
    coarse = max(_place(x), _place(y))
    return abs(x - y) <= coarse / 2


def _complements(mine: list[tuple[float, str, str]], theirs: list[tuple[float, str, str]],
                 tolerance: float) -> bool:
    """Two shares that add up to the whole: "25 % not captured" and "75 % captured" say one thing."""
    return any(abs(x[0] + y[0] - 100.0) <= max(1.0, tolerance * 100 if "approx" in (x[2], y[2]) else 1.0)
               for x in mine for y in theirs)


def _in_range(mine: list[tuple[float, str, str]], theirs: list[tuple[float, str, str]]) -> bool:
    """One side gives a range ("between 10 and 20"), the other a figure inside it."""
    for span, point in ((mine, theirs), (theirs, mine)):
        if len(span) >= 2 and any(min(q[0] for q in span) <= p[0] <= max(q[0] for q in span) for p in point):
            return True
    return False


def _numbers(a: Claim, b: Claim, tolerance: float) -> str | None:
    units = {q[1] for q in a.quantities} & {q[1] for q in b.quantities} - _UNCOUNTED
    bare_a, bare_b = [q for q in a.quantities if not q[1]], [q for q in b.quantities if not q[1]]
    if len(bare_a) == len(bare_b) == 1 and min(bare_a[0][0], bare_b[0][0]) >= 1000:
        units.add("")  # "a revised 6.9 million" vs "revised upward to 6.8 million": one big bare figure each
    for unit in sorted(units):  # sorted: the reason must not depend on the hash seed
        # a bare figure may be the same quantity badly attached ("157 of 338 seats" puts "seats" on 338)
        mine = [q for q in a.quantities if q[1] in (unit, "")]
        theirs = [q for q in b.quantities if q[1] in (unit, "")]
        if any(compatible(x, y, tolerance) for x in mine for y in theirs) or _in_range(mine, theirs):
            continue
        if unit == "%" and _complements(mine, theirs, tolerance):
            continue
        shown = ", ".join(sorted({n for n in a.numbers if n.endswith(unit)}))
        other = ", ".join(sorted({n for n in b.numbers if n.endswith(unit)}))
        return f"different numbers ({unit}): {shown} vs {other}"
    return None


def _words(claim: Claim) -> set[str]:
    return set(_WORD.findall(claim.text.lower()))


def _dates(a: Claim, b: Claim) -> str | None:
    days_a, days_b = _words(a) & set(WEEKDAYS), _words(b) & set(WEEKDAYS)
    if days_a and days_b and not days_a & days_b:
        return f"different dates: {', '.join(sorted(days_a))} vs {', '.join(sorted(days_b))}"
    cal_a = {v for v in a.times if _CALENDAR.match(v)}
    cal_b = {v for v in b.times if _CALENDAR.match(v)}
    same_grain = {len(v) for v in cal_a} & {len(v) for v in cal_b}
    for grain in same_grain:
        x, y = {v for v in cal_a if len(v) == grain}, {v for v in cal_b if len(v) == grain}
        if not x & y:
            return f"different dates: {', '.join(sorted(x))} vs {', '.join(sorted(y))}"
    parts_a = {DAYPARTS[w] for w in _words(a) if w in DAYPARTS}
    parts_b = {DAYPARTS[w] for w in _words(b) if w in DAYPARTS}
    if parts_a and parts_b and not parts_a & parts_b:
        return f"different times of day: {', '.join(sorted(parts_a))} vs {', '.join(sorted(parts_b))}"
    return None


def _lists(a: Claim, b: Claim) -> str | None:
    if len(a.items) >= 2 and len(b.items) >= 2 and len(a.items) != len(b.items):
        shared = {i.lower() for i in a.items} & {i.lower() for i in b.items}
        if shared:
            return f"different lists: {len(a.items)} ({', '.join(a.items)}) vs {len(b.items)} " \
                   f"({', '.join(b.items)})"
    return None


def _denied(claim: Claim) -> bool:
    return claim.negated or claim.modality == "denied"


def same_statement(a: Claim, b: Claim) -> bool:
    """Do two claims say (or deny) the same thing: the same verb and another shared core word?"""
    return a.predicate is not None and a.predicate == b.predicate and len(core(a) & core(b)) >= 2


def _denial(a: Claim, b: Claim) -> str | None:
    if _denied(a) == _denied(b) or not same_statement(a, b):
        return None
    no, yes = (a, b) if _denied(a) else (b, a)
    if no.asserted_by and yes.asserted_by and no.asserted_by.lower() != yes.asserted_by.lower():
        return f"claim against denial: {yes.asserted_by} says so, {no.asserted_by} denies it"
    return f"one report says not: '{no.text}' vs '{yes.text}'"


def _complementary(a: Claim, b: Claim) -> bool:
    """One says what share was not, the other what share was: "25 % not captured", "75 % captured"."""
    mine = [q for q in a.quantities if q[1] == "%"]
    theirs = [q for q in b.quantities if q[1] == "%"]
    return _denied(a) != _denied(b) and bool(mine and theirs) and _complements(mine, theirs, _DEFAULTS.approx_tolerance)


def _about_one_thing(a: Claim, b: Claim) -> bool:
    """Figures, dates and lists are only compared when the claims share a word of who or what."""
    return bool(core(a) & core(b))


def conflict(a: Claim, b: Claim, score: float, strong: float,
             tolerance: float = _DEFAULTS.approx_tolerance) -> str | None:
    """The reason aligned claims ``a`` and ``b`` disagree; the polarity check needs ``score >= strong``."""
    if not _about_one_thing(a, b) or _complementary(a, b):
        return None
    why = _numbers(a, b, tolerance) or _dates(a, b) or _lists(a, b)
    if why:
        return why
    return _denial(a, b) if score >= strong else None
