"""Time expressions: a rule-based temporal tagger and normaliser for English news (HeidelTime-style).

:func:`find_times` finds dates, times, durations and sets in an article's text and gives each a TIMEX3
value anchored to the publication date: "on Wednesday" in a report published Friday 2023-09-15 is
2023-09-13 in a past-tense clause and 2023-09-20 in a future one; "a five-hour meeting" is PT5H; "every
day" is P1D. Expressions that cannot be resolved keep a null value and say why ("no publication date to
anchor to", "ambiguous: ...").

The rules live in :mod:`newsweave.analyse.timex`. Overlapping candidates are settled longest first;
the clause's tense comes from the spaCy parse when one is given, otherwise from nearby words.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from datetime import date

from spacy.tokens import Doc

from ..model import Article, Span, TimeExpression, evolve
from ..pipeline import Context as StageContext
from ..pipeline import Stage
from .arrays import text_of
from .happenings import happenings
from .nlp import parse
from .timex import RULES, STARTS
from .timex.base import NO_ANCHOR, Found, Rule
from .timex.calendar import Context, Tense
from .timex.tense import tense_from_doc, tense_from_text

__all__ = ["STAGE", "find_times", "parse_published"]

_ANCHOR_YEARS = (1000, 9000)
_CALENDAR_VALUE = re.compile(r"^\d{4}(?:-\d{2})?(?:-\d{2})?$")
_QUARTER_VALUE = re.compile(r"^\d{4}-Q[1-4]$")
#: Rules that name a quarter themselves ("the third quarter", "Q3 2009"): what "a year earlier" counts from.
_QUARTER_RULES = frozenset({"quarter", "quarter-code"})


def parse_published(published: str | None) -> tuple[date | None, str | None]:
    """The anchor date from an ISO publication date (a time part is ignored), and why when there is none.

    A date near the ends of the calendar (year 1, year 9999) is no anchor: counting from it leaves the
    calendar, and no report was published then.
    """
    if not published:
        return None, NO_ANCHOR
    try:
        anchor = date.fromisoformat(published.strip()[:10])
    except ValueError:
        return None, f"{NO_ANCHOR} (published {published!r} is not YYYY-MM-DD)"
    if not _ANCHOR_YEARS[0] <= anchor.year <= _ANCHOR_YEARS[1]:
        return None, f"{NO_ANCHOR} (published {published!r} is outside years {_ANCHOR_YEARS[0]}-{_ANCHOR_YEARS[1]})"
    return anchor, None


def _candidates(text: str) -> list[tuple[int, int, int, re.Match[str]]]:
    """Every rule match as (start, end, rule index, match), empty extents dropped."""
    found = []
    for index, (rule, matches) in enumerate(zip(RULES, STARTS.matches(text), strict=True)):
        for match in matches:
            start, end = rule.extent(match)
            if end > start and (rule.accept is None or rule.accept(match)):
                found.append((start, end, index, match))
    return found


def _select(found: list[tuple[int, int, int, re.Match[str]]]) -> list[tuple[int, int, int, re.Match[str]]]:
    """Non-overlapping candidates, longest first, then the earlier rule; returned in text order."""
    chosen: list[tuple[int, int, int, re.Match[str]]] = []
    starts: list[int] = []  # of the chosen extents, which never overlap: kept sorted, so ends are sorted too
    ends: list[int] = []
    for candidate in sorted(found, key=lambda c: (c[0] - c[1], c[2], c[0])):
        start, end = candidate[0], candidate[1]
        k = bisect_left(starts, end)  # the chosen extents before k start before this one ends
        if k and ends[k - 1] > start:
            continue  # the last of them overlaps it
        starts.insert(k, start)
        ends.insert(k, end)
        chosen.append(candidate)
    return sorted(chosen, key=lambda c: c[0])


_PREPOSITION = re.compile(r"\b(since|until|till|by)\s+(?:the\s+)?$", re.IGNORECASE)


def _tense(rule: Rule, text: str, start: int, end: int, doc: Doc | None) -> Tense | None:
    """The clause's tense, overridden by a preposition: 'since' looks back, 'until' and 'by' forward."""
    if not rule.tensed:
        return None
    if doc is not None:
        tense = tense_from_doc(doc, start, end) or tense_from_text(text, start, end)
    else:
        tense = tense_from_text(text, start, end)
    preposition = _PREPOSITION.search(text, max(0, start - 12), start)
    if preposition and preposition.group(1).lower() == "since":
        return "past"
    if preposition and tense != "past":
        return "future"
    return tense


def _resolve(rule: Rule, match: re.Match[str], context: Context, no_anchor: str | None) -> Found:
    found = rule.resolve(match, context)
    if found.value is None and found.why == NO_ANCHOR and no_anchor:
        return Found(found.type, None, no_anchor)
    return found


def find_times(
    article_id: str, text: str, published: str | None, doc: Doc | None = None
) -> tuple[TimeExpression, ...]:
    """Time expressions in ``text``, in text order and non-overlapping, with TIMEX3 values.

    ``published`` is the ISO publication date (YYYY-MM-DD) every relative expression is anchored to;
    ``doc`` an optional spaCy parse of exactly ``text``, used for the tense of each clause.
    """
    if doc is not None and text_of(doc) != text:
        doc = None
    return _tag(article_id, text, published, doc)


def _tag(article_id: str, text: str, published: str | None, doc: Doc | None) -> tuple[TimeExpression, ...]:
    """:func:`find_times` with ``doc`` None or known to be the parse of ``text``."""
    anchor, no_anchor = parse_published(published)
    last: str | None = None
    quarter: str | None = None
    times = []
    for start, end, index, match in _select(_candidates(text)):
        rule = RULES[index]
        context = Context(anchor, _tense(rule, text, start, end, doc), last, quarter)
        found = _resolve(rule, match, context, no_anchor)
        if found.type == "DATE" and found.value and _CALENDAR_VALUE.match(found.value):
            last, quarter = found.value, None
        elif rule.name in _QUARTER_RULES and found.value and _QUARTER_VALUE.match(found.value):
            quarter = found.value
        span = Span(article_id, start, end)
        times.append(TimeExpression(span, text[start:end], found.type, found.value, found.why))
    return tuple(times)


def _times(article: Article, context: StageContext) -> Article:
    published = article.published.value if article.published else None
    # the parse of exactly the article's text (spaCy keeps every character), so not checked against it here
    doc = parse(article, context.settings.spacy_model)
    return evolve(article, times=happenings(doc, _tag(article.id, article.text, published, doc)))


STAGE: Stage[Article] = Stage(
    name="times", kind="article", func=_times, requires=frozenset({"text"}), provides=frozenset({"times"}),
    # 2: a weekday that is the publication day says so ("weekday of publication"); 3: calendar dates carry
    # what their sentence says happened (model.Happening), for the story timeline
    version="3",
    help="Dates, times, durations and sets, with TIMEX3 values anchored to publication; each calendar date with "
         "what its sentence says happened.",
)
