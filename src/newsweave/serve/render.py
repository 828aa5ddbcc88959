"""Templates, and links that are only ever http(s). Jinja2 escapes everything; nothing here marks text as
safe. What a page shows is computed by the library (newsweave.report.view) into its JSON twin."""

from __future__ import annotations

from functools import cache
from typing import Any

from jinja2 import ChoiceLoader, Environment, PackageLoader, select_autoescape

from ..report.view import FILTERS, safe_url

__all__ = ["render_page", "safe_url"]



@cache
def _env() -> Environment:
    env = Environment(
        # The serve pages first, then the templates they share with the static report (report/templates).
        loader=ChoiceLoader(
            [PackageLoader("newsweave.serve", "templates"), PackageLoader("newsweave.report", "templates")]
        ),
        autoescape=select_autoescape(default=True, default_for_string=True),
        trim_blocks=True,
        lstrip_blocks=True,
    )
    env.filters["safe_url"] = safe_url
    env.filters.update(FILTERS)
    return env


def render_page(name: str, context: dict[str, Any]) -> str:
    return _env().get_template(name).render(**context)


