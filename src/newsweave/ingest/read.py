"""``read``: turn paths, folders and URLs into raw documents, one bad input never stopping the others."""

from __future__ import annotations

import os
import re
from collections.abc import Callable, Sequence
from pathlib import Path

from ..config import Settings
from ..errors import InputError
from ..model import Problem, RawDocument
from .base import ReadResult, problem, with_meta
from .decode import SUFFIXES, Kind, check_bytes, kind_of, load, sniff
from .fetch import Fetcher, HttpxFetcher, Response
from .readers import ReadContext, read_bytes
from .sidecar import SIDECAR, Sidecar, load_sidecar

__all__ = ["read"]

DEFAULT_SETTINGS = Settings()
#: File names (without suffix, any case) a folder walk leaves alone.
SKIP_STEMS = frozenset({"readme", "license", "licence", "copying", "changelog"})
_SCHEME = re.compile(r"^[A-Za-z][A-Za-z0-9+.-]*://")
_PATH_HINT = "check the path; an input is a file, a folder or an http(s) URL"


def read(
    inputs: Sequence[str],
    *,
    outlet: str | None = None,
    published: str | None = None,
    fetcher: Fetcher | None = None,
    settings: Settings = DEFAULT_SETTINGS,
    progress: Callable[[int], None] | None = None,
) -> ReadResult:
    """Read every input (file, folder walked in sorted order, http(s) URL or feed) into raw documents.

    ``outlet`` and ``published`` apply to every document and beat sidecar, record and page metadata.
    ``progress`` is called after each file or URL with the number of documents it gave (tqdm's
    ``update`` fits). Without a ``fetcher`` an :class:`HttpxFetcher` is used for URLs and feed items.
    """
    if isinstance(inputs, str | bytes):
        raise TypeError("read() takes a sequence of paths or URLs, not one string: use read([path])")
    own = None
    if fetcher is None:
        fetcher = own = HttpxFetcher(settings)
    run = _Run(fetcher, settings, progress)
    try:
        for item in inputs:
            run.guard(run.input, item)
    finally:
        if own is not None:
            own.close()
    flags = {"outlet": outlet, "published": published}
    documents = tuple(with_meta(doc, flags, "flag") for doc in run.documents)
    return ReadResult(documents, tuple(run.problems), tuple(run.skipped))


class _Run:
    """The state of one ``read`` call: what was found so far and the sidecars already loaded."""

    def __init__(self, fetcher: Fetcher, settings: Settings, progress: Callable[[int], None] | None):
        self.fetcher = fetcher
        self.settings = settings
        self.progress = progress
        self.documents: list[RawDocument] = []
        self.problems: list[Problem] = []
        self.skipped: list[str] = []
        self.sidecars: dict[Path, Sidecar] = {}

    def guard(self, step: Callable[[str], ReadResult], item: str) -> None:
        """Run one step; its InputError becomes a problem and the run goes on."""
        try:
            found = step(item)
        except InputError as err:
            self.problems.append(problem(err))
            return
        self.documents.extend(found.documents)
        self.problems.extend(found.problems)
        self.skipped.extend(found.skipped)

    def input(self, item: str) -> ReadResult:
        if item.lower().startswith(("http://", "https://")):
            return self.url(item)
        if Path(item).is_dir():
            return self.folder(item)
        return self.file(item)

    def folder(self, item: str) -> ReadResult:
        files, skipped, errors = _walk(Path(item))
        if not files:
            left = f" (only {', '.join(Path(s).name for s in skipped)})" if skipped else ""
            raise InputError(
                item,
                f"holds no articles to read{left}",
                hint="put .txt, .html, .json, .jsonl or feed files in it",
            )
        for path in files:
            self.guard(self.file, path)
        return ReadResult(problems=errors, skipped=skipped)

    def file(self, item: str) -> ReadResult:
        path = Path(item)
        if not path.exists():
            if _SCHEME.match(item):
                raise InputError(
                    item, "is not a file and not an http(s) URL", hint="only http(s) URLs are fetched"
                )
            raise InputError(item, "no such file or folder", hint=_PATH_HINT)
        if not path.is_file():
            raise InputError(item, "is not a regular file", hint=_PATH_HINT)
        if path.name == SIDECAR:
            return ReadResult(skipped=(item,))
        lines = SUFFIXES.get(path.suffix.lower()) == "jsonl"
        data = load(path, self.settings.max_bytes, lines=lines)
        found = self.content(item, data, kind_of(path, data), None)
        sidecar = self.sidecar(path.parent)
        return ReadResult(tuple(sidecar.apply(path, doc) for doc in found.documents), found.problems)

    def url(self, item: str) -> ReadResult:
        response = self.fetcher.fetch(item)
        check_bytes(item, response.content, self.settings.max_bytes)
        return self.content(item, response.content, _response_kind(response), response.url)

    def content(self, name: str, data: bytes, kind: Kind, url: str | None) -> ReadResult:
        found = read_bytes(name, data, kind, context=ReadContext(self.settings, self.fetcher, url))
        if self.progress is not None:
            self.progress(len(found.documents))
        return found

    def sidecar(self, folder: Path) -> Sidecar:
        key = folder.resolve()
        if key not in self.sidecars:
            self.sidecars[key] = load_sidecar(folder, self.settings.max_bytes)
            self.problems.extend(self.sidecars[key].problems)
        return self.sidecars[key]


def _walk(top: Path) -> tuple[list[str], tuple[str, ...], tuple[Problem, ...]]:
    """Files to read under ``top`` (sorted, deterministic), files left alone, and folders not readable."""
    files: list[str] = []
    skipped: list[str] = []
    errors: list[Problem] = []

    def unreadable(err: OSError) -> None:
        name = str(err.filename or top)
        errors.append(problem(InputError(name, f"could not be listed ({err.strerror})", hint=_PATH_HINT)))

    for folder, dirs, names in os.walk(top, onerror=unreadable):
        hidden = sorted(d for d in dirs if d.startswith("."))
        dirs[:] = sorted(d for d in dirs if not d.startswith("."))
        skipped.extend(os.path.join(folder, d) for d in hidden)
        for name in sorted(names):
            path = os.path.join(folder, name)
            leave = name.startswith(".") or name == SIDECAR or Path(name).stem.lower() in SKIP_STEMS
            (skipped if leave else files).append(path)
    return files, tuple(skipped), tuple(errors)


def _response_kind(response: Response) -> Kind:
    """A fetched body's kind: a feed when its bytes look like one, else by content type, else sniffed."""
    sniffed = sniff(response.content)
    content_type = response.content_type.lower()
    if sniffed == "feed":
        return "feed"
    if "html" in content_type or sniffed == "html":
        return "html"
    if any(word in content_type for word in ("rss", "atom", "xml")):
        return "feed"
    if "ndjson" in content_type or "jsonl" in content_type:
        return "jsonl"
    if "json" in content_type:
        return "json"
    return sniffed or "text"
