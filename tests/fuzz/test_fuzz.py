"""The fuzz harness (issue 13): at least 10,000 malformed inputs through ingest -> normalise -> store (the CLI,
in-process) and then the article pipeline, asserting no traceback, every input either stored or reported,
and the exit code right; plus hypothesis properties for the readers (2 x 600 examples). It prints its counts:

    fuzz: 10027 corpus inputs in 1409 files tried through `newsweave ingest`: 0 crashes, 0 lost (...)

``NEWSWEAVE_FUZZ_INPUTS`` sets the corpus size (default 10,000). No network: fetching goes through the real
:class:`HttpxFetcher` and its address policy, over an httpx MockTransport with a fake DNS.
"""

from __future__ import annotations

import json
import os
import re
import sqlite3
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import httpx
import pytest
from click.testing import CliRunner, Result
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import newsweave.cli as cli
from newsweave.analyse.entities import SENTENCES
from newsweave.config import Settings
from newsweave.errors import InputError
from newsweave.ingest import read_bytes
from newsweave.ingest.fetch import FetchPolicy, HttpxFetcher
from newsweave.model import Article, evolve
from newsweave.normalise import normalise
from newsweave.pipeline import Context, Stage, build
from newsweave.store import SQLiteStore

from .corpus import Corpus, generate

COUNT = int(os.environ.get("NEWSWEAVE_FUZZ_INPUTS", "10000"))
EXAMPLES = 600
PUBLIC_IP = "93.184.216.34"


def _resolve(host: str) -> list[str]:
    """A fake DNS: *.example is public, an IP literal is itself, any other name is this machine."""
    if host.endswith(".example"):
        return [PUBLIC_IP]
    return [host] if re.fullmatch(r"[\d.]+|[0-9a-fA-F:]+", host) else ["127.0.0.1"]


class Network:
    """What the fake network was asked for (nothing private may be)."""

    def __init__(self) -> None:
        self.requests: list[str] = []

    def fetcher(self, settings: Settings, allow_private: bool = False) -> HttpxFetcher:
        def handler(request: httpx.Request) -> httpx.Response:
            self.requests.append(str(request.url))
            return httpx.Response(404)

        return HttpxFetcher(settings, transport=httpx.MockTransport(handler),
                            policy=FetchPolicy(allow_private, resolve=_resolve))


@pytest.fixture(scope="module")
def corpus(tmp_path_factory: pytest.TempPathFactory) -> Corpus:
    return generate(tmp_path_factory.mktemp("fuzz") / "corpus", COUNT)


@dataclass(frozen=True)
class Ingested:
    result: Result
    db: Path
    network: Network


@pytest.fixture(scope="module")
def ingested(corpus: Corpus, tmp_path_factory: pytest.TempPathFactory) -> Ingested:
    """The whole corpus through ``newsweave ingest --json``, once."""
    network = Network()
    db = tmp_path_factory.mktemp("fuzzdb") / "fuzz.db"
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(cli, "HttpxFetcher", network.fetcher)
        result = CliRunner().invoke(cli.main, ["ingest", str(corpus.folder), "--db", str(db), "--json"])
    return Ingested(result, db, network)


def _accounted(unit: str, labels: set[str], prefixes: list[str]) -> bool:
    if unit in labels:
        return True
    return any(p.startswith(unit) and p[len(unit)] in "#[" for p in prefixes if len(p) > len(unit))


def _counts(capsys: pytest.CaptureFixture[str], line: str) -> None:
    with capsys.disabled():
        print(f"\n{line}")


def test_ten_thousand_malformed_inputs_are_each_stored_or_reported(
    corpus: Corpus, ingested: Ingested, capsys: pytest.CaptureFixture[str]
) -> None:
    result, db, network = ingested.result, ingested.db, ingested.network
    crashes = 0 if result.exception is None or isinstance(result.exception, SystemExit) else 1
    assert crashes == 0, f"{result.exception!r}"
    assert "Traceback" not in result.output
    summary = json.loads(result.stdout)
    with sqlite3.connect(db) as conn:
        stored = {row[0] for row in conn.execute("SELECT input FROM articles")}
    reported = {p["input"] for p in summary["problems"]}
    labels = stored | reported
    prefixes = sorted(labels)
    # a problem naming the whole file (binary, not UTF-8, ...) reports every record in it
    lost = [u for i in corpus.inputs if i.path not in reported for u in i.units if not _accounted(u, labels, prefixes)]
    assert result.exit_code == 3  # some inputs read, some not: each listed
    assert summary["read"] >= len(stored) > 0
    private = [u for u in network.requests if "example" not in u]
    _counts(capsys, f"fuzz: {corpus.units} corpus inputs in {len(corpus.inputs)} files tried through "
                    f"`newsweave ingest`: {crashes} crashes, {len(lost)} lost ({len(stored)} stored, "
                    f"{len(reported)} reported), {len(private)} private fetches")
    assert lost == [] and private == []


