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
        # coverage is drawn from the outlet profiles in the store: the served page always, a static report
        # when it was exported from a store holding profiles (tests/test_outlets_command.py)
        assert all(f'id="{p.anchor}"' in html for p in PANELS if p.anchor and p.name != "coverage")
        assert "<del>again</del>" in html and "12 cables against 14 cables" in html
    assert 'id="coverage"' in served and 'id="coverage"' not in page
    assert "/api/" not in page  # the static report has no correction forms


@pytest.mark.parametrize(
    ("value", "said"),
    [("2023-09-15", "15 Sep 2023"), ("2023-09", "Sep 2023"), ("2002", "2002"),
     ("2024-03-26T17:40:00+00:00", "26 Mar 2024, 17:40"), (None, "date unknown"), ("next spring", "next spring")],
)
def test_dates_are_written_as_people_write_them(value: object, said: str) -> None:
    from newsweave.report.view import human_date

    assert human_date(value) == said


def test_reports_of_one_outlet_get_labels_that_tell_them_apart() -> None:
    from newsweave.report.view import report_labels

    rows = [{"id": "a", "outlet": "Vale Post", "input": "a.txt", "published": "2024-01-02T08:00"},
            {"id": "b", "outlet": "Vale Post", "input": "b.txt", "published": "2024-01-02T08:00"},
            {"id": "c", "outlet": None, "input": "c.txt", "published": None}]
    assert report_labels(rows) == {"a": "Vale Post, 2 Jan 2024, 08:00 (report 1)",
                                   "b": "Vale Post, 2 Jan 2024, 08:00 (report 2)", "c": "c.txt"}


def test_reasons_lose_rule_tags_counts_and_iso_dates() -> None:
    from newsweave.report.view import why_words

    said = why_words("same name: 'Orla' (Vale Post) and 'Orla' (Fen Times) (x5)")
    assert said == "Same name: 'Orla' (Vale Post) and 'Orla' (Fen Times) (5 times)"
    assert why_words("dated by 'May' = 2023-05 (month from publication 2023-06-01)") == (
        "dated by 'May' = May 2023 (month from publication 1 Jun 2023)")


def test_timeline_overview_markers_never_come_closer_than_the_gap() -> None:
    from newsweave.report.view import timeline_chart

    days = ["2020-01-01", "2024-03-20", "2024-03-21", "2024-03-26", "2024-03-26", "2022-06-01", "unclear"]
    chart = timeline_chart([{"date": d, "text": f"event {k}"} for k, d in enumerate(days)], min_gap=11.0)
    xs = [c["x"] for c in chart["clusters"]]
    assert len(xs) >= 2 and all(b - a >= 11.0 for a, b in zip(xs, xs[1:], strict=False))
    assert sum(c["count"] for c in chart["clusters"]) == 6  # every dated event is counted once
    assert chart["groups"][-1]["label"] == "date unclear" and chart["points"]  # older fields are kept


def test_a_conflicting_span_is_listed_under_its_conflict_never_as_support() -> None:
    from newsweave.model import Conflict, Fact, Meta

    said = "The Fenwick ferry carried 40 people on Monday."
    denied = "\u201cThe ferry carried nobody,\u201d the operator said."
    a = Article(id="a1", input="a.txt", text=said, title="Ferry", outlet=Meta("Vale Post", "record"))
    b = Article(id="b1", input="b.txt", text=denied, title="Ferry", outlet=Meta("Fen Times", "record"))
    fact = Fact("f1", said, "conflicting", (Span("a1", 0, len(said)), Span("b1", 0, len(denied))), 2,
                (Conflict(Span("b1", 0, len(denied)), "claim against denial"),))
    story = Story("s1", "Ferry", (Span("a1", 0, len(said)), Span("b1", 0, len(denied))), facts=(fact,))
    page = render_html(report_to_dict(Report((a, b), (story,))))
    facts = page.split('id="fact-f1"', 1)[1].split("</li>\n", 1)[0]
    support, conflicts = facts.split('class="conflicts"', 1)
    assert "The ferry carried nobody" not in support
    assert "The ferry carried nobody" in conflicts
    # the report's own quotation mark opens the excerpt: no second mark around it
    assert '<span class="excerpt quoted">\u201cThe ferry carried nobody' in conflicts
    assert "<q class=\"excerpt\">\u201c" not in page
