"""Issue 13 item 10: ``analyze`` killed with SIGKILL leaves a consistent store that a rerun completes
(beside bulk's kill test in test_bulk.py)."""

from __future__ import annotations

import json
import os
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

from newsweave.app import Workspace
from newsweave.ingest import read_bytes
from tests.bulk.test_bulk import records

ANALYSED = "SELECT COUNT(*) FROM articles WHERE instr(json_extract(data, '$.done'), 'claims') > 0"


def _count(db: Path, sql: str) -> int:
    try:
        with sqlite3.connect(db, timeout=5) as conn:
            return int(conn.execute(sql).fetchone()[0])
    except sqlite3.Error:
        return 0


def _analyse(db: Path) -> subprocess.Popen[bytes]:
    code = f"from newsweave.app import Workspace; Workspace.open({str(db)!r}, batch_size=3).analyse()"
    return subprocess.Popen([sys.executable, "-c", code], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)


def _kill_after(proc: subprocess.Popen[bytes], db: Path, more_than: int, delay: float) -> None:
    deadline = time.monotonic() + 120
    while _count(db, ANALYSED) <= more_than and proc.poll() is None and time.monotonic() < deadline:
        time.sleep(0.02)
    time.sleep(delay)
    os.kill(proc.pid, signal.SIGKILL)
    proc.wait()


def _consistent(db: Path) -> None:
    with sqlite3.connect(db) as conn:
        assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        members = conn.execute("SELECT story_id, article_id FROM story_articles ORDER BY 1, 2").fetchall()
        stored = {sid: json.loads(data) for sid, data in conn.execute("SELECT id, data FROM stories")}
        assert not conn.execute("SELECT 1 FROM story_articles WHERE article_id NOT IN (SELECT id FROM articles)"
                                ).fetchall()
        indexed = {row[0] for row in conn.execute("SELECT story_id FROM story_index")}
    assert indexed == set(stored)  # the search index was written with the stories
    from_data = sorted((sid, seg["article"]) for sid, s in stored.items() for seg in s["segments"])
    assert sorted(set(from_data)) == members  # every story whole: its rows and its data agree


#: Enough articles that the second kill, 0.3 s into a later batch, lands before the run ends even now that
#: analysis parses its batches with nlp.pipe (36 could all be done by then on a quiet machine).
N = 90


def test_analyze_killed_mid_run_leaves_a_consistent_store_a_rerun_completes(tmp_path: Path) -> None:
    db = tmp_path / "n.db"
    data = "\n".join(json.dumps(r) for r in records(N)).encode()
    with Workspace.open(str(db)) as ws:
        found = read_bytes("shard.jsonl", data, "jsonl")
        assert ws.add_documents(found.documents).added == N
    for delay in (0.0, 0.3):  # right after a batch commit, and somewhere in the next batch
        _kill_after(_analyse(db), db, _count(db, ANALYSED), delay)
        _consistent(db)
    assert 0 < _count(db, ANALYSED) < N, "the kills should land mid-run"
    assert _analyse(db).wait(timeout=300) == 0
    _consistent(db)
    assert _count(db, ANALYSED) == N
    with sqlite3.connect(db) as conn:
        placed = conn.execute("SELECT COUNT(DISTINCT article_id) FROM story_articles").fetchone()[0]
    assert placed == N  # every article is in a story after the rerun
