"""A report written to a folder: one ``report.json``, ``report.md`` and ``report.html`` for a small run, or,
for a big one, one set of files per story and an index, each story written before the next is read.

    out/report.json  report.md  report.html                 (at most ``report.per_story_above`` stories)
    out/index.json   index.md   index.html                  (more: the stories listed, with their files)
    out/stories/<story id>.json  .md  .html                 (each a newsweave/1 document of one story)

A story's document holds the story and its articles; the index holds what a listing needs (id, title, article
ids, outlets, counts of facts by status, entities and quotes, the story's files relative to the folder), the
problems of the run and the settings. Nothing here holds more than one story's document at a time.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any, ClassVar

from ..config import param
from ..model import Problem, Report
from .html import _env, render_html
from .json import FORMAT, report_to_dict
from .markdown import render_markdown

__all__ = ["INDEX_FORMAT", "Written", "ReportConfig", "render_index_html", "render_index_markdown",
           "write_per_story", "write_report"]

#: The ``format`` of index.json: the stories of a report written one file per story.
INDEX_FORMAT = "newsweave/1-index"

_RENDERERS: dict[str, Callable[[dict[str, Any]], str]] = {
    "json": lambda d: json.dumps(d, ensure_ascii=False, indent=2),
    "md": render_markdown,
    "html": render_html,
}
_UNSAFE = re.compile(r"[^A-Za-z0-9._-]")


@dataclass(frozen=True, slots=True)
class ReportConfig:
    """How a report is written to files."""

    SECTION: ClassVar[str] = "report"
    per_story_above: int = param(100, "With more stories than this, --out writes one set of files per story "
                                      "(stories/ID.json, .md, .html) and an index (index.json, .md, .html), each story "
                                      "written before the next, instead of one report.json, .md and .html.", low=0)


@dataclass(frozen=True, slots=True)
class Written:
    """What was written: every file, and the index document (None for a single report)."""

    paths: tuple[Path, ...]
    index: dict[str, Any] | None = None


def write_report(doc: dict[str, Any], out: Path, step: Callable[[int], None] | None = None) -> Written:
    """The whole report ``doc`` (newsweave/1) as out/report.json, report.md and report.html."""
    out.mkdir(parents=True, exist_ok=True)
    paths = []
    for kind, render in _RENDERERS.items():
        path = out / f"report.{kind}"
        path.write_text(render(doc), encoding="utf-8")
        paths.append(path)
        if step is not None:
            step(1)
    return Written(tuple(paths))


def _entry(doc: dict[str, Any], files: dict[str, str]) -> dict[str, Any]:
    """One story of the index, from the story's own document."""
    story = doc["stories"][0]
    statuses = [f["status"] for f in story["facts"]]
    return {
        "id": story["id"], "title": story["title"], "articles": story["articles"], "outlets": story["outlets"],
        "sources": story["sources"],
        "facts": {k: statuses.count(k) for k in ("corroborated", "partly corroborated", "unique", "conflicting")},
        "entities": len(story["entities"]), "quotes": len(story["quotes"]),
        "removed": sum(len(a["removed"]) for a in doc["articles"]), "files": files,
    }


def write_per_story(reports: Iterable[Report], out: Path | None, *, articles: int, problems: Sequence[Problem] = (),
                    settings: Sequence[tuple[str, Any]] = (), step: Callable[[int], None] | None = None) -> Written:
    """Each report of ``reports`` (one story and its articles, read as this goes) as out/stories/<id>.json,
    .md and .html, written before the next is read; then out/index.json, index.md and index.html listing
    them. ``articles`` is the number of articles the run covers, ``problems`` and ``settings`` the run's. With
    no ``out``, nothing is written: the index is returned, its stories with no files."""
    paths: list[Path] = []
    entries = []
    for report in reports:
        doc = report_to_dict(report)
        name = _UNSAFE.sub("_", doc["stories"][0]["id"])
        files = {}
        for kind, render in _RENDERERS.items():
            if out is None:
                break
            path = out / "stories" / f"{name}.{kind}"
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(render(doc), encoding="utf-8")
            paths.append(path)
            files[kind] = f"stories/{name}.{kind}"
        entries.append(_entry(doc, files))
        del doc
        if step is not None:
            step(1)
    index = {"format": INDEX_FORMAT, "report_format": FORMAT, "articles": articles, "stories": entries,
             "problems": [{"input": p.input, "error": p.error, "stage": p.stage} for p in problems],
             "settings": {"changed": dict(settings)}}
    if out is None:
        return Written((), index)
    for name, text in (("index.json", json.dumps(index, ensure_ascii=False, indent=2)),
                       ("index.md", render_index_markdown(index)), ("index.html", render_index_html(index))):
        (out / name).write_text(text, encoding="utf-8")
        paths.append(out / name)
    return Written(tuple(paths), index)


def render_index_markdown(index: dict[str, Any]) -> str:
    """The index as Markdown: one line per story, with its file."""
    from .markdown import _esc

    out = ["# newsweave report", "", f"{index['articles']} articles, {len(index['stories'])} stories, one file each.",
           ""]
    for s in index["stories"]:
        facts = ", ".join(f"{v} {k}" for k, v in s["facts"].items() if v) or "no facts"
        out.append(f"- [{_esc(s['title'])}]({s['files']['md']}) — {len(s['articles'])} articles from "
                   f"{_esc(', '.join(s['outlets']))}; {facts}")
    if index["problems"]:
        out += ["", "## Problems", ""] + [f"- {_esc(p['input'])}: {_esc(p['error'])}" for p in index["problems"]]
    return "\n".join(out) + "\n"


def render_index_html(index: dict[str, Any]) -> str:
    """The index as an HTML page linking each story's page (autoescaped)."""
    return _env().get_template("index.html").render(index=index)
