from __future__ import annotations

from newsweave.compare.membership import explain_membership
from newsweave.config import Settings
from newsweave.model import Article, Entity, Mention, Meta, Quote, Span, Story
from newsweave.pipeline import StoryContext


def _story() -> tuple[Story, StoryContext]:
    a = Article(id="a", input="a.txt", text="Maria Okafor said the bridge is open.", title="Bridge reopens",
                outlet=Meta("Courier", "sidecar"))
    b = Article(id="b", input="b.txt", text="Okafor said the bridge is open again.", outlet=Meta("Gazette", "flag"))
    person = Entity("e1", "Maria Okafor", "PERSON",
                    (Mention(Span("a", 0, 12), "Maria Okafor", "PERSON"), Mention(Span("b", 0, 6), "Okafor", "PERSON")))
    quotes = (Quote("q1", Span("a", 18, 37), "the bridge is open.", "indirect", "Maria Okafor", family="f1"),
              Quote("q2", Span("b", 12, 37), "the bridge is open again.", "indirect", "Okafor", family="f1"))
    story = Story("s", "Bridge", (Span("a", 0, 38), Span("b", 0, 37)), why=("similarity 0.5",),
                  entities=(person,), quotes=quotes)
    return story, StoryContext({"a": a, "b": b}, Settings())


def test_each_member_says_which_entities_and_quotes_it_shares() -> None:
    story, context = _story()
    why = explain_membership(story, context).why
    assert why[0] == "similarity 0.5"
    assert "Courier: Bridge reopens shares Maria Okafor; reports 1 quote another article reports" in why
    assert any(line.startswith("Gazette shares Maria Okafor") for line in why)


def test_single_article_story_is_unchanged() -> None:
    story, context = _story()
    alone = Story("s", "Bridge", (Span("a", 0, 38),), why=("x",))
    assert explain_membership(alone, context) == alone
