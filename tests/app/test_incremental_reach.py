"""An incremental run reads only what the new reports can reach: the stored stories of the days around theirs and
those stories' articles, never every stored story; the stories come out as when the whole store is read."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest

from newsweave.app import Workspace
from newsweave.app.workspace import Analysed
from newsweave.model import Meta, RawDocument
from newsweave.store import Store

EVENTS = {
    "2024-01-12": ("Gale closes the Varrow estuary ferry",
                   "A winter gale closed the Varrow estuary ferry on Friday, the harbour master said. Crossings "
                   "will resume once the swell drops below two metres, the operator Ostlund Lines added."),
    "2024-05-08": ("Quarry blast cracks windows in Pellham",
                   "A blast at the Pellham limestone quarry cracked windows in forty homes on Wednesday, the "
                   "district council said. The quarry owner Brandvik Stone halted blasting pending an inquiry."),
    "2024-09-20": ("Drought cuts the Selby reservoir to a third",
                   "The Selby reservoir fell to a third of its capacity on Friday after the driest summer in "
                   "decades, the water board said. A hosepipe ban starts on Monday across the Selby district."),
}
OUTLETS = ("Harbour Post", "Valley Courier")


def _doc(day: str, outlet: str, extra: str = "") -> RawDocument:
    title, text = EVENTS[day]
    meta = (("outlet", Meta(outlet, "sidecar")), ("published", Meta(day, "sidecar")), ("title", Meta(title, "sidecar")))
    return RawDocument(f"{outlet}-{day}.txt", f"{title}\n\n{text} {extra}".strip(), "text", meta)


class Watched:
    """A store that records which stories and articles are read whole."""

    def __init__(self, store: Store) -> None:
        self._store = store
        self.whole_stories = 0
        self.articles_read: list[str] = []

    def stories(self) -> Any:
        self.whole_stories += 1
        return self._store.stories()

    def articles(self, ids: Any = None) -> Any:
        found = self._store.articles(ids)
        self.articles_read += [a.id for a in found]
        return found

    def __getattr__(self, name: str) -> Any:
        return getattr(self._store, name)


def _stored() -> Workspace:
    ws = Workspace.open(":memory:")
    ws.add_documents([_doc(day, outlet) for day in EVENTS for outlet in OUTLETS])
    ws.analyse()
    return ws


@pytest.fixture
def pair() -> Iterator[tuple[Workspace, Workspace]]:
    """Two workspaces holding the same stories (three events months apart, two reports each)."""
    with _stored() as light, _stored() as whole:
        yield light, whole


def _report(day: str) -> RawDocument:
    return _doc(day, "Ridge Gazette", "Residents say they were warned weeks ago and nobody listened.")


def _run_watched(ws: Workspace, day: str) -> tuple[Watched, Analysed, str, set[str], dict[str, str | None]]:
    """Add a report on the event of ``day`` and run, watching the store: what was read, the run, the new
    article's id, the ids of that event's stored articles and the versions of the other stories before."""
    same_day = {a.id for a in ws.store.articles() if a.published and a.published.value == day}
    others = {s.id: ws.store.story_version(s.id) for s in ws.stories() if not same_day & set(s.article_ids)}
    watched = Watched(ws.store)
    ws.store = watched  # type: ignore[assignment]
    (new_id,) = ws.add_documents([_report(day)]).new
    return watched, ws.analyse_stored(), new_id, same_day, others


@pytest.mark.parametrize("day", ["2024-05-08", "2024-09-20"])
def test_a_new_report_reads_only_the_stories_of_its_days_and_joins_its_story(
        pair: tuple[Workspace, Workspace], day: str) -> None:
    light, _ = pair
    watched, run, new_id, same_day, others = _run_watched(light, day)
    assert watched.whole_stories == 0
    assert set(watched.articles_read) <= same_day | {new_id}  # the articles of the other months are never read
    assert all(light.store.story_version(sid) == version for sid, version in others.items())  # not rewritten
    (grown,) = [members for _, members in run.stories if new_id in members]
    assert same_day < set(grown)


def test_the_stories_come_out_as_when_the_whole_store_is_read(pair: tuple[Workspace, Workspace],
                                                              monkeypatch: pytest.MonkeyPatch) -> None:
    """For a report on the newest event (the whole-store index drops the stories of days long before the newest
    stored one, so an older report cannot join them there: reading only its days lets it, see the test above)."""
    light, whole = pair
    _, run, _, _, _ = _run_watched(light, "2024-09-20")
    monkeypatch.setattr(Workspace, "_grow_near", lambda *_: None)  # the whole store read, as before
    _, everything, _, _, _ = _run_watched(whole, "2024-09-20")
    assert run.stories == everything.stories
    assert sorted(run.articles) == sorted(everything.articles)  # (their order goes by the second each was added)
    assert {s.id: s for s in light.stories()} == {s.id: s for s in whole.stories()}


def test_an_undated_report_reads_the_whole_store(pair: tuple[Workspace, Workspace]) -> None:
    light, _ = pair
    watched = Watched(light.store)
    light.store = watched  # type: ignore[assignment]
    undated = RawDocument("undated.txt", EVENTS["2024-05-08"][1], "text", ())
    light.add_documents([undated])
    run = light.analyse_stored()
    assert watched.whole_stories == 1  # an undated report may join any story
    assert sum(len(members) for _, members in run.stories) == 7


def test_nothing_new_reads_nothing_whole_and_changes_nothing(pair: tuple[Workspace, Workspace]) -> None:
    light, _ = pair
    before = {s.id: light.store.story_version(s.id) for s in light.stories()}
    run = light.analyse_stored()
    assert {sid for sid, _ in run.stories} == set(before)
    assert {s.id: light.store.story_version(s.id) for s in light.stories()} == before
