"""``run_bulk``: shards in, Parquet parts and a ledger out, resumable with every record done exactly once.

The driver reads records lazily, skips the keys the ledger already holds, and hands the rest to an
executor (local, or Ray) that runs :func:`newsweave.bulk.work.process` on them. Outcomes come back in
order; each analysed article is assigned to a story by the incremental
:class:`~newsweave.group.index.StoryIndex`. Every ``batch_size`` outcomes, the batch's articles are
written as one Parquet part and then, in one ledger transaction, the part, every key's outcome and the
stories touched are committed. After a crash the parts nobody committed are deleted and the index is
rebuilt from the committed parts, so a restart carries on where the last commit left off.
"""

from __future__ import annotations

import json
from collections.abc import Iterator, Sequence
from dataclasses import asdict, dataclass, field
from itertools import islice
from pathlib import Path
from typing import Protocol

import pyarrow as pa
import pyarrow.parquet as pq

from ..config import Settings
from ..group.index import IndexOptions, StoryIndex
from ..model import Problem
from ..runtime import Executor, LocalExecutor
from ..store.ledger import Entry, Ledger, StoryRow
from .output import read_parts, remove_orphans, write_part
from .shards import Pending, count_records, read_shards, shard_files
from .work import Done, WorkContext, process

__all__ = ["BulkOptions", "BulkSummary", "Progress", "run_bulk"]

LEDGER = "_ledger.sqlite"
ARTICLES = "articles"
STORIES = "stories.parquet"


class Progress(Protocol):
    """What a progress display needs (tqdm fits): the expected total once known, and each step."""

    def reset(self, total: int | None = None) -> None: ...

    def update(self, n: int = 1) -> object: ...


@dataclass(frozen=True, slots=True)
class BulkOptions:
    """One bulk run: where to write, how much to take, and the settings of the analysis."""

    out: Path
    limit: int | None = None
    since: str | None = None
    batch_size: int = 256
    settings: Settings = field(default_factory=Settings)
    index: IndexOptions = field(default_factory=IndexOptions)


@dataclass(frozen=True, slots=True)
class BulkSummary:
    """What one run did. ``failures`` lists each record that failed, with the reason."""

    run: int
    out: str
    shards: int
    read: int = 0
    analysed: int = 0
    failed: int = 0
    skipped: int = 0
    duplicates: int = 0
    already_done: int = 0
    stories_created: int = 0
    stories_updated: int = 0
    parts_recovered: tuple[str, ...] = ()
    failures: tuple[Problem, ...] = ()
    unreadable: tuple[Problem, ...] = ()  # shards read only up to a fault (truncated, garbage)

    def to_dict(self) -> dict[str, object]:
        data = asdict(self)
        for name in ("failures", "unreadable"):
            data[name] = [{"input": p.input, "stage": p.stage, "error": p.error} for p in getattr(self, name)]
        return data


@dataclass(slots=True)
class _Batch:
    rows: list[tuple[str, object, str]] = field(default_factory=list)
    entries: list[Entry] = field(default_factory=list)
    stories: dict[str, StoryRow] = field(default_factory=dict)
    size: int = 0


@dataclass(slots=True)
class _Counts:
    read: int = 0
    analysed: int = 0
    skipped: int = 0
    duplicates: int = 0
    failures: list[Problem] = field(default_factory=list)


def run_bulk(
    inputs: Sequence[str],
    options: BulkOptions,
    *,
    executor: Executor | None = None,
    progress: Progress | None = None,
) -> BulkSummary:
    """Process every record of the JSONL/WARC shards in ``inputs`` not already done in ``options.out``."""
    paths = shard_files(list(inputs))
    options.out.mkdir(parents=True, exist_ok=True)
    ledger = Ledger(options.out / LEDGER)
    try:
        return _Run(paths, options, ledger, executor or LocalExecutor(), progress).go()
    finally:
        ledger.close()


