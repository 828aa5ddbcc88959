from __future__ import annotations

import json
import os
from collections.abc import Callable
from pathlib import Path

import pytest

from newsweave.config import Settings
from newsweave.ingest import MockFetcher, ReadResult, Response, read

from .pages import STORY, article_html, pages, rss

URL = "https://gazette.example/bridge"


def _meta(result: ReadResult, name: str) -> dict[str, tuple[str, str]]:
    (doc,) = [d for d in result.documents if d.input.endswith(name) or f"{name}:" in d.input]
    return {key: (meta.value, meta.source) for key, meta in doc.meta}


def _tree(root: Path) -> Path:
    """A folder of reports: text, html, jsonl, a nested folder, a sidecar and files to leave alone."""
    (root / "sub").mkdir(parents=True)
    (root / ".git").mkdir()
    (root / ".git" / "HEAD").write_text("ref: main")
    (root / "b.txt").write_text("Rain delays the regatta\nThe regatta was postponed by a day.")
    (root / "a.html").write_bytes(article_html())
    (root / "c.jsonl").write_text(json.dumps({"id": "r1", "text": "Record body.", "outlet": "Wire"}))
    (root / "sub" / "d.txt").write_text("Nested report text.")
    (root / "README.md").write_text("# About these files")
    (root / "LICENSE").write_text("All rights reserved.")
    (root / ".DS_Store").write_bytes(b"\x00\x01")
    sidecar = {
        "b.txt": {"outlet": "Harbour Herald", "published": "2024-05-07", "language": "en"},
        "a.html": {"outlet": "Gazette (print)"},
        "c.jsonl": {"outlet": "Wire via sidecar", "title": "Sidecar title"},
    }
    (root / "sources.json").write_text(json.dumps(sidecar))
    return root


def test_read_folder_walks_sorted_and_skips_housekeeping_files(tmp_path: Path) -> None:
    root = _tree(tmp_path / "news")
    result = read([str(root)], fetcher=pages({}))
    names = [Path(doc.input.split(":")[0]).name for doc in result.documents]
    assert names == ["a.html", "b.txt", "c.jsonl", "d.txt"]
    assert sorted(Path(s).name for s in result.skipped) == [
        ".DS_Store",
        ".git",
        "LICENSE",
        "README.md",
        "sources.json",
    ]
    assert result.problems == ()
    assert read([str(root)], fetcher=pages({})) == result


def test_read_folder_applies_sidecar_over_record_and_html_meta(tmp_path: Path) -> None:
    result = read([str(_tree(tmp_path))], fetcher=pages({}))
    assert _meta(result, "b.txt") == {
        "outlet": ("Harbour Herald", "sidecar"),
        "published": ("2024-05-07", "sidecar"),
        "language": ("en", "sidecar"),
    }
    html = _meta(result, "a.html")
    assert html["outlet"] == ("Gazette (print)", "sidecar") and html["published"] == (
        "2024-05-06",
        "html-meta",
    )
    record = _meta(result, "c.jsonl")
    assert record["outlet"] == ("Wire via sidecar", "sidecar") and record["id"] == ("r1", "record")
    assert _meta(result, "d.txt") == {}


def test_read_single_file_uses_sidecar_beside_it(tmp_path: Path) -> None:
    result = read([str(_tree(tmp_path) / "b.txt")])
    assert _meta(result, "b.txt")["outlet"] == ("Harbour Herald", "sidecar")


@pytest.mark.parametrize("name", ["a.html", "b.txt", "c.jsonl", "d.txt"])
def test_read_flags_beat_every_other_source(tmp_path: Path, name: str) -> None:
    result = read([str(_tree(tmp_path))], outlet="Flag Outlet", published="2024-12-31", fetcher=pages({}))
    meta = _meta(result, name)
    assert meta["outlet"] == ("Flag Outlet", "flag") and meta["published"] == ("2024-12-31", "flag")


