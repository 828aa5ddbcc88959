"""The claim check, the fact-checker's first question: which stored reports support, deny or only
discuss a short claim, said how (modality) and by how many independent sources.

Each report is read by :func:`newsweave.compare.stance.stance_of` with IDF weights over all the reports
checked. A related report is listed with the sentences read (spans into its text), the cue words that
decided its stance and the modality of the claim in its best sentence ("hedged", "conditional",
"attributed" or None, as facts carry it). Independence is the stories' own (``Story.sources``): two
reports of one outlet, or a wire copy and its original, are one source. When no report relates, the
check says so in ``note``.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from ..codec import encode
from ..config import Settings
from ..model import Article, Span, Story
from .align import Member, sources_of
from .facts import modality_of
from .stance import Label, Read, StanceConfig, stance_of, weights

__all__ = ["ClaimCheck", "Finding", "check_claim"]


@dataclass(frozen=True, slots=True)
class Finding:
    """One stored report that relates to the claim: its stance, the spans read, and who stands behind it.

    ``source`` is the id of its independent source (the first report of its outlet or wire copy in its
    story; the article's own id when it is in no story); ``outlet`` as the report names it."""

    article: str
    title: str | None
    outlet: str | None
    stance: Label
    relatedness: float
    spans: tuple[Span, ...]
    texts: tuple[str, ...]
    modality: str | None
    source: str
    cues: tuple[str, ...] = ()
    why: str = ""


@dataclass(frozen=True, slots=True)
class ClaimCheck:
    """The answer to one claim: the related reports (support first, then denial, then discussion), the
    number of independent sources and of reports per stance, and a note when nothing relates."""

    claim: str
    findings: tuple[Finding, ...]
    checked: int
    sources: Mapping[str, int]
    reports: Mapping[str, int]
    note: str = ""

    def summary(self, stance: str) -> str:
        """"N independent sources (M reports)" for one stance."""
        n, m = self.sources.get(stance, 0), self.reports.get(stance, 0)
        return f"{n} independent source{'s' * (n != 1)} ({m} report{'s' * (m != 1)})"

    def to_dict(self) -> dict[str, Any]:
        """The JSON every face returns: the fields, and each stance's summary line."""
        return {**encode(self), "sources": dict(self.sources), "reports": dict(self.reports),
                "summary": {label: self.summary(label) for label in _ORDER}}


_ORDER = {"agree": 0, "disagree": 1, "discuss": 2}


def check_claim(claim: str, articles: Sequence[Article], stories: Sequence[Story],
                settings: Settings = Settings()) -> ClaimCheck:  # noqa: B008 - frozen
    """Read every article against ``claim`` and list the related ones with their stance."""
    config = settings.of(StanceConfig)
    by_id = {a.id: a for a in articles}
    source = _sources(stories, by_id)
    w = weights(a.text for a in articles)
    findings = []
    for article in articles:
        read = stance_of(claim, article.text, w, article.sentences or None, config)
        if read.label != "unrelated":
            findings.append(_finding(article, read, source.get(article.id, article.id)))
    findings.sort(key=lambda f: (_ORDER[f.stance], -f.relatedness, f.article))
    sources = {label: len({f.source for f in findings if f.stance == label}) for label in _ORDER}
    reports = {label: sum(f.stance == label for f in findings) for label in _ORDER}
    note = "" if findings else f"no stored report relates to this claim ({len(articles)} checked)"
    return ClaimCheck(claim, tuple(findings), len(articles), sources, reports, note)


def _sources(stories: Sequence[Story], articles: Mapping[str, Article]) -> dict[str, str]:
    found: dict[str, str] = {}
    for story in stories:
        members = {a: articles[a] for a in story.article_ids if a in articles}
        if len(members) == len(story.article_ids):
            found.update(sources_of(story, members))
    return found


def _finding(article: Article, read: Read, source: str) -> Finding:
    spans = tuple(Span(article.id, a, b) for a, b, _ in read.sentences)
    texts = tuple(article.text[a:b].strip() for a, b, _ in read.sentences)
    return Finding(article.id, article.title, article.outlet.value if article.outlet else None, read.label,
                   round(read.relatedness, 3), spans, texts, _modality(article, read), source, read.cues, read.why)


def _modality(article: Article, read: Read) -> str | None:
    """The modality of the best sentence's main claim; without claims, "hedged" when hedging decided."""
    if not read.sentences:
        return None
    start, end, _ = read.sentences[0]
    claims = tuple(c for c in article.claims if start <= c.span.start < end)
    if claims:
        outlet = article.outlet.value if article.outlet else article.input
        return modality_of(Member(Span(article.id, start, end), article.text[start:end], outlet, outlet, claims))
    return "hedged" if read.label == "discuss" and read.cues else None
