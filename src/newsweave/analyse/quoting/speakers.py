"""Finding who speaks: reporting verbs and their subjects in spaCy's dependency parse."""

from __future__ import annotations

from spacy.tokens import Doc, Token
from spacy.tokens import Span as SpacySpan

__all__ = [
    "QUESTION_WORDS",
    "QUOTE_REPORTING",
    "REPORTING",
    "inverted",
    "TAG_VERBS",
    "bare_tag",
    "is_reporting",
    "speaker_of",
    "tag_after",
    "tag_before",
]

#: Verbs (lemmas) that report speech and take the reported clause as a complement.
REPORTING = frozenset({
    "say", "tell", "state", "add", "announce", "claim", "report", "confirm", "deny", "reveal", "explain",
    "note", "warn", "insist", "argue", "admit", "acknowledge", "estimate", "predict", "suggest", "write",
    "testify", "assert", "declare", "stress", "emphasize", "emphasise", "indicate", "maintain", "contend",
    "observe", "conclude", "mention", "reply", "respond", "remark", "comment", "promise", "pledge",
    "complain", "concede", "disclose", "allege", "caution", "boast", "recall", "agree", "tweet", "post",
})
#: Reporting verbs of the quotes stage: :data:`REPORTING` and "ask", whose reported clause is a question
#: ("asked whether …"; :data:`QUESTION_WORDS`).
QUOTE_REPORTING = REPORTING | frozenset({"ask"})
QUESTION_WORDS = frozenset({"whether", "if", "why", "how", "what", "when", "where", "who", "which"})
#: Verbs that can tag a direct quotation ("… ,” he continued) without taking a clause.
TAG_VERBS = REPORTING | frozenset({
    "continue", "ask", "enthuse", "quip", "read", "quote", "exclaim", "shout", "joke", "wonder", "urge",
    "describe", "call", "tell", "conclude", "remember", "sum", "answer", "bark", "confess", "snap", "retort",
    "interject", "muse", "recount", "reason", "lament", "plead", "counter", "scoff", "sneer", "gush", "marvel",
    "chime", "yell", "scream", "cry", "laugh", "sigh", "tease", "explain", "point", "respond", "reply", "shoot",
    "beam", "boom", "mock", "demand", "insist", "chant", "scold", "lecture", "react", "echo", "affirm",
    "assure", "exhort",
})
SUBJECTS = frozenset({"nsubj", "nsubjpass", "csubj"})
RELATIVE = frozenset({"who", "which", "that"})
_STOP = frozenset({".", "!", "?", "\n"})


def is_reporting(token: Token, lexicon: frozenset[str] = REPORTING) -> bool:
    return token.pos_ in ("VERB", "AUX") and token.lemma_.lower() in lexicon


def _subject(verb: Token) -> Token | None:
    for child in verb.children:
        if child.dep_ in SUBJECTS:
            return child
    agent = next((c for c in verb.children if c.dep_ == "agent"), None)
    if agent is not None:
        return next((c for c in agent.children if c.dep_ == "pobj"), None)
    return None


def _phrase(head: Token, limit: tuple[int, int] | None = None) -> SpacySpan | None:
    """The noun phrase around ``head``: its subtree without relative clauses and trailing punctuation,
    clipped to ``limit`` (token offsets) so a quotation is never part of its own speaker."""
    lo, hi = limit if limit else (0, len(head.doc))
    if not lo <= head.i < hi:
        return None  # the subject lies inside the quotation (a misparse): no speaker rather than a wrong one
    keep = [head]
    for child in head.children:
        if child.dep_ in ("relcl", "acl", "advcl"):
            continue
        keep.extend(child.subtree)
    ids = {t.i for t in keep if lo <= t.i < hi} | {head.i}
    start, end = head.i, head.i + 1
    while start - 1 in ids:
        start -= 1
    while end in ids:
        end += 1
    doc = head.doc
    while end > head.i + 1 and (doc[end - 1].is_punct or doc[end - 1].is_space):
        end -= 1
    while start < head.i and (doc[start].is_punct or doc[start].is_space):
        start += 1
    return doc[start:end]


