"""The SemEval-2015 TimeLine score on hand-written timelines."""

from __future__ import annotations

import pytest

from newsweave.eval.timeline import Line, normalise_date, parse_timeline, score_timelines

GOLD = [Line(0, "XXXX-XX-XX", ("1-4-said",)), Line(1, "2010-XX-XX", ("1-2-opened",)),
        Line(2, "2011-03-02", ("1-3-sold", "2-1-sale")), Line(3, "2011-05-01", ("2-5-closed",))]


@pytest.mark.parametrize(("date", "want"), [("2003-XX-XX", "2003"), ("2011-03-02", "2011-03-02"),
                                            ("XXXX-XX-XX", None), ("1976", "1976")])
def test_normalise_date_drops_unknown_parts(date: str, want: str | None) -> None:
    assert normalise_date(date) == want


def test_parse_timeline_reads_the_task_format() -> None:
    text = "Harbour Ferries\n1\t2010-XX-XX\t1-2-opened\n2\t2011-03-02\t1-3-sold\t2-1-sale\n"
    entity, lines = parse_timeline(text)
    assert entity == "Harbour Ferries" and lines[1] == Line(2, "2011-03-02", ("1-3-sold", "2-1-sale"))


@pytest.mark.parametrize(
    ("system", "f1"),
    [
        (GOLD, 1.0),
        ([], 0.0),
        ([Line(0, "XXXX-XX-XX", ("9-9-none",))], 0.0),
    ],
)
def test_score_timelines_extremes(system: list[Line], f1: float) -> None:
    assert score_timelines([(system, GOLD)]).f1 == pytest.approx(f1)


def test_score_timelines_punishes_a_wrong_order() -> None:
    swapped = [Line(1, "2011-05-01", ("2-5-closed",)), Line(2, "2011-03-02", ("1-3-sold", "2-1-sale")),
               Line(3, "2010-XX-XX", ("1-2-opened",))]
    score = score_timelines([(swapped, GOLD)])
    assert 0.0 < score.precision < 1.0 and 0.0 < score.recall < 1.0
