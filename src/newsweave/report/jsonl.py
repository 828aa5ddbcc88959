"""A report as JSON Lines: one story per line, each line written before the next story is read.

    out/stories.jsonl     {"format": "newsweave/1-story", "story": {...}, "articles": [{...}, ...]}   one per story

``story`` is the story exactly as it stands in the ``stories`` list of a ``newsweave/1`` document (report.json),
and ``articles`` the articles of that story as report.json gives them, so every span a line cites (quotes,
facts, brief, timeline, entity mentions) resolves within the line. The lines are built from an iterable of
one-story documents, consumed one at a time: a generator keeps memory to one story's document whatever the
number of stories. Nothing here renders; the document of a story is :func:`~newsweave.report.json.report_to_dict`'s.
"""

from __future__ import annotations

import json
import os
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import IO, Any

from .json import FORMAT

__all__ = ["JSONL_NAME", "LINE_FORMAT", "story_line", "write_jsonl", "write_jsonl_file"]

#: The ``format`` of each line: one story of a ``newsweave/1`` report and its articles.
LINE_FORMAT = f"{FORMAT}-story"
#: The file ``--out DIR --jsonl`` writes.
JSONL_NAME = "stories.jsonl"


def story_line(doc: dict[str, Any]) -> dict[str, Any]:
    """The line of a one-story ``newsweave/1`` document ``doc``: its story and the story's articles."""
    (story,) = doc["stories"]
    members = set(story["articles"])
    return {"format": LINE_FORMAT, "story": story, "articles": [a for a in doc["articles"] if a["id"] in members]}


def write_jsonl(docs: Iterable[dict[str, Any]], stream: IO[str], step: Callable[[int], None] | None = None) -> int:
    """Write each one-story document of ``docs`` to ``stream`` as one line (:func:`story_line`), taking the next
    document only once the line is written; return the number of lines."""
    count = 0
    for doc in docs:
        stream.write(json.dumps(story_line(doc), ensure_ascii=False) + "\n")
        count += 1
        if step is not None:
            step(1)
    return count


def write_jsonl_file(docs: Iterable[dict[str, Any]], out: Path, step: Callable[[int], None] | None = None
                     ) -> tuple[Path, int]:
    """:func:`write_jsonl` to out/stories.jsonl (written beside it and moved into place when whole, so a killed
    run never leaves half a file under that name); return the path and the number of stories."""
    out.mkdir(parents=True, exist_ok=True)
    path = out / JSONL_NAME
    partial = out / f".{JSONL_NAME}.partial"
    with partial.open("w", encoding="utf-8") as stream:
        count = write_jsonl(docs, stream, step)
    os.replace(partial, path)
    return path, count
