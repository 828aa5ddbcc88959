"""Quote families scored against gold: does the grouping keep one utterance together and never chain?

Two golds (see ``bench/gold/quote_families/README.md`` and ``bench/gold/quote_pairs/README.md``):

- **family gold** (``bench/gold/quote_families/families.jsonl``): pools of quotes read by hand (an ECB+ event's
  articles, or a set of PolNeAR articles quoting the same remark), each quote labelled with its family (one
  utterance by one speaker) and its speaker; quotes alone in their family are the hard negatives.
- **pair gold** (``bench/gold/quote_pairs/pairs.jsonl``): labelled pairs, pooled by NeuS story, so the
  grouping sees every quote of a story at once (where chaining happens) and is scored on the labelled pairs.

Each pool is grouped by :func:`newsweave.compare.quotes.group_quotes`, either on the words alone
(``words``) or told the gold speakers (``words+speakers``: one entity per speaker name; an unresolved speaker
is ``None``). Figures:

- ``pair_precision`` / ``pair_recall`` / ``pair_f1``: over pairs of quotes of one pool, "in one family" against
  the gold (on the pair gold: the labelled pairs only);
- ``member_precision``: in every predicted family of two or more quotes, the share of members (other than the
  family's representative, its longest quote in words) that are truly the same utterance as that representative;
- ``family_precision``: the share of predicted families of two or more quotes whose members all belong to one
  gold family (no chaining, no stray member);
- ``family_recall``: the share of gold families of two or more quotes found whole (all members in one
  predicted family, whatever else it holds).
"""

from __future__ import annotations

import json
import re
from collections import defaultdict
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from itertools import combinations
from pathlib import Path

from ..compare.quotes import group_quotes, representative
from ..model import Entity, Quote, Span
from .quote_pairs import speaker_agreement

_WORD = re.compile(r"[^\W\d_][\w'’.-]*")

__all__ = ["Item", "Pool", "SYSTEMS", "load_families", "pools_from_pairs", "score_families", "score_pairs"]


@dataclass(frozen=True, slots=True)
class Item:
    """One gold quote: where it is, its words, who said it (``None``: not known), and its gold family."""

    id: str
    article: str
    start: int
    end: int
    text: str
    speaker: str | None
    speaker_type: str | None
    family: str


@dataclass(frozen=True, slots=True)
class Pool:
    """Quotes grouped together, as one story's quotes would be."""

    name: str
    items: tuple[Item, ...]


def load_families(path: Path) -> list[Pool]:
    """The family gold, one pool a line."""
    pools = []
    for line in path.read_text(encoding="utf-8").splitlines():
        if not line.strip():
            continue
        record = json.loads(line)
        items = tuple(Item(i["id"], i["article"], i["start"], i["end"], i["text"], i["speaker"],
                           i.get("speaker_type"), i["family"]) for i in record["items"])
        pools.append(Pool(record["pool"], items))
    return pools


def pools_from_pairs(pairs: Sequence[dict]) -> tuple[list[Pool], dict[str, list[tuple[str, str, bool]]]]:
    """The pair gold as pools (one a NeuS story: each distinct quote once) and, per pool, the labelled pairs
    as (item id, item id, same)."""
    items: dict[str, dict[tuple[str, str], Item]] = defaultdict(dict)
    labelled: dict[str, list[tuple[str, str, bool]]] = defaultdict(list)
    for pair in pairs:
        story = pair["story"]
        ids = []
        for side in ("a", "b"):
            key = (pair[f"article_{side}"], pair[f"quote_{side}"])
            if key not in items[story]:
                n = len(items[story])
                items[story][key] = Item(f"{story}-q{n}", key[0], 0, len(key[1]), key[1], pair.get(f"speaker_{side}"),
                                         "PERSON" if pair.get(f"speaker_{side}") else None, f"{story}-q{n}")
            ids.append(items[story][key].id)
        labelled[story].append((ids[0], ids[1], pair["label"] == "same"))
    return [Pool(story, tuple(found.values())) for story, found in items.items()], labelled


def _is_name(speaker: str) -> bool:
    """A speaker written as a proper name ("Jen Psaki", "Surrey Police"), which a story's entities would hold;
    a description ("North Korean official", "Rand Paul's staff") stays an unresolved speaker as written."""
    found = _WORD.findall(speaker)
    return bool(found) and all(w[:1].isupper() for w in found)


def _speaker_entities(items: Sequence[Item]) -> list[Entity | None]:
    """One entity per speaker name: names that agree (the same, or one's words inside the other's) share one;
    descriptions get none (their words still reach the grouping as the quote's speaker as written)."""
    names = sorted({i.speaker for i in items if i.speaker and _is_name(i.speaker)}, key=lambda n: (-len(n), n))
    canonical: dict[str, str] = {}
    for name in names:
        canonical[name] = next((c for c in dict.fromkeys(canonical.values())
                                if speaker_agreement(name, c) == "same"), name)
    entities = {name: Entity(f"e:{name}", name, next(i.speaker_type or "PERSON" for i in items if i.speaker == name),
                             ()) for name in dict.fromkeys(canonical.values())}
    return [entities[canonical[i.speaker]] if i.speaker in canonical else None for i in items]


