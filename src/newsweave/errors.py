"""One exception tree for newsweave. Every message names the input, article, stage or field and says
what to do next, in one line, so the CLI and the HTTP API can show it as it is.

    NewsweaveError
     ├── InputError            an input could not be read (missing, empty, binary, too big, malformed)
     │    └── FetchError       a URL or feed could not be fetched
     ├── ConfigError           a setting or option has a bad value
     ├── PipelineError         stages do not fit together (a requirement nobody provides, unknown name)
     ├── StageError            a stage failed on one article or story at run time
     ├── StoreError            the store could not be opened, migrated or written
     └── RequestError          a request to the application cannot be carried out (a bad correction)
          └── NotFoundError    it names a story, entity, quote or correction that is not there
"""

from __future__ import annotations

__all__ = [
    "ConfigError",
    "FetchError",
    "InputError",
    "NewsweaveError",
    "NotFoundError",
    "PipelineError",
    "RequestError",
    "StageError",
    "StoreError",
]


class NewsweaveError(Exception):
    """Base of every error newsweave raises on purpose."""

    def __init__(self, message: str, *, hint: str | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.hint = hint

    def __str__(self) -> str:
        return f"{self.message} ({self.hint})" if self.hint else self.message


class InputError(NewsweaveError):
    """An input could not be read; ``input`` names it."""

    def __init__(self, input: str, message: str, *, hint: str | None = None) -> None:
        super().__init__(f"{input}: {message}", hint=hint)
        self.input = input
        self.reason = message


class FetchError(InputError):
    """A URL or feed could not be fetched."""


class ConfigError(NewsweaveError):
    """A setting has a value newsweave cannot use."""


class PipelineError(NewsweaveError):
    """The stages asked for cannot be assembled into a pipeline."""


class StageError(NewsweaveError):
    """A stage failed on one item; ``stage`` and ``item`` name where."""

    def __init__(self, stage: str, item: str, message: str) -> None:
        super().__init__(f"stage {stage!r} failed on {item}: {message}")
        self.stage = stage
        self.item = item


class StoreError(NewsweaveError):
    """The store could not be opened, migrated or written."""


class RequestError(NewsweaveError):
    """A request to the application cannot be carried out; ``field`` names what in it is wrong."""

    def __init__(self, field: str, message: str, *, hint: str | None = None) -> None:
        super().__init__(f"{field}: {message}", hint=hint)
        self.field = field
        self.reason = message


class NotFoundError(RequestError):
    """A request names a story, entity, quote or correction that is not there: ``no story 's-1'``."""

    def __init__(self, what: str, name: str | int, where: str = "", *, hint: str | None = None) -> None:
        NewsweaveError.__init__(self, f"no {what} {name!r}{' ' + where if where else ''}", hint=hint)
        self.field = what
        self.reason = self.message
