"""What a story shows a reader, computed once from its ``newsweave/1`` dict: quote families with their word
diffs (from the library's :class:`~newsweave.model.QuoteDiff`, never recomputed), the timeline chart's
geometry and the count of facts by status. :func:`~newsweave.report.json.report_to_dict` puts these into
every story, so ``newsweave analyze --json``, ``/stories/ID.json`` and the story page carry the same data.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass
from datetime import date
from typing import Any
from urllib.parse import urlsplit

__all__ = ["FILTERS", "PANELS", "STATUSES", "Panel", "diff_runs", "families", "human_date", "kind_word", "safe_url",
           "status_counts", "story_page", "timeline_chart"]

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
    Panel("coverage", "Coverage", "coverage"),
    Panel("why", "Why one story", "why"),
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
    into the document (each report's label, texts, the story's articles ordered by outlet then time).
    Nothing is computed here that the document does not already say."""
    by_id = {a["id"]: a for a in doc["articles"]}
    articles = sorted((by_id[a] for a in story["articles"] if a in by_id),
                      key=lambda a: ((a["outlet"] or a["input"]).casefold(), a["published"] or "", a["id"]))
    corrections = story.get("corrections", [])
    labels = report_labels(doc["articles"])
    return {
        "story": story,
        "names": labels,
        "titles": {a["id"]: a["title"] or "" for a in doc["articles"]},
        "outlets": {a["id"]: a["outlet"] or a["input"] for a in doc["articles"]},
        "dates": {a["id"]: a["published"] for a in doc["articles"]},
        "why": [_named(w, labels) for w in story.get("why", [])],
        "texts": {a["id"]: a["text"] for a in articles},
        "articles": [{**a, "link": safe_url(a["url"]), "label": labels[a["id"]]} for a in articles],
        "status_counts": story["status_counts"],
        "families": story["families"],
        "entities": sorted(story["entities"], key=lambda e: (-len(e["mentions"]), e["name"])),
        "chart": story["chart"],
        "years_apart": years_apart([a["published"] for a in articles]),
        "corrected": {kind: {i for c in corrections for i in c.get("applies_to", {}).get(kind, [])}
                      for kind in ("entities", "quotes", "articles", "facts")},
        "panels": PANELS,
        "empty": empty_panels(story),
    }


def empty_panels(story: dict[str, Any]) -> set[str]:
    """The panels that would have nothing under their heading for this story (they are not drawn)."""
    holds = {"brief": story["brief"], "facts": story["facts"], "quotes": story["quotes"],
             "entities": story["entities"], "timeline": story["timeline"],
             "coverage": story.get("coverage")}  # only where outlet profiles were read (the served page)
    return {name for name, items in holds.items() if not items}


def _named(text: str, labels: dict[str, str]) -> str:
    """A grouping reason with report ids replaced by the reports' labels ('most central: CNN')."""
    for aid in sorted(labels, key=len, reverse=True):
        if aid in text:
            text = text.replace(aid, labels[aid])
    return text.replace("most central: ", "the report most like the others: ", 1)


_MONTHS = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")


def human_date(value: object) -> str:
    """An ISO date or time as people write it: '2023-09-15' -> '15 Sep 2023', '2023-09' -> 'Sep 2023',
    '2024-03-26T17:30:00+00:00' -> '26 Mar 2024, 17:30'; anything else as it is."""
    if not isinstance(value, str) or not value:
        return "date unknown"
    day, _, clock = value.partition("T")
    parts = day.split("-")
    try:
        numbers = [int(p) for p in parts]
        if len(numbers) == 1:
            return str(numbers[0])
        month = _MONTHS[numbers[1] - 1]
    except (ValueError, IndexError):
        return value
    said = f"{month} {numbers[0]}" if len(numbers) == 2 else f"{numbers[2]} {month} {numbers[0]}"
    return f"{said}, {clock[:5]}" if clock[:5].count(":") == 1 else said


def report_labels(articles: list[dict[str, Any]]) -> dict[str, str]:
    """Each report's label: its outlet, and its date (and time, then a number) when the outlet has more
    than one report, so that two reports of one outlet can be told apart."""
    outlet = {a["id"]: a["outlet"] or a["input"] for a in articles}
    per_outlet = Counter(outlet.values())
    labels = {i: o if per_outlet[o] == 1 else f"{o}, {human_date(a['published'])}"
              for (i, o), a in zip(outlet.items(), articles, strict=True)}
    seen: Counter[str] = Counter()
    repeated = Counter(labels.values())
    for i in labels:
        if repeated[labels[i]] > 1:
            seen[labels[i]] += 1
            labels[i] = f"{labels[i]} (report {seen[labels[i]]})"
    return labels


def years_apart(published: list[str | None]) -> int:
    """How many whole years lie between the earliest and the latest report (0 when they are close)."""
    days = [d for d in (_day((p or "").partition("T")[0]) for p in published) if d is not None]
    return (max(days) - min(days)).days // 365 if days else 0


_KINDS = {"PERSON": "person", "GPE": "place", "LOC": "place", "FAC": "building or site", "NORP": "group of people",
          "ORG": "organisation", "PRODUCT": "product", "EVENT": "event", "WORK_OF_ART": "work", "LAW": "law",
          "LANGUAGE": "language"}


