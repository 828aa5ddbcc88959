"""newsweave: read many news reports together and turn them into stories, each with one sourced picture.

    >>> import newsweave
    >>> report = newsweave.run(["examples/kim-russia-2023"])
    >>> doc = newsweave.report_to_dict(report)   # the newsweave/1 JSON document

With a store (SQLite file, ``:memory:`` or a ``postgresql://`` URL), the application layer:

    >>> with newsweave.Workspace.open("news.db") as ws:
    ...     ws.add(["examples/kim-russia-2023"])
    ...     report = ws.analyse()

Every name here is in ``__all__`` and documented in docs/api.md (a test checks both).
"""

from __future__ import annotations

import importlib
import importlib.util
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:  # the names below, imported for type checkers; at run time each on first use
    from .api import (
        analyse_article,
        analyse_many,
        analyse_or_problem,
        article_pipeline,
        compare_stories,
        find_stories,
        normalise_document,
        normalise_many,
        report_from_articles,
        run,
        story_pipeline,
    )
    from .app import Added, Changed, Workspace, apply_corrections
    from .config import Settings
    from .errors import (
        ConfigError,
        FetchError,
        InputError,
        NewsweaveError,
        NotFoundError,
        PipelineError,
        RequestError,
        StageError,
        StoreError,
    )
    from .ingest import Fetcher, MockFetcher, ReadResult, read, read_bytes
    from .model import (
        Article,
        Correction,
        Entity,
        Fact,
        Problem,
        Quote,
        RawDocument,
        Report,
        Span,
        Story,
        TimeExpression,
    )
    from .pipeline import Context, Pipeline, Stage, StoryContext
    from .report import render_html, render_markdown, report_to_dict
    from .runtime import Executor, LocalExecutor
    from .store import Store, open_store

_LAZY: dict[str, str] = {
    "Added": ".app",
    "Article": ".model",
    "Changed": ".app",
    "ConfigError": ".errors",
    "Context": ".pipeline",
    "Correction": ".model",
    "Entity": ".model",
    "Executor": ".runtime",
    "Fact": ".model",
    "FetchError": ".errors",
    "Fetcher": ".ingest",
    "InputError": ".errors",
    "LocalExecutor": ".runtime",
    "MockFetcher": ".ingest",
    "NewsweaveError": ".errors",
    "NotFoundError": ".errors",
    "Pipeline": ".pipeline",
    "PipelineError": ".errors",
    "Problem": ".model",
    "Quote": ".model",
    "RawDocument": ".model",
    "ReadResult": ".ingest",
    "Report": ".model",
    "RequestError": ".errors",
    "Settings": ".config",
    "Span": ".model",
    "Stage": ".pipeline",
    "StageError": ".errors",
    "Store": ".store",
    "StoreError": ".errors",
    "Story": ".model",
    "StoryContext": ".pipeline",
    "TimeExpression": ".model",
    "Workspace": ".app",
    "analyse_article": ".api",
    "analyse_many": ".api",
    "analyse_or_problem": ".api",
    "apply_corrections": ".app",
    "article_pipeline": ".api",
    "compare_stories": ".api",
    "find_stories": ".api",
    "normalise_document": ".api",
    "normalise_many": ".api",
    "open_store": ".store",
    "read": ".ingest",
    "read_bytes": ".ingest",
    "render_html": ".report",
    "render_markdown": ".report",
    "report_from_articles": ".api",
    "report_to_dict": ".report",
    "run": ".api",
    "story_pipeline": ".api",
}

__version__ = "0.1.0"

__all__ = [
    "Added",
    "Article",
    "Changed",
    "ConfigError",
    "Context",
    "Correction",
    "Entity",
    "Executor",
    "Fact",
    "FetchError",
    "Fetcher",
    "InputError",
    "LocalExecutor",
    "MockFetcher",
    "NewsweaveError",
    "NotFoundError",
    "Pipeline",
    "PipelineError",
    "Problem",
    "Quote",
    "RawDocument",
    "ReadResult",
    "Report",
    "RequestError",
    "Settings",
    "Span",
    "Stage",
    "StageError",
    "Store",
    "StoreError",
    "Story",
    "StoryContext",
    "TimeExpression",
    "Workspace",
    "analyse_article",
    "analyse_many",
    "analyse_or_problem",
    "apply_corrections",
    "article_pipeline",
    "compare_stories",
    "find_stories",
    "normalise_document",
    "normalise_many",
    "open_store",
    "read",
    "read_bytes",
    "render_html",
    "render_markdown",
    "report_from_articles",
    "report_to_dict",
    "run",
    "story_pipeline",
]


def __getattr__(name: str) -> Any:
    """Import a public name (or a submodule such as ``newsweave.api``) on first use, so that ``import newsweave``
    and the commands that only read the store never load spaCy or scikit-learn (PEP 562)."""
    if name in _LAZY:
        value = getattr(importlib.import_module(_LAZY[name], __name__), name)
    elif not name.startswith("_") and importlib.util.find_spec(f"{__name__}.{name}") is not None:
        value = importlib.import_module(f"{__name__}.{name}")
    else:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    return sorted(set(globals()) | set(__all__))
