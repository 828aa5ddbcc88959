"""Functions that offer a batch form get batches from the local and process executors (and the same
results, in order); others keep getting one item at a time."""

from __future__ import annotations

from newsweave.runtime import LocalExecutor, ProcessExecutor
from newsweave.runtime.local import batches, run_batch


class Doubler:
    """Doubles each item plus the context; its batch form records the batch sizes it was handed."""

    def __init__(self) -> None:
        self.sizes: list[int] = []

    def __call__(self, item: int, context: object) -> int:
        assert isinstance(context, int)
        return 2 * item + context

    def batch(self, items: list[int], context: object) -> list[int]:
        self.sizes.append(len(items))
        return [self(item, context) for item in items]


def test_batches_cut_a_stream_into_lists_of_the_size_with_a_shorter_last() -> None:
    assert list(batches(iter(range(7)), 3)) == [[0, 1, 2], [3, 4, 5], [6]]
    assert list(batches([], 3)) == []


def test_the_local_executor_hands_a_batching_function_batches() -> None:
    fn = Doubler()
    assert list(LocalExecutor(batch=4).map(fn, range(10), 1)) == [2 * k + 1 for k in range(10)]
    assert fn.sizes == [4, 4, 2]


def test_a_function_without_a_batch_form_runs_item_by_item() -> None:
    assert run_batch(lambda item, context: (item, context), [1, 2], "c") == [(1, "c"), (2, "c")]
    assert list(LocalExecutor(batch=4).map(lambda item, context: item * 3, range(5), None)) == [0, 3, 6, 9, 12]


def test_the_process_executor_gives_a_batching_function_the_same_results_in_order() -> None:
    with ProcessExecutor(2, ahead=1, batch=3) as executor:
        assert list(executor.map(Doubler(), range(11), 5)) == [2 * k + 5 for k in range(11)]
