"""Read articles from text, HTML and JSON Lines files, folders and stdin.

Every input that cannot be used becomes an ``InputProblem`` in the same stream as the
``SourceText`` records, so one bad file never stops a batch: the caller reports it and
goes on. ``read_inputs`` works in three stages:

1. ``find_input_files`` expands folders (recursively, sorted) and keeps ``-`` for stdin.
2. ``read_input`` reads one file by its suffix: HTML, JSON Lines, or else plain text.
3. Text is decoded strictly (UTF-8 unless an encoding is given) and rejected when it is
   binary junk or empty. The text is otherwise passed on unchanged, newlines included, so
   offsets in the results refer to exactly what the file holds.
"""

from __future__ import annotations

import codecs
import json
import logging
import sys
from collections.abc import Iterable, Iterator
from dataclasses import replace
from os import PathLike
from pathlib import Path
from typing import IO, Any

from onrecord.errors import ConfigError
from onrecord.ingest.html import find_article
from onrecord.ingest.sources import InputItem, InputProblem, SourceText
from onrecord.ingest.warc import WARC_SUFFIXES, is_warc, read_warc

LOGGER = logging.getLogger(__name__)

STDIN_PATH = Path("-")
STDIN_ORIGIN = "<stdin>"
STDIN_DOC_ID = "stdin"
# How much of piped input is looked at to tell an HTML page from plain text.
HTML_SNIFF_BYTES = 4096

HTML_SUFFIXES = frozenset({".html", ".htm"})
JSONL_SUFFIXES = frozenset({".jsonl"})
TEXT_SUFFIXES = frozenset({".txt"})
# Only these are picked from folders; a file named on the command line with another
# suffix is read as plain text (the binary check still guards against images and such).
FOLDER_SUFFIXES = HTML_SUFFIXES | JSONL_SUFFIXES | TEXT_SUFFIXES | frozenset(WARC_SUFFIXES)

# The binary check looks at the start of a file only: junk shows early, and scanning a
# 5 MB article for it would be wasted work.
BINARY_SAMPLE_SIZE = 8192
# Share of C0 control characters (other than whitespace) above which a file is junk.
# Real articles have none; a stray form feed or escape code must not reject one.
MAX_CONTROL_SHARE = 0.1
_WHITESPACE_CONTROLS = frozenset("\t\n\v\f\r")
# JSON Lines keys that hold the record itself; every other key (url, title, date,
# outlet, ...) goes to metadata. A record has the article as text, or as a page in html.
JSONL_ID_KEY = "id"
JSONL_TEXT_KEY = "text"
JSONL_HTML_KEY = "html"


class _Unreadable(Exception):
    """Raised inside this module when an input cannot be used; becomes an InputProblem."""


def read_inputs(
    paths: Iterable[str | PathLike[str]],
    *,
    encoding: str | None = None,
    stdin: IO[Any] | None = None,
) -> Iterator[InputItem]:
    """Read every article of the given files, folders and stdin, in order.

    Args:
        paths (Iterable[str | PathLike]): files, folders (their ``.txt``, ``.html``,
            ``.htm``, ``.jsonl``, ``.warc`` and ``.warc.gz`` files, recursively, sorted)
            or ``-`` for stdin; no paths at all means stdin.
        encoding (str | None): decode text with this codec instead of strict UTF-8.
        stdin (IO | None): the stream read for ``-``; ``sys.stdin`` by default.

    Returns:
        Iterator[SourceText | InputProblem]: one ``SourceText`` per article, and one
        ``InputProblem`` per file or record that could not be read.

    Raises:
        ConfigError: when ``encoding`` is not a codec Python knows.
    """
    check_encoding(encoding)
    for entry in find_input_files(paths):
        if isinstance(entry, InputProblem):
            yield entry
        else:
            yield from read_input(entry, encoding=encoding, stdin=stdin)


def check_encoding(encoding: str | None) -> None:
    """Raise ``ConfigError`` unless ``encoding`` is None or a known codec."""
    if encoding is None:
        return
    try:
        codecs.lookup(encoding)
    except LookupError:
        raise ConfigError(
            f"--encoding {encoding}: unknown encoding; use a Python codec name such as "
            "latin-1, cp1252 or utf-16"
        ) from None


def find_input_files(paths: Iterable[str | PathLike[str]]) -> list[Path | InputProblem]:
    """List the files to read: folders expanded, ``-`` kept as ``STDIN_PATH``.

    Returns:
        list[Path | InputProblem]: the files in order, with a problem for each path that
        does not exist and for each folder without articles.
    """
    entries: list[Path | InputProblem] = []
    for raw_path in paths:
        path = Path(raw_path)
        if path == STDIN_PATH:
            entries.append(STDIN_PATH)
        elif path.is_dir():
            files = _folder_files(path)
            entries.extend(files)
            if not files:
                suffixes = ", ".join(sorted(FOLDER_SUFFIXES))
                entries.append(InputProblem(str(path), f"no {suffixes} files in this folder"))
        elif path.exists():
            entries.append(path)
        else:
            entries.append(InputProblem(str(path), "no such file or folder"))
    return entries or [STDIN_PATH]


