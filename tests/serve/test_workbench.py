"""The analyst's workbench (issue 12) in a real browser: Playwright on Debian's Chromium, over a
hand-built store (invented outlets and names). Skipped, with the reason, when the playwright package or
the browser is missing; CI installs both. Screenshots go to test-artifacts/ (not committed)."""

from __future__ import annotations

import re
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
    db = str(tmp_path / "workbench.db")
    build_store(db)
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


def shot(pg: Any, name: str, **kwargs: Any) -> None:
    ARTIFACTS.mkdir(exist_ok=True)
    pg.screenshot(path=str(ARTIFACTS / name), **kwargs)


# --- P1: trust ------------------------------------------------------------------------------------------


def test_fact_shows_each_supporting_span_with_its_outlet_and_date(server: str, page: Any) -> None:
    page.goto(f"{server}/stories/s-bridge")
    rows = page.locator("#fact-f2 ul.support li")
    assert rows.count() == 2
    first, second = rows.nth(0).inner_text(), rows.nth(1).inner_text()
    assert "Bay Courier" in first and "26 Mar 2024" in first and "The Kestrel Bay bridge reopened on Tuesday" in first
    assert "Coast Gazette" in second and "harbour bridge opened again on Tuesday" in second
    conflict = page.locator("#fact-f1 ul.conflicts li").inner_text()
    assert "Coast Gazette" in conflict and "damaged 14 cables" in conflict


def test_a_paraphrase_is_not_shown_as_a_quotation(server: str, page: Any) -> None:
    page.goto(f"{server}/stories/s-ferry")
    paraphrase, verbatim = page.locator("#quote-q1"), page.locator("#quote-q2")
    assert paraphrase.locator("q").count() == 0 and "paraphrase" in paraphrase.inner_text()
    assert "“" not in paraphrase.inner_text() and '"' not in paraphrase.inner_text()
    assert verbatim.locator("q").count() == 1 and "in their words" in verbatim.inner_text()


def test_an_old_story_address_leads_to_where_the_story_went(server: str, page: Any) -> None:
    merged = httpx.post(f"{server}/api/stories/merge", json={"stories": ["s-bridge", "s-zoo"]}, timeout=60).json()
    page.goto(f"{server}/stories/s-zoo")
    assert page.url == f"{server}{merged['url']}" and page.locator("h1").count() == 1
    assert httpx.get(f"{server}/stories/s-zoo.json").status_code == 301
    assert httpx.get(f"{server}/stories/s-zoo.json", follow_redirects=True).json()["stories"][0]["id"] == merged[
        "stories"][0]
    split = httpx.post(f"{server}/api/stories/split", json={"story": "s-ferry", "articles": ["a-ferry-old"]},
                       timeout=60)
    assert split.status_code == 200
    page.goto(f"{server}/stories/s-ferry")
    assert page.locator("h1").inner_text() == "This story was split"
    parts = page.locator("ul.parts a")
    assert parts.count() == 2
    parts.first.click()
    page.wait_for_load_state("load")
    assert page.locator("#outlets").count() == 1 and "/stories/s-ferry" not in page.url


def test_story_page_says_why_reports_are_one_story_and_flags_years_apart(server: str, page: Any) -> None:
    page.goto(f"{server}/stories/s-ferry")
    why = page.locator("#why").inner_text()
    assert "shared terms: ferry, lumen" in why and "Lumen Post, 26 Mar 2024, 17:40" in why
    assert "a-ferry-pm" not in why  # report ids are not words a reader knows
    assert "4 years apart" in page.locator("#why .warn").inner_text()
    page.goto(f"{server}/stories/s-bridge")
    assert page.locator("#why .warn").count() == 0


