"""Single-thread throughput of the per-article analysis and of the whole run, on ECB+ dev articles; and, on
the long ones (at least 3,000 characters), end-to-end articles/s beside spaCy's full small pipeline alone
(as spaCy ships it, ``spacy.load`` + ``nlp.pipe``) on the same texts in the same run, and their ratio (the
figure issue 14 quotes). Both are timed in CPU seconds of this one process (``time.process_time``), which
a busy machine disturbs less than the wall clock, and both are warmed up first, outside the clock: spaCy on
two of the texts, newsweave end to end on two other long articles (the models and the language identifier
loaded, first calls made), as a long-running worker would be. Also prints the CPU seconds of each spaCy component, as
spaCy ships them and as newsweave runs them (attribute and lemma tables), on the long texts, and where the
time of the long run goes, step by step (normalise, the parse, each article stage, grouping, each story
stage) with the CPU seconds of everything but the parse.

Run with `make bench` (which pins BLAS/OpenMP to one thread) or directly:
    OMP_NUM_THREADS=1 .venv/bin/python bench/bench_speed.py [N] [LONG]
Prints a human-readable breakdown (seconds per stage), then one JSON list on the last line.
"""

from __future__ import annotations

import json
import sys
import time
from collections import defaultdict
from pathlib import Path

import spacy
from spacy.language import Language

import newsweave
from newsweave.analyse.nlp import BATCH_SIZE, forget, load, prepare
from newsweave.api import STORY_STAGES, analyse_many, article_pipeline, compare_stories, normalise_many
from newsweave.model import Article, Meta, RawDocument, Story
from newsweave.pipeline import Context, StoryContext

DATA = Path(__file__).resolve().parents[2] / "shared" / "data" / "ecbplus-dev" / "articles.jsonl"


LONG_CHARS = 3000


def _docs(rows: list[dict]) -> list[RawDocument]:
    return [RawDocument(f"ecb:{r['id']}", r["text"], "record", (("title", Meta(r["title"], "record")),))
            for r in rows]


def long_articles(rows: list[dict], limit: int) -> list[dict]:
    """End to end (normalise, analyse, group, compare) against spaCy's pipeline alone (``nlp.pipe``) on the
    same long texts, one thread, in this run."""
    every_long = [r for r in rows if len(r["text"]) >= LONG_CHARS]
    long_rows, spare = every_long[:limit], every_long[limit : limit + 2]
    n, chars = len(long_rows), sum(len(r["text"]) for r in long_rows)
    settings = newsweave.Settings()
    texts = [r["text"] for r in long_rows]
    shipped = spacy.load(settings.spacy_model)  # the full small pipeline as spaCy ships it: the baseline
    for _ in shipped.pipe(texts[:2]):  # warm both up outside the clock: models loaded, first calls made
        pass
    _end_to_end(_docs(spare or long_rows[:2]), settings)
    forget()
    t0 = time.process_time()
    for _ in shipped.pipe(texts, batch_size=BATCH_SIZE):
        pass
    spacy_s = time.process_time() - t0
    t1 = time.process_time()
    _end_to_end(_docs(long_rows), settings)
    end_s = time.process_time() - t1
    ratio = (n / end_s) / (n / spacy_s)
    print(f"{n} long ECB+ dev articles (>= {LONG_CHARS} characters, {chars // n} on average), one thread, CPU time")
    print(f"  spaCy {settings.spacy_model} alone (full pipeline, nlp.pipe): {n / spacy_s:.2f} articles/s; newsweave "
          f"end to end: {n / end_s:.2f} articles/s; ratio {ratio:.2f}x spaCy-alone's rate")
    _components("  spaCy as shipped, CPU s per component:", shipped, texts)
    _components("  spaCy as newsweave runs it:           ", load(settings.spacy_model), texts)
    besides_parse = _long_by_stage(long_rows, settings)
    return [
        {"name": "speed", "metric": "long_end_to_end_articles_per_s", "value": round(n / end_s, 2), "articles": n},
        {"name": "speed", "metric": "long_spacy_alone_articles_per_s", "value": round(n / spacy_s, 2), "articles": n},
        {"name": "speed", "metric": "long_ratio_to_spacy_alone", "value": round(ratio, 2), "articles": n},
        {"name": "speed", "metric": "long_cpu_s_besides_parse", "value": round(besides_parse, 2), "articles": n},
    ]


def _end_to_end(docs: list[RawDocument], settings: newsweave.Settings) -> None:
    """What ``newsweave analyze`` does to the reports, without the store: normalise, analyse, group, compare."""
    articles, _ = normalise_many(docs)
    analysed = [a for a, _ in analyse_many(articles, settings=settings) if a is not None]
    stories = newsweave.find_stories(analysed, settings)
    compare_stories(stories, analysed, settings)


