"""The process executor: results in order, streamed with a bounded number in flight, the same articles as
the local executor, and a worker that lives as long as the executor."""

from __future__ import annotations

import operator
from collections.abc import Iterator

from newsweave import api
from newsweave.model import Article
from newsweave.runtime import LocalExecutor, ProcessExecutor

TEXT = ("Councillor Ida Brenn said on Tuesday that the Lowmere ferry would run again from June. \"The boats are "
        "ready,\" she told the Lowmere Gazette.")


def test_process_executor_keeps_order_and_bounds_what_is_in_flight() -> None:
    taken: list[int] = []

    def items() -> Iterator[int]:
        for k in range(20):
            taken.append(k)
            yield k

    with ProcessExecutor(2, ahead=2) as executor:
        results = executor.map(operator.add, items(), 100)
        assert next(results) == 100 and len(taken) <= 2 * 2 + 1
        assert list(results) == [100 + k for k in range(1, 20)]


def test_process_executor_analyses_articles_as_the_local_one_does() -> None:
    articles = [Article(f"a{k}", f"a{k}.txt", TEXT.replace("June", month), language="en")
                for k, month in enumerate(["June", "July", "May"])]
    local = list(api.analyse_many(articles, executor=LocalExecutor()))
    with ProcessExecutor(1) as executor:
        remote = list(api.analyse_many(articles, executor=executor))
        workers = executor._pool
        again = list(api.analyse_many(articles[:1], executor=executor))
        assert executor._pool is workers  # the same worker, its model loaded once
    assert remote == local and again == local[:1] and all(a is not None and a.quotes for a, _ in remote)
