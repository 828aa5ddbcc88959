"""Who said what: direct, mixed and indirect quotations with the speaker as written.

What counts (the bench gold in ``bench/gold/quotes/README.md`` follows the same rules):

- **direct**: words inside quotation marks that stand as an utterance on their own ("“A,” he said",
  "X said: “A”", "X said that “A”" when the marks enclose the whole reported clause). ``span`` is the
  text inside the marks. A quotation split by a speech tag ("“A,” he said. “B.”") gives **two** quotes
  with the same speaker: each part keeps its own exact span, and the second inherits the speaker. A
  quotation with no speech tag near it inherits the speaker of the direct quote just before it (within
  ~250 characters); otherwise its speaker is None. Quotations running over several paragraphs are one
  quote (see :mod:`.quoting.marks`).
- **mixed**: a paraphrase carrying quoted words. When the quoted words sit inside a clause reported by a
  reporting verb ("Reid said he was “terribly disappointed”"), ``span`` is the whole reported clause;
  when there is no reported clause ("Jobs called it “the hottest thing going in radio”"), ``span`` is the
  quoted fragment. Quoted words governed by no reporting verb (scare quotes, names, titles) are dropped.
- **indirect**: the clausal complement of a reporting verb (a lemma in :data:`REPORTING`) with no
  quotation marks in it, or the clause that "according to X" attaches to. Indirect speech whose speaker
  cannot be found (agentless passives: "it was announced that…") is not reported.

``speaker_text`` is the speaker's words as written ("he", "the brigade", "an official from …"), never
forced onto a name: :func:`resolve_speaker` maps a pronoun or description to the nearest suitable
:class:`~newsweave.model.Mention`. ``speaker`` (an entity id) and ``family`` are filled in later.
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from itertools import accumulate
from typing import ClassVar

import numpy as np
from spacy.attrs import IDX, LENGTH, LOWER, POS
from spacy.tokens import Doc, Token
from spacy.tokens import Span as SpacySpan

from ..config import param
from ..model import Article, Mention, Quote, Span, evolve
from ..pipeline import Context, Stage
from .arrays import text_of
from .coref import ANAPHOR_KINDS, refers_to
from .extents import Extents
from .nlp import parse
from .quoting.marks import QuotedRun, find_quoted
from .quoting.speakers import (
    QUESTION_WORDS,
    QUOTE_REPORTING,
    REPORTING,
    TAG_VERBS,
    bare_tag,
    inverted,
    is_reporting,
    speaker_of,
    tag_after,
    tag_before,
)

__all__ = ["STAGE", "QuotesConfig", "SpeakerIndex", "find_quotes", "resolve_speaker"]

FRAGMENT_VERBS = REPORTING | frozenset({"call", "describe", "term", "praise", "label"})
PRONOUNS = frozenset({"he", "she", "they", "it", "we", "i", "him", "her", "them"})
FIRST_PERSON = frozenset({"i", "we", "me", "us", "my", "our", "i'm", "i’m", "we're", "we’re", "i've", "i’ve",
                          "we've", "we’ve"})
#: Verbs whose subject speaks the quotation after a colon ("the agency responded:", "she spoke about it:").
#: Nouns of speech whose possessor speaks the quotation they introduce ("her comment that, “…”") and which,
#: as the object of a tag verb, keep it a tag ("Lind continued her remarks.").
SPEECH_NOUNS = frozenset({"comment", "remark", "statement", "words", "word", "message", "speech", "answer",
                          "response", "reply", "tweet", "post", "declaration", "promise", "pledge", "warning",
                          "claim", "assertion", "argument", "explanation", "testimony", "criticism", "quip",
                          "retort", "plea", "vow", "boast", "admission"})
COLON_VERBS = TAG_VERBS | frozenset({"speak", "talk", "put", "issue", "release", "publish", "share", "offer",
                                     "address"})


@dataclass(frozen=True, slots=True)
class QuotesConfig:
    """What the quotes stage tunes."""

    SECTION: ClassVar[str] = "quotes"
    inherit_gap: int = param(250, "Characters a tagless quotation may follow the previous one and inherit its "
                                  "speaker.", low=0)
    tag_window: int = param(40, "Tokens after a closing or before an opening mark searched for a speech tag.",
                            low=1)


_DEFAULTS = QuotesConfig()


@dataclass(frozen=True, slots=True)
class _Draft:
    start: int
    end: int
    kind: str
    speaker: tuple[int, int] | None


class _Index:
    """Character offset -> token index for one Doc."""

    def __init__(self, doc: Doc, text: str) -> None:
        """``text`` is the text of ``doc`` (checked by the caller)."""
        self.doc = doc
        self.text = text
        at = [-1] * (len(text) + 1)
        if len(doc):  # read from arrays: a Python Token per word costs more than the loop
            for i, (idx, length) in enumerate(doc.to_array([IDX, LENGTH]).tolist()):
                at[idx : idx + max(length, 1)] = [i] * max(length, 1)
        self.at: list[int] = _fill_from_the_right(np.array(at), len(doc)).tolist()

    def token(self, char: int) -> int:
        return self.at[min(char, len(self.at) - 1)]


def _fill_from_the_right(at: np.ndarray, default: int) -> np.ndarray:
    """Each -1 in ``at`` replaced by the nearest value to its right that is not -1 (``default`` when there is
    none): whitespace between tokens maps to the next token. In arrays, not a loop over every character."""
    size = len(at)
    marked = np.where(at >= 0, np.arange(size), size)
    nearest = np.minimum.accumulate(marked[::-1])[::-1]  # the first marked position at or after each
    return np.where(nearest < size, at[np.minimum(nearest, size - 1)], default)


def _last_char(text: str, end: int, blank: str | None = " \t\xa0") -> str:
    """The last character of ``text[:end].rstrip(blank)`` ("" when there is none), without copying the text."""
    while end > 0 and (text[end - 1].isspace() if blank is None else text[end - 1] in blank):
        end -= 1
    return text[end - 1] if end > 0 else ""


def _previous_word(doc: Doc, tok: int) -> Token | None:
    i = tok - 1
    while i >= 0 and doc[i].is_space:
        i -= 1
    return doc[i] if i >= 0 else None


def _utterance(text: str, run: QuotedRun) -> bool:
    """Sentence-like: six words or more, ending with a full stop, question or exclamation mark that ends the
    reporter's sentence too (nothing but a full stop or a new sentence after the closing mark)."""
    content = text[run.start : run.end].rstrip("”’\"» ")
    rest = text[run.close + 1 : run.close + 40].lstrip(" \t\xa0") if run.close is not None else ""
    if len(content.split()) < 6 or (content[-1:] not in ".?!…" and rest[:1] not in (".", "!", "?")):
        return False
    return not rest or not (rest[:1].isalpha() and rest[:1].islower())


