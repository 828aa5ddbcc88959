"""The one data model every stage reads and returns.

Everything is a frozen dataclass. Evidence is a :class:`Span`: an article id and character offsets into
that article's ``text``, so ``article.text[span.start:span.end]`` is what the claim rests on. No I/O here.

Flow: ``RawDocument`` (ingest) -> ``Article`` (normalise, then analyse adds mentions, times, quotes,
claims) -> ``Story`` (group, then compare adds entities, quote families, facts, timeline) -> ``Brief``.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from typing import Any, Literal

__all__ = [
    "Article",
    "Brief",
    "BriefSentence",
    "Claim",
    "Conflict",
    "Entity",
    "Fact",
    "Meta",
    "Mention",
    "Problem",
    "Quote",
    "RawDocument",
    "Removal",
    "Report",
    "Span",
    "Story",
    "TimeExpression",
    "TimelineEntry",
    "evolve",
]

#: Where a piece of metadata came from, most trusted first.
MetaSource = Literal["flag", "sidecar", "record", "html-meta", "feed", "text", "default"]
QuoteKind = Literal["direct", "indirect", "mixed"]
FactStatus = Literal["corroborated", "unique", "conflicting"]


def evolve(obj: Any, **changes: Any) -> Any:
    """Return a copy of a frozen dataclass with ``changes`` applied (stages never mutate)."""
    return replace(obj, **changes)


@dataclass(frozen=True, slots=True)
class Span:
    """Character offsets into one article's ``text``: ``text[start:end]`` is the evidence."""

    article: str
    start: int
    end: int

    def to_dict(self) -> dict[str, Any]:
        return {"article": self.article, "start": self.start, "end": self.end}


@dataclass(frozen=True, slots=True)
class Meta:
    """A metadata value together with where it came from (its provenance)."""

    value: str
    source: MetaSource


@dataclass(frozen=True, slots=True)
class RawDocument:
    """What ingest produces: one report's text as read, before any cleaning.

    ``text`` is the decoded input (for HTML, the main text trafilatura extracted); debris offsets in
    :class:`Removal` point into it. ``meta`` maps field names (title, outlet, published, author, url,
    language, standfirst) to a :class:`Meta` carrying provenance.
    """

    input: str
    text: str
    format: Literal["text", "html", "record"]
    meta: tuple[tuple[str, Meta], ...] = ()

    def get(self, name: str) -> Meta | None:
        for key, value in self.meta:
            if key == name:
                return value
        return None


@dataclass(frozen=True, slots=True)
class Removal:
    """Page debris taken out during normalisation; offsets into the raw input text."""

    start: int
    end: int
    text: str
    reason: str


@dataclass(frozen=True, slots=True)
class Problem:
    """An input, article or stage that could not do its work, and why. Nothing fails silently."""

    input: str
    error: str
    stage: str | None = None


@dataclass(frozen=True, slots=True)
class Mention:
    """A named or described reference to an entity inside one article."""

    span: Span
    text: str
    type: str
    role: str | None = None


@dataclass(frozen=True, slots=True)
class TimeExpression:
    """A time expression and its TIMEX3-style value anchored to publication (null with a reason)."""

    span: Span
    text: str
    type: Literal["DATE", "TIME", "DURATION", "SET"]
    value: str | None
    why: str


@dataclass(frozen=True, slots=True)
class Quote:
    """Who said what: the quoted or reported words and the speaker as written."""

    id: str
    span: Span
    text: str
    kind: QuoteKind
    speaker_text: str | None
    speaker_span: Span | None = None
    speaker: str | None = None
    family: str | None = None


@dataclass(frozen=True, slots=True)
class Claim:
    """One checkable statement from an article, with who asserts it."""

    id: str
    span: Span
    text: str
    asserted_by: str | None = None
    numbers: tuple[str, ...] = ()
    negated: bool = False


@dataclass(frozen=True, slots=True)
class Article:
    """One cleaned report. ``text`` is what every span in the report points into."""

    id: str
    input: str
    text: str
    title: str | None = None
    outlet: Meta | None = None
    published: Meta | None = None
    author: Meta | None = None
    url: str | None = None
    language: str = "und"
    standfirst: str | None = None
    removed: tuple[Removal, ...] = ()
    paragraphs: tuple[tuple[int, int], ...] = ()
    sentences: tuple[tuple[int, int], ...] = ()
    mentions: tuple[Mention, ...] = ()
    times: tuple[TimeExpression, ...] = ()
    quotes: tuple[Quote, ...] = ()
    claims: tuple[Claim, ...] = ()
    notes: tuple[Problem, ...] = ()
    done: frozenset[str] = field(default_factory=frozenset)

    def span_text(self, span: Span) -> str:
        return self.text[span.start : span.end]


@dataclass(frozen=True, slots=True)
class Entity:
    """One real-world thing across articles, with every spelling and why the mentions were merged."""

    id: str
    name: str
    type: str
    mentions: tuple[Mention, ...]
    why: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class Conflict:
    span: Span
    why: str


@dataclass(frozen=True, slots=True)
class Fact:
    id: str
    text: str
    status: FactStatus
    support: tuple[Span, ...]
    sources: int = 1
    conflicts: tuple[Conflict, ...] = ()


@dataclass(frozen=True, slots=True)
class TimelineEntry:
    date: str
    text: str
    support: tuple[Span, ...]
    times: tuple[tuple[Span, str], ...] = ()


@dataclass(frozen=True, slots=True)
class BriefSentence:
    sentence: str
    support: tuple[Span, ...]


@dataclass(frozen=True, slots=True)
class Brief:
    sentences: tuple[BriefSentence, ...] = ()


@dataclass(frozen=True, slots=True)
class Story:
    """Articles (or segments of them) about one event, and what comparing them found."""

    id: str
    title: str
    segments: tuple[Span, ...]
    why: tuple[str, ...] = ()
    entities: tuple[Entity, ...] = ()
    quotes: tuple[Quote, ...] = ()
    facts: tuple[Fact, ...] = ()
    timeline: tuple[TimelineEntry, ...] = ()
    brief: Brief = field(default_factory=Brief)

    @property
    def article_ids(self) -> tuple[str, ...]:
        seen: dict[str, None] = {}
        for span in self.segments:
            seen.setdefault(span.article, None)
        return tuple(seen)


@dataclass(frozen=True, slots=True)
class Report:
    """The whole result of a run: what ``newsweave/1`` JSON, Markdown and HTML render."""

    articles: tuple[Article, ...]
    stories: tuple[Story, ...]
    problems: tuple[Problem, ...] = ()
