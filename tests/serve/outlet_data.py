"""A hand-built story carried by a wire agency, one copy of its report and a broadcaster of its own, and an
outlets file describing some (not all) of the outlets the serve tests use. Every name is invented."""

from __future__ import annotations

from newsweave.model import Article, Source, Span, Story
from newsweave.store import Store

from .support import article

WIRE_TEXT = ("Dam gates opened\n\nEngineers opened the gates of the Tarn Valley dam on Friday after a week of rain, "
             "the regional authority said. Nobody was evacuated.")
COPY_TEXT = WIRE_TEXT + "\n\nReporting by the wire's staff."
RADIO_TEXT = "Valley dam releases water\n\nThe Tarn Valley dam let water out on Friday, engineers told our reporter."

#: CSV as a person would write it: a header, a kind in any case, an empty leaning left empty.
PROFILES_CSV = """name,kind,country,leaning
Rivet Wire,Wire agency,Ostland,
Harbour Gazette,newspaper,Ostland,centre
Ostland Radio,public broadcaster,Ostland,
Bay Courier,newspaper,Westmark,
Coast Gazette,online,Westmark,
"""


def wire_story() -> tuple[tuple[Article, ...], Story]:
    wire = article("a-wire", WIRE_TEXT, "Rivet Wire", "2024-04-05T08:00:00")
    copy = article("a-copy", COPY_TEXT, "Harbour Gazette", "2024-04-05T09:30:00")
    radio = article("a-radio", RADIO_TEXT, "Ostland Radio", "2024-04-05T10:00:00")
    members = (copy, wire, radio)
    story = Story(
        id="s-dam", title="Dam gates opened", segments=tuple(Span(a.id, 0, len(a.text)) for a in members),
        copies=(("a-copy", "a-wire"),),
        sources=(Source("a-copy", ("Harbour Gazette", "Rivet Wire"), ("a-copy", "a-wire")),
                 Source("a-radio", ("Ostland Radio",), ("a-radio",))),
    )
    return members, story


def add_wire_story(store: Store) -> None:
    articles, story = wire_story()
    store.put_articles(articles)
    store.put_stories([story])
