"""Propose candidate quote families from PolNeAR's own annotations (not the engine's matcher).

Reads ``../shared/data/polnear/data/train``: every annotated attribution whose Content holds a quotation
(text between double quotation marks) gives one candidate quote per quoted run of five or more words,
with the annotated Source as written and a speaker name: the Source's capitalised words, or for a pronoun
or description the nearest preceding named Source of the same article. Candidates of different articles
are linked when they share a run of five words (one that at most eight quotes share) and half of the
shorter one's distinct words; connected sets are printed, with every member's speaker,
outlet and text, for a reader to check and turn into ``families.jsonl`` by hand.

    python bench/gold/quote_families/propose.py [--data ../shared/data] > /tmp/candidates.txt
"""

from __future__ import annotations

import argparse
import json
import re
from collections import defaultdict
from pathlib import Path

QUOTED = re.compile(r"[\"“]([^\"“”]+)[\"”]")
WORD = re.compile(r"[A-Za-z0-9']+")
PRONOUNS = {"he", "she", "they", "i", "we", "you", "it", "his", "her", "their", "him", "them"}


def annotations(path: Path) -> list[dict]:
    spans: dict[str, tuple[str, int, int, str]] = {}
    events = []
    for line in path.read_text(encoding="utf-8").splitlines():
        parts = line.split("\t")
        if line.startswith("T") and len(parts) >= 3:
            label, *offsets = parts[1].split(" ")
            try:
                start, end = int(offsets[0]), int(offsets[-1])
            except (ValueError, IndexError):
                continue
            spans[parts[0]] = (label, start, end, parts[2])
        elif line.startswith("E") and len(parts) >= 2:
            roles = dict(p.split(":", 1) for p in parts[1].split(" ") if ":" in p)
            events.append(roles)
    out = []
    for roles in events:
        content = spans.get(roles.get("Content", ""))
        source = spans.get(roles.get("Source", ""))
        if content is None:
            continue
        out.append({"content": content, "source": source})
    return out


def name_of(source: str | None) -> str | None:
    if not source:
        return None
    caps = [w for w in WORD.findall(source) if w[:1].isupper() and w.lower() not in PRONOUNS]
    return " ".join(caps) if caps else None


def candidates(data: Path) -> list[dict]:
    base = data / "polnear" / "data" / "train"
    seen: set[str] = set()
    out = []
    for ann in sorted((base / "attributions").glob("*.ann")):
        article = ann.stem.rsplit("_", 1)[0]
        if article in seen:
            continue
        seen.add(article)
        text = (base / "text" / f"{article}.txt").read_text(encoding="utf-8")
        relations = sorted(annotations(ann), key=lambda r: r["content"][1])
        last_name = None
        for rel in relations:
            label, start, end, _written = rel["content"]
            content = text[start:end]
            source = rel["source"][3] if rel["source"] else None
            name = name_of(source)
            if name:
                last_name = name
            for m in QUOTED.finditer(content):
                quote = m.group(1).strip()
                if len(WORD.findall(quote)) < 5:
                    continue
                out.append({
                    "article": article, "outlet": article.split("_")[0], "date": article.split("_")[1],
                    "start": start + m.start(1), "end": start + m.end(1), "text": quote,
                    "source": source, "name": name or last_name,
                })
    return out


def overlap(a: str, b: str) -> float:
    """Share of the shorter quote's distinct words (three letters or more) found in the other."""
    wa = {w.lower() for w in WORD.findall(a) if len(w) > 2}
    wb = {w.lower() for w in WORD.findall(b) if len(w) > 2}
    short, other = sorted((wa, wb), key=len)
    return len(short & other) / len(short) if short else 0.0


NEUS_QUOTED = re.compile(r"[\"“‘']([^\"“”‘’]{12,}?)[\"”’'](?=[\s.,;:!?)]|$)")


def neus_sets(data: Path, pair_stories: set[str]) -> None:
    """NeuS train: per story, every quoted run of four or more words in the three outlets' title + lead;
    stories where a quote of one outlet shares half its distinct words with a quote of another are
    printed whole (every quote of the story, with 60 characters each side to read the speaker)."""
    shown = 0
    for line in (data / "neus" / "train.jsonl").read_text(encoding="utf-8").splitlines():
        story = json.loads(line)
        if story["story"] in pair_stories:
            continue
        quotes = []
        for art in story["articles"]:
            for field in ("title", "text"):
                body = art[field]
                for m in NEUS_QUOTED.finditer(body):
                    if len(WORD.findall(m.group(1))) >= 4:
                        quotes.append({"article": art["id"], "field": field, "start": m.start(1), "end": m.end(1),
                                       "text": m.group(1), "before": body[max(0, m.start() - 70):m.start()],
                                       "after": body[m.end():m.end() + 50]})
        linked = any(a["article"] != b["article"] and overlap(a["text"], b["text"]) >= 0.5
                     for a in quotes for b in quotes)
        if not linked:
            continue
        shown += 1
        print(f"## {story['story']}")
        for n, q in enumerate(quotes):
            print(json.dumps({"n": n, **q}, ensure_ascii=False))
    print(f"# {shown} stories")


