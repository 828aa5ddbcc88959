"""One entity under every spelling: merge mentions across the articles of a story, and say why.

Rules, each recorded in the entity's ``why``:

1. *same name*: equal after transliteration to ASCII (anyascii), case, hyphens and dots are folded
   ("Kim Jong-un" = "Kim Jong Un", "Zelenskyy" stays apart from "Zelensky" here but joins by rule 2).
2. *spelling variant*: same number of words and every word alike (one edit apart for words of five to
   eight letters, two for longer ones, equal otherwise), after translated particles of place names are
   mapped ("na"/"on"): "Zelensky" = "Zelenskyy", but "Ukraine" != "Ukrainian".
   Short words must be equal, so "Kim Jong Un" and "Kim Jong Il" never merge.
3. *acronym*: an all-capitals short mention equal to the initials of a longer name ("UN").
4. *short form*: a one-word mention equal to the first or last word of a longer name of the same kind,
   attached to the candidate introduced first in the same article; in another article only when a
   single candidate exists in the story.

Types are compared by kind: people with people, organisations with organisations, places (GPE, LOC,
FAC) with places; nationalities (NORP) and others only by rule 1.
"""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from collections.abc import Callable, Mapping, Sequence
from dataclasses import replace
from functools import lru_cache

from anyascii import anyascii
from rapidfuzz.distance import Levenshtein

from ..analyse.coref import PRONOUN_GENDER, refers_to
from ..analyse.entities import countries
from ..model import Article, Entity, Mention, Span, Story
from ..pipeline import Stage, StoryContext
from .unionfind import UnionFind

__all__ = ["STAGE", "name_key", "resolve_entities"]

_KIND = {"PERSON": "person", "ORG": "org", "GPE": "place", "LOC": "place", "FAC": "place"}
# Particles that the same place name carries in different languages (Russian "na", French "sur"...).
_PARTICLES = {"na": "on", "sur": "on", "am": "on", "an": "on", "der": "", "de": "of", "del": "of",
              "di": "of", "du": "of", "von": "of", "van": "of"}
_FUNCTION_WORDS = frozenset({"of", "the", "and", "for", "on", "in", "a", "an", "to"})
_Note = Callable[[int, int, "str | None"], None]  # join two mentions, with the reason
_Where = Callable[[int], str]  # how a mention is named in a reason
_SPLIT = re.compile(r"[\s\-‐‑–.·_/]+")
_PUNCT = re.compile(r"[^\w\s'’\-‐‑–.·/]+")


@lru_cache(maxsize=65536)
def name_key(name: str) -> str:
    """Fold a name to compare spellings: ASCII, lower case, hyphens and dots as spaces, no 'the'."""
    words = [w for w in _SPLIT.split(_PUNCT.sub(" ", anyascii(name).casefold())) if w]
    words = [w.strip("'’") for w in words if w not in ("the",)]
    return " ".join(w for w in words if w)


def _kind(mention: Mention) -> str:
    return _KIND.get(mention.type, mention.type.lower())


def _words_alike(a: str, b: str) -> bool:
    if a == b:
        return True
    shorter = min(len(a), len(b))
    if shorter < 5:
        return False
    return Levenshtein.distance(a, b) <= (1 if shorter <= 8 else 2)


def _variant_words(key: str) -> list[str]:
    """The words a spelling variant is compared by: particles of place names mapped ("na" -> "on")."""
    return [w for w in (_PARTICLES.get(w, w) for w in key.split()) if w]


def _variant(a: str, b: str) -> bool:
    wa, wb = _variant_words(a), _variant_words(b)
    return len(wa) == len(wb) > 0 and all(_words_alike(x, y) for x, y in zip(wa, wb, strict=True))


def _compatible(kind: str, other: str, key: str, other_key: str) -> bool:
    """Same kind; or place and organisation for names of several words, or the very same name, which
    small NER models label either way ("Komsomolsk-on-Amur" as a city or an organisation)."""
    return kind == other or ({kind, other} == {"place", "org"} and (len(key.split()) > 1 or key == other_key))


def _given(key: str) -> tuple[str, str]:
    """A person's given name and family name: ("michelle", "obama")."""
    words = key.split()
    return words[0], words[-1]


def _clash(a: set[tuple[str, str]], b: set[tuple[str, str]]) -> bool:
    """Two people with one family name and different given names ("Michelle Obama", "Barack Obama");
    an initial agrees with the names it begins ("J Smith", "John Smith"), a spelling variant with itself."""
    return any(la == lb and not _same_given(fa, fb) for fa, la in a for fb, lb in b)


def _same_given(a: str, b: str) -> bool:
    short, long = sorted((a, b), key=len)
    return _words_alike(a, b) or (len(short) == 1 and long.startswith(short))


def _initials(key: str) -> str:
    return "".join(w[0] for w in key.split() if w not in _FUNCTION_WORDS)


