"""Outlet profiles and who covered a story: the one owner of both.

A person keeps a table of outlets (:class:`~newsweave.model.OutletProfile`: country, language, owner, kind
and, only when they give one, leaning), typed in the web UI or the CLI or read from a CSV or JSON file
(:func:`read_outlets`). Nothing is guessed: an outlet missing from the table is "not profiled", a field
left empty is "not given".

:func:`story_coverage` says who covered a story by those profiles: its outlets grouped by one profile
field (kind, country, language, owner, leaning), how many independent sources each group holds (read from
``Story.sources``, owned by ``group/sources.py``: a wire copy counts once, with its original), which
outlets only ran a copy ("copy of <agency>", from ``Story.copies``), and the blindspots: the groups of
the person's table that did not cover the story.
"""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any, cast

from ..errors import InputError, RequestError
from ..group.duplicates import independent_groups
from ..model import OUTLET_FIELDS, OUTLET_KINDS, OutletKind, OutletProfile, Story

__all__ = [
    "Coverage",
    "CoverageGroup",
    "CoveringOutlet",
    "Grouping",
    "fields_with_data",
    "make_profile",
    "parse_outlets",
    "profile_dict",
    "read_outlets",
    "story_coverage",
]

#: The columns an outlets file may have (``name`` is required).
COLUMNS = ("name", *OUTLET_FIELDS)
MAX_TEXT = 200
NOT_PROFILED = "not profiled"
NOT_GIVEN = "not given"
#: A kind as a noun where the kind itself is not one ("No online outlet covered this story").
_KIND_NOUNS = {"online": "online outlet", "other": "outlet of another kind"}
_PROFILE_HINT = f"columns: {', '.join(COLUMNS)}; kind is one of: {', '.join(OUTLET_KINDS)}"


# --- profiles: validation at the edge ----------------------------------------------------------------


def _text(field: str, value: object) -> str | None:
    """A profile field as stored: stripped, None when empty; RequestError when it is not short text."""
    if value is None:
        return None
    if not isinstance(value, str):
        raise RequestError(field, f"{value!r} is not text", hint="give a short text, or leave it empty")
    text = " ".join(value.split())
    if len(text) > MAX_TEXT:
        raise RequestError(field, f"is {len(text)} characters long (at most {MAX_TEXT})", hint="shorten it")
    return text or None


def _kind(value: object) -> OutletKind:
    text = _text("kind", value)
    if text is None:
        return "unknown"
    kind = " ".join(text.casefold().replace("_", " ").replace("-", " ").split())
    if kind not in OUTLET_KINDS:
        raise RequestError("kind", f"{text!r} is not a kind of outlet", hint=f"one of: {', '.join(OUTLET_KINDS)}")
    return cast(OutletKind, kind)


def make_profile(name: object, **fields: object) -> OutletProfile:
    """A validated profile from what a person typed: text fields stripped (empty is not given), ``kind``
    one of :data:`~newsweave.model.OUTLET_KINDS` (any case, ``_`` or ``-`` for spaces; empty is
    unknown). RequestError naming the field that is wrong."""
    unknown = sorted(set(fields) - set(OUTLET_FIELDS))
    if unknown:
        raise RequestError(unknown[0], "is not a field of an outlet profile", hint=_PROFILE_HINT)
    text = _text("name", name)
    if text is None:
        raise RequestError("name", "an outlet needs a name", hint="give the outlet's name as its reports carry it")
    values = {f: _text(f, fields.get(f)) for f in OUTLET_FIELDS if f != "kind"}
    return OutletProfile(text, kind=_kind(fields.get("kind")), **values)


def _rows_csv(text: str, where: str) -> list[tuple[str, dict[str, Any]]]:
    reader = csv.DictReader(io.StringIO(text))
    header = [h.strip().casefold() for h in reader.fieldnames or []]
    if "name" not in header:
        raise InputError(f"{where} row 1", "the header has no 'name' column", hint=_PROFILE_HINT)
    extra = [h for h in header if h not in COLUMNS]
    if extra:
        raise InputError(f"{where} row 1", f"unknown column {extra[0]!r}", hint=_PROFILE_HINT)
    reader.fieldnames = header
    rows = []
    for record in reader:
        if None in record:
            raise InputError(f"{where} row {reader.line_num}", "more cells than columns",
                             hint="quote a cell that holds a comma")
        if any((v or "").strip() for v in record.values()):
            rows.append((f"{where} row {reader.line_num}", dict(record)))
    return rows


