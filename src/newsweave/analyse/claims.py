"""Claims: each report split into atomic, checkable statements with offsets.

A claim is one predicate of the dependency parse with its own arguments: who (subject) did what
(predicate, object) to whom, when (time expressions of the times stage) and where (places among the
mentions). Verbs joined by a conjunction give separate claims ("The council closed the bridge and
diverted traffic" is two claims); a coordinated list stays in one claim with its members in ``items``.
The span of each claim is the verb's own words, from its subject (or the verb, when the subject belongs
to an earlier conjunct) to the end of its arguments, so ``text[start:end]`` is always exact.

Who asserts it: a clause reported by a reporting verb, or sitting inside a quotation from the quotes
stage, is the speaker's ("speaker"); "according to X" is X's, and X is "media" when it names a news
organisation ("according to Russian state media RIA Novosti"); everything else is the outlet's own.
Negation and modality come from the verb's dependents ("not", "no", "never"), from verbs of denial
("denied", "rejected"), from modal auxiliaries ("could", "would") and from the verb that frames the
clause ("warned", "expected", "believed"). Numbers are normalised by :func:`quantities_in`.
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from collections.abc import Sequence
from dataclasses import dataclass
from typing import ClassVar

import numpy as np
from spacy.attrs import DEP, HEAD, IDX, IS_PUNCT, IS_SPACE, LEMMA, ORTH, POS, SPACY
from spacy.tokens import Doc, Token
from spacy.tokens import Span as SpacySpan

from ..config import param
from ..model import Article, Claim, Quote, Span, evolve
from ..pipeline import Context, Stage
from .extents import Extents
from .nlp import parse
from .quoting.speakers import REPORTING, speaker_of

__all__ = ["STAGE", "ClaimsConfig", "find_claims", "quantities_in"]

SUBJECTS = frozenset({"nsubj", "nsubjpass", "csubj", "expl"})
OBJECTS = frozenset({"dobj", "attr", "acomp", "oprd", "dative", "xcomp", "ccomp"})
CLAUSES = frozenset({"ROOT", "conj", "ccomp", "advcl", "parataxis", "relcl", "xcomp"})
DENY = frozenset({"deny", "reject", "dismiss", "refute", "dispute", "disavow", "contradict"})
FRAMES = {
    "warn": "warned", "caution": "warned", "threaten": "warned", "expect": "expected",
    "predict": "expected", "forecast": "expected", "project": "expected", "believe": "believed",
    "think": "believed", "suspect": "believed", "fear": "believed", "allege": "alleged",
    "claim": "alleged", "accuse": "alleged", "deny": "denied", "reject": "denied", "dismiss": "denied",
}
MODALS = {"could": "possible", "may": "possible", "might": "possible", "can": "possible",
          "would": "future", "will": "future", "should": "future", "must": "future", "'ll": "future"}
MEDIA_WORDS = frozenset({
    "media", "news", "agency", "newspaper", "paper", "tv", "television", "broadcaster", "radio",
    "outlet", "outlets", "reports", "report", "press", "times", "post", "journal", "tribune", "reuters",
    "ap", "afp", "bloomberg", "cnn", "bbc", "nbc", "abc", "cbs", "fox", "yonhap", "tass", "kcna",
    "xinhua", "ria", "novosti", "axios", "politico", "guardian", "telegraph",
})
PLACE_TYPES = frozenset({"GPE", "LOC", "FAC"})


@dataclass(frozen=True, slots=True)
class ClaimsConfig:
    """What the claims stage tunes."""

    SECTION: ClassVar[str] = "claims"
    min_tokens: int = param(3, "Tokens a claim's own words must span, or it is not a claim.", low=1)


_DEFAULTS = ClaimsConfig()


# --- numbers and quantities -------------------------------------------------------------------------

WORD_NUMBERS = {w: float(n) for n, w in enumerate(
    "zero one two three four five six seven eight nine ten eleven twelve thirteen fourteen fifteen sixteen "
    "seventeen eighteen nineteen twenty".split())}
WORD_NUMBERS.update({"thirty": 30.0, "forty": 40.0, "fifty": 50.0, "sixty": 60.0, "seventy": 70.0,
                     "eighty": 80.0, "ninety": 90.0, "dozen": 12.0, "dozens": 24.0})
SCALES = {"hundred": 1e2, "thousand": 1e3, "k": 1e3, "million": 1e6, "mln": 1e6, "m": 1e6,
          "billion": 1e9, "bn": 1e9, "b": 1e9, "trillion": 1e12, "tn": 1e12, "t": 1e12}
ORDINALS = {w: float(n) for n, w in enumerate(
    "zeroth first second third fourth fifth sixth seventh eighth ninth tenth eleventh twelfth".split())}
UNITS = {"hour": "h", "hr": "h", "minute": "min", "second": "s", "day": "d", "week": "wk", "month": "mo",
         "year": "y", "percent": "%", "per": "%", "%": "%", "percentage": "%"}
QUALIFIERS = {"more": "min", "over": "min", "least": "min", "above": "min", "nearly": "max", "almost": "max",
              "under": "max", "less": "max", "fewer": "max", "below": "max", "up": "max", "about": "approx",
              "around": "approx", "roughly": "approx", "approximately": "approx", "some": "approx",
              "estimated": "approx", "some-": "approx"}
_ORDINAL_SUFFIX = re.compile(r"^(\d+)(?:st|nd|rd|th)$", re.IGNORECASE)
_DIGITS = re.compile(r"^\$?(\d[\d,]*(?:\.\d+)?)(k|m|bn|b|tn|t)?(?:-plus)?%?$", re.IGNORECASE)


def _value(lower: str) -> float | None:
    if lower in WORD_NUMBERS:
        return WORD_NUMBERS[lower]
    match = _DIGITS.match(lower)
    if match is None:
        return None
    value = float(match.group(1).replace(",", ""))
    return value * SCALES[match.group(2).lower()] if match.group(2) else value


def _qualifier(p: _Parse, i: int) -> str:
    for j in range(max(0, i - 3), i):
        if p.lower[j] in QUALIFIERS:
            return QUALIFIERS[p.lower[j]]
    return ""


def _unit(p: _Parse, first: int, last: int) -> str:
    before = p.text[first - 1] if first > 0 else ""
    after = last + 1 if last + 1 < len(p.text) else None
    if "%" in p.text[last] or (after is not None and p.lower[after] in ("%", "percent", "per")):
        return "%"
    sign = p.text[first][:1]
    if before in ("$", "£", "€") or sign in "$£€":
        return "$" if "$" in (before + sign) else (before or sign)
    head = p.head[last] if p.dep[last] in ("nummod", "quantmod", "compound") else after
    if head is not None and p.lower[head] == "of":  # "157 of 338 seats": the seats of the whole
        whole = next((c for c in p.kids(head) if p.dep[c] == "pobj"), None)
        numeric = whole is not None and p.dep[whole] == "nummod" and p.doc[whole].like_num
        head = p.head[whole] if whole is not None and numeric else whole
    while head is not None and p.dep[head] == "compound" and p.head[head] > head:
        head = p.head[head]
    if head is None or p.pos[head] not in _NOUNS:
        return ""
    lemma = p.lemma[head]
    return UNITS.get(lemma, lemma)


def _is_year(text: str, value: float) -> bool:
    return value.is_integer() and 1900 <= value <= 2100 and text.isdigit() and len(text) == 4


def quantities_in(span: Sequence[Token] | SpacySpan) -> tuple[tuple[float, str, str], ...]:
    """Numbers in a run of consecutive tokens, normalised as (value, unit, qualifier): "five hours" -> (5, "h",
    ""); "$1.9 trillion" -> (1.9e12, "$", ""); "3rd brigade" -> (3, "ordinal", ""); years are left to times."""
    tokens = list(span)
    if not tokens:
        return ()
    start, end = tokens[0].i, tokens[-1].i + 1
    if [t.i for t in tokens] != list(range(start, end)):
        raise ValueError("quantities_in reads a run of consecutive tokens of one parse")
    doc = tokens[0].doc
    return _quantities(_Parse(doc), start, end)


def _quantities(p: _Parse, start: int, end: int) -> tuple[tuple[float, str, str], ...]:
    """:func:`quantities_in` of tokens ``start`` to ``end`` (exclusive), read from the arrays; only the tokens
    a quantity can start at are looked at (:meth:`_Parse.number_starts`; the scale words a number takes,
    "million", are never one)."""
    found: list[tuple[float, str, str]] = []
    for i in p.number_starts(start, end):
        text, lower = p.text[i], p.lower[i]
        ordinal = _ORDINAL_SUFFIX.match(text)
        if ordinal or (lower in ORDINALS and p.dep[i] == "amod" and lower != "second"):
            found.append((float(ordinal.group(1)) if ordinal else ORDINALS[lower], "ordinal", ""))
            continue
        value = _value(lower)
        if value is None or _is_year(text, value) or p.doc[i].ent_type_ in ("DATE", "TIME") and \
                _unit(p, i, i) not in ("h", "min", "s", "d", "wk", "mo", "y"):
            continue
        last = i
        while last + 1 < end and p.lower[last + 1] in SCALES:
            value *= SCALES[p.lower[last + 1]]
            last += 1
        found.append((value, _unit(p, i, last), _qualifier(p, i)))
    return tuple(found)


class _Parse:
    """The parse as Python lists, read from arrays once per article: the claims of an article walk the
    same subtrees and children many times, and a Python Token per visit cost more than the claims' tests."""

    def __init__(self, doc: Doc) -> None:
        self.doc = doc
        n = len(doc)
        attrs = [HEAD, DEP, POS, LEMMA, ORTH, IDX, IS_PUNCT, IS_SPACE, SPACY]
        columns = doc.to_array(attrs) if n else np.zeros((0, len(attrs)), dtype=np.uint64)
        strings = doc.vocab.strings
        deps, pos, lemmas, orths, idx, punct, space, spaces = columns[:, 1:].T.tolist()
        name = {v: strings[v] for v in {*deps, *pos, *lemmas, *orths}}
        self.dep = [name[v] for v in deps]
        self.pos = [name[v] for v in pos]
        self.lemma = [name[v].lower() for v in lemmas]
        self.text = [name[v] for v in orths]
        self.lower = [t.lower() for t in self.text]  # a lexeme's LOWER is its text lower-cased
        self.idx: list[int] = idx
        self.with_ws = [t + " " if sp else t for t, sp in zip(self.text, spaces, strict=True)]
        self.edge = [bool(a or b) for a, b in zip(punct, space, strict=True)]
        self.string = "".join(self.with_ws)  # the doc's text (spaCy's own makes a Token of every word)
        tokens = np.arange(n)
        heads = columns[:, 0].astype(np.int64) + tokens  # to_array's HEAD is relative
        self.head: list[int] = heads.tolist()
        # each token's children, in order, as slices of one list: a list per token would be tens of thousands
        # of objects alive through the article, which the garbage collector then walks again and again
        children = np.flatnonzero(heads != tokens)
        by_head = children[np.argsort(heads[children], kind="stable")]
        self._kids: list[int] = by_head.tolist()
        self._first_kid: list[int] = np.searchsorted(heads[by_head], np.arange(n + 1)).tolist()
        self._subtrees: dict[int, list[int]] = {}
        first, last, nested = _projective(heads)
        self._first: list[int] = first.tolist()
        self._last: list[int] = last.tolist()
        self._nested: list[bool] = nested.tolist()

        verbal = {v for v in set(pos) if name[v] in _VERBAL}
        clauses = {v for v in set(deps) if name[v] in CLAUSES}
        #: tokens that may be predicates (:func:`_is_predicate`: a verb or auxiliary heading a clause)
        self.maybe_predicates = [i for i, (d, t) in enumerate(zip(deps, pos, strict=True))
                                 if t in verbal and d in clauses]
        #: tokens with a conjunct to their right (:func:`_conjuncts` of the others is empty)
        self.coordinated = {h for i, (h, d) in enumerate(zip(self.head, self.dep, strict=True))
                            if d == "conj" and h < i}
        self._numbers = _number_starts(self)

    def kids(self, i: int) -> list[int]:
        """``Token.children``'s indices: the tokens whose head is ``i``, in order."""
        return self._kids[self._first_kid[i] : self._first_kid[i + 1]]

    def subtree(self, i: int) -> list[int]:
        """``Token.subtree``'s indices, in its order: each left child's subtree, the token, each right one's.
        That is a range of tokens where no arc below ``i`` crosses another; elsewhere it is walked with a
        stack (a long chain of conjuncts is as deep as it is long)."""
        found = self._subtrees.get(i)
        if found is None:
            if self._nested[i]:
                found = list(range(self._first[i], self._last[i] + 1))
            else:
                found = self._walk(i)
            self._subtrees[i] = found
        return found

    def _walk(self, i: int) -> list[int]:
        found: list[int] = []
        stack: list[tuple[int, bool]] = [(i, False)]
        while stack:
            node, expanded = stack.pop()
            if expanded:
                found.append(node)
                continue
            kids = self.kids(node)
            stack.extend((kid, False) for kid in reversed(kids) if kid > node)
            stack.append((node, True))
            stack.extend((kid, False) for kid in reversed(kids) if kid < node)
        return found

    def left_edge(self, i: int) -> int:
        """spaCy's own ``left_edge`` (not the subtree's first token: spaCy's edges can lag behind a
        non-projective parse, and the claims have always read its edges)."""
        return int(self.doc[i].left_edge.i)

    def right_edge(self, i: int) -> int:
        return int(self.doc[i].right_edge.i)

    def nested(self, i: int) -> bool:
        """Is ``i``'s subtree nested: every subtree in it a run of consecutive tokens (:func:`_projective`)?"""
        return self._nested[i]

    def first(self, i: int) -> int:
        """The first token of ``i``'s subtree (which spaCy's ``left_edge`` may not be, see there)."""
        return self._first[i]

    def last(self, i: int) -> int:
        return self._last[i]

    def end_with_ws(self, i: int) -> int:
        """Where token ``i`` and its trailing space end in the text."""
        return self.idx[i + 1] if i + 1 < len(self.idx) else len(self.string)

    def span_text(self, first: int, last: int) -> str:
        """``doc[first : last + 1].text``."""
        return self.string[self.idx[first] : self.idx[last] + len(self.text[last])]

    def number_starts(self, start: int, end: int) -> list[int]:
        """The tokens from ``start`` to ``end`` (exclusive) a quantity may start at (:func:`_quantities`)."""
        return self._numbers[bisect_left(self._numbers, start) : bisect_left(self._numbers, end)]


