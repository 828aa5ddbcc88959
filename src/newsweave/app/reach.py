"""What lets an incremental run (``Workspace._grow_near``) read only what the new reports can reach, not the
whole store. (The rule by which new reports join stored stories lives in grouping,
:mod:`newsweave.group.incremental`; :mod:`newsweave.app.incremental` names it for the application.) Nothing here
loads the grouping stages, so a face that only reads the store imports the workspace in a blink.

- :func:`only_new_work`: whether the new articles are all the work there is, judged from the marks the store
  keeps beside each article and story, without decoding any;
- :func:`publication_day`: the day a stored publication date names (the store is asked for the stories near
  the new articles' days);
- :func:`to_write`: the stories a run must write (the changed ones and those sharing an article with them);
- :func:`all_stories`: every story after a run that read only some of them, in the order a run over all of them
  gives.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from datetime import date

from ..config import Settings
from ..model import Article, Span, Story
from ..store.rows import ArticleMarks

__all__ = ["all_stories", "only_new_work", "publication_day", "skeleton", "to_write"]

Members = Sequence[tuple[str, tuple[str, ...]]]


def only_new_work(members: Members, marks: Mapping[str, ArticleMarks], story_marks: Mapping[str, Sequence[str]],
                  settings: Settings) -> bool:
    """Whether the articles in no story of ``members`` (the stored stories' ids and article ids) are all the work
    there is: every article in a story is analysed by the current article stages (``marks``: each stored
    article's), and every stored story was compared (it has ``story_marks``) by the current story stages
    (:func:`~newsweave.app.versions.stale`). Articles, and stories, alike in marks are judged once."""
    from .. import api
    from ..analyse import LANGUAGES
    from .versions import stale

    pipeline = api.article_pipeline()
    kind = {aid: (m.language or "und", m.done) for aid, m in marks.items()}
    stand_in = {k: Article("", "", "", language=k[0], done=k[1]) for k in set(kind.values())}  # only .done is read
    done = {aid: stand_in[k] for aid, k in kind.items()}
    held = {kind[a] for _, ids in members for a in ids if a in kind}
    if any(k[0] in LANGUAGES and pipeline.stale(stand_in[k], settings) for k in held):
        return False
    seen: dict[tuple[tuple[str, ...], frozenset[tuple[str, frozenset[str]]]], bool] = {}
    for sid, ids in members:
        if sid not in story_marks:
            return False
        key = (tuple(story_marks[sid]), frozenset(kind[a] for a in ids if a in kind))
        if key not in seen:
            seen[key] = bool(stale(skeleton(sid, ids), key[0], done, settings))
        if seen[key]:
            return False
    return True


def publication_day(published: str | None) -> str | None:
    """The day (ISO) of a stored publication date, None when there is none that reads as one."""
    value = (published or "").strip()[:10]
    try:
        return date.fromisoformat(value).isoformat()
    except ValueError:
        return None


def skeleton(story_id: str, article_ids: Sequence[str]) -> Story:
    """A stand-in for a stored story where only its id and article ids are read (aliases, story marks)."""
    return Story(story_id, "", tuple(Span(a, 0, 0) for a in article_ids))


def to_write(stories: Sequence[Story], kept: set[str]) -> list[Story]:
    """The ``stories`` to write: every one not ``kept`` as stored, and every story sharing an article with one of
    those, repeatedly (writing a story replaces the stored stories sharing an article with it, so they are
    written with it); a story kept as stored and sharing no article with a written one is left alone."""
    holders: dict[str, list[int]] = {}
    for k, story in enumerate(stories):
        for aid in story.article_ids:
            holders.setdefault(aid, []).append(k)
    chosen = {k for k, s in enumerate(stories) if s.id not in kept}
    todo = list(chosen)
    while todo:
        for aid in stories[todo.pop()].article_ids:
            fresh = [k for k in holders[aid] if k not in chosen]
            chosen.update(fresh)
            todo += fresh
    return [s for k, s in enumerate(stories) if k in chosen]


def all_stories(members: Members, near: Sequence[Story], grouped: Sequence[Story]
                ) -> tuple[tuple[str, tuple[str, ...]], ...]:
    """Every story after an incremental run that read only the ``near`` stories of the stored ``members`` and
    made ``grouped`` of them: the stored stories kept (the others as stored, the near ones as grouping kept them),
    in the store's order, then the changed ones, as a run over every story would list them."""
    reached = {s.id: s for s in near}
    kept = {s.id for s in grouped if reached.get(s.id) == s}
    found = [(sid, ids) for sid, ids in members if sid not in reached]
    found += [(s.id, s.article_ids) for s in grouped if s.id in kept]
    order = {sid: k for k, (sid, _) in enumerate(members)}
    found.sort(key=lambda item: order[item[0]])
    return tuple(found + [(s.id, s.article_ids) for s in grouped if s.id not in kept])
