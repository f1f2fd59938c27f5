"""Tests for onrecord.ingest.readers: what each kind of input turns into."""

from __future__ import annotations

import io
import json
from pathlib import Path

import pytest

from onrecord.errors import ConfigError
from onrecord.ingest import InputProblem, SourceText, find_input_files, read_inputs

ARTICLE = (
    'Councillor Ada Penrose said the bridge would close in June. "We have no choice," she said. '
    "The council said it would reopen the ford for walkers.\n"
)
# A page that is broken on purpose: unclosed <p>, <article>, <b> and <body>, no </html>.
BROKEN_PAGE = """<html><head><title>Bridge vote splits Millbrook council</title>
<meta property="og:url" content="https://example.org/news/bridge-vote">
<body><div class="menu"><a href="/">Home</a> <a href="/news">News</a> <a href="/sport">Sport</a></div>
<article><h1>Bridge vote splits Millbrook council
<p>Councillors in Millbrook voted narrowly on Tuesday to repair the old river bridge rather than
replace it, after a debate that ran past midnight.
<p>"We cannot keep patching a bridge that was built for horses," said councillor Ada Penrose, who
had argued for a new crossing. "The repairs will cost more in ten years than a new bridge costs today."
<p>The council said it would publish the engineers' report next month. <b>Residents can comment
until the end of the summer.
<div class="footer">Copyright Millbrook Courier
"""
NAV_ONLY_PAGE = """<html><head><title>Site map</title></head><body><nav><ul>
<li><a href="/a">Home</a></li><li><a href="/b">News</a></li><li><a href="/c">Contact us</a></li>
</ul></nav></body></html>"""


def _read(*paths: str | Path, **options: object) -> list[SourceText | InputProblem]:
    return list(read_inputs(paths, **options))  # type: ignore[arg-type]


def _only_text(items: list[SourceText | InputProblem]) -> SourceText:
    assert len(items) == 1 and isinstance(items[0], SourceText), items
    return items[0]


def _only_problem(items: list[SourceText | InputProblem]) -> InputProblem:
    assert len(items) == 1 and isinstance(items[0], InputProblem), items
    return items[0]


def test_readers_text_file_is_read_exactly(tmp_path: Path) -> None:
    path = tmp_path / "bridge-story.txt"
    path.write_bytes(("\ufeff" + ARTICLE.replace("\n", "\r\n")).encode("utf-8"))
    source = _only_text(_read(path))
    assert source.doc_id == "bridge-story"
    assert source.origin == str(path)
    # The BOM is dropped, but newlines are kept as they are so offsets match the file.
    assert source.text == ARTICLE.replace("\n", "\r\n")
    assert source.metadata == {}


@pytest.mark.parametrize("content", [b"", b"  \n\t\r\n  "], ids=["empty", "whitespace"])
def test_readers_empty_file_is_a_problem(tmp_path: Path, content: bytes) -> None:
    path = tmp_path / "blank.txt"
    path.write_bytes(content)
    problem = _only_problem(_read(path))
    assert str(problem) == f"{path}: empty file, nothing to extract"


@pytest.mark.parametrize(
    "content",
    [bytes(range(256)) * 4, b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + b"\x00\x01" * 100, b"\x01\x02\x03\x04text"],
    ids=["all-bytes", "png", "controls"],
)
def test_readers_binary_file_is_a_problem(tmp_path: Path, content: bytes) -> None:
    path = tmp_path / "photo.txt"
    path.write_bytes(content)
    problem = _only_problem(_read(path))
    assert str(problem) == f"{path}: looks like a binary file, not text"


def test_readers_binary_check_also_applies_with_an_encoding(tmp_path: Path) -> None:
    path = tmp_path / "archive.txt"
    path.write_bytes(b"PK\x03\x04\x00\x00\x00\x00" * 50)
    assert "binary" in _only_problem(_read(path, encoding="latin-1")).message


def test_readers_invalid_utf8_names_the_byte_and_the_fix(tmp_path: Path) -> None:
    path = tmp_path / "latin.txt"
    path.write_bytes("Ms Müller said the café would stay open.".encode("latin-1"))
    problem = _only_problem(_read(path))
    assert str(problem) == (
        f"{path}: not valid UTF-8 (byte 0xfc at offset 4); pass --encoding latin-1 (or the right one)"
    )


def test_readers_encoding_option_decodes_latin1(tmp_path: Path) -> None:
    path = tmp_path / "latin.txt"
    path.write_bytes("Ms Müller said the café would stay open.".encode("latin-1"))
    assert _only_text(_read(path, encoding="latin-1")).text == "Ms Müller said the café would stay open."


