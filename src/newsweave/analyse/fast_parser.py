"""A fast, exact stand-in for spaCy's greedy dependency ``parser``.

spaCy's ``Parser._parseC`` advances the parse states of a few documents (4 in an ``nlp.pipe`` batch of 16)
one transition at a time: per state and step it gathers the features, runs a tiny BLAS call for the output
layer, asks each of the ~100 moves whether it is valid (``set_valid``) and applies the best. On long news
articles that loop, not the precomputed lower layer, is most of the parser's time. :class:`FastParser`
runs the same greedy arc-eager decoder with NumPy over many states at once, and gets many states from a
property of the transition system: a preset sentence start (newsweave marks every paragraph start before
the parser) can neither be shifted onto a non-empty stack nor take a head from it, so the parser always
reaches it with an empty stack and nothing from before it matters any more. Every paragraph of every
document of a batch is therefore decoded as a state of its own, all advancing together, and a batch takes
about twice its longest paragraph's length in steps instead of twice its longest document's. The state
(stack, buffer, heads, each token's last left and right child, sentence starts) is a set of arrays.

What is copied from spaCy 3.8 (``spacy/pipeline/_parser_internals/{_state.pxd,arc_eager.pyx}``,
``spacy/ml/parser_model.pyx``, ``spacy/pipeline/transition_parser.pyx``):

- the eight features of the ``parser`` state type: B0, B1, S0, S1, S2, the last left child of B0, the
  last left and the last right child of S0 (``StateC.set_context_tokens``), a missing one reading the
  padding row of the precomputed lower layer;
- their sum in feature order (float32, one addition at a time), then the bias, maxout, the output layer
  through the same BLIS ``sgemm`` as thinc, then its bias (``predict_states``);
- the validity of Shift, Reduce, LeftArc, RightArc and Break, with preset sentence starts (a token whose
  ``sent_start`` is 1 cannot be shifted onto a non-empty stack nor get a head from the stack; one whose
  ``sent_start`` is -1 cannot start a sentence), and the choice of the first best valid class
  (``arg_max_if_valid``);
- the transitions, with the non-monotonic ones: Reduce puts a headless S0 back on the buffer (marked
  unshiftable, so it is not shifted again until a LeftArc gives it a child), LeftArc replaces a head set
  by RightArc (always its head's last right arc, which ``StateC.del_arc`` removes; anything else would be
  refused);
- the annotation: every arc written as head and label, every token whose head is itself labelled ROOT,
  children and sentence starts from the heads, then the parser's postprocesses (deprojectivize).

Anything else (beam search, unseen classes, a ``learn_tokens`` parser, other feature sets, documents
that carry dependency labels already, a state this decoder does not model) is left to spaCy's own
component, which stays in the pipeline, disabled. ``bench/bench_fast_parser.py`` compares heads, labels
and sentence starts with spaCy's on real articles.
"""

from __future__ import annotations

import time
from collections.abc import Iterable, Iterator
from itertools import islice
from typing import Any, cast

import numpy as np
from blis.py import gemm
from spacy.attrs import DEP, HEAD, SENT_START
from spacy.language import Language
from spacy.pipeline import DependencyParser
from spacy.tokens import Doc

from .attribute_table import UnsupportedPattern

__all__ = ["FastParser", "Unsupported", "differences"]

SHIFT, REDUCE, LEFT, RIGHT, BREAK = range(5)
_MOVES = {"S": SHIFT, "D": REDUCE, "L": LEFT, "R": RIGHT, "B": BREAK}
_COMPARED: list[int | str] = [HEAD, DEP, SENT_START]


class Unsupported(UnsupportedPattern):
    """A parser (or a document, or a parse state) this decoder does not reproduce: spaCy's runs instead."""


