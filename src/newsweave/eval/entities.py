"""Entity mentions and entity coreference against ECB+ and MEANTIME gold.

Reading the gold (``../shared/data``, see its README):

- Each document's tokens are joined back into text, one sentence a line (the usual English spacing
  rules; ECB+'s split hyphens are joined again), so every token has character offsets into the
  :class:`~newsweave.model.Article` text that the engine reads.
- ECB+ entity mentions are the markables ``HUMAN_PART*``, ``NON_HUMAN_PART*`` and ``LOC_*`` that carry
  tokens; a ``CROSS_DOC_COREF`` relation gives its sources the target's ``instance_id``, an
  ``INTRA_DOC_COREF`` one a cluster local to the document; a mention in no relation is a singleton.
- MEANTIME entity mentions are the ``ENTITY_MENTION`` markables of ``intra_cross-doc_annotation``;
  ``REFERS_TO`` sends them to an ``ENTITY`` whose ``instance_id`` is the cross-document cluster (an
  entity without one is a cluster local to its document); ``syntactic_type="NAM"`` marks names.
- Only *annotated sentences* are scored: a sentence with at least one token anchored to any markable
  (both corpora annotate only some sentences). Gold and predicted mentions elsewhere are ignored.

Mapping predicted mentions to gold: a predicted mention covers the tokens its character span
overlaps. It matches a gold mention *exactly* when both cover the same tokens; the *overlap* match
first pairs exact matches, then pairs each remaining predicted mention with the unpaired gold mention
sharing the most tokens (highest Jaccard), one to one. For coreference a predicted mention takes the
key of its overlap-matched gold mention; an unmatched one keeps a key of its own (it is spurious and
costs precision). Gold singletons are kept, as is usual for ECB+.
"""

from __future__ import annotations

import xml.etree.ElementTree as ET
from collections import defaultdict
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from ..model import Article, Mention
from .coref import CorefScore, conll

__all__ = ["GoldDoc", "Predicted", "coreference", "detection", "load_ecbplus_xml", "load_meantime",
           "match_mentions", "predict", "token_keys"]

_NO_SPACE_BEFORE = {"-", ",", ".", ":", ";", "?", "!", "%", ")", "]", "'s", "’s", "n't", "'", "''", "'re",
                    "'ve", "'ll", "'d", "'m"}
_NO_SPACE_AFTER = {"-", "(", "[", "$", "#", "``", "“"}
_ECB_ENTITY = ("HUMAN_PART", "NON_HUMAN_PART", "LOC_")


@dataclass(slots=True)
class GoldDoc:
    """One gold document: text, token offsets, and entity mentions with their clusters."""

    id: str
    topic: str
    text: str
    tokens: list[tuple[int, int]]
    scored: set[int]  # sentence numbers of annotated sentences
    token_sentence: list[int]
    mentions: dict[str, tuple[int, ...]] = field(default_factory=dict)  # mention id -> token indices
    cluster: dict[str, str] = field(default_factory=dict)  # mention id -> cross-document cluster key
    named: set[str] = field(default_factory=set)
    types: dict[str, str] = field(default_factory=dict)  # mention id -> gold type as annotated

    def article(self) -> Article:
        return Article(id=self.id, input=self.id, text=self.text, language="en")

    def in_scored(self, tokens: Iterable[int]) -> bool:
        return any(self.token_sentence[t] in self.scored for t in tokens)


def _join(tokens: Sequence[tuple[str, int]]) -> tuple[str, list[tuple[int, int]]]:
    text, offsets, previous, sentence = "", [], None, None
    for word, sent in tokens:
        if sentence is not None and sent != sentence:
            text += "\n"
        elif previous is not None and word not in _NO_SPACE_BEFORE and previous not in _NO_SPACE_AFTER:
            text += " "
        offsets.append((len(text), len(text) + len(word)))
        text += word
        previous, sentence = word, sent
    return text, offsets


def _document(path: Path, topic: str, root: ET.Element) -> tuple[GoldDoc, dict[str, int]]:
    words, index = [], {}
    for n, token in enumerate(root.iter("token")):
        index[token.get("t_id", "")] = n
        words.append(((token.text or "").strip(), int(token.get("sentence", "0"))))
    text, offsets = _join(words)
    doc = GoldDoc(path.stem, topic, text, offsets, set(), [s for _w, s in words])
    for markable in _children(root, "Markables"):
        for anchor in markable.iter("token_anchor"):
            doc.scored.add(words[index[anchor.get("t_id", "")]][1])
    return doc, index


