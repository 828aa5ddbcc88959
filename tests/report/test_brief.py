"""The brief on hand-written reports (none taken from shared/samples)."""

from __future__ import annotations

import pytest

from newsweave.analyse import ARTICLE_STAGES
from newsweave.compare.facts import align_facts
from newsweave.config import Settings
from newsweave.model import Article, Fact, Meta, Span, Story
from newsweave.pipeline import StoryContext, build
from newsweave.report.brief import BriefConfig, write_brief

REPORTS = (
    "Harbour bridge reopens after repairs\n\nThe Kestrel Bay harbour bridge reopened to traffic on Tuesday "
    "after three weeks of repairs, the city council said. Storm Elena damaged 12 cables on the northern "
    "span in March. The council thanked residents for their patience.",
    "Kestrel Bay bridge open again\n\nThe Kestrel Bay harbour bridge opened again to cars on Tuesday "
    "following three weeks of repairs. Storm Elena damaged 14 cables on the northern span in March, "
    "according to the council. Separately, the city zoo announced the birth of two snow leopard cubs.",
)


def brief_of(*texts: str) -> tuple[Story, dict[str, Article]]:
    pipeline = build(ARTICLE_STAGES)  # claims are among them
    articles = {}
    for n, text in enumerate(texts):
        article = Article(id=f"a{n}", input=f"a{n}", text=text, outlet=Meta(f"Outlet {n}", "record"),
                          paragraphs=((0, text.index("\n\n")), (text.index("\n\n") + 2, len(text))))
        articles[article.id] = pipeline.run(article, Settings())
    story = Story("s", "t", tuple(Span(a.id, 0, len(a.text)) for a in articles.values()))
    context = StoryContext(articles, Settings())
    return write_brief(align_facts(story, context), context), articles


@pytest.mark.parametrize("texts", [REPORTS, REPORTS[:1], tuple(reversed(REPORTS))])
def test_every_brief_sentence_is_a_source_sentence_it_cites(texts: tuple[str, ...]) -> None:
    story, articles = brief_of(*texts)
    assert story.brief.sentences
    for entry in story.brief.sentences:
        first = entry.support[0]
        assert articles[first.article].text[first.start : first.end] == entry.sentence
        for span in entry.support:
            assert 0 <= span.start < span.end <= len(articles[span.article].text)


def test_brief_opens_with_a_headline_then_facts_both_outlets_carry() -> None:
    story, _ = brief_of(*REPORTS)
    sentences = [e.sentence for e in story.brief.sentences]
    assert sentences[0] in ("Harbour bridge reopens after repairs", "Kestrel Bay bridge open again")
    assert len({s.article for s in story.brief.sentences[1].support}) == 2
    assert not any("zoo" in s or "patience" in s for s in sentences[:3])


def test_brief_stays_short() -> None:
    story, _ = brief_of(*REPORTS)
    words = sum(len(e.sentence.split()) for e in story.brief.sentences)
    longest = max(len(e.sentence.split()) for e in story.brief.sentences)
    assert words < BriefConfig().target_words + longest


def test_story_without_sentences_gets_an_empty_brief() -> None:
    article = Article(id="a0", input="a0", text="Short.", sentences=((0, 6),))
    story = Story("s", "t", (Span("a0", 0, 6),))
    context = StoryContext({"a0": article}, Settings())
    assert write_brief(story, context).brief.sentences == ()


def _report(aid: str, outlet: str, text: str) -> Article:
    sentences, start = [], 0
    for part in text.split(". "):
        end = start + len(part) + (1 if start + len(part) < len(text) else 0)
        sentences.append((start, end))
        start = end + 1
    return Article(id=aid, input=aid, text=text, outlet=Meta(outlet, "record"), sentences=tuple(sentences))


def test_a_brief_sentence_cites_one_span_per_independent_source_the_closest() -> None:
    lead = "The harbour bridge reopened to traffic on Tuesday after three weeks of repairs"
    reports = {
        "a1": _report("a1", "Bay Courier", f"{lead}. Traffic was light on the first morning."),
        "a2": _report("a2", "Bay Courier", "Bridge open again. The harbour bridge reopened on Tuesday after repairs."),
        "b1": _report("b1", "Coast News", "Council says the bridge is safe. Cars crossed the harbour bridge again."),
        "b2": _report("b2", "Coast News", "The harbour bridge reopened to traffic on Tuesday after weeks of repairs."),
        "b3": _report("b3", "Coast News", "Repairs over. The harbour bridge is open to traffic again after repairs."),
        "c1": _report("c1", "Harbour Post", "Three weeks of repairs ended as the harbour bridge reopened Tuesday."),
    }
    spans = {aid: [Span(aid, s, e) for s, e in a.sentences] for aid, a in reports.items()}
    support = (spans["a1"][0], spans["a2"][1], spans["b1"][1], spans["b2"][0], spans["b3"][1], spans["c1"][0])
    fact = Fact("f1", lead, "corroborated", support, 3)
    story = Story("s", "t", tuple(Span(a.id, 0, len(a.text)) for a in reports.values()), facts=(fact,))
    brief = write_brief(story, StoryContext(reports, Settings(stages=(BriefConfig(headline=False),)))).brief
    cited = next(e for e in brief.sentences if e.fact == "f1")
    outlets = [reports[s.article].outlet for s in cited.support]
    assert len(outlets) == len(set(outlets)) == 3 and cited.sources == 3
    assert reports[cited.support[0].article].span_text(cited.support[0]) == cited.sentence
    assert cited.support[0] == spans["a1"][0]  # the lead, best sourced and most shared
    assert spans["b2"][0] in cited.support  # Coast News by its closest sentence, not its first in support