def test_reports_of_one_outlet_are_told_apart_and_ordered(server: str, page: Any) -> None:
    page.goto(f"{server}/stories/s-ferry")
    heads = page.locator("#outlets h3")
    assert heads.all_inner_texts() == ["Lumen Post, 26 Mar 2024, 09:15", "Lumen Post, 26 Mar 2024, 17:40",
                                       "Sound Herald"]
    assert heads.first.get_attribute("title") == "Ferry service resumes"
    cites = page.locator("#brief a.cite").all_inner_texts()
    assert len(set(cites)) == len(cites) == 2


# --- P2: use --------------------------------------------------------------------------------------------


def test_a_citation_jump_is_a_history_entry_with_a_way_back(server: str, page: Any) -> None:
    page.goto(f"{server}/stories/s-bridge")
    for anchor in ("#brief-1", "#fact-f1", "#quote-q1", "#entity-e1"):
        assert page.locator(anchor).count() == 1, anchor
    story_url = page.url
    cite = page.locator("#brief-1 a.cite").first
    cite.click()
    assert "#span-a-courier-" in page.url and page.locator("mark.hit").count() == 1
    back = page.locator("#back-link")
    assert back.is_visible() and back.inner_text().endswith("Back to the brief")
    page.go_back()
    assert page.url == story_url and page.locator("mark.hit").count() == 0 and not back.is_visible()
    page.go_forward()
    assert page.locator("mark.hit").count() == 1
    back.click()
    assert page.url == story_url and page.locator("#brief-1").is_visible()
    cited = cite.get_attribute("href")
    page.goto(f"{server}/stories/s-bridge{cited}")  # a shared address lights its span
    assert page.locator("mark.hit").count() == 1 and page.locator("mark.hit").is_visible()


def test_a_citation_lights_every_source_of_its_fact(server: str, page: Any) -> None:
    page.goto(f"{server}/stories/s-bridge")
    page.locator("#fact-f2 ul.support a.cite").first.click()
    marks = page.locator("mark.hit")
    assert marks.count() == 2
    assert {m.evaluate("m => m.closest('pre').id") for m in marks.all()} == {"text-a-courier", "text-a-gazette"}
    page.locator("#brief-2 a.cite").nth(1).click()  # a brief sentence with two sources lights both
    assert marks.count() == 2 and "hit" in page.locator("#text-a-gazette mark").get_attribute("class")


def _boxes_overlap(a: dict, b: dict) -> bool:
    return a["x"] < b["x"] + b["width"] and b["x"] < a["x"] + a["width"] and a["y"] < b["y"] + b["height"] and (
        b["y"] < a["y"] + a["height"])


@pytest.mark.parametrize("viewport", [{"width": 1366, "height": 900}, {"width": 390, "height": 844}])
def test_timeline_is_readable_and_usable_by_keyboard_and_touch(server: str, page: Any, viewport: dict) -> None:
    page.set_viewport_size(viewport)
    page.goto(f"{server}/stories/s-ferry")
    marks = page.locator("#timeline a.when-mark")
    boxes = [m.bounding_box() for m in marks.all()]
    assert len(boxes) >= 2
    assert not any(_boxes_overlap(a, b) for k, a in enumerate(boxes) for b in boxes[k + 1:]), boxes
    assert all(b["width"] >= 24 and b["height"] >= 24 for b in boxes)  # a finger can hit them
    sizes = page.eval_on_selector_all("#timeline a.when-mark, #timeline h3, #timeline .ends span",
                                      "els => els.map(e => parseFloat(getComputedStyle(e).fontSize))")
    assert min(sizes) >= 12, sizes
    assert page.locator("#timeline li[id^=when-]").count() == 9  # every event is written out, no hover needed
    assert page.locator("#timeline h3").first.inner_text() == "2 May 2019"
    marks.last.focus()
    page.keyboard.press("Enter")
    assert "#day-" in page.url and page.locator(page.url[page.url.index("#"):]).is_visible()
    assert page.evaluate("document.documentElement.scrollWidth") <= viewport["width"]


