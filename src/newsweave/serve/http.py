"""HTTP conventions every route shares: HEAD answered as GET without a body, and validators (ETag) on
bodies the app keeps ready (:class:`~newsweave.serve.views.Body`), so a client that has a page revalidates
it with a 304 instead of fetching it again."""

from __future__ import annotations

from typing import Any

from starlette.types import ASGIApp, Message, Receive, Scope, Send

__all__ = ["HeadAsGet", "true_openapi"]

_ERROR = {
    "type": "object",
    "required": ["error"],
    "properties": {"error": {"type": "object", "required": ["status", "message", "hint"], "properties": {
        "status": {"type": "integer"}, "message": {"type": "string"}, "hint": {"type": "string"}}}},
}
_SAID = {
    "300": "the story was split: the body names the stories its reports went to",
    "301": "the story moved (merged or regrouped): Location is where it is now",
    "400": "a Host header the server does not serve",
    "401": "a token is required: send 'Authorization: Bearer TOKEN'",
    "403": "a request from another origin",
    "404": "nothing there",
    "413": "the body is larger than the server's limit",
    "415": "a body of a type the route does not read",
    "422": "a parameter or body field that is not valid",
}


def true_openapi(schema: dict[str, Any]) -> dict[str, Any]:
    """The generated OpenAPI document made true to the server: every error answers with one body
    (``{"error": {status, message, hint}}``), the statuses each route can give, and the bearer token as
    a security scheme on the routes that change something."""
    components = schema.setdefault("components", {})
    components.setdefault("schemas", {})["Error"] = _ERROR
    components["schemas"].pop("HTTPValidationError", None)
    components["schemas"].pop("ValidationError", None)
    components["securitySchemes"] = {"bearer": {"type": "http", "scheme": "bearer",
                                                "description": "needed when the server was started with a token"}}
    for path, operations in schema.get("paths", {}).items():
        for method, op in operations.items():
            codes = ["400", "404", "422"]
            if method == "post":
                codes += ["401", "403", "413", "415"]
                op["security"] = [{"bearer": []}, {}]
            if path.startswith("/stories/{"):
                codes += ["300", "301"]
            responses = op.setdefault("responses", {})
            for code in sorted(codes):
                responses[code] = {"description": _SAID[code],
                                   "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Error"}}}}
    return schema


class HeadAsGet:
    """Answer ``HEAD`` on every route that takes ``GET``: the same status and headers, no body."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http" or scope["method"] != "HEAD":
            await self.app(scope, receive, send)
            return

        async def headers_only(message: Message) -> None:
            if message["type"] == "http.response.body":
                if not message.get("more_body", False):
                    await send({"type": "http.response.body", "body": b""})
                return
            await send(message)

        await self.app({**scope, "method": "GET"}, receive, headers_only)
