"""One batch of texts through one extractor: the unit of work of every execution mode.

The in-process loop, the worker processes and the Spark partitions all call
``extract_batch``, so a text gives the same ``Document`` (offsets, speakers, pledges,
metadata) whichever way it was run, and a text that breaks the extractor is reported
the same way everywhere.
"""

from __future__ import annotations

import logging
from collections.abc import Iterable, Iterator
from dataclasses import replace
from typing import Protocol

from onrecord.batching import batch_by_chars
from onrecord.ingest.sources import InputProblem, SourceText
from onrecord.types import Document

LOGGER = logging.getLogger(__name__)

ExtractionResult = Document | InputProblem


class TextExtractor(Protocol):
    """What ``extract_batch`` needs of an extractor: ``onrecord.api.Extractor`` or a fake."""

    def pipe(self, items: Iterable[tuple[str, str]]) -> Iterator[Document]:
        """Yield one ``Document`` per ``(doc_id, text)`` pair, in order."""
        ...


def batched(sources: Iterable[SourceText], max_chars: int) -> Iterator[list[SourceText]]:
    """Cut a stream of texts into batches of at most ``max_chars`` characters (``batch_by_chars``).

    Raises:
        ValueError: when ``max_chars`` is not positive.
    """
    return batch_by_chars(sources, max_chars, length=lambda source: len(source.text))


def extract_batch(extractor: TextExtractor, batch: list[SourceText], *, strict: bool = False) -> list[ExtractionResult]:
    """Extract the statements of one batch, in order, each document with its source's metadata.

    When the batch as a whole fails, its texts are retried one by one, so only the text
    that breaks the extractor is lost.

    Args:
        extractor (TextExtractor): a loaded extractor.
        batch (list[SourceText]): the texts.
        strict (bool): let an extractor exception propagate instead of reporting it
            (``onrecord --debug``).

    Returns:
        list[Document | InputProblem]: one result per text, in the order of ``batch``.
    """
    try:
        documents = list(extractor.pipe((source.doc_id, source.text) for source in batch))
    except Exception:
        if strict:
            raise
        LOGGER.debug("batch of %d texts failed; retrying them one by one", len(batch), exc_info=True)
    else:
        return [_with_metadata(document, source) for document, source in zip(documents, batch, strict=True)]
    return [_extract_alone(extractor, source) for source in batch]


def _extract_alone(extractor: TextExtractor, source: SourceText) -> ExtractionResult:
    """Extract one text; an exception becomes a problem naming its origin."""
    try:
        [document] = extractor.pipe([(source.doc_id, source.text)])
    except Exception as exc:
        LOGGER.debug("%s (%s): extraction failed", source.doc_id, source.origin, exc_info=True)
        return InputProblem(
            source.origin,
            f"extraction failed ({type(exc).__name__}: {exc}); rerun with --debug for the traceback",
        )
    return _with_metadata(document, source)


def _with_metadata(document: Document, source: SourceText) -> Document:
    """Copy what the input said about the article (title, URL, jsonl keys) to the document."""
    return replace(document, metadata={**source.metadata, **document.metadata}) if source.metadata else document
