"""``onrecord extract``: articles in, statements out as JSON Lines or a table."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Annotated

import typer

from onrecord.cli.batch import Run, extract_documents, progress_bar, read_sources
from onrecord.cli.common import ENCODING_HELP, PATHS_HELP, app, reports_errors
from onrecord.errors import InputError
from onrecord.ingest.readers import InputProblem, check_encoding, find_input_files
from onrecord.output import OutputFormat, make_writer, open_output

OUTPUT_HELP = "Write to this file instead of stdout; it is replaced only when the run ends."
FORMAT_HELP = "jsonl: one JSON document per line, for programs; table: for people."


@app.command()
@reports_errors
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
    run = Run()
    files = sum(1 for entry in entries if not isinstance(entry, InputProblem))
    try:
        with open_output(output) as stream, progress_bar(files) as progress:
            write = make_writer(output_format, stream, to_file=output is not None, include_text=not no_text)
            for document in extract_documents(read_sources(entries, encoding, run, progress), run):
                write(document)
                run.documents += 1
                if progress is not None:
                    progress.update(progress.task_ids[0], description=f"{run.documents} documents")
            if run.documents == 0:
                raise typer.Exit(1)  # inside the with: an empty -o file would read as "no statements"
    finally:
        run.summarise()
