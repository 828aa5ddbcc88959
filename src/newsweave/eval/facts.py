"""Fact alignment across outlets scored on the hand-annotated stories of bench/gold/facts/.

Measured by ``bench/bench_facts.py [--data ../shared/data] [--rebuild-gold]``.

Two gold files (see bench/gold/facts/README.md): ``gold.jsonl``, 50 NeuS val stories, and ``gold_ext.jsonl``,
more NeuS stories (val and train) and ECB+ dev stories built from passages of same-event articles (where
outlets disagree on counts, dates and boats) and of two-event topics (the same kind of event twice: hard
negatives, never a conflict). Each NeuS article becomes one newsweave Article whose text is ``title +
"\\n\\n" + text`` and whose outlet is the article id (the three outlets of a story are distinct but
unnamed); an ECB+ article becomes the chosen lines of its text, one a line, whose outlet is the web site of
its source address when it has one (two reports of one site are one source), else the article id. Gold
offsets point into exactly that text. The articles run through every analysis stage plus ``claims``; the
story's facts come from :func:`newsweave.compare.facts.facts_of`.

Metrics (see bench/gold/facts/README.md for the gold):

- **alignment P/R/F1 of supported-by pairs**: a system pair is two support spans of one fact in
  different articles; it is correct when one gold fact has evidence overlapping both. A gold pair is a
  gold fact and two of its supporting articles; it is found when some system pair overlaps its evidence
  in both articles.
- **status accuracy**: for each gold fact, the system fact sharing the most supporting articles with
  it (through overlapping spans) gives the predicted status; no overlapping fact counts as "unique".
- **conflict precision / recall**: a system conflicting fact is correct when its conflicting spans
  overlap the evidence of one gold conflicting fact in two different articles; a gold conflict is found
  when such a system fact exists.
- **false-conflict rate**: share of stories with at least one system conflict that matches no gold
  conflict, and false conflicts per story.
- **corroborated precision / recall, per fact**: a system fact called "corroborated" is right when its
  support overlaps the evidence of one gold *corroborated* fact in two or more different articles of
  different outlets (a gold conflicting fact is not corroborated); a gold corroborated fact is found when
  such a system fact exists. "partly corroborated" is scored the same way on its own, and both together
  as ``any_corroborated``.
- **unique precision / recall**: a system fact called "unique" is right when its support overlaps the
  evidence of a gold unique fact and no gold corroborated or conflicting fact's evidence in another
  article; a gold unique fact is found when a system unique fact overlaps it.
- **updated**: facts with ``updates`` (one outlet's later figure), right when both spans overlap one gold
  fact's evidence in two reports of one outlet; gold updates are the gold facts whose evidence spans two
  reports of one outlet.
- **single-outlet corroborations**: system corroborated or partly corroborated facts whose support comes
  from one outlet only (must be 0).

Stories are split once into a **dev** part, on which the facts stage was tuned, and a **held-out** part,
reported beside it and never tuned on (:func:`split_of`): NeuS stories by the parity of their number
(even: dev), ECB+ stories by the parity of their topic (even: dev).
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import Any

from ..analyse import ARTICLE_STAGES
from ..compare.facts import facts_of
from ..config import Settings
from ..model import Article, Conflict, Fact, Meta, Span, Story
from ..pipeline import Context, Stage, StoryContext, build

__all__ = ["analyse_story", "article_text", "build_gold", "ecb_passage", "evaluate", "fact_right", "load_all_gold",
           "load_gold", "load_neus_records", "score_story", "split_of", "story_records", "summarise"]

Evidence = dict[str, list[tuple[int, int]]]
GOLD_FILES = ("gold.jsonl", "gold_ext.jsonl")
_SITE = re.compile(r"^https?\s*:\s*/\s*/\s*(?:www\s*\.\s*)?([^/]+?)\s*/")


def article_text(record: dict[str, Any]) -> str:
    """The text the bench analyses: an ECB+ passage as built, a NeuS article's title, blank line, lead."""
    return str(record["body"]) if "body" in record else f"{record['title']}\n\n{record['text']}"


