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
from collections.abc import Sequence
from dataclasses import dataclass
from typing import ClassVar

from spacy.attrs import DEP, POS
from spacy.tokens import Doc, Token
from spacy.tokens import Span as SpacySpan

from ..config import param
from ..model import Article, Claim, Quote, Span, evolve
from ..pipeline import Context, Stage
from .arrays import text_of
from .extents import Extents
from .nlp import parse
from .quoting.speakers import REPORTING, is_reporting, speaker_of

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


def _value(token: Token) -> float | None:
    text = token.lower_
    if text in WORD_NUMBERS:
        return WORD_NUMBERS[text]
    match = _DIGITS.match(text)
    if match is None:
        return None
    value = float(match.group(1).replace(",", ""))
    return value * SCALES[match.group(2).lower()] if match.group(2) else value


def _qualifier(doc: Doc, i: int) -> str:
    for token in doc[max(0, i - 3) : i]:
        if token.lower_ in QUALIFIERS:
            return QUALIFIERS[token.lower_]
    return ""


def _unit(doc: Doc, first: int, last: int) -> str:
    before = doc[first - 1].text if first > 0 else ""
    after = doc[last + 1] if last + 1 < len(doc) else None
    if "%" in doc[last].text or (after is not None and after.lower_ in ("%", "percent", "per")):
        return "%"
    if before in ("$", "£", "€") or doc[first].text[:1] in "$£€":
        return "$" if "$" in (before + doc[first].text[:1]) else (before or doc[first].text[:1])
    head = doc[last].head if doc[last].dep_ in ("nummod", "quantmod", "compound") else after
    if head is not None and head.lower_ == "of":  # "157 of 338 seats": the seats of the whole
        whole = next((c for c in head.children if c.dep_ == "pobj"), None)
        head = whole.head if whole is not None and whole.like_num and whole.dep_ == "nummod" else whole
    while head is not None and head.dep_ == "compound" and head.head.i > head.i:
        head = head.head
    if head is None or head.pos_ not in ("NOUN", "PROPN"):
        return ""
    lemma = head.lemma_.lower()
    return UNITS.get(lemma, lemma)


def _is_year(token: Token, value: float) -> bool:
    return value.is_integer() and 1900 <= value <= 2100 and token.text.isdigit() and len(token.text) == 4


def quantities_in(span: Sequence[Token] | SpacySpan) -> tuple[tuple[float, str, str], ...]:
    """Numbers in a run of tokens, normalised as (value, unit, qualifier): "five hours" -> (5, "h", "");
    "$1.9 trillion" -> (1.9e12, "$", ""); "3rd brigade" -> (3, "ordinal", ""); years are left to times."""
    found: list[tuple[float, str, str]] = []
    tokens = list(span)
    k = 0
    while k < len(tokens):
        token = tokens[k]
        ordinal = _ORDINAL_SUFFIX.match(token.text)
        if ordinal or (token.lower_ in ORDINALS and token.dep_ == "amod" and token.lower_ != "second"):
            found.append((float(ordinal.group(1)) if ordinal else ORDINALS[token.lower_], "ordinal", ""))
            k += 1
            continue
        value = _value(token)
        if value is None or _is_year(token, value) or token.ent_type_ in ("DATE", "TIME") and \
                _unit(token.doc, token.i, token.i) not in ("h", "min", "s", "d", "wk", "mo", "y"):
            k += 1
            continue
        last = k
        while last + 1 < len(tokens) and tokens[last + 1].lower_ in SCALES:
            value *= SCALES[tokens[last + 1].lower_]
            last += 1
        doc = token.doc
        found.append((value, _unit(doc, token.i, tokens[last].i), _qualifier(doc, token.i)))
        k = last + 1
    return tuple(found)


def _is_predicate(token: Token) -> bool:
    if token.pos_ not in ("VERB", "AUX"):
        return False
    if token.pos_ == "AUX" and token.dep_ not in ("ROOT", "conj", "ccomp"):
        return False
    if token.dep_ == "xcomp" or token.dep_ in ("amod", "acl", "pcomp", "csubj", "compound"):
        return False
    return token.dep_ in CLAUSES and not (token.dep_ == "conj" and token.head.pos_ not in ("VERB", "AUX"))


def _own_tokens(verb: Token) -> list[Token]:
    """The verb's subtree without clauses that are claims of their own (conjoined or reported verbs)."""
    skip: set[int] = set()
    for child in verb.children:
        if child.dep_ == "conj" and _is_predicate(child):
            skip.update(t.i for t in child.subtree)
            skip.update(c.i for c in verb.children if c.dep_ == "cc" and c.i < child.i)
        elif child.dep_ in ("ccomp", "parataxis", "advcl", "relcl") and _is_predicate(child):
            if is_reporting(verb) and child.dep_ == "ccomp":
                continue  # "X said that Y": Y is the speaker's claim, the saying is not a claim
            skip.update(t.i for t in child.subtree)
    return [t for t in verb.subtree if t.i not in skip]


