"""The fetch seam: a :class:`Fetcher` turns a URL into a :class:`Response` or raises FetchError.

:class:`HttpxFetcher` is the real one; :class:`MockFetcher` answers from a handler function, in the
spirit of ``httpx.MockTransport``, so tests never touch the network.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from importlib.metadata import PackageNotFoundError, version
from types import TracebackType
from typing import Protocol

import httpx

from ..config import Settings
from ..errors import FetchError

__all__ = ["USER_AGENT", "Fetcher", "HttpxFetcher", "MockFetcher", "Response"]


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


class HttpxFetcher:
    """Fetch over HTTP with httpx: follows redirects, times out after ``settings.fetch_timeout`` seconds,
    and stops reading a body larger than ``settings.max_bytes``. ``transport`` is for tests."""

    def __init__(self, settings: Settings | None = None, *, transport: httpx.BaseTransport | None = None):
        self.settings = settings or Settings()
        self._transport = transport
        self._client: httpx.Client | None = None

    def _open(self) -> httpx.Client:
        if self._client is None:
            self._client = httpx.Client(
                timeout=self.settings.fetch_timeout,
                follow_redirects=True,
                headers={"User-Agent": USER_AGENT},
                transport=self._transport,
            )
        return self._client

    def fetch(self, url: str) -> Response:
        try:
            with self._open().stream("GET", url) as answer:
                checked(Response(str(answer.url), answer.status_code), url)
                return Response(
                    url=str(answer.url),
                    status=answer.status_code,
                    content_type=answer.headers.get("content-type", ""),
                    content=self._body(url, answer),
                )
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
