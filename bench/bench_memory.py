"""Peak memory of one real ``newsweave analyze`` of N long articles (issue 14: at most 1 GiB for 10,000).

The articles are real long reports (at least 3,000 characters): PolNeAR train (479) and ECB+ dev (150), 629 in
all. With more wanted than there are, the pool is cycled as bench/bench_scale.py does: copy ``c`` of a base
article keeps its title and first sentence, has its other sentences shuffled and each word dropped with
probability 0.15, and is re-dated (``--per-day`` articles a day, default 60, so one pass over the pool spans
~10 days and copies of one base article are always more than the 7-day story window apart: they never share a
story). The corpus is one JSONL file; the run is

    newsweave analyze corpus.jsonl --db run.db --out out --json [--workers W]

in a child process (the CLI itself, models loaded there), which records its own peak resident set
(``resource.getrusage``, RUSAGE_SELF: the process that holds the articles, stories and reports) and that of its
worker processes (RUSAGE_CHILDREN, the largest one) as it exits. Printed: both peaks, wall seconds and
articles per wall second (the machine is shared, so this is a floor), the number of stories and report files,
and the size of the largest report file. ``--workers`` defaults to 2 (one spaCy process per core) so that the
default 10,000-article run fits ``make bench``'s hour; the peak of the main process does not depend on it.

With ``--stored DB`` (a store whose articles a run analysed, e.g. ``--keep DIR`` of a smaller run's
DIR/run.db), the N articles are instead copies of DB's analysed articles, analyses and all (new ids in every
span, re-dated as above), stored in a fresh store, and the run is ``newsweave analyze --db copy.db --out out
--json`` with no input: everything but the spaCy parse (grouping, comparing, writing the reports), in minutes
where the real run takes an hour; the analysing phase holds one batch at a time either way.

    OMP_NUM_THREADS=1 .venv/bin/python bench/bench_memory.py              # 10,000 articles, 2 workers
    OMP_NUM_THREADS=1 .venv/bin/python bench/bench_memory.py --n 1000 --workers 1
    OMP_NUM_THREADS=1 .venv/bin/python bench/bench_memory.py --n 10000 --stored kept/run.db
"""

from __future__ import annotations

import argparse
import json
import random
import re
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from dataclasses import replace
from datetime import date, timedelta
from pathlib import Path

DATA = Path(__file__).resolve().parents[2] / "shared" / "data"
POLNEAR = DATA / "polnear" / "data" / "train" / "text"
ECB = DATA / "ecbplus-dev" / "articles.jsonl"
LONG_CHARS = 3000
START = date(2020, 1, 1)
_SENTENCE = re.compile(r"(?<=[.!?])\s+")

# Run inside the child: the CLI, then its own peak RSS and its children's, written beside the corpus.
_CHILD = """
import json, resource, sys
from newsweave.cli import main
code = 0
try:
    main(sys.argv[2:], prog_name="newsweave")
except SystemExit as exc:
    code = exc.code or 0
peaks = {"self_kib": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss,
         "children_kib": resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss, "exit": code}
with open(sys.argv[1], "w") as handle:
    json.dump(peaks, handle)
"""


def pool() -> list[tuple[str, str]]:
    """(title, text) of every long base article: PolNeAR train (first line is the title), then ECB+ dev."""
    found = []
    for path in sorted(POLNEAR.glob("*.txt")):
        title, _, text = path.read_text(encoding="utf-8").strip().partition("\n")
        if len(text) >= LONG_CHARS:
            found.append((title.strip(), text.strip()))
    with ECB.open(encoding="utf-8") as handle:
        for line in handle:
            row = json.loads(line)
            if len(row["text"]) >= LONG_CHARS:
                found.append((row["title"], row["text"]))
    return found


def _perturb(rng: random.Random, text: str) -> str:
    """The first sentence kept, the others shuffled, each word of those dropped with probability 0.15;
    paragraphs are not kept (the sentences are joined by spaces)."""
    sentences = [s for s in _SENTENCE.split(text) if s.strip()]
    head, tail = sentences[:1], sentences[1:]
    rng.shuffle(tail)
    words = " ".join(tail).split()
    return " ".join(head + [w for w in words if rng.random() >= 0.15])