def _tag_follows(doc: Doc, index: _Index, run: QuotedRun) -> bool:
    """A speech tag right after the closing mark ('…,” she said' / '…?” asked the mayor')."""
    close_tok = index.token(run.close + 1) if run.close is not None else index.token(run.end)
    after = tag_after(doc, close_tok, len(doc), 8)
    return after is not None and after[0].i - close_tok <= 4


def _is_direct(text: str, doc: Doc, index: _Index, run: QuotedRun) -> bool:
    """Does the quotation stand as an utterance on its own (rather than quoted words in a sentence)?

    Not when the sentence runs on after the closing mark with lower-case words that are not a speech tag
    ("said “it gets me mad” every time …", "a hat reading “Make It Great” on Wednesday"), nor when it opens
    after a comma or dash inside a sentence with no speech tag before or after it ("repeat, “Law and
    Order,” and …"), nor when it starts in lower case after a comma or dash ("…, “our oceans will save
    us.”": the rest of a clause the reporter began)."""
    content = text[run.start : run.end]
    if len(content.split()) < 2:
        return False
    if run.close is not None:
        rest = text[run.close + 1 : run.close + 40].lstrip(" \t\xa0")
        runs_on = rest[:1].isalpha() and rest[:1].islower()
        if runs_on and content.rstrip()[-1:] not in ",—–-" and not _tag_follows(doc, index, run):
            return False
    before = _last_char(text, run.open)
    if not before or before == "\n" or before in ":.!?([”’\"»“":
        return True
    previous = _previous_word(doc, index.token(run.open))
    if previous is None:
        return True
    if before in ",;—–-":
        spoken = any(is_reporting(t, TAG_VERBS) for t in doc[max(0, previous.i - 4) : previous.i])
        if spoken or _tag_follows(doc, index, run):
            return True
        open_tok = index.token(run.open)
        reported = any(is_reporting(t, TAG_VERBS) for t in doc[doc[open_tok].sent.start : open_tok])
        if content[:1].islower():
            # "…, “we have always loved the place.”": an utterance in the speaker's own voice, not the end
            # of a clause some reporting verb began
            return not reported and _utterance(text, run) and bool(FIRST_PERSON & set(content.lower().split()))
        return _utterance(text, run) or tag_before(doc, open_tok, 0, 40) is not None
    if is_reporting(previous, TAG_VERBS):
        return True
    if previous.lower_ == "that":
        window = doc[max(0, previous.i - 5) : previous.i]
        return any(is_reporting(t, TAG_VERBS) for t in window)
    return False


