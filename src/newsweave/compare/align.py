"""Alignment across a story's articles, and who counts as an independent source.

Units are the sentences of the story's articles, each carrying the claims inside it (measured on the
NeuS gold, sentence-level alignment beats claim-level alignment: claims are short, so TF-IDF between two
claims is noisy, and one outlet's claim often matches another's sentence only as a whole); claims are
then compared pairwise for conflicts (:mod:`.facts`). Two units of different sources are aligned when
their TF-IDF cosine is high enough and each is the other's best match in that article (a little lower
bar when they also share a name or a number);
aligned units are grouped by union-find (two units of one article share a group only through a third).
Sources are the story's own (``Story.sources``, :mod:`newsweave.group.sources`): reports of one outlet,
and copies of one report across outlets, are one source; a story built without grouping gets them from
the same group function.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from functools import lru_cache

import numpy as np
from sklearn.feature_extraction.text import ENGLISH_STOP_WORDS

from ..group.sources import ensure_sources
from ..group.unionfind import UnionFind
from ..model import Article, Claim, Span, Story
from .text import _DEFAULTS, FactsConfig, similarity, story_units

__all__ = ["Member", "agree", "claims_agree", "core", "group_members", "members", "on_topic", "same_claim",
           "sources_of"]

_NAME = re.compile(r"\b[A-Z][a-z]+(?:\s+[A-Z][a-z]+)*")
_DIGITS = re.compile(r"\d[\d,.]*")
_WORDS = re.compile(r"[a-z0-9]+")
_PRONOUNS = frozenset({"he", "she", "they", "it", "we", "i", "you"})
_TITLES = frozenset(w[:5] for w in (
    "former president vice governor gov secretary minister senator sen rep chief spokesman spokeswoman "
    "spokesperson official officials leader head director chairman say said says told tell report reported "
    "according announce announced statement").split())


@dataclass(frozen=True, slots=True)
class Member:
    """One unit a fact can rest on: a claim (or a sentence) of one article, and its source."""

    span: Span
    text: str
    outlet: str
    source: str
    claims: tuple[Claim, ...] = ()


def _outlet(article: Article) -> str:
    return article.outlet.value if article.outlet else article.input


def sources_of(story: Story, articles: Mapping[str, Article]) -> dict[str, str]:
    """Article id -> id of its independent source (``Story.sources``; computed by the group rule when
    the story was built without grouping)."""
    return {a: source.id for source in ensure_sources(story, articles).sources for a in source.articles}


class _ClaimsAt:
    """An article's claims by where they start: those of a sentence are a slice when the claims are in text
    order (as the claims stage gives them), found by bisection instead of a pass over all of them."""

    def __init__(self, claims: Sequence[Claim]) -> None:
        self.claims = tuple(claims)
        self.starts = [c.span.start for c in self.claims]
        self.ordered = all(a <= b for a, b in zip(self.starts, self.starts[1:], strict=False))

    def inside(self, start: int, end: int) -> tuple[Claim, ...]:
        """The claims starting in ``[start, end)``, in the article's order."""
        if not self.ordered:
            return tuple(c for c in self.claims if start <= c.span.start < end)
        return self.claims[bisect_left(self.starts, start) : bisect_left(self.starts, end)]


def members(story: Story, articles: Mapping[str, Article], config: FactsConfig = _DEFAULTS) -> list[Member]:
    """The units of a story: each article's sentences in the story's segments that can carry a fact
    (:func:`.text.not_a_fact`), with their claims."""
    source = sources_of(story, articles)
    found: list[Member] = []
    claims_at: dict[str, _ClaimsAt] = {}
    for unit in story_units(story, articles, config, facts_only=True):
        article = unit.span.article
        at = claims_at.get(article)
        if at is None:
            at = claims_at[article] = _ClaimsAt(articles[article].claims)
        found.append(Member(unit.span, unit.text, unit.outlet, source[article], at.inside(unit.span.start,
                                                                                         unit.span.end)))
    return found


def _stems(text: str | None) -> frozenset[str]:
    """Content words of a text, cut to their first five letters ("approved", "approval" -> "appro")."""
    return _stems_of(text) if text else frozenset()


@lru_cache(maxsize=16384)
def _stems_of(text: str) -> frozenset[str]:
    """:func:`_stems`, remembered: a story asks for the words of one subject, verb or sentence many times."""
    return frozenset(w[:5] for w in _WORDS.findall(text.lower()) if len(w) > 2 and w not in ENGLISH_STOP_WORDS)


