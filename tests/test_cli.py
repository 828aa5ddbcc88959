from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from click.testing import CliRunner

from newsweave.cli import main

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


def test_show_unknown_story_is_one_line_error(tmp_path: Path) -> None:
    result = CliRunner().invoke(main, ["show", "s-nope", "--db", str(tmp_path / "n.db")])
    assert result.exit_code == 1 and "no story 's-nope'" in result.output


def _commands(group, prefix: str = "") -> list[str]:  # type: ignore[no-untyped-def]
    names = []
    for name, command in group.commands.items():
        full = f"{prefix}{name}"
        names += _commands(command, full + " ") if hasattr(command, "commands") else [full]
    return names


@pytest.mark.parametrize("command", _commands(main))
def test_every_command_is_documented_with_an_example(command: str) -> None:
    assert f"newsweave {command}" in README
    cmd = main
    for part in command.split():
        cmd = cmd.commands[part]  # type: ignore[attr-defined]
    assert re.search(r"Example: newsweave ", cmd.help or "")


def test_every_setting_is_documented() -> None:
    from newsweave.config import SETTINGS

    for setting in SETTINGS:
        assert f"`{setting.name}`" in README
