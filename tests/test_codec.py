"""The lossless model codec: typed coreference links and independent sources survive a JSON round trip."""

from __future__ import annotations

import json

from newsweave.codec import decode, encode
from newsweave.model import Article, Happening, Mention, Source, Span, Story, TimeExpression


def test_mention_links_round_trip() -> None:
    name = Mention(Span("a", 0, 5), "Varga", "PERSON", role="head of the office")
    mentions = (name, Mention(Span("a", 10, 12), "he", "PERSON", link="pronoun", antecedent=name.span),
                Mention(Span("a", 20, 26), "Moscow", "GPE", link="metonym", metonym_of="government"))
    article = Article(id="a", input="a", text="x" * 30, mentions=mentions)
    assert decode(Article, json.loads(json.dumps(encode(article)))) == article


def test_story_sources_round_trip() -> None:
    story = Story("s", "t", (Span("a", 0, 3), Span("b", 0, 3)), copies=(("a", "b"),),
                  sources=(Source("a", ("Courier", "Gazette"), ("a", "b")),))
    assert decode(Story, json.loads(json.dumps(encode(story)))) == story


def test_article_stored_with_role_strings_gets_typed_links() -> None:
    old = {"id": "a", "input": "a", "text": "Mara Okafor said he would go. Harlowton agreed.", "mentions": [
        {"span": {"article": "a", "start": 0, "end": 11}, "text": "Mara Okafor", "type": "PERSON", "role": None},
        {"span": {"article": "a", "start": 17, "end": 19}, "text": "he", "type": "PERSON",
         "role": "pronoun of Mara Okafor"},
        {"span": {"article": "a", "start": 30, "end": 39}, "text": "Harlowton", "type": "GPE",
         "role": "metonym:government"},
    ]}
    name, he, place = decode(Article, old).mentions
    assert (he.role, he.link, he.antecedent) == (None, "pronoun", name.span)
    assert (place.role, place.link, place.metonym_of) == (None, "metonym", "government")


def test_time_happenings_round_trip() -> None:
    happening = Happening(frozenset({"reopen"}), frozenset({"pier"}), frozenset({"pier", "reopen", "repair"}))
    times = (TimeExpression(Span("a", 17, 24), "Tuesday", "DATE", "2024-05-07", "weekday", happening),
             TimeExpression(Span("a", 30, 34), "2020", "DATE", "2020", "year", Happening(attributive=True)),
             TimeExpression(Span("a", 40, 45), "today", "DATE", "PRESENT_REF", "deictic"))
    article = Article(id="a", input="a", text="x" * 50, times=times)
    assert decode(Article, json.loads(json.dumps(encode(article)))) == article
