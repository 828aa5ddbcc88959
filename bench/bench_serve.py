"""Speed of ``newsweave serve``: the story page and its JSON twin for a 50-article story, under 20
concurrent clients on loopback. Target: p95 <= 150 ms with no errors.

The story is built from real dev articles: the 50 ECB+ dev articles of the two largest topics (t1: 39
articles, t13: 11 more, in file order), analysed with the real pipeline and stored as ONE story (one
grouped story over all 50 articles, compared with the real story stages), so the page carries 50
articles side by side with their facts, entities, quotes and timeline. The server runs in its own
process (uvicorn, one worker, as ``newsweave serve`` runs it); the clients are httpx async clients in
this process, each fetching the page and the JSON in turn for ``--seconds`` (default 60) and reading the
gzipped body as sent (a browser inflates it in its own process; here that would be client CPU taken from
the server's two cores). The page's own p50/p95 is printed too, and the time to build one page in this
process with nothing cached (one thread: stable on a loaded machine, unlike latencies). When ``wrk``
is installed (Debian's package; `make bench` installs it as root), the same load is then driven by wrk
with one thread and 20 connections: the Python clients share the two cores with the server and spend
much of the latency they measure on their own CPU, so both figures are printed (`p95_ms` and
`wrk_p95_ms`).

    .venv/bin/python bench/bench_serve.py --seconds 60 [--data ../shared/data] [--db /tmp/bench.db]

The last stdout line is a JSON list of {"name", "metric", "value"} rows (bench/run_all.py reads it).
"""

from __future__ import annotations

import argparse
import asyncio
import json
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import httpx

from newsweave import api
from newsweave.app import Workspace
from newsweave.config import Settings
from newsweave.ingest.base import ReadResult
from newsweave.ingest.records import read_jsonl
from newsweave.model import Span, Story
from newsweave.serve.render import render_page
from newsweave.serve.views import Views
from newsweave.store import open_store

#: The shared data folder: by default ``shared/data`` beside the repository (``/work/shared`` for a clone or
#: a worktree at ``/work/X``); ``--data`` names another.
DATA = Path(__file__).resolve().parents[2] / "shared" / "data"
ARTICLES = Path("ecbplus-dev") / "articles.jsonl"
TOPICS = ("t1", "t13")
SIZE = 50
CLIENTS = 20
TARGET_P95_MS = 150.0


def build_store(path: str, data: Path = DATA) -> str:
    """Analyse 50 dev articles and store them as one compared story; return its id."""
    lines = [line for line in (data / ARTICLES).read_text(encoding="utf-8").splitlines() if line.strip()]
    rows = [json.loads(line) for line in lines]
    chosen = [r for t in TOPICS for r in rows if r["story"] == t][:SIZE]
    found: ReadResult = read_jsonl("ecbplus-dev.jsonl", "\n".join(json.dumps(r) for r in chosen).encode())
    articles, _ = api.normalise_many(found.documents)
    analysed = [a for a, _ in api.analyse_many(articles) if a is not None]
    whole = Story(
        "s-bench", analysed[0].title or "bench", tuple(Span(a.id, 0, len(a.text)) for a in analysed)
    )
    stories, _ = api.compare_stories([whole], analysed)
    with open_store(path) as store:
        store.put_articles(analysed)
        store.put_stories(stories)
    return stories[0].id


def render_ms(db: str, story_id: str, times: int = 5) -> float:
    """The median CPU time to build the story page in this process, one thread, nothing cached: the story
    read from the store, its JSON document, the page's view and the template (stable on a loaded machine,
    unlike the latencies under load)."""
    workspace = Workspace.open(db, Settings())
    spent = []
    for _ in range(times):
        views = Views(workspace)
        started = time.process_time()  # CPU time of this one thread: what other processes take is not counted
        render_page("story.html", {**views.story_page(story_id), "token_required": False, "title": "t"})
        spent.append((time.process_time() - started) * 1000)
    workspace.close()
    return statistics.median(spent)


