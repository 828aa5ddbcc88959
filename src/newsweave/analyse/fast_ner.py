"""A fast, exact stand-in for spaCy's greedy ``ner`` (the BILUO transition-based entity recognizer).

spaCy decodes one state per document, one token per step, and at every step asks each of its 74 moves
whether it is valid (``TransitionSystem.set_valid``): on long news text that validity loop, not the maths,
is about half of NER's time. :class:`FastNer` computes the same entities with the same weights, in NumPy:

* The lower layers run exactly as spaCy runs them: the recognizer's own tok2vec and its precomputed
  feature layer (``lower``), on the very sub-batches ``Parser.pipe`` forms (the batch sorted by length,
  cut in quarters), so every precomputed feature row is bit for bit spaCy's.
* A greedy BILUO state reads three tokens (``StateC.set_context_tokens`` for the ``ner`` state type): the
  first of the buffer, and, while an entity is open, its first token and the token before the buffer.
  With no entity open, the state at a token is therefore the same whatever came before, so the move
  taken there is computed for every token of the batch at once (one matrix product). Only the moves
  inside an entity depend on where the entity began; those steps run for every candidate entity start
  together, for as many steps as the longest entity has tokens. A walk over the starts then keeps the
  entities the sequential decoder reaches (a start inside an accepted entity is never reached).
* The scores are computed as spaCy's ``predict_states`` computes them: the three feature rows summed in
  spaCy's order (``sum_state_features``: zero, then each feature, then the bias) in float32, maxout over
  the pieces, the upper layer through BLIS's ``sgemm`` (what thinc's ``CBlas`` calls; a row's result does
  not depend on how many rows the product has, which ``tests/analyse/test_fast_ner.py`` checks), plus its
  bias. Invalid moves are masked from a table of the moves valid in each kind of state, and the
  first best valid move wins, as in ``arg_max_if_valid``.
* Validity is BiluoPushDown's for a document without preset entities: B needs no open entity, a next
  token that does not start a sentence, and a token that is not whitespace; U a non-whitespace token;
  O no open entity; I the open entity's label and a next token that does not start a sentence; L the open
  entity's label. A document that carries any entity annotation before NER goes to spaCy's own component.

A recognizer this cannot copy exactly (beam search, another state type or feature count, no upper layer,
classes marked unseen, a non-NumPy backend) is refused with :class:`UnsupportedNer`, and
:func:`newsweave.analyse.nlp.load` then keeps spaCy's component running; one changed into such a
recognizer later (a label added) hands its Docs to spaCy's component. :func:`differences` compares the two
(``bench/bench_fast_ner.py``).
"""

from __future__ import annotations

import time
from collections.abc import Iterable, Iterator
from itertools import islice

import blis.py
import numpy as np
from spacy.attrs import ENT_IOB, ENT_KB_ID, ENT_TYPE, IS_SPACE, SENT_START
from spacy.language import Language
from spacy.pipeline import EntityRecognizer
from spacy.pipeline._parser_internals.ner import BiluoPushDown
from spacy.tokens import Doc, Span
from thinc.api import NumpyOps

__all__ = ["FastNer", "UnsupportedNer", "differences"]

_MOVES = "BILUO"
_PRESET = [ENT_IOB, ENT_TYPE, ENT_KB_ID]
_TOKEN = [SENT_START, IS_SPACE]

Entities = list[list[tuple[int, int, int]]]  # per Doc: (start, end, label index)


class UnsupportedNer(ValueError):
    """A recognizer :class:`FastNer` cannot reproduce exactly (keep spaCy's component)."""