def ecb_passage(article: dict[str, Any], lines: Sequence[int]) -> dict[str, Any]:
    """An ECB+ article cut to ``lines`` (indices into its one-sentence-a-line text), as a record whose outlet
    is the web site of the source address on its first line (``news. bbc. co. uk``), else the article id.
    Its title is the line after the address when that line is kept; an article without an address (the
    original ECB part) has no headline: its first line is the lead sentence."""
    text = article["text"].split("\n")
    body = "\n".join(text[i] for i in lines)
    site = _SITE.match(text[0])
    outlet = site.group(1).replace(" ", "") if site else article["id"]
    title = text[1] if site and 1 in lines else None
    return {"id": article["id"], "title": title, "text": body, "body": body, "outlet": outlet}


def _ecb_articles(data: Path) -> dict[str, dict[str, Any]]:
    with (data / "ecbplus-dev" / "articles.jsonl").open(encoding="utf-8") as handle:
        return {a["id"]: a for a in (json.loads(line) for line in handle if line.strip())}


def story_records(data: Path, gold: Iterable[dict[str, Any]]) -> dict[str, dict[str, Any]]:
    """Story id -> the story as analysed (NeuS val or train record, or an ECB+ story of passages)."""
    records: dict[str, dict[str, Any]] = {}
    gold = list(gold)
    for split in ("val", "train"):
        if any(g["story"].startswith(split + "-") for g in gold):
            records.update((r["story"], r) for r in load_neus_records(data, split))
    if any("passages" in g for g in gold):
        ecb = _ecb_articles(data)
        for g in gold:
            if "passages" in g:
                records[g["story"]] = {"story": g["story"], "articles": [
                    ecb_passage(ecb[a], lines) for a, lines in g["passages"].items()]}
    return records


def load_neus_records(data: Path, split: str = "val") -> list[dict[str, Any]]:
    """The NeuS stories of ``data/neus/<split>.jsonl`` as they are stored (one dict a story)."""
    with (data / "neus" / f"{split}.jsonl").open(encoding="utf-8") as handle:
        return [json.loads(line) for line in handle if line.strip()]


def analyse_story(
    record: dict[str, Any],
    settings: Settings = Settings(),  # noqa: B008 - Settings is frozen, so sharing it is safe
    failures: list[str] | None = None,
) -> tuple[Story, StoryContext]:
    """One NeuS story analysed: its articles through every stage plus claims, as a Story and context.

    A stage that fails on an article is skipped (the measurement goes on) and named in ``failures``."""
    pipeline = build(ARTICLE_STAGES)  # claims are among them
    articles = []
    for raw in record["articles"]:
        text = article_text(raw)
        article = Article(
            id=raw["id"],
            input=raw["id"],
            text=text,
            title=raw["title"],
            language="en",
            outlet=Meta(raw.get("outlet", raw["id"]), "record"),
            paragraphs=((0, len(text)),),
        )
        articles.append(_run(pipeline.stages, article, settings, failures if failures is not None else []))
    segments = tuple(Span(a.id, 0, len(a.text)) for a in articles)
    story = Story(record["story"], record["articles"][0]["title"] or record["story"], segments)
    return story, StoryContext({a.id: a for a in articles}, settings)


def _run(stages: Sequence[Stage[Article]], article: Article, settings: Settings, failures: list[str]) -> Article:
    """Every stage in turn; a stage that fails is skipped and named in ``failures`` (the bench says so)."""
    for stage in stages:
        try:
            article = stage.func(article, Context.of(settings))
        except Exception as exc:  # noqa: BLE001 - a bug in one stage must not stop the measurement
            failures.append(f"{stage.name} on {article.id}: {type(exc).__name__}")
    return article


