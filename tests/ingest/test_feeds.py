from __future__ import annotations

import pytest

from newsweave.config import Settings
from newsweave.errors import InputError
from newsweave.ingest.feeds import read_feed
from newsweave.model import RawDocument

from .pages import STORY, article_html, pages, rss

BRIDGE = "https://gazette.example/bridge"
ROADS = "https://gazette.example/roads"
ITEMS = [
    {"title": "Bridge reopens", "link": BRIDGE, "pubDate": "Mon, 06 May 2024 08:00:00 GMT"},
    {
        "title": "Roads resurfaced",
        "link": ROADS,
        "pubDate": "Tue, 07 May 2024 08:00:00 GMT",
        "description": "&lt;p&gt;Crews resurfaced three roads overnight.&lt;/p&gt;",
    },
    {"title": "Gone", "link": "https://gazette.example/gone"},
]


def _meta(doc: RawDocument) -> dict[str, tuple[str, str]]:
    return {key: (meta.value, meta.source) for key, meta in doc.meta}


def test_read_feed_reads_item_pages_and_falls_back_to_summary() -> None:
    fetcher = pages({BRIDGE: article_html()})
    found = read_feed("local.rss", rss(ITEMS), fetcher, Settings())
    bridge, roads = found.documents
    assert fetcher.requests == [BRIDGE, ROADS, "https://gazette.example/gone"]
    assert bridge.format == "html" and STORY[0] in bridge.text
    assert _meta(bridge)["outlet"] == ("Northport Gazette", "html-meta")
    assert _meta(bridge)["title"] == ("Northport bridge reopens", "html-meta")
    assert _meta(bridge)["published"] == ("2024-05-06", "html-meta")
    assert (roads.input, roads.format, roads.text) == (
        ROADS,
        "text",
        "Crews resurfaced three roads overnight.",
    )
    assert _meta(roads)["title"] == ("Roads resurfaced", "feed")
    assert _meta(roads)["published"] == ("2024-05-07", "feed")
    assert _meta(roads)["outlet"] == ("Northport Gazette: Local", "feed")
    roads_note, gone_note = found.problems
    assert (
        roads_note.input == ROADS
        and "HTTP 404" in roads_note.error
        and "summary was used" in roads_note.error
    )
    assert gone_note.input.endswith("/gone") and "no text of its own" in gone_note.error


def test_read_feed_recovers_items_from_a_damaged_feed() -> None:
    damaged = rss([{"title": "Kept", "description": "Kept text."}]).replace(b"</channel></rss>", b"")
    found = read_feed("cut.rss", damaged, pages({}), Settings())
    assert [doc.text for doc in found.documents] == ["Kept text."]


def test_read_feed_item_without_link_uses_its_summary() -> None:
    found = read_feed("f.rss", rss([{"title": "Note", "description": "Short note."}]), pages({}), Settings())
    (doc,) = found.documents
    assert (doc.input, doc.text) == ("f.rss#0", "Short note.")
    assert "no link" in found.problems[0].error


def test_read_feed_reads_atom() -> None:
    atom = (
        b'<?xml version="1.0"?><feed xmlns="http://www.w3.org/2005/Atom"><title>Atom Times</title>'
        b"<entry><title>Entry</title><link href='https://atom.example/e'/><updated>2024-01-02T00:00:00Z</updated>"
        b"<content type='text'>Atom body text.</content></entry></feed>"
    )
    (doc,) = read_feed("a.atom", atom, pages({}), Settings()).documents
    assert doc.text == "Atom body text."
    assert _meta(doc)["outlet"] == ("Atom Times", "feed") and _meta(doc)["published"][0] == "2024-01-02"


@pytest.mark.parametrize(
    "data, reason",
    [
        (b"<rss><channel><title>Cut short", "not a feed that parses"),
        (b'{"json": true}', "not a feed that parses"),
        (b"<html><body>A page.</body></html>", "not an RSS or Atom feed"),
        (rss([]), "no items"),
    ],
)
def test_read_feed_unparseable_raises(data: bytes, reason: str) -> None:
    with pytest.raises(InputError, match=reason) as caught:
        read_feed("bad.rss", data, pages({}), Settings())
    assert caught.value.input == "bad.rss"


def test_a_feed_with_a_surrogate_character_reference_is_a_problem_not_a_crash() -> None:
    """Found by the fuzz harness (issue 13): feedparser's loose parser raises UnicodeEncodeError on &#xD800;."""
    from newsweave.config import Settings
    from newsweave.errors import InputError
    from newsweave.ingest import MockFetcher, Response, read_bytes
    from newsweave.ingest.readers import ReadContext

    data = b"<rss><channel><title>&#xD800;</title><item><title>x</title></item></channel></rss"
    try:
        found = read_bytes("odd.rss", data, "feed",
                           context=ReadContext(Settings(), MockFetcher(lambda url: Response(url, 404))))
    except InputError as err:
        assert "odd.rss" in str(err)
    else:
        assert found.problems or found.documents
