"""The PolNeAR scorer: brat stand-off reading, the direct/mixed/indirect/other mapping, matching and speakers.

Every text here is invented; nothing comes from PolNeAR or the bundled samples.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from newsweave.eval.polnear import GoldAttribution, classify, load_split, read_ann, score_articles

TEXT = (
    "Ferry strike ends\n\n"
    "“The boats will sail again on Monday,” harbour chief Lena Varga said. “Nobody wants another week.”\n\n"
    "Varga said the union had accepted a “fair and final” offer from the operator.\n\n"
    "The operator said it would hire twelve new deckhands before the summer.\n\n"
    "Many islanders believe that the strike was avoidable.\n\n"
    "Union members called the deal a “victory for common sense” at a meeting on Friday.\n"
)


def _at(fragment: str) -> tuple[int, int]:
    """The offsets of ``fragment``; "[x]y" is x where it is followed by y (to tell repeated words apart)."""
    word, _, after = fragment.removeprefix("[").partition("]")
    i = TEXT.index(word + after)
    return i, i + len(word)


def _t(n: int, label: str, *fragments: str) -> str:
    pieces = [_at(f) for f in fragments]
    offsets = ";".join(f"{s} {e}" for s, e in pieces)
    return f"T{n}\t{label} {offsets}\t{' '.join(TEXT[s:e] for s, e in pieces)}"


ANN = "\n".join([
    # a direct quotation split by its speech tag: one attribution whose content is in two pieces
    _t(1, "Source", "harbour chief Lena Varga"), _t(2, "Cue", "said"),
    _t(3, "Content", "“The boats will sail again on Monday,”", "“Nobody wants another week.”"),
    _t(4, "Attribution", "said"), "E1\tAttribution:T4 Content:T3 Cue:T2 Source:T1",
    # mixed: a paraphrase carrying quoted words
    _t(5, "Source", "[Varga] said the union"), _t(6, "Cue", "[said] the union"),
    _t(7, "Content", "the union had accepted a “fair and final” offer from the operator"),
    _t(8, "Attribution", "[said] the union"), "E2\tAttribution:T8 Content:T7 Cue:T6 Source:T5",
    # indirect
    _t(9, "Source", "The operator"), _t(10, "Cue", "[said] it would"),
    _t(11, "Content", "it would hire twelve new deckhands before the summer"),
    _t(12, "Attribution", "[said] it would"), "E3\tAttribution:T12 Cue:T10 Source:T9 Content:T11",
    # a state of mind: no speech cue, no quotation marks
    _t(13, "Source", "Many islanders"), _t(14, "Cue", "believe"),
    _t(15, "Content", "the strike was avoidable"),
    _t(16, "Attribution", "believe"), "E4\tAttribution:T16 Content:T15 Cue:T14 Source:T13",
    "#1\tAnnotatorNotes T3\tA note line\nthat runs over a line break",
    _t(17, "Discuss", "at a meeting on Friday"),
])


def test_read_ann_joins_source_cue_and_content_and_keeps_pieces() -> None:
    found = read_ann(ANN)
    assert [a.id for a in found] == ["E1", "E2", "E3", "E4"]
    first = found[0]
    assert len(first.content) == 2
    assert [TEXT[s:e] for s, e in first.source] == ["harbour chief Lena Varga"]
    assert [TEXT[s:e] for s, e in found[2].content] == ["it would hire twelve new deckhands before the summer"]
    assert [TEXT[s:e] for s, e in found[1].source] == ["Varga"] and found[1].source[0][0] > first.source[0][1]


def test_read_ann_reads_attributions_without_a_source() -> None:
    ann = "\n".join([_t(1, "Cue", "believe"), _t(2, "Content", "the strike was avoidable"),
                     _t(3, "Attribution-no-source", "believe"),
                     "E1\tAttribution-no-source:T3 Cue:T1 Content:T2"])
    (only,) = read_ann(ann)
    assert only.source == () and TEXT[slice(*only.content[0])] == "the strike was avoidable"


@pytest.mark.parametrize(("index", "speech", "kind"), [(0, True, "direct"), (1, True, "mixed"),
                                                        (2, True, "indirect"), (3, False, "other"),
                                                        (0, False, "direct"), (1, False, "other")])
def test_classify_reads_the_kind_from_quotation_marks_and_the_cue(index: int, speech: bool, kind: str) -> None:
    assert classify(TEXT, read_ann(ANN)[index], speech) == kind


def test_classify_counts_a_leading_that_outside_the_marks_as_direct() -> None:
    text = "The mayor said that “the ferry will run again on Monday.”"
    start = text.index("that")
    assert classify(text, GoldAttribution("E1", (), (), ((start, len(text)),)), True) == "direct"


def test_load_split_reads_one_annotator_per_article(tmp_path: Path) -> None:
    folder = tmp_path / "data" / "dev"
    (folder / "text").mkdir(parents=True)
    (folder / "attributions").mkdir()
    (folder / "text" / "outlet_2016-01-01_ferry.txt").write_text(TEXT, encoding="utf-8")
    (folder / "attributions" / "outlet_2016-01-01_ferry_b2b2.ann").write_text("", encoding="utf-8")
    (folder / "attributions" / "outlet_2016-01-01_ferry_a1a1.ann").write_text(ANN, encoding="utf-8")
    ((name, text, ann),) = load_split(tmp_path, "dev")
    assert name == "outlet_2016-01-01_ferry" and text == TEXT and ann == ANN


def test_score_articles_counts_kinds_matches_and_speakers() -> None:
    result = score_articles([("ferry", TEXT, ANN)], textacy=False)
    assert result.gold_kinds == {"direct": 1, "mixed": 1, "indirect": 1, "other": 1}
    direct = result.tallies["direct"]
    # the split quotation gives two predicted quotes, both matching the one attribution
    assert (direct.gold, direct.gold_ok) == (1, 1)
    assert direct.precision == 1.0
    assert result.speakers["direct"] == [1, 1]
    reported = result.tallies["reported"]
    assert (reported.gold, reported.gold_ok) == (2, 2)
    # the "victory for common sense" fragment has no gold attribution: it is a false quote
    assert (reported.pred_ok, reported.pred) == (2, 3)
    assert result.speakers["reported"] == [2, 2]
    assert result.figures()["direct_recall"] == 1.0


def test_a_quote_without_gold_lowers_precision() -> None:
    text = "Ferry strike ends\n\n“The boats will sail again on Monday,” harbour chief Lena Varga said.\n"
    result = score_articles([("ferry", text, "")], textacy=False)
    assert result.tallies["direct"].pred == 1 and result.tallies["direct"].precision == 0.0


def test_speaker_wrong_and_missing_shares_are_told_apart() -> None:
    # gold: three direct attributions by Varga; the engine names her, names nobody, and names the mayor
    text = ("Ferry strike ends\n\n"
            "“The boats will sail again on Monday,” Lena Varga said.\n\n"
            "Nothing moved at the harbour.\n\n"
            "“The deckhands have all come back to work.”\n\n"
            "The mayor was at the quay. “We checked every single rope twice,” the mayor said.\n")
    at = {q: text.index(q) for q in ("“The boats", "“The deckhands", "“We checked", "Lena Varga")}

    def quote_end(start: int) -> int:
        return text.index("”", start) + 1

    lines = []
    for n, key in enumerate(("“The boats", "“The deckhands", "“We checked")):
        source = at["Lena Varga"]
        lines += [f"T{3 * n + 1}\tSource {source} {source + 10}\tLena Varga",
                  f"T{3 * n + 2}\tContent {at[key]} {quote_end(at[key])}\t{text[at[key]:quote_end(at[key])]}",
                  f"T{3 * n + 3}\tAttribution {source} {source + 1}\tL",
                  f"E{n + 1}\tAttribution:T{3 * n + 3} Content:T{3 * n + 2} Source:T{3 * n + 1}"]
    result = score_articles([("ferry", text, "\n".join(lines))], textacy=False)
    figures = result.figures()
    assert result.speakers["direct"] == [1, 3]
    assert result.missing["direct"] == 1
    assert figures["speaker_right"] == pytest.approx(1 / 3)
    assert figures["speaker_wrong"] == pytest.approx(1 / 3)
    assert figures["speaker_missing"] == pytest.approx(1 / 3)
