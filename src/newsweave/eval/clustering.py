"""Scoring story clustering against labelled data: B³ precision, recall and F1 over articles.

Two development formats are understood (see ``../shared/data/README.md``):

- ECB+ (``ecbplus-dev/articles.jsonl``): one article a line with ``event`` (gold event) and ``story``
  (gold topic); scored at both levels.
- NeuS (``neus/val.jsonl``): one story a line with three outlets' ``articles``; all articles are pooled
  and re-clustered. NeuS has a single level of gold (``story``), so its ``event`` and ``topic`` scores
  are the same figures.
"""

from __future__ import annotations

import time
from collections import Counter
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Literal

from ..config import Settings
from ..errors import InputError
from ..group.clustering import cluster_articles
from ..group.config import GroupConfig
from ..group.stories import find_stories
from ..ingest.jsonload import loads
from ..model import Article, Meta, RawDocument, Story, evolve

__all__ = ["Labelled", "b_cubed", "eval_stories", "load_ecbplus", "load_labelled", "load_neus", "split_rates"]

Format = Literal["ecbplus", "neus"]


@dataclass(frozen=True, slots=True)
class Labelled:
    """Articles with their gold clusters: ``event`` and ``topic`` map article id -> cluster id."""

    dataset: Format
    articles: tuple[Article, ...]
    event: Mapping[str, str]
    topic: Mapping[str, str]


def b_cubed(pred: Mapping[str, str], gold: Mapping[str, str]) -> tuple[float, float, float]:
    """B³ precision, recall and F1, averaged over items; both maps send item -> cluster id.

    For each item, precision is the share of its predicted cluster that shares its gold cluster and
    recall the share of its gold cluster that shares its predicted cluster. Both maps must cover the
    same, non-empty set of items (a ValueError otherwise: that is a bug in the caller, not bad data).
    """
    if set(pred) != set(gold):
        missing, extra = len(set(gold) - set(pred)), len(set(pred) - set(gold))
        raise ValueError(f"pred and gold must cover the same items ({missing} missing, {extra} extra)")
    if not gold:
        raise ValueError("b_cubed needs at least one item")
    pred_size = Counter(pred.values())
    gold_size = Counter(gold.values())
    both = Counter((pred[item], gold[item]) for item in gold)
    precision = recall = 0.0
    for item in gold:
        overlap = both[(pred[item], gold[item])]
        precision += overlap / pred_size[pred[item]]
        recall += overlap / gold_size[gold[item]]
    precision /= len(gold)
    recall /= len(gold)
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return precision, recall, f1


def split_rates(pred: Mapping[str, str], gold: Mapping[str, str]) -> dict[str, float]:
    """How often a gold cluster is split and a predicted one over-merged; both maps send item -> cluster id.

    ``split``: the share of gold clusters of two or more items whose items land in more than one predicted
    cluster (a busy day's story spread over several). ``overmerge``: the share of predicted clusters of two
    or more items that hold items of more than one gold cluster. ``extra_stories``: predicted clusters per
    gold cluster, minus one, averaged over gold clusters (0 when none is split).
    """
    if set(pred) != set(gold):
        raise ValueError("pred and gold must cover the same items")
    gold_parts: dict[str, set[str]] = {}
    pred_parts: dict[str, set[str]] = {}
    sizes_gold: Counter[str] = Counter(gold.values())
    sizes_pred: Counter[str] = Counter(pred.values())
    for item, cluster in gold.items():
        gold_parts.setdefault(cluster, set()).add(pred[item])
        pred_parts.setdefault(pred[item], set()).add(cluster)
    many_gold = [c for c, n in sizes_gold.items() if n >= 2]
    many_pred = [c for c, n in sizes_pred.items() if n >= 2]
    return {
        "split": round(sum(len(gold_parts[c]) > 1 for c in many_gold) / max(1, len(many_gold)), 4),
        "overmerge": round(sum(len(pred_parts[c]) > 1 for c in many_pred) / max(1, len(many_pred)), 4),
        "extra_stories": round(sum(len(p) - 1 for p in gold_parts.values()) / max(1, len(gold_parts)), 4),
    }


def _lines(path: Path) -> list[tuple[int, dict[str, Any]]]:
    if not path.is_file():
        raise InputError(
            str(path), "no such file", hint="point at ecbplus-dev/articles.jsonl or neus/val.jsonl"
        )
    rows = []
    try:
        lines = path.read_text(encoding="utf-8").split("\n")
    except UnicodeDecodeError as exc:
        raise InputError(str(path), f"is not valid UTF-8 ({exc.reason} at byte {exc.start})") from exc
    for number, line in enumerate(lines, start=1):
        if not line.strip():
            continue
        value = loads(f"{path}:{number}", line, "not JSON", "expected one JSON object a line")  # bounded
        if not isinstance(value, dict):
            raise InputError(f"{path}:{number}", "not a JSON object", hint="expected one JSON object a line")
        rows.append((number, value))
    if not rows:
        raise InputError(str(path), "file is empty", hint="expected one JSON object a line")
    return rows


