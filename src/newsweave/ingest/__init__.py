"""Ingest: bytes in, :class:`~newsweave.model.RawDocument` out.

Files, folders (walked in sorted order, with ``sources.json`` sidecar metadata), http(s) URLs and
RSS/Atom feeds, fetched through a :class:`Fetcher` seam. One bad input never stops the others: its
error becomes a :class:`~newsweave.model.Problem`. Metadata precedence: flag > sidecar > record,
html-meta > feed.
"""

from __future__ import annotations

from .base import ReadResult
from .fetch import Fetcher, HttpxFetcher, MockFetcher, Response
from .read import read
from .readers import READERS, ReadContext, given_meta, read_bytes

__all__ = ["READERS", "Fetcher", "HttpxFetcher", "MockFetcher", "ReadContext", "ReadResult", "Response", "given_meta",
           "read", "read_bytes"]
