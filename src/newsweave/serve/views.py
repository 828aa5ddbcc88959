"""Views: one function per page, returning plain data. The HTML page renders it with a template and its
``.json`` twin returns it as it is (datasette's way), so the two can never disagree."""

from __future__ import annotations

import gzip
import hashlib
import json
import threading
import time
from collections import OrderedDict
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import asdict, dataclass, replace
from datetime import UTC, datetime
from typing import Any, TypeVar, cast
from urllib.parse import urlencode

from ..app import Workspace
from ..app.corrections import touched
from ..app.outlets import fields_with_data, profile_dict, story_coverage
from ..app.review import items_of
from ..group.sources import ensure_sources
from ..model import OUTLET_FIELDS, OUTLET_KINDS, Correction, OutletProfile, Report
from ..report import report_to_dict
from ..report.view import human_date, story_page
from ..store.search import StoryQuery, StoryRow
from .errors import ApiError

__all__ = ["Body", "Views"]

T = TypeVar("T")
#: How a listing can be ordered.
SORTS = {
    "newest": (lambda r: r.last or "", True),
    "oldest": (lambda r: r.first or "9999", False),
    "outlets": (lambda r: (len(r.outlets), r.last or ""), True),
    "reports": (lambda r: (r.articles, r.last or ""), True),
}
#: Seconds the outlet profiles read for the pages are kept before they are read again.
OUTLETS_TTL = 1.0
#: A listing reads every matching row of the index (small) to count and sort them.
MAX_ROWS = 1_000_000_000
_PARAM = {"text": "q"}


def _sorted(rows: list[StoryRow], sort: str) -> list[StoryRow]:
    key, newest_first = SORTS[sort]
    return sorted(rows, key=key, reverse=newest_first)


def ago(value: str | None, now: datetime | None = None) -> str:
    """How long ago a date was, in words ('today', '3 days ago', '2 years ago'); '' when unknown."""
    day = (value or "")[:10]
    try:
        then = datetime.fromisoformat(day).replace(tzinfo=UTC)
    except ValueError:
        return ""
    days = ((now or datetime.now(UTC)) - then).days
    for size, unit in ((365, "year"), (30, "month"), (7, "week"), (1, "day")):
        if days >= size:
            n = days // size
            return f"{n} {unit}{'s' if n != 1 else ''} ago"
    return "today" if days >= 0 else ""


@dataclass(frozen=True, slots=True)
class Body:
    """A response body kept ready to send, plain and gzipped (pages of a big story run to megabytes)."""

    plain: bytes
    gzipped: bytes
    etag: str = ""
    #: When this version was built, in whole seconds since the epoch (HTTP dates count seconds): the
    #: ``Last-Modified`` of the response.
    modified: int = 0

    @classmethod
    def of(cls, data: bytes) -> Body:
        tag = f'"{hashlib.blake2b(data, digest_size=12).hexdigest()}"'
        return cls(data, gzip.compress(data, compresslevel=6, mtime=0), tag, int(time.time()))

    def after(self, older: object) -> Body:
        """This body, dated after ``older`` (the version it replaces) when both fall in one second, so a
        client that kept the older one by its date is never told it is still current."""
        if isinstance(older, Body) and older.etag != self.etag and self.modified <= older.modified:
            return replace(self, modified=older.modified + 1)
        return self


