"""Lossless JSON-ready round trip of the frozen data model, for the store and for worker processes.

Written here rather than taken from a library (cattrs, pydantic) because the model is small, frozen and
slotted, and a dependency would be larger than these fifty lines. The *report* JSON (``newsweave/1``)
is a different, public shape: see ``report/json.py``.
"""

from __future__ import annotations

import dataclasses
import re
import types
import typing
from functools import cache
from typing import Any, TypeVar, Union, get_args, get_origin

from . import model

__all__ = ["decode", "encode"]

T = TypeVar("T")


def encode(obj: Any) -> Any:
    """Dataclasses to dicts, tuples and frozensets to lists; everything else as it is."""
    if dataclasses.is_dataclass(obj) and not isinstance(obj, type):
        return {f.name: encode(getattr(obj, f.name)) for f in dataclasses.fields(obj)}
    if isinstance(obj, tuple | list):
        return [encode(x) for x in obj]
    if isinstance(obj, frozenset | set):
        return sorted(encode(x) for x in obj)
    return obj


@cache
def _hints(cls: type) -> dict[str, Any]:
    return typing.get_type_hints(cls, vars(model))


def decode(cls: type[T], data: Any) -> T:
    """Rebuild an instance of ``cls`` from :func:`encode`'s output (older outputs included: see
    :func:`_upgrade_article`)."""
    return _decode(cls, data)


#: How coreference links were written into ``Mention.role`` before they became fields.
_LEGACY_ANAPHOR = re.compile(r"^(description|pronoun|relative) of (.+)$", re.DOTALL)
_LEGACY_METONYM = re.compile(r"^metonym:(.+)$")


def _upgrade_article(article: model.Article) -> model.Article:
    """An article stored before coreference links were typed: ``role`` strings ("pronoun of Kim",
    "metonym:government") become ``link``, ``antecedent`` (the nearest mention of that name in the
    article, as the entity resolver used to pick it) and ``metonym_of``."""
    if not any(m.link is None and m.role and (_LEGACY_ANAPHOR.match(m.role) or _LEGACY_METONYM.match(m.role))
               for m in article.mentions):
        return article
    return model.evolve(article, mentions=tuple(_upgrade_mention(m, article.mentions) for m in article.mentions))


def _upgrade_mention(m: model.Mention, mentions: tuple[model.Mention, ...]) -> model.Mention:
    if m.link is not None or not m.role:
        return m
    if metonym := _LEGACY_METONYM.match(m.role):
        return model.evolve(m, role=None, link="metonym", metonym_of=metonym.group(1))
    anaphor = _LEGACY_ANAPHOR.match(m.role)
    if anaphor is None:
        return m
    kind, name = anaphor.groups()
    anaphoric = ("description of ", "pronoun of ")
    named = [o for o in mentions if o.text == name and not (o.role or "").startswith(anaphoric)]
    target = min(named, key=lambda o: abs(o.span.start - m.span.start), default=None)
    return model.evolve(m, role=None, link=kind, antecedent=target.span if target else None)


def _decode(tp: Any, data: Any) -> Any:
    if data is None:
        return None
    origin = get_origin(tp)
    if origin in (Union, types.UnionType):
        options = [a for a in get_args(tp) if a is not type(None)]
        return _decode(options[0], data) if len(options) == 1 else data
    if origin is tuple:
        args = get_args(tp)
        if len(args) == 2 and args[1] is Ellipsis:
            return tuple(_decode(args[0], x) for x in data)
        return tuple(_decode(a, x) for a, x in zip(args, data, strict=True))
    if origin is frozenset:
        return frozenset(_decode(get_args(tp)[0], x) for x in data)
    if isinstance(tp, type) and dataclasses.is_dataclass(tp):
        hints = _hints(tp)
        built = tp(**{k: _decode(hints[k], v) for k, v in data.items() if k in hints})
        return _upgrade_article(built) if isinstance(built, model.Article) else built
    return data
