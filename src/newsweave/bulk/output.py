"""Parquet output: one part file per committed batch, written atomically, in ``OUT/articles/``.

A part is written to ``*.parquet.tmp``, fsynced, renamed to ``part-RRRRR-SSSSSS.parquet`` and the
folder fsynced; only then does the ledger commit it. Each row is one analysed article: its key, id,
story, the columns people filter on, and ``data``, the lossless JSON of the whole Article
(:mod:`newsweave.codec`), so nothing the analysis found is lost.
"""

from __future__ import annotations

import json
import os
from collections.abc import Iterator, Sequence
from pathlib import Path

import pyarrow as pa
import pyarrow.parquet as pq

from ..codec import decode, encode
from ..model import Article

__all__ = ["SCHEMA", "read_parts", "remove_orphans", "write_part"]

SCHEMA = pa.schema(
    [
        ("key", pa.string()),
        ("id", pa.string()),
        ("story_id", pa.string()),
        ("input", pa.string()),
        ("title", pa.string()),
        ("outlet", pa.string()),
        ("published", pa.string()),
        ("url", pa.string()),
        ("language", pa.string()),
        ("text", pa.string()),
        ("data", pa.string()),
    ]
)


def _row(key: str, article: Article, story_id: str) -> dict[str, str | None]:
    return {
        "key": key,
        "id": article.id,
        "story_id": story_id,
        "input": article.input,
        "title": article.title,
        "outlet": article.outlet.value if article.outlet else None,
        "published": article.published.value if article.published else None,
        "url": article.url,
        "language": article.language,
        "text": article.text,
        "data": json.dumps(encode(article), ensure_ascii=False, sort_keys=True),
    }


def _fsync_dir(folder: Path) -> None:
    fd = os.open(folder, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def write_part(folder: Path, name: str, rows: Sequence[tuple[str, Article, str]]) -> Path:
    """Write ``(key, article, story_id)`` rows as ``folder/name`` durably; return its path."""
    folder.mkdir(parents=True, exist_ok=True)
    table = pa.Table.from_pylist([_row(*row) for row in rows], schema=SCHEMA)
    final = folder / name
    temporary = final.with_name(name + ".tmp")
    with temporary.open("wb") as handle:
        pq.write_table(table, handle, compression="zstd")
        handle.flush()
        os.fsync(handle.fileno())
    os.replace(temporary, final)
    _fsync_dir(folder)
    return final


def remove_orphans(folder: Path, committed: set[str]) -> list[str]:
    """Delete temporary files and parts no ledger transaction committed (left by a crash)."""
    removed = []
    for path in sorted(folder.glob("part-*")) if folder.exists() else ():
        if path.name not in committed:
            path.unlink()
            removed.append(path.name)
    return removed


def read_parts(folder: Path, names: Sequence[str]) -> Iterator[tuple[Article, str]]:
    """Every committed article and its story id, part by part, in commit order."""
    for name in names:
        table = pq.read_table(folder / name, columns=["data", "story_id"])
        for data, story_id in zip(
            table.column("data").to_pylist(), table.column("story_id").to_pylist(), strict=True
        ):
            yield decode(Article, json.loads(data)), story_id
