"""Read the articles of a web archive (``.warc`` or ``.warc.gz``), one record at a time.

Only HTTP responses with an HTML body become articles; ``read_warc`` works in four stages:

1. warcio streams the records, so memory holds one record at a time, whatever the
   archive's size. Requests, metadata, revisits and the like are skipped.
2. A response that is not a successful HTML page (an image, JSON, a 404) is skipped and
   counted; the count is logged once per archive.
3. The body is decoded with the charset of the HTTP ``Content-Type``, else the page's
   ``<meta charset>``, else strict UTF-8. When none of these works it is read as
   windows-1252 (what browsers assume, per the WHATWG encoding standard) and a warning
   names the record, since some characters may be wrong.
4. trafilatura finds the main text; the URL and date come from the WARC headers.

A truncated or corrupt record becomes an ``InputProblem`` naming the file and the byte
offset of the record. warcio cannot find the next record after a corrupt one, so the
rest of that archive is not read; a truncated record is nearly always the last one.
"""

from __future__ import annotations

import codecs
import logging
import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from warcio.archiveiterator import ArchiveIterator
from warcio.recordloader import ArcWarcRecord

from onrecord.ingest.html import find_article
from onrecord.ingest.sources import InputItem, InputProblem, SourceText

LOGGER = logging.getLogger(__name__)

WARC_SUFFIXES = (".warc", ".warc.gz")
HTML_CONTENT_TYPES = frozenset({"text/html", "application/xhtml+xml"})
# A news page is well under a megabyte of HTML; bodies above this are data dumps or
# videos mislabelled as HTML, and reading them would break the bounded-memory promise.
MAX_HTML_BYTES = 10 * 1024 * 1024
# Browsers look for <meta charset> in the first 1024 bytes; some pages put it later, after
# long comments or scripts, so look a little further.
META_CHARSET_SCAN_BYTES = 4096
FALLBACK_CHARSET = "windows-1252"
TRUNCATED_MESSAGE = "truncated WARC record (the file ends inside it)"
# warcio quotes the whole first line of a bad record in its message; a few words suffice.
ERROR_DETAIL_CHARS = 120
_CHARSET_PARAMETER = re.compile(rb"""charset\s*=\s*["']?([A-Za-z0-9._:-]+)""", re.IGNORECASE)
_META_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?([A-Za-z0-9._:-]+)""", re.IGNORECASE)


def is_warc(path: Path) -> bool:
    """Whether ``path`` names a web archive, by its suffix."""
    return path.name.lower().endswith(WARC_SUFFIXES)


def read_warc(path: Path) -> Iterator[InputItem]:
    """Yield the article of every HTML response in the archive at ``path``, in order.

    Args:
        path (Path): a ``.warc`` or ``.warc.gz`` file (gzip is detected from the bytes).

    Returns:
        Iterator[SourceText | InputProblem]: one text per readable HTML page, one
        problem per truncated or corrupt record and per page without article text.
        ``origin`` is ``path@offset``, the byte offset of the record in the file.

    Raises:
        OSError: when the file cannot be opened.
    """
    skipped = 0
    with path.open("rb") as stream:
        records = ArchiveIterator(stream)
        try:
            for record in records:
                # ``offset`` is where the current record starts; get_record_offset() would
                # read the record to its end first, leaving nothing to extract.
                origin = f"{path}@{records.offset}"
                if record.rec_type != "response":
                    continue
                if not _is_html_page(record):
                    skipped += 1
                    continue
                yield _read_page(record, origin)
            if records.offset < path.stat().st_size:
                # A gzip member cut early decompresses to nothing: warcio then ends quietly
                # where the last whole record ended, before the end of the file.
                yield InputProblem(f"{path}@{records.offset}", TRUNCATED_MESSAGE)
        except Exception as exc:  # warcio raises many kinds on garbage; none may stop the batch
            LOGGER.debug("%s@%s: corrupt record", path, records.offset, exc_info=True)
            yield InputProblem(
                f"{path}@{records.offset}",
                f"corrupt WARC record ({type(exc).__name__}: {str(exc)[:ERROR_DETAIL_CHARS]}); "
                "the rest of this archive is not read",
            )
    if skipped:
        LOGGER.info("%s: responses skipped because they are not HTML pages: %d", path, skipped)


def _is_html_page(record: ArcWarcRecord) -> bool:
    """Whether a response record is a successful (2xx) HTML page."""
    http = record.http_headers
    if http is None or not (http.get_statuscode() or "").startswith("2"):
        return False
    content_type = (http.get_header("Content-Type") or "").split(";")[0].strip().lower()
    # A missing Content-Type is common in old crawls; trafilatura rejects non-HTML anyway.
    return not content_type or content_type in HTML_CONTENT_TYPES


def _read_page(record: ArcWarcRecord, origin: str) -> InputItem:
    """Read one HTML response: the body, its text and the WARC headers."""
    body = _read_body(record)
    if len(body) > MAX_HTML_BYTES:
        return InputProblem(origin, f"HTML page over {MAX_HTML_BYTES // (1024 * 1024)} MB, skipped")
    if getattr(record.raw_stream, "limit", 0):
        # warcio stops quietly at the end of a cut file; the bytes still owed give it away.
        return InputProblem(origin, TRUNCATED_MESSAGE)
    markup = _decode_html(body, record.http_headers.get_header("Content-Type") or "", origin)
    article = find_article(markup, origin)
    if article is None:
        return InputProblem(origin, "no article text found in the HTML")
    headers = record.rec_headers
    url = headers.get_header("WARC-Target-URI")
    record_id = (headers.get_header("WARC-Record-ID") or "").strip("<>")
    metadata: dict[str, Any] = dict(article.metadata)
    # The crawler saw the real URL and fetch date; a page's own claims come second.
    metadata.update((key, value) for key, value in (("url", url), ("date", headers.get_header("WARC-Date"))) if value)
    return SourceText(doc_id=record_id or url or origin, text=article.text, origin=origin, metadata=metadata)


def _read_body(record: ArcWarcRecord) -> bytes:
    """Read a record's payload, stopping just past ``MAX_HTML_BYTES``."""
    stream = record.content_stream()
    chunks = []
    size = 0
    # read(n) on warcio's decompressing stream returns less than n long before the end.
    while size <= MAX_HTML_BYTES and (chunk := stream.read(MAX_HTML_BYTES + 1 - size)):
        chunks.append(chunk)
        size += len(chunk)
    return b"".join(chunks)


def _decode_html(body: bytes, content_type: str, origin: str) -> str:
    """Decode a page by its HTTP charset, its meta charset or UTF-8, else windows-1252."""
    declared = _CHARSET_PARAMETER.search(content_type.encode("latin-1", "replace")) or _META_CHARSET.search(
        body[:META_CHARSET_SCAN_BYTES]
    )
    charset = declared.group(1).decode("ascii") if declared else "utf-8"
    try:
        codecs.lookup(charset)
        return body.decode(charset)
    except (LookupError, UnicodeDecodeError) as exc:
        reason = f"declared charset {charset!r} does not fit ({exc})" if declared else "not UTF-8, no charset declared"
    LOGGER.warning("%s: %s; read as %s, some characters may be wrong", origin, reason, FALLBACK_CHARSET)
    return body.decode(FALLBACK_CHARSET, errors="replace")
