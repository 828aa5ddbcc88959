"""Helpers of the temporal tagger in :mod:`newsweave.analyse.times`.

``lexicon`` (words), ``calendar`` (anchoring arithmetic), ``base`` (the rule type), the rule modules
``absolute`` (calendar dates), ``relative`` (deictic dates), ``spans`` (durations, sets, clock times) and
``tense`` (the clause's tense). :data:`RULES` is every rule, most specific first: when two candidates
overlap the longer wins, and at equal length the earlier rule. :data:`STARTS` finds where each can match
(``starts``).
"""

from __future__ import annotations

from . import absolute, relative, spans
from .base import Rule
from .starts import Starts

__all__ = ["RULES", "STARTS"]

RULES: tuple[Rule, ...] = absolute.RULES + relative.RULES + spans.RULES
STARTS = Starts([rule.pattern for rule in RULES])
