from __future__ import annotations

import pytest

from newsweave.errors import InputError
from newsweave.ingest.base import with_meta
from newsweave.normalise import NormaliseConfig, normalise
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


def _from(outlet: str | None = None, url: str | None = None, path: str = "a.txt") -> str:
    return normalise(with_meta(raw(REPORT_A, path), {"outlet": outlet, "url": url}, "record")).id


def test_same_text_from_the_same_outlet_gets_same_id_whatever_the_path() -> None:
    assert _from("Bay Courier", path="a.txt") == _from("Bay Courier", path="b/c.txt")
    assert _from(url="https://bay.example/a", path="a.txt") == _from(url="https://bay.example/a", path="x.txt")


def test_same_text_from_two_outlets_is_two_articles() -> None:
    """Issue 13 item 4: a wire copy printed by two outlets is two articles, not one stored under either."""
    assert _from("Bay Courier") != _from("Harbour Herald")
    assert _from(url="https://bay.example/a") != _from(url="https://herald.example/a")


def test_without_outlet_or_url_the_input_is_the_source() -> None:
    assert _from(path="a.txt") == _from(path="a.txt") != _from(path="b/c.txt")


@pytest.mark.parametrize("field", ["text", "title", "outlet"])
def test_a_lone_surrogate_is_replaced_and_reported_not_a_crash(field: str) -> None:
    """Issue 13 item 1: a JSON "\\ud800" escape gives a lone surrogate; it becomes U+FFFD with a note."""
    doc = raw(REPORT_A.replace("Engineers", "Engin\ud800eers") if field == "text" else REPORT_A)
    if field != "text":
        doc = with_meta(doc, {field: "Bay \ud800 Courier"}, "record")
    article = normalise(doc)
    stored = article.text if field == "text" else (article.title if field == "title" else article.outlet.value)
    assert stored is not None and "\ufffd" in stored and "\ud800" not in stored
    (note,) = [n for n in article.notes if n.stage == "unicode"]
    assert field in note.error and "U+FFFD" in note.error
    stored.encode("utf-8")  # valid Unicode now: the store can write it


def test_text_longer_than_the_parser_takes_is_refused_with_a_clear_problem() -> None:
    """Issue 13 item 5: never accepted and then lost at the sentences stage."""
    with pytest.raises(InputError, match="more than the 1,000 the parser takes"):
        normalise(raw("word " * 300), NormaliseConfig(max_chars=1000))


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


@pytest.mark.parametrize(
    ("line", "place"),
    [("VALDORA 1996-12-06", "VALDORA"), ("PORT ELSWICK, March 3, 2021", "PORT ELSWICK"),
     ("KESTREL BAY (Wirenews) 2019-05-01", "KESTREL BAY"), ("Published 29 March 2024", None),
     ("Updated Tuesday, March 26, 2024", None)],
)
def test_newswire_dateline_is_kept_as_date_and_place_not_link_bait(line: str, place: str | None) -> None:
    text = f"{line}\n\nThe harbour bridge reopened after three weeks of repairs.\n\nCrowds watched the first cars."
    article = normalise(raw(text))
    assert article.published is not None and article.dateline_place == place
    reasons = [r.reason for r in article.removed if r.text == line]
    assert reasons and reasons[0].startswith("dateline") and not any("link-bait" in r for r in reasons)


@pytest.mark.parametrize("line", ["NORTHAM 2 ELSWICK UNITED 1", "CRICKET - VALDORA V RUSKIA", "TORVIK V ANSLAND"])
def test_result_and_fixture_lines_in_capitals_are_kept(line: str) -> None:
    text = f"The league resumed on Saturday.\n\n{line}\n\nThe home side scored late in the second half."
    assert line in normalise(raw(text)).text


def test_dateline_place_is_in_the_report() -> None:
    from newsweave.model import Report
    from newsweave.report import report_to_dict

    article = normalise(raw("VALDORA 1996-12-06\n\nThe harbour bridge reopened after three weeks of repairs."))
    assert report_to_dict(Report((article,), ()))["articles"][0]["dateline_place"] == "VALDORA"
