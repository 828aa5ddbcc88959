"""Facts that can be trusted: independence, agreement, real conflicts, what is not a fact, modality.

Reports are written by hand here (none taken from shared/samples or the bundled example)."""

from __future__ import annotations

import pytest

from newsweave.analyse import ARTICLE_STAGES
from newsweave.codec import decode
from newsweave.compare.align import Member
from newsweave.compare.conflicts import conflict
from newsweave.compare.facts import facts_of, modality_of
from newsweave.compare.text import not_a_fact, standing_lines
from newsweave.config import Settings
from newsweave.model import Article, Claim, Fact, Meta, Span, Story
from newsweave.pipeline import StoryContext, build


def story_of(*reports: tuple[str, str, str]) -> tuple[Story, StoryContext]:
    """Reports as (outlet, published, text), analysed by every article stage."""
    pipeline = build(ARTICLE_STAGES)
    articles = []
    for n, (outlet, published, text) in enumerate(reports):
        article = Article(id=f"a{n}", input=f"a{n}", text=text, outlet=Meta(outlet, "record"),
                          published=Meta(published, "record"), paragraphs=((0, len(text)),))
        articles.append(pipeline.run(article, Settings()))
    story = Story("s", "t", tuple(Span(a.id, 0, len(a.text)) for a in articles))
    return story, StoryContext({a.id: a for a in articles}, Settings())


def claim(text: str, **fields: object) -> Claim:
    return Claim("c", Span("a", 0, len(text)), text, **fields)  # type: ignore[arg-type]


def article(text: str, **fields: object) -> Article:
    return Article(id="a", input="a", text=text, **fields)  # type: ignore[arg-type]


REPEATED_OUTLETS = (
    ("Harbour Post", "2024-03-01", "The Kestrel Bay bridge reopened to traffic on Tuesday after three weeks of "
     "repairs. Engineers replaced the cables on the northern span of the bridge."),
    ("Harbour Post", "2024-03-02", "Traffic returned to the Kestrel Bay bridge on Tuesday after three weeks of "
     "repairs, the city said. Engineers replaced the cables on the bridge's northern span last month."),
    ("Harbour Post", "2024-03-03", "Commuters crossed the reopened Kestrel Bay bridge on Tuesday after repairs "
     "that lasted three weeks. The engineers replaced cables on the northern span."),
    ("Valley Courier", "2024-03-02", "The mayor opened a new library in the old town hall on Monday. "
     "The library holds forty thousand books and a music room."),
)


def test_reports_of_one_outlet_never_corroborate_each_other() -> None:
    story, context = story_of(*REPEATED_OUTLETS)
    found = facts_of(story, context)
    outlets = {a.id: a.outlet.value for a in context.articles.values() if a.outlet}
    assert found  # the reports do give facts
    single = [f for f in found if f.status in ("corroborated", "partly corroborated")
              and len({outlets[s.article] for s in f.support}) < 2]
    assert single == []
    assert all(f.sources == 1 for f in found if {outlets[s.article] for s in f.support} == {"Harbour Post"})


def test_a_later_figure_of_the_same_outlet_is_an_update_not_a_conflict() -> None:
    story, context = story_of(
        ("Harbour Post", "2024-03-01", "Storm Elena damaged 12 cables on the northern span of the bridge in March."),
        ("Harbour Post", "2024-03-04", "Storm Elena damaged 14 cables on the northern span of the bridge in March, "
         "officials said."),
        ("Valley Courier", "2024-03-02", "Officials said that in March Storm Elena had damaged several cables on "
         "the bridge's northern span."),
    )
    found = facts_of(story, context)
    assert all(f.status != "conflicting" for f in found)
    updated = [f for f in found if f.updates]
    assert updated, "the two Harbour Post figures should meet through the Courier's report"
    update = updated[0].updates[0]
    assert update.why.startswith("updated: different numbers")
    assert update.span.article == "a1" and update.against is not None and update.against.article == "a0"


def test_different_counts_from_two_outlets_conflict_and_show_both_spans() -> None:
    story, context = story_of(
        ("Harbour Post", "2024-03-01", "Storm Elena damaged 12 cables on the northern span of the bridge in March."),
        ("Valley Courier", "2024-03-01", "In March, Storm Elena damaged 14 cables on the bridge's northern span, "
         "officials said."),
    )
    top = facts_of(story, context)[0]
    assert top.status == "conflicting"
    both = top.conflicts[0]
    assert both.against is not None and {both.span.article, both.against.article} == {"a0", "a1"}
    assert "Harbour Post vs Valley Courier" in both.why


