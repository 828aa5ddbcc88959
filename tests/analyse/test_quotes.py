"""Quote extraction on hand-written sentences (none taken from shared/samples)."""

from __future__ import annotations

import numpy as np
import pytest

from newsweave.analyse.nlp import parse
from newsweave.analyse.quotes import _fill_from_the_right, find_quotes, resolve_speaker
from newsweave.analyse.quoting.marks import find_quoted
from newsweave.model import Article, Mention, Quote, Span


def quotes_of(text: str) -> tuple[Quote, ...]:
    article = Article(id="t", input="t", text=text)
    return find_quotes(article, parse(article))


def direct(text: str) -> list[tuple[str, str | None]]:
    return [(q.text, q.speaker_text) for q in quotes_of(text) if q.kind == "direct"]


@pytest.mark.parametrize(
    ("text", "quote"),
    [
        ('The mayor said: "The ferry will run again on Monday."', "The ferry will run again on Monday."),
        ("The mayor said: “The ferry will run again on Monday.”", "The ferry will run again on Monday."),
        ("The mayor said: ‘The ferry will run again on Monday.’", "The ferry will run again on Monday."),
        ("The mayor said: «The ferry will run again on Monday.»", "The ferry will run again on Monday."),
        ("The mayor said: „The ferry will run again on Monday.“", "The ferry will run again on Monday."),
    ],
)
def test_quote_styles_give_the_words_inside_the_marks(text: str, quote: str) -> None:
    assert direct(text) == [(quote, "The mayor")]


@pytest.mark.parametrize(
    ("text", "speaker"),
    [
        ("“The pier is closed,” harbour master Ines Varga said.", "harbour master Ines Varga"),
        ("“The pier is closed,” said harbour master Ines Varga.", "harbour master Ines Varga"),
        ("Harbour master Ines Varga said: “The pier is closed.”", "Harbour master Ines Varga"),
        ("Harbour master Ines Varga said “The pier is closed.”", "Harbour master Ines Varga"),
        ("“The pier is closed,” the coastguard added.", "the coastguard"),
        ("“The pier is closed,” an official from the port authority told reporters.",
         "an official from the port authority"),
    ],
)
def test_speaker_patterns(text: str, speaker: str) -> None:
    assert direct(text) == [("The pier is closed," if text.startswith("“") else "The pier is closed.",
                             speaker)]


def test_split_quote_gives_two_quotes_with_one_speaker() -> None:
    found = direct("“We will rebuild the school,” the minister said. “It will open in May.”")
    assert found == [("We will rebuild the school,", "the minister"),
                     ("It will open in May.", "the minister")]


def test_quote_over_paragraphs_is_one_quote() -> None:
    text = ("Teacher Ana Ruiz said: “The roof leaked for a year.\n"
            "“Nobody listened to us until the ceiling fell.”\n"
            "The council did not reply.")
    found = direct(text)
    assert len(found) == 1
    assert found[0][0].startswith("The roof leaked") and found[0][0].endswith("ceiling fell.")
    assert found[0][1] == "Teacher Ana Ruiz"


def test_unclosed_quote_ends_at_paragraph_end() -> None:
    text = "Ruiz said: “The roof leaked for a year.\nThe council did not reply."
    assert direct(text) == [("The roof leaked for a year.", "Ruiz")]


def test_pronoun_speaker_is_kept_and_resolved_to_the_nearest_person() -> None:
    text = "Ana Ruiz teaches at the school. “The roof leaked for a year,” she said."
    (quote,) = quotes_of(text)
    assert quote.speaker_text == "she"
    ruiz = Mention(Span("t", 0, 8), "Ana Ruiz", "PERSON")
    school = Mention(Span("t", 24, 30), "school", "ORG")
    assert resolve_speaker(quote, [ruiz, school]) == ruiz


def test_name_inside_a_described_speaker_is_resolved() -> None:
    text = "“We are ready,” said fire chief Omar Haddad."
    (quote,) = quotes_of(text)
    omar = Mention(Span("t", text.index("Omar"), len(text) - 1), "Omar Haddad", "PERSON")
    assert resolve_speaker(quote, [omar]) == omar


