"""Facts across outlets: the claims of a story's articles aligned, each group called corroborated (two
or more independent sources), unique (one) or conflicting (aligned, but disagreeing on a number, a date,
a time of day, a list, or one denying what another affirms; see :mod:`.conflicts`).

Alignment is :mod:`.align` (sentences by TF-IDF similarity and mutual best matches, near-identical
copies counted as one source); the claims inside two aligned sentences are then paired by similarity
and compared. No entailment model is used: a conflict is only ever called from the claims' own fields, and
the polarity check (claim against denial) only between strongly aligned claims, because a loose
alignment of an affirmed and a negated claim is far more often two different statements than a
contradiction.
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np

from ..model import Claim, Conflict, Fact, FactStatus, Story, evolve
from ..pipeline import Context, Stage
from .align import Member, group_members, members
from .conflicts import conflict
from .text import FactsConfig, similarity

__all__ = ["STAGE", "FactsConfig", "align_facts", "facts_of"]


class _ClaimSimilarity:
    """TF-IDF similarity of every pair of claims in a story, fitted once per story (fitting a
    vectorizer per pair of sentences cost seconds on a story of forty articles)."""

    def __init__(self, units: Sequence[Member]) -> None:
        claims = [c for m in units for c in m.claims]
        self.row = {c.id: i for i, c in enumerate(claims)}
        self.sim = similarity([c.text for c in claims]) if claims else np.zeros((0, 0))

    def pairs(self, a: Member, b: Member, least: float) -> list[tuple[Claim, Claim, float]]:
        """Claims of two aligned sentences paired by similarity, best first (at least ``least``)."""
        row = self.row
        pairs = [(ca, cb, float(self.sim[row[ca.id], row[cb.id]])) for ca in a.claims for cb in b.claims]
        return sorted((p for p in pairs if p[2] >= least), key=lambda p: -p[2])


def _conflicts(group: Sequence[int], units: Sequence[Member], claim_sim: _ClaimSimilarity,
               config: FactsConfig) -> list[Conflict]:
    found: list[Conflict] = []
    for a in group:
        for b in group:
            if b <= a or units[a].source == units[b].source:
                continue
            for ca, cb, score in claim_sim.pairs(units[a], units[b], config.claim_align):
                why = conflict(ca, cb, score, config.polarity_strength, config.approx_tolerance)
                if why:
                    found.append(Conflict(cb.span, f"{why} ({units[a].outlet} vs {units[b].outlet})"))
                    break
    return found


def _head(group: Sequence[int], units: Sequence[Member]) -> Member:
    """The member that says it best: the longest of the first source's members."""
    first = units[group[0]].source
    return max((units[i] for i in group if units[i].source == first), key=lambda m: len(m.text))


def _fact(n: int, group: Sequence[int], units: Sequence[Member], claim_sim: _ClaimSimilarity,
          config: FactsConfig) -> Fact:
    chosen = [units[i] for i in group]
    sources = len({m.source for m in chosen})
    outlets = tuple(dict.fromkeys(m.outlet for m in chosen))
    conflicts = tuple(_conflicts(group, units, claim_sim, config))
    status: FactStatus = "conflicting" if conflicts else ("corroborated" if sources > 1 else "unique")
    claims = tuple(c.id for m in chosen for c in m.claims)
    return Fact(f"f{n}", _head(group, units).text, status, tuple(m.span for m in chosen), sources,
                conflicts, outlets, claims)


def facts_of(story: Story, context: Context) -> tuple[Fact, ...]:
    config = context.settings.of(FactsConfig)
    units = members(story, context.articles, config)
    if not units:
        return ()
    groups, _sim = group_members(units, config)
    claim_sim = _ClaimSimilarity(units)
    return tuple(_fact(n, group, units, claim_sim, config) for n, group in enumerate(groups, 1))


def align_facts(story: Story, context: Context) -> Story:
    return evolve(story, facts=facts_of(story, context))


STAGE: Stage[Story] = Stage(
    name="facts", kind="story", func=align_facts,
    requires=frozenset({"segments", "copies", "articles.sentences", "articles.claims"}),
    provides=frozenset({"facts"}), config=FactsConfig,
    help="Claims aligned across outlets: corroborated (independent sources), unique or conflicting.",
)