def _stored_story(path: str) -> str:
    with open_store(path) as store:
        return store.stories()[0].id


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def start_server(db: str, port: int) -> subprocess.Popen[bytes]:
    code = (
        "import uvicorn; from newsweave.serve import create_app; "
        f"uvicorn.run(create_app({db!r}), host='127.0.0.1', port={port}, log_level='warning')"
    )
    proc = subprocess.Popen([sys.executable, "-c", code])
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        try:
            if httpx.get(f"http://127.0.0.1:{port}/health", timeout=1).status_code == 200:
                return proc
        except httpx.HTTPError:
            time.sleep(0.2)
    proc.terminate()
    raise RuntimeError("the server did not start within 60 s")


async def drive(base: str, paths: list[str], seconds: float
                ) -> tuple[list[float], int, dict[str, int], dict[str, list[float]]]:
    """``CLIENTS`` clients, each requesting ``paths`` in turn until time is up. Each reads the whole
    body as sent (gzipped) without inflating it: inflating a megabyte costs these clients CPU that the
    server shares, which a browser spends in its own process; the latency is the server's answer."""
    latencies: list[float] = []
    by_path: dict[str, list[float]] = {p: [] for p in paths}
    errors: dict[str, int] = {}
    stop = time.monotonic() + seconds
    limits = httpx.Limits(max_connections=CLIENTS, max_keepalive_connections=CLIENTS)
    async with httpx.AsyncClient(base_url=base, timeout=30, limits=limits) as client:

        async def one(k: int) -> None:
            n = k
            while time.monotonic() < stop:
                path = paths[n % len(paths)]
                n += 1
                started = time.perf_counter()
                try:
                    async with client.stream("GET", path, headers={"accept-encoding": "gzip"}) as response:
                        async for _ in response.aiter_raw():
                            pass
                    ok = response.status_code == 200
                    key = f"HTTP {response.status_code}"
                except httpx.HTTPError as exc:
                    ok, key = False, type(exc).__name__
                latencies.append((time.perf_counter() - started) * 1000)
                by_path[path].append(latencies[-1])
                if not ok:
                    errors[key] = errors.get(key, 0) + 1

        await asyncio.gather(*(one(k) for k in range(CLIENTS)))
    return latencies, len(latencies), errors, by_path


def percentile(values: list[float], q: float) -> float:
    return (
        statistics.quantiles(values, n=100, method="inclusive")[int(q) - 1] if len(values) > 1 else values[0]
    )


_WRK_SCRIPT = """
local paths = {%s}
local n = 0
request = function()
  n = n + 1
  return wrk.format("GET", paths[(n %% #paths) + 1], {["Accept-Encoding"] = "gzip"})
end
done = function(summary, latency, requests)
  io.write(string.format("WRK %%d %%d %%.1f %%.1f %%.1f\\n", summary.requests,
    summary.errors.connect + summary.errors.read + summary.errors.write + summary.errors.status
    + summary.errors.timeout, latency:percentile(50) / 1000, latency:percentile(95) / 1000,
    latency:percentile(99) / 1000))
end
"""


