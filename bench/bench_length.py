"""Is every article stage near-linear in article length? One invented two-sentence paragraph (names, a role,
a pronoun, a definite description, a date, a quote) repeated N times, analysed stage by stage, one thread.

    OMP_NUM_THREADS=1 .venv/bin/python bench/bench_length.py [N ...]     (default: 125 250 500)

Times are CPU seconds of this process (``time.process_time``). The spaCy parse is timed alone first
(``parse``); it is cached, so the stages after it (``sentences`` included, which only reads it) are
newsweave's own work. Prints seconds per stage for each length and, per stage, the cost ratio of the longest
text to the shortest divided by their length ratio (1.0 is linear; the issue measured 93 s against 7 s,
i.e. 3.3, for 1000 vs 250 repeats), and that ratio per doubling of length (the target is at most ~1.2). The
last line is the JSON: the worst stage's ratios and the seconds for the longest text.
"""

from __future__ import annotations

import json
import math
import sys
import time
from collections import defaultdict

import newsweave
from newsweave.analyse.nlp import parse
from newsweave.api import article_pipeline, normalise_many
from newsweave.model import Meta, RawDocument
from newsweave.pipeline import Context

PARAGRAPH = ("Mara Velkin, the harbour minister of Ostrava Bay, said on Monday that the new bridge would open in "
             "May. \"We are ready,\" she told reporters, adding that the ministry had spent {} million euros.")


def _timed(repeats: int, settings: newsweave.Settings) -> dict[str, float]:
    text = "\n\n".join(PARAGRAPH.format(k + 10) for k in range(repeats))  # repeated paragraphs are debris
    (article,), _ = normalise_many([RawDocument(f"len-{repeats}", text, "record",
                                                (("title", Meta("Bridge to open", "record")),))])
    seconds: dict[str, float] = defaultdict(float)
    started = time.process_time()
    parse(article, settings.spacy_model)
    seconds["parse"] = time.process_time() - started
    for stage in article_pipeline().stages:
        started = time.process_time()
        article = stage.func(article, Context.of(settings))
        seconds[stage.name] += time.process_time() - started
    return dict(seconds)


def main() -> None:
    sizes = [int(a) for a in sys.argv[1:]] or [125, 250, 500]
    settings = newsweave.Settings()
    _timed(2, settings)  # load the model outside the timing
    runs = {n: _timed(n, settings) for n in sizes}
    stages = list(runs[sizes[0]])
    print("repeats " + "".join(f"{s:>12s}" for s in [*stages, "total"]) + "  (CPU s)")
    for n, secs in runs.items():
        print(f"{n:7d} " + "".join(f"{secs[s]:11.2f}s" for s in stages) + f"{sum(secs.values()):11.2f}s")
    low, high = sizes[0], sizes[-1]
    own = [s for s in stages if s != "parse"]
    for secs in runs.values():
        secs["own"] = sum(secs[s] for s in own)
    ratio = {s: (runs[high][s] / max(runs[low][s], 1e-6)) / (high / low) for s in [*stages, "own"]}
    ratio["total"] = (sum(runs[high][s] for s in stages) / sum(runs[low][s] for s in stages)) / (high / low)
    doublings = math.log2(high / low)
    per_doubling = {s: r ** (1 / doublings) for s, r in ratio.items()}
    print(f"cost ratio / length ratio, {high} vs {low} repeats: "
          + ", ".join(f"{s} {r:.2f}" for s, r in ratio.items()))
    print("the same per doubling of length: " + ", ".join(f"{s} {r:.2f}" for s, r in per_doubling.items()))
    worst = max(own, key=lambda s: ratio[s])
    print(json.dumps([
        {"name": "length", "metric": "worst_stage_superlinearity", "value": round(ratio[worst], 2), "stage": worst,
         "repeats": [low, high]},
        {"name": "length", "metric": "worst_stage_per_doubling", "value": round(per_doubling[worst], 2),
         "stage": worst, "repeats": [low, high]},
        {"name": "length", "metric": "own_per_doubling", "value": round(per_doubling["own"], 2),
         "repeats": [low, high]},
        {"name": "length", "metric": "longest_text_s", "value": round(sum(runs[high][s] for s in stages), 2),
         "repeats": high, "characters": high * (len(PARAGRAPH) + 2)},
    ]))


if __name__ == "__main__":
    main()
