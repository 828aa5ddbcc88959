"""The FastAPI app: pages and their ``.json`` twins from the same views, the write API, static files and
the OpenAPI description at ``/openapi.json``. Nothing is fetched from another origin at run time (the
interactive API docs, which load scripts from a CDN, are switched off)."""

from __future__ import annotations

from datetime import date
from email.utils import formatdate, parsedate_to_datetime
from pathlib import Path
from typing import Annotated, Any, Literal, TypeVar
from urllib.parse import urlencode

from fastapi import FastAPI, Query, Request
from fastapi.concurrency import run_in_threadpool
from fastapi.responses import HTMLResponse, JSONResponse, RedirectResponse, Response
from fastapi.staticfiles import StaticFiles
from pydantic import AfterValidator, BaseModel
from starlette.middleware.gzip import GZipMiddleware

from ..app import Workspace
from ..config import Settings
from ..errors import InputError
from ..ingest import Fetcher, HttpxFetcher
from ..ingest.decode import Kind
from ..ingest.jsonload import loads
from ..model import OutletField
from ..store.search import StoryQuery
from .errors import ApiError, install_error_handlers
from .http import HeadAsGet, true_openapi
from .models import (
    JudgeQuotes,
    MergeEntities,
    MergeStories,
    NewReport,
    OutletBody,
    OutletImport,
    OutletName,
    ReviewDecision,
    SplitEntity,
    SplitStory,
    UndoCorrection,
    is_list,
)
from .render import render_page
from .security import Guard, bearer, check_token
from .views import Body, Views
from .writes import Writes, documents_from_body

__all__ = ["DEFAULT_MAX_UPLOAD", "create_app"]

DEFAULT_MAX_UPLOAD = 5_000_000
M = TypeVar("M", bound=BaseModel)
_DATE = r"^(\d{4}-\d{2}-\d{2})?$"
_FORM = ("application/x-www-form-urlencoded", "multipart/form-data")

Q = Annotated[str | None, Query(max_length=200, description="Words that must all occur.")]
E = Annotated[str | None, Query(max_length=200, description="An entity's name or spelling.")]
O = Annotated[str | None, Query(max_length=200, description="Part of an outlet's name.")]  # noqa: E741
#: The largest ``offset`` a listing takes (far beyond any store; SQLite's own limit is 2**63 - 1).
MAX_OFFSET = 1_000_000_000


def _real_date(value: str | None) -> str | None:
    """A YYYY-MM-DD that is a real calendar date (2023-13-45 is refused with a 422); an empty field of
    the search form is no date."""
    if not value:
        return None
    date.fromisoformat(value)  # ValueError -> 422 naming the parameter
    return value


D = Annotated[str | None, Query(pattern=_DATE, description="YYYY-MM-DD"), AfterValidator(_real_date)]
L = Annotated[int, Query(ge=1, le=500)]
S = Annotated[
    Literal["newest", "oldest", "outlets", "reports"],
    Query(description="newest or oldest first, or most outlets or most reports first"),
]
M_OUT = Annotated[int, Query(ge=1, le=1000, description="Only stories covered by at least this many outlets.")]
F = Annotated[int, Query(ge=0, le=MAX_OFFSET)]
C = Annotated[
    OutletField,
    Query(description="The outlet profile field each story's coverage bar groups its outlets by."),
]
R_STORY = Annotated[str | None, Query(max_length=200, description="Only this story's items.")]
R_LIMIT = Annotated[int, Query(ge=1, le=500, description="Items to list, least sure first.")]
R_DONE = Annotated[int | None, Query(ge=1, le=MAX_OFFSET, description="A correction just made (shown with undo).")]


def _body_doc(model: type[BaseModel]) -> dict[str, Any]:
    schema = model.model_json_schema()
    return {
        "requestBody": {
            "required": True,
            "content": {"application/json": {"schema": schema}, _FORM[0]: {"schema": schema}},
        }
    }


