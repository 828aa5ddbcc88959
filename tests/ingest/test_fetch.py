from __future__ import annotations

from collections.abc import Callable

import httpx
import pytest

from newsweave.config import Settings
from newsweave.errors import FetchError
from newsweave.ingest import HttpxFetcher, MockFetcher, Response
from newsweave.ingest.fetch import USER_AGENT


def test_mock_fetcher_answers_from_handler_and_records_requests() -> None:
    fetcher = MockFetcher(lambda url: Response(url=url, content_type="text/plain", content=b"hi"))
    assert fetcher.fetch("https://a.example/x").content == b"hi"
    assert fetcher.requests == ["https://a.example/x"]


@pytest.mark.parametrize("status", [301, 404, 500])
def test_mock_fetcher_non_2xx_raises_fetch_error_naming_url(status: int) -> None:
    fetcher = MockFetcher(lambda url: Response(url=url, status=status))
    with pytest.raises(FetchError, match=f"HTTP {status}") as caught:
        fetcher.fetch("https://a.example/gone")
    assert caught.value.input == "https://a.example/gone"


Handler = Callable[[httpx.Request], httpx.Response]


def _fetcher(handler: Handler, **settings: float) -> HttpxFetcher:
    return HttpxFetcher(Settings(**settings), transport=httpx.MockTransport(handler))


def test_httpx_fetcher_follows_redirects_and_sends_user_agent() -> None:
    seen: list[str] = []

    def handler(request: httpx.Request) -> httpx.Response:
        seen.append(request.headers["user-agent"])
        if request.url.path == "/old":
            return httpx.Response(302, headers={"location": "https://a.example/new"})
        return httpx.Response(200, headers={"content-type": "text/html"}, content=b"<html>new</html>")

    with _fetcher(handler) as fetcher:
        response = fetcher.fetch("https://a.example/old")
    assert (response.url, response.status, response.content) == (
        "https://a.example/new",
        200,
        b"<html>new</html>",
    )
    assert response.content_type == "text/html"
    assert seen == [USER_AGENT, USER_AGENT] and USER_AGENT.startswith("newsweave/")


def _raise(error: Exception) -> Handler:
    def handler(request: httpx.Request) -> httpx.Response:
        raise error

    return handler


@pytest.mark.parametrize(
    "handler, reason",
    [
        (lambda request: httpx.Response(404), "HTTP 404"),
        (_raise(httpx.ReadTimeout("slow")), "timed out after 3 s"),
        (_raise(httpx.ConnectError("refused")), "ConnectError"),
        (lambda request: httpx.Response(200, content=b"x" * 200), "larger than the limit of 100 bytes"),
        (lambda request: httpx.Response(200, headers={"content-length": "999"}), "limit of 100 bytes"),
    ],
)
def test_httpx_fetcher_failures_become_fetch_errors(handler: Handler, reason: str) -> None:
    fetcher = _fetcher(handler, fetch_timeout=3.0, max_bytes=100)
    with pytest.raises(FetchError, match=reason) as caught:
        fetcher.fetch("https://a.example/page")
    fetcher.close()
    assert caught.value.input == "https://a.example/page"