def drive_wrk(base: str, paths: list[str], seconds: float) -> dict[str, float] | None:
    """The same load from wrk (C, one thread), when it is installed: the Python clients above share
    the machine's two cores with the server, so part of their latency is their own CPU time."""
    wrk = shutil.which("wrk")
    if wrk is None:
        return None
    with tempfile.NamedTemporaryFile("w", suffix=".lua", delete=False) as script:
        script.write(_WRK_SCRIPT % ", ".join(f'"{p}"' for p in paths))
    done = subprocess.run(
        [wrk, "-t1", f"-c{CLIENTS}", f"-d{int(seconds)}s", "--timeout", "30s", "-s", script.name, base],
        capture_output=True, text=True, timeout=seconds + 60, check=False,
    )
    Path(script.name).unlink()
    line = next((x for x in done.stdout.splitlines() if x.startswith("WRK ")), None)
    if line is None:
        return None
    requests, errors, p50, p95, p99 = line.split()[1:]
    return {"requests": int(requests), "errors": int(errors), "p50": float(p50), "p95": float(p95),
            "p99": float(p99)}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--seconds", type=float, default=60.0, help="how long the clients run (default 60)")
    parser.add_argument("--data", type=Path, default=DATA,
                        help=f"the shared data folder holding {ARTICLES} (default {DATA})")
    parser.add_argument("--db", help="reuse this store (built on the first run when missing) instead of a new one")
    args = parser.parse_args()
    if not (args.data / ARTICLES).exists():
        parser.error(f"no {args.data / ARTICLES}: pass --data with the shared data folder")
    with tempfile.TemporaryDirectory() as tmp:
        db = args.db or str(Path(tmp) / "bench.db")
        began = time.monotonic()
        story_id = _stored_story(db) if args.db and Path(db).exists() else build_store(db, args.data)
        print(f"a {SIZE}-article story {story_id} ready in {time.monotonic() - began:.1f} s", file=sys.stderr)
        rendered = render_ms(db, story_id)
        port = _free_port()
        server = start_server(db, port)
        try:
            base = f"http://127.0.0.1:{port}"
            paths = [f"/stories/{story_id}", f"/stories/{story_id}.json"]
            sizes = {p: len(httpx.get(base + p, timeout=60).content) for p in paths}  # warm the cache once
            latencies, count, errors, by_path = asyncio.run(drive(base, paths, args.seconds))
            by_wrk = drive_wrk(base, paths, args.seconds)
        finally:
            server.terminate()
            server.wait(timeout=10)
    p50, p95, p99 = (percentile(latencies, q) for q in (50, 95, 99))
    print(f"story page {sizes[paths[0]]:,} bytes, JSON {sizes[paths[1]]:,} bytes")
    print(
        f"{count} requests by {CLIENTS} clients in {args.seconds:g} s ({count / args.seconds:.0f}/s); "
        f"errors: {sum(errors.values())} {errors or ''}"
    )
    page_p50, page_p95 = (percentile(by_path[paths[0]], q) for q in (50, 95))
    print(f"the story page alone: p50 {page_p50:.1f}  p95 {page_p95:.1f} ms")
    print(f"one page built in process (one thread, nothing cached): {rendered:.1f} ms of CPU")
    print(f"latency ms: p50 {p50:.1f}  p95 {p95:.1f}  p99 {p99:.1f}  (target p95 <= {TARGET_P95_MS:g})")
    rows = []
    if by_wrk is not None:
        print(f"wrk, {CLIENTS} connections: {by_wrk['requests']} requests, errors {by_wrk['errors']}; latency ms: "
              f"p50 {by_wrk['p50']:.1f}  p95 {by_wrk['p95']:.1f}  p99 {by_wrk['p99']:.1f}")
        rows = [{"name": "serve", "metric": "wrk_p95_ms", "value": by_wrk["p95"], "target": TARGET_P95_MS},
                {"name": "serve", "metric": "wrk_requests", "value": by_wrk["requests"]},
                {"name": "serve", "metric": "wrk_errors", "value": by_wrk["errors"]}]
    print(
        json.dumps(
            rows + [
                {"name": "serve", "metric": "p95_ms", "value": round(p95, 1), "target": TARGET_P95_MS},
                {"name": "serve", "metric": "p50_ms", "value": round(p50, 1)},
                {"name": "serve", "metric": "render_ms", "value": round(rendered, 1)},
                {"name": "serve", "metric": "page_p95_ms", "value": round(page_p95, 1), "target": TARGET_P95_MS},
                {"name": "serve", "metric": "page_bytes", "value": sizes[paths[0]]},
                {"name": "serve", "metric": "p99_ms", "value": round(p99, 1)},
                {"name": "serve", "metric": "requests", "value": count},
                {"name": "serve", "metric": "errors", "value": sum(errors.values())},
            ]
        )
    )


if __name__ == "__main__":
    main()
