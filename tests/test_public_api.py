from __future__ import annotations

import newsweave
from newsweave.config import SETTINGS, Settings


def test_all_is_sorted_and_complete() -> None:
    assert newsweave.__all__ == sorted(newsweave.__all__)
    assert all(hasattr(newsweave, name) for name in newsweave.__all__)


def test_settings_table_matches_settings_defaults() -> None:
    defaults = Settings()
    assert [s.name for s in SETTINGS] == list(Settings.names())
    assert all(getattr(defaults, s.name) == s.default for s in SETTINGS)