@pytest.mark.parametrize(
    ("text", "clause", "speaker"),
    [
        ("The ministry said the bridge would reopen in June.", "the bridge would reopen in June",
         "The ministry"),
        ("Police told reporters that two men had been arrested.", "two men had been arrested", "Police"),
        ("According to the fire brigade, the blaze started in a kitchen.", "the blaze started in a kitchen",
         "the fire brigade"),
        ("The brigade added that nobody was hurt.", "nobody was hurt", "The brigade"),
    ],
)
def test_indirect_speech(text: str, clause: str, speaker: str) -> None:
    (quote,) = quotes_of(text)
    assert (quote.kind, quote.text, quote.speaker_text) == ("indirect", clause, speaker)


def test_mixed_quote_spans_the_reported_clause() -> None:
    (quote,) = quotes_of("The senator said the plan would respect “every limitation” set by law.")
    assert quote.kind == "mixed"
    assert quote.text == "the plan would respect “every limitation” set by law"
    assert quote.speaker_text == "The senator"


def test_mixed_fragment_without_clause_spans_the_quoted_words() -> None:
    (quote,) = quotes_of("The union called the offer “an insult to every worker”.")
    assert (quote.kind, quote.text, quote.speaker_text) == ("mixed", "an insult to every worker", "The union")


@pytest.mark.parametrize(
    "text",
    [
        "The country's roads and the farmers' markets were busy in the ’90s.",
        "The airline flew its new “Skylark” jet to Lisbon.",
        "Wayne’s bakery reopened on the town’s main square.",
    ],
)
def test_no_quote_from_apostrophes_or_scare_quotes(text: str) -> None:
    assert quotes_of(text) == ()


def test_apostrophes_inside_single_quotes_do_not_close_them() -> None:
    text = "He said: ‘The town’s bakery isn’t closing.’"
    runs = find_quoted(text)
    assert [text[r.start : r.end] for r in runs] == ["The town’s bakery isn’t closing."]


def test_offsets_slice_back_to_text_and_ids_are_deterministic() -> None:
    text = ("Officials said the port would close. “It is a sad day,” said dock worker Li Wei. "
            "According to the union, 40 jobs will go.")
    first, second = quotes_of(text), quotes_of(text)
    assert [q.id for q in first] == ["t-q1", "t-q2", "t-q3"]
    assert first == second
    for quote in first:
        assert text[quote.span.start : quote.span.end] == quote.text
        assert quote.speaker_span is not None
        assert text[quote.speaker_span.start : quote.speaker_span.end] == quote.speaker_text
        assert quote.speaker is None and quote.family is None


def test_doc_must_be_the_parse_of_the_article() -> None:
    article = Article(id="t", input="t", text="Police said two men were held.")
    other = parse(Article(id="u", input="u", text="Something else entirely."))
    with pytest.raises(ValueError, match="not the parse"):
        find_quotes(article, other)


def kinds(text: str) -> list[tuple[str, str, str | None]]:
    return [(q.kind, q.text, q.speaker_text) for q in quotes_of(text)]


@pytest.mark.parametrize(
    "text",
    [
        "The mayor said “the ferry is always late” every time the wind turns.",  # the sentence runs on
        "Voters waved banners, “Bread and Water,” and went home early.",  # a fragment after a comma
        "She wore a hat reading “Ferries For All” on the first day of the strike.",
    ],
)
def test_quoted_words_inside_a_sentence_are_not_direct(text: str) -> None:
    assert direct(text) == []


@pytest.mark.parametrize(
    ("text", "speaker"),
    [
        ("“Where is the ferry?” Harbour master Ines Varga asked.", "Harbour master Ines Varga"),
        ("“The pier will not open this week,” Ines Varga, 58, told the radio.", "Ines Varga, 58"),
        ("The port agency responded:\n\n“We will rebuild the pier before the summer.”", "The port agency"),
        ("According to the council, “The bridge will reopen on Monday.”", "the council"),
        ("The pier was closed, Ines Varga said. “We checked every beam twice.”", "Ines Varga"),
        ("Harbour master Ines Varga said the pier was safe.\n\n“We checked every beam twice.”",
         "Harbour master Ines Varga"),
    ],
)
def test_speaker_found_beyond_the_plain_tag(text: str, speaker: str) -> None:
    assert [s for _, s in direct(text)] == [speaker]


