"""The command line: thin commands over the public API. Each parses options, calls one library function
and formats the result; ``--json`` everywhere. Exit codes: 0 all inputs read, 1 nothing read,
3 some inputs failed (listed; the rest were done)."""

from __future__ import annotations

import importlib
import json
import logging
import sys
from collections.abc import Callable, Iterable, Iterator, Sequence
from contextlib import nullcontext
from pathlib import Path
from typing import TYPE_CHECKING, Any, ParamSpec

import click
from tqdm import tqdm

from .app import Workspace
from .config import Settings
from .config_command import config, config_option, set_option, settings_from_cli
from .errors import NewsweaveError, NotFoundError
from .model import Problem
from .runtime import Executor, ProcessExecutor

if TYPE_CHECKING:
    from .report.files import Written

# Reading inputs, the stages and the renderers are imported by the commands that use them, so a command that
# only reads the store (`newsweave stories`) never loads spaCy or scikit-learn (tests/test_cli_imports.py).

P = ParamSpec("P")
EXIT_OK, EXIT_NOTHING, EXIT_SOME_FAILED = 0, 1, 3
#: Problems from these stages mean an input was not read; the others name the stage that failed on an article
#: (kept, with the failure recorded). Either gives exit code 3.
INPUT_STAGES = frozenset({"ingest", "normalise", None})
#: Problems that only report a repair (the input was stored whole): exit code 0.
NOTE_STAGES = frozenset({"unicode"})

DEFAULT_DB = "newsweave.db"
db_option = click.option("--db", default=DEFAULT_DB, show_default=True,
                         help="Store: an SQLite file, ':memory:', or a postgresql:// URL.")
json_option = click.option("--json", "as_json", is_flag=True, help="Print JSON instead of text.")
private_option = click.option("--allow-private", is_flag=True,
                              help="Also fetch URLs and feed items on loopback, private and link-local addresses "
                                   "(intranet use; refused by default).")


def _workspace(db: str, settings: Settings, allow_private: bool, executor: Executor | None = None) -> Workspace:
    """The workspace of a command that may fetch: URLs only from public addresses unless ``allow_private``."""
    fetcher = sys.modules[__name__].HttpxFetcher(settings, allow_private=allow_private)  # see __getattr__
    return Workspace.open(db, settings, fetcher=fetcher,
                          executor=executor)


def __getattr__(name: str) -> Any:
    """``HttpxFetcher``, imported on first use (reading inputs loads trafilatura); tests put a double here."""
    if name == "HttpxFetcher":
        from .ingest import HttpxFetcher

        return HttpxFetcher
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


def _echo_json(data: Any) -> None:
    click.echo(json.dumps(data, ensure_ascii=False, indent=2))


class _Bars:
    """The CLI's progress display: one bar per phase of a run on stderr, each left with its count, time and
    rate when done; nothing at all with ``quiet`` (``--json``) or when stderr is not a terminal."""

    def __init__(self, quiet: bool = False) -> None:
        self.quiet = quiet
        self.bar: tqdm | None = None

    def phase(self, name: str, total: int | None = None, unit: str = "article") -> None:
        self.close()
        self.bar = tqdm(total=total, desc=f"{name:11s}", unit=f" {unit}", file=sys.stderr,
                        disable=True if self.quiet else None, leave=True, dynamic_ncols=True)

    def update(self, n: int = 1) -> None:
        if self.bar is not None:
            self.bar.update(n)

    def close(self) -> None:
        if self.bar is not None:
            self.bar.close()
            self.bar = None

    def __enter__(self) -> _Bars:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


def _exit_code(read_count: int, problems: Sequence[Problem]) -> int:
    if read_count == 0:
        return EXIT_NOTHING
    return EXIT_SOME_FAILED if any(p.stage not in NOTE_STAGES for p in problems) else EXIT_OK


def _report_problems(problems: Sequence[Problem]) -> None:
    for p in problems:
        where = f" [{p.stage}]" if p.stage not in INPUT_STAGES else ""
        click.echo(f"problem{where}: {p.input}: {p.error}", err=True)


