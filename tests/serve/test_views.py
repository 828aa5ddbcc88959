"""The read side's cache: one build per story version, shared by requests that miss together; and the
story page's markup kept lean (each citation carries its span once, a fact's words are not printed twice)."""

from __future__ import annotations

import re
import threading
import time
from collections.abc import Iterator
from dataclasses import replace
from datetime import timedelta
from email.utils import format_datetime, parsedate_to_datetime
from pathlib import Path

import pytest

from newsweave.app import Workspace
from newsweave.config import Settings
from newsweave.serve import create_app
from newsweave.serve.views import Body, Views
from newsweave.store import open_store

from .support import Client, bridge_story, fill


@pytest.fixture
def db(tmp_path: Path) -> str:
    path = str(tmp_path / "news.db")
    with open_store(path) as store:
        fill(store)
    return path


@pytest.fixture
def views(db: str) -> Iterator[Views]:
    workspace = Workspace.open(db, Settings())
    yield Views(workspace)
    workspace.close()


def test_requests_that_miss_together_build_the_page_once(views: Views) -> None:
    builds: list[int] = []

    def build() -> str:
        builds.append(1)
        time.sleep(0.2)  # long enough for every other request to arrive and wait
        return "page"

    got: list[str] = []
    threads = [threading.Thread(target=lambda: got.append(views.cached("html", "s-bridge", build)))
               for _ in range(8)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert got == ["page"] * 8 and len(builds) == 1
    assert views._builds == {}  # no lock left behind


def test_a_new_version_of_the_story_is_built_again(views: Views) -> None:
    assert views.cached("html", "s-bridge", lambda: "first") == "first"
    assert views.cached("html", "s-bridge", lambda: "second") == "first"
    views.store.put_stories([replace(bridge_story(), title="Renamed")])
    assert views.cached("html", "s-bridge", lambda: "second") == "second"


def test_citations_carry_their_span_once_and_a_fact_is_not_printed_twice(db: str) -> None:
    client = Client(create_app(db))
    html = client.get("/stories/s-bridge").text
    client.close()
    cites = re.findall(r'<a class="cite"[^>]*>', html)
    assert cites and all(re.fullmatch(r'<a class="cite" href="#span-[\w-]+-\d+-\d+"( data-group="[^"]+")?>', c)
                         for c in cites)
    # a group is written only when a citation lights more than its own span
    assert all(len(g.split()) > 1 for g in re.findall(r'data-group="([^"]+)"', html))
    panel = html[html.index('<details id="facts"'):]
    facts = panel[: panel.index("</details>")].split('<li class="fact ')[1:]
    assert facts
    for fact in facts:
        said = re.search(r'<span class="fact-text">(.*?)</span>', fact, re.S)
        assert said is not None and fact.count(said.group(1)) == 1, "a fact's words are printed once"


@pytest.mark.parametrize("path", ["/stories/s-bridge", "/stories/s-bridge.json"])
def test_page_and_twin_answer_304_when_not_modified_since(db: str, path: str) -> None:
    client = Client(create_app(db))
    first = client.get(path)
    stamp = first.headers["last-modified"]
    assert first.status_code == 200 and parsedate_to_datetime(stamp).tzinfo is not None
    later = format_datetime(parsedate_to_datetime(stamp) + timedelta(hours=1), usegmt=True)
    earlier = format_datetime(parsedate_to_datetime(stamp) - timedelta(seconds=1), usegmt=True)
    for since, status in ((stamp, 304), (later, 304), (earlier, 200), ("not a date", 200)):
        answer = client.get(path, headers={"if-modified-since": since})
        assert answer.status_code == status, since
        assert answer.headers["last-modified"] == stamp
    assert client.get(path, headers={"if-modified-since": stamp}).content == b""
    # an ETag the client holds decides alone: an old one is not rescued by a date
    assert client.get(path, headers={"if-none-match": '"old"', "if-modified-since": later}).status_code == 200
    client.close()


def test_a_new_version_is_dated_after_the_one_it_replaces_even_within_a_second(db: str) -> None:
    client = Client(create_app(db))
    old = client.get("/stories/s-bridge")
    with open_store(db) as store:
        store.put_stories([replace(bridge_story(), title="Renamed")])
    new = client.get("/stories/s-bridge", headers={"if-modified-since": old.headers["last-modified"]})
    client.close()
    assert new.status_code == 200 and "Renamed" in new.text
    assert parsedate_to_datetime(new.headers["last-modified"]) > parsedate_to_datetime(old.headers["last-modified"])


def test_a_body_replacing_one_of_the_same_second_is_dated_a_second_later() -> None:
    old = Body.of(b"old")
    new = replace(Body.of(b"new"), modified=old.modified)
    assert new.after(old).modified == old.modified + 1
    assert old.after(replace(old, modified=old.modified + 5)).modified == old.modified  # same body: same date
