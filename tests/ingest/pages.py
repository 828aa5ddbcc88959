"""Small hand-made pages and feeds for the ingest tests (no network, no shared samples)."""

from __future__ import annotations

from collections.abc import Mapping

from newsweave.ingest import MockFetcher, Response

STORY = (
    "The harbour bridge in Northport reopened on Monday after four months of repairs, the city council said.",
    "Engineers replaced two cracked steel girders and resurfaced the full length of the deck before traffic "
    "was allowed back.",
    "Mayor Ana Ruiz said the work finished a week early and under budget, and thanked residents for their "
    "patience during the closure.",
)


def article_html(
    title: str = "Northport bridge reopens",
    *,
    site: str = "Northport Gazette",
    date: str = "2024-05-06",
    author: str = "Sam Lee",
    paragraphs: tuple[str, ...] = STORY,
) -> bytes:
    """A small news page with the metadata trafilatura reads."""
    body = "".join(f"<p>{p}</p>" for p in paragraphs)
    return (
        f'<!DOCTYPE html><html lang="en"><head><title>{title} | {site}</title>'
        f'<meta name="author" content="{author}"><meta property="og:site_name" content="{site}">'
        f'<meta property="article:published_time" content="{date}T09:30:00Z"></head>'
        f"<body><nav><a href='/'>Home</a></nav><article><h1>{title}</h1>{body}</article></body></html>"
    ).encode()


def rss(items: list[Mapping[str, str]], title: str = "Northport Gazette: Local") -> bytes:
    """An RSS 2.0 feed; each item may give title, link, pubDate and description."""
    parts = []
    for item in items:
        fields = "".join(f"<{k}>{v}</{k}>" for k, v in item.items())
        parts.append(f"<item>{fields}</item>")
    return (
        f'<?xml version="1.0" encoding="utf-8"?><rss version="2.0"><channel><title>{title}</title>'
        f"<link>https://gazette.example/</link><description>News</description>{''.join(parts)}"
        "</channel></rss>"
    ).encode()


def pages(routes: Mapping[str, bytes], content_type: str = "text/html; charset=utf-8") -> MockFetcher:
    """A fetcher serving ``routes`` and answering 404 for any other URL."""

    def handler(url: str) -> Response:
        if url in routes:
            return Response(url=url, status=200, content_type=content_type, content=routes[url])
        return Response(url=url, status=404, content_type="text/plain", content=b"not found")

    return MockFetcher(handler)
