"""The UI in a real browser: Playwright driving Debian's Chromium (/usr/bin/chromium; never a browser
download). Skipped, with the reason, when the playwright package or the browser is missing; CI installs
both. Screenshots go to test-artifacts/ (not committed)."""

from __future__ import annotations

import re
import socket
import threading
import time
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest

import newsweave
from newsweave.serve import create_app
from newsweave.store import open_store

from .support import zoo_story

CHROMIUM = Path("/usr/bin/chromium")
ROOT = Path(__file__).resolve().parents[2]
ARTIFACTS = ROOT / "test-artifacts"
ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]

playwright_api = pytest.importorskip(
    "playwright.sync_api",
    reason="the playwright package is not installed "
    "(pip install playwright; the browser is Debian's chromium)",
)
pytestmark = pytest.mark.skipif(
    not CHROMIUM.exists(), reason="no /usr/bin/chromium (apt-get install -y chromium)"
)

HOSTILE_HTML = """<html><head><title>Harbour council <script>window.__pwned='title'</script></title></head>
<body><article><h1>Bridge <img src=x onerror="window.__pwned='img';alert(1)"> reopens</h1>
<p>The Kestrel Bay bridge reopened on Tuesday, the council said. <script>window.__pwned='script'</script></p>
<p>Read <a href="javascript:window.__pwned='link'">the statement</a> and
<svg onload="window.__pwned='svg'"><circle r=5 /></svg> see <iframe src="javascript:alert(2)"></iframe>.</p>
<p>"The bridge is safe," said engineer Maria Okafor. &lt;img src=x onerror=alert(3)&gt; Storm Elena
damaged 12 cables on the northern span in March.</p></article></body></html>"""
HOSTILE_TEXT = (
    'Bridge <script>window.__pwned="text"</script> reopens\n\n'
    "<img src=x onerror=\"window.__pwned='text-img';alert(4)\"> The Kestrel Bay bridge reopened on "
    'Tuesday. <a href="javascript:alert(5)">more</a> <svg/onload=alert(6)> "</pre><script>alert(7)'
    "</script> Storm Elena damaged 14 cables, the council said."
)


@pytest.fixture(scope="module")
def example() -> newsweave.Report:
    return newsweave.run([str(ROOT / "examples" / "kim-russia-2023")])


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@pytest.fixture
def server(tmp_path: Path, example: newsweave.Report) -> Iterator[str]:
    """uvicorn in a thread on a free loopback port, over a store holding the example and one more story."""
    import uvicorn

    db = str(tmp_path / "ui.db")
    with open_store(db) as store:
        zoo, zoo_s = zoo_story()
        store.put_articles([*example.articles, zoo])
        store.put_stories([*example.stories, zoo_s])
    port = _free_port()
    config = uvicorn.Config(
        create_app(db, allowed_hosts=["127.0.0.1"]),
        host="127.0.0.1",
        port=port,
        log_level="warning",
        lifespan="off",
    )
    uv = uvicorn.Server(config)
    thread = threading.Thread(target=uv.run, daemon=True)
    thread.start()
    base = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 15
    while not uv.started:
        assert thread.is_alive() and time.monotonic() < deadline, "uvicorn did not start"
        time.sleep(0.05)
    yield base
    uv.should_exit = True
    thread.join(timeout=10)


@pytest.fixture(scope="module")
def browser() -> Iterator[object]:
    with playwright_api.sync_playwright() as p:
        b = p.chromium.launch(executable_path=str(CHROMIUM), args=ARGS, headless=True)
        yield b
        b.close()


@pytest.fixture
def page(browser: object) -> Iterator[object]:
    context = browser.new_context(viewport={"width": 1280, "height": 900})  # type: ignore[attr-defined]
    pg = context.new_page()
    pg.set_default_timeout(15_000)
    yield pg
    context.close()


def _shot(pg: object, name: str, **kwargs: object) -> None:
    ARTIFACTS.mkdir(exist_ok=True)
    pg.screenshot(path=str(ARTIFACTS / name), **kwargs)  # type: ignore[attr-defined]


def _example_story(base: str) -> dict:
    stories = httpx.get(f"{base}/stories.json").json()["stories"]
    return next(s for s in stories if "CNN" in s["outlets"] or "The Irish Times" in s["outlets"])