def _chars(span: SpacySpan) -> tuple[int, int]:
    return span.start_char, span.end_char


def _direct_speaker(text: str, doc: Doc, index: _Index, run: QuotedRun,
                    bounds: tuple[int, int], window: int) -> tuple[int, int] | None:
    content = text[run.start : run.end].rstrip("”’\"» ")
    close_tok = index.token(run.close + 1) if run.close is not None else index.token(run.end)
    after = tag_after(doc, close_tok, index.token(bounds[1]), window)
    if after is not None:
        verb, speaker = after
        reports_other = any(c.dep_ == "ccomp" and c.i > close_tok for c in verb.children)
        near = verb.i - close_tok <= 4 and not reports_other
        continues = close_tok < len(doc) and doc[close_tok].text[:1].islower()
        if content[-1:] == ".":  # '“… again.” Lena Varga said.': only a bare tag, right after the mark
            bare = verb.i - close_tok <= 3 and not any(c.dep_ in ("dobj", "xcomp") for c in verb.children)
            near = near and (continues or bare)
        if speaker is not None and (content[-1:] in ",—–-" or near):
            return _chars(speaker)
    if after is None and content[-1:] in (",", "?", "!"):
        tag = bare_tag(doc, close_tok)
        if tag is not None:
            return _chars(tag)
    before = tag_before(doc, index.token(run.open), index.token(bounds[0]), window)
    if before is not None and before[1] is not None:
        return _chars(before[1])
    return (_colon_speaker(text, doc, index, run) or _according_before(doc, index.token(run.open))
            or _possessed_speech(doc, index.token(run.open))
            or _according_after(doc, close_tok) or _sentence_before(doc, index, run))


def _colon_speaker(text: str, doc: Doc, index: _Index, run: QuotedRun) -> tuple[int, int] | None:
    """'… the agency responded:¶“…”' (the subject of the last speech verb before the colon), '… Jennifer
    Chelune spoke about the incident: “…”' (the subject of the sentence's verb of speaking, or of a verb whose
    object is a speech noun: 'delivered a blunt message to the board: “…”') or 'Secretary of
    the Air Force James Roche: “…”' (the name right before the colon). A colon after any other sentence
    ("the winner was the stage itself:") names no speaker."""
    if _last_char(text, run.open, None) != ":":
        return None
    colon = _previous_word(doc, index.token(run.open))
    name = _previous_word(doc, colon.i) if colon is not None else None
    if name is None or colon is None:
        return None
    sentence = doc[name.sent.start : colon.i]
    verbs = [t for t in sentence if is_reporting(t, COLON_VERBS) or (t.pos_ == "VERB" and any(
        c.dep_ == "dobj" and c.lemma_.lower() in SPEECH_NOUNS for c in t.children))]
    if verbs and any(t.text in ("-", "–", "—") for t in doc[verbs[-1].i : colon.i]):
        verbs = []  # "Pollsters agree - Lena Varga: “…”": the name before the colon speaks
    for verb in reversed(verbs):
        subject = speaker_of(verb, (name.sent.start, colon.i)) or inverted(verb, colon.i)
        if subject is not None:
            return _chars(subject)
    if verbs or name.pos_ != "PROPN":
        return None
    start = name.i
    while start > 0 and doc[start - 1].pos_ == "PROPN" and doc[start - 1].ent_iob_ in ("B", "I"):
        start -= 1
    return doc[start].idx, name.idx + len(name.text)


