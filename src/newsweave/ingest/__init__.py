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

__all__ = ["Fetcher", "HttpxFetcher", "MockFetcher", "ReadResult", "Response", "read"]