class _Weights:
    """The parser model's layers as arrays, with the class table."""

    def __init__(self, parser: DependencyParser) -> None:
        model = parser.model
        if parser.cfg.get("beam_width", 1) != 1 or parser.cfg.get("learn_tokens"):
            raise Unsupported("beam search or learn_tokens")
        if not model.attrs.get("has_upper") or model.attrs.get("unseen_classes"):
            raise Unsupported("no upper layer, or unseen classes")
        self.tok2vec = model.get_ref("tok2vec")
        self.lower = model.get_ref("lower")
        upper = model.get_ref("upper")
        self.n_features = self.lower.get_dim("nF")
        if self.n_features != 8:  # the ``parser`` state type's features (``set_context_tokens`` with n == 8)
            raise Unsupported(f"{self.n_features} features")
        self.n_hidden = self.lower.get_dim("nO")
        self.n_pieces = self.lower.get_dim("nP")
        self.bias = np.ascontiguousarray(self.lower.get_param("b"), dtype=np.float32).reshape(-1)
        self.upper_w = np.ascontiguousarray(upper.get_param("W"), dtype=np.float32)
        self.upper_b = np.ascontiguousarray(upper.get_param("b"), dtype=np.float32)
        names = parser.move_names
        if len(names) != parser.moves.n_moves or self.upper_w.shape[0] != len(names):
            raise Unsupported("move table and output layer disagree")
        strings = parser.vocab.strings
        moves, labels = [], []
        for name in names:
            move, _, label = name.partition("-")
            if move not in _MOVES or label == "subtok":
                raise Unsupported(f"move {name!r}")
            moves.append(_MOVES[move])
            labels.append(strings[label] if label else 0)
        self.class_move = np.array(moves, dtype=np.intp)
        self.class_label = np.array(labels, dtype=np.uint64)
        self.root_label = strings["ROOT"]

    def precompute(self, docs: list[Doc]) -> np.ndarray:
        """The lower layer's output for every token of ``docs`` and feature slot, row 0 the padding:
        shape ((tokens + 1) * features, hidden * pieces), as spaCy's ``precompute_hiddens`` holds it."""
        tokvecs = self.tok2vec.predict(docs)
        cached = self.lower.predict(tokvecs)
        return np.ascontiguousarray(cached, dtype=np.float32).reshape(cached.shape[0] * self.n_features, -1)


def _segments(docs: list[Doc], lengths: np.ndarray) -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray]:
    """Every document's preset sentence starts cut it into segments, each parsed as a state of its own;
    returns the flat index of each token's preset ``sent_start`` and, per segment, its first token, its
    end (the next segment's first token) and its document's end, all as flat token indices."""
    ends = np.cumsum(lengths)
    sent = np.zeros(int(ends[-1]) + 1, dtype=np.int8)  # one sentinel for index -1
    starts, stops, doc_ends = [], [], []
    for doc, end in zip(docs, ends.tolist(), strict=True):
        if not len(doc):
            continue
        begin = end - len(doc)
        sent[begin:end] = doc.to_array(SENT_START)
        cuts = [begin, *(begin + np.flatnonzero(sent[begin + 1 : end] == 1) + 1).tolist(), end]
        starts += cuts[:-1]
        stops += cuts[1:]
        doc_ends += [end] * (len(cuts) - 1)
    as_array = lambda values: np.array(values, dtype=np.intp)  # noqa: E731
    return sent, as_array(starts), as_array(stops), as_array(doc_ends)


def _parse(weights: _Weights, docs: list[Doc]) -> tuple[np.ndarray, np.ndarray]:
    """Greedy arc-eager decoding of ``docs`` together: each token's head (-1 for none) and label (an arc's
    label, 0 without one), as flat arrays over the documents' tokens in order.

    A preset sentence start cuts the parse cleanly: no arc can reach it from the stack, so the parser
    empties its stack before shifting it, and from then on only later tokens matter. So every segment
    between two preset starts is decoded as a state of its own, all at once. The one thing a segment
    passes to the next is a Break made while it empties its stack in front of the next segment's first
    token (marking the token after it); segments started without the mark their predecessor made are
    decoded again with it, until none is."""
    lengths = np.array([len(doc) for doc in docs], dtype=np.intp)
    total = int(lengths.sum())
    heads = np.full(total + 1, -1, dtype=np.intp)
    labels = np.zeros(total + 1, dtype=np.uint64)
    if not total:
        return heads[:total], labels[:total]
    sent, seg_start, seg_end, seg_doc_end = _segments(docs, lengths)
    cached = weights.precompute(docs)
    preset_start = sent == 1
    state = _State(preset_start, sent == -1, heads, labels)
    n_segments = len(seg_start)
    marks_in = np.zeros(n_segments, dtype=bool)
    has_next = np.zeros(n_segments, dtype=bool)
    has_next[:-1] = seg_doc_end[:-1] > seg_end[:-1]  # the next segment is in the same document
    todo = np.arange(n_segments, dtype=np.intp)
    while todo.size:
        if todo.size < n_segments:
            state.reset(seg_start[todo], seg_end[todo])
        marks_out = state.decode(weights, cached, seg_start[todo], seg_end[todo], seg_doc_end[todo], marks_in[todo])
        follows = todo[has_next[todo]]
        wanted = marks_out[has_next[todo]]
        redo = wanted != marks_in[follows + 1]
        todo = follows[redo] + 1
        marks_in[todo] = wanted[redo]
    return heads[:total], labels[:total]


