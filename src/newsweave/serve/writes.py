"""The write side of the app: a thin face over :class:`~newsweave.app.Workspace`. Every change runs under
one lock, so two requests never regroup the store at the same time; the answers are plain data.

Uploaded bodies go through ingest's one reader registry (:func:`~newsweave.ingest.read_bytes`); a
request never names a file, and only http(s) URLs go to the Fetcher.
"""

from __future__ import annotations

import threading
from collections.abc import Sequence
from typing import Any

from ..app import Changed, Workspace
from ..app.outlets import make_profile, parse_outlets, profile_dict
from ..app.workspace import split_entity_to
from ..ingest import ReadResult, given_meta, read_bytes
from ..ingest.decode import Kind
from ..model import Problem, RawDocument
from .errors import ApiError

__all__ = ["Writes", "documents_from_body"]

_NAMES: dict[Kind, str] = {"text": "upload.txt", "html": "upload.html", "jsonl": "upload.jsonl"}


def documents_from_body(kind: Kind, body: bytes, meta: dict[str, str | None]) -> ReadResult:
    """Read an uploaded text, HTML page or JSONL batch held in memory; ``meta`` beats what it says."""
    return read_bytes(_NAMES[kind], body, kind, meta)


def _problem(p: Problem) -> dict[str, Any]:
    return {"input": p.input, "error": p.error, "stage": p.stage}


def _changed(result: Changed) -> dict[str, Any]:
    ids = [s.id for s in result.stories]
    return {"stories": ids, "correction": result.correction.id, "url": f"/stories/{ids[0]}" if ids else "/stories"}


class Writes:
    """Changes to one workspace, serialised."""

    def __init__(self, workspace: Workspace) -> None:
        self.workspace = workspace
        self._lock = threading.Lock()

    def add_url(self, url: str, meta: dict[str, str | None]) -> dict[str, Any]:
        """Fetch one http(s) URL (a page or a feed) through the workspace's Fetcher, then add it."""
        if not url.lower().startswith(("http://", "https://")):
            raise ApiError(422, f"url: {url!r} is not an http(s) URL", "only http(s) addresses are fetched")
        found = self.workspace.read([url])
        docs = given_meta(found, meta)
        return self.add_reports(docs.documents, docs.problems)

    def add_reports(self, documents: Sequence[RawDocument], problems: Sequence[Problem]) -> dict[str, Any]:
        """Store documents, analyse what is new and regroup; say what happened to each."""
        with self._lock:
            added = self.workspace.add_documents(documents, problems)
            if not added.articles:
                reasons = "; ".join(f"{p.input}: {p.error}" for p in added.problems) or "the body held no article"
                raise ApiError(422, f"nothing was stored: {reasons}", "send a report with some article text")
            report = self.workspace.analyse()
        ids = {a.id for a in added.articles}
        return {
            "stored": [
                {
                    "id": a.id,
                    "title": a.title,
                    "outlet": a.outlet.value if a.outlet else None,
                    "published": a.published.value if a.published else None,
                    "new": a.id in added.new,
                }
                for a in added.articles
            ],
            "added": added.added,
            "unchanged": added.unchanged,
            "problems": [_problem(p) for p in [*added.problems, *report.problems]],
            "stories": [
                {"id": s.id, "title": s.title, "url": f"/stories/{s.id}"}
                for s in report.stories
                if ids & set(s.article_ids)
            ],
        }

    def merge_stories(self, story_ids: Sequence[str], note: str = "") -> dict[str, Any]:
        with self._lock:
            return _changed(self.workspace.merge_stories(story_ids, note))

    def split_story(self, story_id: str, articles: Sequence[str], note: str = "") -> dict[str, Any]:
        with self._lock:
            return _changed(self.workspace.split_story(story_id, articles, note))

    def merge_entities(self, story_id: str, entity_ids: Sequence[str], note: str = "") -> dict[str, Any]:
        with self._lock:
            return _changed(self.workspace.merge_entities(story_id, entity_ids, note))

    def split_entity(self, story_id: str, entity_id: str, spellings: Sequence[str], note: str = "", *,
                     name: str = "", into: str | None = None) -> dict[str, Any]:
        with self._lock:
            return _changed(split_entity_to(self.workspace, story_id, entity_id, spellings, name=name, into=into,
                                            note=note))

    def judge_quotes(self, story_id: str, quote_ids: Sequence[str], same: bool, note: str = "") -> dict[str, Any]:
        with self._lock:
            return _changed(self.workspace.judge_quotes(story_id, quote_ids, same, note))

    def review(self, item: str, accept: bool, note: str = "") -> dict[str, Any]:
        """Accept or reject a review item (:func:`newsweave.app.review.decide`)."""
        from ..app.review import decide

        with self._lock:
            return _changed(decide(self.workspace, item, accept, note))

    def undo(self, correction_id: int) -> dict[str, Any]:
        with self._lock:
            return _changed(self.workspace.undo(correction_id))


    # --- outlet profiles ---------------------------------------------------------------------------

    def set_outlet(self, name: str, fields: dict[str, str | None]) -> dict[str, Any]:
        """Add or replace one outlet's profile (a field not given is not given, not kept)."""
        profile = make_profile(name, **fields)
        with self._lock:
            self.workspace.set_outlets([profile])
        return {"outlets": [profile_dict(profile)], "url": "/outlets"}

    def import_outlets(self, text: str, fmt: str | None) -> dict[str, Any]:
        """Add or replace every profile of an outlets file's text; nothing is stored when a row is wrong."""
        profiles = parse_outlets(text, "the outlets file", fmt)
        with self._lock:
            self.workspace.set_outlets(profiles)
        return {"outlets": [profile_dict(p) for p in profiles], "url": "/outlets"}

    def remove_outlet(self, name: str) -> dict[str, Any]:
        with self._lock:
            self.workspace.remove_outlet(name)
        return {"removed": name, "url": "/outlets"}
