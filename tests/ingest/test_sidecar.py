from __future__ import annotations

import json
from pathlib import Path

import pytest

from newsweave.ingest.sidecar import load_sidecar
from newsweave.model import RawDocument


def _folder(tmp_path: Path, sidecar: object) -> Path:
    (tmp_path / "a.txt").write_text("Alpha.")
    text = sidecar if isinstance(sidecar, str) else json.dumps(sidecar)
    (tmp_path / "sources.json").write_text(text)
    return tmp_path


def test_sidecar_applies_entry_by_file_name(tmp_path: Path) -> None:
    sidecar = load_sidecar(_folder(tmp_path, {"a.txt": {"outlet": "Alpha Post", "language": "de"}}), 1000)
    doc = sidecar.apply(tmp_path / "a.txt", RawDocument("a.txt", "Alpha.", "text"))
    assert [(k, m.value, m.source) for k, m in doc.meta] == [
        ("outlet", "Alpha Post", "sidecar"),
        ("language", "de", "sidecar"),
    ]
    assert sidecar.problems == ()


def test_sidecar_missing_is_empty(tmp_path: Path) -> None:
    sidecar = load_sidecar(tmp_path, 1000)
    assert sidecar.entries == {} and sidecar.problems == ()


@pytest.mark.parametrize(
    "content, reason",
    [
        ("{oops", "not valid JSON"),
        (["a.txt"], "must be a JSON object"),
        ({"b.txt": {"outlet": "B"}}, "'b.txt', which is not a file"),
        ({"a.txt": "Alpha Post"}, "must be an object"),
        ({"a.txt": {"date": "2024-01-01"}}, "unknown field 'date'"),
        ({"a.txt": {"published": 2024}}, "'published' must be a string"),
    ],
)
def test_sidecar_bad_content_is_reported_not_raised(tmp_path: Path, content: object, reason: str) -> None:
    sidecar = load_sidecar(_folder(tmp_path, content), 1000)
    (problem,) = sidecar.problems
    assert reason in problem.error and "sources.json" in problem.input


@pytest.mark.parametrize(
    ("content", "reason"),
    [("[" * 100_000, "nested deeper than 64 levels"), ('{"a.txt": {"outlet": ' + "7" * 10_000 + "}}",
                                                        "a number longer than 100 digits")],
)
def test_hostile_sources_json_is_a_problem_and_the_files_are_still_read(
    tmp_path: Path, content: str, reason: str
) -> None:
    """Issue 13 item 2: 100,000 nested brackets or a 10,000-digit integer never crash the run."""
    from newsweave.ingest import read

    (tmp_path / "a.txt").write_text("The harbour ferry sailed again on Tuesday after the strike.", encoding="utf-8")
    (tmp_path / "sources.json").write_text(content, encoding="utf-8")
    found = read([str(tmp_path)])
    assert [Path(d.input).name for d in found.documents] == ["a.txt"]
    (problem,) = found.problems
    assert reason in problem.error and problem.input.endswith("sources.json")
