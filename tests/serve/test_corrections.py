"""Corrections by a person: applied to stories, persisted, shown as made by a person, and re-applied
after every regrouping."""

from __future__ import annotations

from pathlib import Path

import pytest

from newsweave.serve import create_app
from newsweave.store import open_store

from ..conftest import REPORT_A, REPORT_B
from .support import Client, fill

# --- through the API ----------------------------------------------------------------------------------


@pytest.fixture
def client(tmp_path: Path) -> Client:
    path = str(tmp_path / "news.db")
    with open_store(path) as store:
        fill(store)
    c = Client(create_app(path))
    yield c
    c.close()


def test_merge_stories_persists_and_is_shown_as_made_by_a_person(client: Client) -> None:
    response = client.post("/api/stories/merge", json={"stories": ["s-bridge", "s-zoo"], "note": "same town"})
    assert response.status_code == 200
    new = response.json()["stories"][0]
    ids = [s["id"] for s in client.get("/stories.json").json()["stories"]]
    assert new in ids and "s-bridge" not in ids and "s-zoo" not in ids
    story = client.get(f"/stories/{new}.json").json()["stories"][0]
    assert story["corrections"][0]["by"] == "person" and story["corrections"][0]["note"] == "same town"
    assert "made by a person" in client.get(f"/stories/{new}").text
    assert client.get("/corrections.json").json()["corrections"][0]["kind"] == "merge_stories"


def test_split_story_via_api(client: Client) -> None:
    response = client.post("/api/stories/split", json={"story": "s-bridge", "articles": ["a-gazette"]})
    assert response.status_code == 200 and len(response.json()["stories"]) == 2
    bad = client.post("/api/stories/split", json={"story": "s-zoo", "articles": ["a-zoo"]})
    assert bad.status_code == 422


def test_entity_merge_and_split_via_api(client: Client) -> None:
    merged = client.post("/api/entities/merge", json={"story": "s-bridge", "entities": ["e1", "e2"]})
    assert merged.status_code == 200
    story = client.get("/stories/s-bridge.json").json()["stories"][0]
    okafor = next(e for e in story["entities"] if e["id"] == "e1")
    assert okafor["spellings"] == {"Bay Courier": ["Maria Okafor"], "Coast Gazette": ["M. Okafor"]}
    assert story["corrections"][0]["applies_to"]["entities"] == ["e1"]
    split = client.post(
        "/api/entities/split", json={"story": "s-bridge", "entity": "e1", "spellings": ["M. Okafor"]}
    )
    assert split.status_code == 200
    assert (
        client.post(
            "/api/entities/split", json={"story": "s-bridge", "entity": "e9", "spellings": ["x"]}
        ).status_code
        == 404
    )


def test_quote_judgement_via_form_redirects_to_the_story(client: Client) -> None:
    response = client.post(
        "/api/quotes/judge", data={"story": "s-bridge", "quotes": ["q1", "q2"], "same": "false"}
    )
    assert response.status_code == 303 and response.headers["location"] == "/stories/s-bridge"
    quotes = client.get("/stories/s-bridge.json").json()["stories"][0]["quotes"]
    assert quotes[0]["family"] != quotes[1]["family"]
    assert "judged by a person" in client.get("/stories/s-bridge").text


def test_corrections_survive_regrouping(tmp_path: Path) -> None:
    c = Client(create_app(str(tmp_path / "news.db")))
    for text, outlet in ((REPORT_A, "Bay Courier"), (REPORT_B, "Coast Gazette")):
        assert (
            c.post(
                "/api/reports", json={"text": text, "outlet": outlet, "published": "2024-03-29"}
            ).status_code
            == 201
        )
    stories = c.get("/stories.json").json()["stories"]
    if len(stories) == 1:  # grouped together: split them apart by hand
        story = c.get(stories[0]["json"]).json()
        fix = c.post(
            "/api/stories/split", json={"story": stories[0]["id"], "articles": [story["articles"][1]["id"]]}
        )
    else:  # grouped apart: merge them by hand
        fix = c.post("/api/stories/merge", json={"stories": [s["id"] for s in stories]})
    assert fix.status_code == 200
    expected = sorted(s["articles"] for s in c.get("/stories.json").json()["stories"])
    third = (
        "Northfield Rovers beat Harlow Town 3-1 in the cup final on Saturday, with two goals from "
        "their captain in the second half."
    )
    assert (
        c.post(
            "/api/reports", json={"text": third, "outlet": "Sports Daily", "published": "2024-03-29"}
        ).status_code
        == 201
    )
    after = c.get("/stories.json").json()["stories"]
    bridge = [
        s["articles"] for s in after if "Bay Courier" in s["outlets"] or "Coast Gazette" in s["outlets"]
    ]
    assert sorted(bridge) == expected
    c.close()


def test_old_story_ids_redirect_and_undo_restores(client: Client) -> None:
    merged = client.post("/api/stories/merge", json={"stories": ["s-bridge", "s-zoo"]}).json()
    old = client.get("/stories/s-bridge.json", follow_redirects=False)
    assert old.status_code == 301 and old.headers["location"] == merged["url"] + ".json"  # the JSON twin
    undone = client.post("/api/corrections/undo", json={"correction": merged["correction"]})
    assert undone.status_code == 200
    listed = client.get("/corrections.json").json()["corrections"]
    assert listed[0]["id"] == merged["correction"] and listed[0]["undone"]
    assert client.post("/api/corrections/undo", json={"correction": merged["correction"]}).status_code == 404
