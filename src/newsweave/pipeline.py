"""Named stages with declared contracts, assembled into a pipeline that is checked before it runs.

A stage is a small function with a name, the fields it ``requires`` and the fields it ``provides``
(spaCy's components are the model). :func:`build` refuses a pipeline in which some stage needs a field
that neither the input nor an earlier stage provides. At run time a failure is wrapped in a
:class:`~newsweave.errors.StageError` that names the stage and the item, and :meth:`Pipeline.run_many`
turns it into a :class:`~newsweave.model.Problem` so one bad article never stops a batch.

Stages keep no global state and are plain module-level functions, so they pickle (Ray runs the same
objects).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from typing import Generic, TypeVar

from .config import Settings
from .errors import NewsweaveError, PipelineError, StageError
from .model import Article, Problem, Story, evolve

__all__ = ["ARTICLE_BASE", "Pipeline", "Stage", "StoryContext", "build"]

T = TypeVar("T", Article, Story)

#: Fields every normalised article has before analysis starts.
ARTICLE_BASE = frozenset({"text", "paragraphs", "language", "published", "outlet"})
#: Fields every grouped story has before comparison starts.
STORY_BASE = frozenset({"segments", "articles"})


@dataclass(frozen=True, slots=True)
class StoryContext:
    """What a story stage may read besides the story: its articles by id, and the settings."""

    articles: Mapping[str, Article]
    settings: Settings


@dataclass(frozen=True, slots=True)
class Stage(Generic[T]):
    """One named step. ``func(item, context)`` returns a new item; it never mutates its input."""

    name: str
    func: Callable[[T, object], T]
    requires: frozenset[str] = frozenset()
    provides: frozenset[str] = frozenset()
    help: str = ""


def _item_name(item: Article | Story) -> str:
    return f"article {item.id} ({item.input})" if isinstance(item, Article) else f"story {item.id}"


@dataclass(frozen=True, slots=True)
class Pipeline(Generic[T]):
    """Stages checked to fit together, run in order on one item (``run``) or many (``run_many``)."""

    stages: tuple[Stage[T], ...]

    @property
    def names(self) -> tuple[str, ...]:
        return tuple(s.name for s in self.stages)

    def run(self, item: T, context: object) -> T:
        """Run every stage on one item; a failure raises StageError naming the stage."""
        for stage in self.stages:
            try:
                item = stage.func(item, context)
            except NewsweaveError:
                raise
            except Exception as exc:  # noqa: BLE001 - any stage bug becomes a named, reported error
                raise StageError(stage.name, _item_name(item), f"{type(exc).__name__}: {exc}") from exc
            if isinstance(item, Article):
                item = evolve(item, done=item.done | stage.provides)
        return item

    def run_many(
        self, items: Iterable[T], context: object
    ) -> Iterator[tuple[T | None, Problem | None]]:
        """Run the pipeline over many items; yield (result, None) or (None, problem) for each."""
        for item in items:
            try:
                yield self.run(item, context), None
            except NewsweaveError as exc:
                stage = exc.stage if isinstance(exc, StageError) else None
                source = item.input if isinstance(item, Article) else item.id
                yield None, Problem(input=source, error=str(exc), stage=stage)


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
