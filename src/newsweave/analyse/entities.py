"""Named-entity mentions: spaCy's NER, trimmed to the name itself, with a person's role kept apart.

"Kremlin spokesman Dmitry Peskov" gives the mention "Dmitry Peskov" with role "Kremlin spokesman";
honorifics ("Mr Kim") are left out of the name so that short forms can be matched across articles.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from functools import cache
from typing import ClassVar

import pycountry
from spacy.tokens import Doc
from spacy.tokens import Span as SpacySpan

from ..config import param
from ..model import Article, Mention, Span, evolve
from ..pipeline import Context, Stage
from .coref import corefer
from .nlp import parse

__all__ = ["SENTENCES", "STAGE", "EntitiesConfig", "analyse_mentions", "consistent_types", "countries", "find_mentions",
           "retyped"]

KEPT_TYPES = frozenset({"PERSON", "ORG", "GPE", "LOC", "NORP", "FAC", "EVENT", "PRODUCT", "LAW"})
# Titles and ranks before a name: "Adm Thad Allen", "Admiral Thad Allen" and "Thad Allen" are one name. Spelled-out
# titles are stripped from people only ("General Motors" stays whole).
_HONORIFIC = re.compile(
    r"^(?:Mr|Mrs|Ms|Miss|Mx|Dr|Sir|Dame|Prof|Gen|Col|Sen|Rep|Gov|Adm|Capt|Cpt|Lt|Maj|Sgt|Cmdr|Cdr|Brig|"
    r"Pres|Rev|Hon|Insp|Supt|Cpl|Pte|Pvt)\.?\s+"
)
_TITLE = re.compile(
    r"^(?:Admiral|General|Colonel|Captain|Lieutenant|Major|Sergeant|Commander|Corporal|Senator|Representative|"
    r"Congressman|Congresswoman|Governor|Doctor|Professor|President|Chancellor|Premier|Judge|Justice|Mayor|"
    r"Ambassador|Reverend|Inspector|Superintendent|Prime\s+Minister|Vice\s+President|Secretary\s+of\s+State)\s+"
    r"(?=[A-Z])"
)
_LEADING = re.compile(r"^(?:the|The|THE)\s+")
_TRAILING = re.compile(r"(?:['’]s|['’])$")
# A hyphenated continuation the tokenizer split off: "Komsomolsk" + "-on-Amur", "Stratford" + "-upon-Avon".
_CONTINUATION = re.compile(r"^-(?:[a-z]{1,4}-)*[A-Z][\w'’]+")
ROLE_DEPS = frozenset({"compound", "amod", "nmod", "poss", "case"})
# Military and police units, which small models label as dates, numbers or nothing: "the 3rd Separate
# Assault Brigade", "47th Mechanised Brigade", "Third Army".
_UNIT = re.compile(
    r"\b(?:\d{1,3}(?:st|nd|rd|th)|First|Second|Third|Fourth|Fifth|Sixth|Seventh|Eighth|Ninth|Tenth)"
    r"(?:\s+[A-Z][\w’'-]*){0,4}?\s+(?:Brigade|Division|Regiment|Battalion|Corps|Army|Fleet|Squadron|"
    r"Platoon|Detachment|Guards)\b"
)


# Customary short names of countries that ISO 3166 does not list as a name.
_COUNTRY_SHORT = frozenset({"Russia", "Britain", "Great Britain", "Turkey", "Macedonia", "Ivory Coast", "Palestine",
                            "US", "U.S.", "USA", "U.S.A.", "UK", "U.K.", "America", "Holland", "Burma", "Czechia",
                            "North Korea", "South Korea", "Vatican"})
# Last words that make a name an organisation's, whatever the tagger said ("Douglas Aircraft", "Acme Ltd").
_ORG_SUFFIX = frozenset(
    "Inc Inc. Corp Corp. Corporation Co Co. Ltd Ltd. LLC plc PLC AG GmbH SA S.A. NV N.V. Group Holdings Bank "
    "Airlines Airways Aircraft Motors Company Companies University College Institute Association Agency "
    "Commission Committee Council Ministry Department Party Union Federation Foundation Fund Trust Court "
    "Authority Bureau Board Police Army Navy Guard Reuters Press Times Post Journal Network Broadcasting "
    "Industries Enterprises Systems Technologies Laboratories Labs Partners Associates Club FC".split()
)
# Last words of a building's or a site's name, which the tagger sometimes reads as a person ("Betty Ford" in
# a clinic's name): such a name is a facility, never a person.
_FAC_SUFFIX = frozenset("Center Centre Hospital Clinic Stadium Arena Airport Hotel Church Cathedral Mosque Temple "
                        "Bridge Square Palace Prison Tower Station".split())
# Capitalised titles and jobs before a person's name that the tagger takes into an organisation's or a
# place's name ("Spokeswoman Lena Varga", "Coach Dan Ruiz").
_PERSON_TITLE = re.compile(
    r"^(?:Spokesman|Spokeswoman|Spokesperson|Chairman|Chairwoman|Chairperson|CEO|Coach|Director|Secretary|"
    r"Minister|Chancellor|President|Senator|Governor|Mayor|Judge|Officer|Detective|Sheriff|Deputy|Chief|"
    r"Sergeant|Sgt\.?|Lt\.?|Capt\.?|Gen\.?|Gov\.?|Sen\.?|Rep\.?|Dr\.?|Mr\.?|Mrs\.?|Ms\.?)\s+"
    r"(?=(?:[A-Z][\w'’.-]+\s*){2,3}$)"
)


@cache
def countries() -> frozenset[str]:
    """Country names (ISO 3166 names, common and official names, the part before a comma: "Iran, Islamic
    Republic of") and customary short names."""
    names = set(_COUNTRY_SHORT)
    for country in pycountry.countries:
        for name in (getattr(country, key, None) for key in ("name", "common_name", "official_name")):
            if name and "(" not in name:
                names.add(name.split(",")[0].strip())
    return frozenset(names)


def retyped(mention: Mention) -> Mention:
    """One mention typed by what its own words say: a country is GPE, an organisation suffix ORG, a
    building's suffix never a person (FAC), a title before two or three capitalised words a person (the
    title left out of the name)."""
    words = mention.text.split()
    if mention.text in countries() and mention.type != "NORP":
        return evolve(mention, type="GPE")
    if len(words) > 1 and words[-1] in _ORG_SUFFIX and mention.type in ("PERSON", "GPE", "LOC", "PRODUCT", "NORP"):
        return evolve(mention, type="ORG")
    if len(words) > 1 and words[-1] in _FAC_SUFFIX and mention.type in ("PERSON", "NORP", "PRODUCT"):
        return evolve(mention, type="FAC")
    title = _PERSON_TITLE.match(mention.text) if mention.type != "PERSON" else None
    if title:
        start = mention.span.start + title.end()
        return evolve(mention, span=Span(mention.span.article, start, mention.span.end),
                      text=mention.text[title.end() :], type="PERSON")
    return mention


def consistent_types(mentions: Sequence[Mention]) -> list[Mention]:
    """One type per name within an article, decided with evidence: a name that is the family name (or the
    whole name) of a person named in full is that person, unless a longer name of another kind holds it
    ("Ford" beside "Ford Motor Company"); otherwise the same name takes its most frequent type."""
    people = {m.text for m in mentions if m.type == "PERSON" and len(m.text.split()) > 1}
    surnames = {name.split()[-1] for name in people} | people
    others = {w for m in mentions if m.type != "PERSON" and len(m.text.split()) > 1 for w in m.text.split()}
    out = []
    for m in mentions:
        if m.type != "PERSON" and m.text in surnames and m.text not in others and m.text not in countries():
            m = evolve(m, type="PERSON")
        out.append(m)
    kinds: dict[str, Counter[str]] = {}
    for m in out:
        kinds.setdefault(m.text, Counter())[m.type] += 1
    majority = {text: c.most_common(2) for text, c in kinds.items() if len(c) > 1}
    return [evolve(m, type=top[0][0]) if (top := majority.get(m.text)) and top[0][1] > top[1][1] else m
            for m in out]


def _role(ent: SpacySpan) -> str | None:
    """Title words directly before a person's name and attached to it: 'Kremlin spokesman'."""
    doc, start = ent.doc, ent.start
    while start > 0:
        token = doc[start - 1]
        attached = token.i < token.head.i < ent.end
        possessive = token.text in ("’s", "'s")
        if token.is_space or (token.is_punct and not possessive) or token.dep_ not in ROLE_DEPS:
            break
        if not attached:
            break
        start -= 1
    if start == ent.start:
        return None
    role = _HONORIFIC.sub("", doc[start : ent.start].text.strip() + " ").strip()
    return role if any(ch.islower() for ch in role) else None


def _trim(text: str, start: int, person: bool = False) -> tuple[str, int]:
    """Strip honorifics (and a person's spelled-out title), a leading 'the', possessive endings and
    whitespace; shift start to match."""
    stripped = text.rstrip()
    for pattern in (_HONORIFIC, _TITLE, _HONORIFIC, _LEADING) if person else (_HONORIFIC, _LEADING):
        match = pattern.match(stripped)
        if match and len(stripped) > match.end():
            start += match.end()
            stripped = stripped[match.end() :]
    stripped = _TRAILING.sub("", stripped).rstrip()
    return stripped, start


def _units(article: Article) -> list[Mention]:
    found = _UNIT.finditer(article.text)
    return [Mention(Span(article.id, u.start(), u.end()), u.group(), "ORG") for u in found]


def find_mentions(article: Article, model: str) -> tuple[Mention, ...]:
    """Named mentions from spaCy's NER, trimmed, with a person's title as role; units as ORG; typed by
their own words (:func:`retyped`) and consistently within the article (:func:`consistent_types`)."""
    units = _units(article)
    mentions = list(units)
    for ent in _entities_outside(parse(article, model), units):
        if ent.label_ not in KEPT_TYPES:
            continue
        raw = ent.text
        more = _CONTINUATION.match(article.text[ent.end_char : ent.end_char + 40])
        if more and not raw[-1:].isspace():
            raw += more.group()
        text, start = _trim(raw, ent.start_char, person=ent.label_ == "PERSON")
        if not text or not any(ch.isalpha() for ch in text):
            continue
        role = _role(ent) if ent.label_ == "PERSON" else None
        mentions.append(retyped(Mention(Span(article.id, start, start + len(text)), text, ent.label_, role)))
    return tuple(sorted(consistent_types(mentions), key=lambda m: m.span.start))


def _entities_outside(doc: Doc, units: list[Mention]) -> list[SpacySpan]:
    return [e for e in doc.ents
            if not any(u.span.start < e.end_char and e.start_char < u.span.end for u in units)]


def _sentences(article: Article, context: Context) -> Article:
    doc = parse(article, context.settings.spacy_model)
    spans = []
    for sent in doc.sents:
        text = sent.text
        start = sent.start_char + (len(text) - len(text.lstrip()))
        end = sent.start_char + len(text.rstrip())
        if end > start:
            spans.append((start, end))
    return evolve(article, sentences=tuple(spans))


@dataclass(frozen=True, slots=True)
class EntitiesConfig:
    """What the entities stage tunes."""

    SECTION: ClassVar[str] = "entities"
    description_window: int = param(3, "Sentences a definite description ('the minister') looks back for the "
                                       "name it refers to.", low=0)


_DEFAULTS = EntitiesConfig()


def analyse_mentions(article: Article, model: str, config: EntitiesConfig = _DEFAULTS) -> tuple[Mention, ...]:
    """Names (:func:`find_mentions`) with roles and metonym readings, and the descriptions and pronouns
    that refer to them (:func:`newsweave.analyse.coref.corefer`)."""
    doc = parse(article, model)
    return corefer(article, doc, find_mentions(article, model), window=config.description_window)


def _entities(article: Article, context: Context) -> Article:
    config = context.settings.of(EntitiesConfig)
    return evolve(article, mentions=analyse_mentions(article, context.settings.spacy_model, config))


SENTENCES: Stage[Article] = Stage(
    name="sentences", kind="article", func=_sentences, requires=frozenset({"text"}),
    provides=frozenset({"sentences"}), help="Sentence boundaries from spaCy's parser, paragraph breaks always kept.",
)
STAGE: Stage[Article] = Stage(
    name="entities", kind="article", func=_entities, requires=frozenset({"text"}), provides=frozenset({"mentions"}),
    config=EntitiesConfig, help="Named people, organisations and places, with roles kept apart from names.",
)
