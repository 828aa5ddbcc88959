"""A fast, exact stand-in for spaCy's ``attribute_ruler``.

The small English pipeline's attribute ruler maps each token's fine tag (and, for a few exceptions, its
lower-cased form, dependency label or whitespace flag) to POS, MORPH and LEMMA with 179 Matcher patterns.
The Matcher tries every pattern at every token, which makes the ruler the slowest component after NER on
long news text. :class:`AttributeTable` reads the ruler's own patterns and attributes and applies them
with the ruler's semantics, but looks each token's outcome up in a table keyed by the four attributes the
patterns read (tag, lower, dependency, is-space), filled the first time a combination is seen; every
lower-case form no pattern names counts as one, so the table stays small.

The semantics copied from ``AttributeRuler.__call__``: every pattern is matched on the Doc as it is before
any rule writes (one Matcher pass), then the matches are applied in rule order, a later rule overwriting
what an earlier one set, all written through ``Doc.from_array`` (the same ``Token.set_struct_attr``
calls as the ruler's ``set_token_attrs``) with the ruler's normalised attributes.
``bench/bench_attribute_table.py`` checks the output against the ruler on real articles. A ruler whose
patterns use anything else (operators, other token attributes) is refused with :class:`UnsupportedPattern`,
and :func:`newsweave.analyse.nlp.load` keeps the ruler then.
"""

from __future__ import annotations

import re
import time
from collections.abc import Callable, Iterable
from typing import Any, cast

import numpy as np
from spacy.attrs import DEP, IS_SPACE, LOWER, MORPH, ORTH, POS, TAG
from spacy.attrs import LEMMA as LEMMA_ATTR
from spacy.lang.en.lemmatizer import EnglishLemmatizer
from spacy.language import Language
from spacy.pipeline import AttributeRuler, Lemmatizer
from spacy.tokens import Doc, Token

__all__ = ["AttributeTable", "LemmaTable", "UnsupportedPattern", "differences"]

#: The token attributes a supported pattern may test, in the order of a token's key.
_KEY_ATTRS = ("TAG", "LOWER", "DEP", "IS_SPACE")
_KEY_IDS: list[int | str] = [TAG, LOWER, DEP, IS_SPACE]
_LEMMA_KEY: list[int | str] = [ORTH, POS, MORPH, LEMMA_ATTR]
_LEMMA: list[int | str] = [LEMMA_ATTR]

Key = tuple[str, str, str, bool]
Test = Callable[[Key], bool]


class UnsupportedPattern(ValueError):
    """A ruler pattern this table cannot reproduce exactly (keep spaCy's ruler)."""


#: What every lower-case form no LOWER pattern names (and no LOWER regex matches) is looked up as: such
#: forms all pass and fail the same tests, so they share table rows.
_OTHER = "\x00other"


class _Lower:
    """The lower-case forms and regexes the patterns test, to tell a form that matters from any other."""

    def __init__(self) -> None:
        self.words: set[str] = set()
        self.regexes: list[re.Pattern[str]] = []

    def matters(self, lower: str) -> bool:
        return lower in self.words or any(regex.search(lower) for regex in self.regexes)


def _value_test(position: int, spec: Any, lower: _Lower) -> Test:
    names_lower = _KEY_ATTRS[position] == "LOWER"
    if isinstance(spec, dict):
        if len(spec) != 1:
            raise UnsupportedPattern(f"more than one predicate: {spec!r}")
        ((op, value),) = spec.items()
        if op == "IN":
            allowed = frozenset(value)
            lower.words |= allowed if names_lower else set()
            return lambda key: key[position] in allowed
        if op == "NOT_IN":
            banned = frozenset(value)
            lower.words |= banned if names_lower else set()
            return lambda key: key[position] not in banned
        if op == "REGEX":
            regex = re.compile(value)
            lower.regexes += [regex] if names_lower else []
            return lambda key: bool(regex.search(key[position]))
        raise UnsupportedPattern(f"predicate {op!r}")
    if isinstance(spec, bool):
        return lambda key: key[position] is spec
    if isinstance(spec, str):
        lower.words |= {spec} if names_lower else set()
        return lambda key: key[position] == spec
    raise UnsupportedPattern(f"value {spec!r}")


