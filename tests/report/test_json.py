"""The newsweave/1 document: independent sources and coreference links as typed, readable fields."""

from __future__ import annotations

from newsweave.model import Article, Entity, Mention, Meta, Report, Source, Span, Story
from newsweave.report import render_html, render_markdown, report_to_dict

TEXT = "Grace Tembo won the final. She thanked the crowd."


def _articles() -> tuple[Article, ...]:
    return tuple(Article(id=a, input=a, text=TEXT, outlet=Meta(o, "sidecar")) for a, o in
                 (("a", "Courier"), ("b", "Courier"), ("c", "Herald")))


def _doc(story: Story) -> dict:
    return report_to_dict(Report(_articles(), (story,)))


def test_story_carries_its_independent_sources() -> None:
    segments = tuple(Span(a, 0, len(TEXT)) for a in "abc")
    sources = (Source("a", ("Courier",), ("a", "b")), Source("c", ("Herald",), ("c",)))
    story = _doc(Story("s", "t", segments, sources=sources))["stories"][0]
    assert story["sources"] == {"independent": 2, "reports": 3, "list": [
        {"id": "a", "outlets": ["Courier"], "articles": ["a", "b"]},
        {"id": "c", "outlets": ["Herald"], "articles": ["c"]}]}


def test_story_built_by_hand_gets_sources_from_the_group_rule() -> None:
    story = _doc(Story("s", "t", tuple(Span(a, 0, len(TEXT)) for a in "abc")))["stories"][0]
    assert (story["sources"]["independent"], story["sources"]["reports"]) == (1, 3)  # all copies of one text


def test_renderers_say_how_many_independent_sources() -> None:
    segments = tuple(Span(a, 0, len(TEXT)) for a in "abc")
    doc = _doc(Story("s", "t", segments, sources=(Source("a", ("Courier",), ("a", "b")),
                                                   Source("c", ("Herald",), ("c",)))))
    assert "2 independent sources in 3 reports" in render_markdown(doc)
    assert "2 independent sources in 3 reports" in render_html(doc)


def test_coreference_links_are_fields_not_role_strings() -> None:
    name = Mention(Span("a", 0, 11), "Grace Tembo", "PERSON", role="champion")
    she = Mention(Span("a", 27, 30), "She", "PERSON", link="pronoun", antecedent=name.span)
    story = Story("s", "t", (Span("a", 0, len(TEXT)),), entities=(Entity("e1", "Grace Tembo", "PERSON", (name, she)),))
    entity = _doc(story)["stories"][0]["entities"][0]
    assert entity["roles"] == ["champion"]
    assert entity["mentions"][1] == {"article": "a", "start": 27, "end": 30, "text": "She", "link": "pronoun",
                                     "antecedent": {"article": "a", "start": 0, "end": 11}}
    assert "pronoun of" not in render_html(_doc(story)) + render_markdown(_doc(story))


def test_article_mentions_carry_span_type_role_and_entity() -> None:
    name = Mention(Span("a", 0, 11), "Grace Tembo", "PERSON", role="champion")
    she = Mention(Span("a", 27, 30), "She", "PERSON", link="pronoun", antecedent=name.span)
    crowd = Mention(Span("a", 39, 48), "the crowd", "ORG", link="description", antecedent=name.span)
    articles = (Article(id="a", input="a", text=TEXT, mentions=(name, she, crowd)),)
    story = Story("s", "t", (Span("a", 0, len(TEXT)),), entities=(Entity("e1", "Grace Tembo", "PERSON", (name, she)),))
    mentions = report_to_dict(Report(articles, (story,)))["articles"][0]["mentions"]
    assert [(m["start"], m["end"], m["text"], m["type"], m["role"], m["entity"]) for m in mentions] == [
        (0, 11, "Grace Tembo", "PERSON", "name", "e1"), (27, 30, "She", "PERSON", "pronoun", "e1"),
        (39, 48, "the crowd", "ORG", "description", None)]
    assert mentions[0]["described_as"] == "champion" and mentions[1]["described_as"] is None
    assert all(TEXT[m["start"] : m["end"]] == m["text"] for m in mentions)


def test_article_without_mentions_has_an_empty_list() -> None:
    assert _doc(Story("s", "t", (Span("a", 0, len(TEXT)),)))["articles"][0]["mentions"] == []