def test_sections_fold_with_counts_facts_filter_and_search(server: str, page: Any) -> None:
    page.goto(f"{server}/stories/s-bridge")
    assert "(2 facts)" in page.locator("#facts > summary").inner_text()
    page.locator("#facts > summary").click()  # a section folds away
    assert not page.locator("#fact-f1").is_visible()
    page.locator("#facts > summary").click()
    page.locator("fieldset.filter").get_by_label("corroborated", exact=False).first.uncheck()
    assert page.locator("#fact-f1").is_visible() and not page.locator("#fact-f2").is_visible()
    page.locator("fieldset.filter input").first.check()
    page.fill("#find", "cables")
    assert page.locator("#find-count").inner_text() == "2 matches"  # the conflicting fact and its brief line
    assert page.locator("#fact-f1").is_visible() and not page.locator("#fact-f2").is_visible()
    assert page.locator("#brief-2").is_visible() and not page.locator("#brief-1").is_visible()
    page.fill("#find", "")
    assert page.locator("#fact-f2").is_visible() and page.locator("#find-count").inner_text() == ""
    page.goto(f"{server}/stories/s-ferry")
    singles = page.locator("#quotes details.singles")
    assert "2 quotes printed in one version only" in singles.locator("summary").inner_text()


def test_story_list_pages_sorts_filters_and_fits_a_phone(server: str, page: Any) -> None:
    page.set_viewport_size({"width": 390, "height": 844})
    page.goto(f"{server}/stories?limit=2")
    assert page.locator("p.total").inner_text().startswith("Stories 1–2 of 4")
    assert page.evaluate("document.documentElement.scrollWidth") <= 390, "the list scrolls sideways on a phone"
    page.get_by_role("link", name="Next →").click()
    assert page.locator("p.total").inner_text().startswith("Stories 3–4 of 4")
    assert page.get_by_role("link", name="Next →").count() == 0 and page.get_by_role("link", name="← Previous").count()
    page.goto(f"{server}/stories")
    page.get_by_label("covered by 2 or more outlets").check()
    page.get_by_label("Order").select_option("oldest")
    page.get_by_role("button", name="Search").click()
    cards = page.locator(".story-card h2")
    assert cards.all_inner_texts() == ["Ferry service resumes", "Harbour bridge reopens"]
    bridge = page.locator(".story-card", has_text="Harbour bridge reopens")
    assert "The Kestrel Bay bridge reopened on Tuesday." in bridge.locator(".snippet").inner_text()
    meta = bridge.locator(".meta").inner_text()
    assert "2 reports from 2 outlets" in meta and "26 Mar 2024" in meta and " ago)" in meta
    data = httpx.get(f"{server}/stories.json?limit=1&min_outlets=2").json()
    assert (data["count"], data["total"]) == (1, 2) and data["next"] == "/stories.json?limit=1&offset=1&min_outlets=2"


def test_readers_see_words_not_internal_ids_or_nlp_labels(server: str, page: Any) -> None:
    page.goto(f"{server}/stories/s-bridge")
    text = page.locator("main").inner_text()
    for tag in ("GPE", "PERSON", "NORP", "q1", "q2", "fam1", "a-courier", "(x"):
        assert tag not in text, tag
    assert not re.search(r"\b\d{4}-\d{2}(-\d{2})?\b", text), "ISO dates shown to a reader"
    assert "Kestrel Bay place" in page.locator("#entity-e3").inner_text()
    httpx.post(f"{server}/api/stories/merge", json={"stories": ["s-zoo", "s-hostile"]}, timeout=60)
    page.goto(f"{server}/corrections")
    listed = page.locator("main ol.corrections li").first.inner_text()
    assert listed.startswith("person Merged 2 stories (2 reports) into one on ") and "correction #" not in listed


