"""Split-point scoring: right at the boundary or across short lines only; counts add up."""

from __future__ import annotations

from newsweave.eval.segments import Case, Tally, _right, score
from newsweave.model import Article, RawDocument

PARAS = ["The harbour board met on Monday and voted to close the old ferry pier for the winter.",
         "6:05 p.m.",
         "The school choir won the regional prize with a programme of songs from the coast.",
         "Its director said the singers had rehearsed every evening for two months."]


def _article(paragraphs: list[str]) -> Article:
    spans, at = [], 0
    for p in paragraphs:
        spans.append((at, at + len(p)))
        at += len(p) + 2
    return Article("x", "x", "\n\n".join(paragraphs), paragraphs=tuple(spans))


def test_a_split_is_right_at_the_boundary_or_across_short_lines_only() -> None:
    article = _article(PARAS)
    assert _right(article, 2, "The school choir")
    assert _right(article, 1, "The school choir")  # only the timestamp line lies between
    assert not _right(article, 3, "The school choir")
    assert not _right(article, 1, "Its director")


def test_score_counts_predicted_right_gold_and_found() -> None:
    harbour = [f"The harbour board closed pier {n} after engineers found cracks in its timber piles." for n in range(4)]
    zoo = [f"The zoo said its snow leopard {n} gave birth to healthy cubs that keepers watch." for n in range(4)]
    case = Case(RawDocument("joined", "\n\n".join(harbour + zoo), "record"), (), (zoo[0],))
    tally = score([case])
    assert (tally.reports, tally.gold) == (1, 1)
    assert (tally.predicted, tally.right, tally.found, tally.split_reports) == (1, 1, 1, 1)
    assert Tally(predicted=2, right=1, gold=4, found=1).row("s")["precision"] == 0.5
