"""GET /check.json: the claim check over the store, and its errors."""

from __future__ import annotations

from pathlib import Path

import pytest

from newsweave.serve import create_app
from newsweave.store import open_store

from .support import Client, fill


@pytest.fixture
def client(tmp_path: Path) -> Client:
    path = str(tmp_path / "news.db")
    with open_store(path) as store:
        fill(store)
    c = Client(create_app(path))
    yield c
    c.close()


def test_check_lists_the_reports_that_relate_with_stance_and_sources(client: Client) -> None:
    data = client.get("/check.json", params={"claim": "Kestrel Bay harbour bridge reopened after repairs"}).json()
    assert data["claim"] == "Kestrel Bay harbour bridge reopened after repairs" and data["findings"]
    first = data["findings"][0]
    assert first["stance"] in ("agree", "disagree", "discuss") and first["spans"][0]["article"] == first["article"]
    assert sum(data["reports"].values()) == len(data["findings"]) and not data["note"]


def test_check_says_when_nothing_relates(client: Client) -> None:
    data = client.get("/check.json", params={"claim": "Quantum penguins colonise Jupiter"}).json()
    assert data["findings"] == [] and data["note"].startswith("no stored report relates")


@pytest.mark.parametrize("query", ["", "?claim=", "?claim=" + "x" * 501])
def test_check_without_a_usable_claim_is_a_422(client: Client, query: str) -> None:
    response = client.get("/check.json" + query)
    assert response.status_code == 422 and set(response.json()) == {"error"}


def test_check_of_a_claim_of_blanks_is_a_422_naming_the_claim(client: Client) -> None:
    response = client.get("/check.json", params={"claim": "   "})
    assert response.status_code == 422 and response.json()["error"]["message"].startswith("claim: ")


def test_check_page_lists_reports_by_stance_with_their_sentences(client: Client) -> None:
    page = client.get("/check", params={"claim": "Kestrel Bay harbour bridge reopened after repairs"})
    data = client.get("/check.json", params={"claim": "Kestrel Bay harbour bridge reopened after repairs"}).json()
    assert page.status_code == 200 and "related report" in page.text
    first = data["findings"][0]
    assert first["texts"][0].split()[0] in page.text and data["summary"][first["stance"]] in page.text


def test_check_page_without_a_claim_is_the_form_and_says_when_nothing_relates(client: Client) -> None:
    empty = client.get("/check")
    assert empty.status_code == 200 and 'name="claim"' in empty.text and "related report" not in empty.text
    nothing = client.get("/check", params={"claim": "Quantum penguins colonise Jupiter"})
    assert "Nothing stored relates to this claim" in nothing.text


def test_check_page_escapes_the_claim(client: Client) -> None:
    page = client.get("/check", params={"claim": "<script>alert(1)</script> bridge"})
    assert "<script>alert(1)</script>" not in page.text and "&lt;script&gt;" in page.text