async def _payload(request: Request, model: type[M], token: str | None) -> tuple[M, bool]:
    """The body as ``model`` (JSON, or a form from the pages) after the token check; and whether a form."""
    kind = request.headers.get("content-type", "").split(";")[0].strip().lower()
    if kind == "application/json":
        check_token(token, bearer(request))
        try:
            raw = loads("the body", (await request.body() or b"null").decode("utf-8"), "is not valid JSON",
                        "send one JSON object")
        except UnicodeDecodeError as exc:
            raise ApiError(422, f"the body is not UTF-8 ({exc.reason})", "send one JSON object in UTF-8") from exc
        except InputError as exc:  # malformed, nested too deep or a number too long (bounded parsing)
            raise ApiError(422, exc.message, exc.hint) from exc
        if not isinstance(raw, dict):
            raise ApiError(422, "the body must be one JSON object", "see /openapi.json for its fields")
        return model.model_validate(raw), False
    if kind in _FORM:
        form = await request.form()
        check_token(token, bearer(request) or str(form.get("token") or "") or None)
        # an empty field of a page's form is a field not given
        given = [k for k in form if k != "token" and form.get(k) != ""]
        raw = {k: form.getlist(k) if is_list(model, k) else form.get(k) for k in given}
        return model.model_validate(raw), True
    raise ApiError(
        415,
        f"cannot read a body of type {kind or 'none'!r}",
        "send application/json (or a form from the pages)",
    )


def _answer(result: dict[str, Any], as_form: bool, status: int = 200) -> Response:
    if as_form:
        return RedirectResponse(result.get("url", "/stories"), status_code=303)
    return JSONResponse(result, status_code=status)


def _send(request: Request, body: Body, media_type: str) -> Response:
    """A cached body, gzipped when the client takes gzip; 304 when the client already has this version
    (its ETag, or else its date: not modified since), and every client asked to revalidate before
    reusing it."""
    headers = {"vary": "accept-encoding", "etag": body.etag, "cache-control": "no-cache",
               "last-modified": formatdate(body.modified, usegmt=True)}
    if _not_modified(request, body):
        return Response(status_code=304, headers=headers)
    if "gzip" in request.headers.get("accept-encoding", ""):
        return Response(body.gzipped, media_type=media_type, headers={**headers, "content-encoding": "gzip"})
    return Response(body.plain, media_type=media_type, headers=headers)


def _not_modified(request: Request, body: Body) -> bool:
    """Whether the client holds this version: If-None-Match names its ETag; or, only when the client sent
    no If-None-Match (RFC 9110 13.2.2), If-Modified-Since is not before the body's date."""
    tags = request.headers.get("if-none-match")
    if tags is not None:
        return bool(body.etag) and (tags.strip() == "*" or body.etag in tags)
    since = request.headers.get("if-modified-since")
    if not since:
        return False
    try:
        when = parsedate_to_datetime(since)
    except (TypeError, ValueError):  # a date the client wrote wrong is ignored, as RFC 9110 says
        return False
    return when.tzinfo is not None and body.modified <= when.timestamp()


def _query(
    q: str | None,
    entity: str | None,
    outlet: str | None,
    since: str | None,
    until: str | None,
    limit: int,
    offset: int,
) -> StoryQuery:
    return StoryQuery(
        text=q, entity=entity, outlet=outlet, since=since, until=until, limit=limit, offset=offset
    )


