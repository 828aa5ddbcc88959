"""Story stage versions: a stored story is compared again only by the story stages whose version or settings
changed (and those reading what they provide), and no article is analysed again for it."""

from __future__ import annotations

import dataclasses
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from newsweave import stages
from newsweave.analyse.quotes import QuotesConfig
from newsweave.app import Workspace
from newsweave.app.versions import WHY, made, stale
from newsweave.compare.membership import MembershipConfig
from newsweave.config import Settings
from newsweave.model import Article, Span, Story
from newsweave.pipeline import Pipeline, stage_mark

ORDER = [s.name for s in stages.REGISTRY.story]


class Runs:
    """Records (kind, stage, item id) for each stage run one at a time (the tolerant run's way)."""

    def __init__(self, monkeypatch: pytest.MonkeyPatch) -> None:
        self.runs: list[tuple[str, str, str]] = []
        original = Pipeline.run

        def run(pipeline: Pipeline, item: Any, context: Any) -> Any:
            if len(pipeline.stages) == 1:
                self.runs.append((pipeline.stages[0].kind, pipeline.stages[0].name, item.id))
            return original(pipeline, item, context)

        monkeypatch.setattr(Pipeline, "run", run)

    def of(self, kind: str) -> list[tuple[str, str]]:
        return [(name, item) for k, name, item in self.runs if k == kind]


def _bump(monkeypatch: pytest.MonkeyPatch, name: str) -> None:
    """Give the story stage ``name`` a new version, as a change to its code would."""
    registry = stages.REGISTRY
    story = tuple(dataclasses.replace(s, version=s.version + "-next") if s.name == name else s for s in registry.story)
    monkeypatch.setattr(stages, "REGISTRY", dataclasses.replace(registry, story=story))


@pytest.fixture
def ws(reports_dir: Path) -> Iterator[Workspace]:
    with Workspace.open(":memory:") as w:
        w.add([str(reports_dir)])
        w.analyse()
        yield w


def test_unchanged_stages_compare_nothing_again(ws: Workspace, monkeypatch: pytest.MonkeyPatch) -> None:
    (story,) = ws.stories()
    log = Runs(monkeypatch)
    (again,) = ws.analyse().stories
    assert log.runs == [] and again == story


def test_a_new_story_stage_version_reruns_it_and_what_reads_it_without_analysing_articles(
    ws: Workspace, monkeypatch: pytest.MonkeyPatch
) -> None:
    (story,) = ws.stories()
    _bump(monkeypatch, "quote_families")
    log = Runs(monkeypatch)
    (again,) = ws.analyse().stories
    assert log.of("article") == []  # no article parsed again
    assert log.of("story") == [(name, story.id) for name in ("quote_families", "membership")]
    assert again == story  # the same code: the same story, reasons not doubled
    log.runs.clear()
    ws.analyse()
    assert log.runs == []  # marked current now


@pytest.mark.parametrize("name", ORDER)
def test_each_bumped_story_stage_reruns_from_itself_only_where_read(
    ws: Workspace, monkeypatch: pytest.MonkeyPatch, name: str
) -> None:
    (story,) = ws.stories()
    _bump(monkeypatch, name)
    log = Runs(monkeypatch)
    (again,) = ws.analyse().stories
    ran = [stage for stage, _ in log.of("story")]
    assert ran[0] == name and log.of("article") == [] and again == story
    provided = {f for s in stages.REGISTRY.story if s.name in ran for f in s.provides}
    assert all(s.requires & provided for s in stages.REGISTRY.story if s.name in ran[1:])


def test_changed_story_stage_settings_rerun_that_stage(ws: Workspace, monkeypatch: pytest.MonkeyPatch) -> None:
    (story,) = ws.stories()
    log = Runs(monkeypatch)
    ws.settings = Settings(stages=(MembershipConfig(shown=1),))
    ws.analyse()
    assert log.of("story") == [("membership", story.id)] and log.of("article") == []
    (again,) = ws.stories()
    assert again.why[: len(story.why) - 2] == story.why[: len(story.why) - 2] and len(again.why) == len(story.why)


def test_articles_analysed_again_recompare_the_story_stages_reading_them(
    ws: Workspace, monkeypatch: pytest.MonkeyPatch
) -> None:
    (story,) = ws.stories()
    log = Runs(monkeypatch)
    ws.settings = Settings(stages=(QuotesConfig(inherit_gap=251),))  # the quotes and claims stages run again
    ws.analyse()
    ran = [name for name, _ in log.of("story")]
    assert {name for name, _ in log.of("article")} == {"quotes", "claims"}
    assert ran == ["quote_families", "membership", "facts", "brief"]  # not entity_resolution, not timeline


def _story() -> Story:
    return Story("s-1", "Ferry strike", (Span("a1", 0, 9),), why=("grouped",))


def test_a_story_without_marks_counts_as_current() -> None:
    assert stale(_story(), (), {}, Settings()) == ()


def test_marks_name_each_stage_the_members_analysis_and_the_grouped_reasons() -> None:
    article = Article("a1", "a1.txt", "Ferry strike", done=frozenset({"~quotes@1#abc", "quotes"}))
    marks = made(_story(), {"a1": article}, Settings(), grouped_reasons=1)
    assert {stage_mark(s, Settings()) for s in stages.REGISTRY.story} <= marks
    assert "~quotes@1#abc" in marks and f"{WHY}1" in marks and "quotes" not in marks
    assert stale(_story(), marks, {"a1": article}, Settings()) == ()
    failed = made(_story(), {"a1": article}, Settings(), grouped_reasons=1, failed=True)
    assert stale(_story(), failed, {"a1": article}, Settings()) == tuple(ORDER)
