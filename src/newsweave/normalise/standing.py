"""Standing site lines: a line one outlet prints in many of its reports ("Follow our live coverage",
"The Invented Wire contributed to this report") is the site's boilerplate, not news of the day.

Finding one needs a view of many reports of the same outlet, which a single document cannot give:
:func:`repeated_lines` takes the lines of some documents and returns those found in at least
``standing_reports`` of them and in at least ``standing_share`` of them; :func:`standing_lines` applies it
to a batch of raw documents, outlet by outlet, and :func:`~newsweave.normalise.normalise` takes the result
out of each document as debris, with the reason. This module is the one owner of the rule: the fact
alignment (``compare/text.py``) reads :func:`repeated_lines` for reports stored before it applied.

Read by hand on PolNeAR (924 reports, seven outlets, 132 each) with the defaults (5 reports and 5 %): 8
lines found, all boilerplate (an editor's note in 16 reports, "Abstract" and "Full text" in 104, a
"Follow ... on Twitter" sign-off, a "like the page" prompt, a section label, a close button, a rule).
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Iterable, Mapping, Sequence
from urllib.parse import urlsplit

from ..model import RawDocument
from .blocks import split_blocks, words
from .config import NormaliseConfig

__all__ = ["line_key", "outlet_of", "repeated_lines", "standing_lines"]

_DEFAULTS = NormaliseConfig()


def line_key(text: str) -> str:
    """What makes two lines the same line: their words, whatever the case and spacing."""
    return " ".join(words(text)).casefold()


def repeated_lines(documents: Iterable[Iterable[str]], *, least: int, share: float = 0.0,
                   key: Callable[[str], str] = line_key) -> dict[str, int]:
    """The keys (``key``, :func:`line_key` unless told) of lines found in at least ``least`` of the documents
    and in at least ``share`` of them, each with the number of documents it is in. A line counts once per
    document."""
    counts: Counter[str] = Counter()
    total = 0
    for lines in documents:
        total += 1
        counts.update({k for k in map(key, lines) if k})
    need = max(least, share * total)
    return {key: n for key, n in counts.items() if n >= need}


def outlet_of(raw: RawDocument) -> str | None:
    """The outlet a raw document is from: its ``outlet``, else its URL's host; None when neither is known."""
    outlet = raw.get("outlet")
    if outlet is not None and outlet.value.strip():
        return outlet.value.strip()
    url = raw.get("url")
    host = urlsplit(url.value.strip()).hostname if url is not None else None
    return host.removeprefix("www.") if host else None


def standing_lines(
    documents: Sequence[RawDocument], config: NormaliseConfig = _DEFAULTS
) -> dict[str, Mapping[str, str]]:
    """For each outlet of ``documents`` that has standing lines: line key -> the reason to give when the
    line is taken out ("standing line: in 7 of 12 reports of Invented Wire")."""
    by_outlet: dict[str, list[RawDocument]] = {}
    for raw in documents:
        outlet = outlet_of(raw)
        if outlet is not None:
            by_outlet.setdefault(outlet, []).append(raw)
    found: dict[str, Mapping[str, str]] = {}
    for outlet, raws in by_outlet.items():
        lines = repeated_lines(([b.text for b in split_blocks(r.text)] for r in raws),
                               least=config.standing_reports, share=config.standing_share)
        if lines:
            found[outlet] = {key: f"standing line: in {n} of {len(raws)} reports of {outlet}"
                             for key, n in lines.items()}
    return found
