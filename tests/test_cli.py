from __future__ import annotations

import io
import json
import re
from pathlib import Path

import click
import pytest
from click.testing import CliRunner

from newsweave.cli import _Bars, main
from newsweave.model import Article, Meta, Span, Story
from newsweave.store import SQLiteStore, open_store

README = (Path(__file__).resolve().parents[1] / "README.md").read_text(encoding="utf-8")


def _run(*args: str) -> tuple[int, str]:
    result = CliRunner().invoke(main, list(args), catch_exceptions=False)
    return result.exit_code, result.output


def test_analyze_json_is_a_newsweave_report(reports_dir: Path, tmp_path: Path) -> None:
    code, out = _run("analyze", str(reports_dir), "--json", "--db", str(tmp_path / "n.db"))
    doc = json.loads(out)
    assert code == 0 and doc["format"] == "newsweave/1"
    assert {a["outlet"] for a in doc["articles"]} == {"Bay Courier", "Coast Gazette"}
    assert doc["stories"]
    texts = {a["id"]: a["text"] for a in doc["articles"]}
    for article in doc["articles"]:
        assert article["claims"] and article["sentences"]
        for item in article["times"] + article["claims"]:
            assert article["text"][item["start"]:item["end"]] == item["text"]
    for story in doc["stories"]:
        for quote in story["quotes"]:
            span = quote["span"]
            assert texts[span["article"]][span["start"]:span["end"]] == quote["text"]
        for entry in story["brief"]:
            assert entry["support"], "every brief sentence cites at least one span"


def test_analyze_writes_three_files(reports_dir: Path, tmp_path: Path) -> None:
    code, out = _run("analyze", str(reports_dir), "--out", str(tmp_path / "out"), "--db", str(tmp_path / "n.db"))
    assert code == 0
    assert {p.name for p in (tmp_path / "out").iterdir()} == {"report.json", "report.md", "report.html"}


def test_some_inputs_failing_exits_3_and_keeps_the_rest(reports_dir: Path, tmp_path: Path) -> None:
    (tmp_path / "empty.txt").write_text("")
    code, out = _run("analyze", str(reports_dir), str(tmp_path / "empty.txt"), "--json",
                     "--db", str(tmp_path / "n.db"))
    doc = json.loads(out)
    assert code == 3
    assert len(doc["articles"]) == 2
    assert [p["input"] for p in doc["problems"]] == [str(tmp_path / "empty.txt")]


def test_nothing_read_exits_1(tmp_path: Path) -> None:
    code, _ = _run("analyze", str(tmp_path / "missing.txt"), "--db", str(tmp_path / "n.db"))
    assert code == 1


def test_ingest_twice_changes_nothing(reports_dir: Path, tmp_path: Path) -> None:
    db = str(tmp_path / "n.db")
    _, first = _run("ingest", str(reports_dir), "--db", db, "--json")
    _, second = _run("ingest", str(reports_dir), "--db", db, "--json")
    assert json.loads(first)["added"] == 2
    assert (json.loads(second)["added"], json.loads(second)["unchanged"]) == (0, 2)


def test_stories_show_and_export_read_the_store(reports_dir: Path, tmp_path: Path) -> None:
    db = str(tmp_path / "n.db")
    _run("analyze", str(reports_dir), "--db", db)
    _, listing = _run("stories", "--db", db, "--json")
    stories = json.loads(listing)
    assert stories
    code, shown = _run("show", stories[0]["id"], "--db", db, "--json")
    assert code == 0 and json.loads(shown)["id"] == stories[0]["id"]
    code, _ = _run("export", "--out", str(tmp_path / "x"), "--db", db)
    assert code == 0 and (tmp_path / "x" / "report.html").exists()


