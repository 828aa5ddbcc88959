from __future__ import annotations

import json

import pytest

from newsweave.errors import InputError
from newsweave.ingest.records import read_json, read_jsonl

ARTICLE = {
    "id": "a1",
    "title": "Ferry strike ends",
    "text": "The ferry strike ended on Friday.",
    "outlet": "Coast News",
    "published": "2024-02-02",
    "url": "https://coast.example/ferry",
    "author": "Kim Park",
    "language": "en",
    "story": "t1",
}


def _lines(*values: object) -> bytes:
    return "\n".join(v if isinstance(v, str) else json.dumps(v) for v in values).encode()


def test_read_jsonl_reads_every_record_field_as_record_meta() -> None:
    found = read_jsonl("a.jsonl", _lines(ARTICLE))
    (doc,) = found.documents
    assert (doc.input, doc.format, doc.text) == ("a.jsonl:1#a1", "record", ARTICLE["text"])
    assert {key: meta.value for key, meta in doc.meta} == {
        k: v for k, v in ARTICLE.items() if k not in ("text", "story")
    }
    assert {meta.source for _, meta in doc.meta} == {"record"}
    assert found.problems == ()


def test_read_jsonl_skips_null_fields() -> None:
    (doc,) = read_jsonl("a.jsonl", _lines({"id": 7, "text": "Body.", "outlet": None})).documents
    assert doc.meta and [key for key, _ in doc.meta] == ["id"] and doc.get("id").value == "7"


@pytest.mark.parametrize(
    "bad, reason",
    [
        ("{not json", "line is not JSON (Expecting property name enclosed in double quotes at column 2)"),
        ("[" * 100_000, "line is not JSON (nested deeper than 64 levels)"),
        ('{"a": ' + "[" * 65 + "]" * 65 + ', "text": "x"}', "line is not JSON (nested deeper than 64 levels)"),
        ('{"text": "x", "id": ' + "9" * 5000 + "}", "line is not JSON (a number longer than 100 digits)"),
        ('{"text": "x", "id": -' + "9" * 101 + "}", "line is not JSON (a number longer than 100 digits)"),
        (json.dumps({"id": "b", "title": "No body"}), 'no "text"'),
        (json.dumps({"id": "b", "text": "   "}), 'empty or non-string "text"'),
        (json.dumps(["a", "list"]), "not an article object"),
    ],
)
def test_read_jsonl_bad_line_is_a_problem_naming_the_line(bad: str, reason: str) -> None:
    found = read_jsonl("a.jsonl", _lines(ARTICLE, bad, "", {**ARTICLE, "id": "a3"}))
    assert [doc.input for doc in found.documents] == ["a.jsonl:1#a1", "a.jsonl:4#a3"]
    (problem,) = found.problems
    assert problem.input.startswith("a.jsonl:2") and reason in problem.error


def test_read_jsonl_reads_nested_story_articles() -> None:
    story = {
        "story": "s-0",
        "articles": [{"id": "s-0-0", "title": "T0", "text": "Zero."}, {"id": "s-0-1", "text": ""}],
        "reference_summary": "Summary.",
    }
    found = read_jsonl("stories.jsonl", _lines(story, {**story, "articles": [{"text": "Two."}]}))
    assert [(d.input, d.text) for d in found.documents] == [
        ("stories.jsonl:1#s-0-0", "Zero."),
        ("stories.jsonl:2#0", "Two."),
    ]
    assert [p.input for p in found.problems] == ["stories.jsonl:1#s-0-1"]


def test_read_jsonl_field_of_wrong_type_is_ignored_and_reported() -> None:
    found = read_jsonl("a.jsonl", _lines({"id": "c", "text": "Body.", "published": ["2024"]}))
    (doc,) = found.documents
    assert doc.get("published") is None
    assert "'published'" in found.problems[0].error


@pytest.mark.parametrize(
    "value, inputs",
    [
        (ARTICLE, ["a.json#a1"]),
        ([ARTICLE, {**ARTICLE, "id": None}], ["a.json[0]#a1", "a.json[1]"]),
        ({"articles": [ARTICLE]}, ["a.json#a1"]),
    ],
)
def test_read_json_reads_object_list_or_story(value: object, inputs: list[str]) -> None:
    found = read_json("a.json", json.dumps(value).encode())
    assert [doc.input for doc in found.documents] == inputs


def test_read_json_invalid_raises_with_position() -> None:
    with pytest.raises(InputError, match="line 2 column 1"):
        read_json("a.json", b'{"text": "x",\n}')


@pytest.mark.parametrize("content", ["[]", " [ ] "])
def test_read_json_with_no_articles_is_a_problem_not_silence(content: str) -> None:
    """Issue 13 item 5: an empty list gave no article and no problem."""
    with pytest.raises(InputError, match="empty"):
        read_json("empty.json", content.encode())


def test_an_empty_articles_list_is_a_problem_in_json_and_in_a_jsonl_line() -> None:
    (problem,) = read_json("s.json", b'{"articles": []}').problems
    assert problem.input == "s.json" and 'empty "articles" list' in problem.error
    found = read_jsonl("s.jsonl", _lines(ARTICLE, {"articles": []}))
    assert len(found.documents) == 1 and [p.input for p in found.problems] == ["s.jsonl:2"]


@pytest.mark.parametrize(
    ("bad", "reason"),
    [(b'{"text": "nul \x00 inside the line"}', "NUL byte"), (b'{"text": "bad \xff byte"}', "not valid UTF-8")],
)
def test_one_bad_byte_rejects_that_jsonl_line_not_the_file(bad: bytes, reason: str) -> None:
    """Issue 13 item 5: a NUL or invalid UTF-8 byte in one line loses only that line."""
    good = json.dumps(ARTICLE).encode()
    found = read_jsonl("a.jsonl", b"\n".join([good, bad, json.dumps({**ARTICLE, "id": "a3"}).encode()]))
    assert [doc.input for doc in found.documents] == ["a.jsonl:1#a1", "a.jsonl:3#a3"]
    (problem,) = found.problems
    assert problem.input == "a.jsonl:2" and reason in problem.error


def test_a_jsonl_file_with_a_nul_line_is_read_line_by_line(tmp_path) -> None:  # type: ignore[no-untyped-def]
    from newsweave.ingest import read

    path = tmp_path / "s.jsonl"
    path.write_bytes(json.dumps(ARTICLE).encode() + b"\n" + b'{"text": "x\x00"}\n')
    found = read([str(path)])
    assert len(found.documents) == 1 and [p.input for p in found.problems] == [f"{path}:2"]
