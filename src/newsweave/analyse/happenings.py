"""What happened on each calendar date of an article, read once from the parse for the story timeline.

For every calendar date (a DATE with a value ``YYYY``, ``YYYY-MM`` or ``YYYY-MM-DD``) the sentence holding it
gives a :class:`~newsweave.model.Happening`:

- the *event words*: the nouns and the verb the date hangs on (up the parse from the date, stopping at the
  first verb), the main verb (or noun) of the sentence and the verbs coordinated with any of those, light
  and reporting verbs ("be", "say") left out; stemmed so that "met" and "meeting" are one word;
- the *participants*: names in the sentence, the nouns the event words govern (directly or through a
  preposition) and the noun an event word describes ("the pier *reopened* on Tuesday" read as a reduced
  relative);
- the sentence's *content words*;
- whether the date is a bare year naming a kind of thing ("the 2020 election", "the class of 2020"), which
  says which thing rather than when something happened (``attributive``).

The parse is read through arrays (``Doc.to_array``), so no Python Token is made per word.
:func:`newsweave.compare.timeline.same_event` compares two happenings of one date.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np
from spacy.attrs import DEP, HEAD, IDX, IS_ALPHA, IS_STOP, LEMMA, LENGTH, LOWER, POS, SENT_START
from spacy.tokens import Doc

from ..model import Happening, TimeExpression, evolve

__all__ = ["CALENDAR", "calendar_date", "happenings"]

#: A calendar value: a year, a month or a day.
CALENDAR = re.compile(r"^\d{4}(?:-\d{2}(?:-\d{2})?)?$")
#: Verbs that carry no event of their own: a shared "said" or "was" does not make two sentences one event.
_LIGHT = frozenset(
    "be have do say tell add state report note claim write accord make take get give go come put set see "
    "become seem appear include continue remain keep call ask show expect believe think know want need".split()
)
_CALENDAR_WORDS = frozenset(
    "monday tuesday wednesday thursday friday saturday sunday january february march april may june july "
    "august september october november december today yesterday tomorrow week month year day night morning "
    "evening afternoon".split()
)
_SUFFIXES = ("ations", "ation", "ings", "ing", "ments", "ment", "ions", "ion", "als", "al")
_CONTENT_POS = frozenset({"NOUN", "PROPN", "VERB", "ADJ", "NUM"})
_ATTRIBUTIVE_DEPS = frozenset({"compound", "nummod", "amod", "nmod", "appos"})
_ARGUMENT_DEPS = frozenset({"nsubj", "nsubjpass", "dobj", "pobj", "poss", "compound"})
_YEAR = re.compile(r"\d{4}")


def calendar_date(time: TimeExpression) -> bool:
    """Whether ``time`` is a calendar date (what the timeline files sentences under)."""
    return time.type == "DATE" and bool(time.value) and bool(CALENDAR.match(time.value or ""))


def _stem(lemma: str) -> str:
    """One form for a verb and its noun: "meeting" and "met" -> "meet", "agreement" -> "agree"."""
    lemma = lemma.lower()
    for suffix in _SUFFIXES:
        if lemma.endswith(suffix) and len(lemma) - len(suffix) >= 3:
            return lemma[: -len(suffix)]
    return lemma


@dataclass(frozen=True, slots=True)
class _Tokens:
    """One sentence of the parse as plain lists, one entry per token, indices counted from the sentence's
    first token (a head never lies outside its sentence)."""

    idx: list[int]
    head: list[int]
    pos: list[str]
    dep: list[str]
    lemma: list[str]
    lower: list[str]
    content: list[bool]
    children: dict[int, list[int]]

    @classmethod
    def of(cls, doc: Doc, columns: np.ndarray, heads: np.ndarray, lo: int, hi: int) -> _Tokens:
        idx, pos, dep, lemma, lower, alpha, stop, length = columns[lo:hi].T.tolist()
        strings = doc.vocab.strings
        names = {key: strings[key] for key in set(pos) | set(dep) | set(lemma) | set(lower)}
        head = [min(max(h - lo, 0), hi - lo - 1) for h in heads[lo:hi].tolist()]
        pos_ = [names[p] for p in pos]
        lower_ = [names[w] for w in lower]
        content = [bool(a) and not s and n > 2 and w not in _CALENDAR_WORDS and p in _CONTENT_POS
                   for a, s, n, w, p in zip(alpha, stop, length, lower_, pos_, strict=True)]
        children: dict[int, list[int]] = {}
        for i, h in enumerate(head):
            if h != i:
                children.setdefault(h, []).append(i)
        return cls(idx, head, pos_, [names[d] for d in dep], [names[m] for m in lemma], lower_, content, children)

    @property
    def sentence(self) -> range:
        return range(len(self.idx))

    def date_root(self, start: int, end: int) -> int | None:
        """The first token of the date whose head lies outside it (or, failing that, its first token)."""
        inside = [t for t in self.sentence if start <= self.idx[t] < end]
        outside = [t for t in inside if not start <= self.idx[self.head[t]] < end or self.head[t] == t]
        chosen = outside or inside
        return chosen[0] if chosen else None


class _Sentences:
    """The sentences of a parse, each read into :class:`_Tokens` when a date first asks for it."""

    def __init__(self, doc: Doc) -> None:
        self.doc = doc
        self.columns = doc.to_array([IDX, POS, DEP, LEMMA, LOWER, IS_ALPHA, IS_STOP, LENGTH])
        # heads (relative) and sentence starts (-1, 0, 1) come back as unsigned: read them as signed
        signed = doc.to_array([HEAD, SENT_START]).astype("int64")
        self.heads = signed[:, 0] + np.arange(len(doc))
        self.starts = np.flatnonzero((signed[:, 1] == 1) | (np.arange(len(doc)) == 0))
        self.read: dict[int, _Tokens] = {}

    def holding(self, at: int) -> _Tokens:
        """The tokens of the sentence holding character ``at``."""
        token = max(int(np.searchsorted(self.columns[:, 0], at, side="right")) - 1, 0)
        k = int(np.searchsorted(self.starts, token, side="right")) - 1
        lo = int(self.starts[k])
        if lo not in self.read:
            hi = int(self.starts[k + 1]) if k + 1 < len(self.starts) else len(self.doc)
            self.read[lo] = _Tokens.of(self.doc, self.columns, self.heads, lo, hi)
        return self.read[lo]


def _event_tokens(tokens: _Tokens, root: int | None) -> list[int]:
    """The words that name what happened on the date: the nouns and the verb the date hangs on, the main
    verb of its sentence and the verbs coordinated with either."""
    pos, head = tokens.pos, tokens.head
    found: list[int] = []
    token = root
    for _ in range(8):
        if token is None or head[token] == token:
            break
        token = head[token]
        if pos[token] in ("NOUN", "VERB"):
            found.append(token)
        if pos[token] == "VERB":
            break
    main = next((t for t in tokens.sentence if head[t] == t), None)
    if main is not None and pos[main] in ("VERB", "NOUN"):
        found.append(main)
    found += [c for t in list(found) if pos[t] == "VERB" for c in tokens.children.get(t, ())
              if tokens.dep[c] == "conj" and pos[c] == "VERB"]
    return [t for t in found if pos[t] == "NOUN" or tokens.lemma[t].lower() not in _LIGHT]


def _participants(tokens: _Tokens, events: Sequence[int]) -> set[str]:
    """Names in the sentence, the nouns its event words govern (directly or through a preposition) and the
    noun an event word describes."""
    lemma, dep, head, content, children = tokens.lemma, tokens.dep, tokens.head, tokens.content, tokens.children
    names = {lemma[t].lower() for t in tokens.sentence if tokens.pos[t] == "PROPN" and content[t]}
    arguments = {lemma[head[e]].lower() for e in events if dep[e] in ("acl", "relcl") and content[head[e]]}
    for event in events:
        for child in children.get(event, ()):
            heads = [child] + ([g for g in children.get(child, ()) if dep[g] == "pobj"] if dep[child] == "prep" else [])
            arguments |= {lemma[h].lower() for h in heads if dep[h] in _ARGUMENT_DEPS and content[h]}
    return names | arguments


def _attributive_year(tokens: _Tokens, root: int | None, time: TimeExpression) -> bool:
    """A bare year naming a kind of thing ("the 2020 election", "fiscal 2020", "the class of 2020")."""
    if root is None or not _YEAR.fullmatch(time.text.strip()):
        return False
    pos, dep, head = tokens.pos, tokens.dep, tokens.head
    if dep[root] in _ATTRIBUTIVE_DEPS and pos[head[root]] in ("NOUN", "PROPN"):
        return True
    return dep[root] == "pobj" and tokens.lower[head[root]] == "of" and pos[head[head[root]]] in ("NOUN", "PROPN")


def _happening(sentences: _Sentences, time: TimeExpression) -> Happening:
    tokens = sentences.holding(time.span.start)
    root = tokens.date_root(time.span.start, time.span.end)
    if _attributive_year(tokens, root, time):
        return Happening(attributive=True)
    events = _event_tokens(tokens, root)
    return Happening(frozenset(_stem(tokens.lemma[t]) for t in events),
                     frozenset(_participants(tokens, events)),
                     frozenset(tokens.lemma[t].lower() for t in tokens.sentence if tokens.content[t]))


def happenings(doc: Doc, times: Sequence[TimeExpression]) -> tuple[TimeExpression, ...]:
    """``times`` with each calendar date's :class:`~newsweave.model.Happening` read from ``doc``, the parse of
    the text their spans point into (other expressions as they are)."""
    if not any(calendar_date(t) for t in times) or len(doc) == 0:
        return tuple(times)
    sentences = _Sentences(doc)
    return tuple(evolve(t, happening=_happening(sentences, t)) if calendar_date(t) else t for t in times)