def _edge(token: Token, deps: tuple[str, ...]) -> bool:
    return token.is_punct or token.is_space or token.dep_ in deps


def _bounds(verb: Token, tokens: list[Token], min_tokens: int) -> tuple[int, int] | None:
    """A contiguous token range around the verb, trimmed of punctuation, conjunctions and 'that'."""
    ids = {t.i for t in tokens}
    start, end = verb.i, verb.i + 1
    while start - 1 in ids:
        start -= 1
    while end in ids:
        end += 1
    doc = verb.doc
    while start < verb.i and _edge(doc[start], ("cc", "mark")):
        start += 1
    while end - 1 > verb.i and _edge(doc[end - 1], ("cc",)):
        end -= 1
    return (start, end) if end - start >= min_tokens else None


def _subject(verb: Token) -> Token | None:
    for _ in range(3):
        found = next((c for c in verb.children if c.dep_ in SUBJECTS), None)
        if found is not None or verb.dep_ not in ("conj", "xcomp"):
            return found
        verb = verb.head  # "X arrived and met Y": the second verb shares X
    return None


def _phrase(token: Token | None) -> str | None:
    if token is None:
        return None
    cut = {t.i for c in token.children if c.dep_ in ("relcl", "appos", "acl") for t in c.subtree}
    words = [t.text_with_ws for t in token.subtree if t.i not in cut]
    return "".join(words).strip(" ,\n") or None


def _object(verb: Token) -> Token | None:
    for child in verb.children:
        if child.dep_ in OBJECTS and not (child.dep_ == "ccomp" and _is_predicate(child)):
            return child
    prep = next((c for c in verb.children if c.dep_ in ("prep", "agent")), None)
    return next((c for c in prep.children if c.dep_ == "pobj"), None) if prep is not None else None


def _items(tokens: Sequence[Token]) -> tuple[str, ...]:
    """Members of the first coordinated noun list among the claim's own words."""
    for token in tokens:
        conjuncts = [c for c in token.conjuncts if c.pos_ in ("PROPN", "NOUN")]
        if token.pos_ in ("PROPN", "NOUN") and conjuncts and token.dep_ != "conj":
            members = [token, *sorted(conjuncts, key=lambda t: t.i)]
            return tuple(_compound(t) for t in members)
    return ()


def _compound(token: Token) -> str:
    left = [c for c in token.lefts if c.dep_ in ("compound", "amod", "nummod")]
    start = min([token.i] + [c.i for c in left])
    return token.doc[start : token.i + 1].text


def _negated(verb: Token, tokens: Sequence[Token]) -> bool:
    if any(c.dep_ == "neg" for c in verb.children):
        return True
    if any(c.lower_ == "yet" for c in verb.children) and any(c.dep_ == "xcomp" for c in verb.children):
        return True  # "has yet to endorse": not done
    if verb.lemma_.lower() in DENY:
        return True
    frame = _frame(verb)
    if frame is not None and frame.lemma_.lower() in DENY:
        return True  # "X denied that Y": Y is asserted as not so
    nouns = (_object(verb), _subject(verb))
    return any(n is not None and any(c.lower_ in ("no", "none") for c in n.children if c.dep_ == "det")
               for n in nouns)


def _frame(verb: Token) -> Token | None:
    """The verb whose clausal complement this claim is ("officials warned [that X could ...]")."""
    head = verb
    for _ in range(3):
        if head.dep_ not in ("ccomp", "xcomp", "conj") or head.head.i == head.i:
            return None
        head = head.head
        if head.dep_ != "conj" and head.pos_ in ("VERB", "AUX"):
            return head
    return None


def _modality(verb: Token) -> str | None:
    own = FRAMES.get(verb.lemma_.lower())
    if own == "denied":
        return own
    frame = _frame(verb)
    if frame is not None and frame.lemma_.lower() in FRAMES:
        return FRAMES[frame.lemma_.lower()]
    aux = next((MODALS[c.lower_] for c in verb.children if c.dep_ == "aux" and c.lower_ in MODALS), None)
    return aux or own


def _according(verb: Token) -> tuple[str, str] | None:
    """'according to X' on this verb (or on the clause holding it): X and whether X is a news outlet."""
    for node in (verb, verb.head):
        for child in node.children:
            if child.lower_ != "according":
                continue
            to = next((c for c in child.children if c.lower_ == "to"), None)
            source = next((c for c in to.children if c.dep_ == "pobj"), None) if to is not None else None
            if source is not None:
                words = {t.lower_ for t in source.subtree}
                text = source.doc[source.left_edge.i : source.right_edge.i + 1].text
                return text, "media" if words & MEDIA_WORDS else "speaker"
    return None


