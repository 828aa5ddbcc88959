"""Facts across outlets: the claims of a story's articles aligned, each group called corroborated (two
or more independent sources), partly corroborated (two or more, but one adds figures or dates the others
do not give, or states it plainly where another hedges it: ``Fact.detail`` says which), unique (one) or
conflicting (aligned, but disagreeing on a number, a date, a time of day, a list, or a claim against its
denial; see :mod:`.conflicts`). Reports of one outlet never conflict: a different figure in a later
report of the same source is an update (``Fact.updates``, in time order). A fact carries the modality of
its claims (``Fact.modality``: "hedged", "conditional", "attributed", or None for the outlet's own word).

Alignment is :mod:`.align` (sentences by TF-IDF similarity and mutual best matches, near-identical
copies counted as one source); the claims inside two aligned sentences are then paired by similarity
and compared. No entailment model is used: a conflict is only ever called from the claims' own fields, and
the polarity check (claim against denial) only between strongly aligned claims, because a loose
alignment of an affirmed and a negated claim is far more often two different statements than a
contradiction. Two reports that disagree often do not align at all ("flattening seven villages", "four
villages had been destroyed"; a report and its denial): sentences of two sources that clash under the
stricter rules of :func:`.conflicts.clash` (a count of one thing, a claim against its explicit denial)
join their facts, which are then conflicting with both spans and the reason.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence

import numpy as np

from ..group.unionfind import UnionFind
from ..model import Article, Claim, Conflict, Fact, FactStatus, Span, Story, evolve
from ..pipeline import Context, Stage
from .align import Member, group_members, members
from .conflicts import clash, clash_candidates, conflict
from .text import FactsConfig, similarity

__all__ = ["STAGE", "FactsConfig", "align_facts", "facts_of", "modality_of"]


class _ClaimSimilarity:
    """TF-IDF similarity of every pair of claims in a story, fitted once per story (fitting a
    vectorizer per pair of sentences cost seconds on a story of forty articles), and only when a pair is
    first asked for (a story of one source never asks)."""

    def __init__(self, units: Sequence[Member]) -> None:
        self.claims = [c for m in units for c in m.claims]
        self.row = {c.id: i for i, c in enumerate(self.claims)}
        self._sim: np.ndarray | None = None

    @property
    def sim(self) -> np.ndarray:
        if self._sim is None:
            self._sim = similarity([c.text for c in self.claims]) if self.claims else np.zeros((0, 0))
        return self._sim

    def pairs(self, a: Member, b: Member, least: float) -> list[tuple[Claim, Claim, float]]:
        """Claims of two aligned sentences paired by similarity, best first (at least ``least``)."""
        if not a.claims or not b.claims:
            return []
        row, sim = self.row, self.sim
        pairs = [(ca, cb, float(sim[row[ca.id], row[cb.id]])) for ca in a.claims for cb in b.claims]
        return sorted((p for p in pairs if p[2] >= least), key=lambda p: -p[2])


def _disagreements(group: Sequence[int], units: Sequence[Member], claim_sim: _ClaimSimilarity,
                   config: FactsConfig, same_source: bool) -> list[Conflict]:
    """Pairs of a group's members that disagree: of different sources (conflicts) or, with
    ``same_source``, of one source's different reports (updates; ``span`` is the later one once ordered)."""
    found: list[Conflict] = []
    for a in group:
        for b in group:
            if b <= a or (units[a].source == units[b].source) != same_source:
                continue
            if units[a].span.article == units[b].span.article:
                continue
            why, first, second = None, units[a].span, units[b].span
            for ca, cb, score in claim_sim.pairs(units[a], units[b], config.claim_align):
                why = conflict(ca, cb, score, config.polarity_strength, config.approx_tolerance)
                if why:
                    first, second = ca.span, cb.span
                    break
            why = why or _clash(units[a], units[b], config)
            if why:
                found.append(Conflict(second, f"{why} ({units[a].outlet} vs {units[b].outlet})", first))
    return found


def _clash(a: Member, b: Member, config: FactsConfig) -> str | None:
    return clash(a.text, a.claims, b.text, b.claims, config)


def _conflicting(topical: Sequence[tuple[int, int]], units: Sequence[Member], claim_sim: _ClaimSimilarity,
                 config: FactsConfig) -> list[tuple[int, int]]:
    """Pairs of units on one topic but not aligned (they do not say the same) whose claims conflict
    (:func:`.conflicts.conflict`): one fact, told two ways."""
    return [(i, j) for i, j in topical
            if any(conflict(ca, cb, score, config.polarity_strength, config.approx_tolerance)
                   for ca, cb, score in claim_sim.pairs(units[i], units[j], config.claim_align))]


def _merge_clashes(groups: list[list[int]], units: Sequence[Member], config: FactsConfig,
                   conflicting: Sequence[tuple[int, int]] = ()) -> list[list[int]]:
    """Groups joined where a sentence of one and a sentence of another source in the other disagree
    (:func:`.conflicts.clash`, or ``conflicting`` pairs): two reports that give different counts of one
    thing, or state what another denies, speak of one fact even when their words did not align."""
    def order(group: list[int]) -> tuple[int, int]:  # most sources first, then in text order
        return -len({units[i].source for i in group}), group[0]

    if len({u.source for u in units}) < 2:  # one source: nothing clashes
        return sorted((sorted(g) for g in groups), key=order)
    union = UnionFind(len(groups))
    where = {i: g for g, group in enumerate(groups) for i in group}
    for i, j in conflicting:
        union.join(where[i], where[j])
    for i, j in clash_candidates(units):
        a, b = units[i], units[j]
        if a.source == b.source or union.find(where[i]) == union.find(where[j]):
            continue
        if _clash(a, b, config):
            union.join(where[i], where[j])
    merged: dict[int, list[int]] = {}
    for g, group in enumerate(groups):
        merged.setdefault(union.find(g), []).extend(group)
    return sorted((sorted(m) for m in merged.values()), key=order)


