"""Named stages with declared contracts, a registry of them, and pipelines checked before they run.

A stage (spaCy's components are the model) declares its ``name`` (unique across article and story
stages), its ``kind`` (``article``: Article -> Article, or ``story``: Story -> Story), the model fields it
``requires`` and ``provides`` (checked against the real fields of :class:`~newsweave.model.Article` or
:class:`~newsweave.model.Story`; a story stage that reads its articles' analysis says so with
``articles.<field>``), and the frozen config dataclass holding the constants it tunes. A typo'd field
fails when the stage is declared; :func:`build` refuses a pipeline in which some stage needs a field
that neither the input nor an earlier stage provides.

:data:`ARTICLE_ORDER` and :data:`STORY_ORDER` are the one declared default order of each kind;
:class:`Registry` puts the stages in that order and checks that both default pipelines build.
(:data:`newsweave.stages.REGISTRY` is the registry of the shipped stages.)

What made an article's analysis is kept on it: after each stage, ``Article.done`` holds the fields the stage
provides and the stage's mark, ``~name@version#digest`` (:func:`stage_mark`: the stage's ``version``, bumped
when its code changes what it finds, and a digest of its config and the spaCy model). A later run
re-runs only the stages whose mark changed, and the stages after them that read what they provide
(:meth:`Pipeline.stale`); an article analysed before marks were kept counts as current for every stage whose
fields it has.

At run time a failure is wrapped in a :class:`~newsweave.errors.StageError` that names the stage and the
item, and :meth:`Pipeline.run_many` turns it into a :class:`~newsweave.model.Problem` while keeping the item
(the other stages still run), so one bad article never stops a batch and is never lost. Stages keep no
global state and are plain module-level functions, so they pickle
(Ray runs the same objects).
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field, fields, is_dataclass
from typing import Any, Generic, Literal, TypeVar

from .config import Settings
from .errors import NewsweaveError, PipelineError, StageError
from .model import Article, Problem, Story, evolve

__all__ = [
    "ARTICLE_BASE",
    "ARTICLE_FIELDS",
    "ARTICLE_ORDER",
    "STORY_BASE",
    "STORY_FIELDS",
    "STORY_ORDER",
    "Context",
    "Kind",
    "Pipeline",
    "Registry",
    "Section",
    "Stage",
    "StoryContext",
    "build",
    "in_order",
    "stage_mark",
]

T = TypeVar("T", Article, Story)
Kind = Literal["article", "story"]

ARTICLE_FIELDS = frozenset(f.name for f in fields(Article))
STORY_FIELDS = frozenset(f.name for f in fields(Story))
#: What a story stage may require of its articles: ``articles.<Article field>``.
ARTICLES_OF_STORY = frozenset(f"articles.{name}" for name in ARTICLE_FIELDS)

#: Fields every normalised article has before analysis starts.
ARTICLE_BASE = frozenset({"id", "input", "text", "title", "outlet", "published", "author", "url", "language",
                          "standfirst", "removed", "paragraphs"})
#: Fields every grouped story has before comparison starts.
STORY_BASE = frozenset({"id", "title", "segments", "why", "copies"})

#: The one declared default order of the article stages, and of the story stages.
ARTICLE_ORDER = ("sentences", "entities", "times", "quotes", "claims")
STORY_ORDER = ("entity_resolution", "quote_families", "membership", "facts", "timeline", "brief")

assert ARTICLE_BASE <= ARTICLE_FIELDS and STORY_BASE <= STORY_FIELDS, "base fields must be model fields"


@dataclass(frozen=True, slots=True)
class Context:
    """What a stage may read besides its item: the settings, and (for a story stage) its articles by id."""

    articles: Mapping[str, Article]
    settings: Settings

    @classmethod
    def of(cls, settings: Settings) -> Context:
        """The context of an article stage: settings, no articles."""
        return cls({}, settings)


#: The name story stages and their callers have used; the same type.
StoryContext = Context


def _check_config(name: str, config: type[Any] | None) -> None:
    if config is None:
        return
    params = getattr(config, "__dataclass_params__", None)
    if not is_dataclass(config) or params is None or not params.frozen:
        raise PipelineError(f"stage {name!r}: config {config.__name__} is not a frozen dataclass",
                            hint="declare it with @dataclass(frozen=True)")
    if getattr(config, "SECTION", None) != name:
        raise PipelineError(f"stage {name!r}: config {config.__name__}.SECTION must be {name!r}",
                            hint="a stage's settings are named after the stage")
    bare = [f.name for f in fields(config) if not f.metadata.get("help")]
    if bare:
        raise PipelineError(f"stage {name!r}: config fields without help: {', '.join(bare)}",
                            hint="make each field with newsweave.config.param(default, help)")


@dataclass(frozen=True, slots=True)
class Stage(Generic[T]):
    """One named step. ``func(item, context)`` returns a new item; it never mutates its input."""

    name: str
    kind: Kind
    func: Callable[[T, Context], T]
    requires: frozenset[str] = frozenset()
    provides: frozenset[str] = frozenset()
    config: type[Any] | None = None
    help: str = ""
    #: Bump when a change to the stage changes what it finds: stored articles it ran on are then analysed again
    #: (for a story stage: stored stories are compared again by it and the stages reading what it provides).
    version: str = "1"

    def __post_init__(self) -> None:
        if self.kind == "article":
            may_require, may_provide = ARTICLE_FIELDS, ARTICLE_FIELDS
        elif self.kind == "story":
            may_require, may_provide = STORY_FIELDS | ARTICLES_OF_STORY, STORY_FIELDS
        else:
            raise PipelineError(f"stage {self.name!r}: kind {self.kind!r} is neither 'article' nor 'story'")
        for what, named, allowed in (("requires", self.requires, may_require),
                                     ("provides", self.provides, may_provide)):
            unknown = sorted(named - allowed)
            if unknown:
                model = "Article" if self.kind == "article" else "Story"
                raise PipelineError(
                    f"stage {self.name!r} {what} {', '.join(unknown)}, which {model} has no field for",
                    hint="choose from: " + ", ".join(sorted(allowed)),
                )
        _check_config(self.name, self.config)


@dataclass(frozen=True, slots=True)
class Section:
    """Settings of a step that is not a registered stage (normalising, grouping into stories)."""

    name: str
    config: type[Any]
    help: str = ""

    def __post_init__(self) -> None:
        _check_config(self.name, self.config)


def _item_name(item: Article | Story) -> str:
    return f"article {item.id} ({item.input})" if isinstance(item, Article) else f"story {item.id}"


@dataclass(frozen=True, slots=True)
class Pipeline(Generic[T]):
    """Stages checked to fit together, run in order on one item (``run``) or many (``run_many``)."""

    stages: tuple[Stage[T], ...]

    @property
    def names(self) -> tuple[str, ...]:
        return tuple(s.name for s in self.stages)

    def run(self, item: T, context: Context | Settings) -> T:
        """Run every stage on one item; a failure raises StageError naming the stage. Settings alone
        are taken as the context of an article stage."""
        context = Context.of(context) if isinstance(context, Settings) else context
        for stage in self.stages:
            try:
                item = stage.func(item, context)
            except NewsweaveError:
                raise
            except Exception as exc:  # noqa: BLE001 - any stage bug becomes a named, reported error
                raise StageError(stage.name, _item_name(item), f"{type(exc).__name__}: {exc}") from exc
            if isinstance(item, Article):
                item = evolve(item, done=_marked(item.done, stage, context.settings))
        return item

    def stale(self, article: Article, settings: Settings) -> tuple[str, ...]:
        """The names of the stages to run on ``article`` (in order): those that never ran on it, ran as
        another version or with other settings, and every later stage that reads what one of those
        provides. Empty when its analysis is current."""
        names = {d.partition("@")[0] for d in article.done if d.startswith(MARK)}
        todo: list[str] = []
        changed: set[str] = set()
        for stage in self.stages:
            if MARK + stage.name in names:
                current = stage_mark(stage, settings) in article.done
            else:  # never marked: current when it ran before marks were kept, i.e. its fields are there
                current = bool(stage.provides) and stage.provides <= article.done
            if not current or stage.requires & changed:
                todo.append(stage.name)
                changed |= stage.provides
        return tuple(todo)

    def only(self, names: Sequence[str], article: Article) -> Pipeline[T]:
        """The named stages of this pipeline, checked against what ``article`` already has."""
        have = ARTICLE_BASE | {d for d in article.done if not d.startswith(MARK)}
        return build(self.stages, [n for n in self.names if n in set(names)], base=frozenset(have))

    def run_many(
        self, items: Iterable[T], context: Context | Settings
    ) -> Iterator[tuple[T | None, Problem | None]]:
        """Run the pipeline over many items; yield (result, problem) for each. A stage that fails on an
        item does not lose it: the item is kept with the other stages run, the failure is recorded on an
        article's ``notes`` (and the stage left out of its ``done``, so a later run tries it again), and
        the problem names the stage. (None, problem) only for an error that is not a stage's."""
        for item in items:
            try:
                yield self._run_tolerant(item, context)
            except NewsweaveError as exc:
                source = item.input if isinstance(item, Article) else item.id
                yield None, Problem(input=source, error=str(exc), stage=None)

    def _run_tolerant(self, item: T, context: Context | Settings) -> tuple[T, Problem | None]:
        context = Context.of(context) if isinstance(context, Settings) else context
        source = item.input if isinstance(item, Article) else item.id
        failures: list[Problem] = []
        for stage in self.stages:
            try:
                item = Pipeline((stage,)).run(item, context)
            except StageError as exc:
                failures.append(Problem(input=source, error=str(exc), stage=stage.name))
        if not failures:
            return item, None
        if isinstance(item, Article):
            item = evolve(item, notes=(*item.notes, *failures))
        error = "; ".join(p.error for p in failures)
        return item, Problem(input=source, error=error, stage=failures[0].stage)


