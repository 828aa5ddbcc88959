"""The rule type shared by every rule module: a regex, a TIMEX3 type and a resolver.

A rule's regex finds candidates; when it has a group named ``x`` that group is the extent (the rest is
context that must be there but is not part of the expression, e.g. the "in" of "in May"). The resolver
turns the match and a :class:`~.calendar.Context` into a :class:`Found`: a value, or None with a reason.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from typing import Literal

from .calendar import Context

__all__ = ["NO_ANCHOR", "Found", "Resolver", "Rule", "TimexType", "fmt", "rule", "word_before"]

TimexType = Literal["DATE", "TIME", "DURATION", "SET"]
NO_ANCHOR = "no publication date to anchor to"


@dataclass(frozen=True, slots=True)
class Found:
    """A resolved expression: its TIMEX3 type, value (None when unresolved) and why."""

    type: TimexType
    value: str | None
    why: str


Resolver = Callable[[re.Match[str], Context], Found]


@dataclass(frozen=True, slots=True)
class Rule:
    """One extraction pattern and the resolver for what it matches."""

    name: str
    pattern: re.Pattern[str]
    resolve: Resolver
    #: Resolved against the clause's tense (weekdays, bare months...): the tagger computes it only then.
    tensed: bool = False
    #: A check on the match and its surroundings that the regex cannot express; False drops the match.
    accept: Callable[[re.Match[str]], bool] | None = None

    def extent(self, match: re.Match[str]) -> tuple[int, int]:
        """Character offsets of the expression itself (group ``x`` when the pattern has one)."""
        if "x" in self.pattern.groupindex and match.group("x") is not None:
            return match.span("x")
        return match.span()


def rule(
    name: str,
    pattern: str,
    resolve: Resolver,
    *,
    tensed: bool = False,
    case: bool = False,
    accept: Callable[[re.Match[str]], bool] | None = None,
) -> Rule:
    """Build a rule; patterns ignore case unless ``case`` (month names, where "May" must be capital)."""
    flags = 0 if case else re.IGNORECASE
    return Rule(name, re.compile(pattern, flags), resolve, tensed, accept)


_WORD_BEFORE = re.compile(r"([\w'’.-]+)\W*$")


def word_before(match: re.Match[str], start: int | None = None) -> str:
    """The word just before ``start`` (default: the match), as written; '' at the start of the text."""
    begin = match.start() if start is None else start
    found = _WORD_BEFORE.search(match.string, max(0, begin - 40), begin)
    return found.group(1) if found else ""


def fmt(day: date) -> str:
    """TIMEX3 day value."""
    return day.isoformat()