def _possessed_speech(doc: Doc, open_tok: int) -> tuple[int, int] | None:
    """'… after her March comment that, “…”' / 'Lena Varga's statement: “…”': the possessor of a speech noun
    right before the quotation (only "that", a comma or a colon between)."""
    i = open_tok - 1
    while i >= 0 and (doc[i].is_space or doc[i].text in (",", ":") or doc[i].lower_ == "that"):
        i -= 1
    if i < 0 or open_tok - i > 4 or doc[i].pos_ != "NOUN" or doc[i].lemma_.lower() not in SPEECH_NOUNS:
        return None
    owner = next((c for c in doc[i].children if c.dep_ == "poss"), None)
    if owner is None:
        return None
    start, end = owner.left_edge.i, owner.i + 1
    return doc[start].idx, doc[end - 1].idx + len(doc[end - 1].text)


def _according_before(doc: Doc, open_tok: int) -> tuple[int, int] | None:
    """'According to the council, “…”': the source of an 'according to' right before the quotation."""
    start = open_tok - 1
    while start >= 0 and (doc[start].is_punct or doc[start].is_space):
        start -= 1
    for token in doc[max(0, start - 12) : start + 1]:
        if token.lower_ == "according" and token.i + 1 < len(doc) and doc[token.i + 1].lower_ == "to":
            source = next((c for c in doc[token.i + 1].children if c.dep_ == "pobj"), None)
            if source is not None and source.i <= start:
                return speaker_of_phrase(source)
    return None


def _sentence_before(doc: Doc, index: _Index, run: QuotedRun) -> tuple[int, int] | None:
    """'… a “change agent,” Vera Lind said. “That is what people want.”': a quotation opening a sentence with
    no tag of its own takes the speaker of the sentence just before it (in the paragraph, or ending the
    paragraph before when the quotation opens its own) when that sentence holds a speech tag."""
    open_tok = index.token(run.open)
    end = _previous_word(doc, open_tok)
    if end is None or end.text not in (".", "!", "?", "”", "’", '"'):
        return None
    gap = index.text[end.idx + len(end.text) : run.open]
    if gap.count("\n") > 2 or (gap.count("\n") and _last_char(index.text, run.open) != "\n"):
        return None
    sentence = doc[end.sent.start : end.i + 1]
    for verb in reversed(sentence):
        # a tag ("Vera Lind said.", "…, saying he would", "Lind continued her remarks.", "Lind told the
        # radio."), not a verb with an object ("was claiming success")
        if is_reporting(verb, TAG_VERBS) and (verb.lemma_.lower() == "tell" or not any(
                c.dep_ == "dobj" and c.lemma_.lower() not in SPEECH_NOUNS for c in verb.children)):
            speaker = speaker_of(verb, (sentence.start, sentence.end))
            if speaker is not None and not _quoted_span(index.text, speaker):
                return _chars(speaker)
    return None


def _quoted_span(text: str, speaker: SpacySpan) -> bool:
    """Does the speaker phrase sit inside quotation marks (words of a quotation, not a speaker)?"""
    before = text[speaker.sent.start_char : speaker.start_char]
    return (before.count("“") > before.count("”")) or before.count('"') % 2 == 1


def _according_after(doc: Doc, close_tok: int) -> tuple[int, int] | None:
    """'“…,” according to a court filing.': the source of an 'according to' right after the quotation."""
    for token in doc[close_tok : close_tok + 3]:
        if token.lower_ == "according" and token.i + 1 < len(doc) and doc[token.i + 1].lower_ == "to":
            source = next((c for c in doc[token.i + 1].children if c.dep_ == "pobj"), None)
            return speaker_of_phrase(source) if source is not None else None
    return None