def test_corrections_confirm_check_undo_and_link_to_the_story(server: str, page: Any) -> None:
    dialogs: list[str] = []

    def answer(dialog: Any) -> None:
        dialogs.append(dialog.message)
        dialog.dismiss() if "attributed to" in dialog.message else dialog.accept()

    page.on("dialog", answer)
    page.goto(f"{server}/stories/s-bridge")
    judge = page.locator("form.judge")
    judge.get_by_role("button", name="Same utterance").click()  # Maria Okafor and M. Okafor: asked first
    assert "attributed to Maria Okafor and to M. Okafor" in dialogs[-1]
    assert page.url.endswith("/stories/s-bridge") and "judged by a person" not in page.locator("main").inner_text()
    dialogs.clear()
    page.goto(f"{server}/stories")
    boxes = page.locator("input[name=stories]")
    boxes.nth(0).check()
    page.get_by_role("button", name="Merge the checked stories").click()
    assert page.get_by_role("alert").inner_text() == "Tick at least 2 stories to merge first."
    assert boxes.nth(0).is_checked() and dialogs == []  # nothing sent, the tick is kept
    boxes.nth(1).check()
    page.get_by_role("button", name="Merge the checked stories").click()
    page.wait_for_url("**/stories/s-*")
    assert dialogs and dialogs[-1].startswith("Merge the checked stories into one?")
    assert "Merged 2 stories" in page.locator("#corrections").inner_text()
    page.locator("#corrections").get_by_role("button", name="Undo").click()
    page.wait_for_load_state("load")
    page.goto(f"{server}/corrections")
    item = page.locator("ol.corrections li").first
    assert "(undone on " in item.inner_text()
    item.get_by_role("link", name="see the story").click()
    assert page.locator("#outlets").count() == 1


def test_an_entity_split_can_name_the_new_entity(server: str, page: Any) -> None:
    page.on("dialog", lambda d: d.accept())
    page.goto(f"{server}/stories/s-bridge")
    row = page.locator("#entity-e3")
    row.get_by_text("Split spellings off").click()
    row.get_by_label("Kestrel Bay harbour").check()
    row.get_by_label("Name of the new entity").fill("Harbour district")
    row.get_by_role("button", name="Split them off").click()
    page.wait_for_url("**/stories/s-bridge")
    named = page.locator("table.entities tr", has_text="Harbour district")
    assert named.count() == 1 and "Kestrel Bay harbour" in named.inner_text()
    assert "into a new one, Harbour district" in page.locator("#corrections").inner_text()


def test_an_entity_split_can_join_the_mentions_to_an_existing_entity(server: str, page: Any) -> None:
    page.on("dialog", lambda d: d.accept())
    page.goto(f"{server}/stories/s-bridge")
    row = page.locator("#entity-e3")
    row.get_by_text("Split spellings off").click()
    row.get_by_label("Kestrel Bay harbour").check()
    picker = row.get_by_label("or add them to")
    assert "Kestrel Bay" not in picker.inner_text()  # not the entity being split
    picker.select_option(label="Maria Okafor (person)")
    row.get_by_role("button", name="Split them off").click()
    page.wait_for_url("**/stories/s-bridge")
    okafor = page.locator("#entity-e1")
    assert "Kestrel Bay harbour" in okafor.inner_text() and "Maria Okafor" in okafor.inner_text()
    assert page.locator("table.entities tr[id^=entity-e3-c]").count() == 0
    assert page.locator("#entity-e3").inner_text().count("Kestrel Bay harbour") == 0
    shot(page, "entity-split-joined.png", full_page=True)


def test_a_form_mistake_is_explained_in_plain_words_and_keeps_the_ticks(server: str, page: Any) -> None:
    page.on("dialog", lambda d: d.accept())
    page.goto(f"{server}/stories")
    page.evaluate("document.getElementById('merge-stories').removeAttribute('data-min')")  # as without script
    page.locator("input[name=stories]").nth(0).check()
    page.get_by_role("button", name="Merge the checked stories").click()
    page.wait_for_url("**/api/stories/merge")
    assert page.locator("h1").inner_text() == "That did not work"
    assert "tick at least 2 stories" in page.locator(".error-message").inner_text()
    page.get_by_role("button", name="Go back to the form").click()
    page.wait_for_url("**/stories")
    assert page.locator("input[name=stories]").nth(0).is_checked()