class _State:
    """The token arrays the states of one :func:`_parse` share (flat over the batch's tokens; index -1
    reads the last entry, a sentinel never written), and the greedy loop over a set of segments."""

    def __init__(self, preset_start: np.ndarray, cannot_start: np.ndarray, heads: np.ndarray,
                 labels: np.ndarray) -> None:
        size = len(heads)
        self.preset_start = preset_start
        self.is_start = preset_start.copy()
        self.cannot_start = cannot_start
        self.heads = heads
        self.labels = labels
        self.last_left = np.full(size, -1, dtype=np.intp)
        self.last_right = np.full(size, -1, dtype=np.intp)
        self.prev_right = np.full(size, -1, dtype=np.intp)
        self.unshiftable = np.zeros(size, dtype=bool)

    def reset(self, starts: np.ndarray, ends: np.ndarray) -> None:
        for begin, end in zip(starts.tolist(), ends.tolist(), strict=True):
            self.is_start[begin:end] = self.preset_start[begin:end]
            self.heads[begin:end] = -1
            self.labels[begin:end] = 0
            self.last_left[begin:end] = -1
            self.last_right[begin:end] = -1
            self.prev_right[begin:end] = -1
            self.unshiftable[begin:end] = False

    def decode(self, weights: _Weights, cached: np.ndarray, seg_start: np.ndarray, seg_end: np.ndarray,
               doc_end: np.ndarray, marks_in: np.ndarray) -> np.ndarray:
        """Decode the segments [seg_start, seg_end) from an empty stack; ``marks_in`` tells which start
        with the token after their first marked as a sentence start. Returns which marked the token after
        their end so."""
        marked = seg_start[marks_in] + 1
        self.is_start[marked] = True
        heads, labels, is_start, cannot_start = self.heads, self.labels, self.is_start, self.cannot_start
        last_left, last_right, prev_right, unshiftable = self.last_left, self.last_right, self.prev_right, \
            self.unshiftable
        n = len(seg_start)
        width = int((seg_end - seg_start).max()) + 4
        marks_out = np.zeros(n, dtype=bool)
        stack = np.full((n, width + 3), -1, dtype=np.intp)  # element k at column k + 3
        rebuffer = np.full((n, width + 2), -1, dtype=np.intp)  # element k at column k + 2
        depth = np.zeros(n, dtype=np.intp)
        rdepth = np.zeros(n, dtype=np.intp)
        b_i = seg_start.copy()
        live = np.arange(n, dtype=np.intp)
        n_features = weights.n_features
        feature_slots = np.arange(n_features, dtype=np.intp)[:, None]
        n_pieces = weights.n_pieces
        bias = weights.bias
        upper_w, upper_b = weights.upper_w, weights.upper_b
        class_move, class_label = weights.class_move, weights.class_label
        while live.size:
            r = live
            length, end = doc_end[r], seg_end[r]
            d, rd, bi = depth[r], rdepth[r], b_i[r]
            s0 = stack[r, d + 2]
            s1 = stack[r, d + 1]
            s2 = stack[r, d]
            nb0 = np.where(bi < length, bi, -1)
            nb1 = np.where(bi + 1 < length, bi + 1, -1)
            b0 = np.where(rd > 0, rebuffer[r, rd + 1], nb0)
            b1 = np.where(rd >= 2, rebuffer[r, rd], np.where(rd == 1, nb0, nb1))
            ids = np.stack([b0, b1, s0, s1, s2, last_left[b0], last_left[s0], last_right[s0]])
            # Row (token + 1) of feature f of the lower layer's output, -1 reading the padding row 0; summed
            # in feature order, then the bias (as ``sum_state_features`` and ``predict_states``).
            gathered = np.take(cached, (ids + 1) * n_features + feature_slots, axis=0)
            unmaxed = np.add.reduce(gathered, axis=0)
            unmaxed += bias
            unmaxed = unmaxed.reshape(len(r), -1, n_pieces)
            hidden = unmaxed[:, :, 0]
            for p in range(1, n_pieces):
                hidden = np.maximum(hidden, unmaxed[:, :, p])
            scores = gemm(np.ascontiguousarray(hidden), upper_w, trans2=True, beta=0.0)
            scores += upper_b
            # Validity of the five move types (arc_eager.pyx), then of each class. The token after the
            # segment's end reads as a start only by this segment's own Break (the next segment's are later).
            buffer_length = length - bi + rd
            has_stack = d > 0
            b0_start = is_start[b0]
            b1_after = b1 == end + 1
            b1_start = np.where(b1_after, self.preset_start[b1] | marks_out[r], is_start[b1])
            valid = np.empty((len(r), 5), dtype=bool)
            valid[:, SHIFT] = ~has_stack | ((buffer_length >= 2) & ~b0_start & ~unshiftable[b0])
            valid[:, REDUCE] = has_stack & ((buffer_length == 0) | ~((d == 1) & cannot_start[b0]))
            valid[:, LEFT] = has_stack & (buffer_length > 0) & ~b0_start
            valid[:, RIGHT] = valid[:, LEFT]
            valid[:, BREAK] = (buffer_length >= 2) & (b1 == b0 + 1) & ~b1_start & ~cannot_start[b1]
            if not valid.any(axis=1).all():
                raise Unsupported("a state with no valid move")
            guess = np.where(valid[:, class_move], scores, -np.inf).argmax(axis=1)
            move = class_move[guess]
            # Transitions.
            is_left = move == LEFT
            is_right = move == RIGHT
            is_reduce = move == REDUCE
            if is_left.any():
                child, head = s0[is_left], b0[is_left]
                if (head <= child).any():
                    raise Unsupported("a left arc to the right")
                old = heads[child]
                moved = old >= 0
                if moved.any():
                    mc, mo = child[moved], old[moved]
                    if (mo >= mc).any() or (last_right[mo] != mc).any():
                        raise Unsupported("a replaced arc that is not its head's last")
                    last_right[mo] = prev_right[mc]
                heads[child] = head
                labels[child] = class_label[guess[is_left]]
                last_left[head] = child
                unshiftable[head] = False
            if is_right.any():
                head, child = s0[is_right], b0[is_right]
                if (heads[child] >= 0).any():
                    raise Unsupported("a right arc to a token with a head")
                heads[child] = head
                labels[child] = class_label[guess[is_right]]
                prev_right[child] = last_right[head]
                last_right[head] = child
            if is_reduce.any():
                unshift = is_reduce & (d > 1) & (heads[s0] < 0)
                if unshift.any():
                    ur, us, urd = r[unshift], s0[unshift], rd[unshift]
                    unshiftable[us] = True
                    rebuffer[ur, urd + 2] = us
                    rdepth[ur] = urd + 1
            pops = is_left | is_reduce
            depth[r[pops]] = d[pops] - 1
            push = is_right | (move == SHIFT)
            if push.any():
                pr, pd, prd = r[push], d[push], rd[push]
                stack[pr, pd + 3] = b0[push]
                depth[pr] = pd + 1
                rdepth[pr] = np.where(prd > 0, prd - 1, 0)
                b_i[pr] = np.where(prd > 0, bi[push], bi[push] + 1)
            breaks = move == BREAK
            if breaks.any():
                outside = breaks & b1_after
                marks_out[r[outside]] = True
                inside = breaks & ~b1_after
                is_start[b1[inside]] = True
            final = (depth[r] == 0) & (rdepth[r] == 0) & (b_i[r] == end)
            if final.any():
                live = r[~final]
        return marks_out


