"""Why each article belongs to its story, beyond word similarity: the entities it shares with the
other members and the quotes it reports that another outlet reports too. Appended to the story's
``why`` after entity resolution and quote families, so every membership explains itself."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from typing import ClassVar

from ..config import param
from ..model import Story, evolve
from ..pipeline import Context, Stage

__all__ = ["STAGE", "MembershipConfig", "explain_membership"]


@dataclass(frozen=True, slots=True)
class MembershipConfig:
    """What the membership stage tunes."""

    SECTION: ClassVar[str] = "membership"
    shown: int = param(4, "Shared entities named in a member's reason before 'and N more'.", low=1)


def _label(story: Story, context: Context, article_id: str) -> str:
    article = context.articles[article_id]
    outlet = article.outlet.value if article.outlet else article.input
    return f"{outlet}: {article.title}" if article.title else outlet


def explain_membership(story: Story, context: Context) -> Story:
    shown = context.settings.of(MembershipConfig).shown
    members = story.article_ids
    if len(members) < 2:
        return story
    lines = []
    families = Counter(q.family for q in story.quotes if q.family)
    for article_id in members:
        shared = [
            e for e in story.entities
            if e.type in ("PERSON", "ORG", "GPE", "LOC", "FAC", "EVENT")
            and article_id in {m.span.article for m in e.mentions}
            and len({m.span.article for m in e.mentions}) > 1
        ]
        shared.sort(key=lambda e: -len(e.mentions))
        quotes = {q.family for q in story.quotes
                  if q.span.article == article_id and q.family is not None and families[q.family] > 1}
        parts = []
        if shared:
            parts.append("shares " + ", ".join(e.name for e in shared[:shown])
                         + (f" and {len(shared) - shown} more entities" if len(shared) > shown else ""))
        if quotes:
            parts.append(f"reports {len(quotes)} quote{'s' if len(quotes) > 1 else ''} another article reports")
        if parts:
            lines.append(f"{_label(story, context, article_id)} " + "; ".join(parts))
    return evolve(story, why=story.why + tuple(lines))


STAGE: Stage[Story] = Stage(
    name="membership", kind="story", func=explain_membership, requires=frozenset({"entities", "quotes"}),
    provides=frozenset({"why"}), config=MembershipConfig,
    help="Each member's shared entities and shared quotes, added to the story's reasons.",
)
