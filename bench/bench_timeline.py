"""Build entity timelines on SemEval-2015 Task 4 (TimeLine, Track A: raw text) and score them.

Data: ``../shared/data/semeval2015-timeline``: the trial corpus (30 Apple articles, 6 target entities)
and the three evaluation corpora (30 articles each; airlines, car makers, stock markets). Each document
comes from the task's TimeML rendering (``<s id=N>`` sentences of space-separated tokens and the
document creation time, DCT); the tokens are joined back with English spacing.

System (newsweave pieces only): :func:`newsweave.analyse.times.find_times` anchored to the DCT and
given the spaCy parse; the target entity found by name (:func:`newsweave.compare.timeline_events.name_spans`);
its events and dates from :func:`newsweave.compare.timeline_events.entity_events`. Events are ordered by
date value, then DCT, document and position. ``--same-date`` (default ``rank``) chooses whether events
on the same date share one rank (SIMULTANEOUS) or each gets its own (``sequence``: BEFORE in text order).
Undated events go to rank 0. Event ids are ``DOCID-SENTENCE-WORD`` as in the task.

Metric: :mod:`newsweave.eval.timeline`: the task's temporal-awareness F1, micro-averaged over
target entities, reimplemented because the official tool is not in the data folder. Deviations from the
official tool: the closure is the rank structure (not a general interval-algebra closure), the reduced
graph is a fixed chain per rank plus one BEFORE edge between consecutive ranks, rank-0 events count
only through their dates and same-line partners, and partial dates drop their ``-XX`` parts. Figures
are therefore comparable to the published ones in scale, not to the decimal. Published Track A
results (Minard et al., 2015): best run F1 7.85 over the three corpora.

``--neus N`` also builds the story timeline (:func:`newsweave.compare.timeline.build_timeline`) of the NeuS
val stories and the first N train stories (three outlets each, title + lead, no publication date: only
dates with their own year resolve) and counts the entries that merge sentences of several independent
sources; ``--neus-out FILE`` writes those entries as JSON, to read by hand.

Usage: ``.venv/bin/python bench/bench_timeline.py [--data PATH] [--same-date rank|sequence] [--neus N]``.
The last line of stdout is a JSON list of ``{"name", "metric", "value"}`` objects.
"""

from __future__ import annotations

import argparse
import json
from pathlib import Path

from newsweave.eval.semeval import corpora, run_corpus
from newsweave.eval.timeline import TimelineScore

DATA = Path(__file__).resolve().parents[2] / "shared" / "data" / "semeval2015-timeline"
PUBLISHED_BEST_TRACK_A = 7.85


def neus_merges(data: Path, train: int, out: Path | None) -> list[dict[str, object]]:
    """Cross-source merges of the story timeline on NeuS stories: counts, and the entries to ``out``."""
    from newsweave.compare.timeline import build_timeline
    from newsweave.eval.facts import analyse_story, load_neus_records

    records = load_neus_records(data, "val") + load_neus_records(data, "train")[:train]
    entries, merged = 0, []
    for record in records:
        story, context = analyse_story(record)
        timeline = build_timeline(story, context).timeline
        entries += len(timeline)
        merged += [{"story": record["story"], "date": e.date, "why": e.why,
                    "texts": [context.articles[s.article].span_text(s) for s in e.support]}
                   for e in timeline if e.sources > 1]
    print(f"NeuS, {len(records)} stories: {entries} timeline entries, {len(merged)} merge several sources")
    if out is not None:
        out.write_text(json.dumps(merged, indent=1), encoding="utf-8")
    return [{"name": "timeline/neus", "metric": "entries", "value": entries},
            {"name": "timeline/neus", "metric": "cross_source_entries", "value": len(merged)}]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, default=DATA)
    parser.add_argument("--same-date", choices=("rank", "sequence"), default="rank")
    parser.add_argument("--neus", type=int, default=None, help="also count cross-source timeline merges on "
                        "NeuS val and the first N train stories")
    parser.add_argument("--neus-out", type=Path, default=None, help="write those merged entries here (JSON)")
    args = parser.parse_args()
    found = corpora(args.data)
    if not found:
        print(f"skip: no SemEval-2015 TimeLine data at {args.data}")
        print(json.dumps([{"name": "timeline", "metric": "skipped", "value": None}]))
        return
    print(f"{'corpus':<12}{'P':>8}{'R':>8}{'F1':>8}   (temporal awareness x100, micro over entities)")
    records, total = [], TimelineScore(0, 0, 0, 0)
    for name, docs_dir, gold_dir in found:
        s = run_corpus(docs_dir, gold_dir, args.same_date)
        print(f"{name:<12}{100 * s.precision:>8.2f}{100 * s.recall:>8.2f}{100 * s.f1:>8.2f}")
        records += [{"name": f"timeline/{name}", "metric": m, "value": round(100 * v, 2)}
                    for m, v in (("precision", s.precision), ("recall", s.recall), ("f1", s.f1))]
        if name != "trial":
            total = TimelineScore(total.precision_hits + s.precision_hits, total.system + s.system,
                          total.recall_hits + s.recall_hits, total.gold + s.gold)
    if total.system or total.gold:
        print(f"{'eval 1-3':<12}{100 * total.precision:>8.2f}{100 * total.recall:>8.2f}{100 * total.f1:>8.2f}"
              f"   published best Track A run: {PUBLISHED_BEST_TRACK_A}")
        records.append({"name": "timeline/eval_all", "metric": "f1", "value": round(100 * total.f1, 2)})
    if args.neus is not None and (args.data.parent / "neus" / "val.jsonl").exists():
        records += neus_merges(args.data.parent, args.neus, args.neus_out)
    print(json.dumps(records))


if __name__ == "__main__":
    main()