# --- gold ---------------------------------------------------------------------------------------------


def _locate(text: str, phrase: str) -> tuple[int, int]:
    pattern = r"\s+".join(re.escape(w) for w in phrase.split())
    match = re.search(pattern, text)
    if match is None:
        raise ValueError(f"evidence not in text: {phrase!r}")
    return match.start(), match.end()


def _lines(spec: str) -> list[int]:
    """"2-5,9" -> [2, 3, 4, 5, 9]."""
    found: list[int] = []
    for part in spec.split(","):
        first, _, last = part.partition("-")
        found.extend(range(int(first), int(last or first) + 1))
    return found


def _header(line: str, stories: dict[str, dict[str, Any]], data: Path | None) -> dict[str, Any]:
    """A story header: ``## val-7`` (a NeuS story) or ``## ecb-t20-a | 20_1ecbplus 2-5 | 20_6ecbplus 1-5``
    (ECB+ articles cut to the given lines)."""
    name, *parts = [p.strip() for p in line[3:].split(" | ")]
    if not parts:
        record = stories[name]
        return {"story": name, "articles": [a["id"] for a in record["articles"]], "facts": []}
    if data is None:
        raise ValueError(f"{name}: ECB+ stories need the data folder")
    passages = {aid: _lines(spec) for aid, spec in (p.split() for p in parts)}
    stories[name] = story_records(data, [{"story": name, "passages": passages}])[name]
    return {"story": name, "articles": list(passages), "passages": passages, "facts": []}


def build_gold(annotation: Path, stories: dict[str, dict[str, Any]], data: Path | None = None) -> list[dict[str, Any]]:
    """annotation.txt (see README) -> gold records with character offsets. ``stories`` holds the NeuS
    records named in headers; ECB+ stories are built from ``data``."""
    out: list[dict[str, Any]] = []
    for line in annotation.read_text(encoding="utf-8").splitlines():
        if line.startswith("## "):
            out.append(_header(line, stories, data))
        elif line.startswith("+ "):
            out[-1]["facts"].append(
                _gold_fact(line[2:], stories[out[-1]["story"]], len(out[-1]["facts"]) + 1)
            )
        elif line.startswith("! "):
            kind, why = line[2:].split(" | ", 1)
            out[-1]["facts"][-1].update(
                status="conflicting", conflict={"type": kind.strip(), "why": why.strip()}
            )
        elif line.startswith("~ "):
            out[-1]["facts"][-1]["note"] = line[2:].strip()
        elif line.startswith("^ "):
            out[-1]["facts"][-1]["update"] = {"why": line[2:].strip()}
    for record in out:
        record["outlets"] = {a["id"]: a.get("outlet", a["id"]) for a in stories[record["story"]]["articles"]}
    return out


def _gold_fact(line: str, record: dict[str, Any], n: int) -> dict[str, Any]:
    text, evidence = line.split(" | ", 1)
    support: dict[str, list[dict[str, Any]]] = {}
    for part in evidence.split(" ; "):
        index, phrases = part.split(": ", 1)
        raw = record["articles"][int(index)]
        full = article_text(raw)
        for phrase in phrases.split(" || "):
            start, end = _locate(full, phrase.strip())
            support.setdefault(raw["id"], []).append({"start": start, "end": end, "text": full[start:end]})
    outlets = {a.get("outlet", a["id"]) for a in record["articles"] if a["id"] in support}
    status = "corroborated" if len(outlets) > 1 else "unique"  # two reports of one outlet are one source
    return {
        "id": f"{record['story']}-g{n}",
        "text": text.strip(),
        "status": status,
        "support": support,
        "conflict": None,
    }


def load_gold(path: Path) -> list[dict[str, Any]]:
    """The fact gold, one story a line (``bench/gold/facts/gold.jsonl``)."""
    with path.open(encoding="utf-8") as handle:
        return [json.loads(line) for line in handle if line.strip()]


