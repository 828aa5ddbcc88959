"""The brief: a few sentences per story, each citing the spans it rests on. Extractive on purpose:
every sentence is an outlet's own sentence, so nothing is said that no source said. Facts carried by
more independent outlets come first; conflicts and single-source facts are said as such."""

from __future__ import annotations

from ..model import Brief, BriefSentence, Fact, Story, evolve
from ..pipeline import Stage, StoryContext

__all__ = ["STAGE", "write_brief"]

MAX_SENTENCES = 5


def _outlet(fact: Fact, context: StoryContext, index: int = 0) -> str:
    article = context.articles[fact.support[index].article]
    return article.outlet.value if article.outlet else article.input


def _sentence(fact: Fact, context: StoryContext, single_outlet: bool) -> BriefSentence:
    if fact.status == "conflicting":
        reasons = "; ".join(c.why for c in fact.conflicts)
        text = f"Reports differ ({reasons}): {fact.text}"
    elif fact.status == "unique" and not single_outlet:
        text = f"Only {_outlet(fact, context)} reports: {fact.text}"
    elif fact.status == "corroborated":
        text = f"{fact.text} (reported by {fact.sources} outlets)"
    else:
        text = fact.text
    return BriefSentence(text, fact.support)


def _rank(fact: Fact) -> tuple[int, int, int]:
    first = fact.support[0]
    return (-fact.sources, 0 if fact.status == "conflicting" else 1, first.start)


def write_brief(story: Story, context: StoryContext) -> Story:
    outlets = {context.articles[a].outlet.value if context.articles[a].outlet else a for a in story.article_ids}
    chosen = sorted(story.facts, key=_rank)[:MAX_SENTENCES]
    sentences = tuple(_sentence(f, context, len(outlets) == 1) for f in chosen)
    return evolve(story, brief=Brief(sentences))


STAGE = Stage("brief", write_brief, frozenset({"facts"}), frozenset({"brief"}),
              "A short brief whose every sentence cites the spans it rests on.")
