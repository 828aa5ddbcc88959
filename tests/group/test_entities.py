from __future__ import annotations

import pytest

from newsweave.group.entities import name_key, resolve_entities
from newsweave.model import Article, Mention, Span


def _article(aid: str, names: list[tuple[str, str]]) -> Article:
    text, mentions = "", []
    for name, kind in names:
        mentions.append(Mention(Span(aid, len(text), len(text) + len(name)), name, kind))
        text += name + " said something. "
    return Article(id=aid, input=aid, text=text, mentions=tuple(mentions))


def _groups(*articles: Article) -> list[set[str]]:
    return [{m.text for m in e.mentions} for e in resolve_entities(articles)]


@pytest.mark.parametrize(
    ("a", "b"),
    [("Ana-Maria Lungu", "Ana Maria Lungu"), ("Volodymyr Zelensky", "Volodymyr Zelenskyy"),
     ("Rostov-na-Donu", "Rostov-on-Donu"), ("São Paulo", "Sao Paulo")],
)
def test_spellings_of_one_name_merge_across_articles(a: str, b: str) -> None:
    groups = _groups(_article("x", [(a, "PERSON" if " " in a else "GPE")]),
                     _article("y", [(b, "PERSON" if " " in b else "GPE")]))
    assert {a, b} in groups


@pytest.mark.parametrize(
    ("a", "b"),
    [("Lee Jae Min", "Lee Jae Hoon"), ("Ukraine", "Ukrainian"), ("Maria Okafor", "Maria Santos")],
)
def test_different_people_sharing_a_name_part_stay_apart(a: str, b: str) -> None:
    groups = _groups(_article("x", [(a, "PERSON")]), _article("y", [(b, "PERSON")]))
    assert {a, b} not in groups and {a} in groups


def test_short_form_goes_to_the_first_introduced_relative_in_the_same_article() -> None:
    article = _article("x", [("Lee Jae Min", "PERSON"), ("Lee", "PERSON"), ("Lee Jae Hoon", "PERSON")])
    groups = _groups(article)
    assert {"Lee Jae Min", "Lee"} in groups and {"Lee Jae Hoon"} in groups


def test_ambiguous_short_form_in_another_article_is_not_merged() -> None:
    groups = _groups(_article("x", [("Lee Jae Min", "PERSON"), ("Lee Jae Hoon", "PERSON")]),
                     _article("y", [("Lee", "PERSON")]))
    assert {"Lee"} in groups


def test_acronym_joins_its_name_and_says_why() -> None:
    entities = resolve_entities([_article("x", [("World Health Organization", "ORG"), ("WHO", "ORG")])])
    merged = [e for e in entities if len(e.mentions) == 2]
    assert merged and merged[0].name == "World Health Organization"
    assert any(w.startswith("acronym") for w in merged[0].why)


def test_every_merge_across_outlets_has_a_reason() -> None:
    entities = resolve_entities(
        [_article("x", [("Ana-Maria Lungu", "PERSON")]), _article("y", [("Ana Maria Lungu", "PERSON")])],
        outlets={"x": "Courier", "y": "Gazette"},
    )
    assert "(Courier)" in entities[0].why[0] and "(Gazette)" in entities[0].why[0]


def test_name_key_folds_marks() -> None:
    assert name_key("The Jean-Luc  Picard.") == name_key("jean luc picard")


def test_people_with_different_given_names_never_merge_through_a_shared_family_name() -> None:
    first = _article("x", [("Barack Obama", "PERSON"), ("Obama", "PERSON")])
    second = _article("y", [("Michelle Obama", "PERSON"), ("Obama", "PERSON")])
    groups = _groups(first, second)
    assert not any({"Barack Obama", "Michelle Obama"} <= g for g in groups)


def test_an_initial_agrees_with_the_given_name_it_begins() -> None:
    first = _article("x", [("Barack Obama", "PERSON"), ("Obama", "PERSON")])
    second = _article("y", [("B Obama", "PERSON"), ("Obama", "PERSON")])
    assert any({"Barack Obama", "B Obama"} <= g for g in _groups(first, second))


@pytest.mark.parametrize(("inside", "longer"), [("Mexico", "Gulf of Mexico"), ("Korea", "North Korea")])
def test_a_place_inside_a_longer_place_name_is_not_that_place(inside: str, longer: str) -> None:
    groups = _groups(_article("x", [(longer, "LOC"), (inside, "GPE")]))
    assert {inside} in groups and {longer} in groups


def test_a_place_keeps_its_short_first_word() -> None:
    groups = _groups(_article("x", [("Harlow Observatory", "FAC"), ("Harlow", "FAC")]))
    assert {"Harlow Observatory", "Harlow"} in groups


def test_one_name_typed_place_and_organisation_is_one_entity_with_one_type() -> None:
    entities = resolve_entities([_article("x", [("Kestrava", "GPE"), ("Kestrava", "GPE")]),
                                 _article("y", [("Kestrava", "ORG")])])
    assert len(entities) == 1 and entities[0].type == "GPE"


def test_a_country_named_is_a_place_even_when_most_mentions_were_tagged_organisation() -> None:
    entities = resolve_entities([_article("x", [("Paraguay", "ORG"), ("Paraguay", "ORG")]),
                                 _article("y", [("Paraguay", "GPE")])])
    assert len(entities) == 1 and entities[0].type == "GPE"