_RANKS = frozenset(ORDINALS) - {"second"}
_ANY_DIGIT = re.compile(r"\d")


def _number_starts(p: _Parse) -> list[int]:
    """The tokens a quantity may start at: number words, ordinal words as modifiers, and those of the tokens
    holding a digit (the article's text is searched for digits once) that are an ordinal ("3rd") or digits
    with a value (:func:`_value`)."""
    digits = {bisect_right(p.idx, m.start()) - 1 for m in _ANY_DIGIT.finditer(p.string)}
    found = {i for i in digits if _ORDINAL_SUFFIX.match(p.text[i]) or _DIGITS.match(p.lower[i])}
    found.update(i for i, w in enumerate(p.lower) if w in WORD_NUMBERS or (w in _RANKS and p.dep[i] == "amod"))
    return sorted(found)


def _projective(heads: np.ndarray) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Each token's first and last descendant, and whether its subtree is nested (every subtree in it a
    run of consecutive tokens, so that it is the run from first to last, in order), found by climbing from
    every token to its root at once (as many numpy steps as the tree is deep)."""
    n = len(heads)
    tokens = np.arange(n)
    first, last, size = tokens.copy(), tokens.copy(), np.ones(n, dtype=np.int64)
    climbers = _climb(heads)
    if climbers is None:  # not a tree (no parser makes one): walk every subtree
        return first, last, np.zeros(n, dtype=bool)
    for below, above in climbers:
        np.minimum.at(first, above, below)
        np.maximum.at(last, above, below)
        np.add.at(size, above, 1)
    nested = size == last - first + 1
    for below, above in climbers:
        nested[above[~nested[below]]] = False
    return first, last, nested


def _climb(heads: np.ndarray) -> list[tuple[np.ndarray, np.ndarray]] | None:
    """(tokens, their ancestors one more step up) for each step from every token towards its root; None
    when the heads are not a tree."""
    at = who = np.arange(len(heads))
    steps: list[tuple[np.ndarray, np.ndarray]] = []
    for _ in range(len(heads)):
        moving = heads[at] != at
        at, who = heads[at[moving]], who[moving]
        if len(at) == 0:
            return steps
        steps.append((who, at))
    return None


_VERBAL = ("VERB", "AUX")
_NOUNS = ("PROPN", "NOUN")
_FRAMING = REPORTING | frozenset(FRAMES)


def _is_reporting(p: _Parse, i: int) -> bool:
    """:func:`~.quoting.speakers.is_reporting`, read from the arrays."""
    return p.pos[i] in _VERBAL and p.lemma[i] in REPORTING


def _is_predicate(p: _Parse, i: int) -> bool:
    pos, dep = p.pos[i], p.dep[i]
    if pos not in _VERBAL:
        return False
    if pos == "AUX" and dep not in ("ROOT", "conj", "ccomp"):
        return False
    if dep == "xcomp" or dep in ("amod", "acl", "pcomp", "csubj", "compound"):
        return False
    return dep in CLAUSES and not (dep == "conj" and p.pos[p.head[i]] not in _VERBAL)


def _own_tokens(p: _Parse, verb: int) -> list[int]:
    """The verb's subtree without clauses that are claims of their own (conjoined or reported verbs)."""
    skip: set[int] = set()
    for child in p.kids(verb):
        dep = p.dep[child]
        if dep == "conj" and _is_predicate(p, child):
            skip.update(p.subtree(child))
            skip.update(c for c in p.kids(verb) if p.dep[c] == "cc" and c < child)
        elif dep in ("ccomp", "parataxis", "advcl", "relcl") and _is_predicate(p, child):
            if dep == "ccomp" and _is_reporting(p, verb):
                continue  # "X said that Y": Y is the speaker's claim, the saying is not a claim
            skip.update(p.subtree(child))
    return [t for t in p.subtree(verb) if t not in skip]


