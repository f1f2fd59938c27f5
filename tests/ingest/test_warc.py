"""Tests for onrecord.ingest.warc: web archives written here with warcio, good and bad records."""

from __future__ import annotations

import io
import json
import logging
from collections.abc import Iterable, Iterator
from pathlib import Path

import pytest
from typer.testing import CliRunner
from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

from onrecord import cli
from onrecord.cli import common as cli_common
from onrecord.ingest import InputProblem, SourceText, find_input_files, read_inputs
from onrecord.types import Document

FERRY_PARAGRAPHS = (
    "The ferry between Kettleness and the island will run twice a day from May, the harbour board said on Friday.",
    '"We have listened to the islanders and we will keep the winter crossing," said the board\'s chair, Mair Jones.',
)
LIBRARY_PARAGRAPHS = (
    "Councillors in Dunmore voted to keep the town library open on Saturdays after a petition signed by 3,000 people.",
    "The council's leader said the extra hours would be paid for from the parking budget.",
)
# windows-1252 only: curly quotes and a café; the same bytes are not valid UTF-8.
CAFE_PARAGRAPHS = (
    "The Café Rosé on Quay Street will close in March, its owner told the Dunmore Courier this week.",
    "\u201cThe rent has doubled and we cannot go on,\u201d said the owner, Zoë Marchetti.",
)


def _page(title: str, paragraphs: Iterable[str], head: str = "") -> str:
    body = "".join(f"<p>{paragraph}</p>\n" for paragraph in paragraphs)
    return (
        f"<html><head>{head}<title>{title}</title></head><body>"
        f'<nav><a href="/">Home</a> <a href="/news">News</a></nav>'
        f"<article><h1>{title}</h1>\n{body}</article></body></html>"
    )


class _Archive:
    """Writes records into an in-memory WARC.gz and remembers where each one starts."""

    def __init__(self) -> None:
        self.buffer = io.BytesIO()
        self.writer = WARCWriter(self.buffer, gzip=True)
        self.offsets: dict[str, int] = {}

    def response(self, url: str, body: bytes, content_type: str | None, status: str = "200 OK") -> None:
        headers = [("Content-Type", content_type)] if content_type else []
        http_headers = StatusAndHeaders(status, headers, protocol="HTTP/1.1")
        record = self.writer.create_warc_record(url, "response", payload=io.BytesIO(body), http_headers=http_headers)
        record.rec_headers.replace_header("WARC-Date", "2026-03-14T09:30:00Z")
        self.offsets[url] = self.buffer.tell()
        self.writer.write_record(record)

    def request(self, url: str) -> None:
        http_headers = StatusAndHeaders("GET / HTTP/1.1", [("Host", "example.org")], is_http_request=True)
        self.writer.write_record(self.writer.create_warc_record(url, "request", http_headers=http_headers))


