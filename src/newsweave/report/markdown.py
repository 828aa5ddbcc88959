"""The report as Markdown, for reading in a terminal or pasting into notes. Article text is escaped so
that it cannot add links, images or HTML to whatever renders the Markdown."""

from __future__ import annotations

import re
from typing import Any

from .json import sources_phrase

__all__ = ["render_markdown"]

# Everything that can start markup inside a line (links, images, emphasis, code, HTML, tables). "-" and "+"
# only matter at the start of a line, and every escaped string here follows a prefix of ours.
_SPECIAL = re.compile(r"([\\`*_\[\]()#!|<>])")


def _esc(text: str | None) -> str:
    return _SPECIAL.sub(r"\\\1", (text or "").replace("\n", " "))


def _cite(support: list[dict[str, Any]], names: dict[str, str]) -> str:
    return "; ".join(f"{names[s['article']]} {s['start']}-{s['end']}" for s in support)


def render_markdown(doc: dict[str, Any]) -> str:
    """The newsweave/1 document as Markdown: each story's brief, facts, quotes, entities and timeline."""
    names = {a["id"]: a["outlet"] or a["input"] for a in doc["articles"]}
    out = ["# newsweave report", ""]
    out.append(f"{len(doc['articles'])} articles, {len(doc['stories'])} stories.")
    for story in doc["stories"]:
        out += ["", f"## {_esc(story['title'])}", "", f"Outlets: {_esc(', '.join(story['outlets']))}",
                "", sources_phrase(story), ""]
        out += ["### Brief", ""]
        out += [f"- {_esc(b['sentence'])} ({b.get('status', 'unique')}, {b.get('sources', 1)} source(s)) "
                f"[{_esc(_cite(b['support'], names))}]" for b in story["brief"]]
        facts = story["facts"]
        counts = {k: sum(f["status"] == k for f in facts) for k in ("corroborated", "unique", "conflicting")}
        out += ["", "### Facts", "", ", ".join(f"{v} {k}" for k, v in counts.items()), ""]
        for f in facts:
            if f["status"] != "unique":
                why = "; ".join(c["why"] for c in f["conflicts"])
                out.append(f"- **{f['status']}** ({f['sources']} independent sources) {_esc(f['text'])} {_esc(why)}")
        out += ["", "### Entities", ""]
        for e in story["entities"][:25]:
            spell = "; ".join(f"{o}: {', '.join(n)}" for o, n in e["spellings"].items())
            out.append(f"- {_esc(e['name'])} ({e['type']}, {len(e['mentions'])} mentions) — {_esc(spell)}")
        out += ["", "### Quotes", ""]
        for q in story["quotes"]:
            out.append(f"- [{q['family']}] {_esc(q['speaker_text'] or 'unknown')}: “{_esc(q['text'])}” ({q['kind']})")
        out += ["", "### Timeline", ""]
        out += [f"- {t['date']}: {_esc(t['text'])} [{_esc(_cite(t['support'], names))}]" for t in story["timeline"]]
    if doc["problems"]:
        out += ["", "## Problems", ""] + [f"- {_esc(p['input'])}: {_esc(p['error'])}" for p in doc["problems"]]
    out += ["", "## Removed page debris", ""]
    for a in doc["articles"]:
        out += [f"- {_esc(names[a['id']])}: “{_esc(r['text'])}” — {_esc(r['reason'])}" for r in a["removed"]]
    return "\n".join(out) + "\n"
