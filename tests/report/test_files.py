"""A report written to files: one report for a small run, one file per story and an index for a big one."""

from __future__ import annotations

import json
from pathlib import Path

from click.testing import CliRunner

from newsweave.cli import main
from newsweave.report.files import INDEX_FORMAT
from tests.bulk.test_bulk import records


def _analyze(tmp_path: Path, *extra: str) -> tuple[int, str]:
    source = tmp_path / "shard.jsonl"
    rows = [r for k, r in enumerate(records(36)) if k % 12 < 2]  # three events, two towns each
    source.write_text("\n".join(json.dumps(r) for r in rows), encoding="utf-8")
    result = CliRunner().invoke(main, ["analyze", str(source), "--db", str(tmp_path / "n.db"), *extra],
                                catch_exceptions=False)
    return result.exit_code, result.output


def test_above_the_setting_each_story_gets_its_own_files_and_the_index_lists_them(tmp_path: Path) -> None:
    out = tmp_path / "out"
    code, printed = _analyze(tmp_path, "--out", str(out), "--set", "report.per_story_above=1", "--json")
    index = json.loads(printed)
    assert code == 0 and index["format"] == INDEX_FORMAT and index["articles"] == 6
    assert len(index["stories"]) >= 2
    assert {p.name for p in out.iterdir()} == {"index.json", "index.md", "index.html", "stories"}
    assert json.loads((out / "index.json").read_text(encoding="utf-8"))["stories"] == index["stories"]
    assert sorted(index["written"]) == sorted(str(p) for p in out.rglob("*") if p.is_file())
    placed = []
    for entry in index["stories"]:
        doc = json.loads((out / entry["files"]["json"]).read_text(encoding="utf-8"))
        (story,) = doc["stories"]
        assert doc["format"] == "newsweave/1" and story["id"] == entry["id"]
        assert {a["id"] for a in doc["articles"]} == set(story["articles"]) == set(entry["articles"])
        assert entry["title"] in (out / entry["files"]["html"]).read_text(encoding="utf-8") or "&" in entry["title"]
        assert f"({entry['files']['md']})" in (out / "index.md").read_text(encoding="utf-8")
        assert f'href="{entry["files"]["html"]}"' in (out / "index.html").read_text(encoding="utf-8")
        placed += story["articles"]
    assert len(placed) == 6


def test_each_story_line_says_where_its_page_went(tmp_path: Path) -> None:
    out = tmp_path / "out"
    code, printed = _analyze(tmp_path, "--out", str(out), "--set", "report.per_story_above=1")
    assert code == 0 and f"wrote {out / 'index.json'}" in printed
    pages = sorted((out / "stories").glob("*.html"))
    assert pages and all(str(p) in printed for p in pages)


def test_at_or_below_the_setting_one_report_is_written(tmp_path: Path) -> None:
    out = tmp_path / "out"
    code, printed = _analyze(tmp_path, "--out", str(out), "--json")
    doc = json.loads(printed)
    assert code == 0 and doc["format"] == "newsweave/1" and len(doc["articles"]) == 6
    assert {p.name for p in out.iterdir()} == {"report.json", "report.md", "report.html"}
    assert doc["written"] == [str(out / n) for n in ("report.json", "report.md", "report.html")]