#: Marks in ``Article.done`` start with this (field names never do).
MARK = "~"


def stage_mark(stage: Stage[Any], settings: Settings) -> str:
    """What made a stage's result: ``~name@version#digest``, the digest of its config and the spaCy model."""
    config = settings.of(stage.config) if stage.config is not None else None
    digest = hashlib.sha1(repr((config, settings.spacy_model)).encode()).hexdigest()[:10]
    return f"{MARK}{stage.name}@{stage.version}#{digest}"


def _marked(done: frozenset[str], stage: Stage[Any], settings: Settings) -> frozenset[str]:
    """``done`` after ``stage`` ran: its fields, and its mark in place of any older one."""
    old = MARK + stage.name + "@"
    return frozenset(d for d in done if not d.startswith(old)) | stage.provides | {stage_mark(stage, settings)}


def build(
    stages: Sequence[Stage[T]], names: Sequence[str] | None = None, *, base: frozenset[str] = ARTICLE_BASE
) -> Pipeline[T]:
    """Assemble the named stages (all, in order, when ``names`` is None) and check their contracts."""
    by_name = {s.name: s for s in stages}
    chosen = list(stages) if names is None else []
    for name in names or ():
        if name not in by_name:
            raise PipelineError(
                f"unknown stage {name!r}", hint=f"choose from: {', '.join(sorted(by_name))}"
            )
        chosen.append(by_name[name])
    names_seen = [s.name for s in chosen]
    twice = sorted({n for n in names_seen if names_seen.count(n) > 1})
    if twice:
        raise PipelineError(f"stage {', '.join(map(repr, twice))} listed twice", hint="list each stage once")
    if len({s.kind for s in chosen}) > 1:
        raise PipelineError("article and story stages cannot share a pipeline", hint="build one of each")
    have = set(base)
    for stage in chosen:
        missing = stage.requires - have
        if missing:
            raise PipelineError(
                f"stage {stage.name!r} requires {', '.join(sorted(missing))}, which no earlier stage "
                "provides",
                hint="add the stage that provides it before this one",
            )
        have |= stage.provides
    return Pipeline(tuple(chosen))


