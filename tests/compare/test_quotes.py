"""Quote matching and quote families, on hand-written quotes (never text from shared/samples)."""

from __future__ import annotations

import pytest

from newsweave.compare.quote_match import compare_quotes, word_diff, words
from newsweave.compare.quotes import quote_families
from newsweave.config import Settings
from newsweave.model import Article, Entity, Mention, Quote, Span, Story
from newsweave.pipeline import StoryContext


@pytest.mark.parametrize(
    ("a", "b", "speakers", "kind"),
    [
        ("The ferry will sail again on Monday.", "the ferry will sail again on Monday", "unknown", "exact"),
        ("We can't wait any longer.", "We can not wait any longer!", "unknown", "exact"),
        ("The ferry will sail again on Monday, weather permitting.", "sail again on Monday", "unknown",
         "partial"),
        ("The harbour is closed. Nobody may enter the quay until the storm passes.",
         "Nobody may enter the quay until the storm passes, and the harbour is closed.", "same", "partial"),
        ("Fishermen have a right to their nets. Nobody should lose them over a storm.",
         "Fishermen have a right to keep their nets, no one should be losing them because of a storm.",
         "same", "reworded"),
    ],
)
def test_compare_quotes_finds_the_same_utterance(a: str, b: str, speakers: str, kind: str) -> None:
    match = compare_quotes(a, b, speakers)  # type: ignore[arg-type]
    assert match.same and match.kind == kind, match


@pytest.mark.parametrize(
    ("a", "b", "speakers"),
    [
        ("The ferry will sail again on Monday.", "Ticket prices will rise by a third next year.", "same"),
        ("We will rebuild the pier by spring.", "Divers found the old anchor under the pier.", "unknown"),
        ("Fishermen have a right to their nets and their boats.",
         "Fishermen have every right to their boats and their nets.", "different"),
        ("the harbour", "the harbour is closed to all boats until further notice", "unknown"),
    ],
)
def test_compare_quotes_keeps_different_utterances_apart(a: str, b: str, speakers: str) -> None:
    assert not compare_quotes(a, b, speakers).same  # type: ignore[arg-type]


def test_words_expand_contractions_and_keep_offsets() -> None:
    text = "I’m sure it won't rain."
    got = words(text)
    assert [w.norm for w in got] == ["i", "am", "sure", "it", "will", "not", "rain"]
    assert text[got[0].start : got[0].end] == "I’m"


def test_word_diff_gives_offsets_into_both_quotes() -> None:
    a, b = "the ferry will sail on Monday", "the old ferry will sail on Tuesday"
    ops = word_diff(a, b)
    tags = [op[0] for op in ops]
    assert tags == ["equal", "insert", "equal", "replace"]
    replace = ops[-1]
    assert a[replace[1] : replace[2]] == "Monday" and b[replace[3] : replace[4]] == "Tuesday"
    insert = ops[1]
    assert insert[1] == insert[2] and b[insert[3] : insert[4]] == "old"


def _article(aid: str, text: str, quote: str, speaker: str) -> Article:
    start = text.index(quote)
    s_start = text.index(speaker)
    q = Quote(f"{aid}-q1", Span(aid, start, start + len(quote)), quote, "direct", speaker,
              Span(aid, s_start, s_start + len(speaker)))
    return Article(aid, aid, text, quotes=(q,))


def test_quote_families_groups_across_articles_and_marks_singles() -> None:
    a = _article("a", "Mayor Ines Vale said: “The ferry will sail again on Monday, weather permitting.”",
                 "The ferry will sail again on Monday, weather permitting.", "Ines Vale")
    b = _article("b", "“The ferry will sail again on Monday,” said Ines Vale.",
                 "The ferry will sail again on Monday,", "Ines Vale")
    c = _article("c", "Harbour master Otto Brill said: “Ticket prices will rise by a third.”",
                 "Ticket prices will rise by a third.", "Otto Brill")
    vale = Entity("e1", "Ines Vale", "PERSON", tuple(
        Mention(x.quotes[0].speaker_span, "Ines Vale", "PERSON") for x in (a, b)))  # type: ignore[arg-type]
    story = Story("s1", "Ferry", tuple(Span(x.id, 0, len(x.text)) for x in (a, b, c)), entities=(vale,))
    result = quote_families(story, StoryContext({x.id: x for x in (a, b, c)}, Settings()))
    families = {f.text: f for f in result.quote_families}
    shared = families["The ferry will sail again on Monday, weather permitting."]
    assert shared.quotes == ("a-q1", "b-q1") and shared.match == "partial" and not shared.single
    assert shared.speaker == "e1" and shared.outlets == 2 and shared.diffs[0].ops[0][0] == "equal"
    assert families["Ticket prices will rise by a third."].single
    assert {q.id: q.family for q in result.quotes}["a-q1"] == {q.id: q.family for q in result.quotes}["b-q1"]