def test_colon_after_narration_names_no_speaker() -> None:
    found = direct("The real winner of the night was the harbour itself:\n\n“Boats came back in record numbers.”")
    assert found == [("Boats came back in record numbers.", None)]


def test_parenthetical_tag_reports_the_clause_holding_the_verb() -> None:
    assert kinds("The new ferry, the mayor says, will run every hour.") == [
        ("indirect", "will run every hour", "the mayor")]


def test_reported_question_is_indirect_and_a_request_is_not() -> None:
    assert kinds("The mayor asked whether the ferry would run on Sunday.") == [
        ("indirect", "whether the ferry would run on Sunday", "The mayor")]
    assert kinds("The council asked that the pier be closed for a week.") == []


def test_a_participle_tag_speaks_with_the_main_subject() -> None:
    text = "Ines Varga took the stage at the harbour, telling the crowd, “Some of you waited three weeks for this.”"
    assert direct(text) == [("Some of you waited three weeks for this.", "Ines Varga")]


def test_a_bare_tag_after_a_full_stop_names_the_speaker_and_a_new_sentence_does_not() -> None:
    assert direct("The crowd cheered.\n\n“We will open the pier again on Monday.” Varga said.") == [
        ("We will open the pier again on Monday.", "Varga")]
    found = direct("The crowd cheered.\n\n“We will open the pier again on Monday.” He demands new funds.")
    assert found == [("We will open the pier again on Monday.", None)]


@pytest.mark.parametrize(
    ("text", "speaker"),
    [
        # a curly quotation closed by a straight mark
        ("“The pier is closed for the winter,\" harbour master Ines Varga said.", "harbour master Ines Varga"),
        # a reporting verb the parser joins to the reported clause speaks with that clause's reporter
        ("Ines Varga said it was too early to tell but added, “We will know more about the pier on Monday.”",
         "Ines Varga"),
        # a pronoun or name and a verb right after a comma-closed quotation is a tag, whatever the verb
        ("“People are tired of waiting for the ferry,” he surmised.", "he"),
        ("“Nobody came to the pier this morning,” Varga reasoned.", "Varga"),
        # the possessor of a speech noun right before the quotation
        ("The union will not back Varga after her comment that, “Deckhands are paid far too much.”", "her"),
        # a tag verb whose object is a speech noun still tags the next paragraph's quotation
        ("Ines Varga continued her remarks.\n\n“The boats will sail again on Monday.”", "Ines Varga"),
    ],
)
def test_speakers_found_in_looser_tags(text: str, speaker: str) -> None:
    assert [s for _, s in direct(text)] == [speaker]


def test_a_subjectless_reporting_verb_speaks_with_the_phrase_before_it() -> None:
    text = ("Although the pier is closed, a harbour official who spoke anonymously said Wednesday, “The repairs "
            "will take at least a month.”")
    assert [s for _, s in direct(text)] == ["a harbour official"]


@pytest.mark.parametrize(
    "text",
    [
        "“We will sail again next week,” the boats left the harbour.",  # a noun phrase and a verb: no bare tag
        "“We will sail again next week,” he packed his bags.",  # a verb with an object: more than a tag
    ],
)
def test_a_sentence_after_a_quotation_is_not_a_bare_tag(text: str) -> None:
    assert [s for _, s in direct(text)] == [None]


def test_a_straight_mark_nested_in_a_curly_quotation_does_not_close_it() -> None:
    text = "“The sign said \"closed\" all week,” Varga said."
    (run,) = find_quoted(text)
    assert text[run.start : run.end] == "The sign said \"closed\" all week,"


def test_a_pronoun_speaker_resolves_through_coreference_to_its_name() -> None:
    # coreference linked "she" to Varga although Berg is the nearer person
    text = "Ines Varga met Tomas Berg at the quay. “The roof leaked for a year,” she said."
    (quote,) = quotes_of(text)
    varga = Mention(Span("t", 0, 10), "Ines Varga", "PERSON")
    berg = Mention(Span("t", 15, 25), "Tomas Berg", "PERSON")
    at = text.index("she said")
    she = Mention(Span("t", at, at + 3), "she", "PERSON", link="pronoun", antecedent=varga.span)
    assert resolve_speaker(quote, [varga, berg, she]) == varga


