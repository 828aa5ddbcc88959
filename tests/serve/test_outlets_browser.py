"""Outlet profiles and coverage in a real browser (Playwright on Debian's Chromium, as test_workbench.py):
a profile typed into the outlets page changes the story list's coverage bar and the story page's
blindspots; a file pasted into the import form fills the table; a wire copy shows as a copy; and axe-core
finds no serious or critical violation on the pages, on a desktop and a phone. Invented outlets only."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from newsweave.store import open_store

from .outlet_data import PROFILES_CSV, add_wire_story
from .test_accessibility import (
    _violations,
    axe_script,  # noqa: F401 - the fixture that installs axe-core
)
from .workbench import ARTIFACTS, CHROMIUM, build_store, chromium, serving

playwright_api = pytest.importorskip(
    "playwright.sync_api",
    reason="the playwright package is not installed (pip install playwright; the browser is Debian's chromium)",
)
pytestmark = pytest.mark.skipif(not CHROMIUM.exists(), reason="no /usr/bin/chromium (apt-get install -y chromium)")


@pytest.fixture
def server(tmp_path: Path) -> Iterator[str]:
    db = str(tmp_path / "outlets.db")
    build_store(db)
    with open_store(db) as store:
        add_wire_story(store)
    with serving(db) as base:
        yield base


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    with chromium() as b:
        yield b


@pytest.fixture
def page(browser: Any) -> Iterator[Any]:
    context = browser.new_context(viewport={"width": 1366, "height": 900})
    pg = context.new_page()
    pg.set_default_timeout(15_000)
    yield pg
    context.close()


def _import(page: Any, server: str) -> None:
    page.goto(f"{server}/outlets")
    page.locator("details.add summary").click()
    page.get_by_label("The file's text").fill(PROFILES_CSV)
    page.get_by_role("button", name="Import").click()
    page.wait_for_url(f"{server}/outlets")


def test_importing_a_file_in_the_page_fills_the_editable_table(server: str, page: Any) -> None:
    _import(page, server)
    rows = page.locator("li.outlet-row")
    assert rows.count() == 5
    assert page.get_by_label("Kind of Rivet Wire").input_value() == "wire agency"
    gazette = rows.filter(has_text="Harbour Gazette")
    assert gazette.get_by_label("Leaning").input_value() == "centre"
    assert gazette.get_by_label("Country").input_value() == "Ostland"
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / "outlets.png"), full_page=True)


def test_a_profile_edited_in_the_page_changes_the_story_coverage(server: str, page: Any) -> None:
    _import(page, server)
    page.goto(f"{server}/stories/s-bridge")
    assert "No public broadcaster covered this story" in page.locator("#coverage").inner_text()
    page.goto(f"{server}/outlets")
    row = page.locator("li.outlet-row").filter(has_text="Coast Gazette")
    row.get_by_label("Kind of Coast Gazette").select_option("public broadcaster")
    row.get_by_role("button", name="Save Coast Gazette").click()
    page.wait_for_url(f"{server}/outlets")
    assert page.get_by_label("Kind of Coast Gazette").input_value() == "public broadcaster"
    page.goto(f"{server}/stories/s-bridge")
    coverage = page.locator("#coverage").inner_text()
    assert "No public broadcaster" not in coverage
    assert "public broadcaster (1 outlet, 1 independent source): Coast Gazette" in coverage


def test_adding_an_outlet_from_the_page(server: str, page: Any) -> None:
    page.goto(f"{server}/outlets")
    form = page.locator("form.outlet-add")
    form.get_by_label("Name").fill("City Times")
    form.get_by_label("Kind").select_option("magazine")
    form.get_by_label("Country").fill("Westmark")
    form.get_by_role("button", name="Add the outlet").click()
    page.wait_for_url(f"{server}/outlets")
    assert page.get_by_label("Kind of City Times").input_value() == "magazine"


def test_removing_an_outlet_asks_first(server: str, page: Any) -> None:
    _import(page, server)
    asked: list[str] = []
    page.on("dialog", lambda d: (asked.append(d.message), d.accept()))
    page.get_by_role("button", name="Remove Rivet Wire").click()
    page.wait_for_url(f"{server}/outlets")
    assert asked and "Rivet Wire" in asked[0]
    assert page.locator("li.outlet-row").count() == 4


def test_story_list_shows_a_labelled_coverage_bar_and_a_field_selector(server: str, page: Any) -> None:
    _import(page, server)
    page.goto(f"{server}/stories")
    card = page.locator("li.story-card").filter(has_text="Dam gates opened")
    assert card.locator("svg.cov-bar rect").count() == 3
    legend = card.get_by_role("list", name="Coverage by kind")
    assert [t.strip() for t in legend.get_by_role("listitem").all_inner_texts()] == [
        "wire agency 1", "public broadcaster 1", "newspaper 1 (1 copy)"]
    page.locator("form.search").get_by_label("Coverage by").select_option("country")
    page.get_by_role("button", name="Search").click()
    page.wait_for_url(f"{server}/stories?*coverage=country*")
    card = page.locator("li.story-card").filter(has_text="Dam gates opened")
    legend = card.get_by_role("list", name="Coverage by country")
    assert [t.strip() for t in legend.get_by_role("listitem").all_inner_texts()] == ["Ostland 3 (1 copy)"]


def test_story_page_shows_the_wire_copy_as_a_copy(server: str, page: Any) -> None:
    _import(page, server)
    page.goto(f"{server}/stories/s-dam")
    page.get_by_role("link", name="Coverage").click()
    assert page.url.endswith("#coverage")
    text = page.locator("#coverage").inner_text()
    assert "newspaper (1 outlet, 0 independent sources): Harbour Gazette (copy of Rivet Wire)" in text
    assert "Harbour Gazette ran a copy of Rivet Wire's report" in text
    assert "2 independent sources" in text
    assert "No online outlet covered this story" in text
    ARTIFACTS.mkdir(exist_ok=True)
    page.locator("#coverage").screenshot(path=str(ARTIFACTS / "coverage.png"))


@pytest.mark.parametrize("viewport", [{"width": 1366, "height": 900}, {"width": 390, "height": 844}])
def test_outlet_and_coverage_pages_have_no_serious_accessibility_violation(
    server: str, browser: Any, page: Any, axe_script: Path, viewport: dict[str, int]  # noqa: F811
) -> None:
    _import(page, server)
    pages = ["/outlets", "/stories", "/stories?coverage=leaning", "/stories/s-dam", "/stories/s-bridge"]
    found = {path: _violations(browser, f"{server}{path}", axe_script, viewport) for path in pages}
    assert found == {path: [] for path in pages}
