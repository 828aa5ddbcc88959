"""``newsweave serve``: its help, and that it refuses to expose the store without a token."""

from __future__ import annotations

from typing import Any

import pytest
from click.testing import CliRunner

from newsweave.serve import command

from .support import Client


def test_help_has_an_example() -> None:
    result = CliRunner().invoke(command.serve, ["--help"])
    assert result.exit_code == 0
    assert any(line.strip().startswith("Example: newsweave serve ") for line in result.output.splitlines())


def test_refuses_a_public_address_without_a_token(tmp_path) -> None:
    result = CliRunner().invoke(command.serve, ["--db", str(tmp_path / "x.db"), "--host", "0.0.0.0"])
    assert result.exit_code == 2 and "--token" in result.output


@pytest.mark.parametrize(
    ("args", "loopback_only"),
    [
        (["--host", "127.0.0.1"], True),
        (["--host", "0.0.0.0", "--token", "t"], False),
    ],
)
def test_starts_uvicorn_with_the_app(
    monkeypatch: pytest.MonkeyPatch, tmp_path, args: list[str], loopback_only: bool
) -> None:
    seen: dict[str, Any] = {}
    monkeypatch.setattr("uvicorn.run", lambda app, **kw: seen.update(app=app, **kw))
    result = CliRunner().invoke(command.serve, ["--db", str(tmp_path / "x.db"), "--port", "8123", *args])
    assert result.exit_code == 0, result.output
    assert seen["port"] == 8123 and seen["app"].title == "newsweave"
    client = Client(seen["app"], base_url="http://rebound.example")  # DNS rebinding: only loopback names
    status = client.get("/health").status_code
    client.close()
    assert status == (400 if loopback_only else 200)