@pytest.mark.parametrize(
    ("a", "b"),
    [
        # "about 25 % was not captured" and "about 75 % had been captured" say one thing
        (claim("About 25% of the harvest was not captured", subject="About 25% of the harvest",
               predicate="capture", quantities=((25.0, "%", "approx"),), negated=True),
         claim("About 75% of the harvest had been captured", subject="About 75% of the harvest",
               predicate="capture", quantities=((75.0, "%", "approx"),))),
        # a figure inside a range
        (claim("Between 10 and 20 boats sank", subject="Between 10 and 20 boats", predicate="sink",
               quantities=((10.0, "boat", ""), (20.0, "boat", ""))),
         claim("Fifteen boats sank in the storm", subject="Fifteen boats", predicate="sink",
               quantities=((15.0, "boat", ""),))),
        # two figures about two different things
        (claim("The council hired 12 teachers", subject="The council", predicate="hire", object="12 teachers",
               quantities=((12.0, "person", ""),)),
         claim("Police arrested 40 people", subject="Police", predicate="arrest", object="40 people",
               quantities=((40.0, "person", ""),))),
        # "There's no evidence of that" vs "There is zero evidence for this": no shared verb, no denial
        (claim("There's no evidence of that", subject="There", predicate="’", object="no evidence of that",
               negated=True),
         claim("There is zero evidence for this", subject="There", predicate="be", object="zero evidence")),
    ],
)
def test_claims_that_agree_or_speak_of_different_things_do_not_conflict(a: Claim, b: Claim) -> None:
    assert conflict(a, b, 1.0, 0.45) is None


def test_a_conflict_reason_names_units_in_sorted_order() -> None:
    a = claim("The fleet lost 3 ships and 40 % of its crews", subject="The fleet", predicate="lose",
              quantities=((3.0, "ship", ""), (40.0, "%", "")), numbers=("3 ship", "40 %"))
    b = claim("The fleet lost 5 ships and 55 % of its crews", subject="The fleet", predicate="lose",
              quantities=((5.0, "ship", ""), (55.0, "%", "")), numbers=("5 ship", "55 %"))
    why = conflict(a, b, 1.0, 0.45)
    assert why is not None and why.startswith("different numbers (%)")  # "%" sorts before "ship"


@pytest.mark.parametrize(
    ("text", "fields", "reason"),
    [
        ("Bridge reopens after repairs\n\nThe Kestrel Bay bridge reopened on Tuesday.",
         {"title": "Bridge reopens after repairs"}, "headline"),
        ("Will the bridge reopen before the summer holidays begin?", {}, "question"),
        ("I have got news for the people who run this city.", {}, "opinion"),
        ("There is no evidence of that.", {}, "fragment"),
    ],
)
def test_headlines_questions_opinions_and_fragments_are_not_facts(text: str, fields: dict, reason: str) -> None:
    doc = article(text, **fields)
    first = text.split("\n\n")[0]
    assert not_a_fact(doc, 0, len(first)) == reason


@pytest.mark.parametrize(
    "text",
    ["The Kestrel Bay bridge reopened on Tuesday after repairs.",
     "“I will not resign,” the mayor said on Monday.",
     "The zoo announced two new cubs."],
)
def test_plain_report_sentences_are_facts(text: str) -> None:
    assert not_a_fact(article(text), 0, len(text)) is None


def test_a_line_repeated_across_one_outlets_reports_is_a_standing_line() -> None:
    line = "Sign up for the Harbour Post newsletter today."
    articles = {}
    for n, body in enumerate(["The bridge reopened on Tuesday.", "The mayor resigned on Monday.",
                              "The zoo announced two new cubs."]):
        text = f"{body} {line}"
        articles[f"a{n}"] = Article(f"a{n}", f"a{n}", text, outlet=Meta("Harbour Post", "record"),
                                    sentences=((0, len(body)), (len(body) + 1, len(text))))
    standing = standing_lines(articles, {"Harbour Post"}, 3)
    assert ("Harbour Post", line.lower()) in standing
    assert not any(body.startswith("the bridge") for _, body in standing)


@pytest.mark.parametrize(
    ("text", "fields", "modality"),
    [
        ("The port could close next week.", {"modality": "possible"}, "hedged"),
        ("The port will close if the strike goes on.", {"modality": "future"}, "conditional"),
        ("The port closed, the union said.", {"source": "speaker", "asserted_by": "the union"}, "attributed"),
        ("The port closed on Monday.", {}, None),
    ],
)
def test_a_sentence_carries_the_modality_of_its_main_claim(text: str, fields: dict, modality: str | None) -> None:
    member = Member(Span("a", 0, len(text)), text, "Outlet", "s1", (claim(text, **fields),))
    assert modality_of(member) == modality


def test_facts_stored_before_modality_and_updates_still_decode() -> None:
    old = {"id": "f1", "text": "t", "status": "corroborated", "support": [{"article": "a", "start": 0, "end": 1}],
           "sources": 2, "conflicts": [{"span": {"article": "a", "start": 0, "end": 1}, "why": "w"}],
           "outlets": ["A", "B"], "claims": []}
    fact = decode(Fact, old)
    assert fact.modality is None and fact.updates == () and fact.detail == ""
    assert fact.conflicts[0].against is None
