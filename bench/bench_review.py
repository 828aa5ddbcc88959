"""Does the review queue point at the engine's mistakes? Story membership items on the development data
(ECB+ dev, NeuS val) against the gold events, and quote-family items on the hand-read quote-pair gold.

The stories are grouped as the engine groups them (``api.find_stories``); the queue's membership items
(:mod:`newsweave.app.review`, reports whose most similar fellow report is close to the grouping threshold)
are compared with the gold: a member is *misplaced* when fewer than half of the other members of its story
share its gold event. Printed per data set: the members of stories of two or more reports, the share
misplaced (the base rate), the items the queue lists, the share of them misplaced (``precision``), the
share of misplaced members listed (``recall``) and ``lift`` = precision / base rate (1: no better than
picking members at random). Also the time to build the items of every story.

Quote pairs (``bench/gold/quote_pairs/pairs.jsonl``): each pair is matched as the quote stage matches it
(:func:`~newsweave.compare.quote_match.compare_quotes`, told whether the annotated speakers agree); of the
pairs matched as one utterance, those the queue would list (a rewording or a partial match below its
certainty bar) and those it would not, each with the share the gold calls different utterances.

Facts (``bench/gold/facts``, the dev half of its stories: :func:`~newsweave.eval.facts.split_of`): every
story analysed and its facts aligned as ``bench_facts.py`` does; of the facts of several sources or with a
conflict, those the queue lists and the others, each with the share the gold does not bear out
(:func:`~newsweave.eval.facts.fact_right`). ``--no-facts`` skips this part (it runs the whole analysis).

    .venv/bin/python bench/bench_review.py [--data ../shared/data]

The last stdout line is a JSON list of {"name", "metric", "value"} rows (bench/run_all.py reads it).
"""

from __future__ import annotations

import argparse
import json
import time
from collections import Counter
from pathlib import Path
from typing import Any

from newsweave import api
from newsweave.app.review import SURE, items_of, quote_pairs
from newsweave.compare.facts import facts_of
from newsweave.compare.quote_match import compare_quotes
from newsweave.config import Settings
from newsweave.eval.clustering import load_labelled
from newsweave.eval.facts import analyse_story, fact_right, load_all_gold, split_of, story_records
from newsweave.eval.quote_pairs import load, speaker_agreement
from newsweave.model import QuoteFamily, evolve

DATA = Path(__file__).resolve().parents[2] / "shared" / "data"
PAIRS = Path(__file__).resolve().parent / "gold" / "quote_pairs" / "pairs.jsonl"
FACTS = Path(__file__).resolve().parent / "gold" / "facts"
SETS = {"ecbplus-dev": "ecbplus-dev/articles.jsonl", "neus-val": "neus/val.jsonl"}


def measure(path: Path) -> dict[str, Any]:
    data = load_labelled(path)
    settings = Settings()
    stories = api.find_stories(data.articles, settings)
    by_id = {a.id: a for a in data.articles}
    started = time.perf_counter()
    flagged = {i.target[0] for s in stories for i in items_of(s, by_id, (), settings) if i.kind == "story membership"}
    seconds = time.perf_counter() - started
    members, misplaced = 0, set()
    for story in stories:
        ids = story.article_ids
        if len(ids) < 2:
            continue
        events = Counter(data.event[a] for a in ids)
        members += len(ids)
        misplaced |= {a for a in ids if events[data.event[a]] - 1 < (len(ids) - 1) / 2}
    hits = len(flagged & misplaced)
    base = len(misplaced) / members if members else 0.0
    precision = hits / len(flagged) if flagged else 0.0
    return {"articles": len(data.articles), "stories": len(stories), "members": members,
            "misplaced": len(misplaced), "base_rate": round(base, 4), "listed": len(flagged),
            "precision": round(precision, 4), "recall": round(hits / len(misplaced), 4) if misplaced else 0.0,
            "lift": round(precision / base, 2) if base else 0.0, "items_seconds": round(seconds, 3)}


def quote_figures(path: Path) -> dict[str, Any]:
    """Of the gold pairs matched as one utterance: how many the queue lists, and the share of wrong matches
    (gold: different utterances) among the listed and among the others."""
    listed, kept = [], []
    for pair in load(path):
        speakers = speaker_agreement(pair["speaker_a"], pair["speaker_b"])
        match = compare_quotes(pair["quote_a"], pair["quote_b"], speakers)
        if not match.same:
            continue
        why = (f"a ~ b: {match.kind}, {match.why}",)
        family = QuoteFamily("f", ("a", "b"), pair["quote_a"], match.kind, False, why=why)
        unsure = any(certainty < SURE for *_, certainty in quote_pairs(family))
        (listed if unsure else kept).append(pair["label"] != "same")
    return {"matched": len(listed) + len(kept), "listed": len(listed),
            "wrong_listed": round(sum(listed) / len(listed), 4) if listed else 0.0,
            "wrong_not_listed": round(sum(kept) / len(kept), 4) if kept else 0.0}


def fact_figures(data: Path, folder: Path) -> dict[str, Any]:
    """Of the dev stories' facts of several sources or with a conflict: how many the queue lists, and the share
    the gold does not bear out among the listed and among the others."""
    gold = [g for g in load_all_gold(folder) if split_of(g["story"]) == "dev"]
    records = story_records(data, gold)
    listed, kept = [], []
    for record in gold:
        story, context = analyse_story(records[record["story"]])
        story = evolve(story, facts=facts_of(story, context))
        unsure = {i.target[0] for i in items_of(story, context.articles) if i.kind == "fact"}
        for fact in story.facts:
            if fact.sources > 1 or fact.conflicts:
                (listed if fact.id in unsure else kept).append(not fact_right(fact, record))
    return {"stories": len(gold), "facts": len(listed) + len(kept), "listed": len(listed),
            "wrong_listed": round(sum(listed) / len(listed), 4) if listed else 0.0,
            "wrong_not_listed": round(sum(kept) / len(kept), 4) if kept else 0.0}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--data", type=Path, default=DATA)
    parser.add_argument("--pairs", type=Path, default=PAIRS)
    parser.add_argument("--no-facts", action="store_true", help="skip the facts (they run the whole analysis)")
    args = parser.parse_args()
    rows: list[dict[str, Any]] = []
    for name, rel in SETS.items():
        found = measure(args.data / rel)
        print(json.dumps({"dataset": name, **found}))
        rows += [{"name": f"review-{name}", "metric": k, "value": found[k]}
                 for k in ("listed", "base_rate", "precision", "recall", "lift", "items_seconds")]
    quotes = quote_figures(args.pairs)
    print(json.dumps({"dataset": "quote-pairs", **quotes}))
    rows += [{"name": "review-quote-pairs", "metric": k, "value": v} for k, v in quotes.items()]
    if not args.no_facts:
        facts = fact_figures(args.data, FACTS)
        print(json.dumps({"dataset": "facts-dev", **facts}))
        rows += [{"name": "review-facts-dev", "metric": k, "value": v} for k, v in facts.items()]
    print(json.dumps(rows))


if __name__ == "__main__":
    main()
