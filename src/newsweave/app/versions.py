"""What made a compared story, kept beside it in the store, so a later run compares again only what changed.

An article carries the marks of the stages that analysed it (``Article.done``, :func:`~newsweave.pipeline.
stage_mark`). A story's marks are stored beside it (``Store.put_stories(marks=...)``, ``Store.story_marks``):

- the mark of each story stage that ran on it, ``~name@version#digest`` (left out when a stage failed, so the
  next run tries again);
- the marks of the article stages its members were analysed with (their union), so a story whose articles
  were analysed again by a changed stage compares again the story stages that read what that stage (or a later
  article stage reading it) provides;
- ``~why:N``: how many of its reasons grouping gave it (the membership stage adds its own after those, and
  they are dropped before it runs again).

:func:`stale` says which story stages must run again on a stored story: those whose mark is missing or differs
(another version, other settings), those reading an article field an article stage changed, and every later
stage that reads what one of those provides. :func:`recompare` runs just those on the stored story, without
grouping or analysing anything again. A compared story stored without marks (written before marks were kept)
counts as current, as an article analysed before marks were kept does.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import MISSING, fields

from .. import stages
from ..config import Settings
from ..model import Article, Problem, Story, evolve
from ..pipeline import ARTICLE_FIELDS, MARK, STORY_BASE, Context, Stage, build, stage_mark
from .progress import Steps

__all__ = ["WHY", "compared_marks", "made", "recompare", "stale"]

#: The mark saying how many of a story's reasons grouping gave it: ``~why:N``.
WHY = MARK + "why:"


def _story_stages() -> tuple[Stage[Story], ...]:
    return stages.REGISTRY.story


def _article_stages() -> dict[str, Stage[Article]]:
    return {s.name: s for s in stages.REGISTRY.article}


def _name(mark: str) -> str:
    return mark[len(MARK):].partition("@")[0]


def _article_marks(story: Story, articles: Mapping[str, Article]) -> frozenset[str]:
    """The marks of the article stages the story's members were analysed with (their union)."""
    names = _article_stages()
    return frozenset(d for aid in story.article_ids if aid in articles for d in articles[aid].done
                     if d.startswith(MARK) and _name(d) in names)


def _analysis_changed(moved_marks: Iterable[str]) -> set[str]:
    """The article fields that may have changed when the article stages of ``moved_marks`` ran again: what they
    provide, and what every later article stage reading that provides (it ran again too, under the same mark)."""
    moved = {_name(m) for m in moved_marks}
    changed: set[str] = set()
    for stage in stages.REGISTRY.article:
        if stage.name in moved or stage.requires & changed:
            changed |= stage.provides
    return changed


def _grouped_reasons(marks: Iterable[str]) -> int | None:
    found = [m[len(WHY):] for m in marks if m.startswith(WHY)]
    return int(found[0]) if found and found[0].isdigit() else None


def made(story: Story, articles: Mapping[str, Article], settings: Settings, *, grouped_reasons: int,
         failed: bool = False) -> frozenset[str]:
    """The marks of ``story`` just compared by the current story stages (none of theirs when one ``failed``),
    from the members in ``articles``; ``grouped_reasons``: how many of its reasons grouping gave it."""
    ran = frozenset() if failed else frozenset(stage_mark(s, settings) for s in _story_stages())
    return ran | _article_marks(story, articles) | {f"{WHY}{grouped_reasons}"}


def compared_marks(grouped: Sequence[Story], compared: Sequence[Story], problems: Iterable[Problem],
                   articles: Sequence[Article], settings: Settings) -> dict[str, frozenset[str]]:
    """Story id -> marks of each story ``compared`` whole from its ``grouped`` self (in the same order), with
    the ``problems`` of that comparison."""
    by_id = {a.id: a for a in articles}
    failed = {p.input for p in problems}
    return {s.id: made(s, by_id, settings, grouped_reasons=len(g.why), failed=s.id in failed)
            for g, s in zip(grouped, compared, strict=True)}


def stale(story: Story, marks: Iterable[str], articles: Mapping[str, Article], settings: Settings) -> tuple[str, ...]:
    """The story stages to run again on a stored ``story`` with these stored ``marks`` (in order); empty when it
    is current, or when it has no marks (stored before marks were kept)."""
    marks = frozenset(marks)
    if _grouped_reasons(marks) is None:
        return ()
    changed = {f"articles.{f}" for f in _analysis_changed(marks ^ _article_marks(story, articles))}
    todo: list[str] = []
    for stage in _story_stages():
        if stage_mark(stage, settings) not in marks or stage.requires & changed:
            todo.append(stage.name)
            changed |= stage.provides
    return tuple(todo)


def _reset(story: Story, stages: Sequence[Stage[Story]], grouped_reasons: int) -> Story:
    """The story without what ``stages`` provided: those fields back at their defaults (the reasons back to
    grouping's), ready for the stages to run again."""
    provided = {f for s in stages for f in s.provides}
    defaults = {f.name: f.default if f.default_factory is MISSING else f.default_factory()
                for f in fields(Story) if f.name in provided and f.name != "why"}
    if "why" in provided:
        defaults["why"] = story.why[:grouped_reasons]
    return evolve(story, **defaults)


def recompare(stored: Sequence[tuple[Story, tuple[str, ...], frozenset[str]]], articles: Sequence[Article],
              settings: Settings, progress: Steps | None = None,
              ) -> tuple[list[Story], list[Problem], dict[str, frozenset[str]]]:
    """Run again, on each stored ``(story, stale stage names, stored marks)``, just those stages (the story's
    other fields are kept), in order; return the stories, the problems and each story's new marks.
    ``progress`` is called with 1 after each story."""
    by_id = {a.id: a for a in articles}
    context = Context(by_id, settings)
    analysed = {f"articles.{name}" for name in ARTICLE_FIELDS}
    out: list[Story] = []
    problems: list[Problem] = []
    marks: dict[str, frozenset[str]] = {}
    every = _story_stages()
    for story, names, old in stored:
        chosen = [s for s in every if s.name in set(names)]
        kept = {f for s in every if s.name not in set(names) for f in s.provides}
        pipeline = build(every, [s.name for s in chosen], base=STORY_BASE | kept | analysed)
        reasons = _grouped_reasons(old) or 0
        result, problem = next(pipeline.run_many([_reset(story, chosen, reasons)], context))
        out.append(result or story)
        if problem is not None:
            problems.append(problem)
        marks[story.id] = made(story, by_id, settings, grouped_reasons=reasons, failed=problem is not None)
        if progress:
            progress(1)
    return out, problems, marks