def test_a_pronoun_mention_is_never_the_resolved_speaker() -> None:
    # the nearest person before an unlinked "he" is "his", a pronoun for Berg: the answer is Berg, not "his"
    text = "Tomas Berg lost his boat. Nobody knew why. “The roof leaked for a year,” he said."
    (quote,) = quotes_of(text)
    berg = Mention(Span("t", 0, 10), "Tomas Berg", "PERSON")
    his = Mention(Span("t", 16, 19), "his", "PERSON", link="pronoun", antecedent=berg.span)
    assert resolve_speaker(quote, [berg, his]) == berg


def test_a_described_speaker_resolves_to_the_name_it_describes() -> None:
    text = "Ines Varga runs the port. “The roof leaked for a year,” the harbour chief said."
    (quote,) = quotes_of(text)
    varga = Mention(Span("t", 0, 10), "Ines Varga", "PERSON")
    at = text.index("the harbour chief")
    chief = Mention(Span("t", at, at + 17), "the harbour chief", "PERSON", link="description",
                    antecedent=varga.span)
    assert quote.speaker_text == "the harbour chief"
    assert resolve_speaker(quote, [varga, chief]) == varga


@pytest.mark.parametrize(
    ("text", "speaker"),
    [
        # a verb whose object is a speech noun before a colon
        ("Harbour master Ines Varga delivered a blunt message to the board: “Fix the pier or close it.”",
         "Harbour master Ines Varga"),
        # "said" misparsed as hanging on a participle: the participle's subject speaks
        ("But Ines Varga, noting the size of the crowd, said, “Let me tell you, the pier will hold.”", "Ines Varga"),
        # "told" takes the listener as its object and still tags the next paragraph's quotation
        ("Ines Varga told the radio the pier was safe.\n\n“We checked every beam twice.”", "Ines Varga"),
    ],
)
def test_speakers_found_through_speech_nouns_and_misparses(text: str, speaker: str) -> None:
    assert [s for _, s in direct(text)][-1] == speaker


def test_an_unlinked_first_person_speaker_is_not_resolved_to_the_nearest_person() -> None:
    text = "Tomas Berg runs the ferry. “The roof leaked for a year,” I said."
    (quote,) = quotes_of(text)
    assert quote.speaker_text == "I"
    assert resolve_speaker(quote, [Mention(Span("t", 0, 10), "Tomas Berg", "PERSON")]) is None


def test_a_tag_pronoun_never_resolves_to_a_name_inside_its_own_quotation() -> None:
    text = "Ines Varga spoke at the quay. “I never met Tomas Berg at the harbour,” she said."
    (quote,) = quotes_of(text)
    varga = Mention(Span("t", 0, 10), "Ines Varga", "PERSON")
    at = text.index("Tomas Berg")
    berg = Mention(Span("t", at, at + 10), "Tomas Berg", "PERSON")
    at = text.index("she said")
    she = Mention(Span("t", at, at + 3), "she", "PERSON", link="pronoun", antecedent=berg.span)
    assert resolve_speaker(quote, [varga, berg, she]) == varga
    assert resolve_speaker(quote, [varga, berg]) == varga


def test_a_speaker_inside_quotation_marks_is_dropped(monkeypatch: pytest.MonkeyPatch) -> None:
    # the parser may take quoted words for the subject of a tag verb: such a "speaker" is never kept
    import newsweave.analyse.quotes as quotes_module

    text = "She opposes “arbitrary pay freezes” and recalled the freeze: “It was hard for every one of us.”"
    inside = text.index("pay freezes")
    monkeypatch.setattr(quotes_module, "_direct_speaker", lambda *args: (inside, inside + len("pay freezes")))
    assert direct(text) == [("It was hard for every one of us.", None)]


@pytest.mark.parametrize(
    ("at", "default", "expected"),
    [
        ([-1], 0, [0]),
        ([0, 0, -1, 1, -1, -1], 2, [0, 0, 1, 1, 2, 2]),
        ([-1, -1, 3, -1, 4], 5, [3, 3, 3, 4, 4]),
    ],
)
def test_index_maps_characters_between_tokens_to_the_next_token(
    at: list[int], default: int, expected: list[int]
) -> None:
    assert _fill_from_the_right(np.array(at), default).tolist() == expected
