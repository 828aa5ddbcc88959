"""Run every ``bench/bench_*.py`` in its own process, pinned to one thread, and print one table.

Each script prints, on its last stdout line, one JSON object with ``name``, ``metric`` and ``value`` (plus
any extras) or a JSON list of such objects. A script that fails or prints no such line is shown as an
error row, and the exit status is then 1.

    .venv/bin/python bench/run_all.py
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path
from typing import Any

BENCH = Path(__file__).resolve().parent
ONE_THREAD = {"OMP_NUM_THREADS": "1", "OPENBLAS_NUM_THREADS": "1", "MKL_NUM_THREADS": "1"}
TIMEOUT = 3600


def run(script: Path) -> list[dict[str, Any]]:
    """The rows one script reports, or a single error row naming what went wrong."""
    env = {**os.environ, **ONE_THREAD}
    try:
        done = subprocess.run(
            [sys.executable, str(script)], capture_output=True, text=True, env=env, timeout=TIMEOUT
        )
    except subprocess.TimeoutExpired:
        return [_error(script, f"timed out after {TIMEOUT} s")]
    lines = [line for line in done.stdout.splitlines() if line.strip()]
    if done.returncode != 0 or not lines:
        reason = (done.stderr.strip().splitlines() or [f"exit status {done.returncode}"])[-1]
        return [_error(script, reason)]
    try:
        parsed = json.loads(lines[-1])
    except json.JSONDecodeError:
        return [_error(script, "last stdout line is not JSON")]
    rows = parsed if isinstance(parsed, list) else [parsed]
    if not all(isinstance(r, dict) and {"name", "metric", "value"} <= r.keys() for r in rows):
        return [_error(script, "rows need name, metric and value")]
    return rows


def _error(script: Path, reason: str) -> dict[str, Any]:
    return {"name": script.stem, "metric": "error", "value": reason, "error": True}


def table(rows: list[dict[str, Any]]) -> str:
    cells = [("name", "metric", "value")] + [
        (str(r["name"]), str(r["metric"]), str(r["value"])) for r in rows
    ]
    widths = [max(len(row[k]) for row in cells) for k in range(3)]
    lines = [" | ".join(cell.ljust(width) for cell, width in zip(row, widths, strict=True)) for row in cells]
    lines.insert(1, "-+-".join("-" * width for width in widths))
    return "\n".join(line.rstrip() for line in lines)


def main() -> int:
    rows: list[dict[str, Any]] = []
    for script in sorted(BENCH.glob("bench_*.py")):
        rows += run(script)
    print(table(rows))
    return 1 if any(r.get("error") for r in rows) else 0


if __name__ == "__main__":
    sys.exit(main())