def test_empty_panels_are_not_drawn_and_counts_read_as_words(server: str, page: Any) -> None:
    page.goto(f"{server}/stories/s-zoo")
    for panel in ("#facts", "#quotes", "#entities", "#timeline", "#brief"):
        assert page.locator(panel).count() == 0, panel
        assert page.locator(f"nav.toc a[href='{panel}']").count() == 0, panel
    assert page.locator("p.meta").first.inner_text().startswith("1 report from 1 outlet (City Times)")
    assert page.locator("button", has_text="Merge the checked entities").count() == 0


@pytest.mark.parametrize("width", [1366, 390])
def test_report_texts_are_not_inner_scroll_boxes(server: str, page: Any, width: int) -> None:
    page.set_viewport_size({"width": width, "height": 900})
    page.goto(f"{server}/stories/s-bridge")
    boxes = page.eval_on_selector_all(
        "main pre, main div, main section, main details",
        "els => els.filter(e => ['auto', 'scroll'].includes(getComputedStyle(e).overflowY)"
        " && e.scrollHeight > e.clientHeight + 1).map(e => e.id || e.className)",
    )
    assert boxes == []
    assert page.evaluate("document.documentElement.scrollWidth") <= width


def test_add_report_form_takes_a_url_text_or_html_and_shows_progress(server: str, page: Any) -> None:
    page.goto(f"{server}/stories")
    page.locator("details.add > summary").click()
    form = page.locator("form.add-report")
    for name in ("url", "text", "html", "title", "outlet", "published", "author"):
        assert form.locator(f"[name={name}]").count() == 1, name
    form.get_by_role("button", name="Add and regroup").click()
    assert page.get_by_role("alert").inner_text() == "Give the address, the text or the HTML of the report."
    form.locator("details > summary").click()
    form.locator("[name=html]").fill(
        "<html><head><title>Lighthouse relit</title></head><body><article><p>The Vessa Point lighthouse was "
        "relit on Friday after repairs, the port authority said.</p></article></body></html>")
    form.locator("[name=title]").fill("Lighthouse relit at Vessa Point")
    form.locator("[name=outlet]").fill("Vessa Weekly")
    # hold the submission (a listener that runs before the page's) to see the page while it would wait
    page.evaluate("window.addEventListener('submit', e => e.preventDefault(), true)")
    form.get_by_role("button", name="Add and regroup").click()
    assert "regrouping" in form.locator("[role=status]").inner_text()
    assert form.get_by_role("button", name="Add and regroup").is_disabled()
    form.evaluate("f => f.submit()")  # then let it go
    page.wait_for_url("**/stories/s-*")
    assert page.locator("h1").inner_text() == "Lighthouse relit at Vessa Point"
    assert "Vessa Weekly" in page.locator("#outlets").inner_text()


# --- P3: HTTP conventions and polish ---------------------------------------------------------------------


def test_http_conventions_etag_gzip_head_favicon_and_openapi(server: str, page: Any) -> None:
    story = httpx.get(f"{server}/stories/s-bridge")
    assert story.headers["etag"] and story.headers["cache-control"] == "no-cache"
    again = httpx.get(f"{server}/stories/s-bridge", headers={"if-none-match": story.headers["etag"]})
    assert again.status_code == 304 and again.content == b""
    twin = httpx.get(f"{server}/stories/s-bridge.json")
    assert httpx.get(f"{server}/stories/s-bridge.json", headers={"if-none-match": twin.headers["etag"]}
                     ).status_code == 304
    for path in ("/stories", "/stories/s-bridge", "/stories.json", "/corrections", "/openapi.json", "/static/app.css"):
        got = httpx.get(f"{server}{path}", headers={"accept-encoding": "gzip"})
        assert got.headers.get("content-encoding") == "gzip", path
        head = httpx.head(f"{server}{path}")
        assert head.status_code == 200 and head.content == b"", path
    spec = httpx.get(f"{server}/openapi.json").json()
    merge = spec["paths"]["/api/stories/merge"]["post"]
    assert {"401", "403", "404", "413", "415", "422"} <= set(merge["responses"]) and merge["security"]
    assert merge["responses"]["422"]["content"]["application/json"]["schema"] == {"$ref": "#/components/schemas/Error"}
    assert spec["components"]["securitySchemes"]["bearer"]["scheme"] == "bearer"
    page.goto(f"{server}/stories")
    icon = page.locator("link[rel=icon]").get_attribute("href")
    assert httpx.get(f"{server}{icon}").status_code == 200
    assert httpx.get(f"{server}/favicon.ico", follow_redirects=True).headers["content-type"].startswith("image/svg")