def _direct_quotes(text: str, doc: Doc, index: _Index, runs: list[QuotedRun], config: QuotesConfig,
                   quoted: Sequence[QuotedRun] = ()) -> list[_Draft]:
    """Direct quotes of ``runs``; a speaker found inside any of the ``quoted`` runs is words of a quotation
    (a misparse), not a speaker, and is dropped."""
    drafts: list[_Draft] = []
    quoted_at = Extents((r.start, r.end) for r in quoted)
    for k, run in enumerate(runs):
        low = runs[k - 1].end if k else 0
        high = runs[k + 1].open if k + 1 < len(runs) else len(text)
        speaker = _direct_speaker(text, doc, index, run, (low, high), config.tag_window)
        if speaker is not None and quoted_at.holding(*speaker):
            speaker = None
        if speaker is None and drafts:
            previous = drafts[-1]
            if run.open - previous.end <= config.inherit_gap and _continues(text, previous.end, run.open):
                speaker = previous.speaker
        drafts.append(_Draft(run.start, run.end, "direct", speaker))
    return drafts


def _continues(text: str, previous_end: int, open_at: int) -> bool:
    """May a tagless quotation inherit the speaker of the quotation ending at ``previous_end``? In the same
    paragraph, or in the next one when that paragraph opens with the quotation (the newspaper convention:
    a quoted paragraph with no tag continues the speaker of the paragraph before)."""
    between = text[previous_end:open_at]
    breaks = between.count("\n\n") + between.replace("\n\n", "").count("\n")
    if breaks == 0:
        return True
    return breaks == 1 and text[:open_at].rstrip(" \t").endswith("\n")


def _trim(doc: Doc, start: int, end: int) -> tuple[int, int]:
    """Token range without a leading 'that'/punctuation and trailing punctuation."""
    while start < end and (doc[start].is_punct or doc[start].is_space or doc[start].lower_ == "that"):
        start += 1
    while end > start and (doc[end - 1].is_punct or doc[end - 1].is_space):
        end -= 1
    return start, end


def _clause_chars(doc: Doc, start: int, end: int) -> tuple[int, int] | None:
    start, end = _trim(doc, start, end)
    if end - start < 2:
        return None
    return doc[start].idx, doc[end - 1].idx + len(doc[end - 1].text)


def _contiguous(ids: set[int], anchor: int) -> tuple[int, int]:
    start, end = anchor, anchor + 1
    while start - 1 in ids:
        start -= 1
    while end in ids:
        end += 1
    return start, end


def _verbs_and_according(doc: Doc) -> list[int]:
    """The tokens :func:`_reported` looks at (verbs and auxiliaries, and "according"), read from arrays so
    that only they become Python Tokens."""
    if len(doc) == 0:
        return []
    pos, lower = doc.to_array([POS, LOWER]).T.tolist()
    strings = doc.vocab.strings
    verbal = {p for p in set(pos) if strings[p] in ("VERB", "AUX")}
    according = strings["according"] if "according" in strings else None
    return [i for i, (p, w) in enumerate(zip(pos, lower, strict=True)) if p in verbal or w == according]


def _reported(doc: Doc) -> list[tuple[tuple[int, int], tuple[int, int]]]:
    """(clause chars, speaker chars) for every reporting verb with a clause and every 'according to X'."""
    found = []
    for i in _verbs_and_according(doc):
        token = doc[i]
        if is_reporting(token, QUOTE_REPORTING):
            speaker = speaker_of(token)
            if speaker is None:
                continue
            for head in _clauses(token):
                ids = {t.i for t in head.subtree}
                clause = _clause_chars(doc, *_contiguous(ids, head.i))
                if clause:
                    found.append((clause, _chars(speaker)))
            if token.dep_ == "parataxis" and not any(c.dep_ == "ccomp" for c in token.children):
                clause = _parenthetical(doc, token)
                if clause:
                    found.append((clause, _chars(speaker)))
        elif token.lower_ == "according":
            found.extend(_according(doc, token))
    return found