def test_stories_lists_newest_first_by_date_from_the_index_alone(tmp_path: Path,
                                                                   monkeypatch: pytest.MonkeyPatch) -> None:
    db = str(tmp_path / "n.db")
    with open_store(db) as store:
        dates = {"a-old": "2021-05-01", "z-new": "2023-01-02", "m-mid": "2022-07-08"}
        store.put_articles([Article(f"x-{sid}", f"{sid}.txt", "Text.", outlet=Meta("Herald", "sidecar"),
                                    published=Meta(day, "sidecar")) for sid, day in dates.items()])
        store.put_articles([Article("x-undated", "u.txt", "Text.")])
        store.put_stories([Story(sid, sid, (Span(f"x-{sid}", 0, 4),)) for sid in dates]
                          + [Story("b-undated", "b", (Span("x-undated", 0, 4),))])

    def refuse(*_: object) -> None:
        raise AssertionError("listing decoded stories or articles")

    monkeypatch.setattr(SQLiteStore, "stories", refuse)
    monkeypatch.setattr(SQLiteStore, "articles", refuse)
    _, listing = _run("stories", "--db", db, "--json")
    rows = json.loads(listing)
    assert [r["id"] for r in rows] == ["z-new", "m-mid", "a-old", "b-undated"]
    assert rows[0]["outlets"] == ["Herald"] and rows[0]["last_published"] == "2023-01-02"


def test_show_unknown_story_is_one_line_error(tmp_path: Path) -> None:
    result = CliRunner().invoke(main, ["show", "s-nope", "--db", str(tmp_path / "n.db")])
    assert result.exit_code == 1 and "no story 's-nope'" in result.output


def _commands(group, prefix: str = "") -> list[str]:  # type: ignore[no-untyped-def]
    names = []
    ctx = click.Context(group)
    for name in group.list_commands(ctx):  # every command, those loaded on use too
        command = group.get_command(ctx, name)
        full = f"{prefix}{name}"
        names += _commands(command, full + " ") if hasattr(command, "commands") else [full]
    return names


@pytest.mark.parametrize("command", _commands(main))
def test_every_command_is_documented_with_an_example(command: str) -> None:
    assert f"newsweave {command}" in README
    cmd = main
    for part in command.split():
        cmd = cmd.get_command(click.Context(cmd), part)  # type: ignore[attr-defined]
    assert re.search(r"Example: newsweave ", cmd.help or "")


def test_every_setting_is_documented() -> None:
    from newsweave.config import SETTINGS

    for setting in SETTINGS:
        assert f"`{setting.name}`" in README


# --- issue 13: bad input and faults from the command line ----------------------------------------------


def test_a_lone_surrogate_loses_nothing(tmp_path: Path) -> None:
    """Item 1: the reproduction from the issue; and a folder of good files plus one such file stores all."""
    bad = tmp_path / "s.jsonl"
    bad.write_text('{"text": "The bridge \\ud800 reopened on Tuesday, the council said."}\n'
                   '{"text": "A second good record about the harbour ferry."}\n', encoding="utf-8")
    code, out = _run("ingest", str(bad), "--db", str(tmp_path / "x.db"), "--json")
    summary = json.loads(out)
    assert code == 0 and summary["added"] == 2
    assert ["replaced by U+FFFD" in p["error"] for p in summary["problems"]] == [True]
    folder = tmp_path / "many"
    folder.mkdir()
    for k in range(20):
        report = f"Report {k}: the harbour ferry sailed again on Tuesday."
        (folder / f"{k:02d}.txt").write_text(report, encoding="utf-8")
    (folder / "bad.json").write_text('{"text": "Bad \\udc80 record", "title": "\\ud800", "outlet": "X\\udfff"}',
                                     encoding="utf-8")
    code, out = _run("ingest", str(folder), "--db", str(tmp_path / "y.db"), "--json")
    assert code == 0 and json.loads(out)["added"] == 21


