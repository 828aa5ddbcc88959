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
figure inside another report's range ("between 10 and 20" and "15") agree; so do a count that includes
the attacker and one that does not ("four dead including the gunman", "killed three"). A forecast is not
the figure it forecasts ("expectations of 190,000 jobs" against "added 250,000 jobs"), and a sentence
giving several figures of one unit (three indexes' gains) is not compared figure by figure.

Two sentences that were *not* aligned can still conflict (:func:`clash`, used by :mod:`.facts` across
fact groups), under stricter rules: a count of the same thing ("seven villages flattened", "four villages
destroyed": the same unit and the same kind of event, :data:`EVENTS`) about the same named things (no
name of one missing from the other's when both name any), or a claim against an explicit denial of it
(one sentence denies or calls false what the other states, and they share three words of what happened
and a name).
"""

from __future__ import annotations

import math
import re
from collections.abc import Sequence
from functools import lru_cache

from ..model import Claim
from .align import Member, _stems, core
from .text import _DEFAULTS, FactsConfig

__all__ = ["EVENTS", "clash", "clash_candidates", "compatible", "conflict", "count_clash", "denial_clash", "denies",
           "same_event", "same_statement"]

WEEKDAYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
DAYPARTS = {"morning": "morning", "afternoon": "afternoon", "evening": "evening", "night": "evening",
            "overnight": "evening", "midday": "afternoon", "noon": "afternoon", "tonight": "evening"}
_WORD = re.compile(r"[a-z]+")
_CALENDAR = re.compile(r"^\d{4}(?:-\d{2}){0,2}$")
_UNCOUNTED = frozenset({"", "ordinal", "time", "year", "y"})
_INCLUDING = re.compile(r"\bincluding (?:the |an? )?(?:gunman|shooter|assailant|attacker|bomber|suspect|perpetrator|"
                        r"hijacker|driver|pilot)s?\b", re.IGNORECASE)
_FORECAST = re.compile(r"\b(?:expectations? (?:of|for)|expected to|forecast\w*|predict\w*|projected|estimates? of|"
                       r"economists? (?:polled|surveyed))", re.IGNORECASE)
#: Kinds of event whose verbs name one thing (two counts of villages "flattened" and "destroyed" are
#: counts of one thing); stems cut like :func:`.align.core` (first five letters).
EVENTS: tuple[frozenset[str], ...] = tuple(frozenset(w[:5] for w in group.split()) for group in (
    "kill killed killing dead death deaths die died dying slain slay fatal",
    "injure injured injuring injury injuries hurt wound wounded wounding",
    "destroy destroyed flatten flattened level levelled leveled raze razed demolish demolished collapse",
    "damage damaged cut severed sever break broke broken",
    "arrest arrested detain detained capture captured nab nabbed custody apprehend apprehended",
    "miss missed missing",
    "fall fell fallen falling plunge plunged",
    "win won winning secure secured",
))


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
    if max(abs(x), abs(y)) < 100 and x == int(x) and y == int(y):
        return False  # "50 people" and "49 people": small counts are exact, not rounded
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
    if bool(_FORECAST.search(a.text)) != bool(_FORECAST.search(b.text)):
        return None  # a forecast against the figure it forecast
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
        both = {q[0] for q in mine} & {q[0] for q in theirs}  # "of 338 seats" on both sides
        mine, theirs = [q for q in mine if q[0] not in both], [q for q in theirs if q[0] not in both]
        if len({q[0] for q in mine}) != 1 or len({q[0] for q in theirs}) != 1:
            continue  # several figures of one unit (three indexes' gains): no pairing
        if (_INCLUDING.search(a.text) or _INCLUDING.search(b.text)) and abs(mine[0][0] - theirs[0][0]) <= 1:
            continue  # "four dead including the gunman" and "killed three"
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
    why = (None if _different_events(a, b) else _numbers(a, b, tolerance)) or _lists(a, b)
    if why:
        return why
    if score < strong:
        return None  # a weekday or a denial only counts between strongly aligned claims
    return _dates(a, b) or _denial(a, b)


# --- sentences that were not aligned ------------------------------------------------------------------

_CAPITAL = re.compile(r"\b[A-Z][a-z]+")
_GENERIC_NAMES = frozenset({
    "The", "A", "An", "He", "She", "It", "They", "We", "His", "Her", "Their", "On", "In", "At", "But", "And",
    "Mr", "Mrs", "Ms", "Dr", "Sen", "Rep", "Gov", "President", "Monday", "Tuesday", "Wednesday", "Thursday",
    "Friday", "Saturday", "Sunday", "No", "Yes", "According", "Officials", "Police",
})
_DENIAL = re.compile(r"\b(?:den(?:y|ies|ied|ying)|reject(?:s|ed)?|refut\w*|dismiss(?:es|ed)?|false(?:ly)?|untrue|"
                     r"not true|debunk\w*|fiction|did not happen|didn[’']t happen|never happened|no evidence)\b",
                     re.IGNORECASE)
_LIGHT = frozenset({"be", "have", "do", "get", "make", "take", "give", "go", "come", "say", "tell", "’", "'s"})
_DENY_VERBS = frozenset({"deny", "reject", "dismiss", "refute", "dispute", "disavow", "contradict"})
_NOT_ACTION = frozenset(w[:5] for w in (
    "report reports reported claim claims claimed allegation allegations alleged accusation accused accuse deny "
    "denied denies denial false falsely true untrue said says say told tell according statement news story "
    "media sources source official officials people also would could").split())


@lru_cache(maxsize=16384)
def _names(text: str) -> frozenset[str]:
    """Capitalised words that name someone or something (not sentence openers, weekdays, titles); remembered,
    as a sentence is compared with many."""
    return frozenset(m.group() for m in _CAPITAL.finditer(text) if m.start() > 0 and m.group() not in _GENERIC_NAMES)


def _claim_names(claim: Claim) -> frozenset[str]:
    return _names(" ".join(filter(None, (claim.subject, claim.object, *claim.places))))


def _events(claim: Claim) -> set[int]:
    stem = (claim.predicate or "")[:5].lower()
    return {i for i, group in enumerate(EVENTS) if stem and stem in group}


def _different_events(a: Claim, b: Claim) -> bool:
    """Verbs of two different known kinds ("killed" and "injured"): counts of two different things."""
    kinds_a, kinds_b = _events(a), _events(b)
    return bool(kinds_a and kinds_b and not kinds_a & kinds_b)


def same_event(a: Claim, b: Claim) -> bool:
    """Do two claims tell of one kind of event: the same content verb ("be", "have" do not count) or verbs
    of one kind (:data:`EVENTS`)? Claims without a parsed verb are given the benefit of the doubt."""
    if a.predicate is None or b.predicate is None:
        return True
    return (a.predicate == b.predicate and a.predicate not in _LIGHT) or bool(_events(a) & _events(b))


def count_clash(a: Claim, b: Claim, tolerance: float = _DEFAULTS.approx_tolerance,
                ratio: float = _DEFAULTS.clash_ratio) -> str | None:
    """Two counts of one thing in two sentences that were not aligned: the same counted unit, the same
    event (one verb, or verbs of one kind: :data:`EVENTS`), no named thing of one missing from the other
    when both name any, no different calendar dates, and figures within ``ratio`` of each other (a figure
    many times another is more likely another quantity than a disagreement)."""
    units = {q[1] for q in a.quantities} & {q[1] for q in b.quantities} - _UNCOUNTED
    if not units or a.predicate is None or b.predicate is None or not same_event(a, b):
        return None
    names_a, names_b = _claim_names(a), _claim_names(b)
    if names_a and names_b and (names_a - names_b or names_b - names_a):
        return None
    if {v for v in a.times if _CALENDAR.match(v)} ^ {v for v in b.times if _CALENDAR.match(v)}:
        return None
    for unit in sorted(units):
        x = [q[0] for q in a.quantities if q[1] == unit]
        y = [q[0] for q in b.quantities if q[1] == unit]
        if len(x) == len(y) == 1 and min(x[0], y[0]) > 0 and max(x[0], y[0]) / min(x[0], y[0]) > ratio:
            return None
    return _numbers(a, b, tolerance)


@lru_cache(maxsize=16384)
def _says_false(text: str) -> bool:
    """Does the text hold a word of denial (:data:`_DENIAL`)? Remembered: a sentence is asked once for each
    sentence it is compared with."""
    return bool(_DENIAL.search(text))


def denies(text: str, claims: tuple[Claim, ...]) -> bool:
    """Does a sentence deny something or call it false ("denied the report", "that was a false report")?"""
    return _says_false(text) or any(
        c.modality == "denied" or (c.predicate or "") in _DENY_VERBS for c in claims)


def _action(text: str, claims: tuple[Claim, ...]) -> set[str]:
    plain = text
    for speaker in sorted({c.asserted_by for c in claims if c.asserted_by}, key=lambda s: (-len(s), s)):
        plain = plain.replace(speaker, " ")
    return {w for w in _stems(_CAPITAL.sub(" ", plain)) if w not in _NOT_ACTION}


def _denied_words(text: str, claims: tuple[Claim, ...]) -> str:
    """What a sentence denies: the text of its denial claims ("X denied signing agreements with Y"), not
    the rest of the sentence ("... amid warnings over arms deals"), which a denial does not reach; the
    whole sentence when no claim carries the denial (e.g. "that report is false")."""
    denial = [c.text for c in claims if c.modality == "denied" or (c.predicate or "") in _DENY_VERBS]
    return " ".join(denial) if denial else text


def denial_clash(a_text: str, a_claims: tuple[Claim, ...], b_text: str, b_claims: tuple[Claim, ...],
                 least: int = 3) -> str | None:
    """One sentence denies (or calls false) what another states: the other neither denies nor negates,
    they share ``least`` words of what happened and a name."""
    for no, no_claims, yes, yes_claims in ((a_text, a_claims, b_text, b_claims), (b_text, b_claims, a_text, a_claims)):
        if not denies(no, no_claims) or denies(yes, yes_claims) or any(c.negated for c in yes_claims):
            continue
        shared = _action(_denied_words(no, no_claims), no_claims) & _action(yes, yes_claims)
        if len(shared) >= least and _names(no) & _names(yes):
            # both sentences are shown beside the reason, so it names the kind of clash, not the texts
            return "claim against denial: one report denies what the other states"
    return None


def clash(a_text: str, a_claims: tuple[Claim, ...], b_text: str, b_claims: tuple[Claim, ...],
          config: FactsConfig = _DEFAULTS) -> str | None:
    """Why two sentences that were not aligned disagree (:func:`count_clash` on their claims, then
    :func:`denial_clash`), or None."""
    for x in a_claims:
        for y in b_claims:
            why = count_clash(x, y, config.approx_tolerance, config.clash_ratio)
            if why:
                return why
    return denial_clash(a_text, a_claims, b_text, b_claims, config.denial_words)


def _count_units(claims: tuple[Claim, ...]) -> set[str]:
    """The counted units of a sentence's claims that :func:`count_clash` could compare (a claim with a verb)."""
    return {q[1] for c in claims if c.predicate is not None for q in c.quantities} - _UNCOUNTED


def clash_candidates(units: Sequence[Member]) -> list[tuple[int, int]]:
    """The pairs ``(i, j)``, ``i < j``, of ``units`` that :func:`clash` could find disagreeing, in order; every
    other pair it finds agreeing. Two counts clash only when their sentences count one unit, a denial only
    when one sentence denies, the other does not (nor negates) and they share a name: pairs are drawn from
    those buckets, so a big story is not compared all against all."""
    pairs: set[tuple[int, int]] = set()
    by_unit: dict[str, list[int]] = {}
    by_name: dict[str, list[int]] = {}
    deniers: list[tuple[int, frozenset[str]]] = []
    for i, unit in enumerate(units):
        for counted in _count_units(unit.claims):
            by_unit.setdefault(counted, []).append(i)
        names = _names(unit.text)
        if denies(unit.text, unit.claims):
            deniers.append((i, names))
        elif not any(c.negated for c in unit.claims):
            for name in names:
                by_name.setdefault(name, []).append(i)
    for bucket in by_unit.values():
        pairs.update((a, b) for n, a in enumerate(bucket) for b in bucket[n + 1 :])
    for i, names in deniers:
        for name in names:
            pairs.update((min(i, j), max(i, j)) for j in by_name.get(name, ()))
    return sorted(pairs)
