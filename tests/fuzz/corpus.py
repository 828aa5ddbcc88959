"""A corpus generator of malformed inputs for the fuzz harness (issue 13): files of every kind newsweave
reads, each broken in a way found in the wild or by an attacker (lone surrogates, NUL and invalid UTF-8
bytes, BOMs, deep JSON, huge integers, empty lists, wrong types, truncation, hostile markup, feeds whose
items point at private hosts, random bytes). Deterministic for a seed.

``python -m tests.fuzz.corpus FOLDER [COUNT]`` writes a corpus to look at; the harness
(tests/fuzz/test_fuzz.py) generates one in a temporary folder and runs it through the CLI.
"""

from __future__ import annotations

import json
import random
import sys
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

__all__ = ["Corpus", "Input", "generate"]

WORDS = ("ferry strike harbour council bridge reopened Tuesday union minister said police storm repairs "
         "engineers cables school library award crossings winds operator report talks agreement").split()
OUTLETS = ["Bay Courier", "Coast Gazette", "Harbour Herald", "", " ", "Bay \ud800 Courier", "\udcff", "X" * 500]
DATES = ["2024-03-26", "yesterday", "2023-13-45", "99999-01-01", "", "3 days ago", "26 March 2024", "\ud800",
         "0000-00-00", "2024-02-30T25:61:00", "12", "-1"]
PRIVATE = ["http://127.0.0.1:8000/secret.txt", "http://[::1]/x", "http://10.0.0.8/admin", "http://localhost/x",
           "http://169.254.169.254/latest/meta-data", "file:///etc/passwd", "gopher://a.example/x",
           "http://0.0.0.0/x", "ftp://intranet/x"]
PUBLIC = ["https://news.example/a", "https://wire.example/story?id=7"]
ODD = ["\ud800", "\udfff", "\x00", "\x1b[31m", "\u202e", "\u200b", "\ufeff", "e\u0301" * 50, "\U0001f600", "\x7f",
       "\r", "\u2028", "𝔘𝔫𝔦𝔠𝔬𝔡𝔢", "<script>alert(1)</script>", "&#xD800;", "]]>", "{{ 7*7 }}", "%s%n"]


@dataclass(frozen=True, slots=True)
class Input:
    """One input of the corpus: the labels newsweave must either store or report (``path`` for a file,
    ``path:LINE`` for each JSONL line, the link or ``path#INDEX`` for each feed item)."""

    path: str
    kind: str
    units: tuple[str, ...]


@dataclass(slots=True)
class Corpus:
    folder: Path
    inputs: list[Input] = field(default_factory=list)

    @property
    def units(self) -> int:
        return sum(len(i.units) for i in self.inputs)


def _sentence(rng: random.Random, n: int) -> str:
    words = [rng.choice(WORDS) for _ in range(rng.randint(5, 14))]
    return f"The {' '.join(words)} number {n}."


def _text(rng: random.Random, n: int) -> str:
    """A short report, usually with something odd injected."""
    parts = [_sentence(rng, n) for _ in range(rng.randint(1, 4))]
    for _ in range(rng.randint(0, 3)):
        at = rng.randrange(len(parts))
        parts[at] = parts[at] + rng.choice(ODD)
    return rng.choice(["\n\n", "\n", " ", "\r\n"]).join(parts)


def _record(rng: random.Random, n: int) -> object:
    """A JSON record, often broken."""
    good: dict[str, object] = {"id": f"r{n}", "text": _text(rng, n), "outlet": rng.choice(OUTLETS),
                               "published": rng.choice(DATES), "title": rng.choice(["", "Title", *ODD])}
    choice = rng.randrange(14)
    if choice == 0:
        good["text"] = rng.choice([None, 5, [], {}, "", "   ", True])
    elif choice == 1:
        del good["text"]
    elif choice == 2:
        good[rng.choice(["title", "outlet", "id", "url"])] = rng.choice([[1], {"a": 1}, 1.5, False])
    elif choice == 3:
        return rng.choice([[], "a string", 7, None, [good], {"articles": []}, {"articles": [good, 5]}])
    elif choice == 4:
        good["url"] = rng.choice(PRIVATE + PUBLIC)
    elif choice == 5:
        good["id"] = "\ud800" + str(n)
    return good


def _json_text(rng: random.Random, value: object) -> str:
    """JSON text for ``value``, or one of the ways a JSON text goes wrong."""
    choice = rng.randrange(12)
    if choice == 0:
        return "[" * rng.choice([65, 1000, 100_000])
    if choice == 1:
        return '{"text": "x", "id": ' + "9" * rng.choice([101, 5000, 10_000]) + "}"
    if choice == 2:
        text = json.dumps(value)
        return text[: rng.randrange(max(1, len(text)))]
    if choice == 3:
        return rng.choice(["NaN", "Infinity", '{"text": NaN}', '{"text": "a", "text": "b"}', "{", "}", "null", '"'])
    return json.dumps(value, ensure_ascii=rng.random() < 0.7)