def speaker_of(verb: Token, limit: tuple[int, int] | None = None) -> SpacySpan | None:
    """The subject of a reporting verb, climbing from "saying"/"stating" to the verb they hang on;
    'X quoted Y as saying' gives Y; a relative 'who said' gives the noun the clause describes."""
    for _ in range(6):
        quoted = _quoted_as(verb)
        if quoted is not None:
            return _phrase(quoted, limit)
        subject = _subject(verb)
        if subject is not None:
            if subject.lower_ in RELATIVE and verb.dep_ == "relcl":
                return _phrase(verb.head, limit)
            return _phrase(subject, limit)
        if verb.dep_ == "parataxis" and verb.head.tag_ == "VBG" and verb.head.i < verb.i:
            # "Lena Varga, noting the size of the crowd, said, “…”": the parser made "said" hang on the
            # participle, whose subject is the speaker's
            subject = _subject(verb.head)
            return _phrase(subject, limit) if subject is not None and subject.i < verb.head.i else None
        if verb.head.i == verb.i or verb.dep_ in ("ccomp", "parataxis"):
            break
        verb = _reporter_of_conjunct(verb) or verb.head
    return None


def _reporter_of_conjunct(verb: Token) -> Token | None:
    """'Varga said it was too early but added, “…”': a reporting verb the parser joined to a verb of the
    reported clause (``added`` conj of ``was``) speaks with the verb reporting that clause (``said``), not with
    the clause's subject ("it")."""
    head = verb.head
    if verb.dep_ != "conj" or not is_reporting(verb, TAG_VERBS) or is_reporting(head, TAG_VERBS):
        return None
    reporter = head.head
    if head.dep_ == "ccomp" and reporter.i != head.i and is_reporting(reporter, TAG_VERBS) and reporter.i < verb.i:
        return reporter
    return None


def _between(doc: Doc, start: int, verb: Token) -> SpacySpan | None:
    """'“…,” Lena Varga, 58, told the radio': the first name or noun phrase between a closing mark and the
    tag verb, when the parse gave the verb no subject there."""
    for token in doc[start : verb.i]:
        if token.pos_ in ("PROPN", "NOUN") or token.lower_ in ("he", "she", "they", "i", "we"):
            head = token
            while head.head.i != head.i and head.head.pos_ in ("PROPN", "NOUN") and head.head.i < verb.i:
                head = head.head
            return _phrase(head, (start, verb.i))
    return None


def _quoted_as(verb: Token) -> Token | None:
    """'Detik.com quoted Djamal as saying': the object of 'quote', not its subject."""
    if verb.lemma_ != "say" or verb.head.lower_ != "as":
        return None
    quote = verb.head.head
    if quote.lemma_ != "quote":
        return None
    return next((c for c in quote.children if c.dep_ == "dobj"), None)


def inverted(verb: Token, end: int) -> SpacySpan | None:
    """'said Jim Press, the Vice Chairman': a noun right after the verb when the parse gave no subject."""
    doc = verb.doc
    for token in doc[verb.i + 1 : min(end, verb.i + 4)]:
        if token.pos_ in ("PROPN", "NOUN", "PRON"):
            head = token
            while head.head.i != head.i and head.head.pos_ in ("PROPN", "NOUN") and head.head.i < end:
                head = head.head
            return _phrase(head, (verb.i + 1, end))
    return None


def tag_after(doc: Doc, close_tok: int, bound: int, window: int) -> tuple[Token, SpacySpan | None] | None:
    """A speech tag after a closing mark: '…,” he said.' / '…,” said X.' (up to the sentence end, at most
    ``window`` tokens)."""
    end = close_tok
    while end < min(len(doc), close_tok + window, bound):
        if doc[end].text in _STOP or doc[end].text in ("“", '"', "„", "«") or "\n" in doc[end].text:
            break
        end += 1
    for token in doc[close_tok:end]:
        if is_reporting(token, TAG_VERBS):
            speaker = speaker_of(token, (close_tok, end))
            if speaker is None:
                speaker = _between(doc, close_tok, token) if token.i > close_tok else None
            return token, speaker or inverted(token, end)
    return None


