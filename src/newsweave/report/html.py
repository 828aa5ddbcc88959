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

_SCRIPT = r"""
(function () {
  // A citation lights every span of its fact or sentence (data-group) and is a history entry with its
  // own address (#span-ARTICLE-START-END): Back returns to where the reader was, Forward lights it again.
  // Offsets are Unicode code points (Python's); the DOM counts UTF-16 units, so they are converted.
  var groups = {};
  function units(text, points) {
    var i = 0, n = 0;
    while (n < points && i < text.length) {
      var c = text.charCodeAt(i); i += (c >= 0xD800 && c <= 0xDBFF) ? 2 : 1; n++;
    }
    return i;
  }
  function at(hash) {
    var m = /^#span-(.+)-(\d+)-(\d+)$/.exec(decodeURIComponent(hash || ''));
    return m ? {article: m[1], start: Number(m[2]), end: Number(m[3])} : null;
  }
  function parse(text) {
    return (text || '').split(' ').filter(Boolean).map(function (part) {
      var bits = part.split(':'), end = Number(bits.pop()), start = Number(bits.pop());
      return {article: bits.join(':'), start: start, end: end};
    });
  }
  function clear() {
    document.querySelectorAll('mark.hit').forEach(function (m) {
      var parent = m.parentNode; m.replaceWith(document.createTextNode(m.textContent)); parent.normalize(); });
  }
  function mark(span) {
    var pre = document.getElementById('text-' + span.article);
    if (!pre) return null;
    var whole = pre.textContent, start = units(whole, span.start), end = units(whole, span.end);
    var walker = document.createTreeWalker(pre, NodeFilter.SHOW_TEXT), node, seen = 0;
    while ((node = walker.nextNode())) {
      var len = node.data.length;
      if (end > start && start < seen + len && node.parentNode === pre) {
        var range = document.createRange();
        range.setStart(node, Math.max(start - seen, 0));
        range.setEnd(node, Math.min(end - seen, len));
        var m = document.createElement('mark');
        m.className = 'hit';
        range.surroundContents(m);
        for (var d = pre; d; d = d.parentElement) { if (d.tagName === 'DETAILS') d.open = true; }
        return m;
      }
      seen += len;
    }
    return null;
  }
  function arrive() {
    clear();
    var focus = at(location.hash);
    if (!focus) return;
    var target = null;
    var link = document.querySelector('a.cite[data-group][href="' + CSS.escape(location.hash) + '"]');
    (groups[location.hash] || (link ? parse(link.dataset.group) : [focus])).forEach(function (span) {
      var m = mark(span);
      if (m && span.article === focus.article && span.start === focus.start) target = m;
    });
    (target || mark(focus) || document.body).scrollIntoView({block: 'center'});
  }
  document.addEventListener('click', function (event) {
    var link = event.target.closest ? event.target.closest('a.cite') : null;
    if (!link) return;
    var group = parse(link.dataset.group);
    if (group.length) groups[link.getAttribute('href')] = group;
    if (location.hash === link.getAttribute('href')) { event.preventDefault(); arrive(); }
    // otherwise the browser follows the link: a history entry, then hashchange lights the spans
  });
  window.addEventListener('hashchange', arrive);
  if (location.hash) arrive();
})();
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
