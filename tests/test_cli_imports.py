"""Commands that only read the store start fast: importing the CLI, or listing stories, loads no NLP library."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from newsweave.model import Article, Span, Story
from newsweave.store import open_store

HEAVY = ("spacy", "sklearn", "scipy", "trafilatura")


def _loaded_after(code: str) -> list[str]:
    """The heavy modules a fresh interpreter holds after running ``code``."""
    src = str(Path(__file__).resolve().parents[1] / "src")
    env = {**os.environ, "PYTHONPATH": os.pathsep.join([src, os.environ.get("PYTHONPATH", "")])}
    probe = f"{code}\nimport sys\nprint('loaded:', *(m for m in {HEAVY!r} if m in sys.modules))"
    done = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, env=env, check=True)
    assert done.stdout.count("loaded:") == 1, done.stdout
    return done.stdout.split("loaded:")[1].split()


def test_importing_the_cli_loads_no_nlp_library() -> None:
    assert _loaded_after("import newsweave.cli") == []


def test_importing_newsweave_loads_no_nlp_library_until_a_name_is_used() -> None:
    assert _loaded_after("import newsweave") == []
    assert "spacy" in _loaded_after("import newsweave\nnewsweave.analyse_article")


def test_listing_stories_loads_no_nlp_library(tmp_path: Path) -> None:
    db = str(tmp_path / "s.db")
    with open_store(db) as store:
        store.put_articles([Article("a1", "a1.txt", "The harbour plan was approved.")])
        store.put_stories([Story("s-one", "Harbour plan", (Span("a1", 0, 5),))])
    code = ("import contextlib, io\nfrom newsweave.cli import main\nout = io.StringIO()\n"
            f"with contextlib.redirect_stdout(out):\n    try:\n        main(['stories', '--db', {db!r}, '--json'])\n"
            "    except SystemExit as exit:\n        assert not exit.code, exit.code\n"
            "assert '\"s-one\"' in out.getvalue(), out.getvalue()")
    assert _loaded_after(code) == []


@pytest.mark.parametrize("name", ["api", "Workspace", "run", "report_to_dict", "StoreError", "open_store"])
def test_public_names_and_submodules_answer_on_first_use(name: str) -> None:
    import newsweave

    assert getattr(newsweave, name) is not None
    assert name in dir(newsweave) or name == "api"


def test_an_unknown_name_is_an_attribute_error() -> None:
    import newsweave

    with pytest.raises(AttributeError, match="no attribute 'nothing_here'"):
        newsweave.nothing_here  # noqa: B018 - the access is the test
