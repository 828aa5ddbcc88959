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


def test_every_public_name_has_a_docstring_and_docs_api_page_is_current() -> None:
    import importlib.util
    import inspect
    from pathlib import Path

    docs = Path(__file__).resolve().parents[1] / "docs"
    spec = importlib.util.spec_from_file_location("gen_api", docs / "gen_api.py")
    assert spec and spec.loader
    gen = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(gen)
    assert all(inspect.getdoc(getattr(newsweave, n)) for n in newsweave.__all__)
    assert (docs / "api.md").read_text(encoding="utf-8") == gen.page(), "run: python docs/gen_api.py > docs/api.md"


def test_no_public_function_shadows_a_subpackage() -> None:
    import pkgutil

    subpackages = {m.name for m in pkgutil.iter_modules(newsweave.__path__)}
    assert not subpackages & set(newsweave.__all__)
    for name in subpackages:
        assert not callable(getattr(newsweave, name, None)) or inspect_is_module(getattr(newsweave, name)), name


def inspect_is_module(obj: object) -> bool:
    import types

    return isinstance(obj, types.ModuleType)
