"""The ``Store`` protocol: every operation the application needs from storage, and nothing else.

A backend is one class that has these methods (``SQLiteStore`` in sqlite.py, ``PostgresStore`` in
postgres.py); :func:`newsweave.store.open_store` picks one from a URL. No method takes SQL: callers
outside ``store/`` name what they want, so a backend is free to keep it however it likes.

Semantics every backend keeps (the store test suite runs against each):

- Articles are keyed by their content hash; storing the same article twice changes nothing.
- ``put_stories`` replaces, in one transaction, every stored story sharing an article with the new ones.
- Every write is one transaction: it happens whole or not at all, and two writers never lose each other's
  work.
- Story ids that a merge, split or regroup retired keep answering through ``resolve_story``.
- What made a compared story (the versions and settings of the story stages) is kept beside it
  (``story_marks``), so a later run compares again only the stories whose stages changed.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from typing import Protocol, runtime_checkable

from ..model import Article, Correction, CorrectionKind, OutletProfile, Problem, Span, Story
from .rows import ArticleMarks
from .search import StoryQuery, StoryRow

__all__ = ["Store"]


@runtime_checkable
class Store(Protocol):
    """A newsweave database. Open one with ``open_store(url_or_path)``."""

    #: Where the data lives, for messages: a file path, ``:memory:`` or a URL without its password.
    url: str

    def close(self) -> None: ...

    def __enter__(self) -> Store: ...

    def __exit__(self, *exc: object) -> None: ...

    # --- articles and problems ---------------------------------------------------------------------

    def put_articles(self, articles: Iterable[Article]) -> tuple[int, int]:
        """Store articles; return (new or changed, unchanged)."""
        ...

    def articles(self, ids: Sequence[str] | None = None) -> list[Article]:
        """Every stored article (or those of ``ids``), by publication date, then id."""
        ...

    def article_ids(self) -> set[str]:
        """The ids of every stored article."""
        ...

    def article_order(self) -> list[str]:
        """The ids of every stored article in the order ``articles()`` returns them (no article is decoded), so
        a caller can read them a batch at a time."""
        ...

    def article_marks(self) -> dict[str, ArticleMarks]:
        """Every stored article's id -> its language, publication date and ``Article.done`` (the marks of what
        analysed it), read without decoding any article: what tells an incremental run which articles need
        analysing and which days they are of."""
        ...

    def put_problems(self, problems: Iterable[Problem]) -> None: ...

    def problems(self) -> list[Problem]: ...

    # --- stories -----------------------------------------------------------------------------------

    def put_stories(self, stories: Iterable[Story], *, aliases: Iterable[tuple[str, str]] = (),
                    marks: Mapping[str, Iterable[str]] | None = None) -> int:
        """Store ``stories``, replacing every stored story that shares an article with them, the ``aliases``
        (old id, new id) of the stories they replace, and the ``marks`` of what made each story (story id ->
        marks, :mod:`newsweave.app.versions`), in one transaction. A story written without marks keeps those
        stored for its id; the marks of an id no longer stored are dropped."""
        ...

    def story_marks(self) -> dict[str, tuple[str, ...]]:
        """Story id -> the marks stored with it (sorted), for every stored story that has them."""
        ...

    def stories(self) -> list[Story]:
        """Every stored story, most recently written first."""
        ...

    def story_members(self) -> list[tuple[str, tuple[str, ...]]]:
        """Every stored story's id and article ids (sorted), in the order of ``stories()``, read without decoding
        any story."""
        ...

    def stories_near(self, first: str, last: str, days: int) -> list[Story]:
        """The stored stories an article published between the ISO dates ``first`` and ``last`` could join: each
        with an article published within ``days`` days of that range or with no dated article, and, repeatedly,
        every story sharing an article with one of those; in the order of ``stories()``. What an incremental run
        reads instead of every story: it grows with the stories of those days, not with the store."""
        ...

    def story(self, story_id: str) -> Story | None: ...

    def story_outlets(self, story_id: str) -> dict[str, str]:
        """For each article of the story: its outlet, or its input name when the outlet is unknown."""
        ...

    def story_version(self, story_id: str) -> str | None:
        """A value that changes whenever the stored story is written again (for caches)."""
        ...

    def search_stories(self, query: StoryQuery | None = None) -> list[StoryRow]:
        """Stories matching ``query`` (full-text and entity search, outlet, dates), newest first."""
        ...

    def put_aliases(self, pairs: Iterable[tuple[str, str]]) -> None:
        """Record that each ``(old_id, new_id)``: the story once called ``old_id`` now lives (in part) on
        as ``new_id``."""
        ...

    def resolve_story(self, story_id: str) -> tuple[str, ...]:
        """The current story ids ``story_id`` now points to, following aliases (sorted); a current id
        resolves to itself, an unknown one to ``()``."""
        ...

    # --- corrections -------------------------------------------------------------------------------

    def add_correction(
        self,
        kind: CorrectionKind,
        *,
        articles: Sequence[Sequence[str]] = (),
        spans: Sequence[Sequence[Span]] = (),
        note: str = "",
        by: str = "person",
        name: str = "",
    ) -> Correction:
        """Record a person's correction (``name``: a name the person gave) and return it with its id."""
        ...

    def corrections(self) -> list[Correction]:
        """Every correction, oldest first."""
        ...

    def undo_correction(self, correction_id: int) -> Correction | None:
        """Mark a live correction undone: it stays listed and is no longer applied. None when there is no
        such correction, or it was undone already."""
        ...

    def latest_correction_id(self) -> int:
        """A number that changes whenever a correction is made or undone, 0 when there is none (for caches)."""
        ...

    # --- outlet profiles ---------------------------------------------------------------------------

    def put_outlets(self, profiles: Iterable[OutletProfile]) -> int:
        """Store outlet profiles, each replacing the stored one of the same name (case and spacing aside),
        in one transaction; return how many were written."""
        ...

    def outlets(self) -> list[OutletProfile]:
        """Every stored outlet profile, by name."""
        ...

    def delete_outlet(self, name: str) -> bool:
        """Forget the profile of the outlet called ``name`` (case and spacing aside); False when there is none."""
        ...
