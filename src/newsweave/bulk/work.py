"""What a worker does with one pending record: read it, normalise it, check ``--since``, analyse it.

:func:`process` is a plain module-level function of ``(item, context)``, so any executor (local or Ray)
can run it; it calls the very same readers and stages as the rest of newsweave (ingest's one reader
registry, ``normalise``, and ``newsweave.api.analyse_or_problem``).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import cast

from ..api import analyse_or_problem
from ..config import Settings
from ..errors import InputError
from ..ingest import ReadContext, read_bytes
from ..ingest.base import fill_meta, problem
from ..ingest.html import iso_date
from ..model import Article, Problem, RawDocument
from ..normalise import NormaliseConfig, normalise
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


def _raw(item: Pending, settings: Settings) -> tuple[RawDocument | None, Problem | None]:
    """The record as a RawDocument, or the reason it could not be read."""
    try:
        found = read_bytes(item.input, item.data, "html" if item.kind == "html" else "json",
                           context=ReadContext(settings, url=item.url))
    except InputError as err:
        return None, problem(err)
    if item.kind == "html":
        return fill_meta(found.documents[0], {"published": iso_date(item.fetched)}, "default"), None
    if not found.documents:
        return None, found.problems[0] if found.problems else Problem(item.input, "no article", "ingest")
    return found.documents[0], None


def _before(article: Article, since: str | None) -> bool:
    published = iso_date(article.published.value) if article.published else None
    return since is not None and published is not None and published < since


def process(item: Pending, context: object) -> Done:
    """Read, normalise and analyse one record; never raises for a bad record (it becomes a problem, and the
    record is recorded as failed, so a rerun does not try it again)."""
    try:
        return _process(item, cast(WorkContext, context))
    except Exception as exc:  # noqa: BLE001 - a poison record must never fail its batch on every rerun
        reason = " ".join(f"{type(exc).__name__}: {exc}".split())
        return Done(item.key, problem=Problem(item.input, f"could not be processed ({reason})", "bulk"))


def _process(item: Pending, context: WorkContext) -> Done:
    raw, failed = _raw(item, context.settings)
    if raw is None:
        return Done(item.key, problem=failed)
    try:
        article = normalise(raw, context.settings.of(NormaliseConfig))
    except InputError as err:
        return Done(item.key, problem=Problem(item.input, str(err), "normalise"))
    if _before(article, context.since):
        return Done(item.key, skipped=True)
    analysed, failed = analyse_or_problem(article, context.settings)
    return Done(item.key, analysed, failed)