def _edge(p: _Parse, i: int, deps: tuple[str, ...]) -> bool:
    return p.edge[i] or p.dep[i] in deps


def _bounds(p: _Parse, verb: int, tokens: list[int], min_tokens: int) -> tuple[int, int] | None:
    """A contiguous token range around the verb, trimmed of punctuation, conjunctions and 'that'."""
    ids = set(tokens)
    start, end = verb, verb + 1
    while start - 1 in ids:
        start -= 1
    while end in ids:
        end += 1
    while start < verb and _edge(p, start, ("cc", "mark")):
        start += 1
    while end - 1 > verb and _edge(p, end - 1, ("cc",)):
        end -= 1
    return (start, end) if end - start >= min_tokens else None


def _subject(p: _Parse, verb: int) -> int | None:
    for _ in range(3):
        found = next((c for c in p.kids(verb) if p.dep[c] in SUBJECTS), None)
        if found is not None or p.dep[verb] not in ("conj", "xcomp"):
            return found
        verb = p.head[verb]  # "X arrived and met Y": the second verb shares X
    return None


def _phrase(p: _Parse, token: int | None) -> str | None:
    if token is None:
        return None
    cut = [c for c in p.kids(token) if p.dep[c] in ("relcl", "appos", "acl")]
    if not cut and p.nested(token):  # the subtree is a run of tokens: its text is a slice
        text = p.string[p.idx[p.first(token)] : p.end_with_ws(p.last(token))]
    else:
        skip = {t for c in cut for t in p.subtree(c)}
        text = "".join([p.with_ws[t] for t in p.subtree(token) if t not in skip])
    return text.strip(" ,\n") or None


