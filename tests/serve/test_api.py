"""The HTTP API in-process: pages and JSON twins, one error shape, safety, search and corrections."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from newsweave.ingest import MockFetcher, Response
from newsweave.serve import create_app
from newsweave.store import open_store

from ..conftest import REPORT_A, REPORT_B
from .support import Client, fill

REPORT_FIELDS = {"id", "title", "segments", "entities", "quotes", "facts", "timeline", "brief"}


@pytest.fixture
def db(tmp_path: Path) -> str:
    path = str(tmp_path / "news.db")
    with open_store(path) as store:
        fill(store)
    return path


@pytest.fixture
def client(db: str) -> Client:
    c = Client(create_app(db))
    yield c
    c.close()


@pytest.fixture
def locked(db: str) -> Client:
    c = Client(create_app(db, token="s3cret"))
    yield c
    c.close()


def _error(response) -> dict:
    body = response.json()
    assert set(body) == {"error"}
    assert set(body["error"]) == {"status", "message", "hint"}
    assert body["error"]["status"] == response.status_code
    return body["error"]


# --- pages and twins ---------------------------------------------------------------------------------


def test_story_list_json_twin_lists_newest_first_with_sources(client: Client) -> None:
    data = client.get("/stories.json").json()
    assert [s["id"] for s in data["stories"]][:2] == ["s-bridge", "s-hostile"] or data["stories"][0][
        "id"
    ] in ("s-bridge", "s-hostile")
    bridge = next(s for s in data["stories"] if s["id"] == "s-bridge")
    assert bridge["outlet_count"] == 2 and bridge["independent_sources"] == 2
    assert data["stories"][-1]["id"] == "s-zoo"  # published a day earlier


def test_story_list_page_shows_the_same_stories(client: Client) -> None:
    page = client.get("/stories")
    assert page.status_code == 200 and page.headers["content-type"].startswith("text/html")
    for story in client.get("/stories.json").json()["stories"]:
        assert f'href="/stories/{story["id"]}"' in page.text


def test_story_json_is_a_newsweave_document(client: Client) -> None:
    doc = client.get("/stories/s-bridge.json").json()
    assert doc["format"] == "newsweave/1"
    assert REPORT_FIELDS <= set(doc["stories"][0])
    assert {a["id"] for a in doc["articles"]} == {"a-courier", "a-gazette"}
    for fact in doc["stories"][0]["facts"]:
        for span in fact["support"]:
            text = next(a["text"] for a in doc["articles"] if a["id"] == span["article"])
            assert text[span["start"] : span["end"]]


def test_story_page_shows_facts_quotes_entities_timeline_and_brief(client: Client) -> None:
    html = client.get("/stories/s-bridge").text
    assert 'class="fact conflicting"' in html and "12 cables against 14 cables" in html
    assert "<del>again</del>" in html and "<ins>once more</ins>" in html  # the library's word diff (words only)
    assert "Coast Gazette</b>: M. Okafor" in html
    assert html.count('class="when-mark"') == 2 and 'id="when-2"' in html  # the timeline: overview and events
    assert re.search(r'class="cite" href="#span-a-courier-\d+-\d+"', html)
    assert 'id="text-a-gazette"' in html


@pytest.mark.parametrize("path", ["/openapi.json", "/health", "/corrections.json", "/corrections"])
def test_other_routes_answer(client: Client, path: str) -> None:
    assert client.get(path).status_code == 200


def test_openapi_describes_the_write_routes(client: Client) -> None:
    paths = client.get("/openapi.json").json()["paths"]
    assert "requestBody" in paths["/api/stories/merge"]["post"]
    assert {"/api/reports", "/api/reports/batch", "/api/quotes/judge"} <= set(paths)


# --- one error shape -----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("method", "path", "kwargs", "status"),
    [
        ("GET", "/stories/nope.json", {}, 404),
        ("GET", "/nothing/here", {}, 404),
        ("GET", "/stories.json?since=yesterday", {}, 422),
        ("GET", "/stories.json?limit=0", {}, 422),
        ("POST", "/api/stories/merge", {"json": {"stories": ["s-bridge"]}}, 422),
        (
            "POST",
            "/api/stories/merge",
            {"content": b"{", "headers": {"content-type": "application/json"}},
            422,
        ),
        ("POST", "/api/stories/merge", {"content": b"x", "headers": {"content-type": "text/plain"}}, 415),
        ("POST", "/api/stories/merge", {"json": {"stories": ["s-bridge", "s-nope"]}}, 404),
        ("POST", "/api/reports", {"json": {"text": "a", "url": "https://example.org"}}, 422),
        (
            "POST",
            "/api/reports",
            {"content": b"x" * 6_000_000, "headers": {"content-type": "application/json"}},
            413,
        ),
        ("PUT", "/stories", {}, 405),
    ],
)
def test_every_error_has_one_body_shape(
    client: Client, method: str, path: str, kwargs: dict, status: int
) -> None:
    response = client.request(method, path, **kwargs)
    assert response.status_code == status
    error = _error(response)
    assert error["message"]


def test_streamed_body_over_the_limit_is_413(db: str) -> None:
    c = Client(create_app(db, max_upload_bytes=1000))

    async def chunks():
        for _ in range(10):
            yield b"x" * 500

    response = c.post("/api/reports/batch", content=chunks())
    c.close()
    assert response.status_code == 413 and _error(response)["message"].startswith("the body is larger")


def test_missing_token_is_401_with_the_same_shape(locked: Client) -> None:
    response = locked.post("/api/stories/merge", json={"stories": ["s-bridge", "s-zoo"]})
    assert response.status_code == 401 and response.headers["www-authenticate"] == "Bearer"
    assert _error(response)["hint"]


def test_browser_gets_the_error_as_a_page(client: Client) -> None:
    response = client.get("/stories/nope", headers={"accept": "text/html"})
    assert response.status_code == 404 and "no story &#39;nope&#39;" in response.text


# --- safety --------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("headers", "status"),
    [
        ({}, 401),
        ({"authorization": "Bearer wrong"}, 401),
        ({"authorization": "Bearer s3cret"}, 200),
    ],
)
def test_writes_need_the_token_when_one_is_set(locked: Client, headers: dict, status: int) -> None:
    response = locked.post("/api/stories/merge", json={"stories": ["s-bridge", "s-zoo"]}, headers=headers)
    assert response.status_code == status


def test_reads_never_need_the_token(locked: Client) -> None:
    assert locked.get("/stories.json").status_code == 200


def test_form_can_carry_the_token(locked: Client) -> None:
    response = locked.post("/api/stories/merge", data={"stories": ["s-bridge", "s-zoo"], "token": "s3cret"})
    assert response.status_code == 303


@pytest.mark.parametrize(
    "headers", [{"origin": "https://evil.example"}, {"origin": "null"}, {"sec-fetch-site": "cross-site"}]
)
def test_cross_site_writes_are_refused(client: Client, headers: dict) -> None:
    response = client.post("/api/stories/merge", data={"stories": ["s-bridge", "s-zoo"]}, headers=headers)
    assert response.status_code == 403 and _error(response)


def test_same_origin_form_is_accepted(client: Client) -> None:
    response = client.post(
        "/api/stories/merge", data={"stories": ["s-bridge", "s-zoo"]}, headers={"origin": "http://127.0.0.1"}
    )
    assert response.status_code == 303 and response.headers["location"].startswith("/stories/s-")


def test_unknown_host_header_is_refused(db: str) -> None:
    c = Client(create_app(db, allowed_hosts=["127.0.0.1"]), base_url="http://rebound.example")
    response = c.get("/stories.json")
    c.close()
    assert response.status_code == 400 and _error(response)


@pytest.mark.parametrize(
    "path", ["/stories", "/stories/s-bridge", "/stories/s-bridge.json", "/nope", "/static/app.js"]
)
def test_every_response_carries_a_strict_csp(client: Client, path: str) -> None:
    csp = client.get(path).headers["content-security-policy"]
    assert "script-src 'self'" in csp and "unsafe-inline" not in csp and "default-src 'none'" in csp


def test_hostile_article_is_only_text(client: Client) -> None:
    for path in ("/stories/s-hostile", "/stories"):
        html = client.get(path).text
        scripts = re.findall(r"<script[^>]*>", html)
        assert scripts == ['<script src="/static/app.js" defer>']
        assert "javascript:" not in " ".join(re.findall(r'href="([^"]*)"', html))
        assert not re.search(r"<(img|svg|a)[^>]*\son\w+=", html)
    assert "&lt;script&gt;window.__pwned = 1&lt;/script&gt;" in client.get("/stories/s-hostile").text


def test_url_that_is_not_http_never_reaches_the_filesystem(client: Client, tmp_path: Path) -> None:
    secret = tmp_path / "secret.txt"
    secret.write_text("Top secret text that must never be read by the server.", encoding="utf-8")
    for url in (str(secret), f"file://{secret}"):
        response = client.post("/api/reports", json={"url": url})
        assert response.status_code == 422
    assert "secret" not in client.get("/stories.json").text.lower()


# --- adding reports (runs the real pipeline) ----------------------------------------------------------


@pytest.fixture
def empty(tmp_path: Path) -> Client:
    pages = {
        "https://news.example/bridge": Response(
            "https://news.example/bridge",
            200,
            "text/html",
            f"<html><head><title>Bridge open</title></head><body>"
            f"<article><p>{REPORT_B}</p></article></body></html>".encode(),
        )
    }
    fetcher = MockFetcher(lambda url: pages.get(url) or Response(url, 404))
    c = Client(create_app(str(tmp_path / "empty.db"), fetcher=fetcher))
    yield c
    c.close()


def test_add_text_report_stores_and_groups(empty: Client) -> None:
    response = empty.post(
        "/api/reports", json={"text": REPORT_A, "outlet": "Bay Courier", "published": "2024-03-29"}
    )
    assert response.status_code == 201
    body = response.json()
    assert body["added"] == 1 and body["stored"][0]["outlet"] == "Bay Courier" and body["stored"][0]["new"]
    assert body["stories"] and empty.get(body["stories"][0]["url"] + ".json").status_code == 200
    again = empty.post(
        "/api/reports", json={"text": REPORT_A, "outlet": "Bay Courier", "published": "2024-03-29"}
    )
    assert (
        again.status_code == 200 and again.json()["unchanged"] == 1 and not again.json()["stored"][0]["new"]
    )


def test_add_url_goes_through_the_fetcher(empty: Client) -> None:
    ok = empty.post("/api/reports", json={"url": "https://news.example/bridge", "outlet": "Coast Gazette"})
    assert ok.status_code == 201 and ok.json()["stored"][0]["outlet"] == "Coast Gazette"
    missing = empty.post("/api/reports", json={"url": "https://news.example/gone"})
    assert missing.status_code == 422 and "HTTP 404" in _error(missing)["message"]


def test_add_html_report(empty: Client) -> None:
    page = f"<html><head><title>Bridge</title></head><body><article><p>{REPORT_B}</p></article></body></html>"
    response = empty.post("/api/reports", json={"html": page, "outlet": "Coast Gazette"})
    assert response.status_code == 201 and empty.get("/stories.json?q=kestrel").json()["count"] == 1


def test_batch_reports_stored_and_bad_lines_explained(empty: Client) -> None:
    lines = [
        json.dumps({"id": "c1", "text": REPORT_A, "outlet": "Bay Courier", "published": "2024-03-29"}),
        "not json",
        json.dumps({"id": "c3", "title": "no text"}),
        json.dumps({"id": "c2", "text": REPORT_B, "outlet": "Coast Gazette", "published": "2024-03-29"}),
    ]
    response = empty.post(
        "/api/reports/batch",
        content="\n".join(lines).encode(),
        headers={"content-type": "application/x-ndjson"},
    )
    assert response.status_code == 201
    body = response.json()
    assert body["added"] == 2 and len(body["problems"]) == 2
    assert any("line is not JSON" in p["error"] for p in body["problems"])


def test_nothing_readable_is_422_with_the_reasons(empty: Client) -> None:
    response = empty.post("/api/reports/batch", content=b'{"title": "no text"}\n')
    assert response.status_code == 422 and 'no "text" field' in _error(response)["message"]


# --- search --------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("query", "ids"),
    [
        ("q=cables", {"s-bridge"}),
        ("q=leopard+cubs", {"s-zoo"}),
        ("entity=okafor", {"s-bridge"}),
        ("outlet=gazette", {"s-bridge"}),
        ("outlet=city+times", {"s-zoo"}),
        ("since=2024-03-26", {"s-bridge", "s-hostile"}),
        ("until=2024-03-25", {"s-zoo"}),
        ('q="unbalanced AND (', set()),
    ],
)
def test_search_stories(client: Client, query: str, ids: set[str]) -> None:
    response = client.get(f"/stories.json?{query}")
    assert response.status_code == 200
    assert {s["id"] for s in response.json()["stories"]} == ids


def test_story_json_twin_carries_what_the_page_shows_and_analyze_json_the_same_fields(tmp_path) -> None:
    from newsweave.model import Report
    from newsweave.report import report_to_dict
    from newsweave.serve import create_app
    from newsweave.store import open_store

    from .support import Client, fill

    path = str(tmp_path / "twin.db")
    with open_store(path) as store:
        fill(store)
        library = report_to_dict(Report(tuple(store.articles()), tuple(store.stories()), ()))
    c = Client(create_app(path))
    twin = c.get("/stories/s-bridge.json").json()["stories"][0]
    c.close()
    for key in ("families", "chart", "status_counts", "independent_sources", "sources"):
        assert key in twin, key
    assert any(q["diff"] for f in twin["families"] for q in f["quotes"])  # word diffs from the library
    cli_story = next(s for s in library["stories"] if s["id"] == "s-bridge")
    # the people's corrections, the coverage by their outlet profiles and the review count are read from the store
    assert set(twin) - {"corrections", "coverage", "review_items"} == set(cli_story)
