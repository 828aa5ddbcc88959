"""How the model is laid out in rows, shared by every backend so they store exactly the same values."""

from __future__ import annotations

import json
import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta

from ..codec import encode
from ..model import Article, OutletProfile, Problem, Span, Story

__all__ = ["ArticleMarks", "article_done", "article_marks_of", "article_row", "correction_data", "date_reach",
           "marks_rows", "member_rows", "now", "outlet_row", "problem_row", "storable", "story_data"]

@dataclass(frozen=True, slots=True)
class ArticleMarks:
    """What a store tells of an article without decoding it: its language, publication date (as stored) and
    ``Article.done``, the marks of the stages that analysed it."""

    language: str | None
    published: str | None
    done: frozenset[str]


_SURROGATE = re.compile("[\ud800-\udfff]")


def storable(text: str | None) -> str | None:
    """``text`` as valid Unicode (lone surrogates, from a bad file name or JSON escape, become U+FFFD), so
    a write never fails on a label it only records."""
    return _SURROGATE.sub("\ufffd", text) if text else text


def problem_row(problem: Problem) -> tuple[str, str, str | None, str]:
    """(input, error, stage, at): a ``problems`` row."""
    return (storable(problem.input) or "", storable(problem.error) or "", problem.stage, now())


def now() -> str:
    """The time of a write, as stored (UTC, ISO 8601, seconds)."""
    return datetime.now(UTC).isoformat(timespec="seconds")


def article_row(article: Article) -> tuple[str, str, str | None, str | None, str | None, str | None, str]:
    """(id, input, outlet, published, title, language, data): the ``articles`` columns but ``added``."""
    data = json.dumps(encode(article), sort_keys=True)
    return (
        article.id,
        article.input,
        article.outlet.value if article.outlet else None,
        article.published.value if article.published else None,
        article.title,
        article.language,
        data,
    )


def article_done(article: Article) -> str:
    """The ``done`` column of an article: its ``Article.done`` as a sorted JSON list, kept beside ``data`` so that
    ``article_marks`` never reads the article itself."""
    return json.dumps(sorted(article.done))


def article_marks_of(rows: Iterable[tuple[str, str | None, str | None, str | None]]) -> dict[str, ArticleMarks]:
    """(id, language, published, done column) rows as ``article_marks`` returns them; each distinct ``done`` text
    is parsed once (most articles of a store were analysed by the same stages)."""
    parsed: dict[str | None, frozenset[str]] = {}
    found = {}
    for aid, language, published, done in rows:
        if done not in parsed:
            parsed[done] = frozenset(json.loads(done or "[]"))
        found[aid] = ArticleMarks(language, published, parsed[done])
    return found


def story_data(story: Story) -> str:
    return json.dumps(encode(story), sort_keys=True)


def correction_data(articles: Sequence[Sequence[str]], spans: Sequence[Sequence[Span]], name: str = "") -> str:
    """The ``data`` column of a correction (read back with ``search.correction``)."""
    value = {"articles": [list(g) for g in articles], "spans": [[x.to_dict() for x in g] for g in spans]}
    return json.dumps({**value, "name": name} if name else value, sort_keys=True)


def outlet_row(profile: OutletProfile) -> tuple[str, str, str, str]:
    """(key, name, data, updated): an ``outlets`` row, keyed by the name as it is matched."""
    return (profile.key, storable(profile.name) or "", json.dumps(encode(profile), sort_keys=True), now())


def marks_rows(marks: Mapping[str, Iterable[str]] | None) -> list[tuple[str, str]]:
    """(story id, marks as a sorted JSON list): ``story_marks`` rows."""
    return [(sid, json.dumps(sorted(set(m)))) for sid, m in sorted((marks or {}).items())]


def date_reach(first: str, last: str, days: int) -> tuple[str, str]:
    """(lowest, above): a story with an article published on or after ``lowest`` and a first one before ``above``
    (ISO dates, compared as text) has an article within ``days`` days of the ISO dates ``first`` to ``last``."""
    low = date.fromisoformat(first[:10]) - timedelta(days=days)
    high = date.fromisoformat(last[:10]) + timedelta(days=days + 1)
    return low.isoformat(), high.isoformat()


def member_rows(rows: Iterable[tuple[str, str | None]]) -> list[tuple[str, tuple[str, ...]]]:
    """(story id, article id) rows, a story's rows together, as (story id, its article ids) in the rows' order."""
    found: dict[str, list[str]] = {}
    for sid, aid in rows:
        members = found.setdefault(sid, [])
        if aid is not None:
            members.append(aid)
    return [(sid, tuple(members)) for sid, members in found.items()]
