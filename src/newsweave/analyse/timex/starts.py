"""Where each rule's matches can begin, found for every rule in one pass, so that each is tried only there.

Python's ``re`` tries a pattern at every position of a text unless the pattern begins with a literal it can
skip to, and none of the tagger's rules does: they begin with ``\\b``, a look-behind or a word ignoring case.
Trying 51 rules at every position of a long article was most of the ``times`` stage. So each pattern's parse
is read once for what every match of it must begin with: a few characters of the *canonical* text (lower-cased,
every digit written 0, every space a blank), e.g. "the", "jan", "00". :class:`Starts` then finds, for all
rules at once, the positions where one of a rule's beginnings begins, and :meth:`Starts.matches` tries the
rule only there, with ``pattern.match(text, at)`` on the whole text (so ``\\b`` and look-behinds see what
they always saw). That yields exactly the matches ``pattern.finditer(text)`` yields: the leftmost match from
each position on, the next searched from where the last ended, since no match begins anywhere else.

Most rules begin at the start of a word (``\\b`` or a look-behind refusing a word character, then a word
character): their beginnings are looked up at each word's start. The others have a scanner each, a pattern
over the canonical text that begins with a literal in every branch, which ``re`` skips through. What a
match must begin with is over-estimated, never under: a look-around is taken as holding, a repeat is read
once (spaces excepted: any number of them is read on past), and a class that is not a short list of
characters (``\\w``) ends the beginning there. A rule opening with a run of such a class before a space
(``[\\w$]+ a year``) is tried from the start of the run before each place what follows it can begin; a rule
whose matches may begin with anything else would be searched everywhere, as before.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator, Sequence

# the parser behind re.compile (the public sre_parse is a deprecated alias of it); typeshed has no stubs for it
from re import _constants as sre  # type: ignore[attr-defined]
from re import _parser as sre_parse  # type: ignore[attr-defined]
from typing import Any

__all__ = ["Starts", "canonical"]

#: Letters that ``re``, ignoring case, finds as an ASCII letter although ``str.lower`` does not make them one:
#: dotless i, long s. (Capital dotted I lower-cases to two characters, which :func:`canonical` refuses.)
_UNFOLDED = re.compile("[\u0131\u017f]")
_DIGIT = re.compile(r"[^\D0]")  # a digit but 0, which is written 0 already
_SPACE = re.compile(r"[^\S ]")  # a space but the blank
_WORD = re.compile(r"\w+")

#: One beginning: its canonical characters, and whether the item read ends right after them (so that what
#: follows it may extend the beginning).
_Begin = tuple[str, bool]
_EMPTY: frozenset[_Begin] = frozenset({("", True)})
_ANYTHING: frozenset[_Begin] = frozenset({("", False)})
#: The classes whose characters have no case, and the character each is written as in the canonical text.
_CATEGORIES = {sre.CATEGORY_DIGIT: "0", sre.CATEGORY_SPACE: " "}
#: Stands in a beginning for one or more spaces (``\s+``), so that a beginning reads on past them: " +" in a
#: scanner, cut to one blank in a word's key. (A private-use character: no pattern here has it.)
_SPACES = "\ue000"
_ONE_SPACE = [(sre.IN, [(sre.CATEGORY, sre.CATEGORY_SPACE)])]


def canonical(text: str) -> str | None:
    """``text`` lower-cased, each digit (``\\d``) written 0 and each space (``\\s``) a blank, when that keeps
    every character at its offset and makes each character that ``re`` finds ignoring case as an ASCII letter
    that letter; None otherwise (the rules are then searched everywhere)."""
    folded = text.lower()
    if len(folded) != len(text) or _UNFOLDED.search(text):
        return None
    return _SPACE.sub(" ", _DIGIT.sub("0", folded))


def _char(code: int) -> str | None:
    """A literal character as the canonical text has it, when every character ``re`` may find for it (ignoring
    case or not) has it there too: ASCII, or a character without case such as ’ or £."""
    char = chr(code)
    lower = char.lower()
    if char == _SPACES or len(lower) != 1 or not (char.isascii() or char == lower == char.upper()):
        return None
    return "0" if lower.isdecimal() else " " if lower.isspace() else lower


def _class(items: list[tuple[Any, Any]]) -> frozenset[_Begin]:
    """The characters a class ``[...]`` lists, or anything when it is negated, has a range beyond ASCII or a
    category other than digits and spaces."""
    chars: set[str | None] = set()
    for op, av in items:
        if op is sre.LITERAL:
            chars.add(_char(av))
        elif op is sre.RANGE and av[1] < 0x80:  # an ASCII range, [0-9] or [a-z]
            chars.update(_char(code) for code in range(av[0], av[1] + 1))
        elif op is sre.CATEGORY and av in _CATEGORIES:
            chars.add(_CATEGORIES[av])
        else:
            return _ANYTHING
    if None in chars:
        return _ANYTHING
    return frozenset((char, True) for char in chars if char is not None)


def _repeat(low: int, high: int, items: list[tuple[Any, Any]], depth: int) -> frozenset[_Begin]:
    r"""A repeat read once: what follows a second round is not known, so the beginning ends there. Spaces
    (``\s+``, ``\s*``) are the exception: :data:`_SPACES` stands for any number of them."""
    if list(items) == _ONE_SPACE and high != 1:
        spaces = frozenset({(_SPACES, True)})
        return spaces | _EMPTY if low == 0 else spaces
    once = _sequence(items, depth)
    if high != 1:
        once = frozenset((chars, False) for chars, _ in once)
    return once | _EMPTY if low == 0 else once


def _item(op: Any, av: Any, depth: int) -> frozenset[_Begin]:
    if op is sre.LITERAL:
        char = _char(av)
        return _ANYTHING if char is None else frozenset({(char, True)})
    if op is sre.IN:
        return _class(av)
    if op in (sre.AT, sre.ASSERT, sre.ASSERT_NOT):
        return _EMPTY  # reads no character; taken as holding, which can only add beginnings
    if op is sre.BRANCH:
        return frozenset().union(*(_sequence(branch, depth) for branch in av[1]))
    if op is sre.SUBPATTERN:
        return _sequence(av[3], depth)
    if op is sre.ATOMIC_GROUP:
        return _sequence(av, depth)
    if op in (sre.MAX_REPEAT, sre.MIN_REPEAT, sre.POSSESSIVE_REPEAT):
        return _repeat(av[0], av[1], av[2], depth)
    return _ANYTHING  # any character, a negated literal, a back-reference: not read


def _sequence(items: Iterable[tuple[Any, Any]], depth: int) -> frozenset[_Begin]:
    """The beginnings of a sequence of items, at most ``depth`` characters each."""
    begins = _EMPTY
    for op, av in items:
        if not any(ends and len(chars) < depth for chars, ends in begins):
            break
        item = _item(op, av, depth)
        extended: set[_Begin] = set()
        for chars, ends in begins:
            if not ends or len(chars) >= depth:
                extended.add((chars, False))
                continue
            for more, more_ends in item:
                joined = chars + more
                extended.add((joined[:depth], more_ends and len(joined) <= depth))
        begins = frozenset(extended)
    return begins


def _shortest(found: set[str]) -> list[str]:
    """The beginnings that do not extend another (which finds their positions already)."""
    return sorted(b for b in found if not any(b[:n] in found for n in range(1, len(b))))


def _beginnings(items: Iterable[tuple[Any, Any]], depth: int) -> list[str] | None:
    """What every match of a parsed pattern's ``items`` begins with; None when it may begin with anything."""
    found = {chars for chars, _ in _sequence(items, depth)}
    return None if "" in found else _shortest(found)


