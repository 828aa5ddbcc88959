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
