"""Read inputs and run the extractor over them, reporting each problem and going on.

Shared by the commands that process many articles:

1. ``find_input_files`` expands the paths; a bad path is reported at once.
2. ``read_sources`` reads each file, reporting each unreadable file or record.
3. ``extract_documents`` loads the model on the first readable text and extracts the
   stream in batches, in this process or in worker processes (``onrecord.scale``); a
   text that makes the extractor fail is reported and skipped.
"""

from __future__ import annotations

import logging
import time
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from rich.progress import BarColumn, MofNCompleteColumn, Progress, SpinnerColumn, TextColumn, TimeElapsedColumn
from rich.text import Text

from onrecord.cli import common
from onrecord.ingest.readers import InputProblem, SourceText, holds_many_articles, read_input
from onrecord.scale.parallel import extract_stream

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
    started: float = field(default_factory=time.monotonic)

    def report(self, problem: InputProblem) -> None:
        """Print one problem line on stderr and count it."""
        self.problems += 1
        common.STDERR.print(Text(str(problem), style="yellow"), soft_wrap=True)

    def progress_line(self) -> str:
        """Documents so far, their rate and the problems, for the progress bar."""
        rate = self.documents / max(time.monotonic() - self.started, 1e-9)
        return f"{self.documents} documents, {rate:.1f} docs/s, {self.problems} problems"

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


def extract_documents(sources: Iterator[SourceText], run: Run, workers: int = 1) -> Iterator[Document]:
    """Run the extractor over ``sources`` in batches, in order, with each source's metadata.

    The model is loaded only once a readable text exists, so a run over bad files alone
    fails fast; with several ``workers``, each worker process loads its own. A text that
    breaks the extractor is reported and skipped (``--debug`` stops on it instead).
    """
    results = extract_stream(sources, common.make_extractor, workers=workers, strict=common.SESSION.debug)
    for result in results:
        if isinstance(result, InputProblem):
            run.report(result)
        else:
            yield result


def _failure(origin: str, what: str, exc: Exception) -> InputProblem:
    """Describe an unexpected exception as a problem; with ``--debug`` re-raise it instead."""
    if common.SESSION.debug:
        raise exc
    return InputProblem(origin, f"{what} ({type(exc).__name__}: {exc}); rerun with --debug for the traceback")


def counts_for_progress(entries: Sequence[Path | InputProblem]) -> tuple[int, bool]:
    """The number of files to read, and whether one of them holds many articles (JSON Lines, WARC)."""
    files = [entry for entry in entries if not isinstance(entry, InputProblem)]
    return len(files), any(holds_many_articles(path) for path in files)


@contextmanager
def progress_bar(files: int, many_per_file: bool = False) -> Iterator[Progress | None]:
    """A progress bar over input files on stderr, on a terminal, for several files or a big one."""
    if (files < PROGRESS_MIN_INPUTS and not many_per_file) or not common.STDERR.is_terminal:
        yield None
        return
    columns = (SpinnerColumn(), TextColumn("{task.description}"), BarColumn(), MofNCompleteColumn(),
               TextColumn("files"), TimeElapsedColumn())
    with Progress(*columns, console=common.STDERR, transient=True) as progress:
        progress.add_task("0 documents", total=files)
        yield progress


