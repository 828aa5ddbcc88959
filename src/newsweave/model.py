"""The one data model every stage reads and returns.

Everything is a frozen dataclass. Evidence is a :class:`Span`: an article id and character offsets into
that article's ``text``, so ``article.text[span.start:span.end]`` is what the claim rests on. No I/O here.

Flow: ``RawDocument`` (ingest) -> ``Article`` (normalise, then analyse adds mentions, times, quotes,
claims) -> ``Story`` (group, then compare adds entities, quote families, facts, timeline) -> ``Brief``.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from typing import Any, Literal, get_args

__all__ = [
    "Article",
    "Brief",
    "BriefSentence",
    "Claim",
    "Conflict",
    "Correction",
    "CorrectionKind",
    "DatedBy",
    "Entity",
    "Fact",
    "Happening",
    "Meta",
    "Mention",
    "OUTLET_FIELDS",
    "OUTLET_KINDS",
    "OutletField",
    "OutletKind",
    "OutletProfile",
    "Problem",
    "Quote",
    "QuoteDiff",
    "QuoteFamily",
    "RawDocument",
    "Removal",
    "Report",
    "Source",
    "Span",
    "Story",
    "TimeExpression",
    "TimelineEntry",
    "evolve",
]

#: Where a piece of metadata came from, most trusted first.
MetaSource = Literal["flag", "sidecar", "record", "html-meta", "feed", "text", "default"]
QuoteKind = Literal["direct", "indirect", "mixed"]
FactStatus = Literal["corroborated", "partly corroborated", "unique", "conflicting"]
CorrectionKind = Literal[
    "merge_stories", "split_story", "merge_entities", "split_entity", "same_quote", "different_quote",
    "reject_fact", "accept_fact",
]
#: How a mention refers to another one in its article (see :class:`Mention`).
CorefLink = Literal["description", "pronoun", "metonym", "relative"]
#: What sort of outlet a person says an outlet is (:class:`OutletProfile`).
OutletKind = Literal[
    "wire agency", "public broadcaster", "newspaper", "magazine", "broadcaster", "online", "other", "unknown"
]
OUTLET_KINDS: tuple[str, ...] = get_args(OutletKind)
#: The fields of an outlet profile that coverage can be grouped by.
OutletField = Literal["kind", "country", "language", "owner", "leaning"]
OUTLET_FIELDS: tuple[str, ...] = get_args(OutletField)


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
    """A named or described reference to an entity inside one article.

    ``role`` is a title or description given to a name, as written ("Kremlin spokesman"). Coreference
    (:mod:`newsweave.analyse.coref`) fills ``link``:

    - ``"description"`` or ``"pronoun"``: this mention ("the company", "she") refers to the name at
      ``antecedent`` (a span of the same article) and is the same entity;
    - ``"relative"``: this name owns a kinship description of the name at ``antecedent`` ("Carter's
      late father, William Carter"): a different person, even when the family name is shared;
    - ``"metonym"``: a place standing for an actor ("Moscow said"); ``metonym_of`` names it
      (``"government"``) and ``antecedent`` is None.
    """

    span: Span
    text: str
    type: str
    role: str | None = None
    link: CorefLink | None = None
    antecedent: Span | None = None
    metonym_of: str | None = None


@dataclass(frozen=True, slots=True)
class Happening:
    """What the sentence holding a calendar date says happened, as the story timeline compares it (read from
    the parse by the times stage, so comparing never parses again): the event words, stemmed ("met" and
    "meeting" are "meet"), the participants (names, and nouns an event word governs) and the sentence's
    content words, all lower-case lemmas. ``attributive`` when the date is a bare year naming a kind of thing
    ("the 2020 election"): it says which thing, not when something happened (the sets are then empty)."""

    events: frozenset[str] = frozenset()
    participants: frozenset[str] = frozenset()
    words: frozenset[str] = frozenset()
    attributive: bool = False


@dataclass(frozen=True, slots=True)
class TimeExpression:
    """A time expression and its TIMEX3-style value anchored to publication (null with a reason)."""

    span: Span
    text: str
    type: Literal["DATE", "TIME", "DURATION", "SET"]
    value: str | None
    why: str
    happening: Happening | None = None  # a calendar date's, left by the times stage (None: any other expression)


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
    """One checkable statement from an article, with who asserts it.

    ``span`` covers the statement's own words (``text`` is exactly ``article.text[span]``); the parts
    of the statement are kept as written: ``subject`` (who), ``predicate`` (the verb's lemma),
    ``object`` (what or to whom), ``places``, ``times`` (TIMEX3 values, or the words when unresolved),
    ``items`` (the members of a coordinated list: "France, Spain and Italy"). ``quantities`` are
    normalised numbers as (value, unit, qualifier): "five hours" -> (5.0, "h", ""), "more than 15,000
    cases" -> (15000.0, "case", "min"), "3rd brigade" -> (3.0, "ordinal", ""). ``source`` says who
    asserts it: "outlet" (the report itself), "speaker" (a person or body it quotes or paraphrases;
    ``asserted_by`` is the speaker as written) or "media" (another outlet: "according to RIA
    Novosti"). ``negated`` is set for "not", "no" and denials; ``modality`` names any hedge ("denied",
    "possible", "future", "expected", "warned", "believed", "alleged").
    """

    id: str
    span: Span
    text: str
    asserted_by: str | None = None
    numbers: tuple[str, ...] = ()
    negated: bool = False
    subject: str | None = None
    predicate: str | None = None
    object: str | None = None
    places: tuple[str, ...] = ()
    times: tuple[str, ...] = ()
    items: tuple[str, ...] = ()
    quantities: tuple[tuple[float, str, str], ...] = ()
    modality: str | None = None
    source: Literal["outlet", "speaker", "media"] = "outlet"


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
    dateline_place: str | None = None  # the place of a dateline lifted out of the text ("ROME 1996-12-06")

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
    """A span that disagrees with ``against`` (the other side, when known) and why. In ``Fact.updates`` the
    two spans are reports of one outlet, ``against`` the earlier one."""

    span: Span
    why: str
    against: Span | None = None


@dataclass(frozen=True, slots=True)
class Fact:
    """Claims (or sentences) of a story's articles aligned as one statement.

    ``sources`` counts independent sources: distinct outlets, near-identical (wire) copies counted once.
    ``outlets`` names them; ``claims`` lists the ids of the aligned claims; each :class:`Conflict` gives
    the span that disagrees and why ("different numbers: ...", "claim against denial: ...").
    "partly corroborated": the sources agree on the core, one adds detail the others lack (``detail``
    says which). ``modality`` is that of its claims: "hedged", "conditional", "attributed" or None (the
    outlets' own assertion). ``updates`` are later figures of one outlet, in time order (never conflicts).
    """

    id: str
    text: str
    status: FactStatus
    support: tuple[Span, ...]
    sources: int = 1
    conflicts: tuple[Conflict, ...] = ()
    outlets: tuple[str, ...] = ()
    claims: tuple[str, ...] = ()
    modality: str | None = None
    detail: str = ""
    updates: tuple[Conflict, ...] = ()


@dataclass(frozen=True, slots=True)
class DatedBy:
    """Where a timeline entry's date comes from: the expression (``span``, ``text``), its ``value``, the
    publication date it was resolved against (``published``, None when the report has none) and the
    ``rule`` that resolved it (the time expression's ``why``)."""

    span: Span
    text: str
    value: str
    published: str | None = None
    rule: str = ""


@dataclass(frozen=True, slots=True)
class TimelineEntry:
    """One happening on a date, merged across outlets: the sentences that report it and their times.

    ``sources`` counts the independent sources (``Story.sources``) in ``support`` and ``reports`` its
    distinct articles; ``dated_by`` gives each date's provenance; ``why`` says how the entry was dated and
    merged ("dated by 'on Tuesday' = 2023-09-12; same event in 2 sources: ...").
    """

    date: str
    text: str
    support: tuple[Span, ...]
    times: tuple[tuple[Span, str], ...] = ()
    sources: int = 1
    why: str = ""
    reports: int = 1
    dated_by: tuple[DatedBy, ...] = ()


@dataclass(frozen=True, slots=True)
class QuoteDiff:
    """A word-level diff of two quotes of one family: difflib opcodes over word tokens.

    Each op is ``(tag, a_start, a_end, b_start, b_end)`` with tag ``equal``/``insert``/``delete``/
    ``replace`` and character offsets into quote ``a``'s and quote ``b``'s ``text``.
    """

    a: str
    b: str
    ops: tuple[tuple[str, int, int, int, int], ...] = ()


@dataclass(frozen=True, slots=True)
class QuoteFamily:
    """One utterance as several articles report it (or as only one does: ``single`` is then True).

    ``match`` is how the members agree: ``exact``, ``partial`` (one quotes a fragment of the other),
    ``reworded`` (a different wording or translation of the same words) or ``single``. ``outlets``
    counts the distinct outlets carrying it and ``sources`` the independent sources (the story's
    :class:`Source` groups: copies of one report count once).
    """

    id: str
    quotes: tuple[str, ...]
    text: str
    match: str = "single"
    single: bool = True
    speaker: str | None = None
    outlets: int = 1
    diffs: tuple[QuoteDiff, ...] = ()
    why: tuple[str, ...] = ()
    sources: int = 1


@dataclass(frozen=True, slots=True)
class BriefSentence:
    sentence: str
    support: tuple[Span, ...]
    status: str = "unique"
    sources: int = 1
    fact: str | None = None


@dataclass(frozen=True, slots=True)
class Brief:
    sentences: tuple[BriefSentence, ...] = ()


@dataclass(frozen=True, slots=True)
class Source:
    """One independent source of a story: every report of one outlet, joined with the copies of them
    (wire copy, syndication) other outlets ran; it counts once however many reports it has.

    ``id`` is the id of its first article in story order; ``outlets`` the outlets carrying it (empty when
    no report names one); ``articles`` its reports in the story.
    """

    id: str
    outlets: tuple[str, ...]
    articles: tuple[str, ...]


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
    quote_families: tuple[QuoteFamily, ...] = ()
    #: Groups of member articles that are copies of one report (wire copy, syndication): one source.
    copies: tuple[tuple[str, ...], ...] = ()
    #: The independent sources the story rests on (:func:`newsweave.group.sources.with_sources`); set by
    #: grouping and recomputed whenever membership changes. Empty only for a story built by hand.
    sources: tuple[Source, ...] = ()

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
    #: Provenance of the run: every setting changed from its default, ``(name, value)`` (``section.param``).
    settings: tuple[tuple[str, Any], ...] = ()


@dataclass(frozen=True, slots=True)
class Correction:
    """One judgement by a person, stored and re-applied after every analysis.

    It names what it touches by evidence that survives re-analysis, never by generated ids. ``articles``
    holds article-id groups (merge_stories: each story's articles; split_story: the articles to move
    out). ``spans`` holds span groups (merge_entities: each entity's mentions; split_entity: the mentions
    to move out; same_quote / different_quote: the two quotes' spans, one group each; reject_fact: the spans
    of the source the fact stays with, then the spans that do not report it; accept_fact: the fact's spans).
    ``name`` is the name a person gave (split_entity: the new entity's). An undone correction is kept (``undone`` says
    when) and no longer applied.
    """

    id: int
    kind: CorrectionKind
    articles: tuple[tuple[str, ...], ...] = ()
    spans: tuple[tuple[Span, ...], ...] = ()
    note: str = ""
    by: str = "person"
    at: str = ""
    undone: str = ""
    name: str = ""

    @property
    def label(self) -> str:
        """How the correction is shown next to what it changed."""
        when = f", {self.at}" if self.at else ""
        return f"{self.kind.replace('_', ' ')} by a {self.by} (correction #{self.id}{when})"


@dataclass(frozen=True, slots=True)
class OutletProfile:
    """What a person says about one outlet, matched to reports by the outlet's name (case and spacing
    aside). Every field but ``name`` is the person's word: nothing here is ever inferred, and ``leaning``
    stays None unless the person gives one."""

    name: str
    country: str | None = None
    language: str | None = None
    owner: str | None = None
    kind: OutletKind = "unknown"
    leaning: str | None = None

    @staticmethod
    def key_of(name: str) -> str:
        """How an outlet's name is matched: case and spacing aside ("The  Courier" is "the courier")."""
        return " ".join(name.casefold().split())

    @property
    def key(self) -> str:
        return OutletProfile.key_of(self.name)

    def value(self, field_name: str) -> str | None:
        """The profile's value of one of :data:`OUTLET_FIELDS` (None when not given)."""
        value = getattr(self, field_name)
        return None if field_name == "kind" and value == "unknown" else value