def _guard(fn: Callable[P, None]) -> Callable[P, None]:
    """Turn a NewsweaveError into one line and exit code 1, instead of a traceback."""

    def wrapper(*args: P.args, **kwargs: P.kwargs) -> None:
        try:
            return fn(*args, **kwargs)
        except NewsweaveError as exc:
            click.echo(f"error: {exc}", err=True)
            sys.exit(EXIT_NOTHING)

    wrapper.__name__, wrapper.__doc__ = fn.__name__, fn.__doc__
    return wrapper


class _Commands(click.Group):
    """The command group; a command that lives with its own code (``bulk/``, ``serve/``) is imported only when it
    is run or listed in the help, so the other commands start without loading what it needs."""

    LAZY: dict[str, str] = {"bulk": "newsweave.bulk.command:bulk", "serve": "newsweave.serve.command:serve",
                            "outlets": "newsweave.outlets_command:outlets",
                            "review": "newsweave.review_command:review"}

    def list_commands(self, ctx: click.Context) -> list[str]:
        return sorted({*super().list_commands(ctx), *self.LAZY})

    def get_command(self, ctx: click.Context, cmd_name: str) -> click.Command | None:
        if cmd_name in self.LAZY and cmd_name not in self.commands:
            module, _, attr = self.LAZY[cmd_name].partition(":")
            self.add_command(getattr(importlib.import_module(module), attr), cmd_name)
        return super().get_command(ctx, cmd_name)


