"""The write side of the app: add reports and record a person's corrections, each then written back as
stories. Every change runs under one lock, so two requests never regroup the store at the same time.

Uploaded bodies become in-memory :class:`~newsweave.model.RawDocument` s through the same readers
``newsweave.read`` uses; a request never names a file, and only http(s) URLs go to the Fetcher.
"""

from __future__ import annotations

import threading
from collections.abc import Sequence
from typing import Any

from .. import api
from ..config import Settings
from ..ingest import Fetcher, read
from ..ingest.base import ReadResult, with_meta
from ..ingest.html import read_html
from ..ingest.records import read_jsonl
from ..ingest.text import read_text
from ..model import Article, Problem, RawDocument, Story
from ..store import Store
from ..store.corrections import DETAIL_KINDS, STORY_KINDS, Correction, CorrectionKind, apply_corrections
from .errors import ApiError

__all__ = ["Writes", "documents_from_body", "documents_from_url"]

META_FIELDS = ("title", "outlet", "published", "author", "language")


def documents_from_body(kind: str, body: bytes, meta: dict[str, str | None]) -> ReadResult:
    """Read an uploaded text, HTML page or JSONL batch held in memory; ``meta`` beats what it says."""
    name = f"upload.{ {'text': 'txt', 'html': 'html', 'jsonl': 'jsonl'}[kind] }"
    if kind == "jsonl":
        found = read_jsonl(name, body)
    else:
        found = ReadResult(((read_text if kind == "text" else read_html)(name, body),))
    return ReadResult(tuple(with_meta(d, meta, "flag") for d in found.documents), found.problems)


def documents_from_url(
    url: str, meta: dict[str, str | None], fetcher: Fetcher, settings: Settings
) -> ReadResult:
    """Fetch one http(s) URL (a page or a feed) through the Fetcher seam."""
    if not url.lower().startswith(("http://", "https://")):
        raise ApiError(422, f"url: {url!r} is not an http(s) URL", "only http(s) addresses are fetched")
    found = read([url], fetcher=fetcher, settings=settings)
    return ReadResult(tuple(with_meta(d, meta, "flag") for d in found.documents), found.problems)


def _bare(story: Story) -> Story:
    """The story as grouping made it: membership only, ready to be compared again."""
    return Story(story.id, story.title, story.segments, story.why)


def _problem(p: Problem) -> dict[str, Any]:
    return {"input": p.input, "error": p.error, "stage": p.stage}


