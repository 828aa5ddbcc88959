from __future__ import annotations

import pytest

from newsweave.errors import PipelineError
from newsweave.model import Article, evolve
from newsweave.pipeline import Stage, build


def _upper(article: Article, _context: object) -> Article:
    return evolve(article, text=article.text.upper())


def _boom(article: Article, _context: object) -> Article:
    raise ValueError("broken stage")


UPPER = Stage("upper", _upper, frozenset({"text"}), frozenset({"upper"}))
NEEDS = Stage("needs", _upper, frozenset({"upper"}), frozenset({"done"}))
BOOM = Stage("boom", _boom, frozenset({"text"}), frozenset())


def test_build_refuses_a_missing_requirement() -> None:
    with pytest.raises(PipelineError, match="'needs' requires upper"):
        build([NEEDS, UPPER], ["needs"])


def test_build_refuses_unknown_stage_and_lists_known() -> None:
    with pytest.raises(PipelineError, match="unknown stage 'nope'") as info:
        build([UPPER], ["nope"])
    assert "upper" in str(info.value)


def test_run_records_what_each_stage_provided() -> None:
    result = build([UPPER, NEEDS]).run(Article(id="a", input="x", text="hi"), None)
    assert result.text == "HI" and {"upper", "done"} <= result.done


def test_run_many_turns_a_failure_into_a_problem_and_goes_on() -> None:
    items = [Article(id="a", input="first.txt", text="x"), Article(id="b", input="second.txt", text="y")]
    results = list(build([BOOM]).run_many(items, None))
    assert [r for r, _ in results] == [None, None]
    problems = [p for _, p in results]
    assert problems[0] is not None and problems[0].stage == "boom" and "first.txt" in problems[0].error
    assert problems[1] is not None and "second.txt" in problems[1].error


def test_build_refuses_a_stage_listed_twice() -> None:
    with pytest.raises(PipelineError, match="'upper' listed twice"):
        build([UPPER, UPPER])