def _contrast(a: list[float], b: list[float]) -> float:
    def lum(c: list[float]) -> float:
        v = [x / 255 for x in c]
        v = [x / 12.92 if x <= 0.03928 else ((x + 0.055) / 1.055) ** 2.4 for x in v]
        return 0.2126 * v[0] + 0.7152 * v[1] + 0.0722 * v[2]

    hi, lo = sorted((lum(a), lum(b)), reverse=True)
    return (hi + 0.05) / (lo + 0.05)


@pytest.mark.parametrize("width", [1366, 390])
def test_touch_targets_and_focus_outline_are_big_and_clear_enough(server: str, page: Any, width: int) -> None:
    page.set_viewport_size({"width": width, "height": 900})
    for path in ("/stories", "/stories/s-bridge"):
        page.goto(f"{server}{path}")
        small = page.eval_on_selector_all(
            "main button, main input[type=checkbox], main a.cite, main summary, main select, nav a, a.when-mark",
            "els => els.filter(e => e.offsetParent !== null).map(e => [e.outerHTML.slice(0, 80),"
            " e.getBoundingClientRect()]).filter(([h, r]) => r.width < 24 || r.height < 24).map(([h]) => h)",
        )
        assert small == [], small
    page.keyboard.press("Tab")
    page.keyboard.press("Tab")
    style = page.evaluate("(() => { const s = getComputedStyle(document.activeElement);"
                          " return [s.outlineStyle, parseFloat(s.outlineWidth), s.outlineColor]; })()")
    assert style[0] != "none" and style[1] >= 2, style
    rgb = [float(x) for x in re.findall(r"[\d.]+", style[2])[:3]]
    assert _contrast(rgb, [255, 255, 255]) >= 3, style


def test_static_report_citation_lights_its_fact_and_is_a_history_entry(tmp_path: Path, page: Any) -> None:
    from newsweave.model import Report
    from newsweave.report import report_to_dict
    from newsweave.report.html import render_html

    from .support import bridge_articles, bridge_story

    report = tmp_path / "report.html"
    report.write_text(render_html(report_to_dict(Report(bridge_articles(), (bridge_story(),), ()))), "utf-8")
    errors: list[str] = []
    page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
    page.goto(report.as_uri())
    cite = page.locator("#facts a.cite[data-group]").first
    group, href = cite.get_attribute("data-group").split(), cite.get_attribute("href")
    assert len(group) == 2
    cite.click()
    marks = page.locator("mark.hit")
    assert marks.count() == 2 and page.url.endswith(href)  # every source of the fact, and an address
    texts = {a.id: a.text for a in bridge_articles()}
    lit = {m.inner_text() for m in marks.all()}
    assert lit == {texts[g.rsplit(":", 2)[0]][int(g.rsplit(":", 2)[1]):int(g.rsplit(":", 2)[2])] for g in group}
    page.go_back()
    assert marks.count() == 0 and page.url == report.as_uri()  # Back returns to the report, not off it
    page.go_forward()
    assert marks.count() == 2
    page.goto(report.as_uri() + href)  # a shared address lights its span(s)
    page.reload()
    assert marks.count() == 2 and errors == []  # no script refused by the page's policy
    shot(page, "static-report-cited.png")
