"""Quote matching and quote families, on hand-written quotes (never text from shared/samples)."""

from __future__ import annotations

import pytest

from newsweave.compare.quote_match import compare_quotes, name_words, names_agree, word_diff, words
from newsweave.compare.quotes import group_quotes, quote_families
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


def _quote(qid: str, article: str, text: str, speaker: str | None = None) -> Quote:
    return Quote(qid, Span(article, 0, len(text)), text, "direct", speaker)


def _person(eid: str, name: str) -> Entity:
    return Entity(eid, name, "PERSON", ())


def test_group_quotes_never_chains_a_member_that_misses_the_representative() -> None:
    # b overlaps a's start, c overlaps b's end, but c shares nothing with the representative a
    a = _quote("a", "x", "The pier will reopen in May once the divers have checked every pile under the old quay.")
    b = _quote("b", "y", "the divers have checked every pile under the old quay and the cranes are back")
    c = _quote("c", "z", "and the cranes are back on the north side of the harbour this week")
    groups, joined = group_quotes([a, b, c], [None, None, None])
    assert [0, 1] in groups and [2] in groups
    assert all(head == 0 for head, _ in joined)


def test_group_quotes_keeps_the_same_words_of_two_people_apart() -> None:
    vale, brill = _person("e1", "Ines Vale"), _person("e2", "Otto Brill")
    text = "We will rebuild the pier before the summer season starts."
    quotes = [_quote("a", "x", text, "Ines Vale"), _quote("b", "y", text, "Otto Brill"),
              _quote("c", "z", text, "Vale")]
    groups, _ = group_quotes(quotes, [vale, brill, _person("e3", "Vale")])
    assert [0, 2] in groups and [1] in groups  # "Vale" and "Ines Vale" agree; Brill is someone else


def test_group_quotes_lets_an_unresolved_speaker_join_only_when_its_written_name_fits() -> None:
    vale = _person("e1", "Ines Vale")
    text = "The ferry timetable will change on the first of June, with two more crossings a day."
    quotes = [_quote("a", "x", text, "Ines Vale"), _quote("b", "y", text, "she"),
              _quote("c", "z", text, "Mr. Brill")]
    groups, _ = group_quotes(quotes, [vale, None, None])
    assert [0, 1] in groups and [2] in groups


def test_group_quotes_keeps_two_translations_of_one_remark_together() -> None:
    oda = _person("e1", "Karel Oda")
    a = _quote("a", "x", "Our town has reached the edge of the abyss and all of us are responsible for the next step.",
               "Karel Oda")
    b = _quote("b", "y", "Our town stands at the edge of the abyss; every one of us is responsible for the step ahead.",
               "Karel Oda")
    groups, joined = group_quotes([a, b], [oda, oda])
    assert groups == [[0, 1]] and [m.kind for m in joined.values()] == ["reworded"]


def test_group_quotes_joins_a_fragment_of_the_same_article_but_not_a_rewording() -> None:
    long = _quote("a", "x", "The bridge stays closed until the engineers sign it off, and that will take weeks.")
    fragment = _quote("b", "x", "until the engineers sign it off")
    other = _quote("c", "x", "Engineers will take weeks to sign off the closed bridge.")
    groups, _ = group_quotes([long, fragment, other], [None, None, None])
    assert [0, 1] in groups and [2] in groups


def test_an_overlap_must_end_one_quote_and_start_the_other() -> None:
    a = "The harbour board met on Monday. The new ferry terminal will open in the spring of next year"
    b = "the new ferry terminal will open in the spring of next year, and tickets go on sale in March"
    assert compare_quotes(a, b).kind == "partial"
    c = ("Critics on the council say the new ferry terminal will open in the spring of next year only if the "
         "tolls are doubled and the old pier is sold")
    d = ("Nobody at the yard believes the new ferry terminal will open in the spring of next year while the steel "
         "order is still stuck at the border")
    assert not compare_quotes(c, d).same


def test_names_agree_on_a_surname_but_not_on_two_given_names() -> None:
    assert names_agree("Ines Vale", "Vale") and names_agree("Sen. Ines Vale's staff", "Ines Vale")
    assert not names_agree("Ines Vale", "Marta Vale") and not names_agree("Ines Vale", "the mayor")
    assert name_words("Harbour master Otto Brill of the US port") == {"harbour", "otto", "brill"}