def load_all_gold(folder: Path) -> list[dict[str, Any]]:
    """Every story of the fact gold: the NeuS val stories of ``gold.jsonl`` and the NeuS and ECB+ stories
    of ``gold_ext.jsonl``."""
    return [g for name in GOLD_FILES if (folder / name).exists() for g in load_gold(folder / name)]


# --- scoring ------------------------------------------------------------------------------------------


def _evidence(fact: dict[str, Any]) -> Evidence:
    return {a: [(e["start"], e["end"]) for e in spans] for a, spans in fact["support"].items()}


def _hits(span: Span, evidence: Evidence) -> bool:
    return any(span.start < e and s < span.end for s, e in evidence.get(span.article, ()))


def _pairs(fact: Fact) -> list[tuple[Span, Span]]:
    return [
        (a, b) for i, a in enumerate(fact.support) for b in fact.support[i + 1 :] if a.article != b.article
    ]


def score_story(facts: Sequence[Fact], gold: dict[str, Any]) -> dict[str, float]:
    golds = [(g, _evidence(g)) for g in gold["facts"]]
    sys_pairs = [p for f in facts for p in _pairs(f)]
    correct = sum(any(_hits(a, ev) and _hits(b, ev) for _, ev in golds) for a, b in sys_pairs)
    gold_pairs = [(ev, x, y) for _, ev in golds for i, x in enumerate(ev) for y in list(ev)[i + 1 :]]
    found = sum(
        any(
            (a.article, b.article) in ((x, y), (y, x)) and _hits(a, ev) and _hits(b, ev) for a, b in sys_pairs
        )
        for ev, x, y in gold_pairs
    )
    right = sum(_predicted(facts, ev) == g["status"] for g, ev in golds)
    outlet = _outlet_of(gold)
    conflicting = [f for f in facts if f.status == "conflicting"]
    gold_conflicts = [ev for g, ev in golds if g["status"] == "conflicting"]
    good = [f for f in conflicting if any(_conflict_hits(f, ev, outlet) for ev in gold_conflicts)]
    caught = sum(any(_conflict_hits(f, ev, outlet) for f in conflicting) for ev in gold_conflicts)
    shared = [ev for g, ev in golds if g["status"] == "corroborated"]
    return {
        **_corroboration(facts, shared, ("corroborated",), "corr", outlet),
        **_corroboration(facts, shared, ("partly corroborated",), "partly", outlet),
        **_corroboration(facts, shared, ("corroborated", "partly corroborated"), "anycorr", outlet),
        **_unique(facts, golds),
        **_updated(facts, [ev for g, ev in golds if g.get("update")]),
        "single_outlet": sum(f.status in ("corroborated", "partly corroborated")
                             and (f.sources < 2 or len(set(f.outlets)) < 2) for f in facts),
        "sys_pairs": len(sys_pairs),
        "correct_pairs": correct,
        "gold_pairs": len(gold_pairs),
        "found_pairs": found,
        "facts": len(golds),
        "status_right": right,
        "sys_conflicts": len(conflicting),
        "good_conflicts": len(good),
        "gold_conflicts": len(gold_conflicts),
        "caught_conflicts": caught,
    }


def _outlet_of(gold: dict[str, Any]) -> dict[str, str]:
    """Article id -> outlet (the article itself when the gold names none: NeuS outlets are distinct)."""
    return {a: gold.get("outlets", {}).get(a, a) for a in gold["articles"]}


def _covered(fact: Fact, evidence: Evidence, outlet: dict[str, str]) -> int:
    """In how many different outlets the fact's support overlaps this gold evidence."""
    return len({outlet.get(s.article, s.article) for s in fact.support if _hits(s, evidence)})


