"""The shipped stages, registered once: the registry every caller builds its pipelines from.

The order of each kind is the one declared in :data:`newsweave.pipeline.ARTICLE_ORDER` and
:data:`newsweave.pipeline.STORY_ORDER`; :class:`~newsweave.pipeline.Registry` checks every contract
when this module is imported. ``REGISTRY.configs()`` is the table of settings sections (normalising and
grouping, which are not pipeline stages, have a section too).

A new stage is one module with a ``STAGE`` (and, if it tunes anything, a config dataclass) plus one line
here and its name in the declared order.
"""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path

from .analyse import ARTICLE_STAGES
from .compare import facts, membership, quotes, timeline
from .compare.stance import StanceConfig
from .config import Settings
from .group import entities as group_entities
from .group.stories import GroupConfig
from .normalise import NormaliseConfig
from .pipeline import STORY_ORDER, Registry, Section, in_order
from .report import brief
from .report.files import ReportConfig

__all__ = ["REGISTRY", "settings_from_sources"]

REGISTRY = Registry(
    article=ARTICLE_STAGES,
    story=in_order(STORY_ORDER, (group_entities.STAGE, quotes.STAGE, membership.STAGE, facts.STAGE,
                                 timeline.STAGE, brief.STAGE)),
    sections=(
        Section("normalise", NormaliseConfig, "Raw text -> Article: headline, standfirst, debris, metadata."),
        Section("group", GroupConfig, "Articles -> stories: clustering, event segments and copies."),
        Section("stance", StanceConfig, "The claim check (newsweave check): relatedness and stance cues."),
        Section("report", ReportConfig, "Reports written to files (--out): one report, or one file per story."),
    ),
)


def settings_from_sources(toml_path: str | Path | None = None, overrides: Iterable[str] = ()) -> Settings:
    """Settings from the defaults, a TOML file and ``section.param=value`` overrides, checked against every
    registered stage's config (a bad name or value is a ConfigError naming it and the choices)."""
    return Settings.from_sources(REGISTRY.configs(), toml_path, overrides)