def ecb_sets(data: Path) -> None:
    """ECB+ dev: per gold event (``t1ecb``), every double-quoted run of four or more words; events where a
    quote of one article shares half its distinct words with a quote of another are printed whole."""
    events: dict[str, list[dict]] = defaultdict(list)
    for line in (data / "ecbplus-dev" / "articles.jsonl").read_text(encoding="utf-8").splitlines():
        art = json.loads(line)
        for m in QUOTED.finditer(art["text"]):
            if len(WORD.findall(m.group(1))) >= 4:
                events[art["event"]].append({
                    "article": art["id"], "start": m.start(1), "end": m.end(1), "text": m.group(1),
                    "before": art["text"][max(0, m.start() - 70):m.start()],
                    "after": art["text"][m.end():m.end() + 50]})
    for event, quotes in events.items():
        if any(a["article"] != b["article"] and overlap(a["text"], b["text"]) >= 0.5 for a in quotes for b in quotes):
            print(f"## {event}")
            for n, q in enumerate(quotes):
                print(json.dumps({"n": n, **q}, ensure_ascii=False))


def components(data: Path) -> list[tuple[str, str, list[dict]]]:
    """The listing ``decisions.py`` numbers (``C0``, ``C1``, ...): NeuS stories then ECB+ events, as printed by
    ``--neus`` and ``--ecb``, split into sets of quotes of different articles linked when the shorter shares 40%
    of its distinct words with the other (single link: a set is only something to read, not a family)."""
    import contextlib
    import io

    out: list[tuple[str, str, list[dict]]] = []
    for name, run in (("neus", lambda: neus_sets(data, _pair_stories())), ("ecb", lambda: ecb_sets(data))):
        buffer = io.StringIO()
        with contextlib.redirect_stdout(buffer):
            run()
        pools: dict[str, list[dict]] = defaultdict(list)
        current = ""
        for line in buffer.getvalue().splitlines():
            if line.startswith("## "):
                current = line[3:].strip()
            elif not line.startswith("#"):
                pools[current].append(json.loads(line))
        for pool, quotes in pools.items():
            parent = list(range(len(quotes)))
            for i, a in enumerate(quotes):
                for j in range(i + 1, len(quotes)):
                    if a["article"] != quotes[j]["article"] and overlap(a["text"], quotes[j]["text"]) >= 0.4:
                        parent[_root(parent, j)] = _root(parent, i)
            sets: dict[int, list[dict]] = defaultdict(list)
            for i, q in enumerate(quotes):
                sets[_root(parent, i)].append(q)
            out += [(name, pool, qs) for qs in sets.values() if len({q["article"] for q in qs}) > 1]
    return out


def _root(parent: list[int], i: int) -> int:
    while parent[i] != i:
        i = parent[i]
    return i


def _pair_stories() -> set[str]:
    pairs = Path(__file__).resolve().parent.parent / "quote_pairs" / "pairs.jsonl"
    return {json.loads(line)["story"] for line in pairs.read_text(encoding="utf-8").splitlines() if line}


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--data", type=Path, default=Path("../shared/data"))
    parser.add_argument("--neus", action="store_true", help="propose from NeuS train stories instead")
    parser.add_argument("--ecb", action="store_true", help="propose from ECB+ dev events instead")
    args = parser.parse_args()
    if args.ecb:
        ecb_sets(args.data)
        return
    if args.neus:
        neus_sets(args.data, _pair_stories())
        return
    cands = candidates(args.data)
    index: dict[tuple[str, ...], list[int]] = defaultdict(list)
    for i, c in enumerate(cands):
        toks = [w.lower() for w in WORD.findall(c["text"])]
        for k in range(len(toks) - 4):
            index[tuple(toks[k:k + 5])].append(i)
    parent = list(range(len(cands)))

    def find(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    linked: set[tuple[int, int]] = set()
    for ids in index.values():
        if len(ids) > 8:  # a stock phrase shared by many quotes
            continue
        for a in ids:
            for b in ids:
                if a < b and cands[a]["article"] != cands[b]["article"] and (a, b) not in linked:
                    linked.add((a, b))
                    if overlap(cands[a]["text"], cands[b]["text"]) >= 0.5:
                        parent[find(b)] = find(a)
    groups: dict[int, list[int]] = defaultdict(list)
    for i in range(len(cands)):
        groups[find(i)].append(i)
    sets = [g for g in groups.values() if len({cands[i]["article"] for i in g}) > 1]
    for n, g in enumerate(sorted(sets, key=len, reverse=True)):
        print(f"## set {n} ({len(g)} quotes)")
        for i in g:
            c = cands[i]
            print(json.dumps({"i": i, **c}, ensure_ascii=False))
    print(f"# {len(cands)} quotes, {len(sets)} sets")


if __name__ == "__main__":
    main()