def _token_test(token_pattern: dict[str, Any], lower: _Lower) -> Test:
    tests = []
    for attr, spec in token_pattern.items():
        if attr not in _KEY_ATTRS or (attr == "IS_SPACE") != isinstance(spec, bool):
            raise UnsupportedPattern(f"attribute {attr!r}: {spec!r}")
        tests.append(_value_test(_KEY_ATTRS.index(attr), spec, lower))
    return lambda key: all(test(key) for test in tests)


class AttributeTable:
    """The rules of one :class:`spacy.pipeline.AttributeRuler`, applied through a per-key table."""

    def __init__(self, ruler: AttributeRuler) -> None:
        self.attrs: list[dict] = list(ruler.attrs)
        self.singles: list[tuple[int, Test]] = []  # (rule, test) for one-token patterns
        self.multis: list[tuple[int, int, tuple[Test, ...]]] = []  # (rule, target offset, tests) for longer ones
        self._lower = _Lower()
        for rule, row in enumerate(ruler.patterns):
            entry: dict[str, Any] = dict(row)
            for pattern in entry["patterns"]:
                if not pattern or any(not isinstance(token, dict) for token in pattern):
                    raise UnsupportedPattern(f"pattern {pattern!r}")
                tests = tuple(_token_test(token, self._lower) for token in pattern)
                if len(tests) == 1 and entry["index"] in (0, -1):
                    self.singles.append((rule, tests[0]))
                elif -len(tests) <= entry["index"] < len(tests):
                    self.multis.append((rule, entry["index"] % len(tests), tests))
                else:
                    raise UnsupportedPattern(f"index {entry['index']} outside {pattern!r}")
        if self._lower.matters(_OTHER):
            raise UnsupportedPattern(f"a LOWER pattern names or matches {_OTHER!r}")
        self._canon: dict[int, int] = {}  # lower id -> itself when a pattern may care, else 0 (:data:`_OTHER`)
        self._table: dict[tuple[int, ...], tuple[tuple[int, ...], tuple[frozenset[int], ...]]] = {}
        self._merged: dict[tuple[int, ...], list[tuple[int, int]]] = {}
        #: The token attributes the rules write (spaCy ids), the columns of what :meth:`__call__` writes.
        self.columns: list[int | str] = sorted({attr for attrs in self.attrs for attr in attrs})
        if any(not isinstance(attr, int) for attr in self.columns):
            raise UnsupportedPattern(f"attributes {self.columns!r}")

    def _entry(self, ids: tuple[int, ...], doc: Doc) -> tuple[tuple[int, ...], tuple[frozenset[int], ...]]:
        strings = doc.vocab.strings
        key: Key = (strings[ids[0]], strings[ids[1]] if ids[1] else _OTHER, strings[ids[2]], bool(ids[3]))
        rules = tuple(rule for rule, test in self.singles if test(key))
        longest = max((len(tests) for _, _, tests in self.multis), default=0)
        steps = tuple(frozenset(n for n, (_, _, tests) in enumerate(self.multis) if len(tests) > step and
                                tests[step](key)) for step in range(longest))
        entry = self._table[ids] = (rules, steps)
        return entry

    def _merge(self, rules: tuple[int, ...]) -> list[tuple[int, int]]:
        """(column, value) writes of these rules, in :attr:`columns`; a later rule overwrites an earlier one."""
        merged = self._merged.get(rules)
        if merged is None:
            values: dict[int, int] = {}
            for rule in rules:  # in rule order, as the ruler applies its matches
                values.update(self.attrs[rule])
            merged = self._merged[rules] = [(self.columns.index(attr), value) for attr, value in values.items()]
        return merged

    def _rules_per_token(self, doc: Doc) -> list[tuple[int, ...]]:
        rows = doc.to_array(_KEY_IDS) if len(doc) else np.zeros((0, 4), dtype="uint64")
        table, canon, entries = self._table, self._canon, []
        for tag, lower, dep, space in rows.tolist():
            short = canon.get(lower)
            if short is None:
                short = canon[lower] = lower if self._lower.matters(doc.vocab.strings[lower]) else 0
            ids = (tag, short, dep, space)
            entries.append(table.get(ids) or self._entry(ids, doc))
        per_token = [rules for rules, _ in entries]
        for start, (_, steps) in enumerate(entries):
            if not steps or not steps[0]:
                continue
            for n in steps[0]:
                rule, offset, tests = self.multis[n]
                end = start + len(tests)
                if end <= len(entries) and all(n in entries[start + k][1][k] for k in range(1, len(tests))):
                    per_token[start + offset] = tuple(sorted({*per_token[start + offset], rule}))
        return per_token

    def __call__(self, doc: Doc) -> Doc:
        """Write every rule's attributes in one ``Doc.from_array`` (the ruler's ``set_token_attrs`` makes the
        same ``Token.set_struct_attr`` calls, one Python Token at a time)."""
        if not len(doc) or not self.columns:
            return doc
        values = doc.to_array(self.columns).tolist()
        for row, rules in zip(values, self._rules_per_token(doc), strict=True):
            if rules:
                for column, value in self._merge(rules):
                    row[column] = value
        doc.from_array(self.columns, cast(Any, np.array(values, dtype="uint64")))
        return doc