def holds_many_articles(path: Path) -> bool:
    """Whether a file holds many articles (JSON Lines or a web archive) rather than one."""
    return path.suffix.lower() in JSONL_SUFFIXES or is_warc(path)


def _folder_files(folder: Path) -> list[Path]:
    """Return the article files under ``folder``, sorted, skipping hidden ones."""
    return sorted(
        path
        for path in folder.rglob("*")
        if (path.suffix.lower() in FOLDER_SUFFIXES or is_warc(path))
        # Editor backups and VCS folders (.git, .~lock) are never articles.
        and not any(part.startswith(".") for part in path.relative_to(folder).parts)
        and path.is_file()
    )


def read_input(
    path: Path, *, encoding: str | None = None, stdin: IO[Any] | None = None
) -> Iterator[InputItem]:
    """Read the articles of one file (``STDIN_PATH`` for stdin) by its suffix.

    Returns:
        Iterator[SourceText | InputProblem]: one item for a text or HTML file or stdin,
        one per non-blank line for a JSON Lines file, one per HTML response (and per
        bad record) for a web archive. ``encoding`` does not apply to web archives:
        each page is decoded by its own declared charset.
    """
    if path == STDIN_PATH:
        yield _read_stdin(stdin if stdin is not None else sys.stdin, encoding)
        return
    suffix = path.suffix.lower()
    try:
        if suffix in JSONL_SUFFIXES:
            yield from _read_jsonl(path, encoding)
            return
        if is_warc(path):
            yield from read_warc(path)
            return
        raw = path.read_bytes()
    except OSError as exc:
        yield InputProblem(str(path), f"cannot be read ({exc.strerror or exc})")
        return
    try:
        if suffix in HTML_SUFFIXES:
            yield _read_html(path, raw, encoding)
        else:
            yield SourceText(doc_id=path.stem, text=_decode(raw, encoding), origin=str(path))
    except _Unreadable as exc:
        yield InputProblem(str(path), str(exc))


def _read_stdin(stream: IO[Any], encoding: str | None) -> InputItem:
    """Read all of stdin as one article; bytes when the stream has them, so ``--encoding`` applies."""
    buffer = getattr(stream, "buffer", None)
    data: bytes | str = buffer.read() if buffer is not None else stream.read()
    raw = data if isinstance(data, bytes) else data.encode("utf-8")
    try:
        if _looks_like_html(raw):  # curl -s https://… | onrecord extract
            return replace(_read_html(Path(STDIN_DOC_ID), raw, encoding), origin=STDIN_ORIGIN)
        text = _decode(data, encoding, noun="input")
    except _Unreadable as exc:
        return InputProblem(STDIN_ORIGIN, str(exc))
    return SourceText(doc_id=STDIN_DOC_ID, text=text, origin=STDIN_ORIGIN)


def _looks_like_html(raw: bytes) -> bool:
    """True when piped input is a web page rather than plain text."""
    head = raw[:HTML_SNIFF_BYTES].lstrip(codecs.BOM_UTF8).lstrip().lower()
    return head.startswith((b"<!doctype html", b"<html")) or (head.startswith(b"<") and b"<body" in head)


def _read_html(path: Path, raw: bytes, encoding: str | None) -> SourceText:
    """Read the article of an HTML page; without ``encoding`` trafilatura detects the charset."""
    if encoding is None:
        _reject_binary(raw[:BINARY_SAMPLE_SIZE].decode("latin-1"), raw)
        if not raw.strip():
            raise _Unreadable("empty file, nothing to extract")
        markup: bytes | str = raw
    else:
        markup = _decode(raw, encoding)
    article = find_article(markup, str(path))
    if article is None:
        raise _Unreadable("no article text found in the HTML")
    return SourceText(doc_id=path.stem, text=article.text, origin=str(path), metadata=dict(article.metadata))


def _read_jsonl(path: Path, encoding: str | None) -> Iterator[InputItem]:
    """Read one article per line; a bad line is a problem and the next line is still read."""
    with path.open("rb") as stream:
        sample = stream.read(BINARY_SAMPLE_SIZE)
        try:
            _reject_binary(sample.decode("latin-1"), sample)
        except _Unreadable as exc:
            yield InputProblem(str(path), str(exc))
            return
        stream.seek(0)
        for line_number, raw_line in enumerate(stream, start=1):
            line = raw_line.removeprefix(codecs.BOM_UTF8) if line_number == 1 else raw_line
            if not line.strip():
                continue
            origin = f"{path}:{line_number}"
            try:
                yield _jsonl_record(line, encoding, origin, default_id=f"{path.stem}-{line_number}")
            except _Unreadable as exc:
                yield InputProblem(origin, str(exc))


