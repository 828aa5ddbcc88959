"""Find page debris by general rules of repetition, position and shape, and say why for each block.

Nothing here names a phrase from any particular page. The rules:

- *repeated block*: a short block (a name, a label) that occurs more than once in the page is page
  furniture (author boxes, share bars); a long paragraph that occurs twice is kept once.
- *link-bait line*: a short line in capitals with no sentence punctuation and no digits ("SEE ALSO",
  "ADVERTISEMENT"). A line with digits is a dateline ("ROME 1996-12-06") or a result or fixture line
  ("LEEDS 2 EVERTON 1"), and a line whose words are joined by a dash or "v" is a heading naming its
  subjects ("CRICKET - ENGLAND V PAKISTAN"): those are news and stay.
- *prompt*: a short line that asks the reader to do something to the page rather than tells news
  (subscribe, share, sign up, follow, click, download the app, read more/related links).
- *byline*: "By ..." or a bare personal name (2 to 4 capitalised words) in the first or last blocks.
- *author bio*: a closing block that starts with a name found as a byline or repeated block.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Sequence

from .blocks import Block, words

__all__ = ["classify_debris"]

# Generic calls to action of news pages; matched only on short lines (see _is_prompt).
_PROMPT = re.compile(
    r"^(?:\W*)(?:subscribe|sign up|sign in|log in|register|follow us|follow @|share (?:this|on|via)|"
    r"click here|tap here|download (?:the|our) app|get (?:the|our) newsletter|newsletter|"
    r"read more|related(?: articles?| stories| coverage)?\s*[:|]|see also|also read|watch:|listen:|"
    r"advertisement|sponsored|copyright|©|all rights reserved)",
    re.IGNORECASE,
)
_BYLINE = re.compile(r"^by\s+[A-Z][\w'’.-]+(?:\s+[A-Z][\w'’.-]+){0,3}\b", re.IGNORECASE)
_NAME_WORD = re.compile(r"^(?:[A-Z][a-z'’]+(?:-[A-Z][a-z'’]+)?|[A-Z]\.|Mc[A-Z][a-z]+|O'[A-Z][a-z]+)$")
_SENTENCE_END = re.compile(r"[.!?…:;\"”’)]$")


_JOINED = re.compile(r"\s(?:-|–|—|V|VS\.?|v\.?|vs\.?)\s")


def _is_shouting(block: Block) -> bool:
    letters = [ch for ch in block.text if ch.isalpha()]
    return (
        len(words(block.text)) <= 6
        and len(letters) >= 3
        and all(ch.isupper() for ch in letters)
        and not _SENTENCE_END.search(block.text)
        and not any(ch.isdigit() for ch in block.text)
        and not _JOINED.search(block.text)
    )


def _is_prompt(block: Block) -> bool:
    return len(words(block.text)) <= 25 and bool(_PROMPT.match(block.text)) and "“" not in block.text


def _is_name(text: str) -> bool:
    tokens = text.split()
    return 2 <= len(tokens) <= 4 and all(_NAME_WORD.match(t) for t in tokens)


def _repeated(blocks: Sequence[Block], short: int) -> dict[int, str]:
    counts = Counter(b.key for b in blocks)
    found: dict[int, str] = {}
    seen: set[str] = set()
    for i, block in enumerate(blocks):
        if counts[block.key] < 2:
            continue
        if len(words(block.text)) <= short:
            found[i] = f"repeated block: occurs {counts[block.key]} times in the page"
        elif block.key in seen:
            found[i] = "repeated paragraph: the same text appears earlier"
        seen.add(block.key)
    return found


def classify_debris(
    blocks: Sequence[Block], protected: frozenset[int] = frozenset(), *, short: int, edge: int
) -> dict[int, str]:
    """Map block index -> reason for every block that is debris. ``protected`` blocks are kept; a repeated
    block of at most ``short`` words is debris; bylines are looked for ``edge`` blocks from either end."""
    found = _repeated(blocks, short)
    names: set[str] = set()
    last = len(blocks) - 1
    for i, block in enumerate(blocks):
        at_edge = i < edge or i > last - edge
        if i in found:
            if _is_name(block.text):
                names.add(block.text)
            continue
        if _is_shouting(block):
            found[i] = "link-bait line: a short line in capitals with no sentence"
        elif _is_prompt(block):
            found[i] = "prompt: asks the reader to act on the page, not news"
        elif at_edge and (_BYLINE.match(block.text) and len(words(block.text)) <= 10):
            found[i] = "byline"
            names.add(re.sub(r"^by\s+", "", block.text, flags=re.IGNORECASE))
        elif at_edge and _is_name(block.text) and i not in protected:
            found[i] = "byline: a bare personal name at the edge of the page"
            names.add(block.text)
    for i in range(max(0, last - edge + 1), last + 1):
        if i not in found and any(blocks[i].text.startswith(name + " ") for name in names):
            found[i] = "author bio: a closing line about the byline's author"
    return {i: why for i, why in found.items() if i not in protected}