class _Transitions:
    """The recognizer's moves as arrays: kind (index into ``BILUO``, -1 for the never-valid ones), label
    index, and the additive mask (0 or -inf) of the moves valid in each kind of state.

    The kinds of state with no entity open come first, one per token code ``2 * continues + is_space``
    ("continues": a next token that starts no sentence); an entity of label ``n`` open at a token is kind
    ``first_open + 2 * n + continues``."""

    first_open = 4  # the four token codes

    def __init__(self, ner: EntityRecognizer) -> None:
        names = [ner.moves.get_class_name(i) for i in range(ner.moves.n_moves)]
        labels = sorted({name[2:] for name in names if name[:2] in ("B-", "I-", "L-", "U-") and name[2:]})
        self.kind = np.full(len(names), -1, dtype=np.int64)
        self.label = np.full(len(names), -1, dtype=np.int64)
        for i, name in enumerate(names):
            if name == "O":
                self.kind[i] = _MOVES.index("O")
            elif name[:2] in ("B-", "I-", "L-", "U-") and name[2:]:
                self.kind[i], self.label[i] = _MOVES.index(name[0]), labels.index(name[2:])
            elif name not in ("U-", "M"):  # U- (a blocked token) and M (missing) are never valid here
                raise UnsupportedNer(f"move {name!r}")
        self.label_ids = [ner.vocab.strings.add(label) for label in labels]
        valid = np.zeros((self.first_open + 2 * len(labels), len(names)), dtype=bool)
        for continues in (0, 1):
            for space in (0, 1):
                row = valid[2 * continues + space]
                row |= self.kind == _MOVES.index("O")
                row |= (self.kind == _MOVES.index("U")) & (not space)
                row |= (self.kind == _MOVES.index("B")) & bool(continues and not space)
            for n in range(len(labels)):
                row = valid[self.first_open + 2 * n + continues]
                row |= (self.kind == _MOVES.index("L")) & (self.label == n)
                row |= (self.kind == _MOVES.index("I")) & (self.label == n) & bool(continues)
        self.mask = np.where(valid, np.float32(0), np.float32(-np.inf)).astype(np.float32)