def test_citation_highlights_its_source_span(server: str, page: object) -> None:
    story = _example_story(server)
    doc = httpx.get(f"{server}{story['json']}").json()
    page.goto(f"{server}{story['url']}")  # type: ignore[attr-defined]
    _shot(page, "story.png", full_page=True)
    cite = page.locator("#brief a.cite").first  # type: ignore[attr-defined]
    found = re.fullmatch(r"#span-(.+)-(\d+)-(\d+)", cite.get_attribute("href"))
    assert found, "a citation's address names its span"
    article, start, end = found.groups()
    cite.focus()
    page.keyboard.press("Enter")  # type: ignore[attr-defined]  # keyboard-usable, not only a click
    mark = page.locator(f"#text-{article} mark.hit")  # type: ignore[attr-defined]
    text = next(a["text"] for a in doc["articles"] if a["id"] == article)
    assert mark.count() == 1 and mark.inner_text() == text[int(start) : int(end)]
    assert mark.is_visible()
    fact_cite = page.locator("#facts a.cite").first  # type: ignore[attr-defined]
    fact_cite.click()
    # the old highlight is gone; every source of the fact is lit (one mark per span of its group)
    assert page.locator("mark.hit").count() == len(fact_cite.get_attribute("data-group").split())  # type: ignore[attr-defined]
    _shot(page, "story-cited.png")
    page.set_viewport_size({"width": 390, "height": 844})  # type: ignore[attr-defined]
    wide = page.evaluate("document.documentElement.scrollWidth")  # type: ignore[attr-defined]
    assert wide <= 400, "the story page scrolls sideways on a phone"
    _shot(page, "story-phone.png")


def test_merge_two_stories_persists_after_reload(server: str, page: object) -> None:
    page.on("dialog", lambda d: d.accept())  # type: ignore[attr-defined]  # the page asks for confirmation
    page.goto(f"{server}/stories")  # type: ignore[attr-defined]
    boxes = page.locator("input[name=stories]")  # type: ignore[attr-defined]
    assert boxes.count() >= 2
    before = httpx.get(f"{server}/stories.json").json()["count"]
    boxes.nth(0).check()
    boxes.nth(1).check()
    page.get_by_role("button", name="Merge the checked stories").click()  # type: ignore[attr-defined]
    page.wait_for_url("**/stories/s-*")  # type: ignore[attr-defined]
    assert "made by a person" in page.locator("#corrections").inner_text()  # type: ignore[attr-defined]
    page.reload()  # type: ignore[attr-defined]
    assert "made by a person" in page.locator("#corrections").inner_text()  # type: ignore[attr-defined]
    page.goto(f"{server}/stories")  # type: ignore[attr-defined]
    assert page.locator("input[name=stories]").count() == before - 1  # type: ignore[attr-defined]
    _shot(page, "stories-merged.png", full_page=True)


def test_hostile_markup_never_runs(server: str, page: object) -> None:
    dialogs: list[str] = []
    page.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))  # type: ignore[attr-defined]
    added = [
        httpx.post(f"{server}/api/reports", json=body, timeout=120)
        for body in (
            {
                "html": HOSTILE_HTML,
                "outlet": "<b onmouseover=alert(8)>Evil Times</b>",
                "published": "2024-03-29",
            },
            {
                "text": HOSTILE_TEXT,
                "outlet": "Gazette<script>alert(9)</script>",
                "published": "2024-03-29",
                "title": "<svg onload=alert(10)>",
            },
        )
    ]
    assert [r.status_code for r in added] == [201, 201], [r.text for r in added]
    urls = {s["url"] for r in added for s in r.json()["stories"]} | {"/stories", "/corrections"}
    for url in sorted(urls):
        page.goto(f"{server}{url}")  # type: ignore[attr-defined]
        page.wait_for_load_state("load")  # type: ignore[attr-defined]
        for link in page.locator("a.cite").all()[:5]:  # type: ignore[attr-defined]
            link.click()
        page.mouse.move(10, 10)  # type: ignore[attr-defined]
        assert page.evaluate("typeof window.__pwned") == "undefined", url  # type: ignore[attr-defined]
        hrefs = page.eval_on_selector_all("a[href]", "els => els.map(e => e.getAttribute('href'))")  # type: ignore[attr-defined]
        assert not [h for h in hrefs if h.strip().lower().startswith("javascript:")]
        assert page.locator("main script, main iframe, main img").count() == 0  # type: ignore[attr-defined]
        if url.startswith("/stories/"):
            _shot(page, "hostile.png", full_page=True)
    assert dialogs == []