def _children(root: ET.Element, tag: str) -> list[ET.Element]:
    found = root.find(tag)
    return list(found) if found is not None else []


def _anchors(markable: ET.Element, index: dict[str, int]) -> tuple[int, ...]:
    return tuple(sorted(index[a.get("t_id", "")] for a in markable.iter("token_anchor")))


def load_ecbplus_xml(folder: Path) -> list[GoldDoc]:
    """Every ``*.xml`` of an ECB+ folder, with entity mentions and their gold clusters."""
    docs = []
    for path in sorted(folder.glob("*.xml")):
        root = ET.parse(path).getroot()
        doc, index = _document(path, path.name.split("_")[0], root)
        instance = {}
        for markable in _children(root, "Markables"):
            tokens = _anchors(markable, index)
            if tokens and markable.tag.startswith(_ECB_ENTITY):
                doc.mentions[markable.get("m_id", "")] = tokens
                doc.types[markable.get("m_id", "")] = markable.tag
            elif not tokens:
                instance[markable.get("m_id", "")] = markable.get("instance_id")
        for relation in _children(root, "Relations"):
            target = relation.find("target")
            tid = target.get("m_id", "") if target is not None else ""
            key = instance.get(tid) or f"{doc.id}:{tid}"
            for source in relation.findall("source"):
                if source.get("m_id") in doc.mentions:
                    doc.cluster[source.get("m_id", "")] = key
        _finish(doc)
        docs.append(doc)
    return docs


def load_meantime(folder: Path) -> list[GoldDoc]:
    """MEANTIME's ``intra_cross-doc_annotation`` (one topic per corpus folder)."""
    docs = []
    for path in sorted(folder.glob("corpus_*/*.xml")):
        root = ET.parse(path).getroot()
        doc, index = _document(path, path.parent.name, root)
        instance, kind = {}, {}
        for markable in _children(root, "Markables"):
            mid = markable.get("m_id", "")
            if markable.tag == "ENTITY_MENTION":
                doc.mentions[mid] = _anchors(markable, index)
                if markable.get("syntactic_type") == "NAM":
                    doc.named.add(mid)
            elif markable.tag == "ENTITY":
                instance[mid] = markable.get("instance_id") or f"{doc.id}:{mid}"
                kind[mid] = markable.get("ent_type", "")
        for relation in _children(root, "Relations"):
            target = relation.find("target")
            if relation.tag != "REFERS_TO" or target is None or target.get("m_id") not in instance:
                continue
            for source in relation.findall("source"):
                if source.get("m_id") in doc.mentions:
                    doc.cluster[source.get("m_id", "")] = instance[target.get("m_id", "")]
                    doc.types[source.get("m_id", "")] = kind[target.get("m_id", "")]
        _finish(doc)
        docs.append(doc)
    return docs


def _finish(doc: GoldDoc) -> None:
    """Keep mentions of annotated sentences; a mention without a cluster is a singleton."""
    doc.mentions = {m: t for m, t in doc.mentions.items() if t and doc.in_scored(t)}
    doc.cluster = {m: doc.cluster.get(m, f"{doc.id}:{m}") for m in doc.mentions}
    doc.named &= set(doc.mentions)
    doc.types = {m: t for m, t in doc.types.items() if m in doc.mentions}


def token_keys(doc: GoldDoc, mention: Mention) -> tuple[int, ...]:
    """The tokens a predicted mention's character span overlaps."""
    start, end = mention.span.start, mention.span.end
    return tuple(n for n, (a, b) in enumerate(doc.tokens) if a < end and start < b)