class Views:
    """The read side of the app over one store, with a small cache keyed by each story's version."""

    def __init__(self, workspace: Workspace, size: int = 128) -> None:
        self.workspace = workspace
        self.store = workspace.store
        self.size = size
        self._cache: OrderedDict[str, tuple[tuple[str, Any], Any]] = OrderedDict()
        self._lock = threading.Lock()
        self._builds: dict[str, tuple[threading.Lock, int]] = {}
        self._outlets: tuple[float, tuple[OutletProfile, ...]] | None = None

    def fresh(self, name: str, story_id: str) -> Any | None:
        """What ``cached`` would return when it is already built for the current version, else None.
        Two small queries only, so the app answers it on the event loop without a thread hop."""
        version = self.store.story_version(story_id)
        if version is None:
            raise self._gone(story_id, ".json" if name == "json" else "")
        key = (version, self._corrections_mark())
        with self._lock:
            hit = self._cache.get(f"{name}:{story_id}")
            if hit is not None and hit[0] == key:
                self._cache.move_to_end(f"{name}:{story_id}")
                return hit[1]
        return None

    def cached(self, name: str, story_id: str, build: Callable[[], T]) -> T:
        """``build()`` once per version of the story and of the corrections. Requests that miss together
        wait for one build (20 clients opening a changed story build its page once, not 20 times)."""
        hit = self.fresh(name, story_id)
        if hit is not None:
            return cast(T, hit)
        with self._building(f"{name}:{story_id}"):
            hit = self.fresh(name, story_id)  # built by the request this one waited for
            if hit is not None:
                return cast(T, hit)
            version = self.store.story_version(story_id)
            key = (version or "", self._corrections_mark())
            value = build()
            with self._lock:
                older = self._cache.get(f"{name}:{story_id}")
                if isinstance(value, Body) and older is not None:
                    value = cast(T, value.after(older[1]))
                self._cache[f"{name}:{story_id}"] = (key, value)
                while len(self._cache) > self.size:
                    self._cache.popitem(last=False)
        return value

    @contextmanager
    def _building(self, key: str) -> Iterator[None]:
        """Hold the lock of one cache entry (made on first use, dropped when no request holds or waits)."""
        with self._lock:
            lock, users = self._builds.get(key, (threading.Lock(), 0))
            self._builds[key] = (lock, users + 1)
        try:
            with lock:
                yield
        finally:
            with self._lock:
                lock, users = self._builds[key]
                if users == 1:
                    del self._builds[key]
                else:
                    self._builds[key] = (lock, users - 1)

    def _gone(self, story_id: str, suffix: str = "") -> ApiError:
        """404 for an id never seen; a redirect for an old id whose story was merged or regrouped; a page
        listing the parts (300) for a story that was split. ``suffix`` is ".json" for the JSON twin."""
        now = self.store.resolve_story(story_id)
        if len(now) == 1:
            return ApiError(301, f"story {story_id!r} is now {now[0]!r}", f"go to /stories/{now[0]}{suffix}",
                            headers={"Location": f"/stories/{now[0]}{suffix}"})
        if now:
            links = [(f"/stories/{i}{suffix}", self._title(i)) for i in now]
            parts = ", ".join(url for url, _ in links)
            return ApiError(300, f"this story was split into {len(now)} stories", f"open one of {parts}",
                            links=links)
        return ApiError(404, f"no story {story_id!r}", "list the stories at /stories")

    def _title(self, story_id: str) -> str:
        story = self.store.story(story_id)
        return story.title if story is not None and story.title else story_id

    def _corrections_mark(self) -> tuple[int, int]:
        """What else a cached story view depends on: the corrections, and the outlet profiles."""
        return self.store.latest_correction_id(), hash(self.profiles())

    def profiles(self) -> tuple[OutletProfile, ...]:
        """The outlet profiles, read at most once every :data:`OUTLETS_TTL` seconds (a listing asks for them
        once per story); the app's own outlet writes call :meth:`forget_outlets`, so they show at once, and
        a change from another process (the CLI) within that time."""
        now = time.monotonic()
        with self._lock:
            if self._outlets is not None and now - self._outlets[0] < OUTLETS_TTL:
                return self._outlets[1]
        found = tuple(self.store.outlets())
        with self._lock:
            self._outlets = (now, found)
        return found

    def forget_outlets(self) -> None:
        with self._lock:
            self._outlets = None

    # --- the story list ---------------------------------------------------------------------------

    def story_list(self, query: StoryQuery, sort: str = "newest", min_outlets: int = 1,
                   path: str = "/stories", coverage: str = "kind") -> dict[str, Any]:
        """One page of the stories matching ``query`` (sorted, with at least ``min_outlets`` outlets), the
        total that match and the addresses of the next and previous pages."""
        everything = replace(query, limit=MAX_ROWS, offset=0)
        rows = [r for r in self.store.search_stories(everything) if len(r.outlets) >= min_outlets]
        rows = _sorted(rows, sort)
        size = query.limit if query.limit is not None else len(rows)  # None: every story on one page
        page = rows[query.offset : query.offset + size]
        asked = {k: v for k, v in asdict(query).items() if v not in (None, "")}
        extra = {"sort": sort if sort != "newest" else None, "min_outlets": min_outlets if min_outlets > 1 else None,
                 "coverage": coverage if coverage != "kind" else None}

        def link(offset: int) -> str:
            params = {_PARAM.get(k, k): v for k, v in {**asked, **extra, "offset": offset}.items()
                      if v not in (None, "") and not (k == "offset" and v == 0)}
            return f"{path}?{urlencode(params)}" if params else path

        after = query.offset + size
        return {
            "query": {**asked, **{k: v for k, v in extra.items() if v is not None}},
            "count": len(page),
            "total": len(rows),
            "first": query.offset + 1 if page else 0,
            "next": link(after) if after < len(rows) else None,
            "previous": link(max(query.offset - size, 0)) if query.offset > 0 else None,
            "sorts": list(SORTS),
            "coverage_fields": list(fields_with_data(self.profiles())),
            "stories": [{**self._row(r), "coverage": self._coverage(r.id, coverage)} for r in page],
        }

    def _coverage(self, story_id: str, field: str) -> dict[str, Any]:
        """The story's outlets grouped by one profile field (a compact coverage bar's data)."""

        def build() -> dict[str, Any]:
            story = self.store.story(story_id)
            if story is None:
                return {}
            found = story_coverage(story, self.store.story_outlets(story_id), self.profiles(), [field])
            return found.groupings[0].to_dict()

        return self.cached(f"coverage:{field}", story_id, build)

    def _row(self, row: StoryRow) -> dict[str, Any]:
        sources, snippet = self.cached("row", row.id, lambda: self._summary(row.id))
        return {
            "id": row.id,
            "title": row.title,
            "articles": row.articles,
            "outlets": list(row.outlets),
            "outlet_count": len(row.outlets),
            "independent_sources": sources,
            "snippet": snippet,
            "first_published": row.first,
            "last_published": row.last,
            "published_words": human_date(row.last),
            "ago": ago(row.last),
            "url": f"/stories/{row.id}",
            "json": f"/stories/{row.id}.json",
        }

    def _summary(self, story_id: str) -> tuple[int, str]:
        """How many independent sources the story has, and its first brief sentence (or first fact)."""
        story = self.store.story(story_id)
        if story is None:
            return 0, ""
        first = story.brief.sentences[0].sentence if story.brief.sentences else (
            story.facts[0].text if story.facts else "")
        return self._sources(story_id), first

    def _sources(self, story_id: str) -> int:
        story = self.store.story(story_id)
        if story is None:
            return 0
        if not story.sources:  # stored before stories carried their sources
            story = ensure_sources(story, {a.id: a for a in self.store.articles(list(story.article_ids))})
        return len(story.sources)

    # --- one story ----------------------------------------------------------------------------------

    def story(self, story_id: str) -> dict[str, Any]:
        """The story as a newsweave/1 document holding it and its articles, plus the people's corrections."""
        return self.cached("doc", story_id, lambda: self._story_doc(story_id))

    def story_json(self, story_id: str) -> Body:
        return self.cached(
            "json", story_id, lambda: Body.of(json.dumps(self.story(story_id), ensure_ascii=False).encode())
        )

    def _story_doc(self, story_id: str) -> dict[str, Any]:
        story = self.store.story(story_id)
        if story is None:
            raise ApiError(404, f"no story {story_id!r}", "list the stories at /stories")
        order = {a: k for k, a in enumerate(story.article_ids)}
        articles = sorted(self.store.articles(list(story.article_ids)), key=lambda a: order[a.id])
        doc = report_to_dict(Report(tuple(articles), (story,), ()))
        every = self.store.corrections()
        mine = [c for c in every if any(touched(story, c).values())]
        doc["stories"][0]["corrections"] = [_correction(c, touched(story, c)) for c in mine]
        doc["stories"][0]["coverage"] = story_coverage(story, self.store.story_outlets(story.id),
                                                       self.profiles()).to_dict()
        doc["stories"][0]["review_items"] = len(items_of(story, {a.id: a for a in articles}, every,
                                                         self.workspace.settings))
        return doc

    def story_page(self, story_id: str) -> dict[str, Any]:
        """What the story page shows, derived from the same document its JSON twin returns."""
        return self.cached("page", story_id, lambda: _page(self.story(story_id)))

    def outlets(self) -> dict[str, Any]:
        """The outlet profiles, the outlets of the stored reports that have none, and what a profile holds."""
        profiles = self.workspace.outlets()
        return {"outlets": [profile_dict(p) for p in profiles], "not_profiled": self.workspace.unprofiled_outlets(),
                "kinds": list(OUTLET_KINDS), "fields": list(OUTLET_FIELDS)}

    def corrections(self) -> dict[str, Any]:
        """Every correction, newest first, each with the address of the story it now shows in."""
        found = list(reversed(self.store.corrections()))
        home = self._homes() if found else {}
        return {"corrections": [{**_correction(c, None), "story": _home_of(c, home)} for c in found]}

    def _homes(self) -> dict[str, str]:
        """The story id of every stored article, read without decoding a story."""
        return {a: story for story, members in self.store.story_members() for a in members}


    # --- the review queue ---------------------------------------------------------------------------

    def review(self, story: str | None = None, limit: int = 50, done: int | None = None) -> dict[str, Any]:
        """The review queue (every stored story's, or one story's), and the correction ``done`` just made."""
        from ..app.review import review_queue

        queue = review_queue(self.workspace, limit, story=story).to_dict()
        title = self.workspace.story(story).title if story else None
        made = next((c for c in self.store.corrections() if c.id == done), None) if done else None
        back = f"/review?{urlencode({'story': story})}" if story else "/review"
        return {**queue, "story": story, "story_title": title, "json": back.replace("/review", "/review.json", 1),
                "done": {**_correction(made, None), "story": self.corrections_home(made)} if made else None}

    def corrections_home(self, c: Correction) -> str | None:
        """The address of the story a correction now shows in."""
        return _home_of(c, self._homes())


def _home_of(c: Correction, home: dict[str, str]) -> str | None:
    """The address of the story that holds the first article a correction names, if any does."""
    ids = [a for g in c.articles for a in g] + [x.article for g in c.spans for x in g]
    story = next((home[a] for a in ids if a in home), None)
    return f"/stories/{story}" if story else None


def _correction(c: Correction, applies_to: dict[str, list[str]] | None) -> dict[str, Any]:
    out: dict[str, Any] = {
        "id": c.id,
        "kind": c.kind,
        "by": c.by,
        "at": c.at,
        "note": c.note,
        "label": c.label,
        "name": c.name or None,
        "undone": c.undone or None,
        "articles": [list(g) for g in c.articles],
        "spans": [[x.to_dict() for x in g] for g in c.spans],
    }
    if applies_to is not None:
        out["applies_to"] = applies_to
    return out


def _page(doc: dict[str, Any]) -> dict[str, Any]:
    """What the story page shows: exactly its JSON twin's story, looked up (report.view.story_page)."""
    return {**story_page(doc, doc["stories"][0]), "interactive": True}
