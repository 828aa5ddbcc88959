"""The story brief scored with ROUGE-1/2/L F1 against NeuS val reference summaries, next to LexRank.

Measured by ``bench/bench_brief.py [--data ../shared/data] [--limit N]``.

Each NeuS story (3 outlets, title + lead) is analysed as in :mod:`newsweave.eval.facts` (text = title + blank line +
lead, every analysis stage plus claims), its facts aligned and its brief written by
:func:`newsweave.report.brief.write_brief`; the brief is its sentences joined by spaces.

Reference: ``reference_summary`` with its "TITLE=>" and "ARTICLE=>" markers removed (the words of the
neutral title and summary are kept). Scoring: Google's ``rouge-score`` package (pinned 0.1.2) with the
Porter stemmer, F1, averaged over stories, times 100.

Baseline: LexRank (sumy 0.13.0, ``LexRankSummarizer``), 3 sentences, over the three articles' titles and
leads as one document. sumy's default tokenizer needs NLTK's punkt data, which cannot be downloaded
here, so the baseline is given a small tokenizer with no download: sentences split after . ! ? (and at
paragraph breaks), words as runs of letters and digits. Stop words: sumy's English list.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import Any

from ..compare.facts import align_facts
from ..report.brief import write_brief
from .facts import analyse_story, article_text

__all__ = ["PlainTokenizer", "lexrank", "newsweave_brief", "reference", "score"]


_MARKERS = re.compile(r"\b(?:TITLE|ARTICLE)=>\s*")
_SENTENCE = re.compile(r"(?:(?<=[.!?])|(?<=[.!?][\"”’']))\s+(?=[\"“‘'(]?[A-Z0-9])|\n+")
_WORD = re.compile(r"[A-Za-z0-9]+(?:['’][A-Za-z]+)?")


class PlainTokenizer:
    """What sumy asks of a tokenizer, with no NLTK data: ``to_sentences`` and ``to_words``."""

    language = "english"

    def to_sentences(self, paragraph: str) -> tuple[str, ...]:
        return tuple(s.strip() for s in _SENTENCE.split(paragraph) if s.strip())

    def to_words(self, sentence: str) -> tuple[str, ...]:
        return tuple(_WORD.findall(sentence))


def reference(record: dict[str, Any]) -> str:
    return _MARKERS.sub("", record["reference_summary"]).strip()


def lexrank(record: dict[str, Any], sentences: int = 3) -> str:
    from sumy.nlp.stemmers import Stemmer
    from sumy.parsers.plaintext import PlaintextParser
    from sumy.summarizers.lex_rank import LexRankSummarizer
    from sumy.utils import get_stop_words

    document = "\n\n".join(article_text(a) for a in record["articles"])
    parser = PlaintextParser.from_string(document, PlainTokenizer())
    summarizer = LexRankSummarizer(Stemmer("english"))
    summarizer.stop_words = get_stop_words("english")
    return " ".join(str(s) for s in summarizer(parser.document, sentences))


def newsweave_brief(
    record: dict[str, Any], failures: list[str] | None = None
) -> tuple[str, list[dict[str, Any]]]:
    """The story's brief as one text, and its sentences with their support (stage failures in ``failures``)."""
    story, context = analyse_story(record, failures=failures)
    story = write_brief(align_facts(story, context), context)
    entries: list[dict[str, Any]] = []
    for entry in story.brief.sentences:
        for span in entry.support:  # every cited span must be real text
            if span.end > len(context.articles[span.article].text):
                raise ValueError(f"brief cites {span} beyond the end of {span.article}")
        entries.append(
            {
                "sentence": entry.sentence,
                "support": len(entry.support),
                "status": getattr(entry, "status", None),
                "sources": getattr(entry, "sources", None),
            }
        )
    return " ".join(e["sentence"] for e in entries), entries


def _mean(rows: Sequence[dict[str, float]], key: str) -> float:
    return round(100 * sum(r[key] for r in rows) / len(rows), 2) if rows else 0.0


def score(
    records: Sequence[dict[str, Any]], failures: list[str] | None = None
) -> dict[str, dict[str, float]]:
    """ROUGE-1/2/L F1 x 100 and mean words of the newsweave brief and of LexRank, over ``records``."""
    from rouge_score import rouge_scorer

    scorer = rouge_scorer.RougeScorer(["rouge1", "rouge2", "rougeL"], use_stemmer=True)
    rows: dict[str, list[dict[str, float]]] = {"newsweave": [], "lexrank": []}
    words: dict[str, int] = {"newsweave": 0, "lexrank": 0}
    for record in records:
        ref = reference(record)
        for name, text in (("newsweave", newsweave_brief(record, failures)[0]), ("lexrank", lexrank(record))):
            result = scorer.score(ref, text)
            rows[name].append({k: v.fmeasure for k, v in result.items()})
            words[name] += len(text.split())
    return {
        name: {
            "rouge1": _mean(r, "rouge1"),
            "rouge2": _mean(r, "rouge2"),
            "rougeL": _mean(r, "rougeL"),
            "words": round(words[name] / max(len(records), 1), 1),
        }
        for name, r in rows.items()
    }
