"""Copy a bulk run's committed output into the store, so the CLI, the web UI and the HTTP API
see it. Articles are keyed by content hash and stories replace the stories they share articles with, so
copying the same run twice changes nothing."""

from __future__ import annotations

from collections import defaultdict
from pathlib import Path

from ..app import Workspace
from ..model import Article, Span, Story
from ..store.ledger import Ledger
from .output import read_parts
from .run import ARTICLES, LEDGER

__all__ = ["copy_to_store"]

WHY = "assigned incrementally by the bulk story index (compare with `newsweave analyze --db` for facts)"


def copy_to_store(out: Path, db: str) -> tuple[int, int]:
    """Store every committed article of the run in ``out`` and its stories; return (articles, stories)."""
    ledger = Ledger(out / LEDGER)
    try:
        titles = ledger.story_titles()
        members: dict[str, list[Article]] = defaultdict(list)
        for article, story_id in read_parts(out / ARTICLES, ledger.parts()):
            members[story_id].append(article)
    finally:
        ledger.close()
    stories = [
        Story(story_id, titles.get(story_id) or story_id,
              tuple(Span(a.id, 0, len(a.text)) for a in articles), why=(WHY,))
        for story_id, articles in sorted(members.items())
    ]
    with Workspace.open(db) as ws:
        ws.put_grouped([a for articles in members.values() for a in articles], stories)
    return sum(len(a) for a in members.values()), len(stories)
