from __future__ import annotations

import pytest

from newsweave.errors import InputError
from newsweave.ingest.html import html_to_text, iso_date, read_html

from .pages import STORY, article_html


def test_read_html_extracts_main_text_and_metadata() -> None:
    doc = read_html("bridge.html", article_html(), url="https://gazette.example/bridge")
    assert doc.format == "html"
    assert all(paragraph in doc.text for paragraph in STORY)
    assert "Home" not in doc.text
    values = {key: (meta.value, meta.source) for key, meta in doc.meta}
    assert values["outlet"] == ("Northport Gazette", "html-meta")
    assert values["published"] == ("2024-05-06", "html-meta")
    assert values["author"] == ("Sam Lee", "html-meta")
    assert values["title"][0] == "Northport bridge reopens"
    assert values["url"][0] == "https://gazette.example/bridge"


@pytest.mark.parametrize(
    "page",
    [b"<html><body></body></html>", b"<html><head><title>x</title></head><body><script>x()</script>"],
)
def test_read_html_without_text_raises_with_hint(page: bytes) -> None:
    with pytest.raises(InputError, match="no article text") as caught:
        read_html("empty.html", page)
    assert caught.value.input == "empty.html" and ".txt" in (caught.value.hint or "")


@pytest.mark.parametrize(
    "value, expected",
    [("2024-05-06", "2024-05-06"), ("2024-05-06T09:30:00Z", "2024-05-06"), ("May 2024", None), (None, None)],
)
def test_iso_date_keeps_only_dates(value: str | None, expected: str | None) -> None:
    assert iso_date(value) == expected


@pytest.mark.parametrize(
    "fragment, text",
    [
        ("<p>One &amp; two</p><p>Three</p>", "One & two\nThree"),
        ("plain   words", "plain words"),
        ("<div><br></div>", ""),
    ],
)
def test_html_to_text_keeps_blocks_as_lines(fragment: str, text: str) -> None:
    assert html_to_text(fragment) == text
