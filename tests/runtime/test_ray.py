"""The Ray executor: the same stages, the same stories as the local executor; Ray never needed to import."""

from __future__ import annotations

import json
import subprocess
import sys

import pytest

from newsweave import api
from newsweave.model import Meta, RawDocument
from newsweave.runtime import LocalExecutor
from tests.conftest import DATA

ECB = DATA / "ecbplus-dev" / "articles.jsonl"


def test_importing_newsweave_does_not_import_ray() -> None:
    code = "import sys, newsweave, newsweave.runtime, newsweave.bulk; print('ray' in sys.modules)"
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert done.stdout.strip() == "False"


def test_local_executor_streams_in_order() -> None:
    seen = []

    def items():
        for k in range(3):
            seen.append(k)
            yield k

    results = LocalExecutor().map(lambda item, context: (item, context), items(), "ctx")
    assert next(results) == (0, "ctx") and seen == [0]
    assert list(results) == [(1, "ctx"), (2, "ctx")]


def _ecb_articles(count: int) -> list:
    with ECB.open(encoding="utf-8") as handle:
        rows = [json.loads(line) for _, line in zip(range(count), handle, strict=False)]
    docs = [
        RawDocument(f"ecb:{r['id']}", r["text"], "record", (("title", Meta(r["title"], "record")),))
        for r in rows
    ]
    return api.normalise_many(docs)[0]


@pytest.mark.data
def test_ray_path_gives_the_same_articles_and_stories_as_the_local_path() -> None:
    if not ECB.exists():
        pytest.skip(f"{ECB} is absent")
    pytest.importorskip("ray", reason="Ray is not installed (pip install 'newsweave[ray]')")
    from newsweave.runtime.ray import RayExecutor

    articles = _ecb_articles(40)
    local = [a for a, _ in api.analyse_many(articles, executor=LocalExecutor())]
    with RayExecutor(num_cpus=1, workers=1, batch_size=8) as executor:
        pids = executor.worker_pids()
        remote = [a for a, _ in api.analyse_many(articles, executor=executor)]
        assert executor.worker_pids() == pids  # the same long-lived workers: models loaded once each
    assert remote == local
    assert api.find_stories(remote) == api.find_stories(local)