def _rows_json(text: str, where: str) -> list[tuple[str, dict[str, Any]]]:
    try:
        data = json.loads(text)
    except json.JSONDecodeError as exc:
        raise InputError(where, f"is not valid JSON (line {exc.lineno}: {exc.msg})",
                         hint="give a list of outlet objects") from exc
    if isinstance(data, dict) and isinstance(data.get("outlets"), list):
        data = data["outlets"]
    if not isinstance(data, list):
        raise InputError(where, "holds no list of outlets", hint='give [{"name": ...}, ...] or {"outlets": [...]}')
    rows = []
    for n, item in enumerate(data, 1):
        if not isinstance(item, dict):
            raise InputError(f"{where} entry {n}", "is not an object", hint='give {"name": ..., "kind": ...}')
        rows.append((f"{where} entry {n}", item))
    return rows


def parse_outlets(text: str, where: str, fmt: str | None = None) -> list[OutletProfile]:
    """The profiles in a CSV (a header row naming the columns) or JSON (a list of objects, or
    ``{"outlets": [...]}``) text; ``fmt`` is "csv" or "json", else told by the first character.
    InputError naming ``where`` and the row for any row that is wrong, and for a name given twice."""
    fmt = fmt or ("json" if text.lstrip()[:1] in ("[", "{") else "csv")
    if fmt not in ("csv", "json"):
        raise InputError(where, f"cannot read outlets from {fmt!r}", hint="give a .csv or a .json file")
    rows = _rows_json(text, where) if fmt == "json" else _rows_csv(text.lstrip("\ufeff"), where)
    found: dict[str, tuple[str, OutletProfile]] = {}
    for row, raw in rows:
        given = {str(k).strip().casefold(): v for k, v in raw.items()}
        try:
            profile = make_profile(given.pop("name", None), **given)
        except RequestError as exc:
            raise InputError(row, exc.message, hint=exc.hint) from exc
        if profile.key in found:
            raise InputError(row, f"outlet {profile.name!r} is given twice (first in {found[profile.key][0]})",
                             hint="keep one row per outlet")
        found[profile.key] = (row, profile)
    if not found:
        raise InputError(where, "holds no outlets", hint=_PROFILE_HINT)
    return [profile for _, profile in found.values()]


def read_outlets(path: str | Path) -> list[OutletProfile]:
    """The profiles in a ``.csv`` or ``.json`` file (see :func:`parse_outlets`)."""
    path = Path(path)
    try:
        text = path.read_text(encoding="utf-8-sig")
    except (OSError, UnicodeDecodeError) as exc:
        reason = exc.strerror if isinstance(exc, OSError) else "it is not UTF-8 text"
        raise InputError(str(path), f"cannot read it ({reason})", hint="give a CSV or JSON file of outlets") from exc
    suffix = path.suffix.casefold().lstrip(".")
    return parse_outlets(text, str(path), suffix if suffix in ("csv", "json") else None)


def profile_dict(profile: OutletProfile) -> dict[str, Any]:
    """A profile as every face shows it: its name and each field (null when not given; kind "unknown")."""
    return {"name": profile.name, **{f: getattr(profile, f) for f in OUTLET_FIELDS}}


def fields_with_data(profiles: Iterable[OutletProfile]) -> tuple[str, ...]:
    """The profile fields coverage can be grouped by: kind always, the others when some profile has one."""
    profiles = list(profiles)
    return tuple(f for f in OUTLET_FIELDS if f == "kind" or any(p.value(f) for p in profiles))


