"""Story clustering scores: B³, the labelled-file loaders and eval_stories, on hand-written files."""

import json
from pathlib import Path

import pytest

from newsweave.config import Settings
from newsweave.errors import InputError
from newsweave.eval import b_cubed, eval_stories, load_labelled

#: The shipped settings (story threshold 0.18, tuned on the dev data: see bench/README.md).
TUNED = Settings()  # the shipped threshold (0.18)


@pytest.mark.parametrize(
    ("pred", "gold", "expected"),
    [
        # perfect clustering, whatever the labels are called
        ({"a": "x", "b": "x", "c": "y"}, {"a": "1", "b": "1", "c": "2"}, (1.0, 1.0, 1.0)),
        # all in one: precision 2/4 for every item, recall 1
        (
            {"a": "x", "b": "x", "c": "x", "d": "x"},
            {"a": "1", "b": "1", "c": "2", "d": "2"},
            (0.5, 1.0, 2 / 3),
        ),
        # all singletons: precision 1, recall 1/2 for every item
        (
            {"a": "a", "b": "b", "c": "c", "d": "d"},
            {"a": "1", "b": "1", "c": "2", "d": "2"},
            (1.0, 0.5, 2 / 3),
        ),
        # by hand: P = (1 + 1 + 1/2 + 1/2) / 4 = 3/4, R = (2/3 + 2/3 + 1/3 + 1) / 4 = 2/3, F1 = 12/17
        (
            {"a": "x", "b": "x", "c": "y", "d": "y"},
            {"a": "1", "b": "1", "c": "1", "d": "2"},
            (0.75, 2 / 3, 12 / 17),
        ),
        # by hand: P = R = (1 + 1 + 1/3 + 2/3 + 2/3) / 5 = 11/15
        (
            {"a": "x", "b": "x", "c": "y", "d": "y", "e": "y"},
            {"a": "1", "b": "1", "c": "1", "d": "2", "e": "2"},
            (11 / 15, 11 / 15, 11 / 15),
        ),
    ],
)
def test_b_cubed_known_values(pred, gold, expected):
    assert b_cubed(pred, gold) == pytest.approx(expected)


@pytest.mark.parametrize(
    ("pred", "gold"),
    [({"a": "x"}, {"a": "1", "b": "1"}), ({"a": "x", "c": "x"}, {"a": "1"}), ({}, {})],
)
def test_b_cubed_refuses_mismatched_or_empty_items(pred, gold):
    with pytest.raises(ValueError):
        b_cubed(pred, gold)


def _write(path: Path, rows: list[dict]) -> Path:
    path.write_text("".join(json.dumps(row) + "\n" for row in rows), encoding="utf-8")
    return path


QUAKE = "A strong earthquake struck northern Chile, shaking buildings in Iquique and cutting power."
REHAB = "Lindsay Lohan checked into the Betty Ford rehab clinic to begin a court ordered stay."


def test_load_labelled_reads_ecbplus_with_both_levels(tmp_path):
    path = _write(
        tmp_path / "articles.jsonl",
        [
            {"id": "1_1ecb", "title": "Quake", "text": QUAKE, "story": "t1", "event": "t1ecb"},
            {"id": "1_2ecbplus", "title": None, "text": REHAB, "story": "t1", "event": "t1ecbplus"},
        ],
    )
    data = load_labelled(path)
    assert data.dataset == "ecbplus"
    assert [a.id for a in data.articles] == ["1_1ecb", "1_2ecbplus"]
    assert data.articles[1].title is None
    assert data.event == {"1_1ecb": "t1ecb", "1_2ecbplus": "t1ecbplus"}
    assert data.topic == {"1_1ecb": "t1", "1_2ecbplus": "t1"}


def test_load_labelled_pools_neus_articles(tmp_path):
    articles = [{"id": f"val-0-{k}", "title": "Quake in Chile", "text": QUAKE} for k in range(3)]
    path = _write(tmp_path / "val.jsonl", [{"story": "val-0", "articles": articles, "reference_summary": ""}])
    data = load_labelled(path)
    assert data.dataset == "neus"
    assert len(data.articles) == 3
    assert set(data.event.values()) == {"val-0"}
    assert data.topic == data.event


@pytest.mark.parametrize(
    "content",
    ['{"id": "a", "text": "no labels"}\n', "not json\n", "", "[" * 100_000 + "\n", '{"id": ' + "9" * 10_000 + "}\n",
     "[1, 2]\n"],
    ids=["unknown-format", "not-json", "empty", "nested-deep", "huge-integer", "not-an-object"],  # issue 13 item 2
)
def test_load_labelled_refuses_bad_files(tmp_path, content):
    path = tmp_path / "bad.jsonl"
    path.write_text(content, encoding="utf-8")
    with pytest.raises(InputError, match="bad.jsonl"):
        load_labelled(path)


def test_eval_stories_missing_file_is_an_input_error(tmp_path):
    with pytest.raises(InputError, match="no such file"):
        eval_stories(tmp_path / "missing.jsonl")


def test_eval_stories_reports_every_figure(tmp_path):
    rows = [
        {"id": f"q{k}", "title": "Earthquake in Chile", "text": QUAKE, "story": "t1", "event": "t1ecb"}
        for k in range(2)
    ] + [
        {"id": f"r{k}", "title": "Lohan in rehab", "text": REHAB, "story": "t1", "event": "t1ecbplus"}
        for k in range(2)
    ]
    result = eval_stories(_write(tmp_path / "articles.jsonl", rows), TUNED)
    assert result["dataset"] == "ecbplus"
    assert (result["articles"], result["gold_clusters"], result["predicted_clusters"]) == (4, 2, 2)
    assert result["event"] == {"precision": 1.0, "recall": 1.0, "f1": 1.0}
    assert result["topic"] == {"precision": 1.0, "recall": 0.5, "f1": pytest.approx(2 / 3, abs=1e-4)}
    assert result["seconds"] >= 0
