"""Outlet profiles (reading, validating) and a story's coverage by them, on hand-built stories."""

from __future__ import annotations

from pathlib import Path

import pytest

from newsweave.app import Workspace
from newsweave.app.outlets import make_profile, parse_outlets, read_outlets, story_coverage
from newsweave.errors import InputError, NotFoundError, RequestError
from newsweave.model import OutletProfile, Source, Span, Story

WIRE = OutletProfile("Rivet Wire", country="Ostland", kind="wire agency")
PAPER = OutletProfile("Harbour Gazette", country="Ostland", kind="newspaper", leaning="centre")
PUBLIC = OutletProfile("Ostland Radio", country="Ostland", kind="public broadcaster")
FOREIGN = OutletProfile("Westmark Daily", country="Westmark", kind="newspaper")
TABLE = [WIRE, PAPER, PUBLIC, FOREIGN]


def _story(*members: str, copies: tuple[tuple[str, ...], ...] = (), sources: tuple[Source, ...] = ()) -> Story:
    return Story("s1", "A story", tuple(Span(a, 0, 4) for a in members), copies=copies, sources=sources)


def test_profile_kind_is_normalised_and_empty_fields_are_not_given() -> None:
    profile = make_profile("  Rivet   Wire ", kind="Wire_Agency", country=" ", leaning="")
    assert profile == OutletProfile("Rivet Wire", kind="wire agency")
    assert profile.leaning is None


@pytest.mark.parametrize(("name", "fields", "field"), [
    ("", {}, "name"),
    ("X", {"kind": "tabloid"}, "kind"),
    ("X", {"colour": "red"}, "colour"),
    ("X", {"country": "x" * 201}, "country"),
])
def test_bad_profile_names_the_field(name: str, fields: dict[str, object], field: str) -> None:
    with pytest.raises(RequestError, match=f"^{field}: "):
        make_profile(name, **fields)


def test_csv_file_is_read_with_its_header(tmp_path: Path) -> None:
    path = tmp_path / "outlets.csv"
    path.write_text("Name,Kind,Country\nRivet Wire,wire agency,Ostland\n\nHarbour Gazette,newspaper,\n",
                    encoding="utf-8")
    assert read_outlets(path) == [OutletProfile("Rivet Wire", country="Ostland", kind="wire agency"),
                                  OutletProfile("Harbour Gazette", kind="newspaper")]


def test_json_file_takes_a_list_or_an_outlets_object(tmp_path: Path) -> None:
    path = tmp_path / "outlets.json"
    path.write_text('{"outlets": [{"name": "Ostland Radio", "kind": "public broadcaster", "leaning": null}]}',
                    encoding="utf-8")
    assert read_outlets(path) == [OutletProfile("Ostland Radio", kind="public broadcaster")]
    assert parse_outlets('[{"name": "A"}]', "body") == [OutletProfile("A")]


@pytest.mark.parametrize(("text", "where", "said"), [
    ("name,kind\nA,newspaper\nB,tabloid\n", "row 3", "'tabloid' is not a kind"),
    ("name,kind\nA,newspaper\n a ,online\n", "row 3", "given twice (first in list.csv row 2)"),
    ("title,kind\nA,newspaper\n", "row 1", "no 'name' column"),
    ("name,colour\nA,red\n", "row 1", "unknown column 'colour'"),
    ("name,kind\n,newspaper\n", "row 2", "needs a name"),
    ("name\n", "", "holds no outlets"),
])
def test_bad_csv_row_is_named_in_one_line(text: str, where: str, said: str) -> None:
    with pytest.raises(InputError) as caught:
        parse_outlets(text, "list.csv", "csv")
    message = str(caught.value)
    assert message.startswith(f"list.csv {where}".strip()) and said in message and "\n" not in message


def test_bad_json_entry_is_named() -> None:
    with pytest.raises(InputError, match=r"^list.json entry 2: kind: "):
        parse_outlets('[{"name": "A"}, {"name": "B", "kind": 3}]', "list.json")
    with pytest.raises(InputError, match="not valid JSON"):
        parse_outlets("[{", "list.json", "json")


def test_missing_file_is_named(tmp_path: Path) -> None:
    with pytest.raises(InputError, match="nothing.csv: cannot read it"):
        read_outlets(tmp_path / "nothing.csv")


