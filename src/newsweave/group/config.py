"""What grouping articles into stories tunes: clustering, event segments and copy detection.

Grouping is not a pipeline stage (it turns articles into stories), so its settings are a section of
their own, ``group`` (``--set group.threshold=0.2``); every module of ``group/`` reads this one class.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import ClassVar

from ..config import param

__all__ = ["GroupConfig"]


@dataclass(frozen=True, slots=True)
class GroupConfig:
    """What grouping tunes."""

    SECTION: ClassVar[str] = "group"
    threshold: float = param(0.18, "Cosine similarity (0-1) an article needs to join a story.", low=0.0, high=1.0)
    window_days: int = param(7, "Articles further apart than this many days never share a story.", low=0)
    title_repeat: int = param(2, "Copies of the title put in front of the text, so headline words weigh more.",
                              low=0)
    year_discount: float = param(0.3, "Factor on the similarity of two reports naming only different years.",
                                 low=0.0, high=1.0)
    block_cells: int = param(16_000_000, "Cells of the similarity matrix held at once (memory, not results).",
                             low=1)
    segment_paragraphs: int = param(3, "Paragraphs each part of a split article needs at least.", low=1)
    segment_words: int = param(40, "Words each part of a split article needs at least.", low=0)
    segment_share: float = param(0.1, "Share of the article's words each part needs at least.", low=0.0, high=1.0)
    segment_window: int = param(3, "Paragraphs either side of the least-cohesion boundary it may move to.", low=0)
    segment_unrelated: float = param(0.03, "Cosine below which two parts share 'no vocabulary' and are split.",
                                     low=0.0, high=1.0)
    segment_cued: float = param(0.1, "Cosine below which a cue ('Elsewhere,') or a closer story splits.",
                                low=0.0, high=1.0)
    segment_names: float = param(0.05, "Share of names two parts may share and still count as unrelated.",
                                 low=0.0, high=1.0)
    segment_margin: float = param(0.1, "How much closer another story must be to a part than its own article.",
                                  low=0.0, high=1.0)
    segment_apart: float = param(0.2, "Cosine the first part may have at most with the story the second part "
                                       "matches for an 'another story' split.", low=0.0, high=1.0)
    copy_shingle: int = param(5, "Words per shingle when comparing two articles for copying.", low=1)
    copy_containment: float = param(0.7, "Share of the shorter article's shingles found in the longer: a copy.",
                                    low=0.0, high=1.0)