# --- coverage -----------------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class CoveringOutlet:
    """One outlet that covered the story: how many of its reports, its profile (None: not profiled), and
    the outlet whose report it only copied (``copy_of``; None when it has a report of its own)."""

    name: str
    reports: int
    profile: OutletProfile | None
    copy_of: str | None = None
    copy_of_agency: bool = False

    def to_dict(self) -> dict[str, Any]:
        profile = self.profile
        return {"name": self.name, "reports": self.reports, "profiled": profile is not None,
                **{f: profile.value(f) if profile else None for f in OUTLET_FIELDS},
                "copy_of": self.copy_of, "copy_of_agency": self.copy_of_agency,
                "said": f"copy of {self.copy_of}" if self.copy_of else None}


@dataclass(frozen=True, slots=True)
class CoverageGroup:
    """The story's outlets of one profile value (``value`` None: not profiled or not given), the
    independent sources among them (an outlet that only ran a copy adds none), and those copy-only outlets."""

    label: str
    value: str | None
    outlets: tuple[str, ...]
    sources: int
    copies: tuple[str, ...]
    share: int
    #: Each outlet in words: its name, and "(copy of <agency>)" for an outlet that only ran a copy.
    said: tuple[str, ...] = ()

    def to_dict(self) -> dict[str, Any]:
        return {"label": self.label, "value": self.value, "outlets": list(self.outlets), "count": len(self.outlets),
                "sources": self.sources, "copies": list(self.copies), "share": self.share, "said": list(self.said)}


@dataclass(frozen=True, slots=True)
class Grouping:
    """The story's outlets grouped by one profile field, and its blindspots: the values the person's
    table holds that no outlet of the story has. ``unsure`` outlets have no value for the field (not
    profiled, or not given), so a blindspot is only "none that we know of" while there are any."""

    field: str
    groups: tuple[CoverageGroup, ...]
    blindspots: tuple[str, ...]
    unsure: int

    def said(self, value: str) -> str:
        """A blindspot in words."""
        who = {"kind": _KIND_NOUNS.get(value, value), "country": f"outlet from {value}",
               "language": f"outlet in {value}", "owner": f"outlet owned by {value}",
               "leaning": f"outlet you marked {value!r}"}[self.field]
        if not self.unsure:
            return f"No {who} covered this story"
        other = f"{self.unsure} of its outlets {'has' if self.unsure == 1 else 'have'} no {self.field} in your profiles"
        return f"No {who} that is profiled covered this story ({other})"

    def to_dict(self) -> dict[str, Any]:
        return {"field": self.field, "groups": [g.to_dict() for g in self.groups],
                "blindspots": [{"value": v, "said": self.said(v)} for v in self.blindspots], "unsure": self.unsure,
                "said": ", ".join(f"{g.label} {len(g.outlets)}" for g in self.groups)}


@dataclass(frozen=True, slots=True)
class Coverage:
    """Who covered one story, by the person's outlet profiles."""

    story: str
    outlets: tuple[CoveringOutlet, ...]
    groupings: tuple[Grouping, ...]
    sources: int
    profiles: int

    def by(self, field: str) -> Grouping:
        return next(g for g in self.groupings if g.field == field)

    def to_dict(self) -> dict[str, Any]:
        return {"story": self.story, "sources": self.sources, "profiles": self.profiles,
                "outlets": [o.to_dict() for o in self.outlets], "groupings": [g.to_dict() for g in self.groupings]}


def _originals(story: Story, outlets: Mapping[str, str], table: Mapping[str, OutletProfile]) -> dict[str, str]:
    """Article id -> the article it is a copy of, for every copy group of the story: the original is a
    report of an outlet profiled as a wire agency when there is one, else the first in story order."""
    order = {a: i for i, a in enumerate(story.article_ids)}
    agencies = {a for a in order if _is_agency(table, outlets.get(a))}
    copied: dict[str, str] = {}
    for group in story.copies:
        members = sorted((a for a in group if a in order), key=order.__getitem__)
        if not members:
            continue
        original = next((a for a in members if a in agencies), members[0])
        copied.update({a: original for a in members if outlets.get(a) != outlets.get(original)})
    return copied


def _is_agency(table: Mapping[str, OutletProfile], outlet: str | None) -> bool:
    profile = table.get(OutletProfile.key_of(outlet)) if outlet else None
    return profile is not None and profile.kind == "wire agency"


