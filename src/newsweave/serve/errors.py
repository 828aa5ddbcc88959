"""One error body for every failure the HTTP API reports: ``{"error": {"status", "message", "hint"}}``.

JSON twins and the API answer with that body; an HTML page (a browser asking for ``text/html`` on a
path that is not ``.json``) gets the same three fields rendered as a page.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from http import HTTPStatus
from typing import Any

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import HTMLResponse, JSONResponse, Response
from pydantic import ValidationError
from starlette.exceptions import HTTPException as StarletteHTTPException

from ..errors import InputError, NewsweaveError, NotFoundError, RequestError

__all__ = ["ApiError", "error_body", "install_error_handlers", "validation_message"]

_HINTS = {
    401: "send the server's token as 'Authorization: Bearer TOKEN'",
    404: "list what there is at /stories",
    405: "see /openapi.json for the methods each route takes",
    413: "send a smaller body, or split a batch into several requests",
}


class ApiError(Exception):
    """An error to answer with: status, one-line message and what to do next."""

    def __init__(
        self,
        status: int,
        message: str,
        hint: str | None = None,
        headers: dict[str, str] | None = None,
        links: list[tuple[str, str]] | None = None,
    ) -> None:
        super().__init__(message)
        self.links = links or []
        self.status = status
        self.message = message
        self.hint = hint if hint is not None else _HINTS.get(status, "")
        self.headers = headers or {}


def error_body(status: int, message: str, hint: str | None) -> dict[str, Any]:
    return {"error": {"status": status, "message": message, "hint": hint or ""}}


def validation_message(errors: Sequence[Any]) -> str:
    """One line from pydantic's error list: 'field: problem; field: problem'."""
    parts = []
    for err in errors:
        where = ".".join(str(x) for x in err.get("loc", ()) if x not in ("body", "query", "path"))
        parts.append(f"{where or 'body'}: {err.get('msg', 'invalid')}")
    return "; ".join(parts) or "the request is not valid"


def _wants_html(request: Request) -> bool:
    path = request.url.path
    return (
        "text/html" in request.headers.get("accept", "")
        and not path.endswith(".json")
        and not path.startswith("/openapi")
    )


_PLAIN = (
    (re.compile(r"(\w+): List should have at least (\d+) items? after validation, not \d+"), r"tick at least \2 \1"),
    (re.compile(r"(\w+): List should have at most (\d+) items? after validation, not \d+"), r"tick at most \2 \1"),
    (re.compile(r"(\w+): Field required"), r"\1 is needed"),
    (re.compile(r"Value error, "), ""),
)


def plain(message: str) -> str:
    """A validation message as a reader of a page would say it ('tick at least 2 stories')."""
    for pattern, said in _PLAIN:
        message = pattern.sub(said, message)
    return message


def respond(request: Request, error: ApiError) -> Response:
    if _wants_html(request):
        from .render import render_page  # only pages need the templates

        form = request.method == "POST"
        body = error_body(error.status, plain(error.message) if form else error.message, error.hint)["error"]
        html = render_page(
            "error.html",
            {
                "error": body,
                "title": "That did not work" if form else f"{error.status} {HTTPStatus(error.status).phrase}",
                "links": error.links,
                "form": form,
            },
        )
        return HTMLResponse(html, status_code=error.status, headers=error.headers)
    return JSONResponse(
        error_body(error.status, error.message, error.hint), status_code=error.status, headers=error.headers
    )


def install_error_handlers(app: FastAPI) -> None:
    """Route every kind of failure through :func:`respond`."""

    async def api_error(request: Request, exc: Exception) -> Response:
        assert isinstance(exc, ApiError)
        return respond(request, exc)

    async def http_error(request: Request, exc: Exception) -> Response:
        assert isinstance(exc, StarletteHTTPException)
        status = exc.status_code
        message = exc.detail if isinstance(exc.detail, str) else HTTPStatus(status).phrase
        if status == 404 and message == "Not Found":
            message = f"nothing at {request.url.path}"
        return respond(request, ApiError(status, message, headers=dict(exc.headers or {})))

    async def invalid(request: Request, exc: Exception) -> Response:
        assert isinstance(exc, RequestValidationError | ValidationError)
        hint = "see /openapi.json for the fields this route takes"
        return respond(request, ApiError(422, validation_message(exc.errors()), hint))

    async def newsweave_error(request: Request, exc: Exception) -> Response:
        assert isinstance(exc, NewsweaveError)
        status = 404 if isinstance(exc, NotFoundError) else 422 if isinstance(exc, InputError | RequestError) else 500
        return respond(request, ApiError(status, exc.message, exc.hint or ""))

    async def crash(request: Request, exc: Exception) -> Response:
        return respond(
            request,
            ApiError(
                500,
                f"internal error ({type(exc).__name__})",
                "this is a bug in newsweave; the server log has the details",
            ),
        )

    app.add_exception_handler(ApiError, api_error)
    app.add_exception_handler(StarletteHTTPException, http_error)
    app.add_exception_handler(RequestValidationError, invalid)
    app.add_exception_handler(ValidationError, invalid)
    app.add_exception_handler(NewsweaveError, newsweave_error)
    app.add_exception_handler(Exception, crash)
