"""Templates, and links that are only ever http(s). Jinja2 escapes everything; nothing here marks text as
safe. What a page shows is computed by the library (newsweave.report.view) into its JSON twin."""

from __future__ import annotations

from functools import cache
from typing import Any
from urllib.parse import urlsplit

from jinja2 import Environment, PackageLoader, select_autoescape

__all__ = ["render_page", "safe_url"]


@cache
def _env() -> Environment:
    env = Environment(
        loader=PackageLoader("newsweave.serve", "templates"),
        autoescape=select_autoescape(default=True, default_for_string=True),
        trim_blocks=True,
        lstrip_blocks=True,
    )
    env.filters["safe_url"] = safe_url
    return env


def render_page(name: str, context: dict[str, Any]) -> str:
    return _env().get_template(name).render(**context)


def safe_url(url: object) -> str | None:
    """``url`` when it is an http(s) address, else None: javascript:, data: and others never become links."""
    if not isinstance(url, str):
        return None
    parts = urlsplit(url.strip())
    return url.strip() if parts.scheme.lower() in ("http", "https") and parts.netloc else None