def _corroboration(facts: Sequence[Fact], shared: Sequence[Evidence], statuses: tuple[str, ...],
                   key: str, outlet: dict[str, str]) -> dict[str, float]:
    called = [f for f in facts if f.status in statuses]
    return {
        f"sys_{key}": len(called),
        f"good_{key}": sum(any(_covered(f, ev, outlet) >= 2 for ev in shared) for f in called),
        f"gold_{key}": len(shared),
        f"caught_{key}": sum(any(_covered(f, ev, outlet) >= 2 for f in called) for ev in shared),
    }


def _touches(fact: Fact, evidence: Evidence) -> bool:
    return any(_hits(s, evidence) for s in fact.support)


def _unique(facts: Sequence[Fact], golds: Sequence[tuple[dict[str, Any], Evidence]]) -> dict[str, float]:
    """Unique facts judged against the gold facts they overlap (unique gold is annotated selectively, so a
    system unique fact that overlaps no gold fact is not judged): right when every gold fact it overlaps
    is unique, wrong when it overlaps a corroborated or conflicting one (a missed agreement)."""
    called = [f for f in facts if f.status == "unique"]
    judged = [(f, [g for g, ev in golds if _touches(f, ev)]) for f in called]
    judged = [(f, gs) for f, gs in judged if gs]
    singles = [ev for g, ev in golds if g["status"] == "unique"]
    return {
        "sys_unique": len(judged),
        "good_unique": sum(all(g["status"] == "unique" for g in gs) for _f, gs in judged),
        "gold_unique": len(singles),
        "caught_unique": sum(any(_touches(f, ev) for f in called) for ev in singles),
    }


def _updated(facts: Sequence[Fact], updates: Sequence[Evidence]) -> dict[str, float]:
    """One outlet's later figures: a system update is right when both its spans overlap one gold update
    fact's evidence."""
    called = [u for f in facts for u in f.updates]
    def hit(u: Conflict, ev: Evidence) -> bool:
        return u.against is not None and _hits(u.span, ev) and _hits(u.against, ev)
    return {
        "sys_updated": len(called),
        "good_updated": sum(any(hit(u, ev) for ev in updates) for u in called),
        "gold_updated": len(updates),
        "caught_updated": sum(any(hit(u, ev) for u in called) for ev in updates),
    }


def split_of(story: str) -> str:
    """"dev" for even NeuS story numbers (val-0, train-2, ...) and even ECB+ topics (ecb-t20-a), "held-out"
    for odd ones."""
    number = re.fullmatch(r"ecb-t(\d+)-\w+", story)
    n = int(number.group(1)) if number else int(story.rsplit("-", 1)[1])
    return "dev" if n % 2 == 0 else "held-out"


def _predicted(facts: Sequence[Fact], evidence: Evidence) -> str:
    """The status of the system fact sharing most articles with the gold fact; "partly corroborated" is
    "corroborated" here, since the gold counts a statement at a different level of detail as the same fact."""
    best, status = 0, "unique"
    for fact in facts:
        articles = {s.article for s in fact.support if _hits(s, evidence)}
        if len(articles) > best:
            best, status = len(articles), fact.status
    return "corroborated" if status == "partly corroborated" else status


def _conflict_hits(fact: Fact, evidence: Evidence, outlet: dict[str, str]) -> bool:
    for c in fact.conflicts:
        if _hits(c.span, evidence) and any(
            outlet.get(s.article, s.article) != outlet.get(c.span.article, c.span.article) and _hits(s, evidence)
            for s in fact.support
        ):
            return True
    return False


def fact_right(fact: Fact, gold: dict[str, Any]) -> bool:
    """Whether the gold bears out a fact of several sources, as :func:`score_story` counts it: a conflicting
    fact's conflict is a gold conflict; a corroborated one covers two outlets of one gold corroborated fact."""
    golds = [(g, _evidence(g)) for g in gold["facts"]]
    outlet = _outlet_of(gold)
    if fact.status == "conflicting":
        return any(_conflict_hits(fact, ev, outlet) for g, ev in golds if g["status"] == "conflicting")
    return any(_covered(fact, ev, outlet) >= 2 for g, ev in golds if g["status"] == "corroborated")


