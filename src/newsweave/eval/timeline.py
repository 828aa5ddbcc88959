"""The SemEval-2015 Task 4 (TimeLine) score: temporal awareness over the relations a timeline implies.

A timeline is a list of lines ``(rank, date, events)``, as in the task's files: rank 0 holds events
that are not ordered, a date is ``YYYY-MM-DD`` with ``XX`` for what is unknown. Following the task's
description of its tool, each timeline becomes a graph: every event is SIMULTANEOUS with its date (a
TIMEX3) when the date is known; events of one rank are SIMULTANEOUS with each other; an event of a
lower rank is BEFORE every event of a higher one. Temporal awareness (UzZaman and Allen, 2011; the
TempEval-3 metric) then gives precision = the share of the system's reduced relations found in the
closure of the gold ones, recall = the share of the gold reduced relations found in the closure of the
system's; the task reports the micro average over all target entities.

Written here because the official tool (Java/Python, built on the TempEval-3 scorer) is not in the data
folder. Deviations, all documented in :mod:`newsweave.eval.semeval`: the closure is the rank structure
itself (all same-rank pairs SIMULTANEOUS, all cross-rank pairs BEFORE) rather than a general interval
algebra closure; the reduced graph is a chain through each rank plus one BEFORE edge between the first
events of consecutive ranks; rank-0 events take part only through their dates and through events on
the same line; dates compare after trailing ``-XX`` parts are dropped (``2003-XX-XX`` = ``2003``).
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass

__all__ = ["Line", "TimelineScore", "normalise_date", "parse_timeline", "relations", "score_timelines"]

Relation = tuple[str, str, str]


@dataclass(frozen=True, slots=True)
class Line:
    """One line of a timeline file: its rank, date value and the event mentions on it."""

    rank: int
    date: str
    events: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class TimelineScore:
    """Micro-averaged counts and the resulting precision, recall and F1."""

    precision_hits: int
    system: int
    recall_hits: int
    gold: int

    @property
    def precision(self) -> float:
        return self.precision_hits / self.system if self.system else 0.0

    @property
    def recall(self) -> float:
        return self.recall_hits / self.gold if self.gold else 0.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0


def parse_timeline(text: str) -> tuple[str, list[Line]]:
    """The target entity (first line) and the lines of a task timeline file."""
    rows = [row for row in text.splitlines() if row.strip()]
    lines = []
    for row in rows[1:]:
        parts = row.strip().split("\t")
        lines.append(Line(int(parts[0]), parts[1], tuple(parts[2:])))
    return (rows[0].strip() if rows else ""), lines


def normalise_date(date: str) -> str | None:
    """``2003-XX-XX`` -> ``2003``; a date with no known year is None."""
    parts = date.split("-")
    while parts and "X" in parts[-1]:
        parts.pop()
    return "-".join(parts) if parts and "X" not in parts[0] else None


def _sim(a: str, b: str) -> Relation:
    return ("SIMULTANEOUS", *sorted((a, b)))  # type: ignore[return-value]


def _ranks(lines: Sequence[Line]) -> dict[int, list[str]]:
    ranks: dict[int, list[str]] = {}
    seen: set[str] = set()
    for line in lines:
        for event in line.events:
            if line.rank > 0 and event not in seen:
                ranks.setdefault(line.rank, []).append(event)
            seen.add(event)
    return dict(sorted(ranks.items()))


def _anchors(lines: Sequence[Line]) -> set[Relation]:
    out = set()
    for line in lines:
        date = normalise_date(line.date)
        for event in line.events:
            if date is not None:
                out.add(("SIMULTANEOUS", event, f"t:{date}"))
    return out


def _same_line(lines: Sequence[Line], closure: bool) -> set[Relation]:
    out: set[Relation] = set()
    for line in lines:
        events = list(dict.fromkeys(line.events))
        pairs = ([(a, b) for i, a in enumerate(events) for b in events[i + 1 :]] if closure
                 else list(zip(events, events[1:], strict=False)))
        out.update(_sim(a, b) for a, b in pairs if line.rank == 0)
    return out


def relations(lines: Sequence[Line], closure: bool) -> set[Relation]:
    """The timeline's relations: its closure (``closure=True``) or its reduced graph."""
    out = _anchors(lines) | _same_line(lines, closure)
    ranks = _ranks(lines)
    groups = list(ranks.values())
    for group in groups:
        members = sorted(group)
        pairs = ([(a, b) for i, a in enumerate(members) for b in members[i + 1 :]] if closure
                 else list(zip(members, members[1:], strict=False)))
        out.update(_sim(a, b) for a, b in pairs)
    for k, group in enumerate(groups):
        later = groups[k + 1 :] if closure else groups[k + 1 : k + 2]
        heads = group if closure else sorted(group)[:1]
        for other in later:
            tails = other if closure else sorted(other)[:1]
            out.update(("BEFORE", a, b) for a in heads for b in tails)
    return out


def score_timelines(pairs: Iterable[tuple[Sequence[Line], Sequence[Line]]]) -> TimelineScore:
    """Micro-averaged temporal awareness over (system, gold) timelines of the same target entities."""
    p_hits = n_sys = r_hits = n_gold = 0
    for system, gold in pairs:
        sys_reduced, sys_closure = relations(system, False), relations(system, True)
        gold_reduced, gold_closure = relations(gold, False), relations(gold, True)
        p_hits += len(sys_reduced & gold_closure)
        n_sys += len(sys_reduced)
        r_hits += len(gold_reduced & sys_closure)
        n_gold += len(gold_reduced)
    return TimelineScore(p_hits, n_sys, r_hits, n_gold)
