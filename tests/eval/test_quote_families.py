"""The quote-family scorer on hand-built pools (invented names), and the shape of the family gold."""

from __future__ import annotations

import json
from pathlib import Path

from newsweave.eval.quote_families import Item, Pool, load_families, pools_from_pairs, score_families, score_pairs

GOLD = Path(__file__).resolve().parents[2] / "bench" / "gold" / "quote_families" / "families.jsonl"


def _item(n: int, article: str, text: str, family: str, speaker: str | None = None) -> Item:
    return Item(f"q{n}", article, 0, len(text), text, speaker, "PERSON" if speaker else None, family)


POOL = Pool("harbour", (
    _item(0, "a", "The pier will reopen in May once the divers have checked every pile under the old quay.", "pier"),
    _item(1, "b", "the pier will reopen in May once the divers have checked every pile", "pier"),
    _item(2, "c", "The pier will reopen in May,", "pier"),
    _item(3, "d", "Ticket prices for the ferry will rise by a third next year.", "tickets"),
))


def test_a_perfect_grouping_scores_one_everywhere() -> None:
    figures = score_families([POOL], lambda items: [[0, 1, 2], [3]])
    assert figures["pair_precision"] == figures["pair_recall"] == 1.0
    assert figures["member_precision"] == figures["family_precision"] == figures["family_recall"] == 1.0


def test_a_stray_member_costs_family_and_member_precision() -> None:
    figures = score_families([POOL], lambda items: [[0, 1, 2, 3]])
    assert figures["family_precision"] == 0.0
    assert figures["member_precision"] == 2 / 3  # the representative is quote 0; quote 3 does not match it
    assert figures["pair_precision"] == 3 / 6 and figures["family_recall"] == 1.0


def test_a_split_family_costs_recall_only() -> None:
    figures = score_families([POOL], lambda items: [[0, 1], [2], [3]])
    assert figures["pair_precision"] == 1.0 and figures["pair_recall"] == 1 / 3
    assert figures["family_recall"] == 0.0 and figures["family_precision"] == 1.0


def test_the_pair_gold_is_pooled_by_story_and_scored_on_its_labelled_pairs() -> None:
    pairs = [
        {"story": "s1", "article_a": "a", "article_b": "b", "quote_a": "The pier will reopen in May.",
         "quote_b": "the pier will reopen in May", "speaker_a": None, "speaker_b": None, "label": "same"},
        {"story": "s1", "article_a": "a", "article_b": "c", "quote_a": "The pier will reopen in May.",
         "quote_b": "Ticket prices will rise.", "speaker_a": None, "speaker_b": None, "label": "different"},
    ]
    pools, labelled = pools_from_pairs(pairs)
    assert [len(p.items) for p in pools] == [3] and len(labelled["s1"]) == 2
    figures = score_pairs(pools, labelled, lambda items: [[0, 1], [2]])
    assert figures["pair_precision"] == figures["pair_recall"] == 1.0


def test_the_family_gold_has_a_hundred_families_half_with_three_versions() -> None:
    pools = load_families(GOLD)
    sizes: dict[str, int] = {}
    for pool in pools:
        for item in pool.items:
            sizes[item.family] = sizes.get(item.family, 0) + 1
    families = [n for n in sizes.values() if n >= 2]
    assert len(families) >= 100 and sum(n >= 3 for n in families) * 2 >= len(families)
    assert len(sizes) > len(families)  # quotes alone in their family: the hard negatives
    records = [json.loads(line) for line in GOLD.read_text(encoding="utf-8").splitlines()]
    assert all(item["text"] and item["end"] > item["start"] for r in records for item in r["items"])