def _quotes(items: Sequence[Item], with_names: bool) -> list[Quote]:
    return [Quote(i.id, Span(i.article, i.start, i.end), i.text, "direct", i.speaker if with_names else None)
            for i in items]


def words_only(items: Sequence[Item]) -> list[list[int]]:
    """Families found on the words alone (no speaker known)."""
    groups, _ = group_quotes(_quotes(items, False), [None] * len(items))
    return groups


def with_speakers(items: Sequence[Item]) -> list[list[int]]:
    """Families found with the gold speakers, as the speaker entities of a story would give them."""
    groups, _ = group_quotes(_quotes(items, True), _speaker_entities(items))
    return groups


SYSTEMS: dict[str, Callable[[Sequence[Item]], list[list[int]]]] = {
    "words": words_only,
    "words+speakers": with_speakers,
}


def _prf(tp: int, fp: int, fn: int) -> tuple[float, float, float]:
    p = tp / (tp + fp) if tp + fp else 0.0
    r = tp / (tp + fn) if tp + fn else 0.0
    return p, r, (2 * p * r / (p + r) if p + r else 0.0)


def _representative(members: Sequence[int], items: Sequence[Item]) -> int:
    """The family's representative as the grouping picks it (:func:`newsweave.compare.quotes.representative`)."""
    return members[representative([_quote(items[i]) for i in members])]


def _quote(item: Item) -> Quote:
    return Quote(item.id, Span(item.article, item.start, item.end), item.text, "direct", item.speaker)


def score_families(pools: Sequence[Pool], system: Callable[[Sequence[Item]], list[list[int]]]) -> dict[str, float]:
    """Every figure of the module docstring over the family gold (all pairs of a pool count)."""
    tp = fp = fn = 0
    members_ok = members = pure = predicted = whole = gold_families = 0
    for pool in pools:
        items = pool.items
        groups = system(items)
        family_of = {i: n for n, members_ in enumerate(groups) for i in members_}
        for a, b in combinations(range(len(items)), 2):
            gold, guess = items[a].family == items[b].family, family_of[a] == family_of[b]
            tp += gold and guess
            fp += guess and not gold
            fn += gold and not guess
        for group in groups:
            if len(group) < 2:
                continue
            predicted += 1
            head = _representative(group, items)
            members += len(group) - 1
            members_ok += sum(items[i].family == items[head].family for i in group if i != head)
            pure += len({items[i].family for i in group}) == 1
        gold_groups: dict[str, list[int]] = defaultdict(list)
        for n, item in enumerate(items):
            gold_groups[item.family].append(n)
        for group in gold_groups.values():
            if len(group) >= 2:
                gold_families += 1
                whole += len({family_of[i] for i in group}) == 1
    p, r, f = _prf(tp, fp, fn)
    return {
        "pair_precision": p, "pair_recall": r, "pair_f1": f,
        "member_precision": members_ok / members if members else 0.0,
        "family_precision": pure / predicted if predicted else 0.0,
        "family_recall": whole / gold_families if gold_families else 0.0,
        "predicted_families": float(predicted), "gold_families": float(gold_families),
    }


def score_pairs(pools: Sequence[Pool], labelled: dict[str, list[tuple[str, str, bool]]],
                system: Callable[[Sequence[Item]], list[list[int]]]) -> dict[str, float]:
    """Pairwise figures on the labelled pairs, each story's quotes grouped at once. ``member_precision``: of
    the labelled pairs put in one family where one quote is that family's representative, the share
    labelled ``same`` (the other member truly matches the representative)."""
    tp = fp = fn = 0
    rep_ok = rep_all = 0
    for pool in pools:
        items = pool.items
        groups = system(items)
        index = {item.id: n for n, item in enumerate(items)}
        family_of = {i: n for n, members in enumerate(groups) for i in members}
        heads = {n: _representative(members, items) for n, members in enumerate(groups)}
        for a, b, gold in labelled[pool.name]:
            ia, ib = index[a], index[b]
            guess = family_of[ia] == family_of[ib]
            tp += gold and guess
            fp += guess and not gold
            fn += gold and not guess
            if guess and heads[family_of[ia]] in (ia, ib):
                rep_all += 1
                rep_ok += gold
    p, r, f = _prf(tp, fp, fn)
    return {"pair_precision": p, "pair_recall": r, "pair_f1": f,
            "member_precision": rep_ok / rep_all if rep_all else 0.0}
