"""newsweave.eval exports a sorted __all__ of names it really has, and the old scorer modules are gone."""

from __future__ import annotations

import importlib

import pytest

import newsweave.eval


def test_all_is_sorted_and_complete() -> None:
    assert newsweave.eval.__all__ == sorted(newsweave.eval.__all__)
    assert all(hasattr(newsweave.eval, name) for name in newsweave.eval.__all__)


@pytest.mark.parametrize(
    "old", ["newsweave.evaluation", "newsweave.evaluation_coref", "newsweave.evaluation_entities",
            "newsweave.compare.timeline_score"],
)
def test_scorers_have_one_home(old: str) -> None:
    with pytest.raises(ModuleNotFoundError):
        importlib.import_module(old)
