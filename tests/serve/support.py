"""Hand-built stories for the serve tests, and a small synchronous client over httpx's ASGI transport."""

from __future__ import annotations

import asyncio
from typing import Any

import httpx

from newsweave.compare.quote_match import word_diff
from newsweave.model import (
    Article,
    Brief,
    BriefSentence,
    Conflict,
    Entity,
    Fact,
    Mention,
    Meta,
    Quote,
    QuoteDiff,
    QuoteFamily,
    Span,
    Story,
    TimelineEntry,
)
from newsweave.store import Store

COURIER = (
    "Harbour bridge reopens\n\nThe Kestrel Bay bridge reopened on Tuesday, the council said. "
    '"The bridge is safe and open again," said Maria Okafor. Storm Elena damaged 12 cables.'
)
GAZETTE = (
    "Bridge open again\n\nThe Kestrel Bay harbour bridge opened again on Tuesday. "
    'Engineer M. Okafor said: "The bridge is safe and open once more." Storm Elena damaged 14 cables.'
)
ZOO = "Snow leopard cubs born\n\nThe city zoo announced the birth of two snow leopard cubs on Monday."
HOSTILE = (
    '<script>window.__pwned = 1</script> <img src=x onerror="window.__pwned=2"> '
    '<a href="javascript:window.__pwned=3">click</a> <svg onload="window.__pwned=4"></svg> '
    '"</pre><script>window.__pwned=5</script>'
)


def _span(article: Article, needle: str) -> Span:
    start = article.text.index(needle)
    return Span(article.id, start, start + len(needle))


def article(aid: str, text: str, outlet: str, published: str = "2024-03-26", **extra: Any) -> Article:
    return Article(
        id=aid,
        input=f"{aid}.txt",
        text=text,
        title=text.split("\n")[0],
        outlet=Meta(outlet, "flag"),
        published=Meta(published, "flag"),
        language="en",
        done=frozenset({"hand-built"}),
        **extra,
    )


def bridge_articles() -> tuple[Article, Article]:
    return article("a-courier", COURIER, "Bay Courier"), article("a-gazette", GAZETTE, "Coast Gazette")


def bridge_story() -> Story:
    a, b = bridge_articles()
    qa = Quote(
        "q1",
        _span(a, "The bridge is safe and open again,"),
        "The bridge is safe and open again,",
        "direct",
        "Maria Okafor",
        family="fam1",
    )
    qb = Quote(
        "q2",
        _span(b, "The bridge is safe and open once more."),
        "The bridge is safe and open once more.",
        "direct",
        "M. Okafor",
        family="fam1",
    )
    okafor = Entity(
        "e1", "Maria Okafor", "PERSON", (Mention(_span(a, "Maria Okafor"), "Maria Okafor", "PERSON"),)
    )
    m_okafor = Entity("e2", "M. Okafor", "PERSON", (Mention(_span(b, "M. Okafor"), "M. Okafor", "PERSON"),))
    bay = Entity(
        "e3",
        "Kestrel Bay",
        "GPE",
        (
            Mention(_span(a, "Kestrel Bay"), "Kestrel Bay", "GPE"),
            Mention(_span(b, "Kestrel Bay harbour"), "Kestrel Bay harbour", "GPE"),
        ),
    )
    cables = Fact(
        "f1",
        "Storm Elena damaged 12 cables.",
        "conflicting",
        (_span(a, "Storm Elena damaged 12 cables."),),
        2,
        (Conflict(_span(b, "Storm Elena damaged 14 cables."), "12 cables against 14 cables"),),
    )
    reopened = Fact(
        "f2",
        "The bridge reopened on Tuesday.",
        "corroborated",
        (
            _span(a, "The Kestrel Bay bridge reopened on Tuesday"),
            _span(b, "The Kestrel Bay harbour bridge opened again on Tuesday"),
        ),
        2,
    )
    return Story(
        id="s-bridge",
        title="Harbour bridge reopens",
        segments=(Span(a.id, 0, len(a.text)), Span(b.id, 0, len(b.text))),
        entities=(okafor, m_okafor, bay),
        quotes=(qa, qb),
        quote_families=(
            QuoteFamily("fam1", ("q1", "q2"), qa.text, "reworded", False, "e1", 2,
                        (QuoteDiff("q1", "q2", word_diff(qa.text, qb.text)),)),
        ),
        facts=(cables, reopened),
        timeline=(
            TimelineEntry("2024-03-26", "The bridge reopened.", (_span(a, "reopened on Tuesday"),)),
            TimelineEntry("2024-03", "Storm Elena struck.", (_span(b, "Storm Elena"),)),
        ),
        brief=Brief(
            (
                BriefSentence(
                    "The Kestrel Bay bridge reopened on Tuesday.",
                    (_span(a, "The Kestrel Bay bridge reopened on Tuesday"),),
                ),
                BriefSentence(
                    "Outlets disagree on how many cables were damaged.",
                    (_span(a, "damaged 12 cables"), _span(b, "damaged 14 cables")),
                ),
            )
        ),
    )


def zoo_story() -> tuple[Article, Story]:
    z = article("a-zoo", ZOO, "City Times", "2024-03-25")
    return z, Story("s-zoo", "Snow leopard cubs born", (Span(z.id, 0, len(z.text)),))


def hostile_story() -> tuple[Article, Story]:
    h = article(
        "a-hostile", HOSTILE, '<img src=x onerror="window.__pwned=6">', url="javascript:window.__pwned=7"
    )
    fact = Fact("f1", HOSTILE, "unique", (Span(h.id, 0, 40),))
    return h, Story(
        "s-hostile",
        "<script>window.__pwned=8</script>",
        (Span(h.id, 0, len(h.text)),),
        facts=(fact,),
        brief=Brief((BriefSentence(HOSTILE, (Span(h.id, 0, 40),)),)),
    )


def fill(store: Store) -> None:
    """Two stories about the bridge (one story, two articles) and the zoo, plus a hostile one."""
    z, zs = zoo_story()
    h, hs = hostile_story()
    store.put_articles([*bridge_articles(), z, h])
    store.put_stories([bridge_story(), zs, hs])


class Client:
    """httpx over the ASGI app, called synchronously (no pytest async plugin needed)."""

    def __init__(self, app: Any, base_url: str = "http://127.0.0.1") -> None:
        self.loop = asyncio.new_event_loop()
        self.http = httpx.AsyncClient(transport=httpx.ASGITransport(app=app), base_url=base_url)

    def request(self, method: str, url: str, **kwargs: Any) -> httpx.Response:
        return self.loop.run_until_complete(self.http.request(method, url, **kwargs))

    def get(self, url: str, **kwargs: Any) -> httpx.Response:
        return self.request("GET", url, **kwargs)

    def post(self, url: str, **kwargs: Any) -> httpx.Response:
        return self.request("POST", url, **kwargs)

    def close(self) -> None:
        self.loop.run_until_complete(self.http.aclose())
        self.loop.close()