def _object(p: _Parse, verb: int) -> int | None:
    for child in p.kids(verb):
        if p.dep[child] in OBJECTS and not (p.dep[child] == "ccomp" and _is_predicate(p, child)):
            return child
    prep = next((c for c in p.kids(verb) if p.dep[c] in ("prep", "agent")), None)
    return next((c for c in p.kids(prep) if p.dep[c] == "pobj"), None) if prep is not None else None


def _conjuncts(p: _Parse, i: int) -> list[int]:
    """``Token.conjuncts`` of a token that is not itself a conjunct: its right ``conj`` children, theirs, ..."""
    queue = [i]
    for word in queue:
        queue.extend(c for c in p.kids(word) if c > word and p.dep[c] == "conj")
    return queue[1:]


def _items(p: _Parse, tokens: Sequence[int]) -> tuple[str, ...]:
    """Members of the first coordinated noun list among the claim's own words."""
    for token in tokens:
        if token not in p.coordinated or p.pos[token] not in _NOUNS or p.dep[token] == "conj":
            continue
        conjuncts = [c for c in _conjuncts(p, token) if p.pos[c] in _NOUNS]
        if conjuncts:
            return tuple(_compound(p, t) for t in [token, *sorted(conjuncts)])
    return ()


def _compound(p: _Parse, token: int) -> str:
    left = [c for c in p.kids(token) if c < token and p.dep[c] in ("compound", "amod", "nummod")]
    return p.span_text(min([token, *left]), token)


