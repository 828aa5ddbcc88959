"""The brief on hand-written reports (none taken from shared/samples)."""

from __future__ import annotations

import pytest

from newsweave.analyse import ARTICLE_STAGES
from newsweave.compare.facts import align_facts
from newsweave.config import Settings
from newsweave.model import Article, Meta, Span, Story
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