class FastNer:
    """spaCy's greedy ``ner`` with the same weights and the same entities, decoded token-parallel."""

    def __init__(self, ner: EntityRecognizer) -> None:
        problems = _problems(ner)
        if problems:
            raise UnsupportedNer(", ".join(problems))
        self.ner = ner
        #: False once the recognizer has changed (a label added) into one this cannot copy: spaCy's decodes.
        self.copyable = True
        self.moves = _Transitions(ner)
        model = ner.model
        self.tok2vec, self.lower, self.upper = model.get_ref("tok2vec"), model.get_ref("lower"), model.get_ref("upper")

    def __call__(self, doc: Doc) -> Doc:
        for _ in self.pipe([doc], batch_size=1):
            pass
        return doc

    def pipe(self, docs: Iterable[Doc], *, batch_size: int = 256) -> Iterator[Doc]:
        """Set every Doc's entities, a batch at a time, each cut into the sub-batches ``Parser.pipe`` uses."""
        if self.ner.moves.n_moves != len(self.moves.kind):  # a label added to the recognizer since
            self.copyable = not _problems(self.ner)
            self.moves = _Transitions(self.ner) if self.copyable else self.moves
        if not self.copyable:
            yield from self.ner.pipe(docs, batch_size=batch_size)
            return
        for batch in _minibatch(docs, batch_size):
            if any(doc.to_array(_PRESET).any() for doc in batch):
                yield from self.ner.pipe(batch, batch_size=batch_size)  # preset entities: spaCy's own
                continue
            for sub in _minibatch(sorted(batch, key=len), max(batch_size // 4, 2)):
                self._annotate(sub)
            yield from batch

    def _annotate(self, docs: list[Doc]) -> None:
        lengths = [len(doc) for doc in docs]
        spans: Entities = [[] for _ in docs]
        if sum(lengths):
            spans = self._decode(docs, lengths)
        for doc, found in zip(docs, spans, strict=True):
            labels = self.moves.label_ids
            doc.set_ents([Span(doc, start, end, label=labels[n]) for start, end, n in found], default="outside")

    def _decode(self, docs: list[Doc], lengths: list[int]) -> Entities:
        """The entities (start, end, label index) of each Doc, in the spaCy batch ``docs``."""
        cached = self.lower.predict(self.tok2vec.predict(docs))  # (tokens + 1, F, H, P); row 0 is padding
        cached = cached.reshape(cached.shape[0], cached.shape[1], -1)
        code = _token_codes(docs, lengths)
        tokens = np.arange(len(code))
        closed = self._best(cached, tokens, None, code)  # the move at each token with no entity open
        kind = self.moves.kind[closed]
        starts = np.flatnonzero(kind == _MOVES.index("B"))
        ends = tokens + 1  # U closes where it opens; a B's end comes from the steps inside its entity
        ends[starts] = self._inside(cached, code, starts, self.moves.label[closed[starts]])
        opening = np.flatnonzero((kind == _MOVES.index("B")) | (kind == _MOVES.index("U")))
        return _walk(opening.tolist(), ends[opening].tolist(), self.moves.label[closed[opening]].tolist(), lengths)

    def _inside(self, cached: np.ndarray, code: np.ndarray, starts: np.ndarray, labels: np.ndarray) -> np.ndarray:
        """Where each entity opened at ``starts`` ends (exclusive), stepping all of them together."""
        ends = np.zeros(len(starts), dtype=np.int64)
        alive = np.arange(len(starts))
        at = starts + 1
        while len(alive):
            kinds = self.moves.first_open + 2 * labels[alive] + code[at] // 2
            moves = self._best(cached, at, starts[alive], kinds)
            last = self.moves.kind[moves] == _MOVES.index("L")
            ends[alive[last]] = at[last] + 1
            alive, at = alive[~last], at[~last] + 1
        return ends

    def _best(self, cached: np.ndarray, at: np.ndarray, opened: np.ndarray | None, kinds: np.ndarray) -> np.ndarray:
        """The first best valid move of each state: its buffer at token ``at``, its entity opened at
        ``opened`` (None: no entity open), ``kinds`` its kind of state (see :class:`_Transitions`)."""
        summed = np.float32(0) + cached[at + 1, 0]  # spaCy's sum starts from zero
        if opened is None:  # ids (at, -1, -1): the padding rows for the entity's first and previous token
            summed += cached[0, 1]
            summed += cached[0, 2]
        else:  # ids (at, opened, at - 1)
            summed += cached[opened + 1, 1]
            summed += cached[at, 2]
        summed += self.lower.get_param("b").reshape(-1)
        pieces = summed.reshape(len(at), self.lower.get_dim("nO"), self.lower.get_dim("nP"))
        hidden = pieces[:, :, 0].copy()  # maxout: the largest piece (np.max over a short last axis is slow)
        for piece in range(1, pieces.shape[2]):
            np.maximum(hidden, pieces[:, :, piece], out=hidden)
        scores = blis.py.gemm(hidden, self.upper.get_param("W"), trans2=True, beta=0.0)
        scores += self.upper.get_param("b")
        scores += self.moves.mask[kinds]
        return scores.argmax(axis=1)


def _token_codes(docs: list[Doc], lengths: list[int]) -> np.ndarray:
    """``2 * continues + is_space`` per token of the batch (``continues``: the next token exists and does
    not start a sentence, ``B_(1).sent_start != 1``)."""
    codes = []
    for doc, n in zip(docs, lengths, strict=True):
        if not n:
            continue
        rows = doc.to_array(_TOKEN).astype(np.int64)  # SENT_START -1 comes back as a large unsigned value
        continues = np.zeros(n, dtype=np.int64)
        continues[:-1] = rows[1:, 0] != 1
        codes.append(2 * continues + (rows[:, 1] != 0))
    return np.concatenate(codes)


def _walk(starts: list[int], ends: list[int], labels: list[int], lengths: list[int]) -> Entities:
    """The entities the sequential decoder reaches: from the first token, the next opening at or after
    where the last entity ended; per Doc, in Doc token offsets."""
    per_doc: Entities = [[] for _ in lengths]
    bounds = np.cumsum([0, *lengths])
    doc, position = 0, 0
    for start, end, label in zip(starts, ends, labels, strict=True):
        if start < position:
            continue
        while start >= bounds[doc + 1]:
            doc += 1
        per_doc[doc].append((start - int(bounds[doc]), end - int(bounds[doc]), label))
        position = end
    return per_doc


def _minibatch(items: Iterable[Doc], size: int) -> Iterator[list[Doc]]:
    iterator = iter(items)
    while batch := list(islice(iterator, size)):
        yield batch


def _problems(ner: object) -> list[str]:
    """What makes a recognizer decode otherwise than the greedy BILUO one :class:`FastNer` copies."""
    if not isinstance(ner, EntityRecognizer) or not isinstance(ner.moves, BiluoPushDown):
        return [f"ner is a {type(ner).__name__}"]
    model = ner.model
    refs = {name: model.get_ref(name) for name in ("tok2vec", "lower", "upper") if model.has_ref(name)}
    problems = {
        "beam search": ner.cfg.get("beam_width", 1) != 1,
        "postprocesses": bool(ner.postprocesses),
        "no upper layer": not model.attrs.get("has_upper") or "upper" not in refs,
        "unseen classes": bool(model.attrs.get("unseen_classes")),
        "a backend other than NumPy": not isinstance(model.ops, NumpyOps),
    }
    lower, upper = refs.get("lower"), refs.get("upper")
    problems["a lower layer other than precomputable_affine"] = lower is None or lower.name != "precomputable_affine"
    if lower is not None:
        problems["features other than the ner state's three"] = lower.maybe_get_dim("nF") != 3
    if upper is not None and not problems["no upper layer"]:
        problems["an upper layer other than linear"] = (upper.name != "linear"
                                                        or upper.maybe_get_dim("nO") != ner.moves.n_moves)
    return [problem for problem, present in problems.items() if present]


def differences(nlp: Language, texts: Iterable[str], batch_size: int = 16) -> tuple[list[str], dict[str, float]]:
    """Run ``nlp`` on the texts up to its fast recognizer (``nlp.pipe``), then, a batch at a time, spaCy's
    ``ner`` on the Docs and ``nlp``'s :class:`FastNer` on copies of them; return one readable line per Doc
    whose entities (start, end, label) or tokens' ``ent_iob_``/``ent_type_`` differ, and the CPU seconds
    of each recognizer."""
    fast = nlp.get_pipe("newsweave_ner")
    if not isinstance(fast, FastNer):
        raise TypeError(f"newsweave_ner is a {type(fast).__name__}")
    before = nlp.pipe_names[: nlp.pipe_names.index("newsweave_ner")]
    seconds = {"spacy_ner": 0.0, "fast_ner": 0.0}
    found: list[str] = []
    with nlp.select_pipes(enable=before):
        for n, batch in enumerate(_minibatch(nlp.pipe(texts, batch_size=batch_size), batch_size)):
            ours = [Doc(doc.vocab).from_bytes(doc.to_bytes()) for doc in batch]
            for name, component, docs in (("spacy_ner", fast.ner, batch), ("fast_ner", fast, ours)):
                started = time.process_time()
                for _ in component.pipe(docs, batch_size=batch_size):
                    pass
                seconds[name] += time.process_time() - started
            found += [_describe(n * batch_size + i, a, b) for i, (a, b) in enumerate(zip(batch, ours, strict=True))
                      if _entities(a) != _entities(b)]
    return found, seconds


def _entities(doc: Doc) -> tuple[list[tuple[int, int, str]], list[tuple[str, str]]]:
    return [(e.start, e.end, e.label_) for e in doc.ents], [(t.ent_iob_, t.ent_type_) for t in doc]


def _describe(number: int, theirs: Doc, ours: Doc) -> str:
    (their_ents, their_tokens), (our_ents, our_tokens) = _entities(theirs), _entities(ours)
    first = next((i for i, (a, b) in enumerate(zip(their_tokens, our_tokens, strict=True)) if a != b), None)
    return (f"doc {number}: spaCy only {sorted(set(their_ents) - set(our_ents))}, ours only "
            f"{sorted(set(our_ents) - set(their_ents))}, first token differing {first}")
