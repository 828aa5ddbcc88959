"""What a story shows a reader, computed once from its ``newsweave/1`` dict: quote families with their word
diffs (from the library's :class:`~newsweave.model.QuoteDiff`, never recomputed), the timeline chart's
geometry and the count of facts by status. :func:`~newsweave.report.json.report_to_dict` puts these into
every story, so ``newsweave analyze --json``, ``/stories/ID.json`` and the story page carry the same data.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any
from urllib.parse import urlsplit

__all__ = ["PANELS", "STATUSES", "Panel", "diff_runs", "families", "safe_url", "status_counts", "story_page",
           "timeline_chart"]

STATUSES = ("corroborated", "partly corroborated", "unique", "conflicting")


@dataclass(frozen=True, slots=True)
class Panel:
    """One section of a story page: its template is ``report/templates/panels/NAME.html``; ``title`` and
    ``anchor`` put it in the page's table of contents (no title: not listed)."""

    name: str
    title: str = ""
    anchor: str = ""


#: The story page's sections, in order; the served page and the static HTML report both render these.
#: A new panel is one template in panels/ plus one entry here.
PANELS: tuple[Panel, ...] = (
    Panel("corrections"),
    Panel("brief", "Brief", "brief"),
    Panel("facts", "Facts", "facts"),
    Panel("quotes", "Quotes", "quotes"),
    Panel("entities", "Entities", "entities"),
    Panel("timeline", "Timeline", "timeline"),
    Panel("reports", "Outlets", "outlets"),
)


def safe_url(url: object) -> str | None:
    """``url`` when it is an http(s) address, else None: javascript:, data: and others never become links."""
    if not isinstance(url, str):
        return None
    parts = urlsplit(url.strip())
    return url.strip() if parts.scheme.lower() in ("http", "https") and parts.netloc else None


def story_page(doc: dict[str, Any], story: dict[str, Any]) -> dict[str, Any]:
    """What the panels render for one story of a newsweave/1 document: the story as it is and lookups
    into the document (outlet names, texts, the story's articles in order). Nothing is computed here
    that the document does not already say."""
    by_id = {a["id"]: a for a in doc["articles"]}
    articles = [by_id[a] for a in story["articles"] if a in by_id]
    corrections = story.get("corrections", [])
    return {
        "story": story,
        "names": {a["id"]: a["outlet"] or a["input"] for a in doc["articles"]},
        "texts": {a["id"]: a["text"] for a in articles},
        "articles": [{**a, "link": safe_url(a["url"])} for a in articles],
        "status_counts": story["status_counts"],
        "families": story["families"],
        "entities": sorted(story["entities"], key=lambda e: (-len(e["mentions"]), e["name"])),
        "chart": story["chart"],
        "corrected": {kind: {i for c in corrections for i in c.get("applies_to", {}).get(kind, [])}
                      for kind in ("entities", "quotes", "articles")},
        "panels": PANELS,
    }


def diff_runs(a: str, b: str, ops: list[dict[str, Any]]) -> list[tuple[str, str]]:
    """Quote ``b`` against quote ``a`` as ("same" | "gone" | "new", text) runs, from the diff's ops."""
    runs: list[tuple[str, str]] = []
    for op in ops:
        (a0, a1), (b0, b1) = op["a"], op["b"]
        if op["op"] == "equal":
            runs.append(("same", b[b0:b1]))
            continue
        if a1 > a0:
            runs.append(("gone", a[a0:a1]))
        if b1 > b0:
            runs.append(("new", b[b0:b1]))
    return runs


def families(story: dict[str, Any], names: dict[str, str]) -> list[dict[str, Any]]:
    """Each quote family with its members (the fullest rendering first, the others with a word diff
    against it and the outlet that printed them), largest first; quotes in no family stand alone."""
    quotes = {q["id"]: q for q in story["quotes"]}
    out, placed = [], set()
    for family in story["quote_families"]:
        diffs = {d["b"]: d for d in family["diffs"]}
        head = next((d["a"] for d in family["diffs"]), family["quotes"][0])
        order = [head, *(q for q in family["quotes"] if q != head)]
        rows = []
        for qid in order:
            q, d = quotes[qid], diffs.get(qid)
            diff = diff_runs(quotes[d["a"]]["text"], q["text"], d["ops"]) if d else None
            rows.append({**q, "outlet": names.get(q["span"]["article"], q["span"]["article"]), "diff": diff})
        placed.update(order)
        out.append({"id": family["id"], "match": family["match"], "sources": family.get("sources", 1),
                    "quotes": rows})
    for q in story["quotes"]:
        if q["id"] not in placed:
            out.append({"id": q["id"], "match": "single", "sources": 1, "quotes": [
                {**q, "outlet": names.get(q["span"]["article"], q["span"]["article"]), "diff": None}]})
    return sorted(out, key=lambda f: -len(f["quotes"]))


def status_counts(story: dict[str, Any]) -> dict[str, int]:
    statuses = [f["status"] for f in story["facts"]]
    return {s: statuses.count(s) for s in STATUSES}


def _day(value: str) -> date | None:
    parts = value.split("-")
    try:
        numbers = [int(p) for p in parts[:3]] + [1] * (3 - len(parts[:3]))
        return date(numbers[0], numbers[1], numbers[2])
    except (ValueError, IndexError):
        return None


def timeline_chart(entries: list[dict[str, Any]], width: int = 800, lanes: int = 3) -> dict[str, Any]:
    """Where to draw each timeline entry on a horizontal axis (numbers only; a template draws)."""
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
