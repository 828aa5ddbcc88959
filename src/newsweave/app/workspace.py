"""The application layer: one object that owns what a user does with a store of reports.

``Workspace`` is where the run sequence lives (read -> normalise -> store -> analyse what is pending ->
group -> re-apply corrections -> compare -> store) and where corrections are made and undone. The CLI,
the web app and bulk runs are faces over it: none of them repeats the sequence or touches the store
directly.

    >>> from newsweave.app import Workspace
    >>> with Workspace.open(":memory:") as ws:
    ...     added = ws.add(["examples/kim-russia-2023"])
    ...     report = ws.analyse()
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from ..config import Settings
from ..errors import NotFoundError, RequestError
from ..group.config import GroupConfig
from ..group.identity import aliases, keep_ids
from ..group.sources import ensure_sources
from ..model import (
    Article,
    Correction,
    CorrectionKind,
    OutletProfile,
    Problem,
    RawDocument,
    Report,
    Span,
    Story,
    evolve,
)
from ..runtime import Executor
from ..store import Store, open_store
from ..store.search import StoryQuery, StoryRow
from .corrections import DETAIL_KINDS, STORY_KINDS, apply_corrections, bare, touched
from .progress import SILENT, Progress
from .reach import all_stories, only_new_work, publication_day, skeleton, to_write
from .stream import Analysed, chunks, for_grouping, write_batches

if TYPE_CHECKING:
    from ..compare.check import ClaimCheck
    from ..ingest import Fetcher, ReadResult
    from .incremental import Grouper
    from .outlets import Coverage

# The analysis, grouping and comparing stages (spaCy, scikit-learn) are imported where a method runs them
# (``from .. import api``), so a face that only reads the store (`newsweave stories`) starts in a blink.

__all__ = ["Added", "Analysed", "Changed", "Progress", "Workspace", "split_entity_to"]


@dataclass(frozen=True, slots=True)
class Added:
    """What adding reports did: the articles read (new or already stored), and the inputs that failed."""

    articles: tuple[Article, ...] = ()
    new: frozenset[str] = frozenset()
    problems: tuple[Problem, ...] = ()
    skipped: tuple[str, ...] = ()

    @property
    def added(self) -> int:
        return len(self.new)

    @property
    def unchanged(self) -> int:
        return len(self.articles) - len(self.new)


@dataclass(frozen=True, slots=True)
class Changed:
    """What a correction did: the stories it wrote (their ids) and the correction recorded."""

    stories: tuple[Story, ...]
    correction: Correction


class Workspace:
    """A store of reports, the settings to analyse them with, and where the work runs."""

    def __init__(
        self,
        store: Store,
        settings: Settings = Settings(),  # noqa: B008 - frozen
        *,
        executor: Executor | None = None,
        fetcher: Fetcher | None = None,
        batch_size: int = 64,
    ) -> None:
        self.store = store
        self.settings = settings
        self.executor = executor
        self.fetcher = fetcher
        self.batch_size = max(1, batch_size)

    @classmethod
    def open(cls, db: str, settings: Settings = Settings(), **kwargs: Any) -> Workspace:  # noqa: B008
        """A workspace over the store at ``db`` (an SQLite path, ``:memory:`` or a postgresql:// URL)."""
        return cls(open_store(db), settings, **kwargs)

    def close(self) -> None:
        self.store.close()

    def __enter__(self) -> Workspace:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # --- adding reports ------------------------------------------------------------------------------

    def read(self, inputs: Sequence[str], *, outlet: str | None = None, published: str | None = None,
             progress: Callable[[int], None] | None = None) -> ReadResult:
        """Read files, folders, URLs and feeds into raw documents (nothing is stored yet)."""
        from ..ingest import read

        return read(list(inputs), outlet=outlet, published=published, fetcher=self.fetcher,
                    settings=self.settings, progress=progress)

    def add(self, inputs: Sequence[str], *, outlet: str | None = None, published: str | None = None,
            progress: Progress = SILENT) -> Added:
        """Read, normalise and store reports; an article already stored is kept with its analyses."""
        progress.phase("reading", None, "report")
        found = self.read(inputs, outlet=outlet, published=published, progress=progress.update)
        return self.add_documents(found.documents, found.problems, skipped=found.skipped, progress=progress)

    def add_documents(
        self, documents: Iterable[RawDocument], problems: Iterable[Problem] = (), *, skipped: Sequence[str] = (),
        progress: Progress = SILENT,
    ) -> Added:
        """Normalise and store raw documents (uploads, bulk records); say which were new."""
        from .. import api

        documents = list(documents)
        progress.phase("normalising", len(documents), "report")
        articles, norm_problems = api.normalise_many(documents, self.settings)
        progress.update(len(documents))
        fixed = [note for a in articles for note in a.notes if note.stage == "unicode"]  # repaired, reported
        all_problems = (*problems, *norm_problems, *fixed)
        known = self.store.article_ids()
        self.store.put_articles([a for a in articles if a.id not in known])  # keep stored analyses
        self.store.put_problems(all_problems)
        new = frozenset(a.id for a in articles if a.id not in known)
        return Added(tuple(articles), new, all_problems, tuple(skipped))

    def put_grouped(self, articles: Iterable[Article], stories: Sequence[Story]) -> None:
        """Store articles analysed and grouped elsewhere (a bulk run) with their stories, as they are;
        ``analyse()`` compares them later."""
        self.store.put_articles(articles)
        members = {a for s in stories for a in s.article_ids}
        before = [skeleton(sid, ids) for sid, ids in self.store.story_members() if members.intersection(ids)]
        self.store.put_stories(stories, aliases=aliases(before, stories))

    # --- analysing -----------------------------------------------------------------------------------

    def analyse(self, *, everything: bool = False, regroup: bool = False, progress: Progress = SILENT) -> Report:
        """Analyse the stored articles not analysed yet, or analysed by another version of a stage or with other
        settings for it (only the stages that changed, and those after them that read what they provide, run
        again; every stage on every article when ``everything``), group them into stories, re-apply the
        corrections, compare the stories whose membership changed and store the result. Returns the whole
        stored report, with the problems of this run.

        This is :meth:`analyse_stored` (which see) followed by reading the whole report back from the store; a
        face running a big corpus calls :meth:`analyse_stored` and reads the stories it wants one at a time."""
        run = self.analyse_stored(everything=everything, regroup=regroup, progress=progress)
        stories = tuple(self.story(sid) for sid, _ in run.stories)
        return Report(tuple(self.store.articles()), stories, run.problems, self._provenance())

    def analyse_stored(self, *, everything: bool = False, regroup: bool = False,
                       progress: Progress = SILENT) -> Analysed:
        """Do what :meth:`analyse` does, in memory that does not grow with the corpus, and return only what the
        run did (ids and problems: the articles and stories are in the store).

        The stored articles are read, analysed and stored ``batch_size`` at a time; grouping keeps only a light
        view of each (:func:`~newsweave.app.stream.for_grouping`); the stories are compared a batch at a time,
        their articles read back from the store, and each batch of stories is written before the next.

        Grouping is incremental when stories are stored: the articles in no story yet join the stories they
        belong to (:func:`~newsweave.app.incremental.grow_stories`), and only the stories they touch are
        grouped and compared again; the others are kept as they are, ids and all. With ``regroup`` (or
        ``everything``) every stored article is grouped again from scratch.

        Kill-safe: each batch of analysed articles is committed as it is done, and each batch of stories is
        written in one transaction (stories sharing an article always in the same one; the aliases from old
        story ids with the last), so a killed run leaves a consistent store (every story whole) and running
        again carries on: the articles not analysed yet are analysed, those in no story yet join the stories.

        An incremental run reads only what the new articles can reach (:meth:`_grow_near`): the stored stories of
        the days around theirs, and those stories' articles; it takes the whole store only when some stored
        article or story needs work again (another version of a stage), a stored story was never compared, or a
        new article is undated.

        ``progress`` is told each phase (loading, analysing, grouping, comparing, writing) and each step."""
        order = self.store.article_order()
        if not (everything or regroup):
            members = self.store.story_members()
            near = self._grow_near(order, members, progress) if members else None
            if near is not None:
                return near
        articles, problems = self._analyse_pending(order, everything, progress)
        before = self.store.stories()
        if everything or regroup or not before:
            known = {} if everything else {s.id: s for s in before}
            grouped, same = self._regroup(articles, known, progress)
        else:
            grouped, same = self._grow(articles, before, progress)
        problems += self._compare_and_store(grouped, same, articles, aliases(before, grouped), progress)
        return Analysed(tuple(order), tuple((s.id, s.article_ids) for s in grouped), tuple(problems))

    def _grow_near(self, order: Sequence[str], members: Sequence[tuple[str, tuple[str, ...]]],
                   progress: Progress) -> Analysed | None:
        """The incremental run of :meth:`analyse_stored` in memory and time that grow with the new articles and the
        stories of their days, not with the store: the articles in no story are analysed, then grouped with the
        stored stories they can reach (``Store.stories_near``: those within ``group.window_days`` of their dates,
        and every story sharing an article with one, the only ones the incremental index lets them join) and those
        stories' articles; only the stories that changed are compared and written. None when that is not the
        whole of the work (:func:`~newsweave.app.reach.only_new_work`) or a new article has no date: the caller
        then reads the whole store (any new article analysed here is stored, so it is not analysed again)."""
        held = {a for _, ids in members for a in ids}
        new_ids = {a for a in order if a not in held}
        marks = self.store.article_marks()
        days = [d for a in new_ids if a in marks and (d := publication_day(marks[a].published)) is not None]
        if not days or len(days) < len(new_ids) or not only_new_work(members, marks, self.store.story_marks(),
                                                                       self.settings):
            return None
        near = self.store.stories_near(min(days), max(days), self.settings.of(GroupConfig).window_days)
        wanted = new_ids | {a for s in near for a in s.article_ids}
        progress.phase("loading", len(wanted), "article")
        reached, pending = self._load_light([a for a in order if a in wanted], False, progress)
        problems = self._analyse_light(pending, reached, False, progress)
        articles = [reached[a] for a in order if a in reached]
        grouped, same = self._grow(articles, near, progress)
        problems += self._compare_and_store(grouped, same, articles, aliases(near, grouped), progress)
        return Analysed(tuple(order), all_stories(members, near, grouped), tuple(problems))

    def _load(self, ids: Sequence[str]) -> list[Article]:
        """The stored articles of ``ids``, in that order."""
        by_id = {a.id: a for a in self.store.articles(ids)}
        return [by_id[i] for i in ids if i in by_id]

    def _analyse_pending(self, order: Sequence[str], everything: bool,
                         progress: Progress) -> tuple[list[Article], list[Problem]]:
        """Analyse the stored articles that need it, a batch at a time, each batch committed as it is done;
        return every stored article (``order``) as grouping needs it, and the problems."""
        progress.phase("loading", None, "article")
        light, pending = self._load_light(order, everything, progress)
        problems = self._analyse_light(pending, light, everything, progress)
        return [light[i] for i in order if i in light], problems

    def _load_light(self, order: Sequence[str], everything: bool, progress: Progress
                    ) -> tuple[dict[str, Article], list[str]]:
        """The stored articles of ``order`` as grouping needs them, by id, without those that need analysing (every
        one when ``everything``), whose ids come second; read a batch at a time."""
        light: dict[str, Article] = {}
        pending: list[str] = []
        for chunk in chunks(order, self.batch_size):
            for article in self._load(chunk):
                if everything or self._stale(article):
                    pending.append(article.id)
                else:
                    light[article.id] = for_grouping(article)
            progress.update(len(chunk))
        return light, pending

    def _analyse_light(self, pending: Sequence[str], light: dict[str, Article], everything: bool,
                       progress: Progress) -> list[Problem]:
        """Analyse the stored articles of ``pending``, a batch at a time, each batch committed as it is done, and put
        each in ``light`` as grouping needs it; return the problems."""
        from .. import api

        progress.phase("analysing", len(pending), "article")
        problems: list[Problem] = []
        for chunk in chunks(pending, self.batch_size):
            stored = self._load(chunk)
            todo = [_unmarked(a) for a in stored] if everything else stored
            batch: dict[str, Article] = {}
            batch_problems: list[Problem] = []
            for done, problem in api.analyse_many(todo, settings=self.settings, executor=self.executor,
                                                  progress=progress.update):
                if done is not None:
                    batch[done.id] = done
                if problem is not None:
                    batch_problems.append(problem)
            self.store.put_articles(batch.values())
            self.store.put_problems(batch_problems)
            light.update((a.id, for_grouping(batch.get(a.id, a))) for a in stored)
            problems += batch_problems
        return problems

    def _compare_and_store(self, grouped: Sequence[Story], same: Mapping[str, Story], articles: Sequence[Article],
                           moved: Sequence[tuple[str, str]], progress: Progress) -> list[Problem]:
        """Compare the ``grouped`` stories not in ``same`` (stored stories kept as they are), with the people's
        corrections, and store every story, a batch at a time (:func:`~newsweave.app.stream.write_batches`);
        ``moved`` (aliases from old story ids) is written with the last batch. Returns the problems."""
        from .. import api
        from .versions import compared_marks, recompare, stale

        corrections = self.store.corrections()
        by_id = {a.id: a for a in articles}
        # a kept story is compared again only in the story stages whose version or settings changed since it was
        # (or that read what a re-run article stage provides): :mod:`.versions`; the light articles carry their marks
        stored = self.store.story_marks() if same else {}
        redo = {i: names for i, s in same.items() if (names := stale(s, stored.get(i, ()), by_id, self.settings))}
        batches = write_batches(to_write(grouped, {i for i in same if i not in redo}), self.batch_size)
        problems: list[Problem] = []
        progress.phase("comparing", sum(s.id not in same for s in grouped) + len(redo), "story")
        for n, batch in enumerate(batches):
            todo = self._with_sources([s for s in batch if s.id not in same], by_id)
            again_todo = [s for s in batch if s.id in redo]
            wanted = {a for s in [*todo, *again_todo] for a in s.article_ids}
            members = self.store.articles(sorted(wanted)) if wanted else []
            compared, found = api.compare_stories(todo, members, self.settings, progress=progress.update)
            marks = compared_marks(todo, compared, found, members, self.settings)
            again, again_found, again_marks = recompare(
                [(same[s.id], redo[s.id], frozenset(stored[s.id])) for s in again_todo], members, self.settings,
                progress=progress.update)
            fixed = apply_corrections([*compared, *again], corrections, kinds=DETAIL_KINDS)
            done = {s.id: s for s in fixed}
            self.store.put_stories([done.get(s.id) or same[s.id] for s in batch],
                                   aliases=moved if n == len(batches) - 1 else (), marks={**marks, **again_marks})
            problems += found + again_found
        if moved and not batches:
            self.store.put_aliases(moved)
        progress.phase("writing", len(grouped), "story")
        self.store.put_problems(problems)
        progress.update(len(grouped))
        return problems

    def _stale(self, article: Article) -> bool:
        """Whether some article stage must run on ``article`` (articles in other languages are never analysed)."""
        from .. import api
        from ..analyse import LANGUAGES

        return article.language in LANGUAGES and bool(api.article_pipeline().stale(article, self.settings))

    def _grow(
        self, articles: Sequence[Article], before: Sequence[Story], progress: Progress = SILENT
    ) -> tuple[list[Story], dict[str, Story]]:
        """The stored stories with the articles in none of them joined (see :mod:`.incremental`), and those kept
        as stored (a stored story never compared, stored by a bulk run, is compared again)."""
        from .. import api
        from .incremental import grow_stories

        grouped = {a for s in before for a in s.article_ids}
        new = [a for a in articles if a.id not in grouped]
        by_id = {a.id: a for a in articles}

        def grow(_: Sequence[Article], settings: Settings) -> tuple[Story, ...]:
            return grow_stories(before, by_id, new, settings, api.find_stories).stories

        return self._regroup(articles, {s.id: s for s in before if s != bare(s)}, progress, grow)

    def _regroup(
        self, articles: Sequence[Article], known: Mapping[str, Story], progress: Progress = SILENT,
        group: Grouper | None = None,
    ) -> tuple[list[Story], dict[str, Story]]:
        """Group ``articles`` into stories (by ``group``, batch grouping of them all by default), with the
        people's story corrections; and the ``known`` (stored) stories with the same id and segments as one of
        them, to be kept as they are (the others are compared by :meth:`_compare_and_store`)."""
        from .. import api

        corrections = self.store.corrections()
        progress.phase("grouping", len(articles), "article")
        found = keep_ids((group or api.find_stories)(articles, self.settings), list(known.values()))
        grouped = apply_corrections(found, corrections, kinds=STORY_KINDS)
        progress.update(len(articles))
        same = {s.id: known[s.id] for s in grouped
                if s.id in known and known[s.id].segments == s.segments and known[s.id] != bare(known[s.id])}
        return list(grouped), same

    def _with_sources(self, stories: Sequence[Story], articles: Sequence[Article] | Mapping[str, Article]
                      ) -> list[Story]:
        """The stories with their copies and independent sources: grouping computed them already; a story
        a correction reset gets them again from its members (group owns the rule)."""
        by_id = articles if isinstance(articles, Mapping) else {a.id: a for a in articles}
        config = self.settings.of(GroupConfig)
        return [ensure_sources(s, by_id, config) for s in stories]

    def _provenance(self) -> tuple[tuple[str, Any], ...]:
        return tuple(sorted(self.settings.changes().items()))

    # --- reading the store ---------------------------------------------------------------------------

    def stories(self) -> list[Story]:
        return self.store.stories()

    def article_count(self) -> int:
        return len(self.store.article_ids())

    def problems(self) -> list[Problem]:
        return self.store.problems()

    def story_rows(self, query: StoryQuery | None = None) -> list[StoryRow]:
        """A listing of the stored stories (every one unless ``query`` limits it), newest first by the latest
        publication date of their articles: read from the store's index, no story or article is decoded."""
        return self.store.search_stories(query or StoryQuery(limit=None))

    def story(self, story_id: str) -> Story:
        """The story with this id, or where an old id went; a NotFoundError when there is none."""
        story = self.store.story(story_id)
        if story is not None:
            return story
        moved = self.store.resolve_story(story_id)
        if moved:
            raise NotFoundError("story", story_id, f"any more: it was regrouped into {', '.join(moved)}",
                                hint="open one of those stories")
        raise NotFoundError("story", story_id, hint="list the stories")

    def report(self, story_ids: Sequence[str] | None = None) -> Report:
        """The stored report: every story, or the stories named, with their articles."""
        if story_ids is None:
            return Report(tuple(self.store.articles()), tuple(self.store.stories()), tuple(self.store.problems()),
                          self._provenance())
        found = [self.story(i) for i in story_ids]
        ids = sorted({a for s in found for a in s.article_ids})
        return Report(tuple(self.store.articles(ids)), tuple(found), tuple(self.store.problems()), self._provenance())

    def run_report(self, run: Analysed, article_ids: Iterable[str] | None = None,
                   problems: Sequence[Problem] | None = None) -> Report:
        """The report of a run (:meth:`analyse_stored`): the stories holding ``article_ids`` (every story with
        None), those articles and the stories' articles, in the store's order, with ``problems`` (the run's by
        default). For a run small enough to hold; :meth:`story_reports` reads a big one a story at a time."""
        wanted = None if article_ids is None else frozenset(article_ids)
        stories = tuple(self.story(sid) for sid in run.stories_of(wanted))
        members = {a for s in stories for a in s.article_ids} | (set(run.articles) if wanted is None else wanted)
        articles = self._load([a for a in run.articles if a in members])
        return Report(tuple(articles), stories, tuple(run.problems if problems is None else problems),
                      self._provenance())

    def story_reports(self, story_ids: Iterable[str]) -> Iterator[Report]:
        """One report per story (the story and its articles, no problems), each read from the store as it is
        asked for: what writing a big report one story at a time iterates over."""
        for sid in story_ids:
            story = self.story(sid)
            yield Report(tuple(self.store.articles(list(story.article_ids))), (story,), (), self._provenance())

    def report_of(self, article_ids: Iterable[str], report: Report) -> Report:
        """The part of ``report`` about these articles: the stories holding them, and their articles."""
        wanted = set(article_ids)
        stories = tuple(s for s in report.stories if wanted & set(s.article_ids))
        members = {a for s in stories for a in s.article_ids} | wanted
        return Report(tuple(a for a in report.articles if a.id in members), stories, report.problems, report.settings)

    def check(self, claim: str) -> ClaimCheck:
        """The stored reports that support, deny or only discuss ``claim``, with modality and independent
        sources; ``note`` says when none relates. RequestError for a claim with no words."""
        from ..compare.check import check_claim

        if not claim.strip():
            raise RequestError("claim", "it has no words", hint="give a short claim, e.g. a headline")
        return check_claim(claim, self.store.articles(), self.store.stories(), self.settings)

    def corrections(self) -> list[Correction]:
        return self.store.corrections()

    # --- corrections ---------------------------------------------------------------------------------

    def merge_stories(self, story_ids: Sequence[str], note: str = "") -> Changed:
        stories = [self.story(i) for i in dict.fromkeys(story_ids)]
        if len(stories) < 2:
            raise RequestError("stories", "name at least two different stories to merge")
        c = self.store.add_correction("merge_stories", articles=[s.article_ids for s in stories], note=note)
        return self._recompare(stories, c)

    def split_story(self, story_id: str, articles: Sequence[str], note: str = "") -> Changed:
        story = self.story(story_id)
        moved = list(dict.fromkeys(articles))
        unknown = [a for a in moved if a not in story.article_ids]
        if unknown or not moved or len(moved) >= len(story.article_ids):
            why = f"{', '.join(unknown)} not in the story" if unknown else "leave at least one article"
            raise RequestError("articles", f"cannot split these off ({why})",
                                 hint="name some, not all, of the story's article ids")
        c = self.store.add_correction("split_story", articles=[moved], note=note)
        return self._recompare([story], c)

    def merge_entities(self, story_id: str, entity_ids: Sequence[str], note: str = "") -> Changed:
        story = self.story(story_id)
        entities = [_entity(story, e) for e in dict.fromkeys(entity_ids)]
        if len(entities) < 2:
            raise RequestError("entities", "name at least two different entities to merge")
        spans = [[m.span for m in e.mentions] for e in entities]
        return self._detail(story, self.store.add_correction("merge_entities", spans=spans, note=note))

    def split_entity(self, story_id: str, entity_id: str, spellings: Sequence[str], note: str = "") -> Changed:
        story = self.story(story_id)
        entity = _entity(story, entity_id)
        moved = [m.span for m in entity.mentions if m.text in set(spellings)]
        if not moved or len(moved) == len(entity.mentions):
            raise RequestError("spellings", "name some, not all, of the entity's spellings",
                                 hint=f"its spellings are: {', '.join(sorted({m.text for m in entity.mentions}))}")
        return self._detail(story, self.store.add_correction("split_entity", spans=[moved], note=note))

    def judge_quotes(self, story_id: str, quote_ids: Sequence[str], same: bool, note: str = "") -> Changed:
        story = self.story(story_id)
        by_id = {q.id: q for q in story.quotes}
        missing = [q for q in quote_ids if q not in by_id]
        if missing or len(set(quote_ids)) != 2:
            gone = f" ({', '.join(missing)} not found)" if missing else ""
            raise RequestError("quotes", f"name two different quotes of the story{gone}")
        kind: CorrectionKind = "same_quote" if same else "different_quote"
        return self._detail(story, self.store.add_correction(kind, spans=[[by_id[q].span] for q in quote_ids],
                                                             note=note))

    def judge_fact(self, story_id: str, fact_id: str, accept: bool, note: str = "") -> Changed:
        """A person's word on a fact of several sources: ``accept`` records it as right; otherwise the reports
        of every source but the first one's do not state it (a wrong corroboration or conflict)."""
        story = self.story(story_id)
        fact = next((f for f in story.facts if f.id == fact_id), None)
        if fact is None:
            raise NotFoundError("fact", fact_id, f"in story {story_id!r}", hint="see the story's facts")
        spans = [fact.support[0], *fact.support[1:], *(x for k in fact.conflicts for x in (k.span, k.against) if x)]
        head = {a for s in story.sources if fact.support[0].article in s.articles for a in s.articles}
        head = head or {fact.support[0].article}
        kept = list(dict.fromkeys(x for x in spans if x.article in head))
        rejected = list(dict.fromkeys(x for x in spans if x.article not in head))
        if accept:
            return self.confirm(story_id, "accept_fact", spans=[kept + rejected], note=note)
        if not rejected:
            raise RequestError("fact", "it rests on one source only, so there is no corroboration to reject",
                               hint="pick a fact of two sources or more, or one with a conflict")
        return self._detail(story, self.store.add_correction("reject_fact", spans=[kept, rejected], note=note))

    def confirm(self, story_id: str, kind: CorrectionKind, *, spans: Sequence[Sequence[Span]] = (),
                articles: Sequence[Sequence[str]] = (), note: str = "") -> Changed:
        """Record a person's word that the engine is right about a story: a correction of ``kind`` naming what
        is already so (a merge of what is one, ``accept_fact``), which changes nothing now and holds it after
        every later analysis."""
        story = self.story(story_id)
        c = self.store.add_correction(kind, spans=spans, articles=articles, note=note)
        return Changed((story,), c) if kind in STORY_KINDS else self._detail(story, c)

    def undo(self, correction_id: int) -> Changed:
        """Take a correction back: it stays in the list, marked undone, and the stories it touched are
        grouped and compared again without it."""
        c = self.store.undo_correction(correction_id)
        if c is None:
            raise NotFoundError("correction", correction_id, "to undo (or it was undone already)",
                                hint="list the corrections")
        report = self.analyse(regroup=True)
        return Changed(tuple(s for s in report.stories if any(touched(s, c).values())), c)

    def _recompare(self, stories: Sequence[Story], c: Correction) -> Changed:
        """Apply a story correction to ``stories``, compare the parts again and store them."""
        from .. import api
        from .versions import compared_marks

        parts = apply_corrections([bare(s) for s in stories], [c])
        ids = sorted({a for s in parts for a in s.article_ids})
        articles = self.store.articles(ids)
        todo = self._with_sources(parts, articles)
        compared, problems = api.compare_stories(todo, articles, self.settings)
        marks = compared_marks(todo, compared, problems, articles, self.settings)
        compared = apply_corrections(compared, self.store.corrections(), kinds=DETAIL_KINDS)
        self.store.put_stories(compared, aliases=aliases(stories, compared), marks=marks)
        return Changed(tuple(compared), c)

    def _detail(self, story: Story, c: Correction) -> Changed:
        (updated,) = apply_corrections([story], [c])
        self.store.put_stories([updated])
        return Changed((updated,), c)

    # --- outlet profiles (see app/outlets.py) --------------------------------------------------------

    def outlets(self) -> list[OutletProfile]:
        """The person's outlet profiles, by name."""
        return self.store.outlets()

    def set_outlets(self, profiles: Sequence[OutletProfile]) -> int:
        """Store profiles (validated ones: :func:`~newsweave.app.outlets.make_profile`), each replacing the
        profile of the same name."""
        return self.store.put_outlets(profiles)

    def remove_outlet(self, name: str) -> None:
        if not self.store.delete_outlet(name):
            raise NotFoundError("outlet", name, "in the outlet profiles", hint="list them with `newsweave outlets`")

    def unprofiled_outlets(self) -> list[str]:
        """The outlets of the stored reports that have no profile yet, by name."""
        known = {p.key for p in self.store.outlets()}
        seen = {o for row in self.story_rows() for o in row.outlets}
        return sorted((o for o in seen if OutletProfile.key_of(o) not in known), key=str.casefold)

    def coverage(self, story_id: str, fields: Sequence[str] | None = None,
                 profiles: Sequence[OutletProfile] | None = None) -> Coverage:
        """Who covered the story, by the outlet profiles (``profiles``: the stored ones unless given)."""
        from .outlets import story_coverage

        story = self.story(story_id)
        table = self.store.outlets() if profiles is None else profiles
        return story_coverage(story, self.store.story_outlets(story.id), table, fields)

    def cover(self, doc: dict[str, Any], stories: Sequence[Story]) -> dict[str, Any]:
        """``doc`` (the ``newsweave/1`` dict of a report holding ``stories``) with each story's ``coverage`` by
        the outlet profiles, when the store holds any (else as it is)."""
        from .outlets import story_coverage

        profiles = self.store.outlets()
        if not profiles:
            return doc
        by_id = {s.id: s for s in stories}
        outlets = {a["id"]: a["outlet"] or a["input"] for a in doc["articles"]}
        for entry in doc["stories"]:
            if entry["id"] in by_id:
                entry["coverage"] = story_coverage(by_id[entry["id"]], outlets, profiles).to_dict()
        return doc


def _unmarked(article: Article) -> Article:
    """The article as if never analysed, so every stage runs on it again."""
    return evolve(article, done=frozenset())


def _entity(story: Story, entity_id: str) -> Any:
    found = next((e for e in story.entities if e.id == entity_id), None)
    if found is None:
        raise NotFoundError("entity", entity_id, f"in story {story.id!r}", hint="see the story's entities")
    return found




def split_entity_to(workspace: Workspace, story_id: str, entity_id: str, spellings: Sequence[str], *,
                    name: str = "", into: str | None = None, note: str = "") -> Changed:
    """Split the mentions spelled ``spellings`` off an entity as :meth:`Workspace.split_entity` does, and
    either call the new entity ``name`` (else it is named by its commonest spelling) or add the mentions
    to ``into``, another entity of the story. Adding is two corrections, re-applied in order after every
    analysis: the split, then a merge of ``into``'s mentions with the split ones (``into`` keeps its name
    and id); the change returned is the merge's, and undoing it leaves the mentions as an entity of their
    own. RequestError for an ``into`` that is the entity itself, or for both a name and an ``into``."""
    story = workspace.story(story_id)
    entity = _entity(story, entity_id)
    target = _entity(story, into) if into else None
    if target is not None and (target.id == entity.id or name.strip()):
        raise RequestError("into", "name the new entity or pick another entity to add the mentions to, not both"
                           if name.strip() else "pick another entity than the one split",
                           hint="leave the name empty, or pick a different entity")
    moved = [m.span for m in entity.mentions if m.text in set(spellings)]
    if not moved or len(moved) == len(entity.mentions):
        raise RequestError("spellings", "name some, not all, of the entity's spellings",
                           hint=f"its spellings are: {', '.join(sorted({m.text for m in entity.mentions}))}")
    split = workspace.store.add_correction("split_entity", spans=[moved], note=note, name=name.strip())
    if target is None:
        return workspace._detail(story, split)
    joined = workspace.store.add_correction("merge_entities", spans=[[m.span for m in target.mentions], moved],
                                            note=note)
    (updated,) = apply_corrections([story], [split, joined])
    workspace.store.put_stories([updated])
    return Changed((updated,), joined)
