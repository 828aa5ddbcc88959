from __future__ import annotations

import tempfile
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from newsweave.ingest import read

from .pages import pages

SUFFIXES = [".txt", ".html", ".json", ".jsonl", ".rss", ""]
_XMLISH = st.sampled_from(
    [b"", b"<html><body><p>", b"<?xml version='1.0'?><rss><channel><item>", b'{"text": ']
)


@pytest.mark.parametrize("suffix", SUFFIXES)
@settings(max_examples=40, deadline=None)
@given(prefix=_XMLISH, data=st.binary(max_size=2000))
def test_read_any_bytes_gives_documents_or_a_problem(suffix: str, prefix: bytes, data: bytes) -> None:
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / f"input{suffix}"
        path.write_bytes(prefix + data)
        result = read([str(path)], fetcher=pages({}))
    assert result.documents or result.problems
    assert all(doc.text.strip() for doc in result.documents)
    assert all(problem.input.startswith(str(path)) or "://" in problem.input for problem in result.problems)
    assert all("\n" not in problem.error for problem in result.problems)
