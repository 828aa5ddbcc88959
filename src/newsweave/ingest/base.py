"""What every reader shares: the result type, metadata overlays with provenance, and errors as problems."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, replace

from ..errors import InputError
from ..model import Meta, MetaSource, Problem, RawDocument

__all__ = ["FIELDS", "ReadResult", "fill_meta", "problem", "with_meta"]

#: Metadata fields ingest knows, in the order they are kept on a document.
FIELDS = ("id", "title", "outlet", "published", "author", "url", "language")


@dataclass(frozen=True, slots=True)
class ReadResult:
    """Documents read, inputs that could not be read (and why), and files deliberately left alone."""

    documents: tuple[RawDocument, ...] = ()
    problems: tuple[Problem, ...] = ()
    skipped: tuple[str, ...] = ()


def _order(item: tuple[str, Meta]) -> tuple[int, str]:
    name = item[0]
    return (FIELDS.index(name) if name in FIELDS else len(FIELDS), name)


def _clean(values: Mapping[str, str | None]) -> dict[str, str]:
    return {key: value.strip() for key, value in values.items() if value is not None and value.strip()}


def with_meta(doc: RawDocument, values: Mapping[str, str | None], source: MetaSource) -> RawDocument:
    """Return ``doc`` with ``values`` set from ``source``, replacing what was there (empty values skipped)."""
    merged = dict(doc.meta)
    merged.update({key: Meta(value, source) for key, value in _clean(values).items()})
    return replace(doc, meta=tuple(sorted(merged.items(), key=_order)))


def fill_meta(doc: RawDocument, values: Mapping[str, str | None], source: MetaSource) -> RawDocument:
    """Return ``doc`` with ``values`` set only where it has no value yet (a less trusted source)."""
    present = {key for key, _ in doc.meta}
    return with_meta(doc, {k: v for k, v in values.items() if k not in present}, source)


def problem(err: InputError) -> Problem:
    """Turn an input error into a one-line :class:`Problem` from the ingest stage."""
    error = f"{err.reason} ({err.hint})" if err.hint else err.reason
    return Problem(input=err.input, error=" ".join(error.split()), stage="ingest")
