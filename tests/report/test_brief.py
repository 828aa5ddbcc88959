"""The brief on hand-written reports (none taken from shared/samples)."""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path

import pytest

from newsweave.analyse import ARTICLE_STAGES
from newsweave.compare.facts import align_facts
from newsweave.config import Settings
from newsweave.model import Article, Meta, Span, Story
from newsweave.pipeline import StoryContext, build
from newsweave.report.brief import BriefConfig, write_brief

DATA = Path(__file__).resolve().parents[3] / "shared" / "data"
BENCH = Path(__file__).resolve().parents[2] / "bench"
# First 60 NeuS val stories; measured 42.76 / 18.64 / 28.59 (all 307: 43.56 / 20.11 / 29.78).
FLOOR_R1, FLOOR_R2, FLOOR_RL = 42.0, 18.0, 28.0

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


@pytest.mark.data
def test_bench_brief_stays_above_floor() -> None:
    if not (DATA / "neus" / "val.jsonl").exists():
        pytest.skip(f"{DATA / 'neus' / 'val.jsonl'} not found (shared development data absent)")
    pytest.importorskip("rouge_score", reason="rouge-score (bench extra) not installed")
    pytest.importorskip("sumy", reason="sumy (bench extra) not installed")
    sys.path.insert(0, str(BENCH))
    spec = importlib.util.spec_from_file_location("bench_brief", BENCH / "bench_brief.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    result = module.score(module.load_neus(DATA)[:60])
    assert result["newsweave"]["rouge1"] >= FLOOR_R1
    assert result["newsweave"]["rouge2"] >= FLOOR_R2
    assert result["newsweave"]["rougeL"] >= FLOOR_RL
