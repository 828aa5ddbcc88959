"""The public functions: read -> normalise -> analyse -> group -> compare -> report.

``run(inputs)`` does all of it; each step is also callable alone. One bad input or article never stops
the others: each becomes a :class:`~newsweave.model.Problem` in the result.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator, Sequence

from . import analyse as _analyse
from .analyse.nlp import prepare
from .config import Settings
from .errors import InputError
from .group.stories import find_stories as _find_stories
from .ingest import Fetcher, ReadResult, read
from .model import Article, Problem, RawDocument, Report, Story
from .normalise import NormaliseConfig
from .normalise import normalise as normalise_document
from .normalise.standing import outlet_of, standing_lines
from .pipeline import Context, Pipeline
from .runtime import Executor, LocalExecutor
from .stages import REGISTRY

__all__ = [
    "analyse_article",
    "analyse_many",
    "analyse_or_problem",
    "article_pipeline",
    "compare_stories",
    "find_stories",
    "normalise_document",
    "normalise_many",
    "report_from_articles",
    "run",
    "story_pipeline",
]

Progress = Callable[[int], None]

STORY_STAGES = REGISTRY.story


def article_pipeline(names: Sequence[str] | None = None) -> Pipeline[Article]:
    """The per-article analysis stages (all of them, or those named), checked."""
    return REGISTRY.article_pipeline(names)


def story_pipeline(names: Sequence[str] | None = None) -> Pipeline[Story]:
    """The per-story stages: entity resolution, quote families, facts, timeline, brief."""
    return REGISTRY.story_pipeline(names)


def normalise_many(
    documents: Iterable[RawDocument], settings: Settings = Settings()  # noqa: B008 - frozen
) -> tuple[list[Article], list[Problem]]:
    """Normalise each raw document; a document with nothing left becomes a Problem. Lines an outlet repeats
    across many of the documents are taken out as standing site lines (:mod:`newsweave.normalise.standing`)."""
    articles, problems = [], []
    seen: set[str] = set()
    documents = list(documents)
    standing = standing_lines(documents, settings.of(NormaliseConfig))
    for doc in documents:
        try:
            article = normalise_document(doc, settings.of(NormaliseConfig),
                                         standing=standing.get(outlet_of(doc) or ""))
        except InputError as exc:
            error = f"{exc.reason} ({exc.hint})" if exc.hint else exc.reason
            problems.append(Problem(doc.input, error, "normalise"))
            continue
        if article.id not in seen:  # the same report twice in one run counts once
            seen.add(article.id)
            articles.append(article)
    return articles, problems


def analyse_article(article: Article, settings: Settings = Settings()) -> Article:  # noqa: B008 - frozen
    """Run every analysis stage on one article (English only; others are returned as they are)."""
    if article.language not in _analyse.LANGUAGES:
        return article
    return article_pipeline().run(article, settings)


def analyse_many(
    articles: Iterable[Article],
    *,
    settings: Settings = Settings(),  # noqa: B008 - frozen
    executor: Executor | None = None,
    progress: Progress | None = None,
) -> Iterator[tuple[Article | None, Problem | None]]:
    """Analyse many articles with the same stages as :func:`analyse_article`; scale is the executor's business."""
    executor = executor or LocalExecutor()
    for result in executor.map(_ANALYSE, articles, settings):
        if progress:
            progress(1)
        yield result


def analyse_or_problem(article: Article, settings: object) -> tuple[Article | None, Problem | None]:
    """Analyse one article; a stage's failure becomes a Problem instead of an exception (what executors
    map, so one bad article never stops a batch). ``settings`` is a :class:`Settings`."""
    assert isinstance(settings, Settings)
    if article.language not in _analyse.LANGUAGES:
        return article, None
    pipeline = article_pipeline()
    stale = pipeline.stale(article, settings)
    if not stale:
        return article, None  # analysed by these stage versions with these settings already: nothing to redo
    if len(stale) < len(pipeline.stages):
        pipeline = pipeline.only(stale, article)
    return next(pipeline.run_many([article], settings))


class _Analyse:
    """:func:`analyse_or_problem` for executors, with the batch form they use when a worker gets several
    articles at once (see :mod:`newsweave.runtime.local`): the texts still to analyse are parsed together
    with ``nlp.pipe`` first, then each article runs the stages, which find their parse in the cache."""

    def __call__(self, article: Article, settings: object) -> tuple[Article | None, Problem | None]:
        return analyse_or_problem(article, settings)

    def batch(self, articles: Sequence[Article], settings: object) -> list[tuple[Article | None, Problem | None]]:
        assert isinstance(settings, Settings)
        pipeline = article_pipeline()
        todo = [a.text for a in articles if a.language in _analyse.LANGUAGES and pipeline.stale(a, settings)]
        try:
            prepare(todo, settings.spacy_model)
        except Exception:  # noqa: BLE001, S110 - not silent: each article then parses alone, and fails as a Problem
            pass
        return [analyse_or_problem(article, settings) for article in articles]


_ANALYSE = _Analyse()


def find_stories(articles: Sequence[Article], settings: Settings = Settings()) -> tuple[Story, ...]:  # noqa: B008
    """Group articles, split into event segments where they cover several events, into stories
    (no comparison yet)."""
    return _find_stories(articles, settings)


def compare_stories(
    stories: Iterable[Story], articles: Sequence[Article], settings: Settings = Settings(),  # noqa: B008
    progress: Progress | None = None,
) -> tuple[tuple[Story, ...], list[Problem]]:
    """Run the story stages on each story; a story that fails is kept uncompared, with a Problem.
    ``progress`` is called with 1 after each story."""
    context = Context({a.id: a for a in articles}, settings)
    done, problems = [], []
    stories = list(stories)
    for story, (result, problem) in zip(stories, story_pipeline().run_many(stories, context), strict=True):
        done.append(result or story)
        if progress:
            progress(1)
        if problem:
            problems.append(problem)
    return tuple(done), problems


def run(
    inputs: Sequence[str],
    *,
    outlet: str | None = None,
    published: str | None = None,
    settings: Settings = Settings(),  # noqa: B008 - frozen
    fetcher: Fetcher | None = None,
    progress: Progress | None = None,
) -> Report:
    """Read, analyse, group and compare ``inputs``; return the whole report."""
    result: ReadResult = read(inputs, outlet=outlet, published=published, fetcher=fetcher, settings=settings)
    articles, problems = normalise_many(result.documents, settings)
    return report_from_articles(articles, list(result.problems) + problems, settings=settings, progress=progress)


def report_from_articles(
    articles: Sequence[Article],
    problems: list[Problem],
    *,
    settings: Settings = Settings(),  # noqa: B008 - frozen
    progress: Progress | None = None,
) -> Report:
    """Analyse, group and compare articles already normalised; ``problems`` so far are carried on.
    (A person's corrections live with a store: see :class:`newsweave.app.Workspace`.)"""
    analysed = []
    for article, problem in analyse_many(articles, settings=settings, progress=progress):
        if article is not None:
            analysed.append(article)
        if problem is not None:
            problems.append(problem)
    stories, story_problems = compare_stories(find_stories(analysed, settings), analysed, settings)
    return Report(tuple(analysed), stories, tuple(problems + story_problems), tuple(sorted(settings.changes().items())))
