"""The TempEval-3 scorer: TimeML text and TIMEX3 offsets, the held-out split, strict/relaxed/value counts."""

from __future__ import annotations

from pathlib import Path

import pytest

from newsweave.eval.tempeval import HELD_OUT_EVERY, load_document, split
from newsweave.eval.times import Counts, Timex, metrics, score_document

TIMEML = """<?xml version="1.0" ?>
<TimeML>
<DOCID>x1</DOCID>
<DCT><TIMEX3 tid="t0" type="DATE" value="1998-08-07" functionInDocument="CREATION_TIME">19980807</TIMEX3></DCT>
<TITLE>Bombs on <TIMEX3 tid="t9" type="DATE" value="1998-08-07">Friday</TIMEX3></TITLE>
<TEXT>
Bombs <EVENT eid="e1">exploded</EVENT> <TIMEX3 tid="t1" type="DATE" value="1998-08-07">Friday</TIMEX3>, \
<TIMEX3 tid="t2" type="DURATION" value="P2D">two days</TIMEX3> after the &amp; talks.
</TEXT>
</TimeML>
"""


def _doc(tmp_path: Path) -> Path:
    path = tmp_path / "x1.tml"
    path.write_text(TIMEML, encoding="utf-8")
    return path


def test_load_document_keeps_text_offsets_and_the_dct(tmp_path: Path) -> None:
    doc = load_document(_doc(tmp_path))
    assert doc.dct == "1998-08-07"
    assert [(t.text, t.value) for t in doc.gold] == [("Friday", "1998-08-07"), ("two days", "P2D")]
    assert all(doc.text[t.start : t.end] == t.text for t in doc.gold)
    assert "& talks" in doc.text and "<" not in doc.text  # only <TEXT>, tags removed, entities decoded
    assert doc.scored == [(0, len(doc.text))]


def test_split_holds_out_every_fifth_document() -> None:
    paths = [Path(f"d{i:02d}.tml") for i in range(12)]
    held, dev = split(paths, "heldout"), split(paths, "dev")
    assert held == [Path("d04.tml"), Path("d09.tml")]
    assert sorted(held + dev) == paths and not set(held) & set(dev)
    assert len(held) == len(paths) // HELD_OUT_EVERY
    assert split(paths, "all") == paths


def test_strict_relaxed_and_value_counts(tmp_path: Path) -> None:
    doc = load_document(_doc(tmp_path))
    friday, two_days = doc.gold
    system = [
        Timex(friday.start, friday.end, "Friday", "DATE", "1998-08-07"),  # strict, right value
        Timex(two_days.start + 4, two_days.end + 6, "days after", "DURATION", "P3D"),  # relaxed, wrong value
        Timex(0, 5, "Bombs", "DATE", "1998"),  # spurious
    ]
    counts = Counts()
    score_document(doc, system, counts)
    assert (counts.gold, counts.system, counts.strict, counts.relaxed, counts.value) == (2, 3, 1, 2, 1)
    figures = metrics(counts)
    assert figures["value_f1"] == pytest.approx(2 * 1 / (2 + 3))
    # the official attribute F1 (relaxed F1 x value accuracy) is the same number under one-to-one matching
    assert figures["relaxed_f1"] * figures["value_accuracy"] == pytest.approx(figures["value_f1"])