def kind_word(value: object) -> str:
    """An entity type in words people use ('GPE' -> 'place')."""
    return _KINDS.get(str(value), str(value).replace("_", " ").lower())


_WHY = (("same name: ", "Same name: "), ("short form: ", "Short form: "), ("acronym: ", "Abbreviation: "),
        ("same article: ", "Refers back: "))


def why_words(value: object) -> str:
    """An entity's reason in plain words: no rule tags, '(x5)' as '(5 times)'."""
    text = str(value)
    for tag, said in _WHY:
        if text.startswith(tag):
            text = said + text[len(tag):]
    text = re.sub(r" \(x(\d+)\)", r" (\1 times)", text)
    return _ISO.sub(lambda m: human_date(m.group(0)), text)


_ISO = re.compile(r"\b\d{4}-\d{2}-\d{2}(?:T\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?:Z|[+-]\d{2}:?\d{2})?)?\b"
                  r"|(?<== )\d{4}-\d{2}\b")


def plural(n: int, one: str, many: str | None = None) -> str:
    """'1 article', '2 articles'."""
    return f"{n} {one if n == 1 else (many or one + 's')}"


def correction_words(c: dict[str, Any]) -> str:
    """What a person's correction changed, in words ('Merged 2 stories (3 reports) on 26 Mar 2024')."""
    groups, spans = c.get("articles") or [], c.get("spans") or []
    reports = sum(len(g) for g in groups)
    said = {
        "merge_stories": f"Merged {plural(len(groups), 'story', 'stories')} ({plural(reports, 'report')}) into one",
        "split_story": f"Moved {plural(reports, 'report')} to a story of their own",
        "merge_entities": f"Said {len(spans)} entities are one",
        "split_entity": f"Split spellings off an entity into a new one, {c['name']}" if c.get("name")
        else "Split spellings off an entity into another one",
        "same_quote": "Said two quotes are the same utterance",
        "different_quote": "Said two quotes are different utterances",
        "reject_fact": "Said some reports do not state a fact",
        "accept_fact": "Confirmed a fact as the engine has it",
    }.get(str(c.get("kind")), str(c.get("kind")).replace("_", " "))
    when = f" on {human_date(c['at'])}" if c.get("at") else ""
    return f"{said}{when}"


#: Filters both template environments (served pages and the static report) register.
FILTERS = {"human_date": human_date, "kind_word": kind_word, "why_words": why_words, "plural": plural,
           "correction_words": correction_words}


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


def timeline_chart(entries: list[dict[str, Any]], width: int = 800, lanes: int = 3, min_gap: float = 11.0
                   ) -> dict[str, Any]:
    """Where to draw each timeline entry (numbers only; a template draws): ``groups`` (entries of one
    date, in date order, undated last) and ``clusters`` (overview markers at ``x`` percent, at least
    ``min_gap`` percent of the width apart, so none overlaps even on a phone; markers closer than that are
    drawn as one with their count); ``points`` and ``ticks`` are the older SVG geometry."""
    dated = [(i, _day(e["date"])) for i, e in enumerate(entries)]
    known = [d for _, d in dated if d is not None]
    chart: dict[str, Any] = {"width": width, "height": 0, "points": [], "ticks": [], "groups": [], "clusters": []}
    if not known:
        if entries:
            chart["groups"] = [{"n": 1, "date": "", "label": "date unclear", "x": 0.0,
                                "entries": list(range(len(entries)))}]
        return chart
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
    groups = _groups(entries, dated, low, span)
    return {
        **chart,
        "height": 40 + lanes * 24 + 20,
        "axis": 30 + lanes * 24,
        "points": points,
        "ticks": [{"x": x(t) if high > low else width / 2, "label": t.isoformat()} for t in ticks],
        "groups": groups,
        "clusters": _clusters([g for g in groups if g["date"]], min_gap),
    }


def _groups(entries: list[dict[str, Any]], dated: list[tuple[int, date | None]], low: int, span: int
            ) -> list[dict[str, Any]]:
    by_date: dict[str, list[int]] = {}
    for i, d in sorted(dated, key=lambda p: (p[1] is None, p[1] or date.min, entries[p[0]]["date"])):
        by_date.setdefault(entries[i]["date"] if d is not None else "", []).append(i)
    out = []
    for n, (value, members) in enumerate(by_date.items(), start=1):
        d = _day(value) if value else None
        where = round((d.toordinal() - low) / span * 100, 1) if d is not None and span else 0.0
        out.append({"n": n, "date": value, "label": human_date(value) if value else "date unclear", "x": where,
                    "entries": members})
    return out


def _clusters(groups: list[dict[str, Any]], min_gap: float) -> list[dict[str, Any]]:
    clusters: list[dict[str, Any]] = []
    for g in groups:
        if clusters and g["x"] - clusters[-1]["x"] < min_gap:
            last = clusters[-1]
            last["groups"].append(g["n"])
            last["count"] += len(g["entries"])
            last["label"] = f"{last['first']} to {g['label']}"
        else:
            clusters.append({"x": g["x"], "groups": [g["n"]], "count": len(g["entries"]), "label": g["label"],
                             "first": g["label"]})
    return clusters
