"""Claims on hand-written sentences (none taken from shared/samples)."""

from __future__ import annotations

import pytest

from newsweave.analyse import ARTICLE_STAGES
from newsweave.analyse.claims import STAGE, find_claims, quantities_in
from newsweave.analyse.nlp import parse
from newsweave.config import Settings
from newsweave.model import Article, Claim
from newsweave.pipeline import build


def claims_of(text: str) -> tuple[Claim, ...]:
    article = build(ARTICLE_STAGES).run(Article(id="t", input="t", text=text), Settings())
    return article.claims


def only(text: str, fragment: str) -> Claim:
    found = [c for c in claims_of(text) if fragment in c.text]
    assert found, f"no claim holding {fragment!r} in {[c.text for c in claims_of(text)]}"
    return found[0]


@pytest.mark.parametrize(
    "text",
    [
        "The ferry company cancelled four sailings on Friday and refunded every passenger.",
        "Officials said the harbour tunnel would stay closed for two weeks.",
        "“We are not leaving,” the tenants told the landlord in a letter.",
        "Rain flooded 300 homes in the valley, according to the regional broadcaster.",
    ],
)
def test_claim_spans_are_exact(text: str) -> None:
    article = Article(id="t", input="t", text=text)
    claims = find_claims(article, parse(article))
    assert claims
    for claim in claims:
        assert text[claim.span.start : claim.span.end] == claim.text


def test_conjoined_verbs_split_into_separate_claims() -> None:
    claims = claims_of("The ferry company cancelled four sailings on Friday and refunded every passenger.")
    texts = [c.text for c in claims]
    assert any(t.startswith("The ferry company cancelled four sailings") for t in texts)
    refunded = only("The ferry company cancelled four sailings on Friday and refunded every passenger.",
                    "refunded")
    assert refunded.subject == "The ferry company"
    assert refunded.predicate == "refund"
    assert "cancelled" not in refunded.text


@pytest.mark.parametrize(
    ("phrase", "expected"),
    [
        ("a meeting that lasted five hours", (5.0, "h", "")),
        ("the 3rd brigade moved north", (3.0, "ordinal", "")),
        ("more than 15,000 new cases", (15000.0, "case", "min")),
        ("a $1.9 trillion package", (1.9e12, "$", "")),
        ("unemployment fell to 5.4%", (5.4, "%", "")),
        ("nearly 17 million applications", (17e6, "application", "max")),
        ("the bridge, built 100 years ago", (100.0, "y", "")),
    ],
)
def test_quantities_are_normalised(phrase: str, expected: tuple[float, str, str]) -> None:
    article = Article(id="t", input="t", text=phrase)
    assert expected in quantities_in(parse(article))


def test_years_are_left_to_the_times_stage() -> None:
    article = Article(id="t", input="t", text="The bridge opened in 1998.")
    assert quantities_in(parse(article)) == ()


@pytest.mark.parametrize(
    ("text", "fragment", "source", "speaker"),
    [
        ("Officials said the harbour tunnel would stay closed for two weeks.", "tunnel", "speaker",
         "Officials"),
        ("Rain flooded 300 homes in the valley, according to the regional broadcaster.", "flooded",
         "media", "the regional broadcaster"),
        ("Rain flooded 300 homes in the valley, according to the fire chief.", "flooded", "speaker",
         "the fire chief"),
        ("Rain flooded 300 homes in the valley.", "flooded", "outlet", None),
    ],
)
def test_who_asserts_a_claim(text: str, fragment: str, source: str, speaker: str | None) -> None:
    claim = only(text, fragment)
    assert claim.source == source
    assert claim.asserted_by == speaker


@pytest.mark.parametrize(
    ("text", "fragment", "negated", "modality"),
    [
        ("The mayor denied that the depot had been sold.", "depot", True, "denied"),
        ("The council did not approve the budget.", "budget", True, None),
        ("Forecasters warned that the river could burst its banks.", "river", False, "warned"),
        ("Analysts expect the plant to reopen in spring.", "reopen", False, "expected"),
        ("The council approved the budget.", "budget", False, None),
    ],
)
def test_negation_and_modality(text: str, fragment: str, negated: bool, modality: str | None) -> None:
    claim = only(text, fragment)
    assert claim.negated is negated
    assert claim.modality == modality


def test_a_coordinated_list_stays_one_claim_with_its_items() -> None:
    claim = only("The envoy visited Chile, Peru and Bolivia last month.", "visited")
    assert claim.items == ("Chile", "Peru", "Bolivia")


def test_quoted_words_are_the_speakers_claim() -> None:
    claim = only("“We are not leaving,” the tenants told the landlord in a letter.", "leaving")
    assert claim.negated
    assert claim.source == "speaker"


def test_stage_contract() -> None:
    assert STAGE.provides == frozenset({"claims"})
    assert {"text", "quotes", "times", "mentions"} <= STAGE.requires