def test_a_text_longer_than_the_parser_takes_exits_3_with_a_problem(tmp_path: Path) -> None:
    """Item 5: never accepted, failed at the sentences stage and exit 0."""
    long = tmp_path / "long.txt"
    long.write_text("The ferry sailed. " * 20, encoding="utf-8")
    code, out = _run("ingest", str(long), "--set", "normalise.max_chars=100", "--db", str(tmp_path / "n.db"))
    assert code == 1 and "the parser takes at once" in out  # nothing else was read


def test_usage_errors_exit_2_as_the_readme_says(tmp_path: Path) -> None:
    code, _ = _run("ingest", "--no-such-option", "x")
    assert code == 2 and "2 a usage error" in README


def test_a_locked_store_is_one_error_line(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Item 3: another writer holds the lock: one StoreError line and exit 1, no traceback."""
    import sqlite3

    from newsweave.store import sqlite as sqlite_store

    db = tmp_path / "n.db"
    _run("ingest", "--db", str(db), str(tmp_path / "missing.txt"))  # creates the store
    monkeypatch.setattr(sqlite_store, "BUSY_TIMEOUT", 0.2)
    (tmp_path / "a.txt").write_text("The harbour ferry sailed again on Tuesday, the operator said.", encoding="utf-8")
    other = sqlite3.connect(db, isolation_level=None)
    other.execute("BEGIN IMMEDIATE")
    try:
        result = CliRunner().invoke(main, ["ingest", str(tmp_path / "a.txt"), "--db", str(db)])
    finally:
        other.execute("ROLLBACK")
        other.close()
    assert result.exit_code == 1 and isinstance(result.exception, SystemExit)
    (line,) = [x for x in result.output.splitlines() if x.startswith("error:")]
    assert "database is locked" in line and "another process is writing" in line


def test_allow_private_is_an_option_of_the_commands_that_fetch() -> None:
    for command in ("ingest", "analyze", "serve"):
        code, out = _run(command, "--help")
        assert code == 0 and "--allow-private" in out


def test_a_loopback_url_is_refused_without_allow_private(tmp_path: Path) -> None:
    """Item 7: the CLI does not fetch loopback (no server needed: the refusal comes before any request)."""
    code, out = _run("ingest", "http://127.0.0.1:9/secret.txt", "--db", str(tmp_path / "n.db"))
    assert code == 1 and "not a public address" in out and "--allow-private" in out


def test_check_lists_supporting_reports_and_says_when_nothing_relates(reports_dir: Path, tmp_path: Path) -> None:
    db = str(tmp_path / "news.db")
    _run("ingest", str(reports_dir), "--db", db)
    code, out = _run("check", "Kestrel Bay harbour bridge reopened after three weeks of repairs", "--db", db, "--json")
    found = json.loads(out)
    assert code == 0 and {f["outlet"] for f in found["findings"]} == {"Bay Courier", "Coast Gazette"}
    code, out = _run("check", "Quantum penguins colonise Jupiter", "--db", db)
    assert code == 0 and out.startswith("no stored report relates to this claim (2 checked)")


class _Terminal(io.StringIO):
    def isatty(self) -> bool:
        return True


@pytest.mark.parametrize(("terminal", "quiet", "shown"), [(True, False, True), (True, True, False),
                                                           (False, False, False)])
def test_progress_shows_each_phase_with_count_and_rate_only_on_a_terminal_without_json(
    monkeypatch: pytest.MonkeyPatch, terminal: bool, quiet: bool, shown: bool
) -> None:
    err = _Terminal() if terminal else io.StringIO()
    monkeypatch.setattr("sys.stderr", err)
    with _Bars(quiet) as bars:
        bars.phase("grouping", 40, "article")
        bars.update(40)
        bars.phase("comparing", 3, "story")
        bars.update(3)
    text = err.getvalue()
    if shown:
        assert "grouping" in text and "40/40" in text and "comparing" in text and "3/3" in text
        assert re.search(r"story/s|s/ story", text)  # a rate
    else:
        assert text == ""