def create_app(
    store_path: str,
    *,
    token: str | None = None,
    settings: Settings | None = None,
    fetcher: Fetcher | None = None,
    max_upload_bytes: int = DEFAULT_MAX_UPLOAD,
    allowed_hosts: list[str] | None = None,
    allow_private: bool = False,
) -> FastAPI:
    """The web app over the store at ``store_path``. With ``token`` every change needs
    ``Authorization: Bearer TOKEN``; ``allowed_hosts`` (when given) refuses other Host headers. URLs posted
    to be added are fetched only from public addresses unless ``allow_private``."""
    settings = settings or Settings()
    fetcher = fetcher or HttpxFetcher(settings, allow_private=allow_private)
    workspace = Workspace.open(store_path, settings, fetcher=fetcher)
    store = workspace.store
    views, writes = Views(workspace), Writes(workspace)
    app = FastAPI(
        title="newsweave",
        version="1",
        docs_url=None,
        redoc_url=None,
        description="Stories from many news reports: pages, their JSON twins and the write API.",
    )
    app.state.store = store
    install_error_handlers(app)
    app.add_middleware(Guard, max_body=max_upload_bytes, allowed_hosts=allowed_hosts)
    app.add_middleware(GZipMiddleware, minimum_size=500)  # every text response (cached bodies come gzipped)
    app.add_middleware(HeadAsGet)
    app.mount("/static", StaticFiles(directory=Path(__file__).parent / "static"), name="static")
    page = {"token_required": token is not None}

    @app.get("/", include_in_schema=False)
    def home() -> RedirectResponse:
        return RedirectResponse("/stories", status_code=307)

    @app.get("/favicon.ico", include_in_schema=False)
    def favicon() -> RedirectResponse:
        return RedirectResponse("/static/favicon.svg", status_code=301)

    @app.get("/health", summary="Whether the server is up")
    def health() -> dict[str, str]:
        return {"status": "ok"}

    @app.get("/stories.json", summary="Stories, newest first; search by text, entity, outlet and date")
    def stories_json(
        q: Q = None,
        entity: E = None,
        outlet: O = None,
        since: D = None,
        until: D = None,
        limit: L = 100,
        offset: F = 0,
        sort: S = "newest",
        min_outlets: M_OUT = 1,
        coverage: C = "kind",
    ) -> dict[str, Any]:
        query = _query(q, entity, outlet, since, until, limit, offset)
        return views.story_list(query, sort, min_outlets, "/stories.json", coverage)

    @app.get("/stories", response_class=HTMLResponse, summary="The story list page")
    def stories_page(
        q: Q = None,
        entity: E = None,
        outlet: O = None,
        since: D = None,
        until: D = None,
        limit: L = 25,
        offset: F = 0,
        sort: S = "newest",
        min_outlets: M_OUT = 1,
        coverage: C = "kind",
    ) -> HTMLResponse:
        data = views.story_list(_query(q, entity, outlet, since, until, limit, offset), sort, min_outlets,
                                coverage=coverage)
        return HTMLResponse(render_page("stories.html", {**data, **page, "title": "Stories"}))

    @app.get("/stories/{story_id}.json", summary="One story with everything of newsweave/1")
    async def story_json(request: Request, story_id: str) -> Response:
        body: Body | None = views.fresh("json", story_id)
        if body is None:
            body = await run_in_threadpool(views.story_json, story_id)
        return _send(request, body, "application/json")

    @app.get("/stories/{story_id}", response_class=HTMLResponse, summary="The story page")
    async def story_page(request: Request, story_id: str) -> Response:
        def build() -> Body:
            title = views.story(story_id)["stories"][0]["title"]
            return Body.of(
                render_page("story.html", {**views.story_page(story_id), **page, "title": title}).encode()
            )

        body: Body | None = views.fresh("html", story_id)
        if body is None:
            body = await run_in_threadpool(views.cached, "html", story_id, build)
        return _send(request, body, "text/html; charset=utf-8")

    @app.get("/check.json", summary="Reports that support, deny or only discuss a claim, with modality and sources")
    async def check_json(
        claim: Annotated[str, Query(min_length=1, max_length=500, description="A short claim, e.g. a headline.")],
    ) -> dict[str, Any]:
        result = await run_in_threadpool(workspace.check, claim)
        return result.to_dict()

    @app.get("/check", response_class=HTMLResponse, summary="The claim check page")
    async def check_page(
        claim: Annotated[str | None, Query(max_length=500, description="A short claim, e.g. a headline.")] = None,
    ) -> HTMLResponse:
        result = await run_in_threadpool(workspace.check, claim) if claim and claim.strip() else None
        data = {**page, "title": "Check a claim", "claim": claim, "result": result.to_dict() if result else None,
                "json_link": "/check.json?" + urlencode({"claim": claim}) if claim else "/check.json"}
        return HTMLResponse(render_page("check.html", data))

    @app.get("/corrections.json", summary="Every correction made by a person, newest first")
    def corrections_json() -> dict[str, Any]:
        return views.corrections()

    @app.get("/corrections", response_class=HTMLResponse, summary="The corrections page")
    def corrections_page() -> HTMLResponse:
        data = {**views.corrections(), **page, "title": "Corrections"}
        return HTMLResponse(render_page("corrections.html", data))

    @app.get("/outlets.json", summary="The outlet profiles, and the outlets of the stored reports that have none")
    def outlets_json() -> dict[str, Any]:
        return views.outlets()

    @app.get("/outlets", response_class=HTMLResponse, summary="The outlet profiles page (an editable table)")
    def outlets_page() -> HTMLResponse:
        return HTMLResponse(render_page("outlets.html", {**views.outlets(), **page, "title": "Outlets"}))
    @app.get("/review.json", summary="What the engine is least sure of, ranked, each with its evidence and why")
    async def review_json(story: R_STORY = None, limit: R_LIMIT = 50) -> dict[str, Any]:
        return await run_in_threadpool(views.review, story or None, limit)

    @app.get("/review", response_class=HTMLResponse, summary="The review queue page")
    async def review_page(story: R_STORY = None, limit: R_LIMIT = 50, done: R_DONE = None) -> HTMLResponse:
        data = await run_in_threadpool(views.review, story or None, limit, done)
        return HTMLResponse(render_page("review.html", {**data, **page, "title": "Review"}))

    @app.post(
        "/api/review/decide",
        summary="Accept or reject a review item (a person's correction)",
        openapi_extra=_body_doc(ReviewDecision),
    )
    async def review_decide(request: Request) -> Response:
        body, as_form = await _payload(request, ReviewDecision, token)
        result = await run_in_threadpool(writes.review, body.item, body.accept, body.note)
        query = {k: v for k, v in (("story", body.story), ("done", result["correction"])) if v}
        result["review"] = f"/review?{urlencode(query)}"
        if as_form:
            result["url"] = result["review"]
        return _answer(result, as_form)

    @app.post(
        "/api/reports",
        status_code=201,
        summary="Add one report (text, HTML or URL)",
        openapi_extra=_body_doc(NewReport),
    )
    async def add_report(request: Request) -> Response:
        body, as_form = await _payload(request, NewReport, token)
        meta = {k: getattr(body, k) for k in ("title", "outlet", "published", "author", "language")}
        if body.url:
            result = await run_in_threadpool(writes.add_url, body.url, meta)
        else:
            kind: Kind = "text" if body.text else "html"
            value = body.text if body.text else body.html
            found = documents_from_body(kind, (value or "").encode("utf-8"), meta)
            result = await run_in_threadpool(writes.add_reports, found.documents, found.problems)
        if as_form and result["stories"]:
            result["url"] = result["stories"][0]["url"]
        return _answer(result, as_form, 201 if result["added"] else 200)

    @app.post(
        "/api/reports/batch",
        status_code=201,
        summary="Add a batch of reports as JSONL",
        openapi_extra={
            "requestBody": {
                "required": True,
                "content": {
                    "application/x-ndjson": {
                        "schema": {"type": "string", "description": "one article object a line"}
                    }
                },
            }
        },
    )
    async def add_batch(
        request: Request, outlet: O = None, published: D = None
    ) -> Response:
        check_token(token, bearer(request))
        found = documents_from_body("jsonl", await request.body(), {"outlet": outlet, "published": published})
        result = await run_in_threadpool(writes.add_reports, found.documents, found.problems)
        return _answer(result, False, 201 if result["added"] else 200)

    @app.post(
        "/api/stories/merge",
        summary="Merge stories (a person's correction)",
        openapi_extra=_body_doc(MergeStories),
    )
    async def merge_stories(request: Request) -> Response:
        body, as_form = await _payload(request, MergeStories, token)
        return _answer(await run_in_threadpool(writes.merge_stories, body.stories, body.note), as_form)

    @app.post("/api/stories/split", summary="Split articles off a story", openapi_extra=_body_doc(SplitStory))
    async def split_story(request: Request) -> Response:
        body, as_form = await _payload(request, SplitStory, token)
        return _answer(
            await run_in_threadpool(writes.split_story, body.story, body.articles, body.note), as_form
        )

    @app.post(
        "/api/entities/merge", summary="Merge entities of a story", openapi_extra=_body_doc(MergeEntities)
    )
    async def merge_entities(request: Request) -> Response:
        body, as_form = await _payload(request, MergeEntities, token)
        return _answer(
            await run_in_threadpool(writes.merge_entities, body.story, body.entities, body.note), as_form
        )

    @app.post(
        "/api/entities/split", summary="Split spellings off an entity", openapi_extra=_body_doc(SplitEntity)
    )
    async def split_entity(request: Request) -> Response:
        body, as_form = await _payload(request, SplitEntity, token)
        result = await run_in_threadpool(
            lambda: writes.split_entity(body.story, body.entity, body.spellings, body.note, name=body.name,
                                        into=body.into)
        )
        return _answer(result, as_form)

    @app.post(
        "/api/quotes/judge",
        summary="Say two quotes are (not) the same utterance",
        openapi_extra=_body_doc(JudgeQuotes),
    )
    async def judge_quotes(request: Request) -> Response:
        body, as_form = await _payload(request, JudgeQuotes, token)
        result = await run_in_threadpool(writes.judge_quotes, body.story, body.quotes, body.same, body.note)
        return _answer(result, as_form)

    @app.post(
        "/api/corrections/undo",
        summary="Take a correction back (it stays listed, marked undone)",
        openapi_extra=_body_doc(UndoCorrection),
    )
    async def undo_correction(request: Request) -> Response:
        body, as_form = await _payload(request, UndoCorrection, token)
        return _answer(await run_in_threadpool(writes.undo, body.correction), as_form)

    @app.post("/api/outlets", summary="Add or replace one outlet's profile", openapi_extra=_body_doc(OutletBody))
    async def set_outlet(request: Request) -> Response:
        body, as_form = await _payload(request, OutletBody, token)
        fields = body.model_dump(exclude={"name"})
        result = await run_in_threadpool(writes.set_outlet, body.name, fields)
        views.forget_outlets()
        return _answer(result, as_form)

    @app.post("/api/outlets/import", summary="Add or replace the profiles of an outlets file (CSV or JSON text)",
              openapi_extra=_body_doc(OutletImport))
    async def import_outlets(request: Request) -> Response:
        body, as_form = await _payload(request, OutletImport, token)
        result = await run_in_threadpool(writes.import_outlets, body.text, body.format)
        views.forget_outlets()
        return _answer(result, as_form)

    @app.post("/api/outlets/remove", summary="Forget an outlet's profile", openapi_extra=_body_doc(OutletName))
    async def remove_outlet(request: Request) -> Response:
        body, as_form = await _payload(request, OutletName, token)
        result = await run_in_threadpool(writes.remove_outlet, body.name)
        views.forget_outlets()
        return _answer(result, as_form)

    described = app.openapi

    def openapi() -> dict[str, Any]:
        if app.openapi_schema is None:
            app.openapi_schema = true_openapi(described())
        return app.openapi_schema

    app.openapi = openapi  # type: ignore[method-assign]
    return app