class Writes:
    """Changes to one store, serialised."""

    def __init__(self, store: Store, settings: Settings) -> None:
        self.store = store
        self.settings = settings
        self._lock = threading.Lock()

    # --- reports -------------------------------------------------------------------------------------

    def add_reports(self, documents: Sequence[RawDocument], problems: Sequence[Problem]) -> dict[str, Any]:
        """Normalise and store documents, then regroup every stored article; say what happened to each."""
        articles, norm_problems = api.normalise_many(documents)
        problems = [*problems, *norm_problems]
        if not articles:
            reasons = "; ".join(f"{p.input}: {p.error}" for p in problems) or "the body held no article"
            raise ApiError(422, f"nothing was stored: {reasons}", "send a report with some article text")
        with self._lock:
            known = self.store.article_ids()
            added, _ = self.store.put_articles([a for a in articles if a.id not in known])  # keep analyses
            unchanged = len(articles) - added
            self.store.put_problems(problems)
            stories, story_problems = self._regroup()
        ids = {a.id for a in articles}
        return {
            "stored": [
                {
                    "id": a.id,
                    "title": a.title,
                    "outlet": a.outlet.value if a.outlet else None,
                    "published": a.published.value if a.published else None,
                    "new": a.id not in known,
                }
                for a in articles
            ],
            "added": added,
            "unchanged": unchanged,
            "problems": [_problem(p) for p in [*problems, *story_problems]],
            "stories": [
                {"id": s.id, "title": s.title, "url": f"/stories/{s.id}"}
                for s in stories
                if ids & set(s.article_ids)
            ],
        }

    def _regroup(self) -> tuple[tuple[Story, ...], list[Problem]]:
        """Analyse what is not analysed yet, group every article again and re-apply the corrections."""
        stored = self.store.articles()
        problems: list[Problem] = []
        fresh: dict[str, Article] = {}
        for article, problem in api.analyse_many([a for a in stored if not a.done], settings=self.settings):
            if article is not None:
                fresh[article.id] = article
            if problem is not None:
                problems.append(problem)
        analysed = [fresh.get(a.id, a) for a in stored]
        corrections = self.store.corrections()
        grouped = apply_corrections(api.find_stories(analysed, self.settings), corrections, kinds=STORY_KINDS)
        stories, story_problems = api.compare(grouped, analysed, self.settings)
        stories = apply_corrections(stories, corrections, kinds=DETAIL_KINDS)
        self.store.put_articles(fresh.values())
        self.store.put_stories(stories)
        self.store.put_problems([*problems, *story_problems])
        return stories, [*problems, *story_problems]

    # --- corrections ---------------------------------------------------------------------------------

    def _story(self, story_id: str) -> Story:
        story = self.store.story(story_id)
        if story is None:
            raise ApiError(404, f"no story {story_id!r}", "list the stories at /stories")
        return story

    def _recompare(self, bare: Sequence[Story]) -> tuple[Story, ...]:
        ids = sorted({a for s in bare for a in s.article_ids})
        stories, _ = api.compare(bare, self.store.articles(ids), self.settings)
        return apply_corrections(stories, self.store.corrections(), kinds=DETAIL_KINDS)

    def _record(self, kind: CorrectionKind, note: str, **targets: Any) -> Correction:
        return self.store.add_correction(kind, note=note, **targets)

    def merge_stories(self, story_ids: Sequence[str], note: str = "") -> dict[str, Any]:
        with self._lock:
            stories = [self._story(i) for i in dict.fromkeys(story_ids)]
            if len(stories) < 2:
                raise ApiError(422, "stories: name at least two different stories to merge")
            c = self._record("merge_stories", note, articles=[s.article_ids for s in stories])
            merged = self._recompare(apply_corrections([_bare(s) for s in stories], [c]))
            self.store.put_stories(merged)
        return {"stories": [s.id for s in merged], "correction": c.id, "url": f"/stories/{merged[0].id}"}

    def split_story(self, story_id: str, articles: Sequence[str], note: str = "") -> dict[str, Any]:
        with self._lock:
            story = self._story(story_id)
            moved = [a for a in dict.fromkeys(articles)]
            unknown = [a for a in moved if a not in story.article_ids]
            if unknown or not moved or len(moved) >= len(story.article_ids):
                why = f"{', '.join(unknown)} not in the story" if unknown else "leave at least one article"
                raise ApiError(
                    422,
                    f"articles: cannot split these off ({why})",
                    "name some, not all, of the story's article ids",
                )
            c = self._record("split_story", note, articles=[moved])
            parts = self._recompare(apply_corrections([_bare(story)], [c]))
            self.store.put_stories(parts)
        return {"stories": [s.id for s in parts], "correction": c.id, "url": f"/stories/{parts[0].id}"}

    def merge_entities(self, story_id: str, entity_ids: Sequence[str], note: str = "") -> dict[str, Any]:
        with self._lock:
            story = self._story(story_id)
            entities = [self._entity(story, e) for e in dict.fromkeys(entity_ids)]
            if len(entities) < 2:
                raise ApiError(422, "entities: name at least two different entities to merge")
            c = self._record("merge_entities", note, spans=[[m.span for m in e.mentions] for e in entities])
            return self._put_one(story, c)

    def split_entity(
        self, story_id: str, entity_id: str, spellings: Sequence[str], note: str = ""
    ) -> dict[str, Any]:
        with self._lock:
            story = self._story(story_id)
            entity = self._entity(story, entity_id)
            moved = [m.span for m in entity.mentions if m.text in set(spellings)]
            if not moved or len(moved) == len(entity.mentions):
                raise ApiError(
                    422,
                    "spellings: name some, not all, of the entity's spellings",
                    f"its spellings are: {', '.join(sorted({m.text for m in entity.mentions}))}",
                )
            c = self._record("split_entity", note, spans=[moved])
            return self._put_one(story, c)

    def judge_quotes(
        self, story_id: str, quote_ids: Sequence[str], same: bool, note: str = ""
    ) -> dict[str, Any]:
        with self._lock:
            story = self._story(story_id)
            by_id = {q.id: q for q in story.quotes}
            missing = [q for q in quote_ids if q not in by_id]
            if missing or len(set(quote_ids)) != 2:
                gone = f" ({', '.join(missing)} not found)" if missing else ""
                raise ApiError(422, f"quotes: name two different quotes of the story{gone}")
            kind: CorrectionKind = "same_quote" if same else "different_quote"
            c = self._record(kind, note, spans=[[by_id[q].span] for q in quote_ids])
            return self._put_one(story, c)

    def _entity(self, story: Story, entity_id: str) -> Any:
        found = next((e for e in story.entities if e.id == entity_id), None)
        if found is None:
            raise ApiError(404, f"no entity {entity_id!r} in story {story.id!r}")
        return found

    def _put_one(self, story: Story, c: Correction) -> dict[str, Any]:
        (updated,) = apply_corrections([story], [c])
        self.store.put_stories([updated])
        return {"stories": [updated.id], "correction": c.id, "url": f"/stories/{updated.id}"}
