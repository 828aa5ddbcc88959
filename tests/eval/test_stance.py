"""The official FNC-1 weighted score and the body split of the claim-check benchmark."""

from __future__ import annotations

import pytest

from newsweave.eval.stance import fnc_score, part_of


@pytest.mark.parametrize(
    ("gold", "predicted", "score"),
    [
        (["unrelated"], ["unrelated"], 0.25),
        (["unrelated"], ["discuss"], 0.0),
        (["agree"], ["agree"], 1.0),
        (["agree"], ["discuss"], 0.25),
        (["disagree"], ["unrelated"], 0.0),
        (["discuss", "unrelated", "agree"], ["discuss", "agree", "disagree"], 1.25),
    ],
)
def test_fnc_score_is_the_official_weighting(gold: list[str], predicted: list[str], score: float) -> None:
    assert fnc_score(gold, predicted)[0] == score


def test_the_maximum_is_the_score_of_the_gold_itself() -> None:
    gold = ["unrelated", "agree", "discuss", "unrelated", "disagree"]
    assert fnc_score(gold, gold) == (3.5, 3.5)


def test_a_fifth_of_the_bodies_is_held_out_and_disjoint_from_dev() -> None:
    ids = list(range(100, 0, -1))
    held, dev = part_of(ids, "heldout"), part_of(ids, "dev")
    assert len(held) == 20 and not held & dev and held | dev == part_of(ids, "all") == set(ids)
