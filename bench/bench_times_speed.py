"""Speed of the time tagger's rules (``bench/bench_times.py`` scores their quality) on long ECB+ dev articles
(at least 3,000 characters), one thread, CPU time: every rule searched at every position
(``pattern.finditer``) against each tried only where a match of it can begin
(``newsweave.analyse.timex.STARTS``), in the same run, and whether both found the same matches (they must);
then ``find_times`` itself (without a parse) on the same texts.

Run with one thread pinned, from the repository root:
    OMP_NUM_THREADS=1 .venv/bin/python bench/bench_times_speed.py [N]
Prints the figures, then one JSON list on the last line.
"""

from __future__ import annotations

import json
import re
import sys
import time
from collections.abc import Callable
from pathlib import Path

from newsweave.analyse.times import find_times
from newsweave.analyse.timex import RULES, STARTS

DATA = Path(__file__).resolve().parents[2] / "shared" / "data" / "ecbplus-dev" / "articles.jsonl"
LONG_CHARS = 3000
REPEAT = 3


def _spans(match: re.Match[str]) -> tuple[tuple[int, int], ...]:
    return tuple(match.span(group) for group in range(match.re.groups + 1))


def _everywhere(texts: list[str]) -> list[list[list[tuple[tuple[int, int], ...]]]]:
    return [[[_spans(m) for m in rule.pattern.finditer(text)] for rule in RULES] for text in texts]


def _at_starts(texts: list[str]) -> list[list[list[tuple[tuple[int, int], ...]]]]:
    return [[[_spans(m) for m in matches] for matches in STARTS.matches(text)] for text in texts]


def _best_of(run: Callable[[list[str]], object], texts: list[str]) -> tuple[float, object]:
    """The least CPU time of :data:`REPEAT` runs (the machine may be busy), and what the run returned."""
    seconds = []
    for _ in range(REPEAT):
        started = time.process_time()
        result = run(texts)
        seconds.append(time.process_time() - started)
    return min(seconds), result


def main() -> None:
    limit = int(sys.argv[1]) if len(sys.argv) > 1 else 60
    if not DATA.exists():
        print(json.dumps([{"name": "times", "metric": "skipped", "value": None, "why": f"{DATA} absent"}]))
        return
    rows = [json.loads(line) for line in DATA.read_text(encoding="utf-8").splitlines()]
    texts = [r["text"] for r in rows if len(r["text"]) >= LONG_CHARS][:limit]
    everywhere_s, everywhere = _best_of(_everywhere, texts)
    starts_s, at_starts = _best_of(_at_starts, texts)
    tagger_s, _ = _best_of(lambda ts: [find_times("a", t, "2009-03-15") for t in ts], texts)
    same = everywhere == at_starts
    print(f"{len(texts)} long ECB+ dev articles, {len(RULES)} timex rules, one thread, CPU s (least of {REPEAT} runs)")
    print(f"  every rule at every position {everywhere_s:.3f}; only where a match can begin {starts_s:.3f} "
          f"({everywhere_s / starts_s:.1f}x); same matches: {same}")
    print(f"  find_times (no parse) {tagger_s:.3f}")
    print(json.dumps([
        {"name": "times", "metric": "rules_everywhere_cpu_s", "value": round(everywhere_s, 3), "articles": len(texts)},
        {"name": "times", "metric": "rules_at_starts_cpu_s", "value": round(starts_s, 3), "articles": len(texts)},
        {"name": "times", "metric": "same_matches", "value": same},
        {"name": "times", "metric": "find_times_cpu_s", "value": round(tagger_s, 3), "articles": len(texts)},
    ]))


if __name__ == "__main__":
    main()