def _components(title: str, nlp: Language, texts: list[str]) -> None:
    """CPU seconds of each component over all ``texts`` (each component runs on the whole list before the
    next, so one component's time is never charged to another, as it is inside ``nlp.pipe``'s generators)."""
    started = time.process_time()
    docs = [nlp.make_doc(text) for text in texts]
    seconds = {"tokenizer": time.process_time() - started}
    for name, component in nlp.pipeline:
        started = time.process_time()
        if hasattr(component, "pipe"):
            docs = list(component.pipe(docs, batch_size=BATCH_SIZE))
        else:
            docs = [component(doc) for doc in docs]
        seconds[name.removeprefix("newsweave_")] = time.process_time() - started
    print(title, ", ".join(f"{name} {sec:.2f}" for name, sec in seconds.items()), f"(sum {sum(seconds.values()):.2f})")


def _analyse_by_stage(articles: list[Article], settings: newsweave.Settings) -> tuple[dict[str, float], list[Article]]:
    """CPU seconds of the parse and of each article stage, as analyse_many runs them: parse a batch, then the
    stages on each article of it (the parse cache is emptied first, so every text is parsed here)."""
    forget()
    per_stage: dict[str, float] = defaultdict(float)
    analysed = []
    for start in range(0, len(articles), BATCH_SIZE):
        batch = articles[start : start + BATCH_SIZE]
        s = time.process_time()
        prepare([a.text for a in batch], settings.spacy_model)
        per_stage["parse (nlp.pipe)"] += time.process_time() - s
        for article in batch:
            for stage in article_pipeline().stages:
                s = time.process_time()
                article = stage.func(article, Context.of(settings))
                per_stage[stage.name] += time.process_time() - s
            analysed.append(article)
    return per_stage, analysed


def _compare_by_stage(stories: tuple[Story, ...], analysed: list[Article], settings: newsweave.Settings
                      ) -> dict[str, float]:
    """CPU seconds of each story stage over ``stories``."""
    context = StoryContext({a.id: a for a in analysed}, settings)
    seconds: dict[str, float] = defaultdict(float)
    for story in stories:
        for stage in STORY_STAGES:
            s = time.process_time()
            story = stage.func(story, context)
            seconds[stage.name] += time.process_time() - s
    return seconds


def _long_by_stage(long_rows: list[dict], settings: newsweave.Settings) -> float:
    """Where the time of the long run goes, step by step (a second pass over the same texts, each step
    timed alone): normalise, the parse, each article stage, grouping, each story stage, and all but the
    parse together."""
    started = time.process_time()
    articles, _ = normalise_many(_docs(long_rows))
    seconds = {"normalise": time.process_time() - started}
    per_stage, analysed = _analyse_by_stage(articles, settings)
    seconds.update(per_stage)
    started = time.process_time()
    stories = newsweave.find_stories(analysed, settings)
    seconds["group"] = time.process_time() - started
    seconds.update({f"compare:{name}": sec for name, sec in _compare_by_stage(stories, analysed, settings).items()})
    forget()
    parse_s = seconds["parse (nlp.pipe)"]
    print("  where the time goes, CPU s:", ", ".join(f"{name} {sec:.2f}" for name, sec in seconds.items()),
          f"(all but the parse {sum(seconds.values()) - parse_s:.2f}, the parse {parse_s:.2f})")
    return sum(seconds.values()) - parse_s


def main() -> None:
    limit = int(sys.argv[1]) if len(sys.argv) > 1 else 200
    long_limit = int(sys.argv[2]) if len(sys.argv) > 2 else 60
    if not DATA.exists():
        print(json.dumps([{"name": "speed", "metric": "skipped", "value": None, "why": f"{DATA} absent"}]))
        return
    every = [json.loads(line) for line in DATA.read_text(encoding="utf-8").splitlines()]
    rows = every[:limit]
    docs = _docs(rows)
    started = time.process_time()
    articles, _ = normalise_many(docs)
    normalise_s = time.process_time() - started
    newsweave.analyse_article(articles[0])  # load the spaCy model outside the timing
    long_rows = long_articles(every, long_limit)
    forget()  # no parse of the long run is reused below
    settings = newsweave.Settings()
    per_stage, analysed = _analyse_by_stage(articles, settings)
    analyse_s = sum(per_stage.values())
    t1 = time.process_time()
    stories = newsweave.find_stories(analysed)
    group_s = time.process_time() - t1
    story_stage_s = _compare_by_stage(stories, analysed, settings)
    compare_s = sum(story_stage_s.values())
    total = normalise_s + analyse_s + group_s + compare_s
    n = len(articles)
    print(f"{n} ECB+ dev articles, one thread, CPU time")
    print(f"  normalise {normalise_s:7.2f}s")
    for name, sec in per_stage.items():
        print(f"  analyse:{name:17s} {sec:7.2f}s  ({sec / n * 1000:.1f} ms/article)")
    print(f"  group     {group_s:7.2f}s ({len(stories)} stories)")
    for name, sec in story_stage_s.items():
        print(f"  compare:{name:14s} {sec:7.2f}s")
    print(f"  per-article analysis: {n / analyse_s:.1f} articles/s; whole run: {n / total:.1f} articles/s")
    print(json.dumps([
        {"name": "speed", "metric": "analysis_articles_per_s", "value": round(n / analyse_s, 2), "articles": n},
        {"name": "speed", "metric": "whole_run_articles_per_s", "value": round(n / total, 2), "articles": n},
        *long_rows,
    ]))


if __name__ == "__main__":
    main()