def _negated(p: _Parse, verb: int, frame: int | None, subject: int | None, obj: int | None) -> bool:
    kids = p.kids(verb)
    if any(p.dep[c] == "neg" for c in kids):
        return True
    if any(p.lower[c] == "yet" for c in kids) and any(p.dep[c] == "xcomp" for c in kids):
        return True  # "has yet to endorse": not done
    if p.lemma[verb] in DENY:
        return True
    if frame is not None and p.lemma[frame] in DENY:
        return True  # "X denied that Y": Y is asserted as not so
    return any(n is not None and any(p.lower[c] in ("no", "none") for c in p.kids(n) if p.dep[c] == "det")
               for n in (obj, subject))


def _frame(p: _Parse, verb: int) -> int | None:
    """The verb whose clausal complement this claim is ("officials warned [that X could ...]")."""
    head = verb
    for _ in range(3):
        if p.dep[head] not in ("ccomp", "xcomp", "conj") or p.head[head] == head:
            return None
        head = p.head[head]
        if p.dep[head] != "conj" and p.pos[head] in _VERBAL:
            return head
    return None


def _modality(p: _Parse, verb: int, frame: int | None) -> str | None:
    own = FRAMES.get(p.lemma[verb])
    if own == "denied":
        return own
    if frame is not None and p.lemma[frame] in FRAMES:
        return FRAMES[p.lemma[frame]]
    aux = next((MODALS[p.lower[c]] for c in p.kids(verb) if p.dep[c] == "aux" and p.lower[c] in MODALS), None)
    return aux or own