def _jsonl_record(raw_line: bytes, encoding: str | None, origin: str, default_id: str) -> SourceText:
    """Parse one JSON Lines record into a ``SourceText``."""
    try:
        record = json.loads(_decode_strict(raw_line, encoding))
    except json.JSONDecodeError as exc:
        raise _Unreadable(
            f"invalid JSON ({exc.msg} at column {exc.colno}); each line must be one JSON object"
        ) from None
    if not isinstance(record, dict):
        raise _Unreadable(
            f'expected a JSON object with "{JSONL_ID_KEY}" and "{JSONL_TEXT_KEY}", got {type(record).__name__}'
        )
    text, page_metadata = _jsonl_article(record, origin)
    record_id = record.get(JSONL_ID_KEY)
    if record_id is None:
        # Degrade, don't drop: a record without an id is still worth analysing.
        LOGGER.debug('%s: no "%s", using %s', origin, JSONL_ID_KEY, default_id)
    doc_id = default_id if record_id is None else str(record_id)
    own_keys = (JSONL_ID_KEY, JSONL_TEXT_KEY, JSONL_HTML_KEY)
    # The record's own url, title and date win over what the page says about itself.
    metadata = {**page_metadata, **{key: value for key, value in record.items() if key not in own_keys}}
    return SourceText(doc_id=doc_id, text=text, origin=origin, metadata=metadata)


def _jsonl_article(record: dict[str, Any], origin: str) -> tuple[str, dict[str, str]]:
    """Return a record's article text (``text``, else the main text of ``html``) and the page's metadata."""
    text = record.get(JSONL_TEXT_KEY)
    if text is None and isinstance(html := record.get(JSONL_HTML_KEY), str):
        if not html.strip():
            raise _Unreadable(f'"{JSONL_HTML_KEY}" is empty, nothing to extract')
        article = find_article(html, origin)
        if article is None:
            raise _Unreadable(f'no article text found in the "{JSONL_HTML_KEY}" page')
        return article.text, article.metadata
    if not isinstance(text, str):
        raise _Unreadable(
            f'no "{JSONL_TEXT_KEY}" string in this record; add the article text as "{JSONL_TEXT_KEY}" '
            f'(or the HTML page as "{JSONL_HTML_KEY}")'
        )
    if not text.strip():
        raise _Unreadable(f'"{JSONL_TEXT_KEY}" is empty, nothing to extract')
    return text, {}


def _decode(data: bytes | str, encoding: str | None, noun: str = "file") -> str:
    """Decode a whole text input: reject binary junk, drop a BOM, reject empty text."""
    if isinstance(data, bytes) and encoding is None:
        # Check before decoding: binary junk is nearly never valid UTF-8, and "not valid
        # UTF-8, pass --encoding" would send the user the wrong way.
        _reject_binary(data[:BINARY_SAMPLE_SIZE].decode("latin-1"), data)
        text = _decode_strict(data, None)
    else:
        # After decoding: a UTF-16 file is full of NUL bytes but fine once decoded.
        text = data if isinstance(data, str) else _decode_strict(data, encoding)
        _reject_binary(text[:BINARY_SAMPLE_SIZE])
    text = text.removeprefix("\ufeff")
    if not text.strip():
        raise _Unreadable(f"empty {noun}, nothing to extract")
    return text


def _decode_strict(data: bytes, encoding: str | None) -> str:
    """Decode with ``encoding`` (strict UTF-8 by default), naming the first bad byte."""
    try:
        return data.decode(encoding or "utf-8")
    except UnicodeDecodeError as exc:
        bad = f"byte 0x{data[exc.start]:02x} at offset {exc.start}"
        if encoding is None:
            raise _Unreadable(f"not valid UTF-8 ({bad}); pass --encoding latin-1 (or the right one)") from None
        raise _Unreadable(f"not valid {encoding} ({bad}); check --encoding") from None


def _reject_binary(sample: str, raw: bytes = b"") -> None:
    """Raise when ``sample`` has NUL characters or many control characters.

    ``raw`` (the undecoded bytes, when there are any) only serves to recognise UTF-16.
    """
    if not sample:
        return
    controls = sum(1 for char in sample if (char < " " and char not in _WHITESPACE_CONTROLS) or char == "\x7f")
    if "\x00" not in sample and controls / len(sample) <= MAX_CONTROL_SHARE:
        return
    if raw.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        raise _Unreadable("looks like UTF-16 text; pass --encoding utf-16")
    raise _Unreadable("looks like a binary file, not text")
