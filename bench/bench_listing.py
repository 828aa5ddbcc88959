"""How long `newsweave stories` takes on a store of 1,000 stories (3,000 articles of ~12,000 characters, each
story carrying entities and facts as an analysed one does), against decoding every story and article (what the
listing did before it read the store's index).

    OMP_NUM_THREADS=1 .venv/bin/python bench/bench_listing.py [STORIES]

Prints the timings, then one JSON list on the last line. The command is timed as a user runs it (a fresh
process listing the store as JSON, imports included), beside the time importing newsweave.cli alone takes and
the listing in process (open the store, query its index).
"""

from __future__ import annotations

import json
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from newsweave.app import Workspace
from newsweave.model import Article, Entity, Fact, Mention, Meta, Span, Story
from newsweave.store import open_store

PARAGRAPH = "The council met on Tuesday to discuss the harbour plan, officials said in a statement. " * 6


def _articles(n_stories: int) -> list[Article]:
    out = []
    for s in range(n_stories):
        for k in range(3):
            aid = f"a{s:05d}-{k}"
            text = "\n\n".join(f"{PARAGRAPH} ({aid} part {p})" for p in range(22))
            day = f"20{10 + s % 14:02d}-{1 + s % 12:02d}-{1 + (s * 7 + k) % 28:02d}"
            out.append(Article(aid, f"{aid}.txt", text, title=f"Report {aid}", outlet=Meta(f"Outlet {k}", "sidecar"),
                               published=Meta(day, "sidecar")))
    return out


def _story(s: int) -> Story:
    ids = [f"a{s:05d}-{k}" for k in range(3)]
    entities = tuple(
        Entity(f"e{e}", f"Person {s} {e}", "PERSON",
               tuple(Mention(Span(a, 10 * m, 10 * m + 6), f"Name{e}", "PERSON") for a in ids for m in range(8)))
        for e in range(25))
    facts = tuple(Fact(f"f{f}", f"Fact {f} of story {s}.", "unique", (Span(ids[0], f, f + 5),)) for f in range(30))
    return Story(f"s-{s:06d}", f"Story {s}", tuple(Span(a, 0, 100) for a in ids), entities=entities, facts=facts)


def main() -> None:
    n = int(sys.argv[1]) if len(sys.argv) > 1 else 1000
    with tempfile.TemporaryDirectory() as tmp:
        db = str(Path(tmp) / "listing.db")
        with open_store(db) as store:
            store.put_articles(_articles(n))
            store.put_stories([_story(s) for s in range(n)])
        size_mb = Path(db).stat().st_size / 2**20
        t0 = time.perf_counter()
        done = subprocess.run([sys.executable, "-c", "from newsweave.cli import main; main()", "stories", "--db", db,
                               "--json"],
                              capture_output=True, text=True, check=True)
        command_s = time.perf_counter() - t0
        listed = json.loads(done.stdout)
        t0 = time.perf_counter()
        subprocess.run([sys.executable, "-c", "import newsweave.cli"], check=True)
        import_s = time.perf_counter() - t0
        t1 = time.perf_counter()
        with Workspace.open(db) as ws:
            rows = ws.story_rows()
        rows_s = time.perf_counter() - t1
        with open_store(db) as store:
            t2 = time.perf_counter()
            stories, articles = store.stories(), store.articles()
            decode_s = time.perf_counter() - t2
    dates = [r["last_published"] for r in listed]
    assert len(listed) == len(rows) == n and dates == sorted(dates, reverse=True), "listing is not newest first"
    print(f"{n} stories, {len(articles)} articles, store {size_mb:.0f} MiB")
    print(f"  `newsweave stories --json` (fresh process): {command_s:.2f}s")
    print(f"    of which importing newsweave.cli in a fresh process (no spaCy or scikit-learn): {import_s:.2f}s")
    print(f"  open the store and list (in process): {rows_s * 1000:.0f} ms; decoding every story and article "
          f"(the listing before): {decode_s:.2f}s ({len(stories)} stories)")
    print(json.dumps([
        {"name": "listing", "metric": "list_in_process_s", "value": round(rows_s, 3), "stories": n},
        {"name": "listing", "metric": "stories_command_s", "value": round(command_s, 2), "stories": n,
         "import_s": round(import_s, 2)},
        {"name": "listing", "metric": "decode_everything_s", "value": round(decode_s, 2), "stories": n},
    ]))


if __name__ == "__main__":
    main()
