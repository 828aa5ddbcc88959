"""``newsweave serve``: the web UI and HTTP API over a store, with uvicorn."""

from __future__ import annotations

import os
from pathlib import Path

import click

from ..config_command import config_option, set_option, settings_from_cli
from .security import LOOPBACK_HOSTS, is_loopback

__all__ = ["serve"]


@click.command()
@click.option("--db", default="newsweave.db", show_default=True, help="Store to serve (file or postgresql://).")
@click.option(
    "--host",
    default="127.0.0.1",
    show_default=True,
    help="Address to bind; anything but loopback needs --token.",
)
@click.option("--port", default=8000, show_default=True, type=click.IntRange(0, 65535), help="Port to bind.")
@click.option(
    "--token",
    envvar="NEWSWEAVE_TOKEN",
    help="Changes need 'Authorization: Bearer TOKEN' (also read from NEWSWEAVE_TOKEN).",
)
@click.option(
    "--allow-host",
    "allow_hosts",
    multiple=True,
    help="Host header to accept besides the bound address (repeatable).",
)
@click.option("--allow-private", is_flag=True,
              help="Let POST /api/reports fetch loopback, private and link-local addresses (intranet use).")
@config_option
@set_option
def serve(db: str, host: str, port: int, token: str | None, allow_hosts: tuple[str, ...], allow_private: bool,
          config_file: Path | None, sets: tuple[str, ...]) -> None:
    """Serve the stories as a web UI and an HTTP API (JSON twin of every page, OpenAPI at /openapi.json).

    Example: newsweave serve --db out/newsweave.db --port 8000
    """
    import uvicorn

    from . import create_app

    if not is_loopback(host) and not token:
        raise click.UsageError(
            f"--host {host} is reachable from other machines: give --token so that "
            "only people with it can change the store"
        )
    settings = settings_from_cli(config_file, sets)
    if "://" not in db and not os.path.exists(db) and db != ":memory:":
        click.echo(
            f"note: {db} does not exist yet; it is created empty (add reports in the UI or with "
            f"`newsweave analyze PATH --db {db}`)",
            err=True,
        )
    hosts = [*LOOPBACK_HOSTS, *allow_hosts] if is_loopback(host) and not allow_hosts else None
    if allow_hosts:
        hosts = [host, *LOOPBACK_HOSTS, *allow_hosts]
    app = create_app(db, token=token, settings=settings, allowed_hosts=hosts, allow_private=allow_private)
    click.echo(f"newsweave: serving {db} at http://{_shown(host)}:{port}/ (Ctrl+C stops)", err=True)
    uvicorn.run(app, host=host, port=port, log_level="warning", server_header=False)


def _shown(host: str) -> str:
    return f"[{host}]" if ":" in host and not host.startswith("[") else host
