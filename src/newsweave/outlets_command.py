"""``newsweave outlets``: the person's outlet profiles (list, import a CSV or JSON file, set one, remove one)
and a story's coverage by them. A thin face over :class:`~newsweave.app.Workspace` and
:mod:`newsweave.app.outlets`; see docs/outlets.md."""

from __future__ import annotations

import json
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any, ParamSpec

import click

from .app import Workspace
from .app.outlets import make_profile, profile_dict, read_outlets
from .errors import NewsweaveError
from .model import OUTLET_FIELDS, OUTLET_KINDS, OutletProfile

__all__ = ["outlets"]

P = ParamSpec("P")
_db = click.option("--db", default="newsweave.db", show_default=True,
                   help="Store: an SQLite file, ':memory:', or a postgresql:// URL.")
_json = click.option("--json", "as_json", is_flag=True, help="Print JSON instead of text.")


def _guard(fn: Callable[P, None]) -> Callable[P, None]:
    """A NewsweaveError as one line and exit code 1, as every other command does."""

    def wrapper(*args: P.args, **kwargs: P.kwargs) -> None:
        try:
            fn(*args, **kwargs)
        except NewsweaveError as exc:
            click.echo(f"error: {exc}", err=True)
            sys.exit(1)

    wrapper.__name__, wrapper.__doc__ = fn.__name__, fn.__doc__
    return wrapper


def _echo(data: Any) -> None:
    click.echo(json.dumps(data, ensure_ascii=False, indent=2))


def _line(p: OutletProfile) -> str:
    said = [p.kind] + [f"{f} {v}" for f in OUTLET_FIELDS if f != "kind" and (v := p.value(f))]
    return f"{p.name}: {', '.join(said)}"


@click.group(invoke_without_command=True)
@_db
@_json
@click.pass_context
@_guard
def outlets(ctx: click.Context, db: str, as_json: bool) -> None:
    """List the outlet profiles (kind, country, language, owner and, when you gave one, leaning), and the
    outlets of the stored reports that have none yet.

    Example: newsweave outlets --db news.db --json
    """
    if ctx.invoked_subcommand is not None:
        return
    with Workspace.open(db) as ws:
        profiles, missing = ws.outlets(), ws.unprofiled_outlets()
    if as_json:
        _echo({"outlets": [profile_dict(p) for p in profiles], "not_profiled": missing})
        return
    for p in profiles:
        click.echo(_line(p))
    if not profiles:
        click.echo(f"no outlet profiles in {db}; add some with `newsweave outlets import FILE.csv --db {db}`")
    if missing:
        click.echo(f"not profiled: {', '.join(missing)}")


@outlets.command(name="import")
@click.argument("file", type=click.Path(dir_okay=False, path_type=Path))
@_db
@_json
@_guard
def import_outlets(file: Path, db: str, as_json: bool) -> None:
    """Add or replace outlet profiles from a CSV file (a header row: name, kind, country, language, owner,
    leaning) or a JSON list of such objects. Nothing is stored when a row is wrong.

    Example: newsweave outlets import examples/outlets.csv --db news.db
    """
    profiles = read_outlets(file)
    with Workspace.open(db) as ws:
        written = ws.set_outlets(profiles)
    if as_json:
        _echo({"imported": written, "file": str(file)})
    else:
        click.echo(f"{written} outlet profiles imported from {file} ({db})")


@outlets.command(name="set")
@click.argument("name")
@click.option("--kind", help=f"One of: {', '.join(OUTLET_KINDS)}.")
@click.option("--country", help="Where the outlet is based, as you write it.")
@click.option("--language", help="The language it publishes in.")
@click.option("--owner", help="Who owns it.")
@click.option("--leaning", help="A leaning, only if you want one recorded (never inferred).")
@_db
@_json
@_guard
def set_outlet(name: str, db: str, as_json: bool, **fields: str | None) -> None:
    """Add an outlet profile or change some of its fields (the others are kept; an empty value clears one).

    Example: newsweave outlets set "Harbour Gazette" --kind newspaper --country Ostland
    """
    with Workspace.open(db) as ws:
        old = next((p for p in ws.outlets() if p.key == OutletProfile.key_of(name)), None)
        kept = {f: getattr(old, f) for f in OUTLET_FIELDS} if old else {}
        given = {f: v for f, v in fields.items() if v is not None}
        profile = make_profile(old.name if old else name, **{**kept, **given})
        ws.set_outlets([profile])
    if as_json:
        _echo(profile_dict(profile))
    else:
        click.echo(_line(profile))


@outlets.command(name="remove")
@click.argument("name")
@_db
@_guard
def remove_outlet(name: str, db: str) -> None:
    """Forget an outlet's profile (its reports stay; the outlet shows as not profiled).

    Example: newsweave outlets remove "Harbour Gazette" --db news.db
    """
    with Workspace.open(db) as ws:
        ws.remove_outlet(name)
    click.echo(f"removed the profile of {name}")


@outlets.command(name="coverage")
@click.argument("story")
@click.option("--by", "field", type=click.Choice(OUTLET_FIELDS), default=None,
              help="Group by this profile field (default: kind and every field your profiles give).")
@_db
@_json
@_guard
def coverage(story: str, field: str | None, db: str, as_json: bool) -> None:
    """Who covered a story, by your outlet profiles: outlets per group, wire copies, blindspots.

    Example: newsweave outlets coverage s-166b38c7d1e5 --by country
    """
    with Workspace.open(db) as ws:
        found = ws.coverage(story, [field] if field else None)
    if as_json:
        _echo(found.to_dict())
        return
    click.echo(f"{len(found.outlets)} outlets, {found.sources} independent sources")
    for o in found.outlets:
        click.echo(f"  {o.name}" + (f" (copy of {o.copy_of})" if o.copy_of else ""))
    for grouping in found.groupings:
        click.echo(f"by {grouping.field}: " + "; ".join(
            f"{g.label}: {', '.join(g.outlets)}" for g in grouping.groups))
        for value in grouping.blindspots:
            click.echo(f"  {grouping.said(value)}")
