"""Templates and the small computations pages need: word diffs of quotes, the timeline chart's geometry,
and links that are only ever http(s). Jinja2 escapes everything; nothing here marks text as safe."""

from __future__ import annotations

import difflib
from datetime import date
from functools import cache
from typing import Any
from urllib.parse import urlsplit

from jinja2 import Environment, PackageLoader, select_autoescape

__all__ = ["render_page", "safe_url", "timeline_chart", "word_diff"]


@cache
def _env() -> Environment:
    env = Environment(
        loader=PackageLoader("newsweave.serve", "templates"),
        autoescape=select_autoescape(default=True, default_for_string=True),
        trim_blocks=True,
        lstrip_blocks=True,
    )
    env.filters["safe_url"] = safe_url
    return env


def render_page(name: str, context: dict[str, Any]) -> str:
    return _env().get_template(name).render(**context)


def safe_url(url: object) -> str | None:
    """``url`` when it is an http(s) address, else None: javascript:, data: and others never become links."""
    if not isinstance(url, str):
        return None
    parts = urlsplit(url.strip())
    return url.strip() if parts.scheme.lower() in ("http", "https") and parts.netloc else None


def word_diff(base: str, other: str) -> list[tuple[str, str]]:
    """``other`` against ``base`` word by word: ("same" | "gone" | "new", words) runs."""
    a, b = base.split(), other.split()
    runs: list[tuple[str, str]] = []
    for op, i1, i2, j1, j2 in difflib.SequenceMatcher(None, a, b, autojunk=False).get_opcodes():
        if op == "equal":
            runs.append(("same", " ".join(a[i1:i2])))
            continue
        if i2 > i1:
            runs.append(("gone", " ".join(a[i1:i2])))
        if j2 > j1:
            runs.append(("new", " ".join(b[j1:j2])))
    return runs


def _day(value: str) -> date | None:
    parts = value.split("-")
    try:
        numbers = [int(p) for p in parts[:3]] + [1] * (3 - len(parts[:3]))
        return date(numbers[0], numbers[1], numbers[2])
    except (ValueError, IndexError):
        return None


def timeline_chart(entries: list[dict[str, Any]], width: int = 800, lanes: int = 3) -> dict[str, Any]:
    """Where to draw each timeline entry on a horizontal axis (numbers only; the template draws)."""
    dated = [(i, _day(e["date"])) for i, e in enumerate(entries)]
    known = [d for _, d in dated if d is not None]
    if not known:
        return {"width": width, "height": 0, "points": [], "ticks": []}
    low, high = min(known).toordinal(), max(known).toordinal()
    span = max(high - low, 1)
    margin = 40

    def x(d: date) -> float:
        return round(margin + (d.toordinal() - low) / span * (width - 2 * margin), 1)

    points = [
        {
            "n": i + 1,
            "x": x(d) if high > low else width / 2,
            "y": 30 + (k % lanes) * 24,
            "date": entries[i]["date"],
            "text": entries[i]["text"],
        }
        for k, (i, d) in enumerate((i, d) for i, d in dated if d is not None)
    ]
    ticks = sorted({min(known), max(known)})
    return {
        "width": width,
        "height": 40 + lanes * 24 + 20,
        "axis": 30 + lanes * 24,
        "points": points,
        "ticks": [{"x": x(t) if high > low else width / 2, "label": t.isoformat()} for t in ticks],
    }