def _in_time_order(updates: list[Conflict], articles: Mapping[str, Article]) -> tuple[Conflict, ...]:
    """Each update as (later span, why, earlier span), earliest first; undated reports keep story order."""
    def published(span: Span) -> str:
        meta = articles[span.article].published
        return meta.value if meta else ""

    ordered = []
    for u in updates:
        assert u.against is not None  # _disagreements always sets it
        later, earlier = (u.span, u.against) if published(u.span) >= published(u.against) else (u.against, u.span)
        ordered.append(Conflict(later, "updated: " + u.why, earlier))
    return tuple(sorted(ordered, key=lambda c: (published(c.span), c.span.article, c.span.start)))


_HEDGES = frozenset({"possible", "believed", "alleged", "expected", "warned"})
_CONDITION = re.compile(r"\b(?<!asked )(?<!ask )(?<!asks )(?<!asking )(?<!whether )(?:if|unless|provided that)\b",
                        re.IGNORECASE)  # "asked if a deal had been agreed" is a question, not a condition


def modality_of(member: Member) -> str | None:
    """The modality of a sentence's main claim (its longest): "conditional" ("if ..."), "hedged"
    ("could", "allegedly", "expected"), "attributed" (a speaker or another outlet says it) or None."""
    if not member.claims:
        return None
    main = max(member.claims, key=lambda c: c.span.end - c.span.start)
    if _CONDITION.search(member.text):
        return "conditional"
    if main.modality in _HEDGES:
        return "hedged"
    return "attributed" if main.source != "outlet" else None


_RANK = {None: 0, "attributed": 1, "conditional": 2, "hedged": 3}


def _specifics(member: Member) -> set[str]:
    """The figures and dates a sentence gives."""
    figures = {f"{q[0]:g}" for c in member.claims for q in c.quantities if q[1] != "ordinal"}
    return figures | {t for c in member.claims for t in c.times if t[:1].isdigit()}


def _partly(chosen: Sequence[Member]) -> str:
    """Why a fact of several sources is only partly corroborated (empty when it is fully): one source
    gives figures or dates where another gives none, or states plainly what another only hedges."""
    by_source: dict[str, list[Member]] = {}
    for m in chosen:
        by_source.setdefault(m.source, []).append(m)
    specifics = {s: set().union(*(_specifics(m) for m in ms)) for s, ms in by_source.items()}
    bare = [s for s, v in specifics.items() if not v]
    if bare and len(bare) < len(specifics):
        extra = sorted(set().union(*specifics.values()))
        only = [by_source[s][0].outlet for s, v in specifics.items() if v]
        return f"only {', '.join(only)} give{'s' if len(only) == 1 else ''}: {', '.join(extra)}"
    hedged = {s for s, ms in by_source.items() if all(modality_of(m) in ("hedged", "conditional") for m in ms)}
    if hedged and len(hedged) < len(by_source):
        return f"hedged in {', '.join(by_source[s][0].outlet for s in sorted(hedged))}, stated in the others"
    return ""


def _head(group: Sequence[int], units: Sequence[Member]) -> Member:
    """The member that says it best: the longest of the first source's members."""
    first = units[group[0]].source
    return max((units[i] for i in group if units[i].source == first), key=lambda m: len(m.text))


def _fact(n: int, group: Sequence[int], units: Sequence[Member], claim_sim: _ClaimSimilarity,
          config: FactsConfig, articles: Mapping[str, Article]) -> Fact:
    if len(group) == 1:  # most facts: one sentence, nothing to compare it with
        only = units[group[0]]
        return Fact(f"f{n}", only.text, "unique", (only.span,), 1, (), (only.outlet,),
                    tuple(c.id for c in only.claims), modality_of(only), "", ())
    chosen = [units[i] for i in group]
    sources = len({m.source for m in chosen})
    outlets = tuple(dict.fromkeys(m.outlet for m in chosen))
    conflicts = tuple(_disagreements(group, units, claim_sim, config, same_source=False))
    updates = _in_time_order(_disagreements(group, units, claim_sim, config, same_source=True), articles)
    detail = _partly(chosen) if sources > 1 and not conflicts else ""
    status: FactStatus = "conflicting" if conflicts else (
        ("partly corroborated" if detail else "corroborated") if sources > 1 else "unique")
    claims = tuple(c.id for m in chosen for c in m.claims)
    modality = max((modality_of(m) for m in chosen), key=lambda x: _RANK[x])
    return Fact(f"f{n}", _head(group, units).text, status, tuple(m.span for m in chosen), sources,
                conflicts, outlets, claims, modality, detail, updates)


def facts_of(story: Story, context: Context) -> tuple[Fact, ...]:
    config = context.settings.of(FactsConfig)
    units = members(story, context.articles, config)
    if not units:
        return ()
    groups, topical = group_members(units, config)
    claim_sim = _ClaimSimilarity(units)
    groups = _merge_clashes(groups, units, config, _conflicting(topical, units, claim_sim, config))
    return tuple(_fact(n, group, units, claim_sim, config, context.articles) for n, group in enumerate(groups, 1))


def align_facts(story: Story, context: Context) -> Story:
    return evolve(story, facts=facts_of(story, context))


STAGE: Stage[Story] = Stage(
    name="facts", kind="story", func=align_facts,
    requires=frozenset({"segments", "copies", "articles.sentences", "articles.claims"}),
    provides=frozenset({"facts"}), config=FactsConfig,
    help="Claims aligned across outlets: corroborated (independent sources), partly corroborated, unique or "
         "conflicting; one outlet's later figures are updates.",
)
