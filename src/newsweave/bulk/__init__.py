"""Bulk runs: JSONL and WARC shards analysed into Parquet, resumable, each record done exactly once.

``run_bulk(inputs, BulkOptions(out=...), executor=...)`` is the library call; ``newsweave bulk`` the
command (:mod:`newsweave.bulk.command`). See ``docs/scale.md``.
"""

from .run import BulkOptions, BulkSummary, run_bulk

__all__ = ["BulkOptions", "BulkSummary", "run_bulk"]
