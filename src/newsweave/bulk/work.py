"""What a worker does with one pending record: read it, normalise it, check ``--since``, analyse it.

:func:`process` is a plain module-level function of ``(item, context)``, so any executor (local or Ray)
can run it; it calls the very same readers and stages as the rest of newsweave (``read_json`` and
``read_html`` from ingest, ``normalise``, and ``newsweave.api._analyse_one``).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import cast

from ..api import _analyse_one
from ..config import Settings
from ..errors import InputError
from ..ingest.base import fill_meta, problem
from ..ingest.html import iso_date, read_html
from ..ingest.records import read_json
from ..model import Article, Problem, RawDocument
from ..normalise import normalise
from .shards import Pending

__all__ = ["Done", "WorkContext", "process"]


@dataclass(frozen=True, slots=True)
class WorkContext:
    settings: Settings
    since: str | None = None  # YYYY-MM-DD: articles published earlier are skipped


@dataclass(frozen=True, slots=True)
class Done:
    """The outcome for one key: an analysed article, a problem, or skipped (before ``--since``)."""

    key: str
    article: Article | None = None
    problem: Problem | None = None
    skipped: bool = False


def _raw(item: Pending) -> tuple[RawDocument | None, Problem | None]:
    """The record as a RawDocument, or the reason it could not be read."""
    if item.kind == "html":
        try:
            doc = read_html(item.input, item.data, url=item.url)
        except InputError as err:
            return None, problem(err)
        return fill_meta(doc, {"published": iso_date(item.fetched)}, "default"), None
    try:
        found = read_json(item.input, item.data)
    except InputError as err:
        return None, problem(err)
    if not found.documents:
        return None, found.problems[0] if found.problems else Problem(item.input, "no article", "ingest")
    return found.documents[0], None


def _before(article: Article, since: str | None) -> bool:
    published = iso_date(article.published.value) if article.published else None
    return since is not None and published is not None and published < since


def process(item: Pending, context: object) -> Done:
    """Read, normalise and analyse one record; never raises for a bad record (it becomes a problem)."""
    context = cast(WorkContext, context)
    raw, failed = _raw(item)
    if raw is None:
        return Done(item.key, problem=failed)
    try:
        article = normalise(raw)
    except InputError as err:
        return Done(item.key, problem=Problem(item.input, str(err), "normalise"))
    if _before(article, context.since):
        return Done(item.key, skipped=True)
    analysed, failed = _analyse_one(article, context.settings)
    return Done(item.key, analysed, failed)
