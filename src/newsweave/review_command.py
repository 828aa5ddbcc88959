"""``newsweave review``: the review queue (:mod:`newsweave.app.review`) on the command line, and a person's
accept or reject of one item, which becomes a correction (``newsweave review undo`` takes it back)."""

from __future__ import annotations

import json
import sys
from typing import Any

import click

from .app import Changed, Workspace
from .errors import NewsweaveError

__all__ = ["review"]

_DB = "newsweave.db"


def _db_option(f: Any) -> Any:
    return click.option("--db", default=_DB, show_default=True,
                        help="Store: an SQLite file, ':memory:', or a postgresql:// URL.")(f)


def _json_option(f: Any) -> Any:
    return click.option("--json", "as_json", is_flag=True, help="Print JSON instead of text.")(f)


def _fail(exc: NewsweaveError) -> None:
    click.echo(f"error: {exc}", err=True)
    sys.exit(1)


def _changed(result: Changed, as_json: bool, what: str) -> None:
    stories = [s.id for s in result.stories]
    data = {"correction": result.correction.id, "kind": result.correction.kind, "stories": stories}
    if as_json:
        click.echo(json.dumps(data, ensure_ascii=False, indent=2))
        return
    click.echo(f"{what}: correction #{result.correction.id} ({result.correction.kind.replace('_', ' ')}) "
               f"in {', '.join(stories) or 'no story'}; take it back with "
               f"`newsweave review undo {result.correction.id}`")


@click.group(invoke_without_command=True)
@click.option("--story", help="Only this story's items.")
@click.option("--limit", type=click.IntRange(min=1), default=20, show_default=True, help="Items to list.")
@_db_option
@_json_option
@click.pass_context
def review(ctx: click.Context, story: str | None, limit: int, db: str, as_json: bool) -> None:
    """List what the engine is least sure of (facts, entity merges, story members, quote matches), least sure
    first, each with its evidence and why; accept or reject an item by its id.

    Example: newsweave review --story s-166b38c7d1e5 --limit 5
    """
    if ctx.invoked_subcommand is not None:
        return
    from .app.review import review_queue

    try:
        with Workspace.open(db) as ws:
            queue = review_queue(ws, limit, story=story)
    except NewsweaveError as exc:
        _fail(exc)
        return
    if as_json:
        click.echo(json.dumps(queue.to_dict(), ensure_ascii=False, indent=2))
        return
    if not queue.items:
        click.echo(f"nothing to review in {queue.stories} stor{'y' if queue.stories == 1 else 'ies'}")
        return
    click.echo(f"{len(queue.items)} of {queue.total} items to review, least sure first")
    for item in queue.items:
        click.echo(f"\n{item.id}  [{item.kind}, certainty {item.certainty:.2f}]  {item.story_title[:60]}")
        click.echo(f"  claims: {item.claim}")
        click.echo(f"  engine: {item.decided}")
        for reason in item.reasons:
            click.echo(f"  unsure: {reason}")
        for e in item.evidence:
            click.echo(f"  {e.outlet}, {e.published or 'date unknown'}: \"{e.text[:160]}\"")
        click.echo(f"  accept: {item.accept}; reject: {item.reject}")


def _decide(item: str, accept: bool, note: str, db: str, as_json: bool) -> None:
    from .app.review import decide

    try:
        with Workspace.open(db) as ws:
            result = decide(ws, item, accept, note)
    except NewsweaveError as exc:
        _fail(exc)
        return
    _changed(result, as_json, "accepted" if accept else "rejected")


@review.command()
@click.argument("item")
@click.option("--note", default="", help="Why (kept with the correction).")
@_db_option
@_json_option
def accept(item: str, note: str, db: str, as_json: bool) -> None:
    """Say the engine is right about ITEM: recorded as a correction, so the item leaves the queue.

    Example: newsweave review accept s-166b38c7d1e5:fact:0a1b2c3d4e
    """
    _decide(item, True, note, db, as_json)


@review.command()
@click.argument("item")
@click.option("--note", default="", help="Why (kept with the correction).")
@_db_option
@_json_option
def reject(item: str, note: str, db: str, as_json: bool) -> None:
    """Say the engine is wrong about ITEM: the correction it names is made (split, different quotes, the fact
    kept with its first source only) and re-applied after every analysis.

    Example: newsweave review reject s-166b38c7d1e5:entity:0a1b2c3d4e --note "two different people"
    """
    _decide(item, False, note, db, as_json)


@review.command()
@click.argument("correction", type=int)
@_db_option
@_json_option
def undo(correction: int, db: str, as_json: bool) -> None:
    """Take back a correction (an accept or a reject): it stays listed, marked undone, and the stories it
    touched are grouped and compared again.

    Example: newsweave review undo 12
    """
    try:
        with Workspace.open(db) as ws:
            result = ws.undo(correction)
    except NewsweaveError as exc:
        _fail(exc)
        return
    _changed(result, as_json, "undone")
