"""The quality gate: every floor of newsweave.eval.floors holds on the shared development data."""

from __future__ import annotations

from pathlib import Path

import pytest

from newsweave.eval import FLOORS, MEASURES, Floor, check
from tests.conftest import DATA

GOLD = Path(__file__).resolve().parents[1] / "bench" / "gold"
_MEASURED: dict[str, dict[str, float]] = {}  # one run per measurement, shared by its floors


def _figures(floor: Floor) -> dict[str, float]:
    if floor.measure not in _MEASURED:
        _MEASURED[floor.measure] = MEASURES[floor.measure](DATA, GOLD)
    return _MEASURED[floor.measure]


@pytest.mark.data
@pytest.mark.parametrize("floor", FLOORS, ids=[f.name for f in FLOORS])
def test_floor_holds(floor: Floor) -> None:
    missing = [need for need in floor.needs if not (DATA / need).exists()]
    if missing:
        pytest.skip(f"{', '.join(str(DATA / m) for m in missing)} not found (shared development data absent)")
    for module in floor.modules:
        pytest.importorskip(module, reason=f"{module} (bench extra) not installed")
    failure = check(floor, _figures(floor))
    assert failure is None, failure


def test_floors_table_is_complete() -> None:
    names = [f.name for f in FLOORS]
    assert len(names) == len(set(names))
    assert {f.measure for f in FLOORS} == set(MEASURES)
    assert all(f.command for f in FLOORS)
    assert all(f.floor > 0 for f in FLOORS if f.op in (">=", "=="))
    # optional modules are the bench extra's; a misspelt one would turn its floors into permanent skips
    assert {m for f in FLOORS for m in f.modules} <= {"rouge_score", "sumy"}


@pytest.mark.parametrize(
    ("op", "floor", "value", "holds"),
    [(">=", 0.8, 0.8, True), (">=", 0.8, 0.79, False), (">", 0.0, 0.0, False), (">", 0.0, 0.01, True),
     ("<=", 0.06, 0.06, True), ("<=", 0.06, 0.07, False), ("==", 772, 772, True), ("==", 1.0, 0.999, False)],
)
def test_floor_holds_by_its_operator(op: str, floor: float, value: float, holds: bool) -> None:
    row = Floor("x", "stories_whole", "f", op, floor, (), "cmd")  # type: ignore[arg-type]
    assert row.holds(value) is holds
    assert (check(row, {"f": value}) is None) is holds


def test_check_names_a_missing_figure() -> None:
    row = Floor("x", "stories_whole", "nope", ">=", 0.5, (), "cmd")
    assert "no figure 'nope'" in (check(row, {"f": 1.0}) or "")
