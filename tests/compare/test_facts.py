"""Fact alignment and conflicts on hand-written reports (none taken from shared/samples)."""

from __future__ import annotations

import pytest

from newsweave.analyse import ARTICLE_STAGES
from newsweave.compare.align import sources_of
from newsweave.compare.conflicts import compatible, conflict
from newsweave.compare.facts import facts_of
from newsweave.config import Settings
from newsweave.model import Article, Claim, Fact, Meta, Span, Story
from newsweave.pipeline import StoryContext, build


def story_of(*texts: str) -> tuple[Story, StoryContext]:
    pipeline = build(ARTICLE_STAGES)  # claims are among them
    articles = []
    for n, text in enumerate(texts):
        article = Article(id=f"a{n}", input=f"a{n}", text=text, outlet=Meta(f"Outlet {n}", "record"),
                          paragraphs=((0, len(text)),))
        articles.append(pipeline.run(article, Settings()))
    story = Story("s", "t", tuple(Span(a.id, 0, len(a.text)) for a in articles))
    return story, StoryContext({a.id: a for a in articles}, Settings())


def facts(*texts: str) -> tuple[Fact, ...]:
    return facts_of(*story_of(*texts))


def claim(text: str, **fields: object) -> Claim:
    return Claim("c", Span("a", 0, len(text)), text, **fields)  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("a", "b", "ok"),
    [
        ((1.37e12, "$", ""), (1.4e12, "$", "approx"), True),
        ((1.37e12, "$", ""), (1.4e12, "$", ""), True),  # 1.4 trillion is 1.37 rounded
        ((15299.0, "case", ""), (15300.0, "case", ""), True),
        ((15000.0, "case", "min"), (15299.0, "case", ""), True),
        ((3.0, "boy", "min"), (4.0, "boy", ""), True),
        ((156.0, "seat", ""), (157.0, "seat", ""), False),
        ((13.0, "%", ""), (12.0, "%", ""), False),
        ((6.9e6, "", ""), (6.8e6, "", ""), False),
        ((17e6, "", "max"), (16.5e6, "", ""), True),
    ],
)
def test_compatible_numbers_allow_rounding_and_qualifiers(a: tuple, b: tuple, ok: bool) -> None:
    assert compatible(a, b) is ok


@pytest.mark.parametrize(
    ("a", "b", "reason"),
    [
        (claim("The party won 156 seats", quantities=((156.0, "seat", ""),), numbers=("156 seat",)),
         claim("The party won 157 seats", quantities=((157.0, "seat", ""),), numbers=("157 seat",)),
         "different numbers"),
        (claim("The storm hit on Sunday afternoon"), claim("The storm hit on Sunday night"),
         "different times of day"),
        (claim("The storm hit on Monday"), claim("The storm hit on Tuesday"), "different dates"),
        (claim("The envoy visited Chile and Peru", items=("Chile", "Peru")),
         claim("The envoy visited Chile, Peru and Bolivia", items=("Chile", "Peru", "Bolivia")),
         "different lists"),
        (claim("The minister sold the depot", subject="The minister", predicate="sell", object="the depot",
               asserted_by="the union"),
         claim("The minister sold the depot", subject="The minister", predicate="sell", object="the depot",
               negated=True, modality="denied", asserted_by="the minister"), "claim against denial"),
    ],
)
def test_conflict_reasons(a: Claim, b: Claim, reason: str) -> None:
    why = conflict(a, b, 1.0, 0.45)
    assert why is not None and why.startswith(reason)


@pytest.mark.parametrize(
    ("a", "b"),
    [
        (claim("The party won 157 seats", quantities=((157.0, "seat", ""),)),
         claim("The party took 157 seats", quantities=((157.0, "seat", ""),))),
        (claim("The package costs $1.37 trillion", quantities=((1.37e12, "$", ""),)),
         claim("The package costs roughly $1.4 trillion", quantities=((1.4e12, "$", "approx"),))),
        (claim("The storm hit on Monday"), claim("The storm hit Monday morning")),
    ],
)
def test_agreeing_claims_are_not_conflicts(a: Claim, b: Claim) -> None:
    assert conflict(a, b, 1.0, 0.45) is None


def test_weakly_aligned_opposite_polarity_is_not_a_conflict() -> None:
    a = claim("The council approved the plan", subject="The council", predicate="approve", object="the plan")
    b = claim("The council did not approve the plan", subject="The council", predicate="approve",
              object="the plan", negated=True)
    assert conflict(a, b, 0.2, 0.45) is None
    assert conflict(a, b, 0.9, 0.45) is not None


def test_same_sentence_in_two_outlets_is_corroborated_by_two_sources() -> None:
    found = facts("The Kestrel Bay bridge reopened to traffic on Tuesday after three weeks of repairs.",
                  "After three weeks of repairs the Kestrel Bay bridge reopened to traffic on Tuesday.")
    top = found[0]
    assert top.status == "corroborated"
    assert top.sources == 2
    assert {s.article for s in top.support} == {"a0", "a1"}


def test_a_sentence_only_one_outlet_has_is_unique() -> None:
    found = facts("The Kestrel Bay bridge reopened on Tuesday after repairs. The zoo announced two new cubs.",
                  "The Kestrel Bay bridge reopened to cars on Tuesday following repairs.")
    zoo = [f for f in found if "zoo" in f.text]
    assert zoo and zoo[0].status == "unique" and zoo[0].sources == 1


def test_different_counts_of_the_same_thing_conflict() -> None:
    found = facts("Storm Elena damaged 12 cables on the northern span of the bridge in March.",
                  "In March, Storm Elena damaged 14 cables on the bridge's northern span, officials said.")
    assert found[0].status == "conflicting"
    assert "different numbers" in found[0].conflicts[0].why


def test_wire_copies_count_as_one_source() -> None:
    text = "The Kestrel Bay bridge reopened to traffic on Tuesday after three weeks of repairs."
    story, context = story_of(text, text.replace("Tuesday", "Tuesday "))
    assert len(set(sources_of(story, context.articles).values())) == 1
    assert facts_of(story, context)[0].sources == 1
