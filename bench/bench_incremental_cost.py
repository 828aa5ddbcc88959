"""What one small batch costs an incremental run as the store grows: ``analyze NEW --db STORE`` on stores of N
stories, N doubling, CPU seconds and peak traced memory of the run (``Workspace.analyse_stored``).

Each store holds N stories of two analysed articles (~3,000 characters, 40 mentions and 12 sentences each; every
story with 20 entities, its grouping's sources and the marks of the current story stages), four stories a day, so
a bigger store covers more days, as a growing archive does. The batch is three analysed reports of one day in the
middle: one more report of a stored story and two new events. It is the same for every N, so a run whose cost
does not grow with the store costs the same for each.

Two ways of running the same batch on copies of the same store:

- ``near`` (what ``analyse_stored`` does): only the stored stories within ``group.window_days`` of the batch's
  dates (``Store.stories_near``) and their articles are read, and only the stories that changed are written;
- ``whole``: every stored article and story is read and grouped (``Workspace._grow_near`` off: the path a run
  takes when something stored needs work again, and the only path before the light reads existed).

Run it on another checkout's source (``PYTHONPATH=/path/to/old/src``) to measure that code; a tree without
``_grow_near`` has only the whole path.

    OMP_NUM_THREADS=1 .venv/bin/python bench/bench_incremental_cost.py [SMALLEST] [DOUBLINGS]

Prints a table, then one JSON list on the last line: per mode, the cost ratio per doubling of the store (CPU and
peak memory; 1.0 is flat, 2.0 linear) and the figures at each size.
"""

from __future__ import annotations

import json
import random
import shutil
import sys
import tempfile
import time
import tracemalloc
from datetime import date, timedelta
from pathlib import Path
from typing import Any

from newsweave import stages
from newsweave.app import Workspace
from newsweave.app.versions import made
from newsweave.config import Settings
from newsweave.group.sources import ensure_sources
from newsweave.model import Article, Entity, Mention, Meta, Span, Story
from newsweave.pipeline import stage_mark
from newsweave.store import open_store

SETTINGS = Settings()
DONE = frozenset(stage_mark(s, SETTINGS) for s in stages.REGISTRY.article)
PER_DAY = 4
START = date(2023, 1, 1)
FILLER = "officials said on Monday that the plan would be reviewed by the committee next week"


def _words(rng: random.Random, count: int) -> list[str]:
    """Invented words, so that every story has a vocabulary of its own."""
    syllables = ["ka", "lo", "mer", "tin", "sar", "vel", "dun", "ris", "bor", "qua", "zen", "hol", "pim", "tra"]
    return ["".join(rng.choice(syllables) for _ in range(3)) for _ in range(count)]


def _article(aid: str, topic: list[str], day: date, rng: random.Random, outlet: str) -> Article:
    sentences, spans, mentions, at = [], [], [], 0
    for _ in range(12):
        picked = rng.sample(topic, 6)
        sentence = f"{picked[0].title()} {picked[1]} {FILLER} {picked[2]} {picked[3]} {picked[4]} {picked[5]}."
        sentences.append(sentence)
        spans.append((at, at + len(sentence)))
        mentions += [Mention(Span(aid, at, at + len(picked[0])), picked[0].title(), "PERSON"),
                     Mention(Span(aid, at + len(sentence) - len(picked[5]) - 1, at + len(sentence) - 1), picked[5],
                             "ORG"),
                     Mention(Span(aid, at, at + 1), sentence[0], "GPE")]
        at += len(sentence) + 1
    mentions += mentions[:4]
    title = " ".join(topic[:5]).title()
    return Article(aid, f"{aid}.txt", " ".join(sentences), title=title, outlet=Meta(outlet, "sidecar"),
                   published=Meta(day.isoformat(), "sidecar"), language="en", paragraphs=((0, at - 1),),
                   sentences=tuple(spans), mentions=tuple(mentions), done=DONE)


def _story(sid: str, articles: list[Article]) -> Story:
    mentions = [m for a in articles for m in a.mentions]
    entities = tuple(Entity(f"{sid}-e{k}", mentions[k].text, mentions[k].type, tuple(mentions[k::20]))
                     for k in range(20))
    story = Story(sid, articles[0].title or sid, tuple(Span(a.id, 0, len(a.text)) for a in articles),
                  why=("grouped by the bench",), entities=entities)
    return ensure_sources(story, {a.id: a for a in articles})


