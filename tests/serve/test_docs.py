"""docs/serve.md documents every HTTP route the app answers."""

from __future__ import annotations

from pathlib import Path

import pytest
from fastapi.routing import APIRoute
from starlette.routing import Mount

from newsweave.serve import create_app

DOC = Path(__file__).resolve().parents[2] / "docs" / "serve.md"


def _routes(tmp_path: Path) -> list[str]:
    app = create_app(str(tmp_path / "docs.db"))
    found = []
    for route in app.routes:
        if isinstance(route, APIRoute):
            found += [f"{method} {route.path}" for method in sorted(route.methods - {"HEAD"})]
        elif isinstance(route, Mount):
            found.append(f"GET {route.path}/{{path}}")
        elif getattr(route, "path", "").startswith("/openapi"):
            found.append(f"GET {route.path}")
    return found


def test_every_route_is_documented(tmp_path: Path) -> None:
    text = DOC.read_text(encoding="utf-8")
    missing = [r for r in _routes(tmp_path) if f"`{r}`" not in text]
    assert not missing, f"document these routes in docs/serve.md: {missing}"


@pytest.mark.parametrize(
    "route", ["GET /stories/{story_id}.json", "POST /api/quotes/judge", "GET /static/{path}"]
)
def test_route_list_is_complete(tmp_path: Path, route: str) -> None:
    assert route in _routes(tmp_path)