def core(claim: Claim) -> frozenset[str]:
    """Who did what to whom: the content words of the claim's subject, verb and object (its text when the
    parse gave none of them)."""
    found = _stems(claim.subject) | _stems(claim.predicate) | _stems(claim.object)
    return found or _stems(claim.text)


def _speakers_clash(a: Claim, b: Claim) -> bool:
    """Two attributed claims by two different named speakers are two statements, not one (a pronoun
    speaker, "he said", clashes with no one)."""
    if a.source != "speaker" or b.source != "speaker" or not a.asserted_by or not b.asserted_by:
        return False
    if a.asserted_by.lower() in _PRONOUNS or b.asserted_by.lower() in _PRONOUNS:
        return False  # "he said": a pronoun names no one, so it cannot clash
    return not _stems(a.asserted_by) & _stems(b.asserted_by)


def claims_agree(a: Claim, b: Claim, least: int) -> bool:
    """Do two claims state one thing: ``least`` shared core words and no clash of speakers?"""
    return len(core(a) & core(b)) >= least and not _speakers_clash(a, b)


def _action(member: Member) -> set[str]:
    """What a sentence says happened: its content words that are not part of a name, a title, a reporting
    verb or the description of who says it ("said Kyrylo Budanov, the head of Ukraine's military
    intelligence" contributes nothing)."""
    plain = member.text
    for speaker in sorted({c.asserted_by for c in member.claims if c.asserted_by}, key=lambda s: (-len(s), s)):
        plain = plain.replace(speaker, " ")
    return {w for w in _stems(_NAME.sub(" ", plain)) if w not in _TITLES}


#: Verbs that say little of what happened on their own ("is", "has", "made"): two claims with one of them
#: are one fact only when what follows it shares two words.
_LIGHT = frozenset("be have do make get take go say tell add give put come see become seem".split())


def _names(text: str | None) -> set[str]:
    """Stems of the capitalised words of a phrase ("Mr. Trump's team" -> {"mr", "trump"})."""
    return {w for m in _NAME.finditer(text or "") for w in _stems(m.group())}


def same_claim(x: Claim, y: Claim) -> bool:
    """Do two claims state one thing? The same predicate with the same polarity, no clash of speakers, no
    two differently named subjects ("Trump endorsed Ryan" is not "Pence endorsed Ryan"), and for a light
    verb two shared words of what follows it ("were almost identical to her speech" / "similarities
    between her remarks and a speech"); for any other verb, a shared word of the object or subject, or
    one side that names no object."""
    if not x.predicate or x.predicate.lower() != (y.predicate or "").lower() or x.negated != y.negated:
        return False
    if _speakers_clash(x, y):
        return False
    nx, ny = _names(x.subject), _names(y.subject)
    if nx and ny and not nx & ny:
        return False
    objects = _stems(x.object) & _stems(y.object)
    if x.predicate.lower() in _LIGHT:
        return len(objects) >= 2
    return bool(objects or _stems(x.subject) & _stems(y.subject) or not _stems(x.object) or not _stems(y.object))


class _Words:
    """What happened in each unit (:func:`_action`) and the core of each claim (:func:`core`), computed once
    for a story: deciding a pair reads them several times."""

    def __init__(self, units: Sequence[Member] = ()) -> None:
        self._action = {id(u): _action(u) for u in units}
        self._core = {id(c): core(c) for u in units for c in u.claims}

    def action(self, member: Member) -> set[str]:
        found = self._action.get(id(member))
        return _action(member) if found is None else found

    def core(self, claim: Claim) -> frozenset[str]:
        found = self._core.get(id(claim))
        return core(claim) if found is None else found


def on_topic(a: Member, b: Member, config: FactsConfig = _DEFAULTS, words: _Words | None = None) -> bool:
    """Do two sentences speak of the same thing, whether or not they say the same of it? They share
    ``agree_words`` words of what happened, and where their claims state the same thing, the same speaker
    states it. Not enough to corroborate (:func:`agree`); enough to look for a conflict."""
    words = words or _Words()
    if len(words.action(a) & words.action(b)) < config.agree_words:
        return False
    same = [(x, y) for x in a.claims for y in b.claims
            if len(words.core(x) & words.core(y)) >= config.agree_words]
    return not same or any(not _speakers_clash(x, y) for x, y in same)


def _close(a: Member, b: Member, config: FactsConfig, words: _Words) -> bool:
    """Near rewordings on one topic (:func:`on_topic`) that share two words of what happened and whose
    claims about the same thing do not differ in polarity ("endorsed" / "has yet to endorse")."""
    if len(words.action(a) & words.action(b)) < 2 or not on_topic(a, b, config, words):
        return False
    return not any(x.negated != y.negated for x in a.claims for y in b.claims
                   if len(words.core(x) & words.core(y)) >= 2)