def resolve_entities(
    articles: Sequence[Article], outlets: Mapping[str, str] | None = None, prefix: str = "e"
) -> tuple[Entity, ...]:
    """Group the mentions of ``articles`` into entities; each entity lists why its names were joined."""
    outlets = outlets or {}
    mentions = [m for a in articles for m in a.mentions if refers_to(m) is None]
    anaphors = [m for a in articles for m in a.mentions if refers_to(m) is not None]
    keys = [name_key(m.text) for m in mentions]
    union = UnionFind(len(mentions) + len(anaphors))
    reasons: list[tuple[int, str]] = []

    given: dict[int, set[tuple[str, str]]] = {
        i: {_given(keys[i])} for i, m in enumerate(mentions) if _kind(m) == "person" and " " in keys[i]}

    def note(i: int, j: int, why: str | None) -> None:
        ri, rj = union.find(i), union.find(j)
        if ri != rj and _clash(given.get(ri, set()), given.get(rj, set())):
            return
        if union.join(i, j):
            given[union.find(i)] = given.pop(ri, set()) | given.pop(rj, set())
            if why:
                reasons.append((i, why))

    def where(i: int) -> str:
        source = outlets.get(mentions[i].span.article)
        return f"'{mentions[i].text}'" + (f" ({source})" if source else "")

    first_of_key: dict[tuple[str, str], int] = {}
    for i, m in enumerate(mentions):
        first = first_of_key.setdefault((_kind(m), keys[i]), i)
        if first == i:
            continue
        if mentions[first].text != m.text:
            note(first, i, f"same name: {where(first)} and {where(i)} differ only in spelling marks")
        elif mentions[first].span.article != m.span.article:
            note(first, i, f"same name: {where(first)} and {where(i)}")
        else:
            note(first, i, None)
    _join_variants(mentions, keys, first_of_key, note, where)
    _join_short_forms(mentions, keys, first_of_key, note, where)
    names = len(mentions)
    at = {m.span: i for i, m in enumerate(mentions)}
    mentions += anaphors
    for i in range(names, len(mentions)):
        target = refers_to(mentions[i])
        j = at.get(target) if target is not None else None
        if j is not None:
            note(j, i, f"same article: {where(i)} refers to {where(j)}")
    return _entities(mentions, union, reasons, prefix, names)


def _full_names(first_of_key: Mapping[tuple[str, str], int]) -> list[tuple[str, str, int]]:
    return [(kind, key, i) for (kind, key), i in first_of_key.items() if len(key.split()) > 1]


def _join_variants(mentions: Sequence[Mention], keys: Sequence[str], first_of_key: Mapping[tuple[str, str], int],
                   note: _Note, where: _Where) -> None:
    names = sorted(first_of_key.items(), key=lambda item: item[1])
    words = [_variant_words(key) for (_kind, key), _i in names]
    same_length: dict[int, list[int]] = defaultdict(list)  # a variant has as many words: only those are compared
    for n, w in enumerate(words):
        same_length[len(w)].append(n)
    for n, ((kind, key), i) in enumerate(names):
        if kind not in ("person", "org", "place") or not words[n]:
            continue
        for m in same_length[len(words[n])]:
            (other_kind, other_key), j = names[m]
            if m > n and _compatible(kind, other_kind, key, other_key) and all(
                    _words_alike(x, y) for x, y in zip(words[n], words[m], strict=True)):
                note(i, j, f"spelling variant: {where(i)} and {where(j)} match word by word")


def _join_short_forms(mentions: Sequence[Mention], keys: Sequence[str],
                      first_of_key: Mapping[tuple[str, str], int], note: _Note, where: _Where) -> None:
    full = _full_names(first_of_key)
    # the full names a one-word key may be short for, by (kind, word): first word, a person's last word,
    # and initials; a list of positions in ``full``, so candidates keep its order
    by_word: dict[tuple[str, str], list[int]] = defaultdict(list)
    by_initials: dict[tuple[str, str], list[int]] = defaultdict(list)
    for n, (fk, k, _j) in enumerate(full):
        words = k.split()
        by_word[(fk, words[0])].append(n)
        if fk == "person" and words[-1] != words[0]:
            by_word[(fk, words[-1])].append(n)
        by_initials[(fk, _initials(k))].append(n)
    first_in_article = _first_in_article(mentions, keys)
    for i, m in enumerate(mentions):
        key, kind = keys[i], _kind(m)
        if kind not in ("person", "org", "place") or " " in key:
            continue
        acronym = m.text.isupper() and len(m.text) >= 2
        relative = _relative_key(m, mentions)
        found = set(by_word.get((kind, key), ())) | (set(by_initials.get((kind, key), ())) if acronym else set())
        candidates = [(full[n][1], full[n][2]) for n in sorted(found) if full[n][1] != relative]
        chosen = _choose(m, first_in_article, candidates)
        if chosen is not None:
            rule = "acronym" if acronym and _initials(chosen[0]) == key else "short form"
            note(chosen[1], i, f"{rule}: {where(i)} refers to {where(chosen[1])}")


def _short_of(key: str, full: str, kind: str) -> bool:
    """A person's first or last name; a place's or organisation's first word ("Vostochny" for
    "Vostochny Cosmodrome"), never a name inside it ("Mexico" is not "Gulf of Mexico", "Korea" is not
    "North Korea")."""
    words = full.split()
    return key == words[0] or (kind == "person" and key == words[-1])


