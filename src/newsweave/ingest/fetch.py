"""The fetch seam: a :class:`Fetcher` turns a URL into a :class:`Response` or raises FetchError.

:class:`HttpxFetcher` is the real one; :class:`MockFetcher` answers from a handler function, in the
spirit of ``httpx.MockTransport``, so tests never touch the network.
"""

from __future__ import annotations

import ipaddress
import socket
from collections.abc import Callable
from dataclasses import dataclass
from importlib.metadata import PackageNotFoundError, version
from types import TracebackType
from typing import Protocol

import httpx

from ..config import Settings
from ..errors import FetchError

__all__ = ["MAX_REDIRECTS", "USER_AGENT", "FetchPolicy", "Fetcher", "HttpxFetcher", "MockFetcher", "Response",
           "resolve_host"]


def _version() -> str:
    try:
        return version("newsweave")
    except PackageNotFoundError:  # running from a source tree that was never installed
        return "dev"


USER_AGENT = f"newsweave/{_version()} (news report reader; +python-httpx)"


@dataclass(frozen=True, slots=True)
class Response:
    """What a fetch returns: the final URL (after redirects), status, content type and body."""

    url: str
    status: int = 200
    content_type: str = ""
    content: bytes = b""


class Fetcher(Protocol):
    """Anything that can fetch a URL; raises FetchError for non-2xx, timeouts and connection errors."""

    def fetch(self, url: str) -> Response: ...


def checked(response: Response, url: str) -> Response:
    """``response`` when its status is 2xx, else a FetchError naming ``url``."""
    if not 200 <= response.status < 300:
        raise FetchError(
            url, f"answered HTTP {response.status}", hint="check the URL is public and still there"
        )
    return response


class MockFetcher:
    """A fetcher that answers every URL by calling ``handler``; ``requests`` lists the URLs asked for."""

    def __init__(self, handler: Callable[[str], Response]) -> None:
        self.handler = handler
        self.requests: list[str] = []

    def fetch(self, url: str) -> Response:
        self.requests.append(url)
        return checked(self.handler(url), url)


def resolve_host(host: str) -> list[str]:
    """Every address ``host`` resolves to (an IP literal is its own address)."""
    infos = socket.getaddrinfo(host, None, type=socket.SOCK_STREAM)
    return sorted({str(info[4][0]) for info in infos})


def _public(address: str) -> bool:
    ip = ipaddress.ip_address(address.split("%")[0])
    if isinstance(ip, ipaddress.IPv6Address) and ip.ipv4_mapped is not None:
        ip = ip.ipv4_mapped
    return ip.is_global and not ip.is_multicast


_PRIVATE_HINT = "newsweave fetches only public http(s) addresses; pass --allow-private for an intranet"


@dataclass(frozen=True, slots=True)
class FetchPolicy:
    """Which URLs may be fetched (server-side request forgery guard). By default only http(s) URLs whose
    host resolves to public addresses, every one of them: loopback, private, link-local, multicast and
    reserved addresses are refused, and so is every redirect to one. ``allow_private`` lifts the address
    check (intranet use); ``resolve`` is the DNS lookup (tests give a fake one)."""

    allow_private: bool = False
    resolve: Callable[[str], list[str]] = resolve_host

    def check(self, url: str) -> None:
        """Raise a FetchError naming ``url`` when it may not be fetched."""
        try:
            parsed = httpx.URL(url)
        except (httpx.InvalidURL, ValueError) as err:
            raise FetchError(url, f"is not a valid URL ({err})", hint="check the address") from err
        if parsed.scheme not in ("http", "https"):
            raise FetchError(url, f"has scheme {parsed.scheme!r}, not http(s)", hint="only http(s) URLs are fetched")
        host = parsed.host
        if not host:
            raise FetchError(url, "has no host", hint="check the address")
        if self.allow_private:
            return
        try:
            addresses = self.resolve(host)
        except (OSError, UnicodeError) as err:
            raise FetchError(url, f"host {host!r} could not be resolved ({err})",
                             hint="check the address and the network connection") from err
        refused = [a for a in addresses if not _public(a)]
        if refused or not addresses:
            where = ", ".join(refused) or "no address"
            raise FetchError(url, f"host {host!r} is not a public address ({where}); not fetched", hint=_PRIVATE_HINT)


#: Redirects followed at most (each one checked by the policy like the first URL).
MAX_REDIRECTS = 10


class HttpxFetcher:
    """Fetch over HTTP with httpx: follows redirects (each checked by the :class:`FetchPolicy`, which by
    default refuses non-public addresses), times out after ``settings.fetch_timeout`` seconds, and stops
    reading a body larger than ``settings.max_bytes``. ``transport`` and ``policy`` are for tests."""

    def __init__(self, settings: Settings | None = None, *, transport: httpx.BaseTransport | None = None,
                 policy: FetchPolicy | None = None, allow_private: bool = False):
        self.settings = settings or Settings()
        self.policy = policy or FetchPolicy(allow_private=allow_private)
        self._transport = transport
        self._client: httpx.Client | None = None

    def _open(self) -> httpx.Client:
        if self._client is None:
            self._client = httpx.Client(
                timeout=self.settings.fetch_timeout,
                follow_redirects=False,  # followed here, each hop checked by the policy
                headers={"User-Agent": USER_AGENT},
                transport=self._transport,
            )
        return self._client

    def fetch(self, url: str) -> Response:
        try:
            target = url
            for _ in range(MAX_REDIRECTS + 1):
                self.policy.check(target)
                with self._open().stream("GET", target) as answer:
                    if answer.is_redirect and "location" in answer.headers:
                        target = str(answer.url.join(answer.headers["location"]))
                        continue
                    checked(Response(str(answer.url), answer.status_code), url)
                    return Response(
                        url=str(answer.url),
                        status=answer.status_code,
                        content_type=answer.headers.get("content-type", ""),
                        content=self._body(url, answer),
                    )
            raise FetchError(url, f"redirected more than {MAX_REDIRECTS} times", hint="check the address")
        except httpx.TimeoutException as err:
            raise FetchError(
                url,
                f"timed out after {self.settings.fetch_timeout:g} s",
                hint="try again later or raise the fetch_timeout setting",
            ) from err
        except (httpx.HTTPError, httpx.InvalidURL) as err:
            raise FetchError(
                url,
                f"could not be fetched ({type(err).__name__}: {err})",
                hint="check the address and the network connection",
            ) from err

    def _body(self, url: str, answer: httpx.Response) -> bytes:
        limit = self.settings.max_bytes
        too_big = FetchError(
            url,
            f"is larger than the limit of {limit:,} bytes",
            hint="save the article's text to a file, or raise the max_bytes setting",
        )
        declared = answer.headers.get("content-length", "")
        if declared.isdigit() and int(declared) > limit:
            raise too_big
        chunks: list[bytes] = []
        size = 0
        for chunk in answer.iter_bytes():
            chunks.append(chunk)
            size += len(chunk)
            if size > limit:
                raise too_big
        return b"".join(chunks)

    def close(self) -> None:
        if self._client is not None:
            self._client.close()
            self._client = None

    def __enter__(self) -> HttpxFetcher:
        return self

    def __exit__(
        self, kind: type[BaseException] | None, error: BaseException | None, trace: TracebackType | None
    ) -> None:
        self.close()