def _annotate(parser: DependencyParser, weights: _Weights, doc: Doc, heads: np.ndarray, labels: np.ndarray) -> None:
    """``ArcEager.set_annotations`` and the parser's postprocesses, through ``Doc.from_array``."""
    if not len(doc):
        for hook in parser.postprocesses:
            hook(doc)
        return
    current = doc.to_array([HEAD, DEP]).astype(np.int64)
    index = np.arange(len(doc), dtype=np.int64)
    rel = np.where(heads >= 0, heads - index, current[:, 0].astype(np.int32).astype(np.int64))
    dep = np.where(heads >= 0, labels.astype(np.int64, copy=False), current[:, 1])
    dep = dep.astype(np.uint64)
    dep[rel == 0] = weights.root_label
    doc.from_array([HEAD, DEP], cast(Any, np.stack([rel.astype(np.uint64), dep], axis=1)))
    for hook in parser.postprocesses:
        hook(doc)


class FastParser:
    """spaCy's dependency parser, decoded with NumPy over whole batches (see the module doc); spaCy's own
    component runs for fewer than ``min_segments`` segments (a vectorised step costs more than spaCy's on a
    handful of states), for documents this decoder cannot take, and when the parser's move table changed
    since this one read it. At most ``max_tokens`` tokens are decoded together (one document longer than
    that alone): the precomputed lower layer takes 4 KiB per token, and this bounds it (128 MiB) whatever
    the batch size (a batch of 16 long articles, ~16,000 tokens, is one run; measured on the 32 longest
    ECB+ dev articles, the pipeline's peak RSS is the same as with spaCy's parser). Neither value changes
    a parse."""

    def __init__(self, parser: DependencyParser, min_segments: int = 8, max_tokens: int = 32768) -> None:
        self.parser = parser
        self.min_segments = min_segments
        self.max_tokens = max_tokens
        #: Batches parsed by the fast path and by spaCy's component (for the bench and the tests).
        self.batches = {"fast": 0, "spacy": 0}
        self.weights = _Weights(parser)
        self._n_moves = parser.moves.n_moves

    def _supported(self, docs: list[Doc]) -> bool:
        """Whether the fast path reproduces spaCy's on ``docs``: the move table as read, no document
        carrying labels already (spaCy would add them as moves), and enough segments to be worth it."""
        if self.parser.moves.n_moves != self._n_moves:
            return False
        arrays = [doc.to_array([SENT_START, DEP]) for doc in docs if len(doc)]
        if any(array[:, 1].any() for array in arrays):
            return False
        return sum(1 + int((array[1:, 0] == 1).sum()) for array in arrays) >= self.min_segments

    def _spacy(self, docs: list[Doc]) -> list[Doc]:
        self.batches["spacy"] += 1
        states = self.parser.predict(docs)
        self.parser.set_annotations(docs, states)
        return docs

    def __call__(self, doc: Doc) -> Doc:
        return self.parse([doc])[0]

    def parse(self, docs: list[Doc]) -> list[Doc]:
        """Parse ``docs`` and annotate them as spaCy's parser does: consecutive documents together, as
        many as hold at most ``max_tokens`` tokens (a longer one alone)."""
        start = 0
        while start < len(docs):
            stop, tokens = start + 1, len(docs[start])
            while stop < len(docs) and tokens + len(docs[stop]) <= self.max_tokens:
                tokens += len(docs[stop])
                stop += 1
            self._parse_together(docs[start:stop])
            start = stop
        return docs

    def _parse_together(self, docs: list[Doc]) -> None:
        if not self._supported(docs):
            self._spacy(docs)
            return
        try:
            heads, labels = _parse(self.weights, docs)
        except Unsupported:
            self._spacy(docs)
            return
        self.batches["fast"] += 1
        begin = 0
        for doc in docs:
            end = begin + len(doc)
            local = heads[begin:end]
            _annotate(self.parser, self.weights, doc, np.where(local >= 0, local - begin, -1), labels[begin:end])
            begin = end

    def pipe(self, docs: Iterable[Doc], *, batch_size: int = 256, **_: Any) -> Iterator[Doc]:
        stream = iter(docs)
        while batch := list(islice(stream, max(batch_size, 1))):
            yield from self.parse(batch)


