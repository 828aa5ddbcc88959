"""The review queue over HTTP: /review.json and its page from the same view, accept / reject as a correction
(JSON and the page's forms), undo, the story page's link, escaping and the OpenAPI description."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from newsweave.model import Article, Entity, Mention, Span, evolve
from newsweave.serve import create_app
from newsweave.store import open_store

from .support import HOSTILE, Client, article, bridge_story, fill


def _mention(a: Article, text: str) -> Mention:
    start = a.text.index(text)
    return Mention(Span(a.id, start, start + len(text)), text, "PERSON")


def hostile_review_story():
    """A story whose weak merge and report text are hostile markup (the page must escape every byte)."""
    one = article("a-h1", f"Harbour news\n\nGeneral Zorvath spoke. {HOSTILE}", "Bay Courier")
    two = article("a-h2", "Harbour report\n\nZorvath said the <b>port</b> is shut.", '<img src=x onerror="x()">')
    entity = Entity("e1", "General Zorvath", "PERSON", (_mention(one, "General Zorvath"), _mention(two, "Zorvath")),
                    ("short form: 'Zorvath' (<img>) refers to 'General Zorvath' (Bay Courier)",))
    story = evolve(bridge_story(), id="s-hostile-review", title="<script>window.__pwned=9</script>",
                   segments=(Span(one.id, 0, len(one.text)), Span(two.id, 0, len(two.text))), entities=(entity,),
                   facts=(), quotes=(), quote_families=(), why=())
    return (one, two), story


@pytest.fixture
def client(tmp_path: Path) -> Iterator[Client]:
    path = str(tmp_path / "review.db")
    with open_store(path) as store:
        fill(store)
        articles, story = hostile_review_story()
        store.put_articles(articles)
        store.put_stories([story])
    c = Client(create_app(path))
    yield c
    c.close()


def _items(client: Client, story: str = "s-bridge") -> list[dict]:
    response = client.get("/review.json", params={"story": story})
    assert response.status_code == 200
    return response.json()["items"]


def test_the_queue_lists_items_ranked_with_evidence_and_reasons(client: Client) -> None:
    whole = client.get("/review.json").json()
    assert whole["total"] >= 4 and whole["stories"] == 4
    priorities = [i["priority"] for i in whole["items"]]
    assert priorities == sorted(priorities, reverse=True)
    fact = next(i for i in _items(client) if i["target"] == ["f1"])
    assert fact["kind"] == "fact" and fact["decided"] == "12 cables against 14 cables"
    assert [(e["outlet"], e["published"]) for e in fact["evidence"]] == [("Bay Courier", "2024-03-26"),
                                                                        ("Coast Gazette", "2024-03-26")]
    assert fact["reasons"] and 0 <= fact["certainty"] < 1
    assert client.get("/review.json", params={"limit": 1}).json()["count"] == 1
    assert client.get("/review.json", params={"limit": 0}).status_code == 422
    assert client.get("/review.json", params={"story": "s-nope"}).status_code == 404


def test_rejecting_a_fact_corrects_the_story_and_undo_takes_it_back(client: Client) -> None:
    item = next(i for i in _items(client) if i["target"] == ["f2"])
    done = client.post("/api/review/decide", json={"item": item["id"], "accept": False, "note": "two bridges"})
    assert done.status_code == 200
    answer = done.json()
    assert answer["review"] == f"/review?done={answer['correction']}"
    story = client.get("/stories/s-bridge.json").json()["stories"][0]
    fact = next(f for f in story["facts"] if f["id"] == "f2")
    assert fact["status"] == "unique" and "reject fact by a person" in fact["detail"]
    assert item["id"] not in {i["id"] for i in _items(client)}
    page = client.get("/stories/s-bridge").text
    at = page.index('id="fact-f2"')
    assert "judged by a person" in page[at : page.index("</li>", at)] and "judged by a person" not in page[:at]
    listed = client.get("/corrections.json").json()["corrections"][0]
    assert listed["kind"] == "reject_fact" and listed["note"] == "two bridges"
    assert client.post("/api/review/decide", json={"item": item["id"], "accept": True}).status_code == 404
    assert client.post("/api/corrections/undo", json={"correction": answer["correction"]}).status_code == 200
    assert client.get("/corrections.json").json()["corrections"][0]["undone"]


def test_the_page_form_accepts_and_comes_back_with_undo(client: Client) -> None:
    item = next(i for i in _items(client) if i["kind"] == "quote family")
    form = {"item": item["id"], "accept": "true", "story": "s-bridge"}
    done = client.post("/api/review/decide", data=form, follow_redirects=False)
    assert done.status_code == 303
    where = done.headers["location"]
    assert where.startswith("/review?story=s-bridge&done=")
    page = client.get(where).text
    assert "Said two quotes are the same utterance" in page and 'action="/api/corrections/undo"' in page
    assert item["id"] not in page


def test_the_page_escapes_report_text_and_names(client: Client) -> None:
    page = client.get("/review", params={"story": "s-hostile-review"})
    assert page.status_code == 200
    assert "Zorvath" in page.text and "<script>window.__pwned" not in page.text
    assert 'onerror="' not in page.text and "&lt;img src=x onerror=" in page.text
    assert 'data-confirm="Reject: split &#39;Zorvath&#39; off into an entity of its own?"' in page.text


def test_the_story_page_links_to_its_review_and_the_nav_to_the_queue(client: Client) -> None:
    count = len(_items(client))
    page = client.get("/stories/s-bridge").text
    assert f'<a href="/review?story=s-bridge">{count} items to review</a>' in page
    assert client.get("/stories/s-bridge.json").json()["stories"][0]["review_items"] == count  # the JSON twin
    assert '<a href="/review">Review</a>' in client.get("/stories").text
    assert "items to review" not in client.get("/stories/s-zoo").text  # one report: nothing to review


def test_a_gone_item_on_the_page_is_a_page_in_words(client: Client) -> None:
    response = client.post("/api/review/decide", data={"item": "s-bridge:fact:0000000000", "accept": "false"},
                           headers={"accept": "text/html"})
    assert response.status_code == 404 and "list the review queue again" in response.text


def test_openapi_describes_the_review_routes(client: Client) -> None:
    doc = client.get("/openapi.json").json()
    assert {"/review", "/review.json", "/api/review/decide"} <= set(doc["paths"])
    body = doc["paths"]["/api/review/decide"]["post"]["requestBody"]["content"]["application/json"]["schema"]
    assert set(body["required"]) == {"item", "accept"}