def test_every_single_input_gets_the_right_exit_code(
    corpus: Corpus, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(cli, "HttpxFetcher", Network().fetcher)
    for item in corpus.inputs[:120]:
        result = CliRunner().invoke(cli.main, ["ingest", item.path, "--db", ":memory:", "--json"])
        assert isinstance(result.exception, SystemExit | None), (item.path, result.exception)
        summary = json.loads(result.stdout)
        failed = [p for p in summary["problems"] if "replaced by U+FFFD" not in p["error"]]
        expected = 1 if summary["read"] == 0 else 3 if failed else 0
        assert result.exit_code == expected, (item.path, summary)


def _split(article: Article, _context: Context) -> Article:
    return evolve(article, sentences=tuple((m.start(), m.end()) for m in re.finditer(r"[^.!?\n]+", article.text)))


def _fragile(article: Article, _context: Context) -> Article:
    if "\ufffd" in article.text or len(article.text) % 5 == 0:
        raise ValueError("fragile stage refuses this one")
    return article


def _after(article: Article, _context: Context) -> Article:
    return evolve(article, claims=())


STUBS = [Stage("split", "article", _split, frozenset({"text"}), frozenset({"sentences"})),
         Stage("fragile", "article", _fragile, frozenset({"text"}), frozenset({"quotes"})),
         Stage("after", "article", _after, frozenset({"text"}), frozenset({"claims"}))]


def test_stored_fuzz_articles_go_through_the_pipeline_and_none_is_lost(ingested: Ingested) -> None:
    """Cheap stub stages over every stored article (one fails on some), and spaCy's sentences on a sample."""
    with SQLiteStore(ingested.db) as store:
        articles = store.articles()
        results = list(build(STUBS).run_many(articles, Settings()))
        kept = [a for a, _ in results if a is not None]
        assert len(kept) == len(articles)  # a failing stage never loses its article
        failed = [a for a in kept if any(n.stage == "fragile" for n in a.notes)]
        assert failed and all("claims" in a.done and "quotes" not in a.done for a in failed)
        store.put_articles(kept)  # and every one of them can be stored
        assert len(store.articles()) == len(articles)
        odd = sorted(articles, key=lambda a: (a.text.isascii(), a.id))[:60]
        parsed = list(build([SENTENCES]).run_many(odd, Settings()))
        assert all(a is not None and (a.sentences or p is not None) for a, p in parsed)


# --- hypothesis properties: any bytes, any record ----------------------------------------------------

FUZZ = settings(max_examples=EXAMPLES, deadline=None, derandomize=True, database=None,
                suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
ANY_CHAR = st.characters(codec=None, exclude_categories=())  # surrogates included
FIELD = st.one_of(st.text(ANY_CHAR, max_size=80), st.integers(), st.none(), st.booleans(),
                  st.lists(st.integers(), max_size=3), st.floats(allow_nan=True))


def _normalise_all(name: str, data: bytes, kind: Any) -> int:
    """Read and normalise; only an InputError may come out. Returns the articles made."""
    try:
        found = read_bytes(name, data, kind)
    except InputError:
        return 0
    made = 0
    for doc in found.documents:
        try:
            article = normalise(doc)
        except InputError:
            continue
        article.text.encode("utf-8")  # valid Unicode after the door
        made += 1
    return made


@FUZZ
@given(data=st.binary(max_size=3000), kind=st.sampled_from(["text", "html", "json", "jsonl"]))
def test_any_bytes_are_read_or_refused_with_an_input_error(data: bytes, kind: str) -> None:
    _normalise_all(f"fuzz.{kind}", data, kind)


@FUZZ
@given(records=st.lists(st.dictionaries(st.sampled_from(["id", "text", "title", "outlet", "published", "url",
                                                          "author", "language", "articles"]), FIELD, max_size=6),
                        min_size=1, max_size=4))
def test_any_json_records_are_stored_or_reported(records: list[dict[str, Any]]) -> None:
    data = "\n".join(json.dumps(r, ensure_ascii=True) for r in records).encode()
    found = read_bytes("fuzz.jsonl", data, "jsonl")
    assert len({d.input.split("#")[0] for d in found.documents} | {p.input.split("#")[0] for p in found.problems}
               ) == len(records)  # every line stored or reported
    with SQLiteStore(":memory:") as store:
        for doc in found.documents:
            try:
                store.put_articles([normalise(doc)])
            except InputError:
                continue