def _relative_key(m: Mention, mentions: Sequence[Mention]) -> str | None:
    """The name key of the relative a name owns a kinship description of ("Carter" -> "william carter")."""
    if m.link != "relative" or m.antecedent is None:
        return None
    return next((name_key(o.text) for o in mentions if o.span == m.antecedent), None)


def _first_in_article(mentions: Sequence[Mention], keys: Sequence[str]) -> dict[tuple[str, str], tuple[int, int]]:
    """(article, name key) -> (start, index) of the mention of that name that comes first in the article."""
    first: dict[tuple[str, str], tuple[int, int]] = {}
    for j, (other, key) in enumerate(zip(mentions, keys, strict=True)):
        at = (other.span.article, key)
        first[at] = min(first.get(at, (other.span.start, j)), (other.span.start, j))
    return first


def _choose(m: Mention, first_in_article: Mapping[tuple[str, str], tuple[int, int]],
            candidates: list[tuple[str, int]]) -> tuple[str, int] | None:
    """Same article: the candidate introduced first there. Otherwise only a unique candidate."""
    here = [(first[0], k, first[1]) for k, _j in candidates
            if (first := first_in_article.get((m.span.article, k))) is not None]
    if here:
        _start, k, j = min(here)
        return k, j
    distinct = {k for k, _ in candidates}
    return candidates[0] if len(distinct) == 1 else None


def _entities(mentions: Sequence[Mention], union: UnionFind, reasons: Sequence[tuple[int, str]], prefix: str,
              names: int) -> tuple[Entity, ...]:
    groups: dict[int, list[int]] = defaultdict(list)
    for i in range(len(mentions)):
        groups[union.find(i)].append(i)
    why_of: dict[int, Counter[str]] = defaultdict(Counter)
    for i, why in reasons:
        why_of[union.find(i)][why] += 1
    ordered = sorted(groups.values(), key=lambda g: (-len(g), mentions[g[0]].span.article, g[0]))
    entities = []
    for n, members in enumerate(ordered, 1):
        root, odd = union.find(members[0]), _other_gender(mentions, members)
        members = [i for i in members if i not in odd]
        spelled = Counter(mentions[i].text for i in members if i < names) or Counter(
            mentions[i].text for i in members)
        longest = max(len(name.split()) for name in spelled)
        name = max((c, name) for name, c in spelled.items() if len(name.split()) == longest)[1]
        counts = why_of[root]
        said = tuple(w if c == 1 else f"{w} (x{c})" for w, c in counts.items())
        if odd:
            said += (f"left out {len(odd)} pronoun(s) of the other gender: "
                     + ", ".join(sorted({f"'{mentions[i].text}'" for i in odd})),)
        entities.append(Entity(f"{prefix}{n}", name, _entity_type([mentions[i] for i in members if i < names]
                                                                   or [mentions[i] for i in members]),
                               tuple(mentions[i] for i in members), said))
    return tuple(entities)


def _other_gender(mentions: Sequence[Mention], members: Sequence[int]) -> set[int]:
    """Pronouns of a person entity whose gender goes against at least twice as many of its other pronouns
    (each article's pronouns were linked alone, so one article's "she" can reach a man its text never
    shows as one): they are left out, unresolved, rather than kept as a wrong member."""
    pronouns = [i for i in members if mentions[i].link == "pronoun" and mentions[i].text.lower() in PRONOUN_GENDER]
    tally = Counter(PRONOUN_GENDER[mentions[i].text.lower()] for i in pronouns)
    if len(tally) < 2:
        return set()
    (major, many), (_, few) = tally.most_common(2)
    if many < 2 * few:
        return set()
    return {i for i in pronouns if PRONOUN_GENDER[mentions[i].text.lower()] != major}


def _entity_type(mentions: Sequence[Mention]) -> str:
    """One type per entity, decided with evidence: a country's name makes a place (GPE) whatever the tagger
    said of one mention; otherwise the most frequent type (a tie: the first mention's)."""
    if any(m.text in countries() for m in mentions):
        return "GPE"
    return Counter(m.type for m in mentions).most_common(1)[0][0]


def _resolve_stage(story: Story, context: StoryContext) -> Story:
    articles = [context.articles[a] for a in story.article_ids]
    outlets = {a.id: a.outlet.value for a in articles if a.outlet}
    inside = [
        replace(a, mentions=tuple(m for m in a.mentions if _in_story(m, story.segments))) for a in articles
    ]
    return replace(story, entities=resolve_entities(inside, outlets, prefix=f"{story.id}-e"))


def _in_story(mention: Mention, segments: Sequence[Span]) -> bool:
    return any(s.article == mention.span.article and s.start <= mention.span.start < s.end for s in segments)


STAGE: Stage[Story] = Stage(
    name="entity_resolution", kind="story", func=_resolve_stage,
    requires=frozenset({"segments", "articles.mentions"}), provides=frozenset({"entities"}),
    help="Mentions merged across articles into entities, each merge with its reasons.",
)