def test_readers_utf16_file_gets_a_hint_and_reads_with_encoding(tmp_path: Path) -> None:
    path = tmp_path / "wide.txt"
    path.write_bytes(ARTICLE.encode("utf-16"))
    assert _only_problem(_read(path)).message == "looks like UTF-16 text; pass --encoding utf-16"
    assert _only_text(_read(path, encoding="utf-16")).text == ARTICLE


def test_readers_unknown_encoding_is_a_config_error(tmp_path: Path) -> None:
    path = tmp_path / "a.txt"
    path.write_text(ARTICLE, encoding="utf-8")
    with pytest.raises(ConfigError, match="--encoding latin-99: unknown encoding"):
        _read(path, encoding="latin-99")


def test_readers_missing_path_is_a_problem(tmp_path: Path) -> None:
    path = tmp_path / "nowhere.txt"
    assert str(_only_problem(_read(path))) == f"{path}: no such file or folder"


def test_readers_html_article_from_a_broken_page(tmp_path: Path) -> None:
    path = tmp_path / "bridge.html"
    path.write_text(BROKEN_PAGE, encoding="utf-8")
    source = _only_text(_read(path))
    assert source.doc_id == "bridge"
    assert '"We cannot keep patching a bridge that was built for horses," said councillor Ada Penrose' in source.text
    assert "The council said it would publish the engineers' report next month." in source.text
    # Precision over recall: the menu and the footer are not part of the article.
    assert "Sport" not in source.text
    assert "Copyright" not in source.text
    assert source.metadata["title"] == "Bridge vote splits Millbrook council"
    assert source.metadata["url"] == "https://example.org/news/bridge-vote"


def test_readers_html_charset_is_detected_without_encoding(tmp_path: Path) -> None:
    path = tmp_path / "old.htm"
    page = BROKEN_PAGE.replace("<head>", '<head><meta charset="iso-8859-1">').replace("Penrose", "Pérez")
    path.write_bytes(page.encode("latin-1"))
    assert "said councillor Ada Pérez" in _only_text(_read(path)).text


def test_readers_html_without_article_is_a_problem(tmp_path: Path) -> None:
    path = tmp_path / "sitemap.html"
    path.write_text(NAV_ONLY_PAGE, encoding="utf-8")
    assert str(_only_problem(_read(path))) == f"{path}: no article text found in the HTML"


def test_readers_jsonl_bad_lines_are_reported_and_the_rest_read(tmp_path: Path) -> None:
    path = tmp_path / "feed.jsonl"
    lines = [
        json.dumps({"id": "a1", "text": ARTICLE, "url": "https://example.org/a1", "title": "Bridge"}),
        '{"id": "a2", "text": "unterminated',
        "",
        json.dumps({"id": "a3", "headline": "no text here"}),
        json.dumps(["a4", ARTICLE]),
        json.dumps({"id": 5, "text": "The mayor said she would resign."}),
        json.dumps({"text": "Nobody gave this one an id, the clerk said."}),
    ]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    items = _read(path)
    texts = [item for item in items if isinstance(item, SourceText)]
    problems = [str(item) for item in items if isinstance(item, InputProblem)]
    assert [source.doc_id for source in texts] == ["a1", "5", "feed-7"]
    assert texts[0].text == ARTICLE
    assert texts[0].metadata == {"url": "https://example.org/a1", "title": "Bridge"}
    assert texts[0].origin == f"{path}:1"
    assert len(problems) == 3
    assert problems[0].startswith(f"{path}:2: invalid JSON")
    assert problems[1] == (
        f'{path}:4: no "text" string in this record; add the article text as "text" (or the HTML page as "html")'
    )
    assert problems[2].startswith(f"{path}:5: expected a JSON object")


def test_readers_jsonl_html_record_gives_the_page_article_and_keeps_record_metadata(tmp_path: Path) -> None:
    path = tmp_path / "pages.jsonl"
    records = [
        {"id": "p1", "html": BROKEN_PAGE, "url": "https://example.org/p1", "date": "2026-03-01", "outlet": "Courier"},
        {"id": "p2", "html": NAV_ONLY_PAGE},
        {"id": "p3", "html": "  "},
    ]
    path.write_text("\n".join(json.dumps(record) for record in records) + "\n", encoding="utf-8")
    page, menu, empty = _read(path)
    assert isinstance(page, SourceText) and page.doc_id == "p1"
    assert page.text.startswith("Bridge vote splits Millbrook council")
    assert "built for horses" in page.text and "<p>" not in page.text
    # The record's own URL wins over the page's og:url; the page adds its title.
    assert page.metadata == {
        "title": "Bridge vote splits Millbrook council",
        "sitename": "example.org",
        "url": "https://example.org/p1",
        "date": "2026-03-01",
        "outlet": "Courier",
    }
    assert str(menu) == f'{path}:2: no article text found in the "html" page'
    assert str(empty) == f'{path}:3: "html" is empty, nothing to extract'


