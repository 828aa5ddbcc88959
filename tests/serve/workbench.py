"""A hand-built store for the workbench's browser tests (invented outlets and names), a live server over
it and a browser: Playwright driving Debian's Chromium (/usr/bin/chromium; never a browser download)."""

from __future__ import annotations

import socket
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from newsweave.model import Article, Brief, BriefSentence, Fact, Quote, Span, Story, TimelineEntry
from newsweave.serve import create_app
from newsweave.store import open_store

from .support import article, fill

CHROMIUM = Path("/usr/bin/chromium")
ROOT = Path(__file__).resolve().parents[2]
ARTIFACTS = ROOT / "test-artifacts"
ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
        "--disable-component-update", "--disable-sync", "--no-first-run"]


@contextmanager
def chromium() -> Iterator[Any]:
    """Debian's Chromium under Playwright, headless: the one launch every browser test module shares (each
    module skips itself first when playwright or the browser is missing)."""
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        b = p.chromium.launch(executable_path=str(CHROMIUM), args=ARGS, headless=True)
        yield b
        b.close()

FERRY_MORNING = (
    "Ferry service resumes\n\nThe Lumen Sound ferry resumed on Monday. Harbour master Tomas Lindqvar said the "
    "crossing was calm and nobody was hurt. Forty passengers travelled."
)
FERRY_EVENING = (
    "Ferry back after storm\n\nThe ferry resumed on Monday after the storm. "
    '"The crossing was calm," said Tomas Lindqvar.'
)
FERRY_OLD = "Ferry trial run\n\nA trial ferry crossed Lumen Sound in the spring. Forty passengers travelled."


def span(a: Article, needle: str) -> Span:
    start = a.text.index(needle)
    return Span(a.id, start, start + len(needle))


def ferry() -> tuple[tuple[Article, ...], Story]:
    """Two reports of one outlet on one day and one from five years before, with a paraphrase."""
    morning = article("a-ferry-am", FERRY_MORNING, "Lumen Post", "2024-03-26T09:15:00")
    evening = article("a-ferry-pm", FERRY_EVENING, "Lumen Post", "2024-03-26T17:40:00")
    old = article("a-ferry-old", FERRY_OLD, "Sound Herald", "2019-05-02")
    said = Quote("q1", span(morning, "the crossing was calm and nobody was hurt"),
                 "the crossing was calm and nobody was hurt", "indirect", "Tomas Lindqvar")
    verbatim = Quote("q2", span(evening, "The crossing was calm,"), "The crossing was calm,", "direct",
                     "Tomas Lindqvar")
    resumed = Fact("f1", "The ferry resumed on Monday.", "corroborated",
                   (span(morning, "The Lumen Sound ferry resumed on Monday."),
                    span(evening, "The ferry resumed on Monday after the storm.")), 1)
    story = Story(
        id="s-ferry",
        title="Ferry service resumes",
        segments=tuple(Span(a.id, 0, len(a.text)) for a in (old, evening, morning)),
        quotes=(said, verbatim),
        facts=(resumed,),
        brief=Brief((BriefSentence("The ferry resumed on Monday.", resumed.support),)),
        timeline=tuple(
            TimelineEntry(day, f"Event {k} on the sound.", (span(morning, "Forty passengers travelled."),))
            for k, day in enumerate(("2024-03-26", "2019-05-02", "2024-03-20", "2024-03-21", "2024-03-22",
                                     "2024-03-25", "2024-03-26", "2024-03-26", "2023-11"), start=1)
        ),
        why=("shared terms: ferry, lumen", "a-ferry-pm: similarity 0.42 to 'Ferry service resumes'"),
    )
    return (morning, evening, old), story


def build_store(path: str) -> None:
    with open_store(path) as store:
        fill(store)
        articles, story = ferry()
        store.put_articles(articles)
        store.put_stories([story])


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@contextmanager
def serving(db: str, **options: object) -> Iterator[str]:
    """uvicorn in a thread on a free loopback port; yields the base URL."""
    import uvicorn

    port = free_port()
    config = uvicorn.Config(create_app(db, allowed_hosts=["127.0.0.1"], **options),  # type: ignore[arg-type]
                            host="127.0.0.1", port=port, log_level="warning", lifespan="off")
    server = uvicorn.Server(config)
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 15
    while not server.started:
        assert thread.is_alive() and time.monotonic() < deadline, "uvicorn did not start"
        time.sleep(0.05)
    try:
        yield f"http://127.0.0.1:{port}"
    finally:
        server.should_exit = True
        thread.join(timeout=10)