class LemmaTable:
    """spaCy's rule lemmatizer without a Python Token per word: a word whose (form, POS, MORPH) the
    lemmatizer has seen is answered from the lemmatizer's own cache (the first thing its
    ``rule_lemmatize`` looks at) or this table's own memory of every answer, in document order; any other word
    goes to the lemmatizer itself, which fills the same cache. The lemmas are written with one ``Doc.from_array``."""

    def __init__(self, lemmatizer: Lemmatizer) -> None:
        if lemmatizer.mode != "rule":
            raise UnsupportedPattern(f"lemmatizer mode {lemmatizer.mode!r}")
        self.lemmatizer = lemmatizer
        self._validated = False
        #: Lemma (string id) per (form, POS, MORPH) seen. ``rule_lemmatize`` caches only the words its rules
        #: reach: a base form, a proper noun or any POS without rules (most tokens: determiners, pronouns,
        #: punctuation, names) is worked out again, through a Python Token, at every occurrence. The lemma
        #: is a function of the key alone (the text, POS and MORPH are all ``rule_lemmatize`` reads), so
        #: remembering every key's answer changes no lemma.
        self._known: dict[tuple[int, int, int], int] = {}
        #: Per POS: its lemma index as a set, its exceptions, its rules, and whether it has any of the three.
        self._tables: dict[str, tuple[set[str], dict[str, list[str]], list[list[str]], bool]] = {}
        #: Only for spaCy's own rule lemmatizer and English base-form test, which read nothing else.
        base_forms = (Lemmatizer.is_base_form, EnglishLemmatizer.is_base_form)
        self._remember = (type(lemmatizer).rule_lemmatize is Lemmatizer.rule_lemmatize
                          and type(lemmatizer).is_base_form in base_forms)

    def _by_rules(self, token: Token) -> list[str]:
        """``Lemmatizer.rule_lemmatize`` (spaCy 3.8) for a word not in its cache, with each POS's lemma index
        as a set: spaCy keeps the index as the list its lookups data holds and tests ``form in index`` by
        scanning it, for every rule that applies (about 0.2 ms a word; most of the lemmatizer's time on new
        text). The early answers (no POS, a base form, a POS without tables) are left to spaCy's code."""
        lemmatizer, univ_pos = self.lemmatizer, token.pos_.lower()
        tables = self._tables.get(univ_pos)
        if tables is None:
            index = lemmatizer.lookups.get_table("lemma_index", {}).get(univ_pos, {})
            exceptions = lemmatizer.lookups.get_table("lemma_exc", {}).get(univ_pos, {})
            rules = lemmatizer.lookups.get_table("lemma_rules", {}).get(univ_pos, {})
            tables = self._tables[univ_pos] = (set(index), exceptions, rules, bool(index or exceptions or rules))
        index, exceptions, rules, any_table = tables
        if univ_pos in ("", "eol", "space") or not any_table or lemmatizer.is_base_form(token):
            return lemmatizer.rule_lemmatize(token)
        orig = token.text
        string = orig.lower()
        forms: list[str] = []
        oov_forms = []
        for old, new in rules:
            if string.endswith(old):
                form = string[: len(string) - len(old)] + new
                if not form:
                    pass
                elif form in index:
                    forms.insert(0, form)
                elif not form.isalpha():
                    forms.append(form)
                else:
                    oov_forms.append(form)
        forms = list(dict.fromkeys(forms))
        for form in exceptions.get(string, []):
            if form not in forms:
                forms.insert(0, form)
        return forms or oov_forms or [orig]

    def __call__(self, doc: Doc) -> Doc:
        if not self._validated:  # the lemmatizer checks its tables on its first Doc
            self.lemmatizer(Doc(doc.vocab, words=[]))
            self._validated = True
        if not len(doc):
            return doc
        lemmatizer, known, strings = self.lemmatizer, self._known, doc.vocab.strings
        rows = doc.to_array(_LEMMA_KEY).tolist()
        lemmas = []
        for i, (orth, pos, morph, lemma) in enumerate(rows):
            if lemmatizer.overwrite or lemma == 0:
                key = (orth, pos, morph)
                found = known.get(key)
                if found is None:
                    forms = lemmatizer.cache.get(key)
                    if forms is None:
                        forms = self._by_rules(doc[i]) if self._remember else lemmatizer.lemmatize(doc[i])
                    found = strings.add(forms[0])
                    if self._remember:
                        known[key] = found
                lemma = found
            lemmas.append(lemma)
        doc.from_array(_LEMMA, cast(Any, np.array(lemmas, dtype="uint64")))
        return doc