def _covering(story: Story, outlets: Mapping[str, str], table: Mapping[str, OutletProfile]) -> list[CoveringOutlet]:
    copied = _originals(story, outlets, table)
    by_outlet: dict[str, list[str]] = {}
    for a in story.article_ids:
        by_outlet.setdefault(outlets.get(a) or a, []).append(a)
    found = []
    for name, articles in by_outlet.items():
        originals = {outlets.get(copied[a]) for a in articles if a in copied}
        copy_of = next(iter(originals)) if len(originals) == 1 and all(a in copied for a in articles) else None
        found.append(CoveringOutlet(name, len(articles), table.get(OutletProfile.key_of(name)), copy_of,
                                    _is_agency(table, copy_of)))
    return found


def _source_ids(story: Story, outlets: Mapping[str, str]) -> dict[str, str]:
    """Article id -> its independent source, as ``group/`` decided (Story.sources); for a story stored
    before stories carried sources, by ``group``'s own rule over its outlets and copies."""
    if story.sources:
        return {a: s.id for s in story.sources for a in s.articles}
    groups = independent_groups(story.article_ids, dict(outlets), story.copies)
    return {a: g[0] for g in groups for a in g}


def _grouping(field: str, covering: Sequence[CoveringOutlet], articles: Mapping[str, list[str]],
              sources: Mapping[str, str], profiles: Sequence[OutletProfile]) -> Grouping:
    """The story's outlets grouped by ``field``: kinds in their fixed order, other values most outlets
    first; "not given" and "not profiled" last."""
    rank = {k: i for i, k in enumerate(OUTLET_KINDS)} if field == "kind" else {}
    groups: dict[str, list[CoveringOutlet]] = {}
    for o in covering:
        value = o.profile.value(field) if o.profile else None
        groups.setdefault(value or (NOT_GIVEN if o.profile else NOT_PROFILED), []).append(o)
    total = max(1, len(covering))
    made = []
    for label, members in groups.items():
        value = members[0].profile.value(field) if members[0].profile else None
        independent = {sources.get(a, a) for o in members if o.copy_of is None for a in articles[o.name]}
        last = 0 if value else (1 if label == NOT_GIVEN else 2)
        made.append(((last, rank.get(value or "", 0), -len(members), label.casefold()), CoverageGroup(
            label, value, tuple(o.name for o in members), len(independent),
            tuple(o.name for o in members if o.copy_of), round(100 * len(members) / total),
            tuple(f"{o.name} (copy of {o.copy_of})" if o.copy_of else o.name for o in members))))
    present = {g.value for _, g in made if g.value}
    table_values = {v for p in profiles if (v := p.value(field))}
    blind = sorted(table_values - present, key=lambda v: (rank.get(v, 0), v.casefold()))
    unsure = sum(1 for o in covering if not (o.profile and o.profile.value(field)))
    return Grouping(field, tuple(g for _, g in sorted(made, key=lambda m: m[0])), tuple(blind), unsure)


def story_coverage(story: Story, outlets: Mapping[str, str], profiles: Sequence[OutletProfile],
                   fields: Sequence[str] | None = None) -> Coverage:
    """Who covered ``story``: ``outlets`` maps each of its article ids to its outlet (or, with none, a
    label of the report); ``profiles`` is the person's table. Grouped by each of ``fields`` (by default
    kind, and every other field some profile gives)."""
    table = {p.key: p for p in profiles}
    covering = _covering(story, outlets, table)
    articles: dict[str, list[str]] = {}
    for a in story.article_ids:
        articles.setdefault(outlets.get(a) or a, []).append(a)
    sources = _source_ids(story, outlets)
    chosen = fields_with_data(profiles) if fields is None else tuple(fields)
    unknown = [f for f in chosen if f not in OUTLET_FIELDS]
    if unknown:
        raise RequestError("by", f"{unknown[0]!r} is not a profile field", hint=f"one of: {', '.join(OUTLET_FIELDS)}")
    groupings = tuple(_grouping(f, covering, articles, sources, profiles) for f in chosen)
    return Coverage(story.id, tuple(covering), groupings, len(set(sources.values())), len(profiles))