def differences(nlp: Language, texts: Iterable[str], batch_size: int = 16) -> tuple[list[str], dict[str, float]]:
    """Run ``nlp`` on the texts up to its parser, then spaCy's parser on one copy of each batch of Docs and
    ``newsweave_parser`` on another; return every document whose heads, labels or sentence starts differ
    (as readable lines) and the CPU seconds of each parser."""
    spacy_parser, ours = cast(Any, nlp.get_pipe("parser")), cast(Any, nlp.get_pipe("newsweave_parser"))
    before = nlp.pipe_names[: nlp.pipe_names.index("newsweave_parser")]
    seconds = {"spacy_parser": 0.0, "newsweave_parser": 0.0}
    found: list[str] = []
    stream = iter(texts)
    with nlp.select_pipes(enable=before):
        while batch := list(nlp.pipe(islice(stream, batch_size), batch_size=batch_size)):
            copies = [doc.copy() for doc in batch]
            for name, component, docs in (("spacy_parser", spacy_parser, batch), ("newsweave_parser", ours, copies)):
                started = time.process_time()
                for _ in component.pipe(docs, batch_size=batch_size):
                    pass
                seconds[name] += time.process_time() - started
            for doc, copy in zip(batch, copies, strict=True):
                theirs, mine = doc.to_array(_COMPARED), copy.to_array(_COMPARED)
                wrong = np.flatnonzero((theirs != mine).any(axis=1))
                if wrong.size:
                    token = doc[int(wrong[0])]
                    found.append(f"{doc.text[:40]!r}: {wrong.size} tokens differ, first {token.i} {token.text!r}: "
                                 f"{token.head.i} {token.dep_} != {copy[token.i].head.i} {copy[token.i].dep_}")
    return found, seconds


@Language.factory("newsweave_parser")
def _fast_parser(nlp: Language, name: str) -> FastParser:
    parser = nlp.get_pipe("parser")
    if not isinstance(parser, DependencyParser):
        raise Unsupported(f"parser is a {type(parser).__name__}")
    return FastParser(parser)