def test_readers_jsonl_invalid_utf8_line_is_reported_alone(tmp_path: Path) -> None:
    path = tmp_path / "mixed.jsonl"
    good = json.dumps({"id": "ok", "text": ARTICLE}).encode("utf-8")
    bad = '{"id": "bad", "text": "caf\u00e9"}'.encode("latin-1")
    path.write_bytes(good + b"\n" + bad + b"\n")
    items = _read(path)
    assert isinstance(items[0], SourceText) and items[0].doc_id == "ok"
    assert isinstance(items[1], InputProblem)
    assert str(items[1]).startswith(f"{path}:2: not valid UTF-8 (byte 0xe9")


def test_readers_huge_text_passes_through_unchanged(tmp_path: Path) -> None:
    path = tmp_path / "huge.txt"
    text = ARTICLE * (5_000_000 // len(ARTICLE) + 1)
    path.write_text(text, encoding="utf-8")
    source = _only_text(_read(path))
    assert len(source.text) == len(text) >= 5_000_000
    assert source.text == text


def test_readers_folder_is_read_recursively_and_sorted(tmp_path: Path) -> None:
    (tmp_path / "b-second.txt").write_text(ARTICLE, encoding="utf-8")
    (tmp_path / "a-first.txt").write_text(ARTICLE, encoding="utf-8")
    (tmp_path / "sub").mkdir()
    (tmp_path / "sub" / "c-third.html").write_text(BROKEN_PAGE, encoding="utf-8")
    (tmp_path / "notes.md").write_text(ARTICLE, encoding="utf-8")  # not an article suffix
    (tmp_path / ".git").mkdir()
    (tmp_path / ".git" / "HEAD.txt").write_text(ARTICLE, encoding="utf-8")  # hidden folder
    items = _read(tmp_path)
    assert [item.doc_id for item in items if isinstance(item, SourceText)] == ["a-first", "b-second", "c-third"]
    assert not any(isinstance(item, InputProblem) for item in items)


def test_readers_folder_without_articles_is_a_problem(tmp_path: Path) -> None:
    (tmp_path / "notes.md").write_text(ARTICLE, encoding="utf-8")
    problem = _only_problem(_read(tmp_path))
    assert problem.origin == str(tmp_path)
    assert problem.message == "no .htm, .html, .jsonl, .txt, .warc, .warc.gz files in this folder"


def test_readers_named_file_with_other_suffix_is_read_as_text(tmp_path: Path) -> None:
    path = tmp_path / "story.md"
    path.write_text(ARTICLE, encoding="utf-8")
    assert _only_text(_read(path)).text == ARTICLE


def test_readers_stdin_by_dash_and_by_default() -> None:
    for paths in (["-"], []):
        stdin = io.TextIOWrapper(io.BytesIO(ARTICLE.encode("utf-8")), encoding="utf-8")
        source = _only_text(list(read_inputs(paths, stdin=stdin)))
        assert (source.doc_id, source.origin, source.text) == ("stdin", "<stdin>", ARTICLE)


def test_readers_stdin_web_page_gives_its_article_not_its_markup() -> None:
    stdin = io.TextIOWrapper(io.BytesIO(("<!DOCTYPE html>\n" + BROKEN_PAGE).encode("utf-8")), encoding="utf-8")
    source = _only_text(list(read_inputs(["-"], stdin=stdin)))
    assert source.origin == "<stdin>" and "<p>" not in source.text
    assert "built for horses" in source.text
    assert source.metadata.get("url") == "https://example.org/news/bridge-vote"


def test_readers_stdin_honours_encoding_and_reports_empty_input() -> None:
    latin = io.TextIOWrapper(io.BytesIO("Ms Müller said so.".encode("latin-1")), encoding="utf-8")
    assert _only_text(list(read_inputs(["-"], encoding="latin-1", stdin=latin))).text == "Ms Müller said so."
    problem = _only_problem(list(read_inputs(["-"], stdin=io.StringIO("\n"))))
    assert str(problem) == "<stdin>: empty input, nothing to extract"


def test_readers_find_input_files_keeps_order_and_problems(tmp_path: Path) -> None:
    (tmp_path / "x.txt").write_text(ARTICLE, encoding="utf-8")
    entries = find_input_files([tmp_path / "x.txt", "-", tmp_path / "gone.txt"])
    assert entries[:2] == [tmp_path / "x.txt", Path("-")]
    assert isinstance(entries[2], InputProblem)