def differences(nlp: Language, texts: Iterable[str]) -> tuple[list[str], dict[str, float]]:
    """Run ``nlp`` on each text up to its attribute table, then spaCy's attribute ruler and lemmatizer on
    one copy of the Doc and ``nlp``'s attribute and lemma tables on another; return every token whose tag,
    POS, MORPH, lemma or dependency differs (as readable lines) and the CPU seconds of each component."""
    spacy_side = [("attribute_ruler", nlp.get_pipe("attribute_ruler")), ("lemmatizer", nlp.get_pipe("lemmatizer"))]
    our_side = [("attribute_table", nlp.get_pipe("newsweave_attribute_table")),
                ("lemma_table", nlp.get_pipe("newsweave_lemma_table"))]
    before = nlp.pipe_names[: nlp.pipe_names.index("newsweave_attribute_table")]
    seconds = {name: 0.0 for name, _ in spacy_side + our_side}
    found: list[str] = []
    with nlp.select_pipes(enable=before):
        for doc in nlp.pipe(texts):
            ours = Doc(doc.vocab).from_bytes(doc.to_bytes())
            # ours first, so a word new to the lemmatizer is worked out by the table's own rules, not read
            # from the cache spaCy's lemmatizer fills
            for target, components in ((ours, our_side), (doc, spacy_side)):
                for name, component in components:
                    started = time.process_time()
                    component(target)
                    seconds[name] += time.process_time() - started
            found += [f"{a.i} {a.text!r}: {_row(a)} != {_row(b)}" for a, b in zip(doc, ours, strict=True)
                      if _row(a) != _row(b)]
    return found, seconds


def _row(token: Token) -> tuple[str, str, str, str, str]:
    return token.tag_, token.pos_, str(token.morph), token.lemma_, token.dep_