def _clauses(verb: Token) -> list[Token]:
    """The heads of the clauses a reporting verb reports: its clausal complements; a 'that' clause the
    parser hung on a noun after the verb ('said during a news conference that he may wait'); a long object
    of 'say' the parser took for a noun phrase ('says the movement that is sweeping the country appeals
    to …')."""
    heads = [c for c in verb.children if c.dep_ == "ccomp"]
    if verb.lemma_.lower() == "ask":  # a reported question, not a request ("asked that it be made")
        return [h for h in heads if next(iter(h.subtree)).lower_ in QUESTION_WORDS]
    if heads:
        return heads
    for prep in (c for c in verb.children if c.dep_ == "prep"):
        for noun in (c for c in prep.children if c.dep_ == "pobj"):
            for clause in (c for c in noun.children if c.dep_ == "relcl"):
                if any(m.dep_ == "mark" and m.lower_ == "that" and m.pos_ == "SCONJ" for m in clause.children):
                    heads.append(clause)
    if verb.lemma_.lower() == "say":
        for obj in (c for c in verb.children if c.dep_ == "dobj"):
            if len(list(obj.subtree)) >= 8 and any(t.pos_ in ("VERB", "AUX") for t in obj.subtree):
                heads.append(obj)
    return heads


def _parenthetical(doc: Doc, tag: Token) -> tuple[int, int] | None:
    """'This campaign, he says, is different': the part of the sentence that holds its verb, outside the
    parenthetical speech tag."""
    head = tag.head
    if head.i == tag.i or head.pos_ not in ("VERB", "AUX"):
        return None
    sentence = head.sent
    outside = {t.i for t in tag.subtree}
    ids = {t.i for t in head.subtree if sentence.start <= t.i < sentence.end} - outside
    if not ids:
        return None
    first, last = min(outside), max(outside)
    start, end = (last + 1, max(ids) + 1) if head.i > last else (min(ids), first)
    if start < end and end - start >= 3:
        return _clause_chars(doc, start, end)
    return None


def _according(doc: Doc, according: Token) -> list[tuple[tuple[int, int], tuple[int, int]]]:
    to = next((c for c in according.children if c.lower_ == "to"), None)
    source = next((c for c in to.children if c.dep_ == "pobj"), None) if to is not None else None
    if source is None:
        return []
    speaker = speaker_of_phrase(source)
    head = according.head
    outside = {t.i for t in according.subtree}
    ids = {t.i for t in head.subtree} - outside
    sentence = head.sent
    ids = {i for i in ids if sentence.start <= i < sentence.end}
    if not ids:
        return []
    start, end = min(ids), max(ids) + 1
    if start < according.i < end:  # "A, according to X, B": keep the part holding the verb
        start, end = (according.i + len(outside), end) if head.i > according.i else (start, according.i)
    clause = _clause_chars(doc, start, end)
    return [(clause, speaker)] if clause else []


def speaker_of_phrase(token: Token) -> tuple[int, int]:
    subtree = list(token.subtree)
    cut = [t.i for t in subtree if t.dep_ in ("relcl", "acl") and t.head.i == token.i]
    end = min(cut) if cut else subtree[-1].i + 1
    start, end = _trim(token.doc, subtree[0].i, end)
    return token.doc[start].idx, token.doc[end - 1].idx + len(token.doc[end - 1].text)


def _overlap(a: tuple[int, int], b: tuple[int, int]) -> int:
    return max(0, min(a[1], b[1]) - max(a[0], b[0]))


