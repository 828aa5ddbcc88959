"""``newsweave config``: every setting with its effective value, default and help; and the ``--config`` /
``--set`` options other commands share.

Settings come from their defaults, then a TOML file (``--config newsweave.toml``: run-wide keys at the
top, one ``[section]`` table per stage), then each ``--set section.param=value``. A bad name or value is
one line naming the key and the choices.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any, TypeVar

import click

from .config import Row, Settings, describe
from .errors import ConfigError

__all__ = ["config", "config_option", "markdown_table", "set_option", "settings_from_cli"]

F = TypeVar("F", bound=Callable[..., Any])

config_option: Callable[[F], F] = click.option(
    "--config", "config_file", type=click.Path(exists=True, dir_okay=False, path_type=Path), default=None,
    help="TOML file of settings (run-wide keys at the top, a [section] table per stage).",
)
set_option: Callable[[F], F] = click.option(
    "--set", "sets", multiple=True, metavar="SECTION.PARAM=VALUE",
    help="Change one setting, e.g. --set brief.target_words=90 (repeatable; beats --config).",
)


def settings_from_cli(config: Path | str | None, sets: Sequence[str]) -> Settings:
    """The settings a command runs with: defaults, then the ``--config`` file, then each ``--set``.
    A bad file, name or value is a one-line usage error."""
    from .stages import settings_from_sources  # every stage's config: imported only when settings are read

    if config is None and not sets:
        return Settings()
    try:
        return settings_from_sources(config, sets)
    except ConfigError as exc:
        raise click.UsageError(str(exc)) from exc


def _show(value: Any) -> str:
    return json.dumps(value)


def _rows() -> tuple[Row, ...]:
    from .stages import REGISTRY

    return describe(Settings(), REGISTRY.configs())


def markdown_table(rows: Sequence[Row] | None = None) -> str:
    """The settings as a Markdown table (``docs/config.md`` holds it; a test keeps it current)."""
    lines = ["| Setting | Default | What it does |", "|---|---|---|"]
    for row in rows if rows is not None else _rows():
        lines.append(f"| `{row.key}` | `{_show(row.default)}` | {row.help} |")
    return "\n".join(lines) + "\n"


@click.command("config")
@config_option
@set_option
@click.option("--json", "as_json", is_flag=True, help="Print the settings as JSON.")
@click.option("--markdown", "as_markdown", is_flag=True, help="Print the defaults as docs/config.md's table.")
def config(config_file: Path | None, sets: tuple[str, ...], as_json: bool, as_markdown: bool) -> None:
    """Show every setting: section, name, effective value, default and help; changed values are marked.

    Example: newsweave config --set brief.target_words=90 --set group.threshold=0.2
    """
    from .stages import REGISTRY

    settings = settings_from_cli(config_file, sets)
    rows = describe(settings, REGISTRY.configs())
    if as_markdown:
        click.echo(markdown_table(rows), nl=False)
    elif as_json:
        click.echo(json.dumps([{"section": r.section, "name": r.name, "key": r.key, "value": r.value,
                                "default": r.default, "changed": r.value != r.default, "help": r.help}
                               for r in rows], indent=2))
    else:
        width = max(len(r.key) for r in rows)
        for r in rows:
            changed = f"  (default {_show(r.default)})" if r.value != r.default else ""
            click.echo(f"{r.key:<{width}}  {_show(r.value)}{changed}  # {r.help}")
