"""Issue 13 items 1, 2, 7 and 8 over HTTP: bad bodies, bad parameters, server-side request forgery, and the
security headers on a 500."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from newsweave.serve import create_app
from newsweave.store import open_store

from ..conftest import REPORT_A
from .support import Client, fill


@pytest.fixture
def client(tmp_path: Path) -> Client:
    path = str(tmp_path / "news.db")
    with open_store(path) as store:
        fill(store)
    c = Client(create_app(path, token="s3cret"))
    yield c
    c.close()


AUTH = {"authorization": "Bearer s3cret"}


def _error(response) -> dict:  # type: ignore[no-untyped-def, type-arg]
    body = response.json()
    assert set(body) == {"error"} and body["error"]["status"] == response.status_code
    return body["error"]


@pytest.mark.parametrize(
    "query",
    ["offset=9223372036854775808", "offset=-1", "offset=1000000001", "limit=501", "limit=99999999999999999999",
     "since=2023-13-45", "until=2023-02-30", "since=yesterday"],
)
def test_out_of_range_parameters_are_422_not_500(client: Client, query: str) -> None:
    for path in ("/stories.json", "/stories"):
        response = client.get(f"{path}?{query}")
        assert response.status_code == 422, (path, query)
        assert "content-security-policy" in response.headers


def test_the_largest_offset_still_answers(client: Client) -> None:
    response = client.get("/stories.json?offset=1000000000")
    assert response.status_code == 200 and response.json()["stories"] == []


@pytest.mark.parametrize(
    "body",
    [b"[" * 100_000, b'{"text": ' + b"1" * 10_000 + b"}", b'{"text": "bad \xff"}'],
)
def test_hostile_json_bodies_are_422(client: Client, body: bytes) -> None:
    response = client.post("/api/reports", content=body, headers={**AUTH, "content-type": "application/json"})
    assert response.status_code == 422 and _error(response)["message"]


def test_a_relative_published_date_is_refused_not_resolved_against_the_clock(client: Client) -> None:
    response = client.post("/api/reports", json={"text": REPORT_A, "published": "yesterday"}, headers=AUTH)
    assert response.status_code == 422 and "not a date" in _error(response)["message"]
    batch = client.post("/api/reports/batch?published=2023-13-45", content=b"{}", headers=AUTH)
    assert batch.status_code == 422


def test_a_lone_surrogate_in_the_batch_is_stored_and_reported(client: Client) -> None:
    lines = ['{"text": "The bridge \\ud800 reopened on Tuesday after repairs, the council said.", '
             '"outlet": "Bay \\udc00 Courier"}', json.dumps({"text": REPORT_A, "outlet": "Harbour Herald"})]
    response = client.post("/api/reports/batch", content="\n".join(lines).encode(), headers=AUTH)
    assert response.status_code == 201, response.text
    assert response.json()["added"] == 2
    again = client.post("/api/reports", json={"text": REPORT_A, "outlet": "Coast Gazette"}, headers=AUTH)
    assert again.status_code == 201  # the writer connection was not left inside a transaction


def test_loopback_urls_are_not_fetched_by_the_server(client: Client) -> None:
    """Item 7: POST /api/reports with a loopback URL is refused; nothing is fetched or stored."""
    before = client.get("/stories.json").json()["count"]
    for url in ("http://127.0.0.1:9/secret.txt", "http://[::1]:9/x", "http://169.254.169.254/latest/meta-data"):
        response = client.post("/api/reports", json={"url": url}, headers=AUTH)
        assert response.status_code == 422 and "not a public address" in _error(response)["message"]
    assert client.get("/stories.json").json()["count"] == before


def test_a_500_carries_the_security_headers_and_one_error_body(tmp_path: Path) -> None:
    app = create_app(str(tmp_path / "n.db"))

    @app.get("/boom")
    def boom() -> None:
        raise RuntimeError("a bug")

    c = Client(app)
    try:
        response = c.get("/boom")
    finally:
        c.close()
    assert response.status_code == 500 and _error(response)["message"] == "internal error (RuntimeError)"
    assert "content-security-policy" in response.headers and response.headers["x-frame-options"] == "DENY"