@click.group(cls=_Commands, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(package_name="newsweave")
def main() -> None:
    """newsweave: read many news reports together and turn them into sourced stories."""
    # trafilatura logs its own complaints about pages it cannot parse; newsweave reports those inputs
    # as problems with a hint, so the raw log lines would only repeat them.
    logging.getLogger("trafilatura").setLevel(logging.CRITICAL)


@main.command()
@click.argument("inputs", nargs=-1, required=True)
@click.option("--outlet", help="Outlet name for every input (beats any other source).")
@click.option("--published", help="Publication date YYYY-MM-DD for every input.")
@db_option
@private_option
@config_option
@set_option
@json_option
@_guard
def ingest(inputs: tuple[str, ...], outlet: str | None, published: str | None, db: str, allow_private: bool,
           config_file: Path | None, sets: tuple[str, ...], as_json: bool) -> None:
    """Read and clean reports (files, folders, URLs, feeds, JSONL) into the store.

    Example: newsweave ingest examples/kim-russia-2023 --db news.db
    """
    with _workspace(db, settings_from_cli(config_file, sets), allow_private) as ws, _Bars(as_json) as bars:
        done = ws.add(list(inputs), outlet=outlet, published=published, progress=bars)
    summary = {"read": len(done.articles), "added": done.added, "unchanged": done.unchanged,
               "skipped": list(done.skipped),
               "problems": [{"input": p.input, "error": p.error} for p in done.problems], "db": db}
    if as_json:
        _echo_json(summary)
    else:
        _report_problems(done.problems)
        click.echo(f"{len(done.articles)} articles read: {done.added} new, {done.unchanged} already stored ({db})")
    sys.exit(_exit_code(len(done.articles), done.problems))


def _summary(doc: dict[str, Any]) -> str:
    lines = [f"{len(doc['articles'])} articles, {len(doc['stories'])} stories"]
    for s in doc["stories"]:
        status = [f["status"] for f in s["facts"]]
        lines.append(f"  {s['id']}  {s['title'][:70]}")
        lines.append(f"      {len(s['articles'])} articles from {', '.join(s['outlets'])}; "
                     f"{len(s['entities'])} entities, {len(s['quotes'])} quotes, facts: "
                     f"{status.count('corroborated')} corroborated, "
                     f"{status.count('partly corroborated')} partly corroborated, {status.count('unique')} unique, "
                     f"{status.count('conflicting')} conflicting")
    for a in doc["articles"]:
        if a["removed"]:
            lines.append(f"  removed from {a['outlet'] or a['input']}: "
                         + "; ".join(f"{r['text'][:30]!r} ({r['reason'].split(':')[0]})" for r in a["removed"]))
    return "\n".join(lines)


def _index_summary(index: dict[str, Any], out: Path | None) -> str:
    """The summary of a report written one file per story: each story's line says where its page went."""
    lines = [f"{index['articles']} articles, {len(index['stories'])} stories"]
    for s in index["stories"]:
        facts = s["facts"]
        where = f"; {out / s['files']['html']}" if out is not None and s["files"] else ""
        lines.append(f"  {s['id']}  {s['title'][:70]}")
        lines.append(f"      {len(s['articles'])} articles from {', '.join(s['outlets'])}; {s['entities']} entities, "
                     f"{s['quotes']} quotes, facts: " + ", ".join(f"{v} {k}" for k, v in facts.items()) + where)
    return "\n".join(lines)


def _write_report(ws: Workspace, report: Callable[[], Any], story_ids: Sequence[str], out: Path | None,
                  bars: _Bars, *, articles: int, problems: Sequence[Problem]) -> tuple[dict[str, Any], Written]:
    """The report as one document (``report()`` builds it) written to out/report.*, or, above
    ``report.per_story_above`` stories, one story at a time to out/stories/ with an index (the document
    returned is then the index). Nothing is written without ``out``."""
    from .report import report_to_dict
    from .report.files import ReportConfig, Written, write_per_story, write_report

    if len(story_ids) <= ws.settings.of(ReportConfig).per_story_above:
        whole = report()
        doc = ws.cover(report_to_dict(whole), whole.stories)
        if out is None:
            return doc, Written(())
        bars.phase("writing", 3, "file")
        return doc, write_report(doc, out, bars.update)
    bars.phase("writing", len(story_ids), "story")
    written = write_per_story(ws.story_reports(story_ids), out, articles=articles, problems=problems,
                              settings=sorted(ws.settings.changes().items()), step=bars.update)
    assert written.index is not None
    return written.index, written


def _story_docs(ws: Workspace, story_ids: Iterable[str]) -> Iterator[dict[str, Any]]:
    """Each story's ``newsweave/1`` document (the story, its articles, its coverage), read as it is asked for."""
    from .report import report_to_dict

    for one in ws.story_reports(story_ids):
        yield ws.cover(report_to_dict(one), one.stories)


def _write_jsonl(ws: Workspace, story_ids: Sequence[str], out: Path | None, bars: _Bars, *, articles: int,
                 problems: Sequence[Problem]) -> dict[str, Any]:
    """The report as JSON Lines, one story per line, each written before the next is read: to out/stories.jsonl,
    or to standard output without ``out``. Returns what was written (what ``--json`` prints)."""
    from .report.jsonl import LINE_FORMAT, write_jsonl, write_jsonl_file

    bars.phase("writing", len(story_ids), "story")
    docs = _story_docs(ws, story_ids)
    if out is None:
        count, written = write_jsonl(docs, sys.stdout, bars.update), []
    else:
        path, count = write_jsonl_file(docs, out, bars.update)
        written = [str(path)]
    return {"format": LINE_FORMAT, "articles": articles, "stories": count,
            "problems": [{"input": p.input, "error": p.error, "stage": p.stage} for p in problems],
            "written": written}


def _jsonl_done(summary: dict[str, Any], as_json: bool) -> None:
    """What a run written as JSON Lines to a folder prints: the summary with ``--json``, else where it went."""
    if as_json:
        _echo_json(summary)
        return
    click.echo(f"{summary['articles']} articles, {summary['stories']} stories, one per line")
    for path in summary["written"]:
        click.echo(f"wrote {path}")


jsonl_option = click.option("--jsonl", is_flag=True,
                            help="Write the report as JSON Lines, one story per line (the story as report.json "
                                 "has it, with its articles), each written before the next story is read: to "
                                 "OUT/stories.jsonl, or to standard output without --out.")


@main.command()
@click.argument("inputs", nargs=-1)
@click.option("--outlet", help="Outlet name for every input.")
@click.option("--published", help="Publication date YYYY-MM-DD for every input.")
@click.option("--out", type=click.Path(file_okay=False, path_type=Path),
              help="Write report.json, report.md and report.html here; with more stories than "
                   "report.per_story_above, stories/ID.json, .md and .html for each story and index.json, .md and "
                   ".html listing them; with --jsonl, stories.jsonl.")
@click.option("--all", "everything", is_flag=True,
              help="Analyse every stored article again, not only those not analysed yet (and regroup them all).")
@click.option("--regroup", is_flag=True,
              help="Group every stored report into stories again (default: new reports join the stored stories "
                   "they belong to, and only those stories are grouped and compared again).")
@click.option("--workers", type=click.IntRange(min=0), default=1, show_default=True,
              help="Processes analysing articles (0: one per core); each loads the spaCy model once.")
@jsonl_option
@db_option
@private_option
@config_option
@set_option
@json_option
@_guard
def analyze(inputs: tuple[str, ...], outlet: str | None, published: str | None, out: Path | None,
            everything: bool, regroup: bool, workers: int, jsonl: bool, db: str, allow_private: bool,
            config_file: Path | None, sets: tuple[str, ...], as_json: bool) -> None:
    """Add reports to the store, analyse what is not analysed yet, let new reports join the stored stories they
    belong to (or start their own; --regroup groups every stored report again) and compare the stories that
    changed. The report covers the stories holding INPUTS (every story with none); a big one (more stories than
    report.per_story_above) is written one story at a time, and --json then prints its index. --jsonl writes
    one story per line instead, to OUT/stories.jsonl (--json then prints where it went) or to standard output.

    Example: newsweave analyze examples/kim-russia-2023 --out out
    """
    executor = ProcessExecutor(workers or None) if workers != 1 else None
    with (_workspace(db, settings_from_cli(config_file, sets), allow_private, executor) as ws, _Bars(as_json) as bars,
          executor or nullcontext()):
        added = ws.add(list(inputs), outlet=outlet, published=published, progress=bars) if inputs else None
        wanted = None if added is None else frozenset(a.id for a in added.articles)
        read_problems = () if added is None else added.problems
        del added  # the articles read are in the store now; keep only their ids
        run = ws.analyse_stored(everything=everything, regroup=regroup, progress=bars)
        problems = (*read_problems, *run.problems)
        chosen = run.stories_of(wanted)
        count = len(run.articles_of(wanted))
        if jsonl:
            summary = _write_jsonl(ws, chosen, out, bars, articles=count, problems=problems)
        else:
            doc, written = _write_report(ws, lambda: ws.run_report(run, wanted, problems), chosen, out, bars,
                                         articles=count, problems=problems)
    if jsonl:
        _report_problems(problems)
        if out is not None:
            _jsonl_done(summary, as_json)
    elif as_json:
        _echo_json({**doc, "written": [str(p) for p in written.paths]} if out else doc)
    else:
        _report_problems(problems)
        click.echo(_summary(doc) if written.index is None else _index_summary(doc, out))
        for path in _shown_paths(written, out):
            click.echo(f"wrote {path}")
    sys.exit(_exit_code(count, problems))


def _shown_paths(written: Written, out: Path | None) -> list[Path | str]:
    """The files to name: every one of a single report; the index files of a per-story one, and the folder of the
    story files (each story's line names its page)."""
    if written.index is None or out is None:
        return list(written.paths)
    index = [p for p in written.paths if p.parent == out]
    return [*index, f"{out / 'stories'}/ ({len(written.paths) - len(index)} files, 3 per story)"]


@main.command()
@db_option
@json_option
@_guard
def stories(db: str, as_json: bool) -> None:
    """List the stored stories, newest first (by the latest publication date of their articles; undated
    stories last).

    Example: newsweave stories --json
    """
    with Workspace.open(db) as ws:
        found = ws.story_rows()
    rows: list[dict[str, Any]] = [
        {"id": r.id, "title": r.title, "articles": r.articles, "outlets": list(r.outlets),
         "first_published": r.first, "last_published": r.last} for r in found]
    if as_json:
        _echo_json(rows)
        return
    for row in rows:
        click.echo(f"{row['id']}  {row['last_published'] or '':10s}  {row['articles']:3d} articles  "
                   f"{', '.join(row['outlets'])[:40]:40s}  {row['title'][:60]}")
    if not rows:
        click.echo(f"no stories in {db}; run `newsweave analyze PATH --db {db}` first")


@main.command()
@click.argument("story")
@db_option
@json_option
@_guard
def show(story: str, db: str, as_json: bool) -> None:
    """Show one stored story: brief, facts, quotes, entities and timeline.

    Example: newsweave show s-166b38c7d1e5
    """
    from .report import render_markdown, report_to_dict

    with Workspace.open(db) as ws:
        try:
            found = ws.report([story])
            doc = ws.cover(report_to_dict(found), found.stories)
        except NotFoundError as exc:
            click.echo(f"error: {exc.message} in {db} (list them with `newsweave stories --db {db}`)", err=True)
            sys.exit(EXIT_NOTHING)
    if as_json:
        _echo_json(doc["stories"][0])
    else:
        click.echo(render_markdown(doc))


@main.command()
@click.option("--out", type=click.Path(file_okay=False, path_type=Path), default=Path("out"),
              show_default=True, help="Folder for report.json, report.md and report.html (or stories/ and index.* "
                                      "above report.per_story_above stories; stories.jsonl with --jsonl).")
@jsonl_option
@db_option
@json_option
@_guard
def export(out: Path, jsonl: bool, db: str, as_json: bool) -> None:
    """Write the whole stored report as JSON, Markdown and HTML (--jsonl: as OUT/stories.jsonl, one story per
    line, newest story first).

    Example: newsweave export --out out
    """
    with Workspace.open(db) as ws, _Bars(as_json) as bars:
        ids = [row.id for row in ws.story_rows()]
        if jsonl:
            summary = _write_jsonl(ws, ids, out, bars, articles=ws.article_count(), problems=ws.problems())
        else:
            _, written = _write_report(ws, ws.report, ids, out, bars, articles=ws.article_count(),
                                       problems=ws.problems())
    if jsonl:
        _jsonl_done(summary, as_json)
    elif as_json:
        _echo_json({"written": [str(p) for p in written.paths]})
    else:
        for path in _shown_paths(written, out):
            click.echo(f"wrote {path}")


@main.command()
@click.argument("claim")
@db_option
@json_option
@_guard
def check(claim: str, db: str, as_json: bool) -> None:
    """List the stored reports that support, deny or only discuss CLAIM, with modality and independence.

    Example: newsweave check "Kim Jong Un met Putin in Vladivostok" --db newsweave.db
    """
    with Workspace.open(db) as ws:
        result = ws.check(claim)
    if as_json:
        _echo_json(result.to_dict())
        return
    if result.note:
        click.echo(result.note)
        return
    words = {"agree": "support", "disagree": "deny", "discuss": "only discuss"}
    for stance, word in words.items():
        found = [f for f in result.findings if f.stance == stance]
        if not found:
            continue
        click.echo(f"{word}: {result.summary(stance)}")
        for f in found:
            how = f", {f.modality}" if f.modality else ""
            click.echo(f"  {f.outlet or f.article}: {f.title or f.article} [{f.relatedness:.2f}{how}; {f.why}]")
            if f.texts:
                click.echo(f"    \"{f.texts[0][:160]}\" ({f.spans[0].article}:{f.spans[0].start}-{f.spans[0].end})")


@main.group(name="eval")
def eval_group() -> None:
    """Measure newsweave on labelled data."""


@eval_group.command(name="stories")
@click.argument("path", type=click.Path(dir_okay=False))
@json_option
@_guard
def eval_stories(path: str, as_json: bool) -> None:
    """Cluster a labelled dev set (ECB+ articles.jsonl, NeuS val.jsonl) and print B3 P/R/F1.

    Example: newsweave eval stories ../shared/data/ecbplus-dev/articles.jsonl
    """
    from .eval import eval_stories as run_eval

    _echo_json(run_eval(path))


main.add_command(config)  # `config` lives in config_command.py; `serve` and `bulk` load on use (_Commands.LAZY)
