"""The application layer: add, analyse what is pending, regroup, correct, undo, and old story ids."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from pathlib import Path
from typing import Any

import pytest

from newsweave import api
from newsweave.analyse.quotes import QuotesConfig
from newsweave.app import Workspace
from newsweave.config import Settings
from newsweave.errors import NotFoundError, RequestError
from newsweave.group.identity import story_id
from newsweave.pipeline import Pipeline

THIRD = ("Northfield Rovers beat Harlow Town 3-1 in the cup final on Saturday, with two goals from their "
         "captain in the second half.")


class CountingExecutor:
    """The local executor, counting the articles it is asked to analyse."""

    def __init__(self) -> None:
        self.seen: list[str] = []

    def map(self, fn: Callable, items: Iterable, context: object) -> Iterator:
        for item in items:
            self.seen.append(item.id)
            yield fn(item, context)


@pytest.fixture
def ws(reports_dir: Path) -> Iterator[Workspace]:
    with Workspace.open(":memory:", executor=CountingExecutor()) as w:
        w.add([str(reports_dir)])
        w.analyse()
        yield w


def test_add_twice_keeps_what_is_stored(ws: Workspace, reports_dir: Path) -> None:
    again = ws.add([str(reports_dir)])
    assert again.added == 0 and again.unchanged == 2


def test_analyse_runs_the_article_stages_only_on_pending_articles(ws: Workspace, tmp_path: Path) -> None:
    executor = ws.executor
    assert isinstance(executor, CountingExecutor) and len(executor.seen) == 2
    (tmp_path / "third.txt").write_text(THIRD, encoding="utf-8")
    added = ws.add([str(tmp_path / "third.txt")], outlet="Sports Daily", published="2024-03-30")
    report = ws.analyse()
    assert executor.seen[2:] == list(added.new)  # only the new report was analysed
    assert {a for s in report.stories for a in s.article_ids} == {a.id for a in ws.store.articles()}
    ws.analyse(everything=True)
    assert len(executor.seen) == 6


def test_merge_answers_under_the_old_ids_and_undo_restores_the_grouping(ws: Workspace, tmp_path: Path) -> None:
    (tmp_path / "third.txt").write_text(THIRD, encoding="utf-8")
    ws.add([str(tmp_path / "third.txt")], outlet="Sports Daily", published="2024-03-30")
    before = sorted(s.id for s in ws.analyse().stories)
    assert len(before) >= 2
    changed = ws.merge_stories(before[:2], note="same town")
    (merged,) = changed.stories
    assert merged.id == story_id(merged.article_ids) and merged.entities  # compared again
    assert all(ws.store.resolve_story(old) == (merged.id,) for old in before[:2])
    with pytest.raises(NotFoundError, match="regrouped into"):
        ws.story(before[0])
    assert merged.id in {s.id for s in ws.analyse().stories}  # the correction survives regrouping
    ws.undo(changed.correction.id)
    assert sorted(s.id for s in ws.stories()) == before
    assert ws.corrections()[0].undone  # kept in the list, marked undone
    with pytest.raises(NotFoundError):
        ws.undo(changed.correction.id)


def test_bad_corrections_are_request_errors(ws: Workspace) -> None:
    (story,) = ws.stories()[:1]
    with pytest.raises(RequestError, match="at least two"):
        ws.merge_stories([story.id])
    with pytest.raises(RequestError, match="leave at least one"):
        ws.split_story(story.id, list(story.article_ids))
    with pytest.raises(NotFoundError, match="no story 's-nope'"):
        ws.split_story("s-nope", ["a"])


def test_the_same_wire_copy_from_two_outlets_is_two_articles_marked_as_copies() -> None:
    """Issue 13 item 4: identical text from two outlets was stored once under one outlet."""
    from newsweave.app import Workspace
    from newsweave.model import Meta, RawDocument

    text = ("Harbour bridge reopens after repairs\n\nThe Kestrel Bay harbour bridge reopened on Tuesday after "
            "engineers replaced twelve storm damaged cables, the council said. Traffic was light in the morning.")

    def doc(outlet: str) -> RawDocument:
        return RawDocument(f"{outlet}.txt", text, "text", (("outlet", Meta(outlet, "sidecar")),))

    with Workspace.open(":memory:") as ws:
        first = ws.add_documents([doc("Bay Courier")])
        later = ws.add_documents([doc("Coast Gazette"), doc("Bay Courier")])  # a later run, and the same again
        assert (first.added, later.added, later.unchanged) == (1, 1, 1)
        stored = ws.store.articles()
        assert sorted(a.outlet.value for a in stored if a.outlet) == ["Bay Courier", "Coast Gazette"]
        report = ws.analyse()
    (story,) = report.stories
    assert sorted(story.article_ids) == sorted(a.id for a in stored)
    assert [sorted(group) for group in story.copies] == [sorted(a.id for a in stored)]


class Recorder:
    """A Progress that keeps each phase with its total and the steps reported in it."""

    def __init__(self) -> None:
        self.phases: list[list] = []

    def phase(self, name: str, total: int | None = None, unit: str = "article") -> None:
        self.phases.append([name, total, unit, 0])

    def update(self, n: int = 1) -> None:
        self.phases[-1][3] += n


def test_every_phase_of_a_run_reports_its_count(ws: Workspace, tmp_path: Path) -> None:
    (tmp_path / "third.txt").write_text(THIRD, encoding="utf-8")
    seen = Recorder()
    ws.add([str(tmp_path / "third.txt")], progress=seen)
    report = ws.analyse(progress=seen)
    names = [p[0] for p in seen.phases]
    assert names == ["reading", "normalising", "loading", "analysing", "grouping", "comparing", "writing"]
    by_name = {p[0]: p for p in seen.phases}
    assert by_name["reading"][3] == by_name["normalising"][3] == 1
    assert by_name["loading"][3] == by_name["grouping"][3] == 3
    assert by_name["analysing"][1:] == [1, "article", 1]  # only the new report is analysed
    assert by_name["comparing"][1] == by_name["comparing"][3] >= 1
    assert by_name["writing"][1:] == [len(report.stories), "story", len(report.stories)]


class StageLog:
    """Records (stage, article) for each article stage run (the tolerant run goes one stage at a time)."""

    def __init__(self, monkeypatch: pytest.MonkeyPatch) -> None:
        self.runs: list[tuple[str, str]] = []
        original = Pipeline.run

        def run(pipeline: Pipeline, item: Any, context: Any) -> Any:
            if len(pipeline.stages) == 1 and pipeline.stages[0].kind == "article":
                self.runs.append((pipeline.stages[0].name, item.id))
            return original(pipeline, item, context)

        monkeypatch.setattr(Pipeline, "run", run)


def test_a_stored_analysis_is_reused_and_only_changed_stages_run_again(
    ws: Workspace, monkeypatch: pytest.MonkeyPatch
) -> None:
    log = StageLog(monkeypatch)
    ws.analyse()
    assert log.runs == []  # nothing changed: nothing parsed again
    ws.settings = Settings(stages=(QuotesConfig(inherit_gap=251),))
    ws.analyse()
    ids = sorted(a.id for a in ws.store.articles())
    assert sorted(log.runs) == sorted([(stage, a) for a in ids for stage in ("quotes", "claims")])
    log.runs.clear()
    ws.analyse()
    assert log.runs == []
    ws.analyse(everything=True)
    assert {stage for stage, _ in log.runs} == set(api.article_pipeline().names)


# --- issue 14: incremental by default ----------------------------------------------------------------------

FOURTH = ("Harbour bridge back in use in Kestrel Bay\n\nThe Kestrel Bay harbour bridge reopened to traffic on "
          "Tuesday after three weeks of repairs to the storm damage on its northern span, council engineer Maria "
          "Okafor said. The bridge is safe and open again, the council said.")


class CompareLog:
    """Records the ids of the stories each run compares."""

    def __init__(self, monkeypatch: pytest.MonkeyPatch) -> None:
        self.compared: list[str] = []
        original = api.compare_stories

        def compare(stories: Any, *args: Any, **kwargs: Any) -> Any:
            stories = list(stories)
            self.compared += [s.id for s in stories]
            return original(stories, *args, **kwargs)

        monkeypatch.setattr(api, "compare_stories", compare)


def _add(ws: Workspace, folder: Path, name: str, text: str, outlet: str) -> frozenset[str]:
    (folder / name).write_text(text, encoding="utf-8")
    return ws.add([str(folder / name)], outlet=outlet, published="2024-03-30").new


def test_new_reports_join_stored_stories_and_only_touched_stories_are_compared(
    ws: Workspace, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    (bridge,) = ws.stories()
    log = CompareLog(monkeypatch)
    (cup,) = _add(ws, tmp_path, "cup.txt", THIRD, "Sports Daily")
    report = ws.analyse()
    assert bridge in report.stories  # untouched: the stored story as it was, not compared again
    (cup_story,) = [s for s in report.stories if cup in s.article_ids]
    assert log.compared == [cup_story.id]
    (late,) = _add(ws, tmp_path, "late.txt", FOURTH, "Harbour Post")
    report = ws.analyse()
    (grown,) = [s for s in report.stories if late in s.article_ids]
    assert grown.id == bridge.id and set(grown.article_ids) == {*bridge.article_ids, late}  # same id, grown
    assert log.compared[1:] == [bridge.id] and cup_story in report.stories
    assert ws.story(bridge.id).article_ids == grown.article_ids


def test_regroup_groups_every_stored_report_again_as_one_run_does(ws: Workspace, tmp_path: Path) -> None:
    _add(ws, tmp_path, "cup.txt", THIRD, "Sports Daily")
    _add(ws, tmp_path, "late.txt", FOURTH, "Harbour Post")
    grown = ws.analyse()
    regrouped = ws.analyse(regroup=True)
    with Workspace.open(":memory:") as fresh:
        fresh.store.put_articles(ws.store.articles())
        once = fresh.analyse()
    assert sorted(s.article_ids for s in regrouped.stories) == sorted(s.article_ids for s in once.stories)
    assert sorted(s.article_ids for s in grown.stories) == sorted(s.article_ids for s in once.stories)
    moved = {old for s in grown.stories for old in [s.id] if s.id not in {r.id for r in regrouped.stories}}
    assert all(ws.store.resolve_story(old) for old in moved)  # an id that changed leaves an alias


def test_a_grown_story_keeps_its_id_through_a_regroup(ws: Workspace, tmp_path: Path) -> None:
    (bridge,) = ws.stories()
    (late,) = _add(ws, tmp_path, "late.txt", FOURTH, "Harbour Post")
    ws.analyse()
    regrouped = ws.analyse(regroup=True)
    (grown,) = [s for s in regrouped.stories if late in s.article_ids]
    assert grown.id == bridge.id != story_id(grown.article_ids) and ws.store.resolve_story(bridge.id) == (bridge.id,)


def test_stories_stored_by_a_bulk_run_are_compared_by_the_next_analyse(ws: Workspace) -> None:
    from newsweave.app.corrections import bare

    (story,) = ws.stories()
    ws.store.put_stories([bare(story)])
    (again,) = ws.analyse().stories
    assert again.id == story.id and again.entities
    ws.store.put_stories([bare(story)])
    (regrouped,) = ws.analyse(regroup=True).stories
    assert regrouped.id == story.id and regrouped.entities
