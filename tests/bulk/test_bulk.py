"""Bulk runs: JSONL and WARC shards into Parquet, a ledger, resume after kill -9 with no record twice."""

from __future__ import annotations

import io
import json
import os
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pyarrow.parquet as pq
import pytest

from newsweave.bulk import BulkOptions, run_bulk
from newsweave.bulk.output import write_part
from newsweave.model import Article

TOWNS = [
    "Kestrel Bay",
    "Marlow Cross",
    "Pennick",
    "Ashby Fen",
    "Larchford",
    "Oxley Moor",
    "Tarrow",
    "Dunmere",
    "Hollin Vale",
    "Brackwater",
    "Selby Cove",
    "Wrenfield",
]
EVENTS = [
    (
        "bridge reopens after repairs",
        "The {town} harbour bridge reopened on {day} March after engineers "
        "replaced {n} storm damaged cables, the council said.",
    ),
    (
        "school roof collapses in gale",
        "Part of the roof of {town} primary school fell in during a gale on "
        "{day} March; {n} classrooms were closed and nobody was hurt, the head teacher said.",
    ),
    (
        "library wins reading award",
        "{town} library won a national reading award on {day} March for a "
        "scheme that lent {n} books to housebound readers, the judges said.",
    ),
    (
        "ferry service suspended",
        "Ferries from {town} were suspended on {day} March after {n} crossings "
        "were cancelled because of high winds, the operator said.",
    ),
]