def _asserted(verb: Token, start: int, end: int, quotes: Sequence[Quote], quote_at: Extents | None = None
              ) -> tuple[str | None, str]:
    """(who asserts the claim, "outlet" | "speaker" | "media")."""
    according = _according(verb)
    if according is not None:
        return according
    frame = _frame(verb)
    if frame is not None and frame.lemma_.lower() in REPORTING | set(FRAMES):
        speaker = speaker_of(frame)
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


def _claim(article: Article, doc: Doc, verb: Token, n: int, config: ClaimsConfig,
           around: _Around | None = None) -> Claim | None:
    tokens = _own_tokens(verb)
    bounds = _bounds(verb, tokens, config.min_tokens)
    if bounds is None:
        return None
    subject = _subject(verb)
    if subject is not None and bounds[0] <= subject.i < bounds[1]:
        bounds = (min(bounds[0], subject.left_edge.i), bounds[1])
    start, end = doc[bounds[0]].idx, doc[bounds[1] - 1].idx + len(doc[bounds[1] - 1].text)
    if is_reporting(verb) and any(c.dep_ == "ccomp" and _is_predicate(c) for c in verb.children):
        return None  # the saying itself; the reported clause is the claim
    own = [t for t in tokens if bounds[0] <= t.i < bounds[1]]
    quantities = quantities_in(doc[bounds[0] : bounds[1]])
    around = around or _Around(article)
    asserted_by, source = _asserted(verb, start, end, article.quotes, around.quote_at)
    places = tuple(around.places[k].text for k in around.place_at.overlapping(start, end))
    times = tuple(t.value or t.text for t in (article.times[k] for k in around.time_at.overlapping(start, end)))
    return Claim(
        id=f"{article.id}-c{n}", span=Span(article.id, start, end), text=article.text[start:end],
        asserted_by=asserted_by, numbers=tuple(_number_text(q) for q in quantities),
        negated=_negated(verb, own), subject=_phrase(subject), predicate=verb.lemma_.lower(),
        object=_phrase(_object(verb)), places=places, times=times,
        items=_items(own), quantities=quantities, modality=_modality(verb), source=source,  # type: ignore[arg-type]
    )


def _number_text(quantity: tuple[float, str, str]) -> str:
    value, unit, qualifier = quantity
    shown = f"{value:g}" if value < 1e15 else f"{value:.3e}"
    text = f"ordinal {shown}" if unit == "ordinal" else f"{shown} {unit}".strip()
    return f"{qualifier} {text}" if qualifier else text


def _maybe_predicates(doc: Doc) -> list[int]:
    """The tokens that may be predicates (:func:`_is_predicate`: a verb or auxiliary heading a clause), read
    from arrays so that only they become Python Tokens."""
    if len(doc) == 0:
        return []
    pos, dep = doc.to_array([POS, DEP]).T.tolist()
    strings = doc.vocab.strings
    verbal = {p for p in set(pos) if strings[p] in ("VERB", "AUX")}
    clauses = {d for d in set(dep) if strings[d] in CLAUSES}
    return [i for i, (p, d) in enumerate(zip(pos, dep, strict=True)) if p in verbal and d in clauses]


def find_claims(article: Article, doc: Doc, config: ClaimsConfig = _DEFAULTS) -> tuple[Claim, ...]:
    """Every claim in ``article`` in text order; ``doc`` must be the parse of exactly ``article.text``."""
    if text_of(doc) != article.text:
        raise ValueError(f"article {article.id!r}: doc is not the parse of article.text")
    claims: list[Claim] = []
    around = _Around(article)
    for i in _maybe_predicates(doc):
        token = doc[i]
        if _is_predicate(token):
            claim = _claim(article, doc, token, len(claims) + 1, config, around)
            if claim is not None:
                claims.append(claim)
    claims.sort(key=lambda c: (c.span.start, c.span.end))
    return tuple(evolve(c, id=f"{article.id}-c{n}") for n, c in enumerate(claims, 1))


def _claims(article: Article, context: Context) -> Article:
    doc = parse(article, context.settings.spacy_model)
    return evolve(article, claims=find_claims(article, doc, context.settings.of(ClaimsConfig)))


STAGE: Stage[Article] = Stage(
    name="claims", kind="article", func=_claims, requires=frozenset({"text", "mentions", "quotes", "times"}),
    provides=frozenset({"claims"}), config=ClaimsConfig,
    help="Atomic statements: who did what to whom, when and where, with numbers, source and negation.",
)
