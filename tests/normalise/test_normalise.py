from __future__ import annotations

import pytest

from newsweave.errors import InputError
from newsweave.normalise import normalise
from newsweave.normalise.blocks import clean_line
from tests.conftest import REPORT_A, raw


def test_normalise_lifts_headline_and_standfirst() -> None:
    article = normalise(raw(REPORT_A))
    assert article.title == "Harbour bridge reopens after storm damage repairs"
    assert article.standfirst == "Engineers finish three weeks of work on the northern span"
    assert article.text.startswith("Engineers finish")


@pytest.mark.parametrize(
    ("debris", "reason"),
    [("SHARE THIS", "link-bait"), ("Tomas Brandt", "repeated block"),
     ("Tomas Brandt is a reporter covering the coast for the Bay Courier", "author bio")],
)
def test_normalise_reports_debris_with_reason(debris: str, reason: str) -> None:
    article = normalise(raw(REPORT_A))
    assert debris not in article.text
    found = [r for r in article.removed if r.text == debris]
    assert found and all(r.reason.startswith(reason) for r in found)


def test_removed_offsets_point_into_raw_input() -> None:
    article = normalise(raw(REPORT_A))
    for removal in article.removed:
        assert REPORT_A[removal.start : removal.end] == removal.text


def test_paragraph_offsets_slice_text() -> None:
    article = normalise(raw(REPORT_A))
    pieces = [article.text[s:e] for s, e in article.paragraphs]
    assert "\n\n".join(pieces) == article.text
    assert all(p.strip() == p and p for p in pieces)


def test_same_text_gets_same_id_whatever_the_path() -> None:
    assert normalise(raw(REPORT_A, "a.txt")).id == normalise(raw(REPORT_A, "b/c.txt")).id


def test_quoted_paragraph_repeated_once_is_kept_once() -> None:
    long = "The council said the bridge would stay open through the whole of the summer season and beyond."
    article = normalise(raw(f"{long}\n\nAnother line of news about the bridge today.\n\n{long}"))
    assert article.text.count(long) == 1
    assert any(r.reason.startswith("repeated paragraph") for r in article.removed)


def test_body_sentence_in_capitals_with_punctuation_is_kept() -> None:
    text = "The mayor spoke first.\n\nWE WILL REBUILD.\n\nThen the council voted on the plan."
    assert "WE WILL REBUILD." in normalise(raw(text)).text


def test_nothing_left_raises_input_error_naming_input() -> None:
    with pytest.raises(InputError, match="empty.txt"):
        normalise(raw("READ MORE\n\nSUBSCRIBE NOW", "empty.txt"))


@pytest.mark.parametrize(
    ("line", "clean"),
    [("a\u00a0 b", "a b"), ("caf\u0065\u0301", "café"), ("zero\u200bwidth", "zerowidth"), ("  x\t", "x")],
)
def test_clean_line_normalises_unicode_and_space(line: str, clean: str) -> None:
    assert clean_line(line) == clean


def test_dateline_becomes_publication_date_with_provenance() -> None:
    article = normalise(raw("Published 29 March 2024\n\nThe bridge reopened on Tuesday after repairs."))
    assert article.published is not None
    assert (article.published.value, article.published.source) == ("2024-03-29", "text")


def test_unreadable_publication_date_is_noted_not_guessed() -> None:
    article = normalise(raw("The bridge reopened on Tuesday after repairs.", published="soonish"))
    assert article.published is None
    assert any("soonish" in n.error for n in article.notes)


def test_non_english_is_marked_and_noted() -> None:
    text = "El puente del puerto volvió a abrir el martes después de tres semanas de reparaciones en la ciudad."
    article = normalise(raw(text))
    assert article.language == "es"
    assert any("only English" in n.error for n in article.notes)


def test_sentence_with_a_date_is_content_not_a_dateline() -> None:
    text = ("The mayor opened the harbour bridge on Tuesday, March 26, 2024.\n\n"
            "Crowds gathered on both banks to watch the first cars cross the repaired span.")
    article = normalise(raw(text))
    assert "March 26, 2024" in article.text
    assert article.published is None