def corpus(n: int, per_day: int) -> Iterator[dict[str, str]]:
    """``n`` JSONL records: the pool as it is, then perturbed copies, in date order."""
    base = pool()
    rng = random.Random(11)
    for i in range(n):
        title, text = base[i % len(base)]
        copy = i // len(base)
        yield {
            "id": f"mem-{i}",
            "title": title if copy == 0 else f"{title} ({copy})",
            "text": text if copy == 0 else _perturb(rng, text),
            "published": (START + timedelta(days=i // per_day)).isoformat(),
            "outlet": f"Outlet {i % 7}",
        }


def copy_analysed(stored: Path, n: int, per_day: int, db: Path) -> None:
    """A fresh store at ``db`` holding ``n`` copies of the analysed articles of the store ``stored``: each copy
    has a new id (in every span too), input and date; its text and analyses are the original's."""
    from newsweave.codec import decode, encode
    from newsweave.model import Article, Meta
    from newsweave.store import open_store

    with open_store(str(stored)) as source:
        base = [json.dumps(encode(a)) for a in source.articles() if "claims" in a.done]
    if not base:
        raise SystemExit(f"{stored} holds no analysed article")
    with open_store(str(db)) as target:
        batch = []
        for i in range(n):
            data = json.loads(base[i % len(base)])
            text = json.dumps(data).replace(data["id"], f"mem{i:06d}")
            copy = decode(Article, json.loads(text))
            day = (START + timedelta(days=i // per_day)).isoformat()
            batch.append(replace(copy, input=f"mem-{i}", published=Meta(day, "record")))
            if len(batch) == 200 or i == n - 1:
                target.put_articles(batch)
                batch = []


def run(n: int, workers: int, per_day: int, work: Path, stored: Path | None = None) -> dict[str, object]:
    """Write the corpus (or copy ``stored``'s analysed articles), run ``analyze`` in a child process and return
    the figures."""
    peaks, out = work / "peaks.json", work / "out"
    if stored is None:
        source = work / "corpus.jsonl"
        with source.open("w", encoding="utf-8") as handle:
            for record in corpus(n, per_day):
                handle.write(json.dumps(record, ensure_ascii=False) + "\n")
        inputs = [str(source)]
    else:
        copy_analysed(stored, n, per_day, work / "run.db")
        inputs = []
    command = [sys.executable, "-c", _CHILD, str(peaks), "analyze", *inputs, "--db", str(work / "run.db"),
               "--out", str(out), "--json", "--workers", str(workers)]
    started = time.perf_counter()
    done = subprocess.run(command, capture_output=True, text=True)
    seconds = time.perf_counter() - started
    measured = json.loads(peaks.read_text()) if peaks.exists() else {}
    if done.returncode != 0 or measured.get("exit") not in (0, 3):
        raise SystemExit(f"analyze failed ({done.returncode}): {done.stderr.strip()[-2000:]}")
    result = json.loads(done.stdout)
    files = [p for p in out.rglob("*") if p.is_file()]
    return {
        "articles": n,
        "mode": "real" if stored is None else "stored analyses",
        "workers": workers,
        "peak_mib": round(measured["self_kib"] / 1024, 1),
        "worker_peak_mib": round(measured["children_kib"] / 1024, 1),
        "seconds": round(seconds, 1),
        "articles_per_s": round(n / seconds, 2),
        "stories": len(result.get("stories", [])),
        "report_files": len(files),
        "largest_file_mib": round(max((p.stat().st_size for p in files), default=0) / 2**20, 2),
    }


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--n", type=int, default=10_000, help="Articles in the run (default 10,000).")
    parser.add_argument("--workers", type=int, default=2, help="analyze --workers (default 2).")
    parser.add_argument("--per-day", type=int, default=60, help="Articles a day (default 60).")
    parser.add_argument("--keep", type=Path, help="Keep the corpus, store and reports in this folder.")
    parser.add_argument("--stored", type=Path, help="Copy this store's analysed articles instead of analysing.")
    args = parser.parse_args()
    if args.stored is None and (not POLNEAR.exists() or not ECB.exists()):
        print(json.dumps([{"name": "memory", "metric": "skipped", "value": None, "why": f"{DATA} incomplete"}]))
        return 0
    if args.keep:
        args.keep.mkdir(parents=True, exist_ok=True)
        figures = run(args.n, args.workers, args.per_day, args.keep, args.stored)
    else:
        with tempfile.TemporaryDirectory(prefix="nw-memory-") as tmp:
            figures = run(args.n, args.workers, args.per_day, Path(tmp), args.stored)
    print(f"analyze of {figures['articles']} long articles ({figures['mode']}, {figures['workers']} workers): peak RSS "
          f"{figures['peak_mib']} MiB (largest worker {figures['worker_peak_mib']} MiB), {figures['seconds']} s, "
          f"{figures['articles_per_s']} articles/s; {figures['stories']} stories in {figures['report_files']} "
          f"report files, the largest {figures['largest_file_mib']} MiB")
    extra = {k: v for k, v in figures.items() if k not in ("peak_mib",)}
    print(json.dumps([
        {"name": "memory", "metric": "analyze_peak_rss_mib", "value": figures["peak_mib"], **extra},
        {"name": "memory", "metric": "analyze_articles_per_s", "value": figures["articles_per_s"],
         "articles": figures["articles"], "workers": figures["workers"]},
        {"name": "memory", "metric": "largest_report_file_mib", "value": figures["largest_file_mib"],
         "articles": figures["articles"]},
    ]))
    return 0


if __name__ == "__main__":
    sys.exit(main())
