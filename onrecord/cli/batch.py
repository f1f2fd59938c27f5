"""Read inputs and run the extractor over them, reporting each problem and going on.

Shared by the commands that process many articles:

1. ``find_input_files`` expands the paths; a bad path is reported at once.
2. ``read_sources`` reads each file, reporting each unreadable file or record.
3. ``extract_documents`` loads the model on the first readable text and runs
   ``Extractor.pipe`` over the stream; a text that makes it fail is reported and skipped.
"""

from __future__ import annotations

import itertools
import logging
from collections import deque
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, replace
from pathlib import Path
from typing import TYPE_CHECKING

from rich.progress import BarColumn, MofNCompleteColumn, Progress, SpinnerColumn, TextColumn, TimeElapsedColumn
from rich.text import Text

from onrecord.cli import common
from onrecord.ingest.readers import InputProblem, SourceText, read_input

if TYPE_CHECKING:
    from onrecord.types import Document

LOGGER = logging.getLogger(__name__)
# A progress bar is noise for one or two files, and garbage in a log file.
PROGRESS_MIN_INPUTS = 4


@dataclass(slots=True)
class Run:
    """Counts of one extract run, for the summary line; reports problems as they come."""

    documents: int = 0
    problems: int = 0

    def report(self, problem: InputProblem) -> None:
        """Print one problem line on stderr and count it."""
        self.problems += 1
        common.STDERR.print(Text(str(problem), style="yellow"), soft_wrap=True)

    def summarise(self) -> None:
        """Print the summary line when something went wrong."""
        if self.problems:
            total = self.documents + self.problems
            noun = "input" if total == 1 else "inputs"
            common.STDERR.print(Text(f"{self.problems} of {total} {noun} could not be read", style="bold yellow"))


def read_sources(
    entries: Sequence[Path | InputProblem], encoding: str | None, run: Run, progress: Progress | None
) -> Iterator[SourceText]:
    """Yield the readable texts of ``entries``, reporting each problem on the way."""
    for entry in entries:
        if isinstance(entry, InputProblem):
            run.report(entry)
            continue
        try:
            for item in read_input(entry, encoding=encoding):
                if isinstance(item, InputProblem):
                    run.report(item)
                else:
                    yield item
        except Exception as exc:  # a reader bug must not stop the batch (style rule 7)
            run.report(_failure(str(entry), "could not be read", exc))
        if progress is not None:
            progress.advance(progress.task_ids[0])


def extract_documents(sources: Iterator[SourceText], run: Run) -> Iterator[Document]:
    """Run the extractor over ``sources`` in batches, in order, with each source's metadata.

    The model is loaded only once a readable text exists, so a run over bad files alone
    fails fast. When a batch fails, its texts are retried one by one: the one that
    breaks the extractor is reported and skipped, and batching resumes after it.
    """
    first = next(sources, None)
    if first is None:
        return
    extractor = common.make_extractor()
    remaining = itertools.chain([first], sources)
    pending: deque[SourceText] = deque()

    def feed() -> Iterator[tuple[str, str]]:
        for source in remaining:
            pending.append(source)
            yield source.doc_id, source.text

    while True:
        try:
            for document in extractor.pipe(feed()):
                yield _with_metadata(document, pending.popleft())
            return
        except Exception:
            if common.SESSION.debug:
                raise
            LOGGER.debug("batch failed; retrying its %d texts one by one", len(pending), exc_info=True)
        batch = list(pending)
        pending.clear()
        for source in batch:
            try:
                document = next(iter(extractor.pipe([(source.doc_id, source.text)])))
            except Exception as exc:
                run.report(_failure(source.origin, "extraction failed", exc))
            else:
                yield _with_metadata(document, source)


def _failure(origin: str, what: str, exc: Exception) -> InputProblem:
    """Describe an unexpected exception as a problem; with ``--debug`` re-raise it instead."""
    if common.SESSION.debug:
        raise exc
    return InputProblem(origin, f"{what} ({type(exc).__name__}: {exc}); rerun with --debug for the traceback")


def _with_metadata(document: Document, source: SourceText) -> Document:
    """Copy what the input said about the article (title, URL, jsonl keys) to the document."""
    return replace(document, metadata={**source.metadata, **document.metadata}) if source.metadata else document


@contextmanager
def progress_bar(files: int) -> Iterator[Progress | None]:
    """A progress bar over input files on stderr, only for several files on a terminal."""
    if files < PROGRESS_MIN_INPUTS or not common.STDERR.is_terminal:
        yield None
        return
    columns = (SpinnerColumn(), TextColumn("{task.description}"), BarColumn(), MofNCompleteColumn(),
               TextColumn("files"), TimeElapsedColumn())
    with Progress(*columns, console=common.STDERR, transient=True) as progress:
        progress.add_task("0 documents", total=files)
        yield progress