@pytest.fixture
def archive_path(tmp_path: Path) -> Path:
    """A WARC.gz with three good pages, one undeclared latin-1 page and five records to skip or report."""
    archive = _Archive()
    archive.request("https://news.example.org/ferry")
    archive.response(
        "https://news.example.org/ferry", _page("Ferry", FERRY_PARAGRAPHS).encode("utf-8"), "text/html; charset=utf-8"
    )
    archive.response("https://news.example.org/logo.png", b"\x89PNG\r\n\x1a\n" + bytes(200), "image/png")
    archive.response("https://news.example.org/missing", _page("Not found", LIBRARY_PARAGRAPHS).encode(), "text/html",
                     status="404 Not Found")  # fmt: skip
    cafe = _page("Café", CAFE_PARAGRAPHS, head='<meta charset="windows-1252">')
    archive.response("https://news.example.org/cafe", cafe.encode("windows-1252"), "text/html")
    archive.response("https://news.example.org/library", _page("Library", LIBRARY_PARAGRAPHS).encode(), None)
    undeclared = _page("Café again", CAFE_PARAGRAPHS[:1] + FERRY_PARAGRAPHS[:1]).encode("latin-1")
    archive.response("https://news.example.org/undeclared", undeclared, "text/html")
    archive.response("https://news.example.org/menu", b"<html><body><nav>Home News</nav></body></html>", "text/html")
    archive.response("https://news.example.org/cut", _page("Cut", FERRY_PARAGRAPHS * 20).encode(), "text/html")
    data = archive.buffer.getvalue()
    path = tmp_path / "crawl.warc.gz"
    # Cut the last record in half, as a crawler killed mid-write leaves it.
    cut_record = archive.offsets["https://news.example.org/cut"]
    path.write_bytes(data[: cut_record + (len(data) - cut_record) // 2])
    path.with_suffix(".offsets.json").write_text(json.dumps(archive.offsets))
    return path


def _offset(archive_path: Path, url: str) -> int:
    return int(json.loads(archive_path.with_suffix(".offsets.json").read_text())[url])


def test_warc_every_good_page_read_and_bad_records_reported(
    archive_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    with caplog.at_level(logging.INFO, logger="onrecord"):
        items = list(read_inputs([archive_path]))
    texts = [item for item in items if isinstance(item, SourceText)]
    problems = [item for item in items if isinstance(item, InputProblem)]
    assert [source.metadata["url"] for source in texts] == [
        "https://news.example.org/ferry",
        "https://news.example.org/cafe",
        "https://news.example.org/library",
        "https://news.example.org/undeclared",
    ]
    ferry, cafe, library, undeclared = texts
    assert ferry.text == "\n".join(("Ferry", *FERRY_PARAGRAPHS))
    assert ferry.metadata["date"] == "2026-03-14T09:30:00Z"
    assert ferry.metadata["title"] == "Ferry"
    assert ferry.origin == f"{archive_path}@{_offset(archive_path, 'https://news.example.org/ferry')}"
    assert ferry.doc_id.startswith("urn:uuid:")
    # The declared windows-1252 page is decoded by its charset: curly quotes and accents intact.
    assert cafe.text == "\n".join(("Café", *CAFE_PARAGRAPHS))
    assert library.text == "\n".join(("Library", *LIBRARY_PARAGRAPHS))
    # Undeclared and not UTF-8: read as windows-1252, which is right for latin-1 letters, and said so.
    assert "Café Rosé" in undeclared.text
    undeclared_origin = f"{archive_path}@{_offset(archive_path, 'https://news.example.org/undeclared')}"
    assert any(
        record.levelno == logging.WARNING and undeclared_origin in record.getMessage() and "windows-1252" in
        record.getMessage() for record in caplog.records
    )  # fmt: skip
    assert [str(problem) for problem in problems] == [
        f"{archive_path}@{_offset(archive_path, 'https://news.example.org/menu')}: no article text found in the HTML",
        f"{archive_path}@{_offset(archive_path, 'https://news.example.org/cut')}: "
        "truncated WARC record (the file ends inside it)",
    ]
    # The image and the 404 page are skipped without a problem each, but counted.
    assert any(record.getMessage().endswith("skipped because they are not HTML pages: 2") for record in caplog.records)


def test_warc_doc_ids_are_stable_between_reads(archive_path: Path) -> None:
    def doc_ids() -> list[str]:
        return [item.doc_id for item in read_inputs([archive_path]) if isinstance(item, SourceText)]

    first = doc_ids()
    assert first == doc_ids()
    assert len(set(first)) == len(first)


def test_warc_corrupt_archive_is_one_problem(tmp_path: Path) -> None:
    path = tmp_path / "junk.warc"
    path.write_bytes(b"This is a text file, not an archive.\n" + bytes(range(256)))
    [problem] = list(read_inputs([path]))
    assert isinstance(problem, InputProblem)
    assert problem.origin.startswith(f"{path}@")
    assert problem.message.startswith("corrupt WARC record (ArchiveLoadFailed: ")
    assert problem.message.endswith("the rest of this archive is not read")


def test_warc_archives_are_picked_from_folders(tmp_path: Path, archive_path: Path) -> None:
    plain = tmp_path / "old.warc"
    plain.write_bytes(b"")
    assert find_input_files([tmp_path]) == [archive_path, plain]


class _NoStatements:
    """Stands in for the model: every text becomes a document without statements."""

    def pipe(self, items: Iterable[tuple[str, str]]) -> Iterator[Document]:
        for doc_id, text in items:
            yield Document(doc_id=doc_id, text=text)


def test_warc_cli_extract_reads_archive_and_exits_0(archive_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(cli_common, "make_extractor", _NoStatements)
    result = CliRunner().invoke(cli.app, ["extract", str(archive_path)], env={"COLUMNS": "300"})
    assert result.exit_code == 0, result.output
    documents = [json.loads(line) for line in result.stdout.splitlines()]
    assert [document["metadata"]["url"].rsplit("/", 1)[1] for document in documents] == [
        "ferry", "cafe", "library", "undeclared",
    ]  # fmt: skip
    assert "truncated WARC record" in result.stderr
    assert result.stderr.splitlines()[-1] == "2 of 6 inputs could not be read"
