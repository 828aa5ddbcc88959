"""Cost of writing stories to a SQLite store as the store grows (issue 14: a 10,000-article run spent ~30 minutes
writing its 6,456 stories, because each story's search row was found by an unindexed column).

Writes N stories (one article each, a few hundred words of searchable text) in batches of 50, as ``analyze``
writes a run's stories, and prints the CPU seconds per 1,000 stories written over each doubling of the store.
Flat figures mean a write costs the same however many stories are stored.

    OMP_NUM_THREADS=1 .venv/bin/python bench/bench_story_writes.py [N]      # default 8,000
Prints one line per doubling, then one JSON list on the last line.
"""

from __future__ import annotations

import json
import sys
import tempfile
import time
from pathlib import Path

from newsweave.model import Article, Fact, Meta, Span, Story
from newsweave.store import SQLiteStore

BATCH = 50
WORDS = ("harbour bridge council storm cables repair ferry minister budget court ruling strike port "
         "flood warning police inquiry election turnout hospital vaccine airline route").split()


def _text(i: int) -> str:
    return " ".join(WORDS[(i * 7 + k * 3) % len(WORDS)] for k in range(300))


def main() -> None:
    n = int(sys.argv[1]) if len(sys.argv) > 1 else 8000
    rows, mark, since, done = [], 1000, 0, 0
    with tempfile.TemporaryDirectory() as tmp, SQLiteStore(Path(tmp) / "w.db") as store:
        started = time.process_time()
        while done < n:
            ids = range(done, min(n, done + BATCH))
            store.put_articles([Article(id=f"a{i}", input=f"a{i}.txt", text=_text(i), title=f"Report {i}",
                                        published=Meta("2024-01-01", "record")) for i in ids])
            store.put_stories([Story(f"s{i}", f"Story {i}", (Span(f"a{i}", 0, 4),),
                                     facts=(Fact(f"f{i}", _text(i + 1)[:400], "unique", (Span(f"a{i}", 0, 4),)),))
                               for i in ids])
            done += len(ids)
            if done >= mark or done == n:
                per_1000 = (time.process_time() - started) / (done - since) * 1000
                rows.append({"stored": done, "cpu_s_per_1000": round(per_1000, 3)})
                print(f"  stories {since:>6,}-{done:>6,}: {per_1000:.3f} CPU s per 1,000 stories written")
                started, since, mark = time.process_time(), done, mark * 2
    print(json.dumps([{"name": "story_writes", "metric": "cpu_s_per_1000_at", "value": r["cpu_s_per_1000"],
                       "stored": r["stored"]} for r in rows]))


if __name__ == "__main__":
    main()
