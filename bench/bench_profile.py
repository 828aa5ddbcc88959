"""Where newsweave's OWN time goes, apart from the spaCy parse: CPU seconds per stage on long real articles.

Each article is parsed first (timed as ``parse``; the parse is cached per process, so the stages after it
reuse it), then every article stage runs on it and is timed alone; the analysed articles are then grouped
into stories (``group``) and every story stage runs on every story (``compare:<stage>``). Times are CPU
seconds of this process (``time.process_time``), one thread.

    OMP_NUM_THREADS=1 .venv/bin/python bench/bench_profile.py [--ecb N] [--polnear N] [--dump DIR] [--profile]

``--ecb N``: the first N ECB+ dev articles of at least 3,000 characters (default 150, all of them);
``--polnear N``: also N PolNeAR *train* articles (default 60; the dev split is the one whose quality is
reported). ``--dump DIR`` writes the analysed articles and compared stories as codec JSON (one file each),
to check that a speed-up leaves every output identical. ``--profile`` prints cProfile's top functions of
our own stages (the parse excluded). The last stdout line is the JSON rows: parse seconds, our own seconds,
and their ratio.
"""

from __future__ import annotations

import argparse
import cProfile
import json
import pstats
import time
from collections import defaultdict
from pathlib import Path

import newsweave
from newsweave import codec
from newsweave.analyse.nlp import parse
from newsweave.api import STORY_STAGES, article_pipeline, normalise_many
from newsweave.eval.polnear import load_split
from newsweave.model import Article, Meta, RawDocument
from newsweave.pipeline import Context

DATA = Path(__file__).resolve().parents[2] / "shared" / "data"
LONG_CHARS = 3000


def _raw(ecb: int, polnear: int) -> list[RawDocument]:
    rows = [json.loads(line) for line in (DATA / "ecbplus-dev" / "articles.jsonl").read_text("utf-8").splitlines()]
    docs = [RawDocument(f"ecb:{r['id']}", r["text"], "record", (("title", Meta(r["title"], "record")),))
            for r in rows if len(r["text"]) >= LONG_CHARS][:ecb]
    if polnear and (DATA / "polnear").exists():
        docs += [RawDocument(f"polnear:{name}", text, "record")
                 for name, text, _ in load_split(DATA / "polnear", "train", limit=polnear, every=7)]
    return docs


def _analyse(articles: list[Article], seconds: dict[str, float], profiler: cProfile.Profile | None) -> list[Article]:
    settings = newsweave.Settings()
    stages = article_pipeline().stages
    out = []
    for article in articles:
        started = time.process_time()
        parse(article, settings.spacy_model)
        seconds["parse"] += time.process_time() - started
        if profiler:
            profiler.enable()
        for stage in stages:
            started = time.process_time()
            article = stage.func(article, Context.of(settings))
            seconds[stage.name] += time.process_time() - started
        if profiler:
            profiler.disable()
        out.append(article)
    return out


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--ecb", type=int, default=150)
    parser.add_argument("--polnear", type=int, default=60)
    parser.add_argument("--dump", type=Path)
    parser.add_argument("--profile", action="store_true")
    args = parser.parse_args()
    if not (DATA / "ecbplus-dev").exists():
        print(json.dumps([{"name": "profile", "metric": "skipped", "value": None, "why": f"{DATA} absent"}]))
        return
    settings = newsweave.Settings()
    articles, _ = normalise_many(_raw(args.ecb, args.polnear), settings)
    newsweave.analyse_article(articles[0])  # load the model outside the timing (its parse is cached too)
    profiler = cProfile.Profile() if args.profile else None
    seconds: dict[str, float] = defaultdict(float)
    analysed = _analyse(articles, seconds, profiler)
    if profiler:
        profiler.enable()
    started = time.process_time()
    stories = newsweave.find_stories(analysed, settings)
    seconds["group"] = time.process_time() - started
    context = Context({a.id: a for a in analysed}, settings)
    compared = []
    for story in stories:
        for stage in STORY_STAGES:
            started = time.process_time()
            story = stage.func(story, context)
            seconds[f"compare:{stage.name}"] += time.process_time() - started
        compared.append(story)
    if profiler:
        profiler.disable()
    own = sum(s for name, s in seconds.items() if name != "parse")
    n, chars = len(analysed), sum(len(a.text) for a in analysed)
    print(f"{n} long articles ({chars // n} characters on average), {len(stories)} stories, one thread, CPU s")
    for name, sec in seconds.items():
        print(f"  {name:26s} {sec:7.2f}s  ({sec / n * 1000:6.1f} ms/article)")
    print(f"  {'own (all but parse)':26s} {own:7.2f}s  = {own / seconds['parse']:.2f}x the parse")
    if args.dump:
        args.dump.mkdir(parents=True, exist_ok=True)
        (args.dump / "articles.json").write_text(json.dumps(codec.encode(analysed), sort_keys=True), "utf-8")
        (args.dump / "stories.json").write_text(json.dumps(codec.encode(compared), sort_keys=True), "utf-8")
    if profiler:
        pstats.Stats(profiler).sort_stats("cumulative").print_stats(45)
        pstats.Stats(profiler).sort_stats("tottime").print_stats(30)
    print(json.dumps([
        {"name": "profile", "metric": "parse_cpu_s", "value": round(seconds["parse"], 2), "articles": n},
        {"name": "profile", "metric": "own_cpu_s", "value": round(own, 2), "articles": n},
        {"name": "profile", "metric": "own_to_parse", "value": round(own / seconds["parse"], 3), "articles": n},
        *({"name": "profile", "metric": f"{k}_cpu_s", "value": round(v, 2)} for k, v in seconds.items()),
    ]))


if __name__ == "__main__":
    main()