def match_mentions(
    predicted: Sequence[tuple[int, ...]], gold: dict[str, tuple[int, ...]]
) -> tuple[dict[int, str], dict[int, str]]:
    """(exact, overlap): predicted index -> gold mention id, one to one (see the module docstring)."""
    by_tokens: dict[tuple[int, ...], list[str]] = defaultdict(list)
    for mid, tokens in gold.items():
        by_tokens[tokens].append(mid)
    exact: dict[int, str] = {}
    for n, tokens in enumerate(predicted):
        free = [m for m in by_tokens.get(tokens, []) if m not in exact.values()]
        if free:
            exact[n] = free[0]
    overlap, used = dict(exact), set(exact.values())
    pairs = []
    for n, tokens in enumerate(predicted):
        if n in exact:
            continue
        mine = set(tokens)
        for mid, theirs in gold.items():
            shared = len(mine.intersection(theirs))
            if shared and mid not in used:
                pairs.append((-shared / len(mine | set(theirs)), n, mid))
    for _score, n, mid in sorted(pairs):
        if n not in overlap and mid not in used:
            overlap[n] = mid
            used.add(mid)
    return exact, overlap


Analyse = Callable[[Article], Sequence[Mention]]
Resolve = Callable[[Sequence[Article]], Sequence[Sequence[Mention]]]


@dataclass(slots=True)
class Predicted:
    """One document's predicted mentions (annotated sentences only) and their gold matches."""

    doc: GoldDoc
    article: Article
    tokens: list[tuple[int, ...]]
    exact: dict[int, str]
    overlap: dict[int, str]


def predict(docs: Sequence[GoldDoc], analyse: Analyse) -> list[Predicted]:
    out = []
    for doc in docs:
        article = doc.article()
        mentions = [m for m in analyse(article) if doc.in_scored(token_keys(doc, m))]
        article = Article(id=article.id, input=article.input, text=article.text, language="en",
                          mentions=tuple(mentions))
        tokens = [token_keys(doc, m) for m in mentions]
        out.append(Predicted(doc, article, tokens, *match_mentions(tokens, doc.mentions)))
    return out


def _prf(found: int, predicted: int, gold: int) -> dict[str, float]:
    p = found / predicted if predicted else 0.0
    r = found / gold if gold else 0.0
    return {"p": p, "r": r, "f1": 2 * p * r / (p + r) if p + r else 0.0}


def detection(predicted: Sequence[Predicted]) -> dict[str, dict[str, float]]:
    """Mention detection P/R/F1, exact and overlap; ``named_r`` is recall of gold names (MEANTIME)."""
    n_pred = sum(len(p.tokens) for p in predicted)
    n_gold = sum(len(p.doc.mentions) for p in predicted)
    n_named = sum(len(p.doc.named) for p in predicted)
    named = sum(len(p.doc.named & set(p.overlap.values())) for p in predicted)
    return {
        "exact": _prf(sum(len(p.exact) for p in predicted), n_pred, n_gold),
        "overlap": _prf(sum(len(p.overlap) for p in predicted), n_pred, n_gold),
        "named_r": {"r": named / n_named if n_named else 0.0, "n": float(n_named)},
    }


def _key_clusters(predicted: Sequence[Predicted]) -> list[list[object]]:
    clusters: dict[str, list[object]] = defaultdict(list)
    for p in predicted:
        for mid, key in p.doc.cluster.items():
            clusters[key].append((p.doc.id, mid))
    return list(clusters.values())


def _response(predicted: Sequence[Predicted], resolve: Resolve, matched_only: bool) -> list[list[object]]:
    where = {}
    for p in predicted:
        for n, m in enumerate(p.article.mentions):
            gold = p.overlap.get(n)
            if gold is not None or not matched_only:
                where[m] = (p.doc.id, gold) if gold is not None else (p.doc.id, f"spurious:{n}")
    clusters = resolve([p.article for p in predicted])
    return [[where[m] for m in cluster if m in where] for cluster in clusters]


def coreference(
    predicted: Sequence[Predicted],
    resolve: Resolve,
    group: Callable[[GoldDoc], str],
    matched_only: bool = False,
) -> dict[str, CorefScore | float]:
    """CoNLL scores, resolving each group of documents (one document, or one topic) together."""
    groups: dict[str, list[Predicted]] = defaultdict(list)
    for p in predicted:
        groups[group(p.doc)].append(p)
    key: list[list[object]] = []
    response: list[list[object]] = []
    for members in groups.values():
        key.extend(_key_clusters(members))
        response.extend(_response(members, resolve, matched_only))
    return conll(key, response)
