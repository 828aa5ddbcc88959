"""A report as JSON Lines: one story per line, the story as report.json has it, written a story at a time."""

from __future__ import annotations

import io
import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from click.testing import CliRunner

from newsweave.cli import main
from newsweave.report.jsonl import JSONL_NAME, LINE_FORMAT, story_line, write_jsonl, write_jsonl_file
from tests.bulk.test_bulk import records


def _doc(story_id: str, article_ids: list[str], extra: list[str] = ()) -> dict[str, Any]:  # type: ignore[assignment]
    """A one-story newsweave/1 document by hand (only the fields a line carries)."""
    articles = [{"id": a, "text": f"text of {a}"} for a in [*article_ids, *extra]]
    return {"format": "newsweave/1", "articles": articles,
            "stories": [{"id": story_id, "title": f"story {story_id}", "articles": article_ids}]}


def test_a_line_holds_the_story_and_only_its_own_articles() -> None:
    line = story_line(_doc("s-1", ["a", "b"], extra=["c"]))
    assert line["format"] == LINE_FORMAT and line["story"]["id"] == "s-1"
    assert [a["id"] for a in line["articles"]] == ["a", "b"]


def test_each_line_is_written_before_the_next_story_is_read() -> None:
    stream = io.StringIO()
    lines_when_asked: list[int] = []

    def docs() -> Iterator[dict[str, Any]]:  # a generator: only one story's document exists at a time
        for k in range(5):
            lines_when_asked.append(stream.getvalue().count("\n"))
            yield _doc(f"s-{k}", [f"a{k}"])

    steps: list[int] = []
    assert write_jsonl(docs(), stream, steps.append) == 5
    assert lines_when_asked == [0, 1, 2, 3, 4] and steps == [1] * 5
    parsed = [json.loads(line) for line in stream.getvalue().splitlines()]
    assert [p["story"]["id"] for p in parsed] == [f"s-{k}" for k in range(5)]


def test_a_file_is_in_place_only_when_whole(tmp_path: Path) -> None:
    def docs() -> Iterator[dict[str, Any]]:
        yield _doc("s-1", ["a"])
        assert not (tmp_path / JSONL_NAME).exists(), "the name appears only when every story is written"
        yield _doc("s-2", ["b"])

    path, count = write_jsonl_file(docs(), tmp_path)
    assert path == tmp_path / JSONL_NAME and count == 2
    assert [p.name for p in tmp_path.iterdir()] == [JSONL_NAME]


def _source(tmp_path: Path) -> Path:
    source = tmp_path / "shard.jsonl"
    rows = [r for k, r in enumerate(records(36)) if k % 12 < 2]  # three events, two towns each
    source.write_text("\n".join(json.dumps(r) for r in rows), encoding="utf-8")
    return source


def _run(*args: str) -> tuple[int, str]:
    result = CliRunner().invoke(main, list(args), catch_exceptions=False)
    return result.exit_code, result.output


def test_analyze_jsonl_lines_equal_the_stories_and_articles_of_report_json(tmp_path: Path) -> None:
    db, out = str(tmp_path / "n.db"), tmp_path / "out"
    code, printed = _run("analyze", str(_source(tmp_path)), "--db", db, "--out", str(out), "--jsonl", "--json")
    summary = json.loads(printed)
    assert code == 0 and summary["written"] == [str(out / JSONL_NAME)] and summary["articles"] == 6
    assert [p.name for p in out.iterdir()] == [JSONL_NAME]
    lines = [json.loads(line) for line in (out / JSONL_NAME).read_text(encoding="utf-8").splitlines()]
    assert len(lines) == summary["stories"] >= 2

    code, _ = _run("export", "--db", db, "--out", str(tmp_path / "whole"))
    report = json.loads((tmp_path / "whole" / "report.json").read_text(encoding="utf-8"))
    stories = {s["id"]: s for s in report["stories"]}
    articles = {a["id"]: a for a in report["articles"]}
    assert code == 0 and {line["story"]["id"] for line in lines} == set(stories)
    for line in lines:
        assert line["format"] == LINE_FORMAT
        assert line["story"] == stories[line["story"]["id"]]
        assert line["articles"] == [articles[a["id"]] for a in line["articles"]]
        assert {a["id"] for a in line["articles"]} == set(line["story"]["articles"])
        texts = {a["id"]: a["text"] for a in line["articles"]}
        for quote in line["story"]["quotes"]:  # every span the line cites resolves within the line
            span = quote["span"]
            assert texts[span["article"]][span["start"]:span["end"]] == quote["text"]


def test_analyze_jsonl_without_out_streams_the_lines_to_standard_output(tmp_path: Path) -> None:
    code, printed = _run("analyze", str(_source(tmp_path)), "--db", str(tmp_path / "n.db"), "--jsonl")
    lines = [json.loads(line) for line in printed.splitlines()]
    assert code == 0 and len(lines) >= 2
    members = [a for line in lines for a in line["story"]["articles"]]
    assert len(members) == len(set(members)) == 6
    assert all(line["format"] == LINE_FORMAT for line in lines)


def test_export_jsonl_says_where_the_file_went(tmp_path: Path) -> None:
    db, out = str(tmp_path / "n.db"), tmp_path / "out"
    assert _run("analyze", str(_source(tmp_path)), "--db", db)[0] == 0
    code, printed = _run("export", "--db", db, "--out", str(out), "--jsonl")
    assert code == 0 and f"wrote {out / JSONL_NAME}" in printed and "stories, one per line" in printed
    lines = (out / JSONL_NAME).read_text(encoding="utf-8").splitlines()
    assert lines and all(json.loads(line)["format"] == LINE_FORMAT for line in lines)
