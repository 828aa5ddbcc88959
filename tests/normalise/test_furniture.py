"""Datelines, timestamps and bylines: found as lines, blanked from the similarity text, offsets kept."""

from __future__ import annotations

import pytest

from newsweave.normalise.furniture import furniture_spans, is_furniture, similarity_text


@pytest.mark.parametrize(
    "line",
    [
        "NORTHPORT | Wed Jun 24, 2010 7:26 pm EDT",
        "PUBLISHED: THURSDAY, MAY 2, 2013, 1: 32 PM",
        "Updated 5: 40 p. m. ET",
        "05 / 02 / 2013",
        "Originally published 05 / 03 / 2013 at 10: 20 AM EDT",
        "Last Updated: Monday, 15 March 2010, 13:45 GMT",
        "Posted: 12/01/2009 10:30 AM",
        "Sunday, May 3",
        "By Ann Quillfeather and Bo Marrow, Staff Writers",
        "By JANE TESSDALE, Invented Press",
    ],
)
def test_is_furniture_finds_datelines_timestamps_and_bylines(line: str) -> None:
    assert is_furniture(line)


@pytest.mark.parametrize(
    "line",
    [
        "By beating the Harriers, Eastvale rose to third in the league",
        "By 8.30am crews were using thermal cameras to find hotspots.",
        "The quake struck the island at 5:11 p.m. local time.",
        "She checked in on Tuesday, December 9, 2008.",
        "Mara Quillfeather Enters Rehab",
        "Ferry Strike Ends",
    ],
)
def test_is_furniture_keeps_lines_that_tell_news(line: str) -> None:
    assert not is_furniture(line)


def test_similarity_text_blanks_furniture_and_keeps_offsets() -> None:
    text = ("NORTHPORT | Wed Jun 24, 2010 7:26 pm EDT\n"
            "NORTHPORT (Invented Wire) - The harbour board voted to close the ferry pier on Tuesday.\n"
            "Officials said the pier would reopen next spring.")
    blanked = similarity_text(text)
    assert len(blanked) == len(text)
    assert "EDT" not in blanked and "Invented Wire" not in blanked and "NORTHPORT" not in blanked
    assert blanked.index("The harbour board") == text.index("The harbour board")
    assert blanked.endswith("Officials said the pier would reopen next spring.")
    assert [text[s:e] for s, e in furniture_spans(text)] == [
        "NORTHPORT | Wed Jun 24, 2010 7:26 pm EDT", "NORTHPORT (Invented Wire) - "]


def test_similarity_text_leaves_a_short_capitalised_line_alone() -> None:
    assert similarity_text("HARBOUR NEWS - Today") == "HARBOUR NEWS - Today"
