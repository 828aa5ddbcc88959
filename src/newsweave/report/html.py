"""The report as one self-contained HTML page. Article text is untrusted: every string from an article
goes through ``html.escape``, article texts are written as plain text nodes, and a Content Security
Policy allows no script but the page's own (pinned by its hash), so nothing in an article can run."""

from __future__ import annotations

import base64
import hashlib
from html import escape
from typing import Any

from .json import sources_phrase

__all__ = ["render_html"]

_SCRIPT = """
document.addEventListener('click', function (event) {
  var link = event.target.closest('a.cite');
  if (!link) return;
  event.preventDefault();
  document.querySelectorAll('mark.hit').forEach(function (m) {
    m.replaceWith(document.createTextNode(m.textContent)); });
  document.querySelectorAll('pre.text').forEach(function (p) { p.normalize(); });
  var pre = document.getElementById('text-' + link.dataset.article);
  if (!pre || !pre.firstChild) return;
  var range = document.createRange();
  range.setStart(pre.firstChild, Number(link.dataset.start));
  range.setEnd(pre.firstChild, Number(link.dataset.end));
  var mark = document.createElement('mark');
  mark.className = 'hit';
  range.surroundContents(mark);
  mark.scrollIntoView({block: 'center'});
});
"""
_STYLE = """
body{font:16px/1.5 system-ui,sans-serif;margin:0 auto;max-width:70rem;padding:1rem;color:#222}
.cols{display:grid;grid-template-columns:repeat(auto-fit,minmax(20rem,1fr));gap:1rem}
pre.text{white-space:pre-wrap;font:inherit;background:#fafafa;padding:.5rem;border:1px solid #ddd}
.corroborated{border-left:4px solid #2a7}.unique{border-left:4px solid #999}.conflicting{border-left:4px solid #d33}
li{margin:.3rem 0;padding-left:.4rem}mark.hit{background:#fd5}a.cite{font-size:.8em}
table{border-collapse:collapse}td,th{border-bottom:1px solid #ddd;padding:.2rem .5rem;text-align:left}
"""


def _hash(script: str) -> str:
    return base64.b64encode(hashlib.sha256(script.encode()).digest()).decode()


def _cites(support: list[dict[str, Any]], names: dict[str, str]) -> str:
    return " ".join(
        f'<a class="cite" href="#text-{escape(s["article"])}" data-article="{escape(s["article"])}" '
        f'data-start="{int(s["start"])}" data-end="{int(s["end"])}">[{escape(names[s["article"]])}]</a>'
        for s in support
    )


def _said(entry: dict[str, Any]) -> str:
    """How far a brief sentence is carried: by how many independent sources, or disputed."""
    status, sources = entry.get("status", "unique"), int(entry.get("sources", 1))
    if status == "conflicting":
        return "sources disagree"
    return f"{sources} independent sources" if sources > 1 else "one source only"


def _story(story: dict[str, Any], names: dict[str, str]) -> str:
    parts = [f'<section><h2>{escape(story["title"])}</h2>',
             f'<p>Outlets: {escape(", ".join(story["outlets"]))}</p>',
             f"<p>{escape(sources_phrase(story))}</p><h3>Brief</h3><ol>"]
    parts += [f"<li class=\"{escape(b.get('status', 'unique'))}\">{escape(b['sentence'])} "
              f"<small>({escape(_said(b))})</small> {_cites(b['support'], names)}</li>" for b in story["brief"]]
    parts.append("</ol><h3>Facts</h3><ul>")
    for f in story["facts"]:
        why = "".join(f"<br><small>{escape(c['why'])}</small>" for c in f["conflicts"])
        parts.append(f'<li class="{escape(f["status"])}"><b>{escape(f["status"])}</b> '
                     f'({int(f["sources"])}) {escape(f["text"])} {_cites(f["support"], names)}{why}</li>')
    parts.append("</ul><h3>Quotes</h3><ul>")
    for q in story["quotes"]:
        parts.append(f"<li><small>{escape(q['family'] or '')}</small> <b>{escape(q['speaker_text'] or '?')}</b>"
                     f" ({escape(q['kind'])}): “{escape(q['text'])}” {_cites([q['span']], names)}</li>")
    parts.append("</ul><h3>Entities</h3><table><tr><th>Entity</th><th>Spellings by outlet</th><th>Why merged</th></tr>")
    for e in story["entities"]:
        if len(e["mentions"]) < 2:
            continue
        spell = "<br>".join(f"{escape(o)}: {escape(', '.join(n))}" for o, n in e["spellings"].items())
        parts.append(f"<tr><td>{escape(e['name'])} <small>{escape(e['type'])}</small></td><td>{spell}</td>"
                     f"<td><small>{'<br>'.join(escape(w) for w in e['why'])}</small></td></tr>")
    parts.append("</table><h3>Timeline</h3><ul>")
    parts += [f"<li><b>{escape(t['date'])}</b> {escape(t['text'])} {_cites(t['support'], names)}</li>"
              for t in story["timeline"]]
    parts.append("</ul></section>")
    return "\n".join(parts)


def _article(a: dict[str, Any]) -> str:
    removed = "".join(f"<li>“{escape(r['text'])}” — {escape(r['reason'])}</li>" for r in a["removed"])
    return (f'<article><h3>{escape(a["outlet"] or a["input"])}: {escape(a["title"] or "")}</h3>'
            f'<p><small>published {escape(a["published"] or "unknown")} '
            f'({escape(a["published_source"] or "no source")})</small></p>'
            f'<pre class="text" id="text-{escape(a["id"])}">{escape(a["text"])}</pre>'
            f"<details><summary>Removed page debris ({len(a['removed'])})</summary><ul>{removed}</ul></details>"
            "</article>")


def render_html(doc: dict[str, Any]) -> str:
    """The newsweave/1 document as one self-contained HTML page (all article text escaped, no script)."""
    names = {a["id"]: a["outlet"] or a["input"] for a in doc["articles"]}
    csp = f"default-src 'none'; style-src 'unsafe-inline'; script-src 'sha256-{_hash(_SCRIPT)}'"
    problems = "".join(f"<li>{escape(p['input'])}: {escape(p['error'])}</li>" for p in doc["problems"])
    return "\n".join([
        "<!doctype html>", '<html lang="en"><head><meta charset="utf-8">',
        f'<meta http-equiv="Content-Security-Policy" content="{csp}">',
        '<meta name="viewport" content="width=device-width, initial-scale=1">',
        f"<title>newsweave report</title><style>{_STYLE}</style></head><body>",
        f"<h1>newsweave report</h1><p>{len(doc['articles'])} articles, {len(doc['stories'])} stories.</p>",
        *(_story(s, names) for s in doc["stories"]),
        f"<h2>Articles</h2><div class=\"cols\">{''.join(_article(a) for a in doc['articles'])}</div>",
        f"<h2>Problems</h2><ul>{problems}</ul>" if problems else "",
        f"<script>{_SCRIPT}</script></body></html>",
    ])
