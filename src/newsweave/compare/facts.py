"""Facts across outlets: align the sentences of a story's articles, then call each group of aligned
sentences corroborated (two or more outlets), unique (one) or conflicting (aligned, but stating
different numbers). A first, sentence-level alignment; claims come later."""

from __future__ import annotations

from collections.abc import Sequence

from ..model import Conflict, Fact, Story, evolve
from ..pipeline import Stage, StoryContext
from .text import Unit, numbers, similarity, story_units

__all__ = ["STAGE", "align_facts"]

ALIGN = 0.35


def _groups(units: Sequence[Unit]) -> list[list[int]]:
    sim = similarity([u.text for u in units])
    parent = list(range(len(units)))

    def find(i: int) -> int:
        while parent[i] != i:
            i = parent[i]
        return i

    for i, unit in enumerate(units):
        best: dict[str, tuple[float, int]] = {}
        for j, other in enumerate(units):
            if other.span.article != unit.span.article and sim[i, j] >= ALIGN:
                if sim[i, j] > best.get(other.span.article, (0.0, -1))[0]:
                    best[other.span.article] = (float(sim[i, j]), j)
        for _score, j in best.values():
            parent[find(j)] = find(i)
    groups: dict[int, list[int]] = {}
    for i in range(len(units)):
        groups.setdefault(find(i), []).append(i)
    return sorted(groups.values(), key=lambda g: (-len({units[i].outlet for i in g}), g[0]))


def _fact(n: int, members: Sequence[Unit]) -> Fact:
    outlets = {u.outlet for u in members}
    head = members[0]
    conflicts = []
    head_numbers = numbers(head.text)
    for other in members[1:]:
        theirs = numbers(other.text)
        if other.outlet != head.outlet and head_numbers and theirs and head_numbers.isdisjoint(theirs):
            why = f"different numbers: {head.outlet} says {', '.join(sorted(head_numbers))}; " \
                  f"{other.outlet} says {', '.join(sorted(theirs))}"
            conflicts.append(Conflict(other.span, why))
    status = "conflicting" if conflicts else ("corroborated" if len(outlets) > 1 else "unique")
    return Fact(f"f{n}", head.text, status, tuple(u.span for u in members), len(outlets), tuple(conflicts))


def align_facts(story: Story, context: StoryContext) -> Story:
    units = story_units(story, context.articles)
    facts = [_fact(n, [units[i] for i in group]) for n, group in enumerate(_groups(units), 1)]
    return evolve(story, facts=tuple(facts))


STAGE = Stage("facts", align_facts, frozenset({"segments"}), frozenset({"facts"}),
              "Sentences aligned across outlets: corroborated, unique or conflicting.")