def _key(beginning: str) -> str:
    """A beginning as a word's first characters can show it: cut after the first blank of any spaces."""
    cut = beginning.find(_SPACES)
    return beginning if cut < 0 else beginning[:cut] + " "


def _at_word_start(parsed: Any, beginnings: list[str]) -> bool:
    """Whether every match begins at the start of a word: the pattern opens with ``\\b`` or a look-behind
    refusing a word character, and every beginning with a word character."""
    if not parsed.data or not all(b[0].isalnum() or b[0] == "_" for b in beginnings):
        return False
    op, av = parsed.data[0]
    if op is sre.AT:
        return av is sre.AT_BOUNDARY
    if op is sre.ASSERT_NOT and av[0] == -1 and len(av[1].data) == 1:
        kind, items = av[1].data[0]
        return kind is sre.IN and (sre.CATEGORY, sre.CATEGORY_WORD) in items
    return False


def _opening_run(parsed: Any, flags: int, depth: int) -> tuple[re.Pattern[str], re.Pattern[str]] | None:
    r"""For a pattern that opens with an unbounded run of a class of characters that holds no space, followed
    by a space (``[\w$]+\s+a year``): the class, and a scanner for the beginnings of what follows the run.
    A match then begins where such a run does (or where the last match ended, inside one): the run takes
    every character up to the space, and could give none back, since what follows begins with a space."""
    items = list(parsed.data)
    if len(items) < 2:
        return None
    op, av = items[0]
    if op is sre.SUBPATTERN and not av[1] and not av[2] and len(av[3].data) == 1:
        op, av = av[3].data[0]  # a named group around the run
    if op is not sre.MAX_REPEAT or av[0] < 1 or av[1] != sre.MAXREPEAT or len(av[2]) != 1 or av[2][0][0] is not sre.IN:
        return None
    parts = []
    for kind, value in av[2][0][1]:
        if kind is sre.LITERAL and not chr(value).isspace():
            parts.append(re.escape(chr(value)))
        elif kind is sre.CATEGORY and value in (sre.CATEGORY_WORD, sre.CATEGORY_DIGIT):
            parts.append(r"\w" if value is sre.CATEGORY_WORD else r"\d")
        else:
            return None
    follows, fav = items[1]
    if not (follows is sre.IN and fav == _ONE_SPACE[0][1]) and not (
        follows is sre.MAX_REPEAT and fav[0] >= 1 and list(fav[2]) == _ONE_SPACE
    ):
        return None
    rest = _beginnings(items[1:], depth)
    if rest is None:
        return None
    return re.compile(f"[{''.join(parts)}]", flags), _scanner(rest)


