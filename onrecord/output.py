"""Write extraction results: JSON Lines for programs, Rich tables for people.

The command line only picks a format and a destination; everything about how a
``Document`` or an evaluation report looks on the page lives here:

1. ``open_output`` yields stdout, or a temporary file that replaces ``-o FILE`` only when
   the run succeeds.
2. ``make_writer`` returns the function that writes one document to that stream, as a
   JSON Lines record (``write_jsonl``) or as a Rich table (``print_table``).
3. ``print_report`` prints an evaluation report as Rich tables or indented JSON.
"""

from __future__ import annotations

import functools
import io
import json
import os
import sys
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from enum import StrEnum
from pathlib import Path
from typing import TYPE_CHECKING, Any, Protocol, TextIO

from rich.console import Console, RenderableType
from rich.table import Table
from rich.text import Text

from onrecord.errors import OutputError

if TYPE_CHECKING:
    from onrecord.types import Document, Statement

# Content longer than this is cut in tables; the JSON output always has all of it.
TABLE_CONTENT_CHARS = 240
TABLE_PLEDGE_CHARS = 100  # a pledge's action or condition in a table
# Width of tables written to a file with -o (a terminal uses its own width).
FILE_TABLE_WIDTH = 120


class OutputFormat(StrEnum):
    """How documents are written."""

    jsonl = "jsonl"
    table = "table"


class ReportFormat(StrEnum):
    """How an evaluation report is printed."""

    table = "table"
    json = "json"


class Report(Protocol):
    """An evaluation report: a Rich renderable with a JSON form."""

    def __rich__(self) -> RenderableType: ...

    def to_dict(self) -> dict[str, Any]: ...


@contextmanager
def open_output(path: Path | None) -> Iterator[TextIO]:
    """Yield stdout, or a temporary file beside ``path`` that replaces it only on success.

    A crash or Ctrl-C therefore never leaves half a file, and never clobbers the output
    of an earlier run.

    Args:
        path (Path | None): the file to write, or None for stdout.

    Returns:
        Iterator[TextIO]: the stream to write to (UTF-8, ``\\n`` line endings).

    Raises:
        OutputError: when the folder of ``path`` does not exist or is not writable.
    """
    if path is None:
        yield utf8_stdout()
        return
    if not path.parent.is_dir():
        raise OutputError(f"{path}: folder {path.parent} does not exist; create it or pick another -o path")
    # Same folder, so the final rename is atomic; the pid keeps parallel runs apart.
    temporary = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    try:
        stream = temporary.open("w", encoding="utf-8", newline="\n")
    except OSError as exc:
        raise OutputError(f"{path}: cannot be written ({exc.strerror or exc}); pick another -o path") from exc
    try:
        with stream:
            yield stream
        os.replace(temporary, path)
    finally:
        temporary.unlink(missing_ok=True)


def utf8_stdout() -> TextIO:
    """Return stdout, switched to UTF-8 where the platform default is something else."""
    stdout = sys.stdout
    if isinstance(stdout, io.TextIOWrapper) and stdout.encoding.lower().replace("-", "") != "utf8":
        stdout.reconfigure(encoding="utf-8")
    return stdout


def make_writer(
    output_format: OutputFormat, stream: TextIO, *, to_file: bool, include_text: bool
) -> Callable[[Document], None]:
    """Return the function that writes one document in ``output_format``.

    Args:
        output_format (OutputFormat): JSON Lines or a Rich table.
        stream (TextIO): where JSON Lines go, and tables when ``to_file`` is set.
        to_file (bool): write tables to ``stream`` at a fixed width without colour;
            otherwise tables go to the terminal at its own width.
        include_text (bool): keep the article text in JSON Lines records.

    Returns:
        Callable[[Document], None]: the writer.
    """
    if output_format is OutputFormat.jsonl:
        return functools.partial(write_jsonl, stream, include_text=include_text)
    console = Console(file=stream, width=FILE_TABLE_WIDTH, color_system=None) if to_file else Console()
    return functools.partial(print_table, console)


def write_jsonl(stream: TextIO, document: Document, *, include_text: bool = True) -> None:
    """Write one ``Document.to_dict()`` line, flushed so a reader downstream sees it at once."""
    stream.write(json.dumps(document.to_dict(include_text=include_text), ensure_ascii=False) + "\n")
    stream.flush()


def print_table(console: Console, document: Document) -> None:
    """Print one Rich table of the document's statements (one dim line when there are none)."""
    title = document.doc_id
    if document.metadata.get("title"):
        title = f"{title}: {document.metadata['title']}"
    if not document.statements:
        console.print(Text(f"{title}: no statements found", style="dim"))
        return
    table = Table(title=Text(title, style="bold"), title_justify="left", show_lines=True, expand=True)
    table.add_column("#", justify="right", no_wrap=True)
    table.add_column("speaker", ratio=2)
    table.add_column("kind", no_wrap=True)
    table.add_column("cue", ratio=1)
    table.add_column("content", ratio=5)
    table.add_column("conf.", justify="right", no_wrap=True)
    for number, statement in enumerate(document.statements, start=1):
        table.add_row(
            str(number),
            _speaker_cell(statement, document.text),
            statement.kind,
            Text(_join_spans(document.text, statement.cue_spans)),
            _content_cell(statement, document.text),
            f"{statement.confidence:.2f}",
        )
    console.print(table)


def print_report(report: Report, report_format: ReportFormat) -> None:
    """Print an evaluation report as Rich tables or as indented JSON on stdout."""
    if report_format is ReportFormat.json:
        utf8_stdout().write(json.dumps(report.to_dict(), ensure_ascii=False, indent=2) + "\n")
    else:
        Console().print(report)


def _speaker_cell(statement: Statement, text: str) -> Text:
    """Speaker name with role and affiliation below it; the source text when unresolved."""
    speaker = statement.speaker
    if speaker is None:
        source = _join_spans(text, statement.source_spans)
        return Text(source or "(no speaker)", style="italic")
    cell = Text(speaker.name, style="bold")
    details = ", ".join(part for part in (speaker.role, speaker.affiliation) if part)
    if details:
        cell.append(f"\n{details}", style="dim")
    return cell


def _content_cell(statement: Statement, text: str) -> Text:
    """The content, then one line for its pledge (pledger: action, if condition) and its figures."""
    cell = Text(_shorten(statement.content_text(text), TABLE_CONTENT_CHARS))
    pledge = statement.pledge
    if pledge is not None:
        condition = _join_spans(text, pledge.condition_spans)
        action = _shorten(_join_spans(text, pledge.action_spans), TABLE_PLEDGE_CHARS)
        cell.append(f"\npledge: {pledge.pledger}: {action}", style="bold green")
        if condition:
            cell.append(f" ({_shorten(condition, TABLE_PLEDGE_CHARS)})", style="green")
    if statement.figure_spans:
        cell.append(f"\nfigures: {'; '.join(text[start:end] for start, end in statement.figure_spans)}", style="cyan")
    return cell


def _join_spans(text: str, spans: Iterable[tuple[int, int]]) -> str:
    """Join the text of ``spans`` with ' … ', as ``Statement.content_text`` does."""
    return " … ".join(text[start:end] for start, end in spans)


def _shorten(value: str, limit: int) -> str:
    """Collapse whitespace and cut at a word boundary with an ellipsis."""
    value = " ".join(value.split())
    if len(value) <= limit:
        return value
    return value[:limit].rsplit(" ", 1)[0] + " …"