def in_order(order: Sequence[str], stages: Iterable[Stage[T]]) -> tuple[Stage[T], ...]:
    """``stages`` in the declared ``order``; refuses a stage the order does not name, or one it misses."""
    by_name = {s.name: s for s in stages}
    if set(by_name) != set(order):
        extra, missing = sorted(set(by_name) - set(order)), sorted(set(order) - set(by_name))
        raise PipelineError(f"stages do not match the declared order: extra {extra}, missing {missing}",
                            hint="declare each stage once in ARTICLE_ORDER or STORY_ORDER")
    return tuple(by_name[name] for name in order)


@dataclass(frozen=True, slots=True)
class Registry:
    """Every stage of both kinds, in the declared order, and the config sections of other steps."""

    article: tuple[Stage[Article], ...]
    story: tuple[Stage[Story], ...]
    sections: tuple[Section, ...] = field(default=())

    def __post_init__(self) -> None:
        names = [s.name for s in self._stages()] + [s.name for s in self.sections]
        twice = sorted({n for n in names if names.count(n) > 1})
        if twice:
            raise PipelineError(f"name {', '.join(map(repr, twice))} used twice in the registry",
                                hint="article stages, story stages and sections share one namespace")
        wrong = [s.name for s in self.article if s.kind != "article"] + [s.name for s in self.story
                                                                          if s.kind != "story"]
        if wrong:
            raise PipelineError(f"stage {', '.join(map(repr, wrong))} registered under the wrong kind")
        self.article_pipeline()
        self.story_pipeline()

    def _stages(self) -> list[Stage[Article] | Stage[Story]]:
        found: list[Stage[Article] | Stage[Story]] = [*self.article]
        found += self.story
        return found

    def article_pipeline(self, names: Sequence[str] | None = None) -> Pipeline[Article]:
        """The article stages (all in the declared order, or those named), checked."""
        return build(self.article, names, base=ARTICLE_BASE)

    def story_pipeline(
        self, names: Sequence[str] | None = None, *, article_stages: Sequence[str] | None = None
    ) -> Pipeline[Story]:
        """The story stages (all, or those named), checked against the story's fields and against what
        the article stages (all, or those named in ``article_stages``) give its articles."""
        analysed = set(ARTICLE_BASE)
        for stage in self.article_pipeline(article_stages).stages:
            analysed |= stage.provides
        return build(self.story, names, base=STORY_BASE | {f"articles.{name}" for name in analysed})

    def stage(self, name: str) -> Stage[Article] | Stage[Story]:
        for stage in self._stages():
            if stage.name == name:
                return stage
        raise PipelineError(f"unknown stage {name!r}",
                            hint="choose from: " + ", ".join(s.name for s in self._stages()))

    def configs(self) -> dict[str, type[Any]]:
        """Section name -> config class: other steps' sections, then article and story stages in order."""
        found: dict[str, type[Any]] = {s.name: s.config for s in self.sections}
        for stage in self._stages():
            if stage.config is not None:
                found[stage.name] = stage.config
        return found

    def helps(self) -> dict[str, str]:
        """Section or stage name -> its one-line help."""
        return {s.name: s.help for s in (*self.sections, *self._stages())}