def bare_tag(doc: Doc, close_tok: int) -> SpacySpan | None:
    """'“…,” he surmised.' / '“…,” Lena Varga reasoned, …' / '“…?” wondered Varga.': right after the closing
    mark, a pronoun or name and a verb with nothing else before the sentence or clause ends. That shape is
    a speech tag whatever the verb (the list of :data:`TAG_VERBS` cannot hold them all); the caller uses it
    only after a quotation ending in a comma, question or exclamation mark."""
    i = close_tok
    while i < len(doc) and doc[i].is_punct and doc[i].text not in (".", "!", "?"):
        i += 1
    words: list[Token] = []
    while i < len(doc) and len(words) < 5 and not doc[i].is_punct and not doc[i].is_space:
        words.append(doc[i])
        i += 1
    if len(words) < 2 or i >= len(doc) or doc[i].text not in (".", ","):
        return None
    verbs = [w for w in words if w.pos_ == "VERB" and w.tag_ in ("VBD", "VBZ")]
    if len(verbs) != 1:
        return None
    verb = verbs[0]
    others = [w for w in words if w is not verb]
    if verb is words[0]:
        named = all(w.pos_ == "PROPN" for w in others)
    elif verb is words[-1]:
        named = all(w.pos_ == "PROPN" for w in others) or (len(others) == 1 and others[0].lower_ in _SUBJECT_PRONOUNS)
    else:
        named = False
    if not named:
        return None
    return doc[others[0].i : others[-1].i + 1]


_SUBJECT_PRONOUNS = frozenset({"he", "she", "they", "i", "we"})


def tag_before(doc: Doc, open_tok: int, bound: int, window: int) -> tuple[Token, SpacySpan | None] | None:
    """A speech tag before an opening mark: 'X said: “…' / 'X said “…' / 'saying, “…' (at most ``window``
    tokens back)."""
    start = open_tok
    while start > max(0, open_tok - window, bound):
        previous = doc[start - 1]
        if previous.text in _STOP or "\n" in previous.text_with_ws:
            break
        start -= 1
    for token in reversed(doc[start:open_tok]):
        if is_reporting(token, TAG_VERBS):
            limit = (start, open_tok)
            return token, speaker_of(token, limit) or _main_subject(token, limit) or _adjacent_subject(token, limit)
    return None


def _main_subject(participle: Token, limit: tuple[int, int]) -> SpacySpan | None:
    """'Lena Varga took the stage, telling the crowd, “…”': a participle the parser hung on the quotation
    speaks with the subject of the sentence's main verb before it."""
    if participle.tag_ != "VBG":
        return None
    root = participle.sent.root
    for verb in (root, *root.children):
        if verb.pos_ in ("VERB", "AUX") and limit[0] <= verb.i < participle.i:
            subject = _subject(verb)
            if subject is not None and limit[0] <= subject.i < participle.i:
                return _phrase(subject, limit)
    return None


def _adjacent_subject(verb: Token, limit: tuple[int, int]) -> SpacySpan | None:
    """'…, a Ruritanian official who spoke anonymously said Wednesday, “…”': a reporting verb the parser left
    without a subject speaks with the noun phrase ending right before it (the phrase's relative clause
    included), unless that noun is an object ("met the minister said" is not a tag)."""
    end = verb.i - 1
    while end >= limit[0] and verb.doc[end].text == ",":
        end -= 1
    for token in reversed(verb.doc[limit[0] : end + 1]):
        if token.pos_ in ("NOUN", "PROPN") and token.dep_ not in _OBJECTS and max(t.i for t in token.subtree) == end:
            return _phrase(token, (limit[0], verb.i))
    return None


_OBJECTS = frozenset({"dobj", "pobj", "attr", "pcomp", "iobj", "compound", "poss"})
