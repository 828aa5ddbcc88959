"""Pairing quotation marks: which characters open and close a quotation, and where it runs.

Handled styles: straight double ``"…"``, curly ``“…”``, curly single ``‘…’``, guillemets ``«…»`` and
German ``„…“``. Straight single quotes (``'``) are never treated as quotation marks: in English news they
are almost always apostrophes ("the country's", "’90s", "airlines'"). A curly opening mark closed by a
straight one (or the reverse), a common typing slip, still closes the quotation. A curly ``’`` closes a single
quotation only when it is not between two letters, so "Wayne’s World" stays one word.

A quotation left open at the end of a paragraph continues into the next paragraph when that paragraph
opens with a quotation mark (the newspaper convention for multi-paragraph quotes); otherwise it ends at
the paragraph end. When a second opening mark appears while a quotation is still open, the open one is
closed at the last sentence end before it (a missing closing mark is more common than nesting).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

__all__ = ["QuotedRun", "find_quoted"]

OPENERS = {"“": "”", "„": "“", "«": "»", '"': '"', "‘": "’"}
DOUBLE = frozenset({"“", "”", "„", "«", "»", '"'})
_SENTENCE_END = re.compile(r"[.!?][”’\"]?\s")
#: Every character :meth:`_Scanner.step` acts on (an opening or closing mark); it passes over any other.
_MARKS = re.compile("[" + re.escape("".join(sorted({*OPENERS, *OPENERS.values(), *DOUBLE}))) + "]")


@dataclass(frozen=True, slots=True)
class QuotedRun:
    """Words between quotation marks: ``start``/``end`` exclude the marks; ``open`` is the opening mark
    offset and ``close`` the closing mark offset (or None when the quotation was never closed)."""

    open: int
    start: int
    end: int
    close: int | None


def _paragraphs(text: str) -> list[tuple[int, int]]:
    spans, start = [], 0
    for match in re.finditer(r"\n", text):
        spans.append((start, match.start()))
        start = match.end()
    spans.append((start, len(text)))
    return [(s, e) for s, e in spans if text[s:e].strip()]


def _is_opening(text: str, i: int) -> bool:
    """Could the mark at ``i`` open a quotation (preceded by a break, followed by a word)?"""
    before = text[i - 1] if i > 0 else " "
    after = text[i + 1] if i + 1 < len(text) else " "
    return (before.isspace() or before in "([—–-:/,") and not after.isspace()


def _is_apostrophe(text: str, i: int) -> bool:
    before = text[i - 1] if i > 0 else " "
    after = text[i + 1] if i + 1 < len(text) else " "
    return before.isalnum() and after.isalnum()


def _starts_with_opener(text: str, start: int, end: int) -> bool:
    stripped = text[start:end].lstrip()
    return bool(stripped) and stripped[0] in "“„«\"‘"


class _Scanner:
    """A small state machine over one paragraph at a time; runs may continue across paragraphs."""

    def __init__(self, text: str) -> None:
        self.text = text
        self.runs: list[QuotedRun] = []
        self.open_at: int | None = None
        self.closer = ""

    def _finish(self, end: int, close: int | None) -> None:
        assert self.open_at is not None
        start = self.open_at + 1
        if end > start:
            self.runs.append(QuotedRun(self.open_at, start, end, close))
        self.open_at = None

    def _close_before(self, i: int) -> None:
        """A new opener while a run is open: end the open run at the last sentence end before it."""
        assert self.open_at is not None
        segment = self.text[self.open_at : i]
        ends = [m.start() + 1 for m in _SENTENCE_END.finditer(segment)]
        self._finish(self.open_at + (ends[-1] if ends else len(segment.rstrip())), None)

    def _open(self, i: int, mark: str) -> None:
        self.open_at, self.closer = i, OPENERS[mark]

    def _mixed_close(self, i: int) -> bool:
        """'“Most of the guns … Vermont," Clinton said': a curly quotation closed by a straight mark (or a
        straight one by a curly mark), when the other style has not appeared inside the run (so the mark is
        not one of a nested pair) and the mark sits where a closing mark does (after a word or punctuation,
        before a space, punctuation or the end)."""
        ch, text = self.text[i], self.text
        pairs = {"”": '"', '"': "”"}
        if self.open_at is None or pairs.get(self.closer) != ch:
            return False
        inside = text[self.open_at + 1 : i]
        if ('"' in inside) or ("“" in inside) or ("”" in inside):
            return False
        before = text[i - 1]
        after = text[i + 1] if i + 1 < len(text) else " "
        return not before.isspace() and (after.isspace() or after in ".,;:!?)—–-")

    def step(self, i: int) -> None:
        ch = self.text[i]
        if self.open_at is not None:
            if self._mixed_close(i):
                self._finish(i, i)
            elif ch == self.closer and (ch != "’" or not _is_apostrophe(self.text, i)):
                if ch == '"' and _is_opening(self.text, i) and i > 0 and self.text[i - 1].isspace():
                    self._close_before(i)
                    self._open(i, ch)
                    return
                self._finish(i, i)
            elif ch in "“„«" and self.closer in DOUBLE and _is_opening(self.text, i):
                self._close_before(i)
                self._open(i, ch)
            return
        if ch in OPENERS and ch != "‘" and (ch != '"' or _is_opening(self.text, i)):
            self._open(i, ch)
        elif ch == "‘" and _is_opening(self.text, i):
            self._open(i, ch)
        elif ch == "”" and _is_opening(self.text, i):
            self._open(i, "“")  # a mis-typed opening mark: ”Word … ”

    def paragraph(self, start: int, end: int, next_opens: bool) -> None:
        for mark in _MARKS.finditer(self.text, start, end):  # the marks only: step() does nothing elsewhere
            self.step(mark.start())
        if self.open_at is not None and not next_opens:
            while end > 0 and self.text[end - 1].isspace():  # the paragraph's end before trailing spaces
                end -= 1
            self._finish(end, None)


def find_quoted(text: str) -> list[QuotedRun]:
    """Every quotation in ``text``, in order; a run never contains another run."""
    scanner = _Scanner(text)
    paragraphs = _paragraphs(text)
    for k, (start, end) in enumerate(paragraphs):
        next_opens = k + 1 < len(paragraphs) and _starts_with_opener(text, *paragraphs[k + 1])
        if scanner.open_at is not None and k > 0:
            # continuing a multi-paragraph quotation: skip the repeated opening mark
            lead = start + len(text[start:end]) - len(text[start:end].lstrip())
            scanner.paragraph(lead + 1, end, next_opens)
        else:
            scanner.paragraph(start, end, next_opens)
    return _clean(text, scanner.runs)


def _clean(text: str, runs: list[QuotedRun]) -> list[QuotedRun]:
    """Trim whitespace inside the marks and drop runs with no letters."""
    cleaned = []
    for run in runs:
        start, end = run.start, run.end
        while start < end and text[start].isspace():
            start += 1
        while end > start and text[end - 1].isspace():
            end -= 1
        if any(ch.isalpha() for ch in text[start:end]):
            cleaned.append(QuotedRun(run.open, start, end, run.close))
    return cleaned