def _bytes_of(rng: random.Random, text: str, *, line: bool = False) -> bytes:
    """``text`` encoded, sometimes badly. (A JSONL ``line`` is never UTF-16 or Latin-1: a file is in one
    encoding, and one UTF-16 line would make the whole file something else.)"""
    data = text.encode("utf-8", "surrogatepass" if rng.random() < 0.1 else "replace")
    choice = rng.randrange(10 if not line else 2)
    if choice == 0 and data:
        at = rng.randrange(len(data))
        data = data[:at] + rng.choice([b"\xff", b"\x00", b"\xc3", b"\xed\xa0\x80", b"\x80\x80"]) + data[at:]
    elif choice == 1:
        data = b"\xef\xbb\xbf" + data
    elif choice == 2:
        data = text.encode("utf-16", "replace")
    elif choice == 3:
        data = text.encode("latin-1", "replace")
    return data


def _html(rng: random.Random, n: int) -> bytes:
    body = _text(rng, n)
    page = rng.choice([
        f"<html><head><title>{rng.choice(ODD)}</title></head><body><article><p>{body}</p></article></body></html>",
        f"<html><body><script>document.write('{body}')</script><style>p{{}}</style></body></html>",
        f"<!doctype html><p>{body}" + "<div>" * rng.choice([10, 5000]),
        f"<html><body><p {'a' * 10_000}='1'>{body}</p><p>&#xD800;&#0;&#x110000;&#99999999999;</p></body></html>",
        f'<html><head><meta property="article:published_time" content="{rng.choice(DATES)}"></head>'
        f"<body><article><p>{body}</p></article></body></html>",
        "<html><body></body></html>",
        f"<svg onload=alert(1)><p>{body}</p>",
    ])
    return _bytes_of(rng, page)


def _feed(rng: random.Random, n: int, path: str) -> tuple[bytes, tuple[str, ...]]:
    items, units = [], []
    for k in range(rng.randint(1, 4)):
        link = rng.choice(PRIVATE + PUBLIC + [""])
        summary = rng.choice(["", _text(rng, n * 10 + k)])
        link_xml = f"<link>{link}</link>" if link else ""
        items.append(f"<item><title>Item {k}</title>{link_xml}<description><![CDATA[{summary}]]></description>"
                     f"<pubDate>{rng.choice(DATES)}</pubDate></item>")
        units.append(link.replace(":///", "://") or f"{path}#{k}")  # feedparser writes file:///x as file://x
    feed = f'<?xml version="1.0"?><rss version="2.0"><channel><title>Feed {n}</title>{"".join(items)}</channel></rss>'
    if rng.random() < 0.15:
        broken = ["<rss>", "<feed><entry></feed>", "<rss><channel></channel>", "<?xml version='1.0'?><rss"]
        return rng.choice(broken).encode(), (path,)
    return _bytes_of(rng, feed), tuple(units)


def _jsonl(rng: random.Random, n: int, path: str) -> tuple[bytes, tuple[str, ...]]:
    lines: list[bytes] = []
    units: list[str] = []
    for k in range(rng.randint(20, 80)):
        line = _bytes_of(rng, _json_text(rng, _record(rng, n * 1000 + k)), line=True)
        if not line.strip():
            line = b"{}"
        lines.append(line.replace(b"\n", b" ").replace(b"\r", b" "))
        units.append(f"{path}:{k + 1}")
    return b"\n".join(lines), tuple(units)


def _file(rng: random.Random, n: int, folder: Path) -> Input:
    kind = rng.choice(["txt", "txt", "json", "json", "html", "rss", "bin", "empty", "jsonl"])
    path = folder / f"{n:05d}.{ {'bin': rng.choice(['txt', 'json', 'html', 'md']), 'empty': 'txt'}.get(kind, kind)}"
    units: tuple[str, ...] = (str(path),)
    if kind == "txt":
        data = _bytes_of(rng, _text(rng, n))
    elif kind == "json":
        data = _bytes_of(rng, _json_text(rng, _record(rng, n)))
    elif kind == "html":
        data = _html(rng, n)
    elif kind == "rss":
        data, units = _feed(rng, n, str(path))
    elif kind == "jsonl":
        data, units = _jsonl(rng, n, str(path))
    elif kind == "bin":
        data = rng.randbytes(rng.randint(1, 3000))
    else:
        data = rng.choice([b"", b"   \n\t ", b"\xef\xbb\xbf", b"\n" * 100])
    path.write_bytes(data)
    return Input(str(path), kind, units)


def generate(folder: Path, count: int, seed: int = 13, *, progress: Callable[[int], None] | None = None) -> Corpus:
    """Write files to ``folder`` until they hold at least ``count`` inputs (files, JSONL lines, feed items)."""
    rng = random.Random(seed)
    folder.mkdir(parents=True, exist_ok=True)
    corpus = Corpus(folder)
    n = 0
    while corpus.units < count:
        corpus.inputs.append(_file(rng, n, folder))
        n += 1
        if progress is not None:
            progress(n)
    return corpus


if __name__ == "__main__":
    made = generate(Path(sys.argv[1]), int(sys.argv[2]) if len(sys.argv) > 2 else 10_000)
    print(f"{len(made.inputs)} files, {made.units} inputs in {made.folder}")
