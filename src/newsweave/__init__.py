"""newsweave: read many news reports together and turn them into stories, each with one sourced picture.

    >>> import newsweave
    >>> report = newsweave.run(["examples/kim-russia-2023"])
    >>> doc = newsweave.report_to_dict(report)   # the newsweave/1 JSON document
"""

from .api import (
    analyse,
    analyse_many,
    article_pipeline,
    compare,
    find_stories,
    normalise_many,
    report_from_articles,
    run,
    story_pipeline,
)
from .config import Settings
from .errors import (
    ConfigError,
    FetchError,
    InputError,
    NewsweaveError,
    PipelineError,
    StageError,
    StoreError,
)
from .ingest import MockFetcher, read
from .model import Article, Entity, Fact, Problem, Quote, RawDocument, Report, Span, Story, TimeExpression
from .normalise import normalise
from .report import render_html, render_markdown, report_to_dict
from .store import Store, open_store

__version__ = "0.1.0"

__all__ = [
    "Article",
    "ConfigError",
    "Entity",
    "Fact",
    "FetchError",
    "InputError",
    "MockFetcher",
    "NewsweaveError",
    "PipelineError",
    "Problem",
    "Quote",
    "RawDocument",
    "Report",
    "Settings",
    "Span",
    "StageError",
    "Store",
    "StoreError",
    "Story",
    "TimeExpression",
    "analyse",
    "analyse_many",
    "article_pipeline",
    "compare",
    "find_stories",
    "normalise",
    "normalise_many",
    "open_store",
    "read",
    "render_html",
    "render_markdown",
    "report_from_articles",
    "report_to_dict",
    "run",
    "story_pipeline",
]