def records(count: int) -> list[dict[str, str]]:
    """Distinct hand-made reports (no shared or sample text), dated through March 2024."""
    rows = []
    for k in range(count):
        town, (headline, body) = TOWNS[k % len(TOWNS)], EVENTS[(k // len(TOWNS)) % len(EVENTS)]
        day = 1 + k % 28
        text = body.format(town=town, day=day, n=k + 2) + f" Report number {k}."
        rows.append(
            {
                "id": f"r{k}",
                "title": f"{town} {headline}",
                "text": text,
                "published": f"2024-03-{day:02d}",
                "outlet": "Coast Gazette",
            }
        )
    return rows


def write_jsonl(path: Path, rows: list[dict[str, str]], extra: str = "") -> Path:
    path.write_text("\n".join(json.dumps(r) for r in rows) + "\n" + extra, encoding="utf-8")
    return path


def parquet_keys(out: Path) -> list[str]:
    parts = sorted((out / "articles").glob("part-*.parquet"))
    return [key for part in parts for key in pq.read_table(part, columns=["key"]).column("key").to_pylist()]


def test_bulk_writes_parquet_ledger_and_stories(tmp_path: Path) -> None:
    shard = write_jsonl(tmp_path / "a.jsonl", records(12), extra="not json\n")
    summary = run_bulk([str(shard)], BulkOptions(tmp_path / "out", batch_size=5))
    assert (summary.read, summary.analysed, summary.failed) == (13, 12, 1)
    assert "not valid JSON" in summary.failures[0].error and summary.failures[0].input.endswith(":13")
    assert summary.stories_created >= 1 and summary.stories_updated == 0
    keys = parquet_keys(tmp_path / "out")
    assert len(keys) == len(set(keys)) == 12
    table = pq.read_table(tmp_path / "out" / "articles")  # the ledger and temp files are not picked up
    assert table.num_rows == 12 and set(table.column("outlet").to_pylist()) == {"Coast Gazette"}
    stories = pq.read_table(tmp_path / "out" / "stories.parquet")
    assert sum(stories.column("size").to_pylist()) == 12


def test_bulk_rerun_reads_nothing_again_and_new_records_update_stories(tmp_path: Path) -> None:
    rows = records(24)
    shard = write_jsonl(tmp_path / "a.jsonl", rows[:12])
    run_bulk([str(shard)], BulkOptions(tmp_path / "out"))
    again = run_bulk([str(shard)], BulkOptions(tmp_path / "out"))
    assert (again.read, again.already_done) == (0, 12)
    more = write_jsonl(tmp_path / "b.jsonl", [dict(r, text=r["text"] + " Update.") for r in rows[:3]])
    third = run_bulk([str(shard), str(more)], BulkOptions(tmp_path / "out"))
    assert (third.read, third.analysed, third.already_done) == (3, 3, 12)
    assert third.stories_updated >= 1


def test_bulk_limit_and_since(tmp_path: Path) -> None:
    shard = write_jsonl(tmp_path / "a.jsonl", records(28))
    limited = run_bulk([str(shard)], BulkOptions(tmp_path / "one", limit=5))
    assert limited.read == 5
    since = run_bulk([str(shard)], BulkOptions(tmp_path / "two", since="2024-03-21"))
    assert (since.analysed, since.skipped) == (8, 20)


def test_bulk_reads_html_responses_from_warc(tmp_path: Path) -> None:
    from warcio.statusandheaders import StatusAndHeaders
    from warcio.warcwriter import WARCWriter

    body = " ".join(records(1)[0]["text"] for _ in range(6))
    page = (
        f"<html><head><title>Kestrel Bay bridge reopens</title></head><body><article><h1>Kestrel Bay "
        f"bridge reopens</h1><p>{body}</p><p>{body}</p></article></body></html>"
    ).encode()
    path = tmp_path / "news.warc.gz"
    with path.open("wb") as handle:
        writer = WARCWriter(handle, gzip=True)
        for url, kind in [
            ("https://example.org/bridge", "text/html"),
            ("https://example.org/a.png", "image/png"),
        ]:
            headers = StatusAndHeaders("200 OK", [("Content-Type", kind)], protocol="HTTP/1.1")
            dated = {"WARC-Date": "2024-03-02T10:00:00Z"}
            record = writer.create_warc_record(
                url, "response", payload=io.BytesIO(page), http_headers=headers, warc_headers_dict=dated
            )
            writer.write_record(record)
            record.raw_stream.close()  # warcio spools the payload to a temporary file it does not close
    summary = run_bulk([str(path)], BulkOptions(tmp_path / "out"))
    assert (summary.read, summary.analysed) == (1, 1)
    table = pq.read_table(tmp_path / "out" / "articles")
    assert table.column("url").to_pylist() == ["https://example.org/bridge"]
    assert table.column("published").to_pylist() == ["2024-03-02"]  # the crawl date, as a fallback


def test_bulk_deletes_parts_no_ledger_committed(tmp_path: Path) -> None:
    folder = tmp_path / "out" / "articles"
    write_part(folder, "part-00009-000001.parquet", [("k", Article(id="a", input="a", text="x"), "s")])
    (folder / "part-00009-000002.parquet.tmp").write_bytes(b"half")
    shard = write_jsonl(tmp_path / "a.jsonl", records(3))
    summary = run_bulk([str(shard)], BulkOptions(tmp_path / "out"))
    assert summary.parts_recovered == ("part-00009-000001.parquet", "part-00009-000002.parquet.tmp")
    assert sorted(parquet_keys(tmp_path / "out")) == sorted(set(parquet_keys(tmp_path / "out")))
    assert len(parquet_keys(tmp_path / "out")) == 3


def _bulk(shard: Path, out: Path) -> subprocess.Popen[bytes]:
    code = "from newsweave.bulk.command import bulk; bulk()"
    return subprocess.Popen(
        [sys.executable, "-c", code, str(shard), "--out", str(out), "--batch-size", "4"],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )


def _committed(ledger: Path) -> int:
    if not ledger.exists():
        return 0
    try:
        with sqlite3.connect(ledger) as conn:
            return int(conn.execute("SELECT COUNT(*) FROM items").fetchone()[0])
    except sqlite3.Error:  # the ledger is still being created
        return 0


def _kill_after(proc: subprocess.Popen[bytes], ledger: Path, more_than: int, delay: float) -> None:
    """SIGKILL ``proc`` ``delay`` seconds after the ledger holds more than ``more_than`` keys."""
    deadline = time.monotonic() + 60
    while _committed(ledger) <= more_than and proc.poll() is None and time.monotonic() < deadline:
        time.sleep(0.02)
    time.sleep(delay)
    os.kill(proc.pid, signal.SIGKILL)
    proc.wait()


def test_bulk_resumes_after_sigkill_with_every_record_exactly_once(tmp_path: Path) -> None:
    rows = records(90)
    shard = write_jsonl(tmp_path / "a.jsonl", rows)
    out = tmp_path / "out"
    ledger = out / "_ledger.sqlite"
    for delay in (
        0.0,
        0.05,
        0.13,
    ):  # kill at different moments of a batch: mid-analysis, mid-write, mid-commit
        before = _committed(ledger)
        _kill_after(_bulk(shard, out), ledger, before, delay)
    assert 0 < _committed(ledger) < len(rows), "the kills should land mid-run"
    assert _bulk(shard, out).wait(timeout=120) == 0
    keys = parquet_keys(out)
    assert len(keys) == len(set(keys)) == len(rows)
    with sqlite3.connect(ledger) as conn:
        statuses = dict(conn.execute("SELECT status, COUNT(*) FROM items GROUP BY status").fetchall())
        part_rows = conn.execute("SELECT SUM(rows) FROM parts").fetchone()[0]
    assert statuses == {"analysed": len(rows)} and part_rows == len(rows)
    assert sorted(pq.read_table(out / "articles").column("id").to_pylist()) == sorted(
        set(pq.read_table(out / "articles").column("id").to_pylist())
    )


@pytest.mark.parametrize("bad", ["missing.jsonl", "notes.txt"])
def test_bulk_refuses_inputs_that_are_not_shards(tmp_path: Path, bad: str) -> None:
    from newsweave.errors import InputError

    if bad.endswith(".txt"):
        (tmp_path / bad).write_text("hello", encoding="utf-8")
    with pytest.raises(InputError):
        run_bulk([str(tmp_path / bad)], BulkOptions(tmp_path / "out"))


def test_bulk_copies_its_output_into_the_store_once(tmp_path: Path) -> None:
    from click.testing import CliRunner

    from newsweave.cli import main
    from newsweave.store import open_store

    shard = write_jsonl(tmp_path / "a.jsonl", records(12))
    db = str(tmp_path / "n.db")
    args = ["bulk", str(shard), "--out", str(tmp_path / "out"), "--db", db, "--json"]
    first = CliRunner().invoke(main, args, catch_exceptions=False)
    assert first.exit_code == 0
    assert json.loads(first.output)["stored"]["articles"] == 12
    again = CliRunner().invoke(main, args, catch_exceptions=False)
    assert again.exit_code == 0
    with open_store(db) as store:
        articles, stories = store.articles(), store.stories()
    assert len(articles) == 12
    assert sorted(a for s in stories for a in s.article_ids) == sorted(a.id for a in articles)


# --- issue 13 item 6: bulk never gets stuck -----------------------------------------------------------


def test_a_poison_record_is_recorded_as_failed_and_a_rerun_goes_past_it(tmp_path: Path, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    from newsweave.bulk import work

    real = work._process

    def poisoned(item, context):  # type: ignore[no-untyped-def]
        if item.input.endswith(":2"):
            raise RuntimeError("poison")
        return real(item, context)

    monkeypatch.setattr(work, "_process", poisoned)
    shard = write_jsonl(tmp_path / "a.jsonl", records(4))
    first = run_bulk([str(shard)], BulkOptions(tmp_path / "out"))
    assert (first.analysed, first.failed) == (3, 1) and "poison" in first.failures[0].error
    again = run_bulk([str(shard)], BulkOptions(tmp_path / "out"))
    assert (again.read, again.already_done) == (0, 4)


def test_a_lone_surrogate_record_is_analysed_not_poison(tmp_path: Path) -> None:
    shard = tmp_path / "a.jsonl"
    shard.write_text('{"text": "The bridge \\ud800 reopened on Tuesday, the council said.", "outlet": "X \\udc00"}\n'
                     + json.dumps(records(1)[0]) + "\n", encoding="utf-8")
    summary = run_bulk([str(shard)], BulkOptions(tmp_path / "out"))
    assert (summary.analysed, summary.failed) == (2, 0)


@pytest.mark.parametrize(
    ("name", "content"),
    [("t.jsonl.gz", "truncated"), ("g.jsonl.gz", "garbage"), ("g.warc.gz", "garbage"), ("g.warc", "garbage")],
)
def test_truncated_or_garbage_shards_are_problems_and_other_shards_go_on(
    tmp_path: Path, name: str, content: str
) -> None:
    import gzip

    good = write_jsonl(tmp_path / "good.jsonl", records(3))
    whole = gzip.compress("\n".join(json.dumps(r) for r in records(40)[3:]).encode())
    bad = tmp_path / name
    bad.write_bytes(whole[: len(whole) // 2] if content == "truncated" else os.urandom(4000))
    summary = run_bulk([str(bad), str(good)], BulkOptions(tmp_path / "out"))
    (problem,) = summary.unreadable
    assert problem.input == str(bad) and "could not be read" in problem.error
    assert summary.analysed >= 3 and summary.failed == 0
    from click.testing import CliRunner

    from newsweave.cli import main

    result = CliRunner().invoke(main, ["bulk", str(bad), str(good), "--out", str(tmp_path / "o2")])
    assert result.exit_code == 3 and "unreadable shard" in result.output and "Traceback" not in result.output


def test_the_same_shard_named_twice_is_read_once(tmp_path: Path, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    shard = write_jsonl(tmp_path / "a.jsonl", records(3))
    monkeypatch.chdir(tmp_path)
    for _ in range(2):  # and a rerun does not fail either
        summary = run_bulk(["a.jsonl", "./a.jsonl", str(shard)], BulkOptions(tmp_path / "out"))
        assert summary.shards == 1
    assert len(parquet_keys(tmp_path / "out")) == 3
