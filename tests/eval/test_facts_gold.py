"""The fact gold's stories and scoring (bench/gold/facts): ECB+ passages, outlets, dev/held-out, per-status
figures. Hand-built records; the gold files themselves are checked against the data when it is there."""

from __future__ import annotations

from pathlib import Path

from newsweave.eval.facts import _lines, ecb_passage, fact_right, load_all_gold, score_story, split_of
from newsweave.model import Conflict, Fact, Span

GOLD = Path(__file__).resolve().parents[2] / "bench" / "gold" / "facts"


def test_an_ecb_passage_keeps_the_chosen_lines_and_takes_its_outlet_from_the_address() -> None:
    article = {"id": "9_1ecbplus", "text": "http: / / www. harbour - post. com / news / 1\nStorm hits coast\n"
               "May 2\nA storm hit the coast.\nTwo boats sank."}
    passage = ecb_passage(article, [1, 3, 4])
    assert passage["body"] == "Storm hits coast\nA storm hit the coast.\nTwo boats sank."
    assert passage["outlet"] == "harbour-post.com"
    assert passage["title"] == "Storm hits coast"
    plain = ecb_passage({"id": "9_2ecb", "text": "A storm hit the coast.\nTwo boats sank."}, [0, 1])
    assert plain["outlet"] == "9_2ecb" and plain["title"] is None  # no address: its own source, no headline


def test_line_ranges_and_the_fixed_split() -> None:
    assert _lines("2-4,7") == [2, 3, 4, 7]
    assert [split_of(s) for s in ("val-4", "train-7", "ecb-t20-a", "ecb-t23-x")] == ["dev", "held-out", "dev",
                                                                                     "held-out"]


def _fact(status: str, *spans: Span, conflicts: tuple[Conflict, ...] = (), outlets: tuple[str, ...] = ()) -> Fact:
    return Fact("f", "t", status, spans, len(set(outlets)), conflicts, outlets)  # type: ignore[arg-type]


def test_scoring_counts_outlets_not_reports() -> None:
    gold = {"story": "s", "articles": ["a", "b", "c"], "outlets": {"a": "Post", "b": "Post", "c": "Courier"},
            "facts": [{"status": "unique", "support": {"a": [{"start": 0, "end": 10}], "b": [{"start": 0, "end": 10}]}},
                      {"status": "corroborated",
                       "support": {"a": [{"start": 20, "end": 30}], "c": [{"start": 0, "end": 10}]}}]}
    same_outlet = _fact("corroborated", Span("a", 0, 10), Span("b", 0, 10), outlets=("Post",))
    two_outlets = _fact("corroborated", Span("a", 20, 30), Span("c", 0, 10), outlets=("Post", "Courier"))
    row = score_story([same_outlet, two_outlets], gold)
    assert (row["sys_corr"], row["good_corr"]) == (2, 1)  # one Post's two reports corroborate nothing
    assert row["single_outlet"] == 1


def test_unique_facts_are_judged_against_the_gold_they_overlap() -> None:
    gold = {"story": "s", "articles": ["a", "c"],
            "facts": [{"status": "unique", "support": {"a": [{"start": 0, "end": 10}]}},
                      {"status": "corroborated", "support": {"a": [{"start": 20, "end": 30}],
                                                             "c": [{"start": 0, "end": 10}]}}]}
    right = _fact("unique", Span("a", 0, 10), outlets=("a",))
    missed = _fact("unique", Span("c", 0, 10), outlets=("c",))  # a corroborated fact called unique
    unjudged = _fact("unique", Span("c", 50, 60), outlets=("c",))
    row = score_story([right, missed, unjudged], gold)
    assert (row["sys_unique"], row["good_unique"], row["gold_unique"], row["caught_unique"]) == (2, 1, 1, 1)


def test_fact_right_says_whether_the_gold_bears_out_a_corroboration_or_a_conflict() -> None:
    gold = {"story": "s", "articles": ["a", "c"],
            "facts": [{"status": "corroborated", "support": {"a": [{"start": 20, "end": 30}],
                                                             "c": [{"start": 0, "end": 10}]}},
                      {"status": "conflicting", "support": {"a": [{"start": 40, "end": 50}],
                                                            "c": [{"start": 40, "end": 50}]}}]}
    assert fact_right(_fact("corroborated", Span("a", 20, 30), Span("c", 0, 10), outlets=("a", "c")), gold)
    assert not fact_right(_fact("corroborated", Span("a", 20, 30), Span("c", 60, 70), outlets=("a", "c")), gold)
    clash = Conflict(Span("c", 40, 50), "12 against 14", Span("a", 40, 50))
    assert fact_right(_fact("conflicting", Span("a", 40, 50), conflicts=(clash,), outlets=("a", "c")), gold)
    elsewhere = Conflict(Span("c", 0, 10), "12 against 14", Span("a", 40, 50))
    assert not fact_right(_fact("conflicting", Span("a", 40, 50), conflicts=(elsewhere,), outlets=("a", "c")), gold)


def test_the_gold_holds_150_stories_and_40_conflicts_split_in_two() -> None:
    gold = load_all_gold(GOLD)
    conflicts = [f for g in gold for f in g["facts"] if f["status"] == "conflicting"]
    assert len(gold) >= 150 and len(conflicts) >= 40
    assert {split_of(g["story"]) for g in gold} == {"dev", "held-out"}
    assert all(f["conflict"]["why"] for f in conflicts)
