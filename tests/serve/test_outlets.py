"""The outlet profiles page, its JSON twin and write API, and coverage on the story list and page (over
httpx's ASGI transport; the browser tests are in test_outlets_browser.py)."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path

import pytest

from newsweave.serve import create_app
from newsweave.store import open_store

from .outlet_data import PROFILES_CSV, add_wire_story
from .support import Client, fill


@pytest.fixture
def db(tmp_path: Path) -> str:
    path = str(tmp_path / "news.db")
    with open_store(path) as store:
        fill(store)
        add_wire_story(store)
    return path


@pytest.fixture
def client(db: str) -> Iterator[Client]:
    c = Client(create_app(db))
    yield c
    c.close()


def _import(client: Client, text: str = PROFILES_CSV) -> None:
    response = client.post("/api/outlets/import", json={"text": text})
    assert response.status_code == 200, response.text


def test_outlets_json_lists_profiles_and_the_outlets_with_none(client: Client) -> None:
    assert client.get("/outlets.json").json()["outlets"] == []
    _import(client)
    data = client.get("/outlets.json").json()
    assert [o["name"] for o in data["outlets"]] == ["Bay Courier", "Coast Gazette", "Harbour Gazette",
                                                    "Ostland Radio", "Rivet Wire"]
    assert data["outlets"][2] == {"name": "Harbour Gazette", "kind": "newspaper", "country": "Ostland",
                                  "language": None, "owner": None, "leaning": "centre"}
    assert "City Times" in data["not_profiled"] and "Rivet Wire" not in data["not_profiled"]


def test_set_outlet_replaces_the_profile_of_that_name(client: Client) -> None:
    _import(client)
    answer = client.post("/api/outlets", json={"name": "rivet wire", "kind": "online", "country": "Westmark"})
    assert answer.status_code == 200 and answer.json()["url"] == "/outlets"
    names = {o["name"]: o for o in client.get("/outlets.json").json()["outlets"]}
    assert "Rivet Wire" not in names and names["rivet wire"]["kind"] == "online"


def test_form_post_redirects_to_the_outlets_page(client: Client) -> None:
    answer = client.post("/api/outlets", data={"name": "Bay Courier", "kind": "newspaper", "country": "",
                                               "leaning": ""}, headers={"origin": "http://127.0.0.1"})
    assert answer.status_code == 303 and answer.headers["location"] == "/outlets"
    (profile,) = client.get("/outlets.json").json()["outlets"]
    assert profile["country"] is None and profile["leaning"] is None  # an empty field is not given


@pytest.mark.parametrize(("route", "body", "said"), [
    ("/api/outlets", {"name": "X", "kind": "tabloid"}, "kind: 'tabloid' is not a kind of outlet"),
    ("/api/outlets", {"name": ""}, "name"),
    ("/api/outlets/import", {"text": "name,kind\nA,newspaper\nB,zine\n"}, "the outlets file row 3: kind:"),
    ("/api/outlets/import", {"text": "[{\"name\": \"A\"}, {\"name\": \"a\"}]"}, "given twice"),
])
def test_a_wrong_profile_is_a_422_naming_it_and_nothing_is_stored(client: Client, route: str, body: dict,
                                                                    said: str) -> None:
    answer = client.post(route, json=body)
    assert answer.status_code == 422 and said in answer.json()["error"]["message"]
    assert client.get("/outlets.json").json()["outlets"] == []


def test_remove_outlet_forgets_it_and_404s_the_second_time(client: Client) -> None:
    _import(client)
    assert client.post("/api/outlets/remove", json={"name": "Rivet Wire"}).status_code == 200
    assert client.post("/api/outlets/remove", json={"name": "Rivet Wire"}).status_code == 404
    assert "Rivet Wire" in client.get("/outlets.json").json()["not_profiled"]


def test_outlet_writes_need_the_token_when_the_server_has_one(db: str) -> None:
    c = Client(create_app(db, token="s3cret"))
    assert c.post("/api/outlets", json={"name": "X"}).status_code == 401
    ok = c.post("/api/outlets", json={"name": "X"}, headers={"authorization": "Bearer s3cret"})
    assert ok.status_code == 200
    assert 'name="token"' in c.get("/outlets").text
    c.close()


def test_story_json_shows_coverage_wire_copies_and_blindspots(client: Client) -> None:
    _import(client)
    coverage = client.get("/stories/s-dam.json").json()["stories"][0]["coverage"]
    copied = {o["name"]: o["said"] for o in coverage["outlets"]}
    assert copied == {"Harbour Gazette": "copy of Rivet Wire", "Rivet Wire": None, "Ostland Radio": None}
    assert coverage["sources"] == 2
    kind = coverage["groupings"][0]
    assert kind["field"] == "kind"
    assert [(g["label"], g["sources"], g["copies"]) for g in kind["groups"]] == [
        ("wire agency", 1, []), ("public broadcaster", 1, []), ("newspaper", 0, ["Harbour Gazette"])]
    assert [b["said"] for b in kind["blindspots"]] == ["No online outlet covered this story"]


def test_story_page_draws_the_coverage_section(client: Client) -> None:
    _import(client)
    page = client.get("/stories/s-dam").text
    assert 'id="coverage"' in page and 'href="#coverage"' in page
    assert "Harbour Gazette (copy of Rivet Wire)" in page
    assert "No online outlet covered this story" in page
    assert '<ul class="cov-legend" aria-label="Coverage by kind">' in page
    assert "wire agency 1</li>" in page and "(1 copy)" in page


def test_coverage_follows_a_profile_change_on_a_cached_page(client: Client) -> None:
    assert "No public broadcaster" not in client.get("/stories/s-bridge").text
    _import(client)
    assert "No public broadcaster covered this story" in client.get("/stories/s-bridge").text


def test_story_page_without_profiles_asks_for_them(client: Client) -> None:
    page = client.get("/stories/s-dam").text
    assert "No outlet is profiled yet" in page and 'href="/outlets"' in page


def test_story_list_has_a_coverage_bar_per_story_and_a_field_selector(client: Client) -> None:
    _import(client)
    data = client.get("/stories.json?coverage=country").json()
    assert data["coverage_fields"] == ["kind", "country", "leaning"]
    dam = next(s for s in data["stories"] if s["id"] == "s-dam")
    assert dam["coverage"]["field"] == "country" and dam["coverage"]["said"] == "Ostland 3"
    assert [b["value"] for b in dam["coverage"]["blindspots"]] == ["Westmark"]
    page = client.get("/stories?coverage=leaning").text
    assert '<option value="leaning" selected>' in page
    assert '<ul class="cov-legend" aria-label="Coverage by leaning">' in page
    assert "centre 1 <small>(1 copy)</small></li>" in page and "not given 2</li>" in page
    assert client.get("/stories.json?coverage=colour").status_code == 422


def test_hostile_outlet_names_are_escaped_everywhere(client: Client) -> None:
    name = '<img src=x onerror="window.__pwned=9">'
    assert client.post("/api/outlets", json={"name": name, "kind": "online", "owner": "<b>x</b>"}).status_code == 200
    for path in ("/outlets", "/stories", "/stories/s-hostile"):
        text = client.get(path).text
        assert "<img src=x" not in text and "<b>x</b>" not in text, path
    assert json.dumps(name)[1:-1] in client.get("/outlets.json").text


def test_a_profile_written_by_another_process_shows_once_the_ttl_passed(db: str, client: Client,
                                                                         monkeypatch: pytest.MonkeyPatch) -> None:
    from newsweave.model import OutletProfile
    from newsweave.serve import views

    assert "No wire agency" not in client.get("/stories/s-bridge").text
    with open_store(db) as other:  # as `newsweave outlets set` would, beside the server
        other.put_outlets([OutletProfile("Rivet Wire", kind="wire agency")])
    monkeypatch.setattr(views, "OUTLETS_TTL", 0.0)
    assert "No wire agency" in client.get("/stories/s-bridge").text
