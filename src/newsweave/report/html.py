"""The report as one self-contained HTML page. Article text is untrusted: every string from an article
goes through ``html.escape``, article texts are written as plain text nodes, and a Content Security
Policy allows no script but the page's own (pinned by its hash), so nothing in an article can run."""

from __future__ import annotations

import base64
import hashlib
from functools import cache
from typing import Any

from jinja2 import Environment, PackageLoader, select_autoescape
from markupsafe import Markup

from .json import sources_phrase
from .view import FILTERS, story_page

__all__ = ["render_html"]

_SCRIPT = """
document.addEventListener('click', function (event) {
  var link = event.target.closest('a.cite');
  if (!link) return;
  event.preventDefault();
  document.querySelectorAll('mark.hit').forEach(function (m) {
    m.replaceWith(document.createTextNode(m.textContent)); });
  document.querySelectorAll('pre.text').forEach(function (p) { p.normalize(); });
  var at = /^#span-(.+)-(\\d+)-(\\d+)$/.exec(link.getAttribute('href'));
  var pre = at && document.getElementById('text-' + at[1]);
  if (!pre || !pre.firstChild) return;
  for (var d = pre; d; d = d.parentElement) { if (d.tagName === 'DETAILS') d.open = true; }
  var range = document.createRange();
  range.setStart(pre.firstChild, Number(at[2]));
  range.setEnd(pre.firstChild, Number(at[3]));
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
.partly-corroborated{border-left:4px dashed #2a7}
li{margin:.3rem 0;padding-left:.4rem}mark.hit{background:#fd5}a.cite{font-size:.8em}
table{border-collapse:collapse}td,th{border-bottom:1px solid #ddd;padding:.2rem .5rem;text-align:left}
span.badge{border:0;font-weight:600;padding-right:.3rem}ul.facts,ol.brief{padding-left:1.2rem}
.strip{position:relative;margin:.6rem 0 1rem;padding:0 1.4rem}.strip ol{position:relative;list-style:none;margin:0;
padding:0;height:2.6rem;border-bottom:2px solid #888}.strip li{position:absolute;top:.2rem;transform:translateX(-50%)}
.when-mark{display:inline-block;min-width:2rem;height:2rem;line-height:2rem;text-align:center;border-radius:1rem;
background:#0b57d0;color:#fff;text-decoration:none}.strip .ends{display:flex;justify-content:space-between}
ol.days{list-style:none;padding-left:0}ul.support{list-style:none;padding-left:.4rem}
.warn{border-left:5px solid #c5221f;background:#fdf1f0;padding:.4rem .6rem}
""" + "".join(f".at-{k}{{left:{k}%}}" for k in range(101))


def _hash(script: str) -> str:
    return base64.b64encode(hashlib.sha256(script.encode()).digest()).decode()


@cache
def _env() -> Environment:
    """The templates the served story page uses too (report/templates), autoescaped: article text is data."""
    env = Environment(
        loader=PackageLoader("newsweave.report", "templates"),
        autoescape=select_autoescape(default=True, default_for_string=True),
        trim_blocks=True,
        lstrip_blocks=True,
    )
    env.filters.update(FILTERS)
    return env


def render_html(doc: dict[str, Any]) -> str:
    """The newsweave/1 document as one self-contained HTML page (all article text escaped, no script but
    its own), each story drawn by the same panels as the served story page."""
    csp = f"default-src 'none'; style-src 'unsafe-inline'; script-src 'sha256-{_hash(_SCRIPT)}'"
    placed = {a for s in doc["stories"] for a in s["articles"]}
    pages = [{**story_page(doc, s), "interactive": False} for s in doc["stories"]]
    return _env().get_template("report.html").render(
        doc=doc, pages=pages, loose=[a for a in doc["articles"] if a["id"] not in placed], csp=Markup(csp),
        style=Markup(_STYLE), script=Markup(_SCRIPT), phrase=sources_phrase, interactive=False,
        token_required=False,
    )
