from __future__ import annotations

from collections.abc import Callable

import httpx
import pytest

from newsweave.config import Settings
from newsweave.errors import FetchError
from newsweave.ingest import HttpxFetcher, MockFetcher, Response
from newsweave.ingest.fetch import USER_AGENT, FetchPolicy


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


#: A fake DNS for the tests (no network): these hosts are public, these private.
DNS = {"a.example": ["93.184.216.34"], "b.example": ["93.184.216.35", "2606:2800:220:1::1"],
       "intranet.example": ["10.1.2.3"], "mixed.example": ["93.184.216.36", "192.168.1.9"],
       "rebind.example": ["::ffff:127.0.0.1"], "meta.example": ["169.254.169.254"]}


def _resolve(host: str) -> list[str]:
    return DNS.get(host, [host])  # an IP literal resolves to itself


def _fetcher(handler: Handler, *, allow_private: bool = False, **settings: float) -> HttpxFetcher:
    return HttpxFetcher(Settings(**settings), transport=httpx.MockTransport(handler),
                        policy=FetchPolicy(allow_private=allow_private, resolve=_resolve))


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


# --- issue 13 item 7: no server-side request forgery ---------------------------------------------------


def _ok(request: httpx.Request) -> httpx.Response:
    return httpx.Response(200, headers={"content-type": "text/plain"}, content=b"secret")


@pytest.mark.parametrize(
    ("url", "reason"),
    [
        ("http://127.0.0.1:8000/secret.txt", "not a public address (127.0.0.1)"),
        ("http://[::1]/x", "not a public address (::1)"),
        ("http://localhost/x", "not a public address"),
        ("http://10.0.0.8/x", "not a public address (10.0.0.8)"),
        ("http://intranet.example/x", "not a public address (10.1.2.3)"),
        ("http://mixed.example/x", "not a public address (192.168.1.9)"),  # every address is checked
        ("http://meta.example/latest", "not a public address (169.254.169.254)"),  # link-local (cloud metadata)
        ("http://rebind.example/x", "not a public address (::ffff:127.0.0.1)"),
        ("http://0.0.0.0/x", "not a public address"),
        ("file:///etc/passwd", "not http(s)"),
        ("ftp://a.example/x", "not http(s)"),
    ],
)
def test_httpx_fetcher_refuses_non_public_addresses(url: str, reason: str) -> None:
    seen: list[str] = []

    def handler(request: httpx.Request) -> httpx.Response:
        seen.append(str(request.url))
        return _ok(request)

    def resolve(host: str) -> list[str]:
        return ["127.0.0.1", "::1"] if host == "localhost" else _resolve(host)

    fetcher = HttpxFetcher(Settings(), transport=httpx.MockTransport(handler), policy=FetchPolicy(resolve=resolve))
    with pytest.raises(FetchError) as caught:
        fetcher.fetch(url)
    assert reason in str(caught.value) and caught.value.input == url
    assert seen == []  # nothing was requested


def test_a_redirect_to_a_private_address_is_refused() -> None:
    seen: list[str] = []

    def handler(request: httpx.Request) -> httpx.Response:
        seen.append(str(request.url))
        return httpx.Response(302, headers={"location": "http://127.0.0.1/admin"})

    with pytest.raises(FetchError, match="not a public address"):
        _fetcher(handler).fetch("https://a.example/go")
    assert seen == ["https://a.example/go"]


def test_allow_private_fetches_an_intranet_address() -> None:
    assert _fetcher(_ok, allow_private=True).fetch("http://intranet.example/x").content == b"secret"
    assert _fetcher(_ok, allow_private=True).fetch("http://127.0.0.1:8000/x").content == b"secret"


def test_public_hosts_with_every_address_public_are_fetched() -> None:
    assert _fetcher(_ok).fetch("https://b.example/x").content == b"secret"


def test_feed_items_pointing_at_private_hosts_are_not_fetched(tmp_path) -> None:  # type: ignore[no-untyped-def]
    from newsweave.ingest import read

    seen: list[str] = []

    def handler(request: httpx.Request) -> httpx.Response:
        seen.append(str(request.url))
        return _ok(request)

    feed = tmp_path / "local.rss"
    feed.write_text(
        '<?xml version="1.0"?><rss version="2.0"><channel><title>T</title>'
        "<item><title>One</title><link>http://127.0.0.1:9/secret</link>"
        "<description>The ferry strike ended on Tuesday, the union said.</description></item>"
        "<item><title>Two</title><link>http://intranet.example/x</link></item>"
        "</channel></rss>", encoding="utf-8")
    with _fetcher(handler) as fetcher:
        found = read([str(feed)], fetcher=fetcher)
    assert seen == []
    assert all("not a public address" in p.error for p in found.problems) and len(found.problems) == 2
    assert [d.text for d in found.documents] == ["The ferry strike ended on Tuesday, the union said."]
