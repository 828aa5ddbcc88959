"""``newsweave outlets``: list, import, set, remove and a story's coverage, over a hand-built store."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from newsweave.cli import main
from newsweave.model import Article, Meta, OutletProfile, Source, Span, Story
from newsweave.store import open_store

CSV = "name,kind,country\nRivet Wire,wire agency,Ostland\nHarbour Gazette,newspaper,Ostland\n"


def _run(*args: str) -> tuple[int, str]:
    result = CliRunner().invoke(main, list(args), catch_exceptions=False)
    return result.exit_code, result.output


@pytest.fixture
def db(tmp_path: Path) -> str:
    """A store with one story: a wire report, a newspaper's copy of it and a report of an unlisted outlet."""
    path = str(tmp_path / "o.db")
    text = "Dam gates opened\n\nEngineers opened the dam gates on Friday after a week of rain."
    articles = [Article(aid, f"{aid}.txt", body, outlet=Meta(outlet, "flag"))
                for aid, body, outlet in (("a1", text, "Rivet Wire"), ("a2", text + " More.", "Harbour Gazette"),
                                          ("a3", "Valley radio on the dam.", "Valley Voice"))]
    story = Story("s-dam", "Dam gates opened", tuple(Span(a.id, 0, 4) for a in articles), copies=(("a1", "a2"),),
                  sources=(Source("a1", ("Rivet Wire", "Harbour Gazette"), ("a1", "a2")),
                           Source("a3", ("Valley Voice",), ("a3",))))
    with open_store(path) as store:
        store.put_articles(articles)
        store.put_stories([story])
    return path


def test_import_then_list_as_json(db: str, tmp_path: Path) -> None:
    (tmp_path / "outlets.csv").write_text(CSV, encoding="utf-8")
    code, out = _run("outlets", "import", str(tmp_path / "outlets.csv"), "--db", db)
    assert code == 0 and out.startswith("2 outlet profiles imported")
    code, out = _run("outlets", "--db", db, "--json")
    listed = json.loads(out)
    assert [o["name"] for o in listed["outlets"]] == ["Harbour Gazette", "Rivet Wire"]
    assert listed["not_profiled"] == ["Valley Voice"]


def test_bad_file_is_one_line_naming_the_row_and_stores_nothing(db: str, tmp_path: Path) -> None:
    (tmp_path / "bad.csv").write_text(CSV + "Valley Voice,podcast,\n", encoding="utf-8")
    result = CliRunner().invoke(main, ["outlets", "import", str(tmp_path / "bad.csv"), "--db", db])
    assert result.exit_code == 1
    assert result.output.strip().count("\n") == 0 and "bad.csv row 4: kind: 'podcast'" in result.output
    with open_store(db) as store:
        assert store.outlets() == []


def test_set_keeps_the_fields_not_named_and_an_empty_value_clears_one(db: str) -> None:
    assert _run("outlets", "set", "Valley Voice", "--kind", "Public-Broadcaster", "--leaning", "left",
                "--db", db)[0] == 0
    code, out = _run("outlets", "set", "valley voice", "--country", "Ostland", "--leaning", "", "--db", db, "--json")
    assert code == 0
    assert json.loads(out) == {"name": "Valley Voice", "kind": "public broadcaster", "country": "Ostland",
                               "language": None, "owner": None, "leaning": None}


def test_remove_unknown_outlet_is_an_error(db: str) -> None:
    result = CliRunner().invoke(main, ["outlets", "remove", "Nobody", "--db", db])
    assert result.exit_code == 1 and "no outlet 'Nobody'" in result.output


def test_coverage_shows_copies_and_blindspots(db: str) -> None:
    with open_store(db) as store:
        store.put_outlets([OutletProfile("Rivet Wire", kind="wire agency"),
                           OutletProfile("Harbour Gazette", kind="newspaper"),
                           OutletProfile("Ostland Radio", kind="public broadcaster")])
    code, out = _run("outlets", "coverage", "s-dam", "--db", db)
    assert code == 0
    assert "Harbour Gazette (copy of Rivet Wire)" in out and "3 outlets, 2 independent sources" in out
    assert "No public broadcaster that is profiled covered this story (1 of its outlets has no kind" in out
    code, out = _run("show", "s-dam", "--db", db, "--json")
    assert json.loads(out)["coverage"]["groupings"][0]["field"] == "kind"


def test_export_draws_the_coverage_section_in_the_html_report(db: str, tmp_path: Path) -> None:
    with open_store(db) as store:
        store.put_outlets([OutletProfile("Rivet Wire", kind="wire agency"),
                           OutletProfile("Valley Voice", kind="public broadcaster")])
    assert _run("export", "--out", str(tmp_path / "out"), "--db", db)[0] == 0
    html = (tmp_path / "out" / "report.html").read_text(encoding="utf-8")
    assert 'id="coverage"' in html and "Harbour Gazette (copy of Rivet Wire)" in html
    report = json.loads((tmp_path / "out" / "report.json").read_text(encoding="utf-8"))
    assert report["stories"][0]["coverage"]["sources"] == 2


def test_the_outlets_command_loads_no_nlp_library() -> None:
    from .test_cli_imports import _loaded_after

    assert _loaded_after("import newsweave.outlets_command, newsweave.app.outlets") == []