def build(path: Path, n_stories: int) -> None:
    """A store of ``n_stories`` compared stories, ``PER_DAY`` a day from START."""
    rng = random.Random(n_stories)
    with open_store(str(path)) as store:
        for first in range(0, n_stories, 250):
            articles, stories, marks = [], [], {}
            for s in range(first, min(n_stories, first + 250)):
                topic, day = _words(rng, 40), START + timedelta(days=s // PER_DAY)
                pair = [_article(f"a-{s:06d}-{k}", topic, day, rng, f"Outlet {k}") for k in range(2)]
                story = _story(f"s-{s:06d}", pair)
                articles += pair
                stories.append(story)
                marks[story.id] = made(story, {a.id: a for a in pair}, SETTINGS, grouped_reasons=1)
            store.put_articles(articles)
            store.put_stories(stories, marks=marks)


def batch(n_stories: int) -> list[Article]:
    """Three reports of the middle day: one more of the first story that day, two of new events."""
    rng = random.Random(n_stories)
    middle = n_stories // 2 - (n_stories // 2) % PER_DAY
    day = START + timedelta(days=middle // PER_DAY)
    with open_store(str(STORE_OF[n_stories])) as store:
        (joined,) = store.articles([f"a-{middle:06d}-0"])
    topic = sorted(set(joined.text.replace(".", "").lower().split()) - set(FILLER.split()))
    new = [_article(f"b-{n_stories}-{k}", _words(rng, 40), day, rng, "Outlet 9") for k in range(2)]
    return [_article(f"b-{n_stories}-join", topic, day, rng, "Outlet 8"), *new]


STORE_OF: dict[int, Path] = {}
#: (stories, mode) -> whether the batch's report of a stored story joined it.
JOINED: dict[tuple[int, str], bool] = {}


def run(n_stories: int, mode: str, traced: bool, folder: Path) -> float:
    """One run of the batch on a fresh copy of the store: CPU seconds, or peak traced MiB when ``traced``."""
    copy = folder / f"run-{n_stories}-{mode}-{traced}.db"
    shutil.copy(STORE_OF[n_stories], copy)
    with Workspace.open(str(copy), SETTINGS) as ws:
        if mode == "whole" and hasattr(Workspace, "_grow_near"):
            ws._grow_near = lambda *_: None  # type: ignore[method-assign]
        ws.store.put_articles(batch(n_stories))
        if traced:
            tracemalloc.start()
            ws.analyse_stored()
            peak = tracemalloc.get_traced_memory()[1]
            tracemalloc.stop()
            copy.unlink()
            return peak / 2**20
        t0 = time.process_time()
        done = ws.analyse_stored()
        spent = time.process_time() - t0
    copy.unlink()
    middle = n_stories // 2 - (n_stories // 2) % PER_DAY
    JOINED[(n_stories, mode)] = any({f"a-{middle:06d}-0", f"b-{n_stories}-join"} <= set(ids) for _, ids in done.stories)
    return spent


def per_doubling(values: list[float]) -> float:
    return round((values[-1] / values[0]) ** (1 / (len(values) - 1)), 3) if values[0] > 0 else 0.0


def main() -> None:
    smallest = int(sys.argv[1]) if len(sys.argv) > 1 else 500
    doublings = int(sys.argv[2]) if len(sys.argv) > 2 else 3
    sizes = [smallest * 2**k for k in range(doublings + 1)]
    modes = ["near", "whole"] if hasattr(Workspace, "_grow_near") else ["whole"]
    rows: list[dict[str, Any]] = []
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        for n in sizes:
            STORE_OF[n] = folder / f"store-{n}.db"
            build(STORE_OF[n], n)
        run(sizes[0], modes[0], False, folder)  # warm up: imports and first-use caches
        figures = {mode: {"cpu_s": [], "peak_mib": []} for mode in modes}  # type: dict[str, dict[str, list[float]]]
        print(f"{'stories':>8} " + " ".join(f"{m + ' CPU s':>14} {m + ' peak MiB':>16}" for m in modes))
        for n in sizes:
            for mode in modes:
                figures[mode]["cpu_s"].append(round(run(n, mode, False, folder), 3))
                figures[mode]["peak_mib"].append(round(run(n, mode, True, folder), 1))
            print(f"{n:>8} " + " ".join(f"{figures[m]['cpu_s'][-1]:>14.3f} {figures[m]['peak_mib'][-1]:>16.1f}"
                                        for m in modes))
    for mode in modes:
        cpu, peak = per_doubling(figures[mode]["cpu_s"]), per_doubling(figures[mode]["peak_mib"])
        print(f"{mode}: per doubling of the store, CPU x{cpu}, peak memory x{peak}")
        joined = [JOINED[(n, mode)] for n in sizes]
        said = ", ".join(f"{n}: {j}" for n, j in zip(sizes, joined, strict=True))
        print(f"  the report of a stored story joined it: {said}")
        rows.append({"name": f"incremental_cost_{mode}", "metric": "cpu_ratio_per_doubling", "value": cpu,
                     "peak_ratio_per_doubling": peak, "stories": sizes, **figures[mode], "joined": joined})
    print(json.dumps(rows))


if __name__ == "__main__":
    main()
