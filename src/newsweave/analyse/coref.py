"""Within-article coreference from spaCy's parse and a few rules (no neural model is available offline).

Names and their short forms ("Mr Kim", "Kim") are linked later by the name rules of
:mod:`newsweave.group.entities`, run on one article or many. This module adds what names alone cannot
link, each as a :class:`~newsweave.model.Mention` whose ``link`` says how it refers and ``antecedent``
(a span of the same article) to which name:

- *appositions* and *predicate nominatives*: "Lena Varga, the head of the agency" and "Varga is the
  agency's head" give the description mention "the head of the agency" (link ``description``, antecedent
  the name) and the name gets the description as its role ("head of the agency"), in either order
  ("the agency's head, Lena Varga"); a kinship description ("Carter's late father, William Carter")
  marks its possessor with link ``relative`` to the name, so relatives sharing a family name stay apart;
- *definite descriptions* ("the company", "the Ruritanian president"): linked to the named entity whose
  role shares the head noun, or else to the nearest earlier name of the right kind in the last few
  sentences; a description with no antecedent is not kept;
- *pronouns* (he, she, his, her...; it and its for organisations): to the nearest earlier person (or
  organisation) in the same or previous sentence whose gender, where the article shows it, agrees
  (:func:`_genders`: an honorific, a kinship role, or pronouns that have only that person to refer to);
  "she" never joins a man the article calls "Mr" or "he" alone;
- *metonyms*: a capital or seat of government used as an actor ("Moscow said", "the Kremlin's
  response") keeps its place type and gets link ``metonym`` with ``metonym_of`` ``"government"``.

:func:`refers_to` gives the antecedent of a description or pronoun; the entity resolver
(:mod:`newsweave.group.entities`) attaches the mention to the name mention there.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Sequence
from typing import Literal

from spacy.attrs import LEMMA, LOWER
from spacy.tokens import Doc, Token

from ..model import Article, CorefLink, Mention, Span, evolve
from .arrays import where
from .extents import Extents

__all__ = ["ANAPHOR_KINDS", "METONYM", "PRONOUN_GENDER", "MentionRole", "corefer", "describe_link", "mention_role",
           "refers_to"]

ANAPHOR_KINDS: tuple[CorefLink, ...] = ("description", "pronoun")
#: What a seat of government used as an actor stands for (``Mention.metonym_of``).
METONYM = "government"
PERSON_NOUNS = frozenset(
    "president leader minister spokesman spokeswoman spokesperson chief head chairman chairwoman "
    "secretary governor senator actor actress singer star player coach director executive officer "
    "founder premier chancellor king queen prince mayor commander general ambassador envoy "
    "lawyer attorney judge rapper musician model manager boss captain pitcher quarterback "
    "striker footballer ceo".split()
)
ORG_NOUNS = frozenset(
    "company firm airline carrier manufacturer maker group team club bank agency automaker "
    "retailer giant corporation ministry party union brigade unit army regiment battalion".split()
)
KIN_NOUNS = frozenset(
    "father mother son daughter brother sister wife husband uncle aunt nephew niece cousin grandfather "
    "grandmother grandson granddaughter widow widower parent child".split()
)
#: Nouns for a person beyond the role nouns above (with :data:`_PERSON_SUFFIXES`): what a description in
#: apposition to, or predicated of, a person must be headed by ("Lena Varga, a staunch ally" — never
#: "Varga, a chorus of cheers" or "Varga is fertile ground"). spaCy's small model has no word senses and
#: WordNet is not packaged here, so the list is kept by hand.
OTHER_PERSON_NOUNS = frozenset(
    "ally rival candidate nominee aide friend critic official politician delegate representative mogul host "
    "anchor victim suspect citizen man woman boy girl person figure heir icon legend hero spouse widow "
    "colleague protege deputy analyst expert chef athlete champion teen child kid adult native refugee "
    "conservative liberal moderate independent billionaire millionaire tycoon magnate owner chair hopeful "
    "contender speaker whip veteran incumbent favorite frontrunner republican democrat mayor "
    "priest pastor bishop pope cardinal rabbi imam monk nun dad mom fan guest".split()
)
_PERSON_SUFFIXES = ("er", "or", "ist", "ant", "ent", "ian", "man", "woman", "ee", "ess", "ive", "ary")
#: Frequent news nouns with those endings that never stand for a person ("his ouster", "the government").
NOT_PERSON_NOUNS = frozenset(
    "ouster order number matter border center centre power paper water letter corner chapter quarter danger "
    "cancer career weather answer error factor sector mirror honor honour labor labour color colour favor "
    "terror monitor government department statement moment comment agreement movement development management "
    "environment parliament incident accident percent event content payment settlement investment treatment "
    "document element argument requirement announcement appointment assessment commitment equipment "
    "restaurant plant tenant variant grant objective initiative alternative perspective library summary "
    "anniversary territory boundary salary primary commentary documentary dictionary itinerary vocabulary "
    "address access success progress congress business witness illness".split()
)
#: Organisation nouns of a particular kind, which describe only a name holding them ("the brigade").
NAMED_ORG_NOUNS = frozenset("brigade unit army regiment battalion ministry party union".split())
PLACE_NOUNS = frozenset("country nation city town state island region province village".split())
#: Place nouns for a settlement and for a country: "the state" is never a city the article names as one.
SETTLEMENT_NOUNS = frozenset("city town village capital port".split())
POLITY_NOUNS = frozenset("country nation state".split())
#: Person nouns that are an office or rank held ("the president", "the head of the agency"), not an
#: occupation or a description ("the actress").
TITLE_NOUNS = PERSON_NOUNS - frozenset(
    "actor actress singer star player lawyer rapper musician model pitcher quarterback striker footballer "
    "founder".split()
)
MentionRole = Literal["name", "title", "description", "pronoun"]
_WORD = re.compile(r"[a-z]+")
_KIND_OF_NOUN = {**{n: "person" for n in PERSON_NOUNS}, **{n: "org" for n in ORG_NOUNS},
                 **{n: "place" for n in PLACE_NOUNS}}
_KIND = {"PERSON": "person", "ORG": "org", "GPE": "place", "LOC": "place", "FAC": "place"}
_PRONOUNS = {"he": "person", "him": "person", "his": "person", "himself": "person", "she": "person",
             "her": "person", "hers": "person", "herself": "person", "it": "org", "its": "org"}
#: The gender a personal pronoun shows ("he" -> "m"); read by the entity resolver too.
PRONOUN_GENDER = {**dict.fromkeys(("he", "him", "his", "himself"), "m"),
                      **dict.fromkeys(("she", "her", "hers", "herself"), "f")}
_HONORIFICS = {"mr": "m", "mr.": "m", "mrs": "f", "mrs.": "f", "ms": "f", "ms.": "f", "miss": "f"}
_GENDER_OF_KIN = {**dict.fromkeys("mother daughter sister wife aunt niece grandmother granddaughter widow "
                                  "queen actress spokeswoman chairwoman".split(), "f"),
                  **dict.fromkeys("father son brother husband uncle nephew grandfather grandson widower "
                                  "king spokesman chairman".split(), "m")}
SEATS = frozenset(
    "moscow kyiv kiev pyongyang seoul beijing washington london paris berlin tokyo tehran damascus "
    "ankara brussels minsk havana caracas jerusalem riyadh cairo delhi islamabad kabul baghdad "
    "taipei hanoi kremlin pentagon whitehall".split()
) | {"white house", "downing street", "elysee", "élysée", "blue house", "the kremlin"}
_ACTOR_DEPS = frozenset({"nsubj", "nsubjpass", "poss", "agent"})
_NP_RIGHT = frozenset({"prep", "pobj", "compound", "amod", "nmod", "poss", "nummod"})


def refers_to(mention: Mention) -> Span | None:
    """The span of the name a description or pronoun mention refers to, or None for any other mention."""
    return mention.antecedent if mention.link in ANAPHOR_KINDS else None


def describe_link(mention: Mention, article: Article | None = None) -> str | None:
    """A reader's phrase for a mention's coreference link ("pronoun for Lena Varga", "stands for the
    government"), or None when it has none; the antecedent is named when its ``article`` is given."""
    if mention.link is None:
        return None
    if mention.link == "metonym":
        return f"stands for the {mention.metonym_of or 'government'}"
    name = article.span_text(mention.antecedent) if article is not None and mention.antecedent else None
    words = {"description": "describes", "pronoun": "pronoun for", "relative": "relative of"}[mention.link]
    return f"{words} {name}" if name else words


def mention_role(mention: Mention) -> MentionRole:
    """How a mention refers: by ``"name"``, by an office or rank held (``"title"``: "the prime minister",
    "the head of the agency"), by another ``"description"`` ("the company") or by ``"pronoun"``."""
    if mention.link == "pronoun":
        return "pronoun"
    if mention.link != "description":
        return "name"
    words = _WORD.findall(mention.text.lower())
    head = words[: words.index("of")] if "of" in words else words
    return "title" if head and head[-1] in TITLE_NOUNS else "description"


def _kind(mention: Mention) -> str:
    return _KIND.get(mention.type, mention.type.lower())


def _np_end(token: Token) -> int:
    """Index after the last token of ``token``'s noun phrase, without relative clauses or appositions."""
    end = token.i + 1
    for child in token.rights:
        if child.dep_ in _NP_RIGHT:
            end = max(end, child.right_edge.i + 1)
    return end


def _np(doc: Doc, token: Token) -> tuple[int, int]:
    start = token.left_edge.i
    while start < token.i and (doc[start].is_punct or doc[start].is_space):
        start += 1
    return start, _np_end(token)


class _Index:
    """Name mentions of one article located in the parse."""

    def __init__(self, doc: Doc, mentions: Sequence[Mention]) -> None:
        self.doc = doc
        self.mentions = list(mentions)
        self.by_token: dict[int, int] = {}
        for n, m in enumerate(self.mentions):
            span = doc.char_span(m.span.start, m.span.end, alignment_mode="expand")
            for t in span if span is not None else ():
                self.by_token.setdefault(t.i, n)
        # Names the article calls a city, town or village ("the port city of X"), and seats of government.
        self.settlements = {m.text.lower() for m in self.mentions if m.text.lower() in SEATS} | {
            self.mentions[n].text.lower() for t in map(doc.__getitem__, where(doc, LEMMA, SETTLEMENT_NOUNS))
            for n in [_named_by_of(self, t)] if n is not None}

        self._heads: dict[int, Token | None] = {}
        self._sent_no: list[int] | None = None
        self._by_sent: dict[int, list[int]] | None = None

    def covering(self, start: int, end: int) -> int | None:
        return next((self.by_token[i] for i in range(start, end) if i in self.by_token), None)

    def head(self, n: int) -> Token | None:
        """The root of name ``n`` in the parse (cached: later passes change a name's role, never its span)."""
        if n not in self._heads:
            m = self.mentions[n]
            span = self.doc.char_span(m.span.start, m.span.end, alignment_mode="expand")
            self._heads[n] = span.root if span is not None else None
        return self._heads[n]

    def sentence(self, i: int) -> int:
        """The number (from 1) of the sentence holding token ``i``, counted once per article."""
        if self._sent_no is None:
            self._sent_no = [0] * len(self.doc)
            for k, sent in enumerate(self.doc.sents, start=1):
                self._sent_no[sent.start : sent.end] = [k] * (sent.end - sent.start)
        return self._sent_no[i]

    def near(self, here: int, window: int) -> list[int]:
        """The names (in order) whose head lies in sentence ``here`` or the ``window`` sentences before it."""
        if self._by_sent is None:
            self._by_sent = {}
            for n in range(len(self.mentions)):
                head = self.head(n)
                if head is not None:
                    self._by_sent.setdefault(self.sentence(head.i), []).append(n)
        return sorted(n for k in range(max(1, here - window), here + 1) for n in self._by_sent.get(k, ()))


def _description(article: Article, doc: Doc, start: int, end: int, name: Mention) -> Mention:
    """A description mention over tokens ``start:end``, its span trimmed of surrounding whitespace (a
    noun phrase at a paragraph's end can take the paragraph break as its last token)."""
    raw = doc[start:end].text
    text = raw.strip()
    first = doc[start].idx + (len(raw) - len(raw.lstrip()))
    return Mention(Span(article.id, first, first + len(text)), text, name.type, link="description",
                   antecedent=name.span)


def _role_text(doc: Doc, start: int, end: int) -> str:
    words = doc[start:end]
    if words and words[0].lower_ in ("the", "a", "an"):
        words = words[1:]
    return words.text


def _appositions(
    article: Article, index: _Index
) -> tuple[list[Mention], dict[int, str], dict[int, Span], set[int]]:
    """Descriptions in apposition to, or predicated of, a name; the roles they give; the names that own
    a kinship description of another (name -> the relative's span); tokens used."""
    doc = index.doc
    used: set[int] = set()
    found: list[Mention] = []
    roles: dict[int, str] = {}
    relatives: dict[int, Span] = {}
    for n, name in enumerate(index.mentions):
        if name.type not in ("PERSON", "ORG"):
            continue
        head = index.head(n)
        if head is None:
            continue
        described = [c for c in head.children if c.dep_ == "appos"]
        if head.dep_ == "appos":
            described.append(head.head)
        if head.dep_ in ("nsubj", "nsubjpass") and head.head.lemma_ == "be":
            described += [c for c in head.head.children if c.dep_ == "attr"]
        for token in described:
            if token.pos_ not in ("NOUN", "PROPN") or token.i in index.by_token and token.pos_ == "PROPN":
                continue
            if name.type == "PERSON" and token.tag_ in ("NNS", "NNPS"):
                continue  # "Andrii Yusov, ... Ukrainian authorities": a group is not one person
            if name.type == "PERSON" and token.pos_ == "NOUN" and not _person_noun(token.lemma_.lower()):
                continue  # "Kasich, a chorus of cheers and boos": not a description of a person
            start, end = _np(doc, token)
            if start <= head.i < end or index.covering(start, end) == n:
                continue
            if sum(ch.isalpha() for ch in doc[start:end].text) < 2:
                continue  # "Christie (R)": a party letter, not a description
            found.append(_description(article, doc, start, end, name))
            roles.setdefault(n, _role_text(doc, start, end))
            used.update(range(start, end))
            kin = _kin_possessor(index, token)
            if kin is not None and kin != n:
                relatives[kin] = name.span
    return found, roles, relatives, used


def _person_noun(noun: str) -> bool:
    """Whether a noun can head a description of one person ("ally", "campaign manager", "lawmaker")."""
    return (noun in PERSON_NOUNS or noun in KIN_NOUNS or noun in OTHER_PERSON_NOUNS
            or (len(noun) > 4 and noun.endswith(_PERSON_SUFFIXES) and noun not in NOT_PERSON_NOUNS))


def _kin_possessor(index: _Index, token: Token) -> int | None:
    """The name owning a kinship description: 'Osei' in "Osei's late father, Kwame Osei"."""
    if token.lemma_.lower() not in KIN_NOUNS:
        return None
    owner = next((c for c in token.children if c.dep_ == "poss"), None)
    return index.by_token.get(owner.i) if owner is not None else None


def _antecedent(index: _Index, token: Token, kind: str, before: int, window: int,
                allowed: Callable[[int], bool] | None = None) -> int | None:
    """The nearest earlier name of ``kind`` within ``window`` sentences (and, when given, ``allowed``);
    for people, one whose role has the head noun wins."""
    candidates = _candidates(index, token, kind, before, window)
    if allowed is not None:
        candidates = [n for n in candidates if allowed(n)]
    if token.lemma_.lower() in POLITY_NOUNS:
        candidates = [n for n in candidates if index.mentions[n].text.lower() not in index.settlements]
    if not candidates:
        return None
    if kind == "person":
        with_role = [n for n in candidates if token.lemma_ in (index.mentions[n].role or "").lower()]
        if with_role:
            return with_role[-1]
    return max(candidates, key=lambda n: index.mentions[n].span.start)


def _candidates(index: _Index, token: Token, kind: str, before: int, window: int) -> list[int]:
    """Names of ``kind`` ending before ``before`` within ``window`` sentences of ``token``."""
    candidates = []
    for n in index.near(index.sentence(token.i), window):  # a name before ``before`` is in no later sentence
        m = index.mentions[n]
        if m.span.end > before or _kind(m) != kind or refers_to(m) is not None:
            continue
        candidates.append(n)
    return candidates


def _gender_keys(index: _Index) -> list[str]:
    """Whose gender each name shows: the full name; a lone surname shares its one full name's key ("Osei"
    with "Ama Osei"), but stays its own when two full names share it (spouses, relatives)."""
    full: dict[str, set[str]] = {}
    for m in index.mentions:
        if " " in m.text:
            full.setdefault(m.text.lower().split()[-1], set()).add(m.text.lower())
    keys = []
    for m in index.mentions:
        text = m.text.lower()
        owners = full.get(text, set()) if " " not in text else set()
        keys.append(next(iter(owners)) if len(owners) == 1 else text)
    return keys


def _genders(index: _Index, keys: Sequence[str]) -> dict[str, str]:
    """Gender the article shows for each person (by :func:`_gender_keys`): an honorific before the name
    ("Ms Osei"), a kinship or gendered role ("his wife, Ama Osei"), and pronouns that have only one
    person to refer to; kept when at least two thirds of the evidence agrees (an honorific or role
    counts as two pronouns)."""
    votes: dict[str, dict[str, int]] = {}

    def vote(n: int, gender: str, weight: int) -> None:
        tally = votes.setdefault(keys[n], {"m": 0, "f": 0})
        tally[gender] += weight

    for n, m in enumerate(index.mentions):
        if _kind(m) != "person":
            continue
        head = index.head(n)
        if head is not None:
            first = head.doc[head.left_edge.i] if head.left_edge.i < head.i else None
            before = head.doc[min(head.i, head.left_edge.i) - 1] if min(head.i, head.left_edge.i) > 0 else None
            for token in (first, before):
                if token is not None and token.lower_ in _HONORIFICS:
                    vote(n, _HONORIFICS[token.lower_], 2)
                    break
        for noun in (m.role or "").lower().split():
            if noun in _GENDER_OF_KIN:
                vote(n, _GENDER_OF_KIN[noun], 2)
                break
    for token in map(index.doc.__getitem__, where(index.doc, LOWER, PRONOUN_GENDER)):
        gender = PRONOUN_GENDER.get(token.lower_)
        if gender is None or token.pos_ not in ("PRON", "DET"):
            continue
        only = _candidates(index, token, "person", token.idx, 1)
        if len({keys[n] for n in only}) == 1:
            vote(only[0], gender, 1)
    return {key: ("m" if t["m"] > t["f"] else "f") for key, t in votes.items()
            if max(t["m"], t["f"]) >= 2 * min(t["m"], t["f"]) and max(t["m"], t["f"]) > min(t["m"], t["f"])}


def _named_by_of(index: _Index, token: Token) -> int | None:
    """The name a place noun is 'of': 'Andriivka' in "the village of Andriivka"."""
    for prep in token.children:
        if prep.dep_ == "prep" and prep.lower_ == "of":
            obj = next((c for c in prep.children if c.dep_ == "pobj"), None)
            if obj is not None and obj.i in index.by_token:
                return index.by_token[obj.i]
    return None


def _with_role(index: _Index, n: int, noun: str) -> bool:
    """Whether the name ``n`` (or an earlier mention of the same surname) holds a role with ``noun``."""
    last = index.mentions[n].text.split()[-1].lower()
    return any(noun in (m.role or "").lower() for m in index.mentions
               if m.text.split() and m.text.split()[-1].lower() == last)


def _definites(article: Article, index: _Index, used: set[int], window: int) -> list[Mention]:
    """Definite descriptions with their antecedents.

    A description holding a name of its own ("the eastern city of X", "the Russian Far East region",
    "the North Korean leader") says who or what it is: a place noun "of" a name is that name; any other
    links only to a person whose role has its head noun, and is otherwise not kept. A description listed
    with other nouns is not kept."""
    doc, found = index.doc, []
    for token in map(doc.__getitem__, where(doc, LEMMA, _KIND_OF_NOUN)):
        kind = _KIND_OF_NOUN.get(token.lemma_.lower())
        if kind is None or token.pos_ != "NOUN" or token.i in used or token.i in index.by_token:
            continue
        if not any(c.dep_ == "det" and c.lower_ == "the" for c in token.children):
            continue
        if token.tag_ in ("NNS", "NNPS"):
            continue
        start, end = _np(doc, token)
        if _coordinated(token):
            continue
        named = _named_by_of(index, token) if kind == "place" else None
        if named is not None and _kind(index.mentions[named]) == "place":
            found.append(_description(article, doc, start, end, index.mentions[named]))
            continue
        if index.covering(start, end) is not None or any(doc[i].pos_ == "PROPN" for i in range(start, end)):
            n = _antecedent(index, token, kind, doc[start].idx, window) if kind == "person" else None
            if n is not None and _with_role(index, n, token.lemma_.lower()):
                found.append(_description(article, doc, start, end, index.mentions[n]))
            continue
        if token.lemma_.lower() in NAMED_ORG_NOUNS:
            n = _only_holder(index, token, doc[start].idx, window)
        else:
            n = _antecedent(index, token, kind, doc[start].idx, window)
        if n is not None:
            found.append(_description(article, doc, start, end, index.mentions[n]))
    return found


def _coordinated(token: Token) -> bool:
    """A noun listed with others ("between Moscow and the secretive state") names something else."""
    return token.dep_ == "conj" or any(c.dep_ == "conj" for c in token.children)


def _only_holder(index: _Index, token: Token, before: int, window: int) -> int | None:
    """For an organisation noun of a particular kind ("the brigade", "the ministry"): the one earlier
    organisation within ``window`` sentences whose name holds it, or None when none or several do."""
    noun = token.lemma_.lower()
    holders: dict[str, int] = {}
    for n in index.near(index.sentence(token.i), window):
        m = index.mentions[n]
        if m.span.end > before or _kind(m) != "org" or noun not in m.text.lower().split():
            continue
        holders[m.text] = n
    return next(iter(holders.values())) if len(holders) == 1 else None


def _places_by_of(index: _Index) -> set[str]:
    """Names a place noun is 'of' ("the village of Andriivka"): places, whatever the tagger said."""
    return {index.mentions[n].text for t in map(index.doc.__getitem__, where(index.doc, LEMMA, PLACE_NOUNS))
            for n in [_named_by_of(index, t)] if n is not None}


def _pronouns(article: Article, index: _Index, anaphors: Sequence[Mention]) -> list[Mention]:
    found = []
    keys = _gender_keys(index)
    genders = _genders(index, keys)
    anaphor_at = Extents((a.span.start, a.span.end) for a in anaphors)
    names_at: dict[Span, list[int]] = {}
    for k, m in enumerate(index.mentions):
        names_at.setdefault(m.span, []).append(k)
    for token in map(index.doc.__getitem__, where(index.doc, LOWER, _PRONOUNS)):
        kind = _PRONOUNS.get(token.lower_)
        if kind is None or token.pos_ not in ("PRON", "DET"):
            continue
        gender = PRONOUN_GENDER.get(token.lower_)

        def agrees(n: int, gender: str | None = gender) -> bool:
            return gender is None or genders.get(keys[n], gender) == gender

        n = _antecedent(index, token, kind, token.idx, 1, agrees)
        if n is None:
            continue
        name = index.mentions[n]
        closer = [anaphors[k] for k in anaphor_at.starting(name.span.end, token.idx)
                  if anaphors[k].type == name.type]
        if kind == "person" and _blocked(index, token, name, closer):
            continue
        target = (refers_to(closer[-1]) if closer else None) or name.span
        if target != name.span and not all(agrees(k) for k in names_at.get(target, ())):
            target = name.span  # the closer description is of someone the pronoun cannot be
        found.append(Mention(Span(article.id, token.idx, token.idx + len(token.text)), token.text,
                             name.type, link="pronoun", antecedent=target))
    return found


def _blocked(index: _Index, token: Token, name: Mention, closer: Sequence[Mention]) -> bool:
    """Whether a person noun that is the subject of its clause and not linked to ``name`` comes between
    a pronoun and ``name`` in the pronoun's sentence ("The Valdorian leader said he ..."): the pronoun
    may stand for that person instead."""
    low = max(name.span.end, token.sent.start_char)
    described = {(a.span.start, a.span.end) for a in closer}
    return any(low <= t.idx < token.idx and t.lemma_.lower() in PERSON_NOUNS and t.pos_ == "NOUN"
               and t.dep_ in ("nsubj", "nsubjpass") and not any(s <= t.idx < e for s, e in described)
               for t in token.sent)


def _acts(head: Token | None) -> bool:
    """A subject of a verb other than 'be', a possessor or a passive agent: 'Moscow said', 'Moscow's plan'."""
    if head is None or head.dep_ not in _ACTOR_DEPS:
        return False
    return head.dep_ == "poss" or head.head.lemma_ != "be"


def _metonyms(index: _Index) -> list[Mention]:
    out = []
    for n, m in enumerate(index.mentions):
        head = index.head(n)
        if m.text.lower() in SEATS and m.role is None and m.link is None and _acts(head):
            out.append(evolve(m, link="metonym", metonym_of=METONYM, type="FAC" if m.type == "ORG" else m.type))
        else:
            out.append(m)
    return out


def _marked(mention: Mention, role: str | None, relative: Span | None) -> Mention:
    """A name with the role an apposition gave it (unless it has one) and its relative, if any."""
    if role is not None and mention.role is None:
        mention = evolve(mention, role=role)
    if relative is not None and mention.link is None:
        mention = evolve(mention, link="relative", antecedent=relative)
    return mention


def _retyped(mentions: Sequence[Mention], places: set[str]) -> list[Mention]:
    """Names a description calls a place ("the city of X"), typed GPE wherever the tagger said ORG."""
    return [evolve(m, type="GPE") if m.text in places and m.type == "ORG" else m for m in mentions]


def corefer(
    article: Article, doc: Doc, names: Iterable[Mention], pronouns: bool = True, *, window: int
) -> tuple[Mention, ...]:
    """``names`` with roles, relatives and metonym readings added, plus linked descriptions (looking back
    ``window`` sentences) and pronouns."""
    index = _Index(doc, list(names))
    described, roles, relatives, used = _appositions(article, index)
    index.mentions = [_marked(m, roles.get(n), relatives.get(n)) for n, m in enumerate(_metonyms(index))]
    index.mentions = _retyped(index.mentions, _places_by_of(index))
    anaphors = described + _definites(article, index, used, window)
    if pronouns:
        anaphors += _pronouns(article, index, anaphors)
    taken = {(m.span.start, m.span.end) for m in index.mentions}
    extra = {(m.span.start, m.span.end): m for m in anaphors if (m.span.start, m.span.end) not in taken}
    return tuple(sorted([*index.mentions, *extra.values()], key=lambda m: (m.span.start, m.span.end)))