def _indirect_and_mixed(doc: Doc, index: _Index, direct: list[_Draft],
                        fragments: list[QuotedRun]) -> list[_Draft]:
    drafts: list[_Draft] = []
    used: set[int] = set()
    direct_at = Extents((d.start, d.end) for d in direct)
    fragment_at = Extents((f.start, f.end) for f in fragments)
    draft_at = Extents()
    for clause, speaker in _reported(doc):
        size = clause[1] - clause[0]
        near = direct_at.overlapping(*clause) if size // 2 >= 0 else range(len(direct))  # overlap > size // 2
        if any(_overlap(clause, (direct[k].start, direct[k].end)) > size // 2 for k in near):
            continue
        if draft_at.holding(clause[0], clause[1], slack=1):
            continue  # a clause inside a clause already reported by the same sentence
        inside = fragment_at.inside(clause[0], clause[1] + 1)
        used.update(inside)
        drafts.append(_Draft(clause[0], clause[1], "mixed" if inside else "indirect", speaker))
        draft_at.add(clause[0], clause[1])
    return drafts + _fragment_quotes(doc, index, fragments, used)


def _fragment_quotes(doc: Doc, index: _Index, fragments: list[QuotedRun], used: set[int]) -> list[_Draft]:
    drafts = []
    for k, run in enumerate(fragments):
        if k in used:
            continue
        verb = doc[index.token(run.start)]
        for _ in range(6):
            if is_reporting(verb, FRAGMENT_VERBS) or verb.head.i == verb.i:
                break
            verb = verb.head
        if not is_reporting(verb, FRAGMENT_VERBS):
            continue
        speaker = speaker_of(verb)
        if speaker is not None and _overlap(_chars(speaker), (run.start, run.end)) == 0:
            drafts.append(_Draft(run.start, run.end, "mixed", _chars(speaker)))
    return drafts


def _nested(drafts: list[_Draft]) -> list[_Draft]:
    """Keep the outer one of two reported clauses when one holds the other."""
    # a reported clause o holds d and is longer when it starts earlier and ends no earlier, or starts with
    # it and ends later: the latest end among clauses starting before d, and among those starting with it
    reported = sorted((d.start, d.end) for d in drafts if d.kind != "direct")
    starts = [start for start, _ in reported]
    latest_before = list(accumulate((end for _, end in reported), max))
    kept = []
    for d in drafts:
        if d.kind != "direct":
            first, after = bisect_left(starts, d.start), bisect_right(starts, d.start)
            if (first and latest_before[first - 1] >= d.end) or reported[after - 1][1] > d.end:
                continue
        kept.append(d)
    return kept


def find_quotes(
    article: Article, doc: Doc, mentions: Sequence[Mention] = (), config: QuotesConfig = _DEFAULTS
) -> tuple[Quote, ...]:
    """Every quotation in ``article``; ``doc`` must be the parse of exactly ``article.text``.

    ``mentions`` is accepted for pipelines that already have them; speakers are found from the parse,
    and :func:`resolve_speaker` is the place where mentions are used.
    """
    if text_of(doc) != article.text:
        raise ValueError(f"article {article.id!r}: doc is not the parse of article.text")
    text = article.text
    index = _Index(doc, text)
    runs = find_quoted(text)
    direct_runs = [r for r in runs if _is_direct(text, doc, index, r)]
    direct_ids = {id(r) for r in direct_runs}  # runs are distinct extents: identity is equality here
    fragments = [r for r in runs if id(r) not in direct_ids]
    direct = _direct_quotes(text, doc, index, direct_runs, config, runs)
    drafts = direct + _nested(_indirect_and_mixed(doc, index, direct, fragments))
    drafts.sort(key=lambda d: (d.start, d.end))
    return tuple(_quote(article, n, d) for n, d in enumerate(drafts, 1))


def _quote(article: Article, n: int, draft: _Draft) -> Quote:
    speaker_span = Span(article.id, *draft.speaker) if draft.speaker else None
    speaker_text = article.text[draft.speaker[0] : draft.speaker[1]] if draft.speaker else None
    return Quote(f"{article.id}-q{n}", Span(article.id, draft.start, draft.end),
                 article.text[draft.start : draft.end], draft.kind,  # type: ignore[arg-type]
                 speaker_text, speaker_span)


class SpeakerIndex:
    """An article's mentions indexed for :func:`resolve_speaker`: by span, by where they end and by where they
    start, so resolving each of many quotes does not sort or scan every mention of the article."""

    def __init__(self, mentions: Sequence[Mention]) -> None:
        self.mentions = mentions
        self.named_at: dict[Span, Mention] = {}
        for m in mentions:
            if m.link is None:
                self.named_at.setdefault(m.span, m)
        by_end = sorted(range(len(mentions)), key=lambda k: mentions[k].span.end)  # stable: ties in text order
        self.by_end = [mentions[k] for k in by_end]
        self.ends = [m.span.end for m in self.by_end]
        self.by_start = sorted(range(len(mentions)), key=lambda k: mentions[k].span.start)
        self.starts = [mentions[k].span.start for k in self.by_start]

    def named(self, mention: Mention) -> Mention | None:
        """A name mention itself, or the name a pronoun or description mention refers to (None when unknown)."""
        if mention.link is None:
            return mention
        target = refers_to(mention)
        return self.named_at.get(target) if target is not None else None

    def within(self, start: int, end: int) -> list[int]:
        """Indices (in the given order) of the mentions inside ``start:end``."""
        low, high = bisect_left(self.starts, start), bisect_right(self.starts, end)
        return sorted(k for k in self.by_start[low:high] if self.mentions[k].span.end <= end)

    def last_before(self, at: int, keep: Callable[[Mention], bool]) -> Mention | None:
        """The mention ending latest at or before ``at`` (the last of equal ends in text order) that ``keep``
        accepts."""
        for k in range(bisect_right(self.ends, at) - 1, -1, -1):
            if keep(self.by_end[k]):
                return self.by_end[k]
        return None


def resolve_speaker(quote: Quote, mentions: Sequence[Mention], index: SpeakerIndex | None = None) -> Mention | None:
    """The named mention a quote's speaker refers to, or None when it cannot be told.

    Coreference decides first: a pronoun or description speaker that :mod:`.coref` linked to a name
    outside the quotation resolves to that name (coreference keeps genders apart). Otherwise a name inside
    the speaker phrase wins ("Boeing spokesman William Barksdale" -> William Barksdale); an unlinked
    "he"/"she" goes to the nearest earlier PERSON name outside the quotation, "it"/"they" to the nearest
    organisation or country name, an unlinked "I" (outside a quotation: the writer, or a misread tag) to
    nobody (a pronoun or description mention is never an answer itself: it stands for its antecedent); a
    surname alone ("Jobs") goes to the earlier full name that ends with it.
    """
    span = quote.speaker_span
    if span is None or quote.speaker_text is None:
        return None
    index = index if index is not None and index.mentions is mentions else SpeakerIndex(mentions)
    # the quotation's own words never hold the person a pronoun in its tag stands for
    own = quote.span.start, quote.span.end

    def outside(m: Mention) -> bool:
        return not (own[0] <= m.span.start and m.span.end <= own[1])

    linked = _linked_name(span, index)
    if linked is not None and outside(linked):
        return linked
    word = quote.speaker_text.lower()
    types = ("PERSON",) if word in ("he", "she", "him", "her") else (
        ("ORG", "GPE", "NORP") if word in ("it", "they", "them", "we") else None)
    if types is not None:
        found = index.last_before(span.start, lambda m: outside(m) and m.type in types
                                  and index.named(m) is not None)
        return index.named(found) if found is not None else None
    inside = [mentions[k] for k in index.within(span.start, span.end) if mentions[k].link is None]
    inside.sort(key=lambda m: (m.type != "PERSON", -m.span.start))
    if not inside:
        return None
    best = inside[0]
    if best.type == "PERSON" and " " not in best.text:
        full = index.last_before(span.start, lambda m: outside(m) and m.type == "PERSON" and m.link is None
                                 and m.text.endswith(" " + best.text))
        return full if full is not None else best
    return best


def _linked_name(span: Span, index: SpeakerIndex) -> Mention | None:
    """The name a pronoun or description mention filling the whole speaker phrase was linked to."""
    for k in index.within(span.start, span.end):
        mention = index.mentions[k]
        if mention.link in ANAPHOR_KINDS and 2 * (mention.span.end - mention.span.start) >= span.end - span.start:
            named = index.named(mention)
            if named is not None:
                return named
    return None


def _quotes(article: Article, context: Context) -> Article:
    doc = parse(article, context.settings.spacy_model)
    config = context.settings.of(QuotesConfig)
    return evolve(article, quotes=find_quotes(article, doc, article.mentions, config))


STAGE: Stage[Article] = Stage(
    name="quotes", kind="article", func=_quotes, requires=frozenset({"text", "mentions"}),
    provides=frozenset({"quotes"}), config=QuotesConfig,
    help="Direct, mixed and indirect quotations with the speaker as written.",
)
