"""Events an entity takes part in, each anchored to a date: the raw material of an entity's timeline.

For every mention of the entity, the event is the verb that governs it (the first verb up the parse
from the mention) together with the verbs coordinated with it ("Airbus *built* and *delivered*") and
the eventive nouns it governs directly ("announced a *deal*"). Each event takes its date from the
nearest calendar time expression in its sentence (values from :func:`newsweave.analyse.times.find_times`,
anchored to publication); without one, a past or present tense event is dated to the publication day
and a future one is left undated.

Mentions are found by name (:func:`name_spans`): the full name, a person's surname, and the acronym
of a multi-word name ("United States Air Force" -> "USAF").
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from spacy.tokens import Doc, Token

from ..model import TimeExpression

__all__ = ["EntityEvent", "background_date", "entity_events", "name_spans", "name_variants"]

_CALENDAR = re.compile(r"^\d{4}(?:-\d{2}(?:-\d{2})?)?$")
_FUTURE = frozenset({"will", "would", "'ll", "shall", "going"})
#: Words before a date that make it the bound of a stretch of time, not the day something happened:
#: "since 20 April", "until Friday", "in the weeks before the vote on 3 May".
_BOUNDS = ("since", "until", "till", "til", "before", "after", "through", "throughout", "prior to", "up to",
           "ever since", "as late as", "as early as")
_BOUND_WORDS = "|".join(b.replace(" ", r"\s+") for b in _BOUNDS)
_BOUND_BEFORE = re.compile(r"(?:^|\W)(?:" + _BOUND_WORDS + r")\s+(?:the\s+)?$", re.IGNORECASE)
_BOUND_INSIDE = re.compile(r"^(?:" + _BOUND_WORDS + r")\b", re.IGNORECASE)
_GENERIC = frozenset({"inc", "corp", "co", "ltd", "index", "average", "composite", "company", "group"})
EVENT_NOUNS = frozenset(
    "deal sale sales order orders contract launch merger acquisition bankruptcy loss losses profit profits "
    "flight delivery deliveries delay delays announcement agreement strike cuts cut crash fall rise gain "
    "gains drop decline rally bid purchase offer plan talks investigation lawsuit ruling vote election "
    "resignation appointment release recall bailout loan funding tender".split()
)


@dataclass(frozen=True, slots=True)
class EntityEvent:
    """One event mention: its token, characters, word, date value (None when undated) and why."""

    token: int
    start: int
    end: int
    text: str
    date: str | None
    why: str


def name_variants(name: str) -> list[str]:
    """The spellings to look for: the name, its last word (a surname or model), and its acronym."""
    words = [w for w in name.split() if w.lower().strip(".") not in _GENERIC] or name.split()
    variants = [name, " ".join(words)]
    if len(words) >= 2 and words[-1][:1].isupper() and len(words[-1]) > 3:
        variants.append(words[-1])
    capitals = [w for w in words if w[:1].isupper()]
    if len(capitals) >= 2:
        variants.append("".join(w[0] for w in capitals))
    return list(dict.fromkeys(v for v in variants if v))


def name_spans(text: str, name: str) -> list[tuple[int, int]]:
    """Character spans where any variant of ``name`` occurs as whole words, longest variant first."""
    spans: list[tuple[int, int]] = []
    for variant in sorted(name_variants(name), key=len, reverse=True):
        for match in re.finditer(rf"(?<![\w-]){re.escape(variant)}(?![\w-])", text):
            if all(match.end() <= s or match.start() >= e for s, e in spans):
                spans.append((match.start(), match.end()))
    return sorted(spans)


def background_date(text: str, time: TimeExpression) -> bool:
    """Whether ``time`` (in ``text``, the article) only bounds a stretch of time ("since 20 April", "until
    Friday", "before March") rather than dating what happened: such a date does not file its sentence."""
    before = text[max(0, time.span.start - 24) : time.span.start]
    return bool(_BOUND_BEFORE.search(before) or _BOUND_INSIDE.match(time.text))


def _governor(token: Token) -> Token | None:
    for _ in range(8):
        if token.pos_ == "VERB":
            return token
        if token.head.i == token.i:
            return None
        token = token.head
    return None


def _events_of(token: Token) -> list[Token]:
    verb = _governor(token)
    if verb is None:
        return []
    found = [verb] + [c for c in verb.children if c.dep_ == "conj" and c.pos_ == "VERB"]
    found += [c for v in list(found) for c in v.children
              if c.dep_ in ("dobj", "nsubjpass", "attr") and c.lemma_.lower() in EVENT_NOUNS]
    return found


def _is_future(verb: Token) -> bool:
    return any(c.lower_ in _FUTURE for c in verb.children if c.dep_ in ("aux", "auxpass"))


def _date(event: Token, times: Sequence[TimeExpression], dct: str | None) -> tuple[str | None, str]:
    sent = event.sent
    candidates = [t for t in times if t.type == "DATE" and t.value and _CALENDAR.match(t.value)
                  and sent.start_char <= t.span.start < sent.end_char]
    if candidates:
        near = min(candidates, key=lambda t: abs(t.span.start - event.idx))
        return near.value, f"dated by {near.text!r} = {near.value}"
    if _is_future(event) or dct is None:
        return None, "no date in its sentence"
    return dct, "no date in its sentence: the publication day"


def entity_events(
    doc: Doc, mentions: Sequence[tuple[int, int]], times: Sequence[TimeExpression], dct: str | None
) -> list[EntityEvent]:
    """The events the mentioned entity takes part in, in text order, each with a date and why."""
    seen: dict[int, EntityEvent] = {}
    for start, end in mentions:
        span = doc.char_span(start, end, alignment_mode="expand")
        if span is None:
            continue
        for event in _events_of(span.root):
            if event.i in seen:
                continue
            date, why = _date(event, times, dct)
            end = event.idx + len(event.text)
            seen[event.i] = EntityEvent(event.i, event.idx, end, event.text, date, why)
    return [seen[i] for i in sorted(seen)]
