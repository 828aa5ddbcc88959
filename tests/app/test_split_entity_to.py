"""An entity split that names the new entity or adds the split mentions to another entity of the story
(app.workspace.split_entity_to): stored as corrections and re-applied after every analysis."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from newsweave.app import Workspace, apply_corrections
from newsweave.app.workspace import split_entity_to
from newsweave.errors import NotFoundError, RequestError
from newsweave.store import open_store

from ..serve.support import bridge_story, fill


@pytest.fixture
def ws(tmp_path: Path) -> Iterator[Workspace]:
    path = str(tmp_path / "news.db")
    with open_store(path) as store:
        fill(store)
    with Workspace.open(path) as w:
        yield w


def _by_id(story) -> dict:  # type: ignore[no-untyped-def]
    return {e.id: e for e in story.entities}


def test_split_names_the_new_entity_and_the_name_is_kept_on_reapplication(ws: Workspace) -> None:
    changed = split_entity_to(ws, "s-bridge", "e3", ["Kestrel Bay harbour"], name="Harbour district")
    (story,) = changed.stories
    new = next(e for e in story.entities if e.id == f"e3-c{changed.correction.id}")
    assert new.name == "Harbour district" and [m.text for m in new.mentions] == ["Kestrel Bay harbour"]
    stored = ws.store.corrections()
    assert stored[-1].name == "Harbour district"  # the store keeps the name
    (again,) = apply_corrections([bridge_story()], stored)  # as after a new analysis
    assert _by_id(again)[new.id].name == "Harbour district"


def test_split_without_a_name_is_named_by_its_commonest_spelling(ws: Workspace) -> None:
    changed = split_entity_to(ws, "s-bridge", "e3", ["Kestrel Bay harbour"])
    assert _by_id(changed.stories[0])[f"e3-c{changed.correction.id}"].name == "Kestrel Bay harbour"


def test_split_mentions_join_an_existing_entity_which_keeps_its_id_and_name(ws: Workspace) -> None:
    changed = split_entity_to(ws, "s-bridge", "e3", ["Kestrel Bay harbour"], into="e1")
    entities = _by_id(changed.stories[0])
    assert set(entities) == {"e1", "e2", "e3"}  # no entity of the split mentions alone is left
    assert entities["e1"].name == "Maria Okafor"
    assert {m.text for m in entities["e1"].mentions} == {"Maria Okafor", "Kestrel Bay harbour"}
    assert [m.text for m in entities["e3"].mentions] == ["Kestrel Bay"]
    assert [c.kind for c in ws.store.corrections()] == ["split_entity", "merge_entities"]
    (again,) = apply_corrections([bridge_story()], ws.store.corrections())
    assert _by_id(again) == entities
    # undoing the merge leaves the mentions as an entity of their own
    ws.undo(changed.correction.id)
    (after,) = apply_corrections([bridge_story()], ws.store.corrections())
    assert [e.name for e in after.entities if e.id.startswith("e3-c")] == ["Kestrel Bay harbour"]


@pytest.mark.parametrize(("kwargs", "error"), [
    ({"into": "e3"}, RequestError),  # the entity itself
    ({"into": "e1", "name": "Harbour"}, RequestError),  # both a name and an entity
    ({"into": "e9"}, NotFoundError),
])
def test_split_into_refuses_what_cannot_be_done_and_records_nothing(ws: Workspace, kwargs: dict, error: type
                                                                    ) -> None:
    with pytest.raises(error):
        split_entity_to(ws, "s-bridge", "e3", ["Kestrel Bay harbour"], **kwargs)
    assert ws.store.corrections() == []