def agree(a: Member, b: Member, config: FactsConfig = _DEFAULTS, words: _Words | None = None) -> bool:
    """Do two sentences report one fact? They must share ``agree_words`` words of what happened (names and
    titles do not count: two reports about Biden need not say the same of him), and two of their claims
    must state the same thing (:func:`same_claim`: who did what to whom, with the same polarity and
    speaker); sentences without claims agree only when they are nearly the same words. Sharing a topic
    is not agreeing: measured by reading a real seven-outlet corpus, most sentence pairs that shared
    topic words but no claim were different statements."""
    words = words or _Words()
    action_a, action_b = words.action(a), words.action(b)
    shared = action_a & action_b
    if len(shared) < config.agree_words:
        return False
    if not a.claims or not b.claims:
        return len(shared) >= 3 and len(shared) >= 0.6 * min(len(action_a), len(action_b))
    return any(same_claim(x, y) for x in a.claims for y in b.claims)


def _units(member: Member) -> set[str]:
    return {q[1] for c in member.claims for q in c.quantities if q[1] not in ("", "ordinal")}


def _shared(a: Member, b: Member) -> bool:
    """Do two units share a number, a measured thing ("seats") or two names?"""
    if _units(a) & _units(b):
        return True
    names = {m.group() for m in _NAME.finditer(a.text)} & {m.group() for m in _NAME.finditer(b.text)}
    digits = {m.group() for m in _DIGITS.finditer(a.text)} & {m.group() for m in _DIGITS.finditer(b.text)}
    return bool(digits) or len(names) >= 2


def _bests(sim: np.ndarray, units: Sequence[Member]) -> list[dict[str, tuple[float, int]]]:
    """For each unit, its best match in each article of another source: article -> (score, index), the first
    of equal scores, none scoring 0; articles in the order of their first unit scoring above 0."""
    rows: dict[str, list[int]] = {}
    for j, unit in enumerate(units):
        rows.setdefault(unit.span.article, []).append(j)
    everyone = np.arange(len(units))
    articles = []
    for article, js in rows.items():  # each article's columns at once, for every unit
        block = sim[:, js]
        best = block.argmax(axis=1)
        columns = np.array(js)
        articles.append((article, units[js[0]].source, block[everyone, best].tolist(), columns[best].tolist(),
                         columns[(block > 0.0).argmax(axis=1)].tolist()))
    bests = []
    for i, unit in enumerate(units):
        found = [(first[i], article, (score[i], at[i])) for article, source, score, at, first in articles
                 if article != unit.span.article and source != unit.source and score[i] > 0.0]
        bests.append({article: best for _first, article, best in sorted(found)})
    return bests


def _candidate(sim: np.ndarray, units: Sequence[Member], i: int, j: int,
               best_j: dict[str, tuple[float, int]], config: FactsConfig) -> bool:
    score = float(sim[i, j])
    if config.mutual_best and best_j.get(units[i].span.article, (0.0, -1))[1] != i:
        return False  # not mutual: j has a better partner in i's article
    return score >= config.align or (score >= config.align_shared and _shared(units[i], units[j]))


def group_members(units: Sequence[Member], config: FactsConfig = _DEFAULTS
                  ) -> tuple[list[list[int]], list[tuple[int, int]]]:
    """Groups of aligned units (indices), most sources first, then in text order; and the pairs of units
    in different groups that are on one topic (:func:`on_topic`), where a conflict may be.

    Two units are linked when they are each other's best match (TF-IDF, the candidates) and agree
    (:func:`agree`, the decision)."""
    union = UnionFind(len(units))
    if len({u.source for u in units}) < 2:  # one source: no unit has a match to align with
        return [[i] for i in range(len(units))], []
    sim = similarity([u.text for u in units])
    bests = _bests(sim, units)
    words = _Words(units)
    topical: list[tuple[int, int]] = []
    for i in range(len(units)):
        for _score, j in bests[i].values():
            if not _candidate(sim, units, i, j, bests[j], config):
                continue
            close = sim[i, j] >= config.close and _close(units[i], units[j], config, words)
            if close or agree(units[i], units[j], config, words):
                union.join(i, j)
            elif on_topic(units[i], units[j], config, words):
                topical.append((i, j))
    groups: dict[int, list[int]] = {}
    for i in range(len(units)):
        groups.setdefault(union.find(i), []).append(i)
    ordered = sorted(groups.values(), key=lambda g: (-len({units[i].source for i in g}), g[0]))
    return ordered, [(i, j) for i, j in topical if union.find(i) != union.find(j)]
