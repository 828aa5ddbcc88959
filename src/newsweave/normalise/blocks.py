"""Split raw text into blocks (one per non-empty line) with offsets, and clean each block's text.

A block keeps the offsets of its raw line so that everything taken out can be reported against the raw
input. Cleaning is Unicode NFC plus whitespace: NFKC would also rewrite typographic quotes, ellipses
and superscripts that quote matching later relies on, so it is not used.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

__all__ = ["Block", "clean_line", "split_blocks", "words"]

# Characters that render as nothing or as a plain space but break matching.
_INVISIBLE = dict.fromkeys(map(ord, "\u200b\u200c\u200d\u2060\ufeff\u00ad"), None)
_SPACES = re.compile(r"[ \t\u00a0\u2000-\u200a\u202f\u205f\u3000]+")
_LINE = re.compile(r"[^\r\n\u2028\u2029\x0b\x0c\x1c-\x1e\x85]+")
_WORD = re.compile(r"\w+(?:[-'’.]\w+)*")


@dataclass(frozen=True, slots=True)
class Block:
    """One raw line: ``raw[start:end]`` is its text as read, ``text`` is cleaned."""

    start: int
    end: int
    raw: str
    text: str

    @property
    def key(self) -> str:
        """A comparison key: case and spacing do not make two blocks different."""
        return " ".join(words(self.text)).casefold()


def clean_line(line: str) -> str:
    """NFC, drop invisible characters, collapse runs of spaces, strip the ends."""
    line = unicodedata.normalize("NFC", line).translate(_INVISIBLE)
    if not line.isprintable():  # a printable line has no control or format character (category C): skip the scan
        line = "".join(ch if unicodedata.category(ch)[0] != "C" else " " for ch in line)
    return _SPACES.sub(" ", line).strip()


def words(text: str) -> list[str]:
    return _WORD.findall(text)


def split_blocks(raw: str) -> list[Block]:
    """Every non-empty line of ``raw`` as a Block, in order."""
    blocks = []
    for match in _LINE.finditer(raw):
        text = clean_line(match.group())
        if text:
            blocks.append(Block(match.start(), match.end(), match.group(), text))
    return blocks
