"""Standing site lines: a line one outlet repeats across many of its reports is boilerplate, taken out in
normalise as debris with its reason; other outlets and single reports are left alone."""

from __future__ import annotations

from newsweave import api
from newsweave.config import Settings
from newsweave.model import Article, Meta
from newsweave.normalise import NormaliseConfig
from newsweave.normalise.standing import line_key, outlet_of, repeated_lines, standing_lines
from tests.conftest import raw

BOILERPLATE = "Get the Gullhaven Ledger's morning briefing in your inbox every weekday."
TOPICS = ["ferry pier", "school choir", "tram depot", "river wall", "bakery fire", "park lights"]


def _report(n: int, topic: str, outlet: str, extra: str | None = BOILERPLATE):
    lines = [f"Council acts on the {topic}",
             f"The council said on Monday that the {topic} would be looked at again by its planning committee.",
             f"Residents near the {topic} had asked for changes for {n + 2} years, a spokesperson said."]
    if extra:
        lines.append(extra)
    return raw("\n\n".join(lines), f"{outlet}-{n}.txt", outlet=outlet)


def test_repeated_lines_needs_both_the_count_and_the_share() -> None:
    docs = [["a line here", f"own line {k}"] for k in range(10)]
    assert repeated_lines(docs, least=5) == {"a line here": 10}
    assert repeated_lines(docs[:4], least=5) == {}
    others = [[f"line of report {k}"] for k in range(40)]
    assert repeated_lines(docs + others, least=5, share=0.3) == {}  # in 10 of 50: under the share


def test_repeated_lines_counts_a_line_once_per_document() -> None:
    assert repeated_lines([["Same  LINE.", "same line"], ["x"]], least=2) == {}


def test_outlet_of_uses_the_outlet_then_the_url_host() -> None:
    assert outlet_of(raw("text", outlet="Gullhaven Ledger")) == "Gullhaven Ledger"
    assert outlet_of(raw("text", url="https://www.ledger.invalid/a/1")) == "ledger.invalid"
    assert outlet_of(raw("text")) is None


def test_standing_lines_are_found_per_outlet_with_a_reason() -> None:
    docs = [_report(n, t, "Gullhaven Ledger") for n, t in enumerate(TOPICS)]
    docs += [_report(n, t, "Ostrava Bugle") for n, t in enumerate(TOPICS[:2])]
    found = standing_lines(docs, NormaliseConfig(standing_reports=5, standing_share=0.2))
    assert set(found) == {"Gullhaven Ledger"}
    assert found["Gullhaven Ledger"] == {line_key(BOILERPLATE): "standing line: in 6 of 6 reports of Gullhaven Ledger"}


def test_normalise_many_takes_standing_lines_out_as_debris() -> None:
    docs = [_report(n, t, "Gullhaven Ledger") for n, t in enumerate(TOPICS)]
    docs.append(_report(9, "harbour crane", "Ostrava Bugle", extra=BOILERPLATE))  # another outlet: kept
    articles, problems = api.normalise_many(docs)
    assert not problems
    ledger = [a for a in articles if a.outlet and a.outlet.value == "Gullhaven Ledger"]
    assert len(ledger) == 6
    for article in ledger:
        assert BOILERPLATE not in article.text
        assert "planning committee" in article.text
        (removal,) = [r for r in article.removed if r.reason.startswith("standing line")]
        assert removal.text == BOILERPLATE and removal.reason == "standing line: in 6 of 6 reports of Gullhaven Ledger"
        assert "\n\n".join(article.text[s:e] for s, e in article.paragraphs) == article.text
    (bugle,) = [a for a in articles if a.outlet and a.outlet.value == "Ostrava Bugle"]
    assert BOILERPLATE in bugle.text


def test_normalise_many_keeps_a_line_repeated_in_too_few_reports() -> None:
    docs = [_report(n, t, "Gullhaven Ledger", extra=BOILERPLATE if n < 2 else None) for n, t in enumerate(TOPICS)]
    articles, _ = api.normalise_many(docs, Settings())
    assert sum(BOILERPLATE in a.text for a in articles) == 2


def test_compare_reads_the_same_rule() -> None:
    from newsweave.compare.text import standing_lines as fact_standing

    articles = {
        f"a{n}": Article(f"a{n}", f"a{n}.txt", f"{BOILERPLATE} Story {n}.", outlet=Meta("Gullhaven Ledger", "record"),
                         sentences=((0, len(BOILERPLATE)), (len(BOILERPLATE) + 1, len(BOILERPLATE) + 10)))
        for n in range(3)
    }
    assert fact_standing(articles, {"Gullhaven Ledger"}, 3) == {("Gullhaven Ledger", BOILERPLATE.lower())}