def _field(row: Mapping[str, Any], name: str, where: str) -> Any:
    if name not in row:
        raise InputError(where, f"missing field {name!r}")
    return row[name]


def _article(row: Mapping[str, Any], where: str) -> Article:
    return Article(
        id=str(_field(row, "id", where)),
        input=where,
        text=str(_field(row, "text", where)),
        title=row.get("title") or None,
    )


def load_ecbplus(path: str | Path) -> Labelled:
    """ECB+ articles with gold events (``event``) and topics (``story``)."""
    path = Path(path)
    articles, event, topic = [], {}, {}
    for number, row in _lines(path):
        article = _article(row, f"{path}:{number}")
        articles.append(article)
        event[article.id] = str(_field(row, "event", article.input))
        topic[article.id] = str(_field(row, "story", article.input))
    return Labelled("ecbplus", tuple(articles), event, topic)


def load_neus(path: str | Path) -> Labelled:
    """NeuS stories pooled into one list of articles; gold is each article's ``story`` (one level)."""
    path = Path(path)
    articles, gold = [], {}
    for number, row in _lines(path):
        where = f"{path}:{number}"
        story = str(_field(row, "story", where))
        for item in _field(row, "articles", where):
            article = _article(item, where)
            articles.append(article)
            gold[article.id] = story
    return Labelled("neus", tuple(articles), gold, gold)


def load_labelled(path: str | Path) -> Labelled:
    """Load either format, told apart by the fields of the first line."""
    path = Path(path)
    first = _lines(path)[0][1]
    if isinstance(first, dict) and "articles" in first:
        return load_neus(path)
    if isinstance(first, dict) and "event" in first:
        return load_ecbplus(path)
    raise InputError(
        str(path),
        "unknown format: neither ECB+ articles nor NeuS stories",
        hint="expected lines with 'event' (ECB+) or 'articles' (NeuS)",
    )


def _assignment(stories: tuple[Story, ...]) -> dict[str, str]:
    """Article -> story; an article split into segments counts in the story of its lead segment
    (the one its headline and first paragraph open, which says what the article is about)."""
    first: dict[str, tuple[int, str]] = {}
    for story in stories:
        for span in story.segments:
            if span.start < first.get(span.article, (1 << 62, ""))[0]:
                first[span.article] = (span.start, story.id)
    return {aid: sid for aid, (_, sid) in first.items()}


def _as_engine_reads(articles: Sequence[Article]) -> list[Article]:
    """The labelled articles through the engine's own normalisation (paragraphs, debris), keeping
    their labelled ids so they can be scored."""
    from ..normalise import normalise

    read = []
    for a in articles:
        doc = RawDocument(a.id, a.text, "record", (("title", Meta(a.title, "record")),) if a.title else ())
        try:
            read.append(evolve(normalise(doc), id=a.id, published=a.published))
        except InputError:  # all of it looked like debris: score it as given rather than drop it
            read.append(a)
    return read


def _scores(pred: Mapping[str, str], gold: Mapping[str, str]) -> dict[str, float]:
    precision, recall, f1 = b_cubed(pred, gold)
    return {"precision": round(precision, 4), "recall": round(recall, 4), "f1": round(f1, 4)}


def eval_stories(
    path: str | Path,
    settings: Settings = Settings(),  # noqa: B008 - Settings is frozen, so sharing it is safe
    *,
    segments: bool = True,
) -> dict[str, Any]:
    """Group a labelled file as the engine does (normalise, event segments, clustering) and score it
    with B³; ``segments=False`` clusters the records as given, whole.

    ``seconds`` is the grouping time only (not loading). For NeuS, ``topic`` repeats ``event``.
    """
    data = load_labelled(path)
    start = time.perf_counter()
    if segments:
        stories = find_stories(_as_engine_reads(data.articles), settings)
    else:
        stories = cluster_articles(data.articles, settings)
    seconds = time.perf_counter() - start
    pred = _assignment(stories)
    return {
        "dataset": data.dataset,
        "articles": len(data.articles),
        "gold_clusters": len(set(data.event.values())),
        "gold_topics": len(set(data.topic.values())),
        "predicted_clusters": len(stories),
        "threshold": settings.of(GroupConfig).threshold,
        "segments": segments,
        "event": _scores(pred, data.event),
        "topic": _scores(pred, data.topic),
        "event_split": split_rates(pred, data.event),
        "seconds": round(seconds, 3),
    }