def _scanner(beginnings: list[str]) -> re.Pattern[str]:
    """A pattern finding every position of the canonical text where one of ``beginnings`` begins: it takes
    the first character and looks ahead for the rest, so that it finds overlapping beginnings too, and each
    of its branches begins with a literal, which ``re`` skips to."""
    tails: dict[str, set[str]] = {}
    for chars in beginnings:
        tails.setdefault(chars[0], set()).add(chars[1:])
    branches = []
    for first, rest in sorted(tails.items()):
        head, more = (" ", " *") if first == _SPACES else (re.escape(first), "")
        if "" in rest and not more:
            branches.append(head)
        else:
            branches.append(f"{head}(?={more}(?:{'|'.join(sorted(map(_fragment, rest)))}))")
    return re.compile("|".join(branches))


def _fragment(chars: str) -> str:
    return "".join(" +" if char == _SPACES else re.escape(char) for char in chars)


class Starts:
    """Where each of ``patterns`` can match in a text (see the module's docstring).

    ``depth`` characters are read at the beginning of a match: 3 tells "the" from "to" and "this" and keeps
    the sets small. ``windows`` word beginnings are remembered with the patterns they begin, then forgotten
    (text in a script with many letters could otherwise grow them without end). Neither changes a match,
    only how many places are tried (tests/analyse/test_timex_starts.py), so neither is a setting.
    """

    def __init__(self, patterns: Sequence[re.Pattern[str]], depth: int = 3, windows: int = 50_000) -> None:
        self.patterns = tuple(patterns)
        self._depth, self._windows = depth, windows
        #: a beginning -> the patterns, anchored at word starts, that it begins
        self._at_words: dict[str, list[int]] = {}
        #: pattern index -> a scanner, for the patterns not anchored at word starts (for a pattern opening with a
        #: run of characters, the scanner finds where what follows the run begins)
        self._scanners: dict[int, re.Pattern[str]] = {}
        #: pattern index -> the characters of its opening run (see :func:`_opening_run`)
        self._runs: dict[int, re.Pattern[str]] = {}
        #: the patterns whose matches may begin with anything
        self._anywhere: set[int] = set()
        for index, pattern in enumerate(self.patterns):
            parsed = sre_parse.parse(pattern.pattern, pattern.flags)
            beginnings = _beginnings(parsed.data, depth)
            run = _opening_run(parsed, pattern.flags, depth)
            if beginnings is not None and _at_word_start(parsed, beginnings):
                for key in _shortest({_key(b) for b in beginnings}):
                    self._at_words.setdefault(key, []).append(index)
            elif beginnings is not None:
                self._scanners[index] = _scanner(beginnings)
            elif run is not None:
                self._runs[index], self._scanners[index] = run
            else:
                self._anywhere.add(index)
        #: the first characters of a word (canonical) -> the word-anchored patterns beginning there, filled as
        #: words are met
        self._by_window: dict[str, tuple[int, ...]] = {}

    def _word_patterns(self, window: str) -> tuple[int, ...]:
        """The word-anchored patterns one of whose beginnings begins ``window`` (a word's first characters)."""
        found = self._by_window.get(window)
        if found is None:
            if len(self._by_window) >= self._windows:
                self._by_window.clear()
            keys = self._at_words
            found = tuple(i for n in range(1, len(window) + 1) for i in keys.get(window[:n], ()))
            self._by_window[window] = found
        return found

    def _positions(self, text: str, canon: str) -> list[list[int]]:
        """For each pattern, the positions of ``text`` where a match of it can begin, in order."""
        found: list[list[int]] = [[] for _ in self.patterns]
        known = self._by_window  # looked up here, not through _word_patterns: this loop runs once a word
        for word in _WORD.finditer(text):
            at = word.start()
            window = canon[at : at + self._depth]
            indices = known.get(window)
            for index in self._word_patterns(window) if indices is None else indices:
                found[index].append(at)
        for index, scanner in self._scanners.items():
            found[index] = [m.start() for m in scanner.finditer(canon)]
        return found

    def matches(self, text: str) -> list[Iterator[re.Match[str]]]:
        """For each pattern, ``pattern.finditer(text)``: tried only where a match can begin, unless the text has
        characters the canonical text cannot stand for (see :func:`canonical`)."""
        canon = canonical(text)
        if canon is None:
            return [pattern.finditer(text) for pattern in self.patterns]
        positions = self._positions(text, canon)
        return [
            pattern.finditer(text) if index in self._anywhere
            else _after_runs(pattern, self._runs[index], text, positions[index]) if index in self._runs
            else _tried_at(pattern, text, positions[index])
            for index, pattern in enumerate(self.patterns)
        ]


def _after_runs(
    pattern: re.Pattern[str], run: re.Pattern[str], text: str, follows: list[int]
) -> Iterator[re.Match[str]]:
    """``pattern.finditer(text)`` for a pattern opening with a run of ``run`` characters, when what follows the
    run can begin only at ``follows`` (see :func:`_opening_run`): each tried from the start of the run before
    it, or from where the last match ended when that is inside the run."""
    end = 0
    for at in follows:
        if at <= end:
            continue
        start = at
        while start > end and run.match(text, start - 1):
            start -= 1
        if start == at:
            continue  # no run right before it
        match = pattern.match(text, start)
        if match is not None:
            end = match.end()
            yield match


def _tried_at(pattern: re.Pattern[str], text: str, positions: list[int]) -> Iterator[re.Match[str]]:
    """``pattern.finditer(text)`` when no match begins elsewhere than at ``positions``. None there is empty (each
    begins with a character), so the next is searched from where the last ended."""
    end = 0
    for at in positions:
        if at < end:
            continue
        match = pattern.match(text, at)
        if match is not None:
            end = match.end()
            yield match
