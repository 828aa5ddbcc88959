"""``sources.json`` beside the files: file name -> {outlet, published, language, title, url, author}.

Sidecar metadata is untrusted input, so it is validated here: a value that is not a string, an unknown
field or a name with no file beside it becomes a problem, and the rest of the sidecar still applies.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ..errors import InputError
from ..model import Problem, RawDocument
from .base import problem, with_meta
from .decode import decode, load
from .jsonload import loads

__all__ = ["SIDECAR", "Sidecar", "load_sidecar"]

SIDECAR = "sources.json"
SIDECAR_FIELDS = ("outlet", "published", "language", "title", "url", "author")
_HINT = 'map each file name to {"outlet": "...", "published": "YYYY-MM-DD", ...}'


@dataclass(frozen=True, slots=True)
class Sidecar:
    """The metadata a folder's sources.json gives each file, and what was wrong with it."""

    entries: Mapping[str, Mapping[str, str]] = field(default_factory=dict)
    problems: tuple[Problem, ...] = ()

    def apply(self, path: Path, doc: RawDocument) -> RawDocument:
        """``doc`` with this sidecar's entry for ``path`` (by file name) applied, source "sidecar"."""
        entry = self.entries.get(path.name)
        return with_meta(doc, entry, "sidecar") if entry else doc


def load_sidecar(folder: Path, limit: int) -> Sidecar:
    """The sidecar of ``folder``; empty when there is none, with problems when it cannot be used."""
    path = folder / SIDECAR
    if not path.is_file():
        return Sidecar()
    name = str(path)
    try:
        value = loads(name, decode(name, load(path, limit)), "is not valid JSON; its metadata was not applied",
                      _HINT)
    except InputError as err:
        return Sidecar(problems=(problem(err),))
    if not isinstance(value, dict):
        reason = "must be a JSON object of file names; its metadata was not applied"
        return Sidecar(problems=(problem(InputError(name, reason, hint=_HINT)),))
    entries: dict[str, dict[str, str]] = {}
    problems: list[Problem] = []
    for file_name, entry in value.items():
        fields, errors = _entry(name, folder, file_name, entry)
        entries[file_name] = fields
        problems.extend(problem(err) for err in errors)
    return Sidecar(entries, tuple(problems))


def _entry(name: str, folder: Path, file_name: str, entry: Any) -> tuple[dict[str, str], list[InputError]]:
    where = f"{name}#{file_name}"
    if not (folder / file_name).is_file():
        return {}, [InputError(where, f"names {file_name!r}, which is not a file in {folder}", hint=_HINT)]
    if not isinstance(entry, dict):
        return {}, [InputError(where, "must be an object of metadata fields", hint=_HINT)]
    fields: dict[str, str] = {}
    errors: list[InputError] = []
    for key, value in entry.items():
        if key not in SIDECAR_FIELDS:
            known = ", ".join(SIDECAR_FIELDS)
            errors.append(InputError(where, f"unknown field {key!r} was ignored", hint=f"known: {known}"))
        elif not isinstance(value, str):
            errors.append(InputError(where, f"field {key!r} must be a string; it was ignored", hint=_HINT))
        else:
            fields[key] = value
    return fields, errors