def test_read_sidecar_problem_is_reported_and_files_still_read(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text("Alpha report.")
    (tmp_path / "sources.json").write_text("{broken")
    result = read([str(tmp_path)])
    assert [doc.text for doc in result.documents] == ["Alpha report."]
    assert "sources.json" in result.problems[0].input and "not valid JSON" in result.problems[0].error


def _missing(tmp: Path) -> str:
    return str(tmp / "nowhere.txt")


def _write(name: str, data: bytes) -> Callable[[Path], str]:
    def make(tmp: Path) -> str:
        (tmp / name).write_bytes(data)
        return str(tmp / name)

    return make


def _folder_with_only_readme(tmp: Path) -> str:
    (tmp / "docs").mkdir()
    (tmp / "docs" / "README.md").write_text("Nothing here.")
    return str(tmp / "docs")


def _empty_folder(tmp: Path) -> str:
    (tmp / "empty").mkdir()
    return str(tmp / "empty")


def _fifo(tmp: Path) -> str:
    os.mkfifo(tmp / "pipe")
    return str(tmp / "pipe")


BAD_INPUTS = [
    pytest.param(_missing, "no such file", id="missing"),
    pytest.param(_empty_folder, "holds no articles", id="empty-folder"),
    pytest.param(
        _folder_with_only_readme, "holds no articles to read (only README.md)", id="folder-only-readme"
    ),
    pytest.param(_write("empty.txt", b""), "is empty", id="empty-file"),
    pytest.param(_write("blank.txt", b" \n\t\n"), "is empty", id="whitespace-file"),
    pytest.param(_write("photo.txt", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR"), "looks binary", id="binary"),
    pytest.param(_write("cp1252.txt", "Caf\u00e9 opens".encode("cp1252")), "offset 3", id="invalid-utf8"),
    pytest.param(_write("bad.json", b'{"text": '), "not valid JSON", id="bad-json"),
    pytest.param(_write("bad.rss", b"<rss><channel><title>x"), "not a feed that parses", id="bad-feed"),
    pytest.param(_write("page.html", b"<html><body></body></html>"), "no article text", id="empty-html"),
    pytest.param(_fifo, "not a regular file", id="fifo"),
    pytest.param(lambda tmp: "https://gazette.example/gone", "HTTP 404", id="fetch-404"),
    pytest.param(lambda tmp: "ftp://gazette.example/a.txt", "not an http(s) URL", id="ftp"),
]


@pytest.mark.parametrize("make, reason", BAD_INPUTS)
def test_read_bad_input_is_a_problem_and_others_still_read(
    tmp_path: Path, make: Callable[[Path], str], reason: str
) -> None:
    (tmp_path / "first.txt").write_text("First report.")
    (tmp_path / "last.txt").write_text("Last report.")
    bad = make(tmp_path)
    result = read([str(tmp_path / "first.txt"), bad, str(tmp_path / "last.txt")], fetcher=pages({}))
    assert [doc.text for doc in result.documents] == ["First report.", "Last report."]
    (problem,) = result.problems
    assert problem.input == bad and reason in problem.error
    assert "\n" not in problem.error and "(" in problem.error  # one line, with a hint


def test_read_jsonl_bad_line_names_path_and_line(tmp_path: Path) -> None:
    path = tmp_path / "a.jsonl"
    path.write_text('{"text": "One."}\nnot json\n{"text": "Three."}\n')
    result = read([str(path)])
    assert [doc.text for doc in result.documents] == ["One.", "Three."]
    assert [p.input for p in result.problems] == [f"{path}:2"]


def test_read_refuses_50_mb_file_without_reading_it(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    big = tmp_path / "big.txt"
    with big.open("wb") as handle:
        handle.write(b"A little text.")
        handle.truncate(50 * 1024 * 1024)
    real = Path.read_bytes

    def guarded(path: Path) -> bytes:
        assert path != big, "the oversized file was read"
        return real(path)

    monkeypatch.setattr(Path, "read_bytes", guarded)
    result = read([str(big)])
    (problem,) = result.problems
    assert result.documents == ()
    assert "52,428,800 bytes" in problem.error and "limit of 20,000,000 bytes" in problem.error
    assert "max_bytes" in problem.error


def test_read_respects_max_bytes_setting(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text("x" * 50)
    result = read([str(tmp_path / "a.txt")], settings=Settings(max_bytes=10))
    assert "limit of 10 bytes" in result.problems[0].error


@pytest.mark.parametrize(
    "content_type, body, text",
    [
        ("text/html; charset=utf-8", article_html(), STORY[0]),
        ("text/plain", b"Plain report from the web.", "Plain report from the web."),
        ("application/json", json.dumps({"text": "JSON report."}).encode(), "JSON report."),
        ("application/octet-stream", article_html(), STORY[0]),
    ],
)
def test_read_url_picks_reader_from_content(content_type: str, body: bytes, text: str) -> None:
    fetcher = MockFetcher(lambda url: Response(url=url, content_type=content_type, content=body))
    result = read([URL], fetcher=fetcher)
    (doc,) = result.documents
    assert doc.input == URL and text in doc.text and fetcher.requests == [URL]


@pytest.mark.parametrize("content_type", ["application/rss+xml", "text/html", "text/plain"])
def test_read_url_serving_a_feed_reads_its_items(content_type: str) -> None:
    feed_url = "https://gazette.example/feed"
    routes = {feed_url: rss([{"title": "Bridge", "link": URL}]), URL: article_html()}

    def handler(url: str) -> Response:
        kind = content_type if url == feed_url else "text/html"
        return Response(url=url, content_type=kind, content=routes[url])

    result = read([feed_url], outlet="Flagged", fetcher=MockFetcher(handler))
    (doc,) = result.documents
    assert doc.input == URL and STORY[1] in doc.text
    assert doc.get("outlet") is not None and doc.get("outlet").source == "flag"


def test_read_feed_file_fetches_items_through_fetcher(tmp_path: Path) -> None:
    feed = tmp_path / "local.xml"
    feed.write_bytes(rss([{"title": "Bridge", "link": URL}, {"title": "Gone", "link": URL + "/gone"}]))
    fetcher = pages({URL: article_html()})
    result = read([str(feed)], fetcher=fetcher)
    assert [doc.input for doc in result.documents] == [URL]
    assert fetcher.requests == [URL, URL + "/gone"]
    assert [p.input for p in result.problems] == [URL + "/gone"]


def test_read_url_response_too_big_is_refused() -> None:
    fetcher = MockFetcher(lambda url: Response(url=url, content_type="text/plain", content=b"x" * 100))
    result = read([URL], fetcher=fetcher, settings=Settings(max_bytes=50))
    assert result.documents == () and "limit of 50 bytes" in result.problems[0].error


def test_read_reports_progress_per_file(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text("One.")
    (tmp_path / "b.jsonl").write_text('{"text": "Two."}\n{"text": "Three."}')
    (tmp_path / "c.txt").write_bytes(b"")
    counts: list[int] = []
    read([str(tmp_path)], progress=counts.append)
    assert counts == [1, 2]


def test_read_refuses_one_string_instead_of_a_sequence() -> None:
    with pytest.raises(TypeError, match=r"read\(\[path\]\)"):
        read("a.txt")


def test_jsonl_file_is_limited_per_line_not_whole(tmp_path: Path) -> None:
    # A bulk export bigger than max_bytes is read; only the one line over the limit is refused, by its line.
    lines = [json.dumps({"id": f"r{i}", "title": f"Report {i}", "text": "Short report on the harbour fire."})
             for i in range(6)]
    lines[3] = json.dumps({"id": "r3", "title": "Long", "text": "y" * 300})
    path = tmp_path / "export.jsonl"
    path.write_text("\n".join(lines) + "\n")
    assert path.stat().st_size > 250
    result = read([str(path)], settings=Settings(max_bytes=250))
    assert len(result.documents) == 5
    (problem,) = result.problems
    assert problem.input == f"{path}:4"
    assert "larger than the limit of 250 bytes" in problem.error and "max_bytes" in problem.error
