"""Shared fixtures: hand-written reports (never text from shared/samples) and an in-memory store."""

from __future__ import annotations

from pathlib import Path

import pytest

from newsweave.model import Meta, RawDocument
from newsweave.store import Store, open_store

DATA = Path(__file__).resolve().parents[2] / "shared" / "data"

REPORT_A = """Harbour bridge reopens after storm damage repairs

Engineers finish three weeks of work on the northern span

The Kestrel Bay harbour bridge reopened to traffic on Tuesday after three weeks of repairs, the city council said.

"The bridge is safe and open again," said council engineer Maria Okafor, who led the repair team.

SHARE THIS

Storm Elena damaged 12 cables on the northern span in March, the council said.

Tomas Brandt

Tomas Brandt

Tomas Brandt is a reporter covering the coast for the Bay Courier"""

REPORT_B = """The Kestrel Bay harbour bridge opened again to cars on Tuesday following repairs that lasted three weeks.
Council engineer Maria Okafor said: “The bridge is safe and open again.”
Storm Elena damaged 14 cables on the northern span in March, according to the council.
Separately, the city zoo announced the birth of two snow leopard cubs."""


@pytest.fixture
def store() -> Store:
    with open_store(":memory:") as s:
        yield s


def raw(text: str, name: str = "report.txt", **meta: str) -> RawDocument:
    return RawDocument(name, text, "text", tuple((k, Meta(v, "sidecar")) for k, v in meta.items()))


@pytest.fixture
def reports_dir(tmp_path: Path) -> Path:
    folder = tmp_path / "reports"
    folder.mkdir()
    (folder / "courier.txt").write_text(REPORT_A, encoding="utf-8")
    (folder / "gazette.txt").write_text(REPORT_B, encoding="utf-8")
    (folder / "sources.json").write_text(
        '{"courier.txt": {"outlet": "Bay Courier", "published": "2024-03-29"},'
        ' "gazette.txt": {"outlet": "Coast Gazette", "published": "2024-03-29"}}', encoding="utf-8")
    return folder