def _according(p: _Parse, verb: int) -> tuple[str, str] | None:
    """'according to X' on this verb (or on the clause holding it): X and whether X is a news outlet."""
    for node in (verb, p.head[verb]):
        for child in p.kids(node):
            if p.lower[child] != "according":
                continue
            to = next((c for c in p.kids(child) if p.lower[c] == "to"), None)
            source = next((c for c in p.kids(to) if p.dep[c] == "pobj"), None) if to is not None else None
            if source is not None:
                words = {p.lower[t] for t in p.subtree(source)}
                text = p.span_text(p.left_edge(source), p.right_edge(source))
                return text, "media" if words & MEDIA_WORDS else "speaker"
    return None


def _asserted(p: _Parse, verb: int, frame: int | None, start: int, end: int, quotes: Sequence[Quote],
              quote_at: Extents | None = None) -> tuple[str | None, str]:
    """(who asserts the claim, "outlet" | "speaker" | "media")."""
    according = _according(p, verb)
    if according is not None:
        return according
    if frame is not None and p.lemma[frame] in _FRAMING:
        speaker = speaker_of(p.doc[frame])
        if speaker is not None:
            words = {t.lower_ for t in speaker}
            return speaker.text, "media" if words & MEDIA_WORDS and not words & {"he", "she"} else "speaker"
    if quote_at is None:
        inside = next((q for q in quotes if q.span.start <= start and end <= q.span.end + 1), None)
    else:
        holding = quote_at.holding(start, end, slack=1)
        inside = quotes[holding[0]] if holding else None
    if inside is not None and inside.speaker_text:
        return inside.speaker_text, "speaker"
    return None, "outlet"


