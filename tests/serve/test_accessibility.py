"""Accessibility: axe-core (from the npm registry, installed here into a cache folder on first use, and by
.ci/run) finds no serious or critical violation on the list, story, corrections and review pages (the
review page also as it comes back after a decision, with its undo), on a desktop and a phone. Runs
Debian's Chromium through Playwright; skipped with the reason when npm (and an installed
axe-core), the playwright package or the browser is missing."""

from __future__ import annotations

import os
import shutil
import subprocess
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import httpx
import pytest

from .workbench import CHROMIUM, build_store, chromium, serving

playwright_api = pytest.importorskip(
    "playwright.sync_api",
    reason="the playwright package is not installed (pip install playwright; the browser is Debian's chromium)",
)
pytestmark = pytest.mark.skipif(not CHROMIUM.exists(), reason="no /usr/bin/chromium (apt-get install -y chromium)")

#: Where axe-core is installed (``.ci/run`` installs it there too).
AXE_DIR = Path(os.environ.get("NEWSWEAVE_AXE_DIR", Path.home() / ".cache" / "newsweave" / "axe"))
AXE_VERSION = "4"


@pytest.fixture(scope="module")
def axe_script() -> Path:
    script = AXE_DIR / "node_modules" / "axe-core" / "axe.min.js"
    if script.exists():
        return script
    npm = shutil.which("npm")
    if npm is None:
        pytest.skip("npm is not installed, so axe-core cannot be fetched (apt-get install -y npm; .ci/run does)")
    AXE_DIR.mkdir(parents=True, exist_ok=True)
    done = subprocess.run(
        [npm, "install", "--no-audit", "--no-fund", "--prefix", str(AXE_DIR), f"axe-core@{AXE_VERSION}"],
        capture_output=True, text=True, timeout=300, check=False,
    )
    assert done.returncode == 0 and script.exists(), f"npm install axe-core failed: {done.stderr[-2000:]}"
    return script


@pytest.fixture
def server(tmp_path: Path) -> Iterator[str]:
    db = str(tmp_path / "a11y.db")
    build_store(db)
    with serving(db) as base:
        yield base


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    with chromium() as b:
        yield b


def _violations(browser: Any, url: str, axe: Path, viewport: dict[str, int]) -> list[str]:
    # the page's CSP allows only its own scripts; axe is injected by the test, so the context bypasses it
    context = browser.new_context(viewport=viewport, bypass_csp=True)
    page = context.new_page()
    page.goto(url)
    page.add_script_tag(path=str(axe))
    found = page.evaluate("async () => (await axe.run(document, {resultTypes: ['violations']})).violations"
                          ".map(v => ({id: v.id, impact: v.impact, nodes: v.nodes.map(n => n.target.join(' '))}))")
    context.close()
    return [f"{v['id']} ({v['impact']}): {v['nodes'][:3]}" for v in found if v["impact"] in ("serious", "critical")]


@pytest.mark.parametrize("viewport", [{"width": 1366, "height": 900}, {"width": 390, "height": 844}])
def test_list_story_and_corrections_pages_have_no_serious_accessibility_violation(
    server: str, browser: Any, axe_script: Path, viewport: dict[str, int]
) -> None:
    merged = httpx.post(f"{server}/api/stories/merge", json={"stories": ["s-zoo", "s-hostile"]}, timeout=60)
    assert merged.status_code == 200
    pages = ["/stories", "/stories/s-bridge", "/stories/s-ferry", "/corrections", "/review", "/review?story=s-bridge",
             "/review?done=1"]
    found = {path: _violations(browser, f"{server}{path}", axe_script, viewport) for path in pages}
    assert found == {path: [] for path in pages}
