"""Do two quotes render the same utterance? Word tokens, a word-level diff, and the decision.

Two quotes are the same utterance when their words say so, and the speakers do not say otherwise:

- **exact**: the same words once case, punctuation and contractions are set aside ("I'm" = "I am").
- **partial**: one quote is a fragment of the other: the shorter one's words appear, in order, in
  runs of two or more words inside the longer one (all of them for a fragment of three or four words,
  80% for longer ones); or the two overlap in one long run (six or more words with three content words)
  that ends one quote and starts the other.
- **reworded**: a different translation or transcription, or an indirect rendering ("he said the
  report was being produced by people who weren't elected"): most content words agree (light stemming,
  so "miserable" matches "misery"), measured as the share of the shorter quote's content words found in
  the longer one.

Speakers count: the same speaker lowers the bar for ``reworded``; clearly different speakers (two
different people) leave only ``exact`` and near-complete ``partial`` matches, since two people may repeat
the same slogan but rarely reword each other's sentences.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from difflib import SequenceMatcher
from functools import lru_cache
from typing import ClassVar, Literal

from ..config import param

__all__ = [
    "Match",
    "QuoteFamiliesConfig",
    "SpeakerAgreement",
    "Word",
    "compare_quotes",
    "content_stems",
    "name_words",
    "names_agree",
    "word_diff",
    "words",
]

SpeakerAgreement = Literal["same", "different", "unknown"]
MatchKind = Literal["exact", "partial", "reworded", "none"]

_WORD = re.compile(r"[^\W_]+(?:['’][^\W_]+)*")
_CONTRACTIONS = {"n't": "not", "'m": "am", "'re": "are", "'ve": "have", "'ll": "will", "'d": "would"}
_IRREGULAR = {"can't": ("can", "not"), "won't": ("will", "not"), "ain't": ("is", "not")}
STOP = frozenset(
    "a an the and or but if of to in on at by for with from as into about than then that this these those "
    "is are was were be been being am do does did have has had will would shall should can could may might "
    "must not no nor so too very just it its it's he she they we i you him her them us me my our your their "
    "his hers who whom which what when where why how there here all any some such only own same s also "
    "said says say".split()
)


_TITLES = frozenset(
    "mr mrs ms miss dr sir dame lord lady prof president vice prime minister secretary senator sen rep gov governor "
    "gen general adm admiral capt captain col colonel lt sgt chief judge justice mayor chairman chairwoman ceo "
    "spokesman spokeswoman spokesperson the a an he she they his her former".split()
)


def name_words(text: str) -> frozenset[str]:
    """The words of a name or speaker phrase that name someone: capitalised words, case-folded, titles,
    pronouns and acronyms ("US", "FBI") left out. "Sen. Rand Paul's staff" -> {"rand", "paul"}."""
    found = set()
    for match in _WORD.finditer(text):
        token = match.group().replace("’", "'")
        token = token[:-2] if token.endswith("'s") else token
        if not token[:1].isupper() or (token.isupper() and len(token) <= 4) or token.casefold() in _TITLES:
            continue
        found.add(token.casefold())
    return frozenset(found)


def names_agree(a: str, b: str) -> bool:
    """Whether two names may name one person: one's name words all among the other's ("Trump" / "Donald
    Trump"); "Michelle Obama" and "Barack Obama" do not."""
    wa, wb = name_words(a), name_words(b)
    return bool(wa and wb) and (wa <= wb or wb <= wa)


@dataclass(frozen=True, slots=True)
class QuoteFamiliesConfig:
    """What the quote_families stage tunes (the thresholds of :func:`compare_quotes`)."""

    SECTION: ClassVar[str] = "quote_families"
    partial_short: float = param(1.0, "Share of a 3-4 word fragment's words the longer quote must hold in runs.",
                                 low=0.0, high=1.0)
    partial_long: float = param(0.8, "Share of a longer fragment's words found in runs of two or more words.",
                                low=0.0, high=1.0)
    partial_strict: float = param(0.9, "What a partial match needs when the speakers differ.", low=0.0, high=1.0)
    overlap_run: int = param(6, "A shared run this long (3 content words) that ends one quote and starts the "
                             "other joins them.", low=1)
    reworded: float = param(0.6, "Share of the shorter quote's content words found in the longer one.",
                            low=0.0, high=1.0)
    reworded_same_speaker: float = param(0.5, "The same share when both quotes have the same speaker.",
                                         low=0.0, high=1.0)
    min_content: int = param(3, "Content words a rewording needs in the shorter quote.", low=1)
    reworded_found: int = param(3, "Content words a rewording must share with the longer quote.", low=1)


_DEFAULTS = QuoteFamiliesConfig()


@dataclass(frozen=True, slots=True)
class Word:
    """One normalised word and the characters of the original text it came from."""

    norm: str
    start: int
    end: int


@dataclass(frozen=True, slots=True)
class Match:
    """The decision for one pair of quotes, with its score and a reason a reader can check."""

    same: bool
    kind: MatchKind
    score: float
    why: str


def _split(token: str) -> tuple[str, ...]:
    token = token.casefold().replace("’", "'")
    if token in _IRREGULAR:
        return _IRREGULAR[token]
    for suffix, full in _CONTRACTIONS.items():
        if token.endswith(suffix) and len(token) > len(suffix):
            return (token[: -len(suffix)], full)
    if token.endswith("'s"):
        return (token[:-2],)
    return (token,)


def words(text: str) -> list[Word]:
    """The words of ``text``, case-folded, contractions expanded, each with its character offsets."""
    return list(_words(text))


@lru_cache(maxsize=4096)
def _words(text: str) -> tuple[Word, ...]:
    # cached: every quote of a story is compared with every other, so each is split many times
    return tuple(
        Word(norm, match.start(), match.end())
        for match in _WORD.finditer(text)
        for norm in _split(match.group())
    )


def _stem(word: str) -> str:
    return word[:5] if len(word) > 5 else word


def content_stems(tokens: list[Word]) -> list[str]:
    """Stems (first five letters) of the content words, stop words and one-letter words left out."""
    return [_stem(w.norm) for w in tokens if w.norm not in STOP and len(w.norm) > 1]


def _chars(tokens: list[Word], i: int, j: int, text_len: int) -> tuple[int, int]:
    if i < j:
        return tokens[i].start, tokens[j - 1].end
    at = tokens[i].start if i < len(tokens) else (tokens[-1].end if tokens else text_len)
    return at, at


def word_diff(a: str, b: str) -> tuple[tuple[str, int, int, int, int], ...]:
    """difflib opcodes over the words of ``a`` and ``b``, as character offsets into each text."""
    wa, wb = words(a), words(b)
    matcher = SequenceMatcher(None, [w.norm for w in wa], [w.norm for w in wb], autojunk=False)
    ops = []
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        a_start, a_end = _chars(wa, i1, i2, len(a))
        b_start, b_end = _chars(wb, j1, j2, len(b))
        ops.append((tag, a_start, a_end, b_start, b_end))
    return tuple(ops)


def _coverage(short: list[str], long: list[str]) -> tuple[float, int]:
    """Share of ``short``'s words matched in runs of two or more, and the longest run."""
    matcher = SequenceMatcher(None, short, long, autojunk=False)
    blocks = [b for b in matcher.get_matching_blocks() if b.size]
    covered = sum(b.size for b in blocks if b.size >= 2 or len(short) == 1)
    longest = max((b.size for b in blocks), default=0)
    return covered / len(short), longest


def _overlapping(short: list[str], long: list[str]) -> bool:
    """Whether the two quotes' longest shared run (three content words or more) ends one and starts the other:
    the quotes overlap, as two outlets quoting the first and the last part of one statement do. A run in the
    middle of both (a shared phrase, "the scientific foundation of the Endangered Species Act") is not that."""
    matcher = SequenceMatcher(None, short, long, autojunk=False)
    block = matcher.find_longest_match(0, len(short), 0, len(long))
    if sum(1 for w in short[block.a : block.a + block.size] if w not in STOP) < 3:
        return False
    ends_short, ends_long = block.a + block.size >= len(short) - 1, block.b + block.size >= len(long) - 1
    starts_short, starts_long = block.a <= 1, block.b <= 1
    return (ends_short and starts_long) or (ends_long and starts_short)


def _reworded(a: list[Word], b: list[Word]) -> tuple[float, int]:
    sa, sb = content_stems(a), content_stems(b)
    short, long = sorted((sa, sb), key=len)
    if not short:
        return 0.0, 0
    pool = list(long)
    found = 0
    for stem in short:
        if stem in pool:
            pool.remove(stem)
            found += 1
    return found / len(short), len(short)


def _partial(short: list[str], long: list[str], speakers: SpeakerAgreement, config: QuoteFamiliesConfig
             ) -> Match | None:
    coverage, longest = _coverage(short, long)
    need = config.partial_short if len(short) <= 4 else config.partial_long
    if speakers == "different":
        need = max(need, config.partial_strict)
    if len(short) >= 3 and coverage >= need:
        why = f"{coverage:.0%} of the shorter quote's words appear in the longer"
        return Match(True, "partial", coverage, why)
    if speakers != "different" and longest >= config.overlap_run and _overlapping(short, long):
        return Match(True, "partial", coverage, f"the quotes overlap in a run of {longest} words")
    return None


def compare_quotes(
    a: str, b: str, speakers: SpeakerAgreement = "unknown", config: QuoteFamiliesConfig = _DEFAULTS
) -> Match:
    """Decide whether quote texts ``a`` and ``b`` are the same utterance (see the module docstring)."""
    wa, wb = words(a), words(b)
    na, nb = [w.norm for w in wa], [w.norm for w in wb]
    if not na or not nb:
        return Match(False, "none", 0.0, "a quote has no words")
    if na == nb:
        return Match(True, "exact", 1.0, "the same words")
    short, long = sorted((na, nb), key=len)
    partial = _partial(short, long, speakers, config)
    if partial is not None:
        return partial
    share, size = _reworded(wa, wb)
    need = config.reworded_same_speaker if speakers == "same" else config.reworded
    found = round(share * size)
    if speakers != "different" and size >= config.min_content and found >= config.reworded_found and share >= need:
        who = " and the same speaker" if speakers == "same" else ""
        return Match(True, "reworded", share, f"{share:.0%} of the content words agree{who}")
    why = "different speakers" if speakers == "different" else f"only {share:.0%} of the content words agree"
    return Match(False, "none", share, why)