class _Around:
    """The article's places, times and quotes, indexed once for every claim of it."""

    def __init__(self, article: Article) -> None:
        self.places = [m for m in article.mentions if m.type in PLACE_TYPES]
        self.place_at = Extents((m.span.start, m.span.end) for m in self.places)
        self.time_at = Extents((t.span.start, t.span.end) for t in article.times)
        self.quote_at = Extents((q.span.start, q.span.end) for q in article.quotes)


def _claim(article: Article, p: _Parse, verb: int, n: int, config: ClaimsConfig, around: _Around) -> Claim | None:
    if _is_reporting(p, verb) and any(p.dep[c] == "ccomp" and _is_predicate(p, c) for c in p.kids(verb)):
        return None  # the saying itself; the reported clause is the claim
    tokens = _own_tokens(p, verb)
    bounds = _bounds(p, verb, tokens, config.min_tokens)
    if bounds is None:
        return None
    subject = _subject(p, verb)
    if subject is not None and bounds[0] <= subject < bounds[1]:
        bounds = (min(bounds[0], p.left_edge(subject)), bounds[1])
    first, last = bounds[0], bounds[1] - 1
    start, end = p.idx[first], p.idx[last] + len(p.text[last])
    own = [t for t in tokens if bounds[0] <= t < bounds[1]]
    quantities = _quantities(p, bounds[0], bounds[1])
    frame, obj = _frame(p, verb), _object(p, verb)
    asserted_by, source = _asserted(p, verb, frame, start, end, article.quotes, around.quote_at)
    places = tuple(around.places[k].text for k in around.place_at.overlapping(start, end))
    times = tuple(t.value or t.text for t in (article.times[k] for k in around.time_at.overlapping(start, end)))
    return Claim(
        id=f"{article.id}-c{n}", span=Span(article.id, start, end), text=article.text[start:end],
        asserted_by=asserted_by, numbers=tuple(_number_text(q) for q in quantities),
        negated=_negated(p, verb, frame, subject, obj), subject=_phrase(p, subject), predicate=p.lemma[verb],
        object=_phrase(p, obj), places=places, times=times, items=_items(p, own), quantities=quantities,
        modality=_modality(p, verb, frame), source=source,  # type: ignore[arg-type]
    )


def _number_text(quantity: tuple[float, str, str]) -> str:
    value, unit, qualifier = quantity
    shown = f"{value:g}" if value < 1e15 else f"{value:.3e}"
    text = f"ordinal {shown}" if unit == "ordinal" else f"{shown} {unit}".strip()
    return f"{qualifier} {text}" if qualifier else text


def find_claims(article: Article, doc: Doc, config: ClaimsConfig = _DEFAULTS) -> tuple[Claim, ...]:
    """Every claim in ``article`` in text order; ``doc`` must be the parse of exactly ``article.text``."""
    p = _Parse(doc)
    if p.string != article.text:
        raise ValueError(f"article {article.id!r}: doc is not the parse of article.text")
    claims: list[Claim] = []
    around = _Around(article)
    for i in p.maybe_predicates:
        if _is_predicate(p, i):
            claim = _claim(article, p, i, len(claims) + 1, config, around)
            if claim is not None:
                claims.append(claim)
    claims.sort(key=lambda c: (c.span.start, c.span.end))
    return tuple(c if c.id == f"{article.id}-c{n}" else evolve(c, id=f"{article.id}-c{n}")
                 for n, c in enumerate(claims, 1))


def _claims(article: Article, context: Context) -> Article:
    doc = parse(article, context.settings.spacy_model)
    return evolve(article, claims=find_claims(article, doc, context.settings.of(ClaimsConfig)))


STAGE: Stage[Article] = Stage(
    name="claims", kind="article", func=_claims, requires=frozenset({"text", "mentions", "quotes", "times"}),
    provides=frozenset({"claims"}), config=ClaimsConfig,
    help="Atomic statements: who did what to whom, when and where, with numbers, source and negation.",
)
