"""The tense of the clause a time expression sits in: past, present or future.

With a spaCy parse, the expression's governing verb decides: a "will"/"would" auxiliary, or an
infinitive under "expected/plans/set/due to" (and headline "X to do Y"), is future; VBD or a perfect is
past. Without a parse, the nearest tense marker in the same sentence decides (a cheap regex).
"""

from __future__ import annotations

import re

from spacy.tokens import Doc, Token

from .calendar import Tense

__all__ = ["tense_from_doc", "tense_from_text"]

_FUTURE_AUX = frozenset({"will", "would", "'ll", "’ll", "shall", "wo"})
_FUTURE_HEADS = frozenset(
    {
        "expect",
        "plan",
        "schedule",
        "set",
        "due",
        "intend",
        "aim",
        "go",
        "hope",
        "want",
        "seek",
        "propose",
        "prepare",
        "promise",
        "vow",
        "pledge",
        "agree",
        "decide",
        "threaten",
        "need",
        "likely",
        "able",
    }
)


def _governor(token: Token) -> Token | None:
    """The nearest verb or auxiliary at or above ``token`` in the parse."""
    seen = 0
    while seen < 12:
        if token.pos_ in ("VERB", "AUX"):
            return token
        if token.head.i == token.i:
            return None
        token, seen = token.head, seen + 1
    return None


def _verb_tense(verb: Token) -> Tense:
    auxes = [child for child in verb.children if child.dep_ in ("aux", "auxpass")]
    words = {aux.lower_ for aux in auxes}
    if words & _FUTURE_AUX or verb.lower_ in _FUTURE_AUX:
        return "future"
    if verb.tag_ == "MD" or any(aux.tag_ == "MD" for aux in auxes):
        return "future"
    if any(aux.tag_ == "TO" or aux.lower_ == "to" for aux in auxes):
        head = verb.head
        if head.i == verb.i or head.lemma_.lower() in _FUTURE_HEADS or head.pos_ not in ("VERB", "AUX"):
            return "future"
        return _verb_tense(head) if head.pos_ in ("VERB", "AUX") else "present"
    if verb.tag_ == "VBD" or any(aux.tag_ == "VBD" for aux in auxes):
        return "past"
    return "present"


def tense_from_doc(doc: Doc, start: int, end: int) -> Tense | None:
    """Tense of the clause governing the characters ``start:end`` of ``doc.text``."""
    span = doc.char_span(start, end, alignment_mode="expand")
    if span is None or len(span) == 0:
        return None
    verb = _governor(span.root)
    if verb is None:
        return None
    return _verb_tense(verb)


_MARKERS = re.compile(
    r"(?P<future>\b(?:will|would|shall|won['’]t|going\s+to|expected\s+to|scheduled\s+to|set\s+to|due\s+to"
    r"|plans?\s+to|planned|planning|intends?\s+to|aims?\s+to|(?:is|are)\s+to|to\s+be|next|expected|scheduled|slated|supposed"
    r"|payable|effective|upcoming)\b|['’]ll\b)"
    # a participle after "be"/"been" ("to be completed", "will be held") is not itself a tense, nor is an
    # "un-...ed" adjective
    r"|(?<!\bbe\s)(?<!\bbeen\s)(?<!\bbeing\s)(?P<past>\b(?:was|were|had|did|said|announced|told|reported|made"
    r"|took|gave|went|came|fell|rose|closed|ended|last|ago|yesterday|began|begun|blew|broke|brought|bought|built"
    r"|caught|chose|drew|drove|fought|found|flew|froze|grew|held|hit|hung|kept|knew|led|left|lost|met|paid|ran"
    r"|rang|saw|sank|sent|shot|shook|sold|spent|spoke|stood|stole|struck|swept|taught|thought|threw|won|wrote"
    r"|(?!un)[a-z]{3,}ed)\b)",
    re.IGNORECASE,
)
_SENTENCE_END = re.compile(r"[.!?;]\s|\n")
_CLAUSE_END = re.compile(r"[,:;()\u2014]|\s[-\u2013]\s")


def _nearest(text: str, left: int, right: int, start: int, end: int) -> Tense | None:
    """The kind of the tense marker nearest ``start:end`` inside ``left:right``, or None."""
    best: tuple[int, Tense] | None = None
    for match in _MARKERS.finditer(text, left, right):
        if start <= match.start() < end:
            continue
        # the verb governing a date adverbial mostly comes before it: markers after count double
        distance = start - match.end() if match.end() <= start else 2 * (match.start() - end)
        kind: Tense = "future" if match.group("future") else "past"
        if best is None or distance < best[0]:
            best = (distance, kind)
    return best[1] if best else None


def _last_sentence_end(text: str, start: int) -> int:
    """The end of the last sentence break before ``start`` (0 when none), searched backwards in growing
    windows rather than from the start of the text. A break is a local pattern (two characters at most), so
    the last one found in a window is the last one in the text before ``start``."""
    width = 256
    while True:
        low = max(0, start - width)
        found = max((m.end() for m in _SENTENCE_END.finditer(text, low, start)), default=0)
        if found or low == 0:
            return found
        width *= 4


def tense_from_text(text: str, start: int, end: int) -> Tense | None:
    """Tense from the marker nearest the expression inside its clause (between commas), else inside its
    sentence; "present" when there is none ("the well, which blew out on 20 April, would be sealed" is
    past: "blew" is in the expression's clause, "would" is not)."""
    left = _last_sentence_end(text, start)
    right_match = _SENTENCE_END.search(text, end)
    right = right_match.start() + 1 if right_match else len(text)
    clause_left = max((m.end() for m in _CLAUSE_END.finditer(text, left, start)), default=left)
    clause_match = _CLAUSE_END.search(text, end, right)
    clause_right = clause_match.start() if clause_match else right
    found = _nearest(text, clause_left, clause_right, start, end) or _nearest(text, left, right, start, end)
    if found is None:
        # a headline-style "X to do Y" is future
        if re.search(r"\bto\s+[a-z]+\b", text[left:right]) and not re.search(
            r"\b(?:is|are|has|have)\b", text[left:right]
        ):
            return "future"
        return "present"
    return found
