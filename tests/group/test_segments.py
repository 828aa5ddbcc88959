from __future__ import annotations

from newsweave.group.duplicates import copy_groups
from newsweave.group.segments import find_segments
from newsweave.group.stories import find_stories
from newsweave.model import Article, Meta

HARBOUR = [
    "The harbour bridge in Kestrel Bay reopened to traffic after three weeks of repair work on its cables.",
    "Engineers replaced twelve corroded cables on the northern span and tested the deck under full load.",
    "The council said the bridge repair cost four million and was finished two days ahead of schedule.",
    "Commuters who had used the ferry during the closure welcomed the reopening of the bridge crossing.",
]
LEOPARDS = [
    "Meanwhile, the city zoo announced that its snow leopard gave birth to two healthy cubs overnight.",
    "Keepers said the cubs and their mother are resting in a quiet den away from visitors for now.",
    "Zoo visitors will be able to see the young leopards in their enclosure from early next summer.",
    "The breeding programme for endangered big cats has produced nine leopard births since it began.",
]


def _article(aid: str, paragraphs: list[str], title: str | None = None) -> Article:
    text = "\n\n".join(paragraphs)
    spans, at = [], 0
    for p in paragraphs:
        spans.append((at, at + len(p)))
        at += len(p) + 2
    return Article(id=aid, input=aid, text=text, title=title, paragraphs=tuple(spans),
                   published=Meta("2024-03-29", "sidecar"))


def test_article_covering_two_events_is_split_at_the_change_with_a_reason() -> None:
    article = _article("x", HARBOUR + LEOPARDS)
    segments = find_segments([article])["x"]
    assert len(segments) == 2
    assert article.text[segments[1].span.start :].startswith("Meanwhile, the city zoo")
    assert segments[1].why and "paragraph" in segments[1].why and "5" in segments[1].why


def test_single_event_article_is_not_split() -> None:
    assert len(find_segments([_article("x", HARBOUR + HARBOUR[:2])])["x"]) == 1


def test_segments_of_one_article_join_different_stories() -> None:
    mixed = _article("mixed", HARBOUR + LEOPARDS, "Bridge reopens")
    zoo = _article("zoo", [p.replace("Meanwhile, t", "T") for p in LEOPARDS], "Leopard cubs born")
    stories = find_stories([mixed, zoo])
    homes = {(s.article, s.start > 0): story.id for story in stories for s in story.segments}
    assert homes[("mixed", False)] != homes[("mixed", True)]
    assert homes[("mixed", True)] == homes[("zoo", False)]
    for story in stories:
        for span in story.segments:
            assert span.end <= len((mixed if span.article == "mixed" else zoo).text)


def test_wire_copies_are_one_group_and_a_different_report_is_not() -> None:
    wire = _article("a", HARBOUR)
    copy = _article("b", HARBOUR[:3] + ["A local resident said she was glad the bridge was open again."])
    other = _article("c", LEOPARDS)
    assert copy_groups([wire, copy, other]) == (("a", "b"),)


def test_story_records_copies() -> None:
    stories = find_stories([_article("a", HARBOUR, "Bridge"), _article("b", HARBOUR, "Bridge again")])
    assert stories[0].copies == (("a", "b"),)


def test_independent_sources_count_outlets_and_copies_once() -> None:
    from newsweave.group.duplicates import independent_groups

    ids = ("a", "b", "c", "d")
    outlets = {"a": "Courier", "b": "Courier", "c": "Gazette", "d": "Herald"}
    assert len(independent_groups(ids, outlets, (("a", "c"),))) == 2  # Courier (+ its copy in the Gazette), Herald
    assert len(independent_groups(ids, outlets, ())) == 3


def test_a_closing_line_of_the_first_event_stays_with_it() -> None:
    """A last line that shares no word with either event costs the same on both sides: the least-cohesion
    boundary alone puts it after the split; it stays with what precedes it."""
    closing = "Nobody was hurt."
    zoo = [p.replace("Meanwhile, t", "T") for p in LEOPARDS]
    article = _article("x", HARBOUR + [closing] + zoo)
    segments = find_segments([article])["x"]
    assert len(segments) == 2
    assert article.text[segments[1].span.start :].startswith("The city zoo announced")
    assert article.text[: segments[0].span.end].endswith(closing)


FINANCE = [
    "Paying for the repair work will add a small charge to every household rates bill from April onwards.",
    "Treasurers expect the charge to raise four million within two years, covering the loan taken out.",
    "Opposition members asked why reserves held for emergencies were not used to settle the sum instead.",
    "A vote on the rates charge is due at the budget meeting next month, after a public consultation.",
]


def test_a_part_is_not_split_off_towards_a_story_the_first_part_belongs_to_as_well() -> None:
    """The second part matches another report better than its own first part, but that report covers the
    first part's event too: both parts belong to the same story, so the article stays whole."""
    mixed = _article("mixed", HARBOUR + FINANCE, "Bridge reopens")
    both = _article("both", HARBOUR[:1] + FINANCE, "Bridge repair to cost households")
    assert len(find_segments([mixed, both])["mixed"]) == 1
