from __future__ import annotations

import pytest

from newsweave.model import Article, Report, Span, Story
from newsweave.report import render_html, render_markdown, report_to_dict

HOSTILE = [
    "<script>alert(1)</script>",
    '<img src=x onerror="alert(2)">',
    '<a href="javascript:alert(3)">click</a>',
    "<svg onload=alert(4)><circle/></svg>",
    '"><iframe src="data:text/html,x"></iframe>',
]


def _doc(text: str) -> dict:
    article = Article(id="a1", input="<b>in</b>.txt", text=text, title=text)
    return report_to_dict(Report((article,), (Story("s1", text, (Span("a1", 0, len(text)),)),)))


@pytest.mark.parametrize("payload", HOSTILE)
def test_html_report_never_emits_article_markup(payload: str) -> None:
    page = render_html(_doc(f"News {payload} more news"))
    assert payload not in page
    body = page.split("<body>", 1)[1]
    assert "<script>" not in body.replace(body[body.rindex("<script>"):], "")
    for tag in ("<img", "<svg", "<iframe", "<a href=\"javascript"):
        assert tag not in body


def test_html_report_has_a_strict_content_security_policy() -> None:
    page = render_html(_doc("plain"))
    assert "default-src 'none'" in page and "script-src 'sha256-" in page


@pytest.mark.parametrize("payload", HOSTILE + ["[x](javascript:alert(1))", "![i](http://x/y.png)"])
def test_markdown_escapes_article_text(payload: str) -> None:
    md = render_markdown(_doc(payload))
    assert payload not in md


def test_static_report_and_served_page_draw_a_story_with_the_same_panels(tmp_path) -> None:
    from newsweave.model import Report
    from newsweave.report.view import PANELS
    from newsweave.serve import create_app
    from newsweave.store import open_store

    from ..serve.support import Client, bridge_articles, bridge_story

    story, articles = bridge_story(), bridge_articles()
    page = render_html(report_to_dict(Report(articles, (story,), ())))
    path = str(tmp_path / "panels.db")
    with open_store(path) as store:
        store.put_articles(articles)
        store.put_stories([story])
    client = Client(create_app(path))
    served = client.get(f"/stories/{story.id}").text
    client.close()
    for html in (page, served):
        assert all(f'id="{p.anchor}"' in html for p in PANELS if p.anchor)
        assert "<del>again</del>" in html and "12 cables against 14 cables" in html
    assert "/api/" not in page  # the static report has no correction forms
