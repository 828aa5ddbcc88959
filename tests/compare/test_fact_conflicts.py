"""Real conflicts only (issue 10 item 3): counts of one thing, claims against their denial, and the
look-alikes that are agreement or two different things. Hand-written reports with invented names."""

from __future__ import annotations

import pytest

from newsweave.compare.conflicts import clash, compatible, conflict, count_clash, denial_clash, denies
from newsweave.compare.facts import facts_of
from newsweave.model import Claim, Span

from .test_fact_agreement import story_of


def claim(text: str, **fields: object) -> Claim:
    return Claim("c", Span("a", 0, len(text)), text, **fields)  # type: ignore[arg-type]


def test_small_counts_are_exact_not_rounded() -> None:
    assert compatible((50.0, "people", ""), (49.0, "people", "")) is False
    assert compatible((2000.0, "foot", ""), (2010.0, "foot", "")) is True  # a round large figure may be rounded


def test_counts_of_one_kind_of_event_clash_even_with_different_verbs() -> None:
    flattened = claim("flattening seven villages", predicate="flatten", object="seven villages",
                      quantities=((7.0, "village", ""),))
    destroyed = claim("four villages had been destroyed", predicate="destroy", subject="four villages",
                      quantities=((4.0, "village", ""),))
    why = count_clash(flattened, destroyed)
    assert why is not None and why.startswith("different numbers (village)")


@pytest.mark.parametrize(
    ("a", "b"),
    [
        # killed and injured are two different counts
        (claim("killing 10 people", predicate="kill", quantities=((10.0, "people", ""),)),
         claim("injuring three people", predicate="injure", quantities=((3.0, "people", ""),))),
        # "be" tells nothing of what was counted
        (claim("36 percent of senior staff are people of colour", predicate="be", quantities=((36.0, "%", ""),)),
         claim("At least 60 percent of the staff is white", predicate="be", quantities=((60.0, "%", "min"),))),
        # two different named things (two boxers' fights)
        (claim("stopped Orrin Vale in the seventh fight", predicate="stop", object="Orrin Vale",
               quantities=((7.0, "fight", ""),)),
         claim("stopped Dace Morrow in the sixth fight", predicate="stop", object="Dace Morrow",
               quantities=((6.0, "fight", ""),))),
        # a figure fifty times another is another quantity, not a disagreement
        (claim("made off with $137 million of jewels", predicate="make", quantities=((137e6, "$", ""),)),
         claim("making off with a $2.6 million booty", predicate="make", quantities=((2.6e6, "$", ""),))),
    ],
)
def test_counts_of_different_things_do_not_clash(a: Claim, b: Claim) -> None:
    assert count_clash(a, b) is None


@pytest.mark.parametrize(
    ("a", "b"),
    [
        # four dead including the gunman is the gunman's three victims
        (claim("Four people were killed, including the gunman", predicate="kill", quantities=((4.0, "people", ""),)),
         claim("the gunman who killed three people", predicate="kill", quantities=((3.0, "people", ""),))),
        # a forecast is not the figure it forecast
        (claim("soaring past expectations for an increase of 190,000 jobs", predicate="soar",
               quantities=((190000.0, "job", ""),)),
         claim("The economy added 250,000 jobs", predicate="add", quantities=((250000.0, "job", ""),))),
        # three indexes' gains in one sentence are not compared one by one
        (claim("The index rose 2.45 percent while the others gained 2.20 percent and 1.84 percent", predicate="rise",
               quantities=((2.45, "%", ""), (2.2, "%", ""), (1.84, "%", ""))),
         claim("The index rose 2.6 percent", predicate="rise", quantities=((2.6, "%", ""),))),
    ],
)
def test_look_alike_disagreements_are_not_conflicts(a: Claim, b: Claim) -> None:
    assert conflict(a, b, 1.0, 0.45) is None


def test_a_weekday_disagreement_needs_strongly_aligned_claims() -> None:
    saturday = claim("The navy stopped the raid on Saturday")
    thursday = claim("A warship stopped a raid on Thursday")
    assert conflict(saturday, thursday, 0.2, 0.45) is None
    assert (conflict(saturday, thursday, 0.9, 0.45) or "").startswith("different dates")


def test_a_statement_against_its_explicit_denial_is_a_conflict() -> None:
    stated = "Harbour Board chair Lena Ostrova sold the Kestrel depot to a private buyer in secret last spring."
    denied = "Lena Ostrova denied reports that she sold the Kestrel depot to a private buyer in secret."
    why = denial_clash(stated, (), denied, (claim(denied, predicate="deny", modality="denied", negated=True),))
    assert why is not None and why.startswith("claim against denial")


def test_a_denial_reaches_only_what_it_denies_not_the_rest_of_its_sentence() -> None:
    stated = ("Before the talks, Vale officials warned that Norland and Ostria were quietly advancing a grain "
              "and fuel deal that could see Ostria ship fuel.")
    denied = ("Norland has denied signing accords with Ostria when their leaders met this week, amid warnings "
              "over possible grain and fuel deals.")
    denial = claim("Norland has denied signing accords with Ostria", predicate="deny", modality="denied",
                   negated=True)
    assert denial_clash(stated, (), denied, (denial,)) is None
    # the same words inside what is denied still clash
    inside = claim("Norland denied advancing a grain and fuel deal with Ostria", predicate="deny",
                   modality="denied", negated=True)
    assert denial_clash(stated, (), inside.text + ".", (inside,)) is not None


@pytest.mark.parametrize(
    ("a", "b"),
    [
        # both report the denial: agreement
        ("Lena Ostrova denied reports that she sold the Kestrel depot in secret.",
         "Ostrova on Monday denied that she had sold the Kestrel depot in secret."),
        # a denial of something else
        ("Lena Ostrova sold the Kestrel depot to a private buyer.",
         "The Kestrel ferry operator denied that fares will rise next year."),
    ],
)
def test_agreeing_or_unrelated_denials_are_not_conflicts(a: str, b: str) -> None:
    assert denial_clash(a, (), b, ()) is None


def test_a_negated_statement_does_not_count_as_the_denied_claim() -> None:
    assert denies("That was a false report, he said.", ())
    assert clash("No money was paid to the Kestrel board.", (claim("No money was paid", negated=True),),
                 "The mayor denied paying money to the Kestrel board.", ()) is None


def test_unaligned_sentences_of_two_outlets_that_disagree_become_one_conflicting_fact() -> None:
    story, context = story_of(
        ("Harbour Post", "2024-03-01", "A storm hit the Kestrel coast on Sunday. The storm flattened seven "
         "villages along the shore, officials said."),
        ("Valley Courier", "2024-03-01", "Heavy rain fell across the region. The governor said four villages "
         "had been destroyed by the storm."),
    )
    conflicting = [f for f in facts_of(story, context) if f.status == "conflicting"]
    assert conflicting, "seven villages flattened against four destroyed is a conflict"
    both = conflicting[0].conflicts[0]
    assert both.against is not None and {both.span.article, both.against.article} == {"a0", "a1"}
    assert "village" in both.why and "Harbour Post vs Valley Courier" in both.why
