"""The review queue (issue 12, beyond the anchors) in a real browser: Playwright on Debian's Chromium over the
workbench's hand-built store. From the story page's "N items to review" to a rejected fact, with the
confirmation, the recorded correction and its undo; on a desktop and a phone. Screenshots go to
test-artifacts/ (not committed)."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import httpx
import pytest

from .workbench import ARTIFACTS, CHROMIUM, build_store, chromium, serving

playwright_api = pytest.importorskip(
    "playwright.sync_api",
    reason="the playwright package is not installed (pip install playwright; the browser is Debian's chromium)",
)
pytestmark = pytest.mark.skipif(not CHROMIUM.exists(), reason="no /usr/bin/chromium (apt-get install -y chromium)")


@pytest.fixture
def server(tmp_path: Path) -> Iterator[str]:
    db = str(tmp_path / "review.db")
    build_store(db)
    with serving(db) as base:
        yield base


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    with chromium() as b:
        yield b


def _page(browser: Any, width: int, height: int) -> Any:
    context = browser.new_context(viewport={"width": width, "height": height})
    pg = context.new_page()
    pg.set_default_timeout(15_000)
    return pg


def _item(pg: Any, target: str) -> Any:
    """The review item whose first piece of evidence quotes ``target``."""
    return pg.locator("li.review-item").filter(has=pg.locator("q.excerpt", has_text=target)).first


def test_reject_from_the_story_page_link_confirm_and_undo(server: str, browser: Any) -> None:
    pg = _page(browser, 1366, 900)
    pg.goto(f"{server}/stories/s-bridge")
    link = pg.get_by_role("link", name="items to review")
    count = int(link.inner_text().split()[0])
    link.click()
    pg.wait_for_url("**/review?story=s-bridge")
    assert pg.locator("li.review-item").count() == count
    item = _item(pg, "The Kestrel Bay bridge reopened on Tuesday")
    assert item.locator("ul.evidence li").count() == 2
    assert item.locator(".who").all_inner_texts() == ["Bay Courier", "Coast Gazette"]
    assert item.locator(".when").first.inner_text() == "26 Mar 2024"
    ARTIFACTS.mkdir(exist_ok=True)
    pg.screenshot(path=str(ARTIFACTS / "review-1366.png"), full_page=True)

    said: list[str] = []
    pg.once("dialog", lambda d: (said.append(d.message), d.dismiss()))
    item.get_by_role("button", name="Reject").click()
    assert said and said[0].startswith("Reject: these reports do not state one fact")
    assert pg.url.endswith("/review?story=s-bridge")  # dismissed: nothing was sent
    assert httpx.get(f"{server}/corrections.json").json()["corrections"] == []

    pg.once("dialog", lambda d: d.accept())
    item.get_by_role("button", name="Reject").click()
    pg.wait_for_url("**/review?story=s-bridge&done=*")
    status = pg.locator(".done[role=status]")
    assert "Said some reports do not state a fact" in status.inner_text()
    assert pg.locator("li.review-item").count() == count - 1
    assert _item(pg, "The Kestrel Bay bridge reopened on Tuesday").count() == 0
    story = httpx.get(f"{server}/stories/s-bridge.json").json()["stories"][0]
    assert next(f for f in story["facts"] if f["id"] == "f2")["status"] == "unique"

    pg.once("dialog", lambda d: d.accept())
    status.get_by_role("button", name="Undo").click()
    pg.wait_for_url("**/stories/**", timeout=120_000)  # undoing groups and compares the reports again
    (made,) = httpx.get(f"{server}/corrections.json").json()["corrections"]
    assert made["kind"] == "reject_fact" and made["undone"]
    pg.context.close()


def test_accept_records_the_judgement_and_the_item_leaves(server: str, browser: Any) -> None:
    pg = _page(browser, 1366, 900)
    pg.goto(f"{server}/review")
    before = pg.locator("li.review-item").count()
    item = pg.locator("li.review-item.quote-family").first
    pg.once("dialog", lambda d: d.accept())
    item.get_by_role("button", name="Accept").click()
    pg.wait_for_url("**/review?done=*")
    assert pg.locator("li.review-item").count() == before - 1
    assert "Said two quotes are the same utterance" in pg.locator(".done").inner_text()
    assert httpx.get(f"{server}/corrections.json").json()["corrections"][0]["kind"] == "same_quote"
    pg.context.close()


def test_the_queue_reads_on_a_phone_without_sideways_scrolling(server: str, browser: Any) -> None:
    pg = _page(browser, 390, 844)
    pg.goto(f"{server}/review")
    assert pg.locator("li.review-item").count() > 0
    assert pg.evaluate("document.documentElement.scrollWidth") <= 390
    button = pg.locator("li.review-item").first.get_by_role("button", name="Reject").bounding_box()
    assert button["height"] >= 24 and button["width"] >= 24
    ARTIFACTS.mkdir(exist_ok=True)
    pg.screenshot(path=str(ARTIFACTS / "review-390.png"), full_page=True)
    pg.context.close()
