"""Stance of a report towards a short claim: unrelated, agree, disagree, discuss; and the claim check
over stored reports with modality and independent sources."""

from __future__ import annotations

import pytest

from newsweave.compare.check import check_claim
from newsweave.compare.stance import StanceConfig, relatedness, stance_of, stems, weights
from newsweave.model import Article, Claim, Meta, Source, Span, Story

OTHER = ["Markets fell on Monday as oil prices rose.", "The zoo announced the birth of two snow leopard cubs.",
         "A new stadium opens in the city next spring."]


def _read(claim: str, body: str) -> str:
    return stance_of(claim, body, weights([body, *OTHER])).label


@pytest.mark.parametrize(
    ("body", "label"),
    [
        ("The council said the Kestrel Bay bridge reopened on Tuesday after repairs.", "agree"),
        ("The claim that the Kestrel Bay bridge reopened is a hoax; officials denied it.", "disagree"),
        ("The Kestrel Bay bridge reportedly reopened on Tuesday, according to posts online.", "discuss"),
        ("The zoo announced the birth of two snow leopard cubs on Tuesday.", "unrelated"),
    ],
)
def test_stance_of_a_report_towards_a_claim(body: str, label: str) -> None:
    assert _read("Kestrel Bay bridge reopened", body) == label


def test_a_report_refuting_what_the_claim_calls_a_hoax_agrees_with_it() -> None:
    body = "The story that a Kestrel Bay bridge collapsed is a hoax, and officials denied it: fake photos."
    assert _read("Kestrel Bay bridge collapse is a hoax", body) == "agree"
    assert _read("Kestrel Bay bridge collapsed", body) == "disagree"


def test_a_rare_word_counts_more_than_a_common_one() -> None:
    w = weights(["Kestrel wins", "Markets rise", "Markets fall", "Markets flat"])
    claim = stems("Kestrel markets")
    assert relatedness(claim, stems("Kestrel"), w) > relatedness(claim, stems("markets"), w) > 0


def test_a_claim_with_no_content_words_relates_to_nothing() -> None:
    assert stance_of("it is the", "It is the best of times.", weights(["It is the best of times."])).label \
        == "unrelated"


def test_a_stricter_config_turns_agreement_into_discussion() -> None:
    body = "Crews worked on the Kestrel Bay bridge for weeks. Traffic reopened on Tuesday."
    w = weights([body, *OTHER])
    assert stance_of("Kestrel Bay bridge reopened", body, w).label == "agree"
    assert stance_of("Kestrel Bay bridge reopened", body, w, config=StanceConfig(close=0.95)).label == "discuss"


# --- the claim check over stored reports ----------------------------------------------------------


def _article(aid: str, text: str, outlet: str, claims: tuple[Claim, ...] = ()) -> Article:
    return Article(aid, f"{aid}.txt", text, title=f"title {aid}", outlet=Meta(outlet, "given"), claims=claims)


BRIDGE = "The Kestrel Bay bridge reopened on Tuesday after three weeks of repairs."
DENIAL = "Officials denied that the Kestrel Bay bridge reopened; the claim is false."


def test_two_reports_of_one_outlet_are_one_independent_source() -> None:
    a, b, c = (_article("a1", BRIDGE, "Courier"), _article("a2", BRIDGE + " Traffic was light.", "Courier"),
               _article("a3", DENIAL, "Gazette"))
    story = Story("s1", "bridge", tuple(Span(x.id, 0, len(x.text)) for x in (a, b, c)),
                  sources=(Source("a1", ("Courier",), ("a1", "a2")), Source("a3", ("Gazette",), ("a3",))))
    found = check_claim("Kestrel Bay bridge reopened", [a, b, c, *(_article(f"o{i}", t, "X") for i, t in
                                                              enumerate(OTHER))], [story])
    assert [(f.article, f.stance) for f in found.findings] == [("a1", "agree"), ("a2", "agree"), ("a3", "disagree")]
    assert found.sources["agree"] == 1 and found.reports["agree"] == 2
    assert found.summary("agree") == "1 independent source (2 reports)"
    assert found.findings[2].spans[0] == Span("a3", 0, DENIAL.index(";") + len("; the claim is false."))
    assert not found.note


def test_a_finding_carries_the_modality_of_its_claim() -> None:
    text = "Police said the Kestrel Bay bridge reopened on Tuesday."
    claim = Claim("c1", Span("a1", 0, len(text)), text, asserted_by="Police", source="speaker")
    found = check_claim("Kestrel Bay bridge reopened",
                        [_article("a1", text, "Courier", (claim,)), *(_article(f"o{i}", t, "X")
                                                                      for i, t in enumerate(OTHER))], [])
    assert [(f.stance, f.modality, f.source) for f in found.findings] == [("agree", "attributed", "a1")]


def test_the_check_says_when_nothing_relates() -> None:
    found = check_claim("Bananas cure cancer", [_article(f"o{i}", t, "X") for i, t in enumerate(OTHER)], [])
    assert found.findings == () and found.note == "no stored report relates to this claim (3 checked)"
    assert found.to_dict()["summary"]["agree"] == "0 independent sources (0 reports)"