class _Run:
    def __init__(
        self,
        paths: list[Path],
        options: BulkOptions,
        ledger: Ledger,
        executor: Executor,
        progress: Progress | None,
    ) -> None:
        self.paths, self.options, self.ledger = paths, options, ledger
        self.executor, self.progress = executor, progress
        self.folder = options.out / ARTICLES
        self.recovered = tuple(remove_orphans(self.folder, set(ledger.parts())))
        self.done = ledger.done_keys()
        self.index = self._restore()
        self.counts = _Counts()
        self.unreadable: list[Problem] = []
        self.already = 0
        self.run = ledger.start_run()
        self.part = 0

    def _restore(self) -> StoryIndex:
        index = StoryIndex(self.options.settings, self.options.index)
        for article, story_id in read_parts(self.folder, self.ledger.parts()):
            index.add(article, into=story_id)
        return index

    def go(self) -> BulkSummary:
        self._expect()
        context = WorkContext(self.options.settings, self.options.since)
        batch = _Batch()
        for outcome in self.executor.map(process, self._records(), context):
            self._take(batch, outcome)
            if batch.size >= self.options.batch_size:
                self._commit(batch)
                batch = _Batch()
        self._commit(batch)
        summary = self._summary()
        self.ledger.finish_run(self.run, json.dumps(summary.to_dict()))
        _write_stories(self.options.out / STORIES, self.ledger)
        return summary

    def _expect(self) -> None:
        if self.progress is None:
            return
        total = count_records(self.paths)
        if total is not None:
            total = max(0, total - len(self.done))
        if self.options.limit is not None:
            total = self.options.limit if total is None else min(total, self.options.limit)
        self.progress.reset(total=total)

    def _records(self) -> Iterator[Pending]:
        fresh = (item for item in read_shards(self.paths, self.unreadable) if not self._seen(item))
        return fresh if self.options.limit is None else islice(fresh, self.options.limit)

    def _seen(self, item: Pending) -> bool:
        if item.key in self.done:
            self.already += 1
            return True
        return False

    def _take(self, batch: _Batch, outcome: Done) -> None:
        self.counts.read += 1
        batch.size += 1
        if self.progress is not None:
            self.progress.update(1)
        if outcome.skipped:
            self.counts.skipped += 1
        elif outcome.article is None:
            problem = outcome.problem or Problem(outcome.key, "no article and no reason", "bulk")
            self.counts.failures.append(problem)
            batch.entries.append(
                Entry(outcome.key, "failed", input=problem.input, stage=problem.stage, error=problem.error)
            )
        elif outcome.article.id in self.index:
            self.counts.duplicates += 1
            batch.entries.append(
                Entry(
                    outcome.key,
                    "duplicate",
                    outcome.article.id,
                    input=outcome.article.input,
                    error="same text as an earlier record",
                )
            )
        else:
            assignment = self.index.add(outcome.article)
            self.counts.analysed += 1
            batch.rows.append((outcome.key, outcome.article, assignment.story_id))
            batch.entries.append(
                Entry(outcome.key, "analysed", outcome.article.id, assignment.story_id, outcome.article.input)
            )
            story = self.index.story(assignment.story_id)
            if story is not None:
                batch.stories[story.id] = StoryRow(story.id, story.title, story.size, story.first, story.last)

    def _commit(self, batch: _Batch) -> None:
        if not batch.entries:
            return
        name = None
        if batch.rows:
            self.part += 1
            name = f"part-{self.run:05d}-{self.part:06d}.parquet"
            write_part(self.folder, name, batch.rows)  # type: ignore[arg-type]
        stories = [batch.stories[sid] for sid in sorted(batch.stories)]
        self.ledger.commit(self.run, name, len(batch.rows), batch.entries, stories)

    def _summary(self) -> BulkSummary:
        created, updated = self.ledger.story_counts(self.run)
        c = self.counts
        return BulkSummary(
            run=self.run,
            out=str(self.options.out),
            shards=len(self.paths),
            read=c.read,
            analysed=c.analysed,
            failed=len(c.failures),
            skipped=c.skipped,
            duplicates=c.duplicates,
            already_done=self.already,
            stories_created=created,
            stories_updated=updated,
            parts_recovered=self.recovered,
            failures=tuple(c.failures),
            unreadable=tuple(self.unreadable),
        )


def _write_stories(path: Path, ledger: Ledger) -> None:
    """The stories table as Parquet, rewritten whole (derived from the ledger, so always consistent)."""
    table = pa.Table.from_pylist(
        [asdict(story) for story in ledger.stories()],
        schema=pa.schema(
            [
                ("id", pa.string()),
                ("title", pa.string()),
                ("size", pa.int64()),
                ("first", pa.string()),
                ("last", pa.string()),
            ]
        ),
    )
    temporary = path.with_name(path.name + ".tmp")
    pq.write_table(table, temporary)
    temporary.replace(path)