def _ratio(a: float, b: float) -> float:
    return round(a / b, 3) if b else 0.0


def summarise(per_story: Iterable[dict[str, float]]) -> dict[str, float]:
    rows = list(per_story)
    total = {k: sum(r[k] for r in rows) for k in rows[0]}
    p, r = (
        _ratio(total["correct_pairs"], total["sys_pairs"]),
        _ratio(total["found_pairs"], total["gold_pairs"]),
    )
    false = [r_["sys_conflicts"] - r_["good_conflicts"] for r_ in rows]
    return {
        "stories": len(rows),
        "gold_facts": total["facts"],
        "align_precision": p,
        "align_recall": r,
        "align_f1": _ratio(2 * p * r, p + r),
        "status_accuracy": _ratio(total["status_right"], total["facts"]),
        "conflict_precision": _ratio(total["good_conflicts"], total["sys_conflicts"]),
        "conflict_recall": _ratio(total["caught_conflicts"], total["gold_conflicts"]),
        "gold_conflicts": total["gold_conflicts"],
        "system_conflicts": total["sys_conflicts"],
        "false_conflict_story_rate": _ratio(sum(1 for f in false if f > 0), len(rows)),
        "false_conflicts_per_story": _ratio(sum(false), len(rows)),
        "corroborated_precision": _ratio(total["good_corr"], total["sys_corr"]),
        "corroborated_recall": _ratio(total["caught_corr"], total["gold_corr"]),
        "system_corroborated": total["sys_corr"],
        "partly_precision": _ratio(total["good_partly"], total["sys_partly"]),
        "partly_recall": _ratio(total["caught_partly"], total["gold_partly"]),
        "system_partly": total["sys_partly"],
        "any_corroborated_precision": _ratio(total["good_anycorr"], total["sys_anycorr"]),
        "any_corroborated_recall": _ratio(total["caught_anycorr"], total["gold_anycorr"]),
        "conflicting_precision": _ratio(total["good_conflicts"], total["sys_conflicts"]),
        "conflicting_recall": _ratio(total["caught_conflicts"], total["gold_conflicts"]),
        "unique_precision": _ratio(total["good_unique"], total["sys_unique"]),
        "unique_recall": _ratio(total["caught_unique"], total["gold_unique"]),
        "system_unique_judged": total["sys_unique"],
        "updated_precision": _ratio(total["good_updated"], total["sys_updated"]),
        "updated_recall": _ratio(total["caught_updated"], total["gold_updated"]),
        "gold_updated": total["gold_updated"],
        "system_updated": total["sys_updated"],
        "single_outlet_corroborations": total["single_outlet"],
    }


def evaluate(
    data: Path, gold: list[dict[str, Any]], failures: list[str] | None = None,
    splits: dict[str, dict[str, float]] | None = None,
) -> tuple[dict[str, float], list[dict[str, Any]]]:
    """Summary figures over the gold stories, and every conflict the system found (story, why).

    ``splits``, when given, receives the same figures for the dev and the held-out half (:func:`split_of`)."""
    stories = story_records(data, gold)
    per_story: list[dict[str, float]] = []
    halves: dict[str, list[dict[str, float]]] = {}
    examples: list[dict[str, Any]] = []
    for record in gold:
        story, context = analyse_story(stories[record["story"]], failures=failures)
        facts = facts_of(story, context)
        per_story.append(score_story(facts, record))
        halves.setdefault(split_of(record["story"]), []).append(per_story[-1])
        examples.extend({"story": record["story"], "why": c.why, "status": f.status}
                        for f in facts for c in f.conflicts)
    if splits is not None:
        splits.update({name: summarise(rows) for name, rows in halves.items()})
    return summarise(per_story), examples
