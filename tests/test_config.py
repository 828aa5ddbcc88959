"""Settings built from the stages' configs: TOML, --set, errors, changes, the config command, the docs."""

from __future__ import annotations

import json
import re
from dataclasses import fields
from pathlib import Path

import pytest
from click.testing import CliRunner

from newsweave import api
from newsweave.config import Settings, describe
from newsweave.config_command import config, markdown_table, settings_from_cli
from newsweave.errors import ConfigError
from newsweave.group.config import GroupConfig
from newsweave.model import RawDocument
from newsweave.normalise import NormaliseConfig, normalise
from newsweave.report.brief import BriefConfig
from newsweave.stages import REGISTRY, settings_from_sources

ROOT = Path(__file__).resolve().parents[1]
DOCS = ROOT / "docs" / "config.md"
SRC = ROOT / "src" / "newsweave"


def _toml(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "newsweave.toml"
    path.write_text(text, encoding="utf-8")
    return path


def test_defaults_have_no_changes_and_every_stage_reads_its_defaults() -> None:
    settings = settings_from_sources()
    assert settings == Settings() and settings.changes() == {}
    assert settings.of(BriefConfig) == BriefConfig()


def test_toml_then_set_overrides_in_that_order(tmp_path: Path) -> None:
    path = _toml(tmp_path, 'spacy_model = "other"\n[brief]\ntarget_words = 90\nheadline = false\n'
                           "[group]\nthreshold = 0.25\n")
    settings = settings_from_sources(path, ["brief.target_words=40", "facts.mutual_best=false"])
    assert settings.changes() == {"spacy_model": "other", "brief.target_words": 40, "brief.headline": False,
                                  "group.threshold": 0.25, "facts.mutual_best": False}
    assert settings.of(BriefConfig).target_words == 40 and settings.of(GroupConfig).window_days == 7


def test_an_integer_in_toml_is_taken_for_a_float_setting(tmp_path: Path) -> None:
    settings = settings_from_sources(_toml(tmp_path, "[group]\nthreshold = 1\n"))
    assert settings.of(GroupConfig).threshold == 1.0


@pytest.mark.parametrize(
    ("overrides", "message"),
    [
        (["brief.target=1"], r"unknown setting 'brief.target' \(section 'brief': target_words, headline"),
        (["bref.target_words=1"], r"unknown section 'bref' in 'bref.target_words' \(choose from: brief, "),
        (["spacy=x"], r"unknown setting 'spacy' \(run-wide settings: spacy_model, max_bytes"),
        (["brief.target_words=many"], r"setting 'brief.target_words' needs a whole number, got 'many'"),
        (["group.threshold=high"], r"setting 'group.threshold' needs a number, got 'high'"),
        (["brief.headline=yes"], r"setting 'brief.headline' needs true or false, got 'yes'"),
        (["group.threshold=1.5"], r"group.threshold must be between 0.0 and 1.0, got 1.5"),
        (["max_bytes=0"], r"max_bytes must be at least 1, got 0"),
        (["brief.target_words"], r"--set 'brief.target_words' is not section.param=value"),
    ],
)
def test_a_bad_name_or_value_is_one_line_naming_the_key(overrides: list[str], message: str) -> None:
    with pytest.raises(ConfigError, match=message) as info:
        settings_from_sources(overrides=overrides)
    assert "\n" not in str(info.value)


@pytest.mark.parametrize(
    ("text", "message"),
    [("[brief]\ntarget_words = 'ninety'\n", r"'brief.target_words' needs a whole number, got 'ninety'"),
     ("[brief]\nheadline = 1\n", r"'brief.headline' needs true or false"),
     ("[brief\n", "not valid TOML"),
     ("[quotes]\nwindow = 3\n", r"unknown setting 'quotes.window'")],
)
def test_a_bad_toml_file_is_a_config_error(tmp_path: Path, text: str, message: str) -> None:
    with pytest.raises(ConfigError, match=message):
        settings_from_sources(_toml(tmp_path, text))


def test_a_missing_toml_file_is_a_config_error(tmp_path: Path) -> None:
    with pytest.raises(ConfigError, match="cannot read the config file"):
        settings_from_sources(tmp_path / "absent.toml")


def test_a_stage_config_given_twice_is_refused() -> None:
    with pytest.raises(ConfigError, match="given twice"):
        Settings(stages=(BriefConfig(), BriefConfig(target_words=3)))


def test_with_config_replaces_one_stage_config() -> None:
    settings = Settings(stages=(BriefConfig(target_words=3),)).with_config(BriefConfig(target_words=9))
    assert settings.changes() == {"brief.target_words": 9}


def test_db_is_not_a_setting() -> None:
    assert "db" not in Settings.names()
    with pytest.raises(ConfigError, match="unknown setting 'db'"):
        settings_from_sources(overrides=["db=news.db"])


def test_describe_lists_every_field_of_every_config_once() -> None:
    rows = describe(Settings(), REGISTRY.configs())
    expected = len(Settings.names()) + sum(len(fields(c)) for c in REGISTRY.configs().values())
    keys = [r.key for r in rows]
    assert len(keys) == expected == len(set(keys)) and all(r.help for r in rows)


def test_a_setting_reaches_its_step() -> None:
    raw = RawDocument("t.txt", "Short headline\n\nFirst paragraph of the report.\n\nSecond paragraph here.", "text")
    assert normalise(raw).title == "Short headline"
    assert normalise(raw, NormaliseConfig(headline_words=1)).title is None
    settings = settings_from_sources(overrides=["normalise.headline_words=1"])
    (article,), _ = api.normalise_many([raw], settings)
    assert article.title is None


def test_config_command_prints_every_setting_with_its_help() -> None:
    result = CliRunner().invoke(config, [])
    assert result.exit_code == 0, result.output
    for row in describe(Settings(), REGISTRY.configs()):
        assert re.search(rf"^{re.escape(row.key)} +\S.*# {re.escape(row.help)}$", result.output, re.M)


def test_config_command_shows_effective_values_from_file_and_set(tmp_path: Path) -> None:
    path = _toml(tmp_path, "[group]\nthreshold = 0.3\n")
    result = CliRunner().invoke(config, ["--config", str(path), "--set", "brief.target_words=90", "--json"])
    assert result.exit_code == 0, result.output
    rows = {r["key"]: r for r in json.loads(result.output)}
    assert rows["group.threshold"]["value"] == 0.3 and rows["group.threshold"]["default"] == 0.18
    assert rows["brief.target_words"]["changed"] and not rows["brief.max_sentences"]["changed"]
    assert {"section", "name", "value", "default", "help"} <= set(rows["spacy_model"])


def test_config_command_marks_a_changed_value_with_its_default() -> None:
    result = CliRunner().invoke(config, ["--set", "brief.target_words=90"])
    assert re.search(r"^brief.target_words +90  \(default 70\)  # ", result.output, re.M)


def test_config_command_bad_set_is_one_line_usage_error() -> None:
    result = CliRunner().invoke(config, ["--set", "brief.target=90"])
    assert result.exit_code == 2
    assert result.output.strip().splitlines()[-1].startswith("Error: unknown setting 'brief.target'")


def test_config_command_help_has_an_example() -> None:
    assert "Example: newsweave config" in (config.help or "")


def test_settings_from_cli_turns_a_config_error_into_a_usage_error() -> None:
    import click

    assert settings_from_cli(None, ["claims.min_tokens=4"]).changes() == {"claims.min_tokens": 4}
    with pytest.raises(click.UsageError, match="unknown setting"):
        settings_from_cli(None, ["claims.tokens=4"])


def test_every_setting_is_documented_in_docs_config_md() -> None:
    text = DOCS.read_text(encoding="utf-8")
    for row in describe(Settings(), REGISTRY.configs()):
        assert f"| `{row.key}` |" in text, f"{row.key} is missing from docs/config.md"
    assert markdown_table() in text, "docs/config.md's table is stale: paste `newsweave config --markdown`"


_TUNED = re.compile(r"^_?[A-Z][A-Z0-9_]* *(?::[^=]+)?= *-?[0-9][0-9_.]*\b", re.M)
#: Module constants that are not tuning, each with its reason.
_NOT_TUNED = {
    # the length of a story id's hash: identity, not a judgement (changing it would change every id)
    ("group/identity.py", "_DIGITS"),
    # texts per nlp.pipe batch and parses kept per process: speed and memory, the parses are the same whatever
    # the values (tests/analyse/test_nlp.py, bench/bench_speed.py)
    ("analyse/nlp.py", "BATCH_SIZE"),
    ("analyse/nlp.py", "CACHE_SIZE"),
    # strings whose lower-cased form is remembered: memory only, the answers are the same whatever the value
    ("analyse/arrays.py", "_LOWERED_MAX"),
}


def test_no_tuned_number_is_left_outside_a_config() -> None:
    found = set()
    for folder in ("analyse", "group", "compare", "report", "normalise"):
        for path in (SRC / folder).rglob("*.py"):
            for match in _TUNED.finditer(path.read_text(encoding="utf-8")):
                name = re.match(r"_?[A-Z][A-Z0-9_]*", match.group()).group()  # type: ignore[union-attr]
                found.add((path.relative_to(SRC).as_posix(), name))
    assert found <= _NOT_TUNED, f"move these into their stage's config: {sorted(found - _NOT_TUNED)}"


def test_setting_a_default_value_changes_nothing() -> None:
    assert settings_from_sources(overrides=["brief.target_words=70", "group.threshold=0.18"]) == Settings()
