"""``newsweave bulk``: the click command over :func:`newsweave.bulk.run_bulk` (registered in cli.py)."""

from __future__ import annotations

import json
import sys
from datetime import date
from pathlib import Path

import click
from tqdm import tqdm

from ..config_command import config_option, set_option, settings_from_cli
from ..errors import ConfigError, NewsweaveError
from ..runtime import Executor, LocalExecutor
from .run import BulkOptions, BulkSummary, run_bulk
from .to_store import copy_to_store

__all__ = ["bulk"]

EXIT_OK, EXIT_NOTHING, EXIT_SOME_FAILED = 0, 1, 3


def _since(value: str | None) -> str | None:
    if value is None:
        return None
    try:
        return date.fromisoformat(value).isoformat()
    except ValueError as exc:
        raise ConfigError(f"--since {value!r} is not a date", hint="give it as YYYY-MM-DD") from exc


def _executor(name: str, address: str | None) -> Executor:
    if name == "local":
        if address:
            raise ConfigError("--address needs --executor ray", hint="add --executor ray")
        return LocalExecutor()
    from ..runtime.ray import RayExecutor

    return RayExecutor(address)


def _text(summary: BulkSummary) -> str:
    lines = [
        f"read {summary.read} records from {summary.shards} shards ({summary.already_done} already done "
        f"in earlier runs): {summary.analysed} analysed, {summary.failed} failed, {summary.skipped} "
        f"before --since, {summary.duplicates} duplicates",
        f"stories: {summary.stories_created} created, {summary.stories_updated} updated",
        f"output: {summary.out}/articles/*.parquet, {summary.out}/stories.parquet, "
        f"ledger {summary.out}/_ledger.sqlite",
    ]
    if summary.parts_recovered:
        lines.append(
            f"recovered from an interrupted run: removed {len(summary.parts_recovered)} uncommitted parts"
        )
    lines += [f"failed: {p.input} [{p.stage}]: {p.error}" for p in summary.failures]
    lines += [f"unreadable shard: {p.input}: {p.error}" for p in summary.unreadable]
    return "\n".join(lines)


@click.command()
@click.argument("inputs", nargs=-1, required=True)
@click.option(
    "--out",
    "out",
    required=True,
    type=click.Path(file_okay=False, path_type=Path),
    help="Folder for the Parquet output and the run ledger (a rerun resumes there).",
)
@click.option(
    "--executor",
    "executor_name",
    type=click.Choice(["local", "ray"]),
    default="local",
    show_default=True,
    help="Where the analysis runs.",
)
@click.option("--address", help="Ray cluster to join (e.g. ray://head:10001); none starts a local Ray.")
@click.option("--limit", type=click.IntRange(min=1), help="Read at most this many new records.")
@click.option("--since", help="Skip articles published before this date (YYYY-MM-DD).")
@click.option(
    "--batch-size",
    type=click.IntRange(min=1),
    default=256,
    show_default=True,
    help="Articles per Parquet part and ledger commit.",
)
@click.option("--db", help="Also copy the committed articles and stories into this store (file or postgresql://).")
@config_option
@set_option
@click.option("--json", "as_json", is_flag=True, help="Print the summary as JSON.")
def bulk(
    inputs: tuple[str, ...],
    out: Path,
    executor_name: str,
    address: str | None,
    limit: int | None,
    since: str | None,
    batch_size: int,
    db: str | None,
    config_file: Path | None,
    sets: tuple[str, ...],
    as_json: bool,
) -> None:
    """Analyse JSONL or WARC shards (CC-NEWS) into Parquet, resumably: each record is done once.

    Kill it at any moment and run the same command again: it carries on where it stopped.

    \b
    Example: newsweave bulk CC-NEWS-*.warc.gz --out cc --executor ray --since 2024-01-01 --db news.db
    """
    try:
        options = BulkOptions(out, limit=limit, since=_since(since), batch_size=batch_size,
                              settings=settings_from_cli(config_file, sets))
        executor = _executor(executor_name, address)
        bar = tqdm(desc="bulk", unit="article", file=sys.stderr, disable=None, dynamic_ncols=True)
        try:
            summary = run_bulk(list(inputs), options, executor=executor, progress=bar)
        finally:
            bar.close()
            close = getattr(executor, "close", None)
            if close is not None:
                close()
        stored = copy_to_store(out, db) if db else None
    except NewsweaveError as exc:
        click.echo(f"error: {exc}", err=True)
        sys.exit(EXIT_NOTHING)
    if as_json:
        data = summary.to_dict() | ({"stored": {"db": db, "articles": stored[0], "stories": stored[1]}}
                                    if stored else {})
        click.echo(json.dumps(data, ensure_ascii=False, indent=2))
    else:
        click.echo(_text(summary))
        if stored:
            click.echo(f"stored {stored[0]} articles and {stored[1]} stories in {db}")
    nothing = summary.read == 0 and summary.already_done == 0
    failed = summary.failed or summary.unreadable
    sys.exit(EXIT_NOTHING if nothing else EXIT_SOME_FAILED if failed else EXIT_OK)
