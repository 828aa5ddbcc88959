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