def test_coverage_groups_outlets_by_kind_with_blindspots() -> None:
    story = _story("a", "b", "c")
    outlets = {"a": "Harbour Gazette", "b": "westmark  daily", "c": "Unlisted Post"}
    kind = story_coverage(story, outlets, TABLE).by("kind")
    assert [(g.label, g.outlets) for g in kind.groups] == [
        ("newspaper", ("Harbour Gazette", "westmark  daily")), ("not profiled", ("Unlisted Post",))]
    assert kind.blindspots == ("wire agency", "public broadcaster")
    assert kind.unsure == 1
    assert kind.said("public broadcaster") == ("No public broadcaster that is profiled covered this story "
                                               "(1 of its outlets has no kind in your profiles)")


def test_blindspot_is_plain_when_every_outlet_is_profiled() -> None:
    coverage = story_coverage(_story("a", "b"), {"a": "Harbour Gazette", "b": "Westmark Daily"}, TABLE)
    assert coverage.by("kind").said("public broadcaster") == "No public broadcaster covered this story"
    country = coverage.by("country")
    assert [g.label for g in country.groups] == ["Ostland", "Westmark"] and country.blindspots == ()


def test_wire_copy_is_shown_as_a_copy_of_the_agency_and_counts_once() -> None:
    sources = (Source("a", ("Rivet Wire", "Harbour Gazette"), ("a", "b")), Source("c", ("Ostland Radio",), ("c",)))
    story = _story("b", "a", "c", copies=(("a", "b"),), sources=sources)
    coverage = story_coverage(story, {"a": "Rivet Wire", "b": "Harbour Gazette", "c": "Ostland Radio"}, TABLE)
    gazette = next(o for o in coverage.outlets if o.name == "Harbour Gazette")
    assert gazette.copy_of == "Rivet Wire" and gazette.copy_of_agency
    assert gazette.to_dict()["said"] == "copy of Rivet Wire"
    groups = {g.label: g for g in coverage.by("kind").groups}
    assert (groups["newspaper"].sources, groups["newspaper"].copies) == (0, ("Harbour Gazette",))
    assert groups["wire agency"].sources == 1 and groups["public broadcaster"].sources == 1
    assert coverage.sources == 2


def test_copy_without_an_agency_names_the_first_report() -> None:
    story = _story("a", "b", copies=(("a", "b"),))
    coverage = story_coverage(story, {"a": "Harbour Gazette", "b": "Westmark Daily"}, TABLE)
    copied = {o.name: o.copy_of for o in coverage.outlets}
    assert copied == {"Harbour Gazette": None, "Westmark Daily": "Harbour Gazette"}
    assert not coverage.outlets[1].copy_of_agency
    assert coverage.sources == 1  # group's rule, for a story stored without sources


def test_leaning_is_grouped_only_when_the_person_gives_one() -> None:
    fields = [g.field for g in story_coverage(_story("a"), {"a": "Harbour Gazette"}, TABLE).groupings]
    assert "leaning" in fields and "owner" not in fields
    no_leaning = [WIRE, PUBLIC]
    assert [g.field for g in story_coverage(_story("a"), {"a": "X"}, no_leaning).groupings] == ["kind", "country"]


def test_no_profiles_means_every_outlet_is_not_profiled_and_no_blindspot() -> None:
    kind = story_coverage(_story("a", "b"), {"a": "Harbour Gazette", "b": "Rivet Wire"}, []).by("kind")
    assert [g.label for g in kind.groups] == ["not profiled"] and kind.blindspots == ()


def test_unknown_field_is_refused() -> None:
    with pytest.raises(RequestError, match="^by: 'colour'"):
        story_coverage(_story("a"), {"a": "X"}, TABLE, ["colour"])


def test_workspace_keeps_replaces_and_removes_profiles() -> None:
    with Workspace.open(":memory:") as ws:
        ws.set_outlets([PAPER, WIRE])
        ws.set_outlets([OutletProfile("HARBOUR gazette", kind="magazine")])
        assert ws.outlets() == [OutletProfile("HARBOUR gazette", kind="magazine"), WIRE]
        ws.remove_outlet("harbour gazette")
        assert ws.outlets() == [WIRE]
        with pytest.raises(NotFoundError):
            ws.remove_outlet("harbour gazette")
