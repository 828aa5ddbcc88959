"""Shard readers: JSONL (optionally gzipped) and WARC (CC-NEWS) files read lazily, one record at a time.

Each record becomes a :class:`Pending` item with a stable ``key`` (the shard's resolved path and line
number for JSONL, the ``WARC-Record-ID`` for WARC), which is what the run ledger records as done.
Parsing is left to the worker (:mod:`newsweave.bulk.work`) so that HTML extraction runs in parallel:
a JSONL line is parsed with the same record reader as ``newsweave.ingest``, an HTML response with the
same HTML reader.
"""

from __future__ import annotations

import gzip
import zlib
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import IO, cast

from ..errors import InputError
from ..ingest.base import problem
from ..model import Problem

__all__ = ["SHARD_ERRORS", "Pending", "count_records", "read_shards", "shard_files"]

JSONL_SUFFIXES = (".jsonl", ".jsonl.gz", ".ndjson", ".ndjson.gz")
WARC_SUFFIXES = (".warc", ".warc.gz")


@dataclass(frozen=True, slots=True)
class Pending:
    """One input record, not yet parsed: ``kind`` says how the worker reads ``data``."""

    key: str
    input: str
    kind: str  # "jsonl" (one JSON line) or "html" (an HTTP response body)
    data: bytes
    url: str | None = None
    fetched: str | None = None  # WARC-Date: when the page was crawled


def shard_files(inputs: list[str]) -> list[Path]:
    """The shard files named by ``inputs`` (files, or folders walked in sorted order); InputError for
    a path that does not exist or a file of another kind."""
    found: dict[Path, Path] = {}  # by resolved path: "a.jsonl ./a.jsonl" is one shard, read once
    for item in inputs:
        path = Path(item)
        if path.is_dir():
            for p in sorted(path.rglob("*")):
                if p.is_file() and _kind(p) is not None:
                    found.setdefault(p.resolve(), p)
        elif path.is_file() and _kind(path) is not None:
            found.setdefault(path.resolve(), path)
        elif path.is_file():
            raise InputError(
                item,
                "is not a JSONL or WARC shard",
                hint=f"bulk reads {', '.join(JSONL_SUFFIXES + WARC_SUFFIXES)}",
            )
        else:
            raise InputError(item, "no such file or folder", hint="check the path")
    return list(found.values())


def _kind(path: Path) -> str | None:
    name = path.name.lower()
    if name.endswith(JSONL_SUFFIXES):
        return "jsonl"
    if name.endswith(WARC_SUFFIXES):
        return "warc"
    return None


#: What a truncated or garbage shard raises while it is read (gzip, zlib, warcio, the file system).
SHARD_ERRORS: tuple[type[BaseException], ...] = (OSError, EOFError, zlib.error, ValueError)


def read_shards(paths: list[Path], problems: list[Problem] | None = None) -> Iterator[Pending]:
    """Every record of every shard, in order. A shard that cannot be read to its end (truncated, not
    gzip, not WARC) gives the records read before the fault, a problem appended to ``problems`` (raised
    as an InputError when there is no list), and the other shards go on."""
    for path in paths:
        records = _jsonl(path) if _kind(path) == "jsonl" else _warc(path)
        count = 0
        try:
            for count, item in enumerate(records, start=1):  # noqa: B007 - count is read after the loop
                yield item
        except SHARD_ERRORS as exc:
            reason = " ".join(f"{type(exc).__name__}: {exc}".split())[:200]
            err = InputError(str(path), f"could not be read past record {count} ({reason})",
                             hint="the shard is truncated or not a JSONL/WARC file; fetch it again")
            if problems is None:
                raise err from exc
            problems.append(problem(err))


def _open(path: Path) -> IO[bytes]:
    if path.name.lower().endswith(".gz"):
        return cast(IO[bytes], gzip.open(path, "rb"))
    return path.open("rb")


def _jsonl(path: Path) -> Iterator[Pending]:
    shard = str(path.resolve())
    with _open(path) as handle:
        for number, line in enumerate(handle, start=1):
            if line.strip():
                yield Pending(f"{shard}:{number}", f"{path}:{number}", "jsonl", line)


def _warc(path: Path) -> Iterator[Pending]:
    from warcio.exceptions import ArchiveLoadFailed

    try:
        yield from _warc_records(path)
    except ArchiveLoadFailed as exc:
        raise ValueError(f"not a WARC archive ({exc})") from exc


def _warc_records(path: Path) -> Iterator[Pending]:
    from warcio.archiveiterator import ArchiveIterator

    with path.open("rb") as handle:
        for record in ArchiveIterator(handle):
            if record.rec_type != "response" or record.http_headers is None:
                continue
            status = record.http_headers.get_statuscode()
            content_type = (record.http_headers.get_header("Content-Type") or "").lower()
            if status != "200" or "html" not in content_type:
                continue
            url = record.rec_headers.get_header("WARC-Target-URI")
            key = record.rec_headers.get_header("WARC-Record-ID") or f"{path.resolve()}@{url}"
            yield Pending(
                f"warc:{key}",
                url or str(path),
                "html",
                record.content_stream().read(),
                url,
                record.rec_headers.get_header("WARC-Date"),
            )


def count_records(paths: list[Path]) -> int | None:
    """Records in the shards when that is cheap to know (plain JSONL: its non-empty lines), else None."""
    total = 0
    for path in paths:
        if _kind(path) != "jsonl" or path.name.lower().endswith(".gz"):
            return None
        try:
            with path.open("rb") as handle:
                total += sum(1 for line in handle if line.strip())
        except OSError:
            return None  # the run reports the shard
    return total
