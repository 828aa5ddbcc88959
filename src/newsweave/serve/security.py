"""The guard in front of every request: Host and Origin checks, the upload size limit, the write token
and the security headers (a Content Security Policy that allows no inline script and nothing from
another origin, so nothing in an article can run)."""

from __future__ import annotations

import hmac
import logging
from collections.abc import Iterable
from urllib.parse import urlsplit

from starlette.requests import Request
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from .errors import ApiError, respond

__all__ = ["CSP", "LOOPBACK_HOSTS", "Guard", "check_token", "is_loopback"]

CSP = (
    "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self'; "
    "form-action 'self'; base-uri 'none'; frame-ancestors 'none'"
)
HEADERS = [
    (b"content-security-policy", CSP.encode()),
    (b"x-content-type-options", b"nosniff"),
    (b"referrer-policy", b"same-origin"),
    (b"x-frame-options", b"DENY"),
]
_log = logging.getLogger("newsweave.serve")
LOOPBACK_HOSTS = ("127.0.0.1", "localhost", "::1", "[::1]")
_SAFE_METHODS = frozenset({"GET", "HEAD", "OPTIONS"})


def is_loopback(host: str) -> bool:
    """Whether binding to ``host`` keeps the server reachable from this machine only."""
    return host in LOOPBACK_HOSTS or host.startswith("127.")


def check_token(expected: str | None, given: str | None) -> None:
    """Raise 401 unless no token is required or ``given`` is it (compared in constant time)."""
    if expected is None:
        return
    if given is None or not hmac.compare_digest(given.encode(), expected.encode()):
        message = "this server needs a token for changes" if given is None else "the token is not right"
        raise ApiError(401, message, headers={"WWW-Authenticate": "Bearer"})


def bearer(request: Request) -> str | None:
    value = request.headers.get("authorization", "")
    scheme, _, token = value.partition(" ")
    return token.strip() if scheme.lower() == "bearer" and token.strip() else None


class Guard:
    """Pure ASGI middleware: refuse bad hosts, cross-site writes and large bodies; add security headers."""

    def __init__(self, app: ASGIApp, *, max_body: int, allowed_hosts: Iterable[str] | None = None) -> None:
        self.app = app
        self.max_body = max_body
        self.allowed_hosts = None if allowed_hosts is None else {h.lower() for h in allowed_hosts}

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return

        started = False

        async def send_with_headers(message: Message) -> None:
            nonlocal started
            if message["type"] == "http.response.start":
                started = True
                message["headers"] = [*message.get("headers", []), *HEADERS]
            await send(message)

        request = Request(scope)
        refusal = self._refusal(request)
        if refusal is not None:
            await respond(request, refusal)(scope, receive, send_with_headers)
            return
        try:
            await self.app(scope, self._limited(receive), send_with_headers)
        except Exception as exc:
            # An unexpected error is answered here, inside the guard, so the 500 carries the security
            # headers like every other response and the connection is closed cleanly, not reset.
            _log.exception("internal error on %s %s", request.method, request.url.path)
            if started:
                raise
            crash = ApiError(500, f"internal error ({type(exc).__name__})",
                             "this is a bug in newsweave; the server log has the details")
            await respond(request, crash)(scope, receive, send_with_headers)

    def _refusal(self, request: Request) -> ApiError | None:
        host = (request.headers.get("host") or "").lower()
        name = host.rsplit(":", 1)[0] if not host.endswith("]") else host
        if self.allowed_hosts is not None and name not in self.allowed_hosts:
            return ApiError(400, f"host {host!r} is not served here", "use the address the server printed")
        if request.method not in _SAFE_METHODS:
            if not _same_origin(request, host):
                return ApiError(
                    403,
                    "a change from another site was refused",
                    "send changes from this server's own pages or from a client without Origin",
                )
            declared = request.headers.get("content-length", "")
            if declared.isdigit() and int(declared) > self.max_body:
                return _too_large(self.max_body)
        return None

    def _limited(self, receive: Receive) -> Receive:
        seen = 0

        async def counted() -> Message:
            nonlocal seen
            message = await receive()
            if message["type"] == "http.request":
                seen += len(message.get("body", b""))
                if seen > self.max_body:
                    raise _too_large(self.max_body)
            return message

        return counted


def _too_large(limit: int) -> ApiError:
    return ApiError(413, f"the body is larger than the limit of {limit:,} bytes")


def _same_origin(request: Request, host: str) -> bool:
    """False for a browser request made by another site (a cross-site form post or fetch)."""
    site = request.headers.get("sec-fetch-site")
    if site is not None:  # a browser that says where the request comes from
        return site in ("same-origin", "none")
    origin = request.headers.get("origin")
    if origin is None:
        return True
    if origin == "null":
        return False
    return urlsplit(origin).netloc.lower() == host
