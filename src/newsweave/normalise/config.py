"""What normalising a raw document tunes: headline and standfirst, debris, dateline, language.

Normalising is not a pipeline stage (it turns a RawDocument into an Article), so its settings are a
section of their own, ``normalise`` (``--set normalise.headline_words=30``).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import ClassVar

from ..config import param

__all__ = ["NormaliseConfig"]


@dataclass(frozen=True, slots=True)
class NormaliseConfig:
    """What normalising tunes."""

    SECTION: ClassVar[str] = "normalise"
    headline_words: int = param(25, "A plain-text first block this short (and no sentence) is the headline.", low=1)
    standfirst_words: int = param(45, "A second block this short (and no sentence) after a headline is the "
                                      "standfirst.", low=1)
    repeated_words: int = param(12, "A block this short that repeats on the page is debris.", low=0)
    edge_blocks: int = param(3, "Blocks at each end of the page searched for bylines and author bios.", low=0)
    dateline_words: int = param(14, "Words a dateline block may have at most.", low=1)
    dateline_blocks: int = param(4, "Leading blocks searched for a dateline.", low=0)
    standing_reports: int = param(5, "Reports of one outlet in a batch a line must recur in to be a standing site line "
                                     "(boilerplate, taken out as debris).", low=2)
    standing_share: float = param(0.05, "Share of the outlet's reports in a batch a standing line must recur in.",
                                  low=0.0, high=1.0)
    language_chars: int = param(20, "Characters of text needed to tell its language ('und' below).", low=0)
    max_chars: int = param(1_000_000, "Longest article text (characters) accepted; spaCy's parser takes at most "
                                      "1,000,000 at once, so a longer text is refused with a problem.", low=1)
