"""``onrecord extract``: articles in, statements out as JSON Lines or a table."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Annotated

import typer

from onrecord.cli.batch import Run, counts_for_progress, extract_documents, progress_bar, read_sources
from onrecord.cli.common import ENCODING_HELP, PATHS_HELP, WORKERS_HELP, app, reports_errors
from onrecord.errors import InputError
from onrecord.ingest.readers import check_encoding, find_input_files
from onrecord.output import OutputFormat, make_writer, open_output
from onrecord.scale.parallel import default_workers

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
    workers: Annotated[
        int | None, typer.Option("--workers", "-w", min=1, help=WORKERS_HELP, show_default=False)
    ] = None,
) -> None:
    """Extract attributed statements from articles.

    Examples:

      onrecord extract onrecord/resources/example.txt --format table

      onrecord extract articles/ page.html feed.jsonl -o statements.jsonl

      cat article.txt | onrecord extract --no-text

      onrecord extract crawl.warc.gz --workers 4 -o statements.jsonl

    A .jsonl input holds one object per line: {"id": "a1", "text": "..."}
    (or "html": "<html>..." for a page). Its other keys are copied to the output's metadata.
    A .warc or .warc.gz archive gives one article per HTML response.
    Unreadable inputs are reported on stderr and skipped.
    The exit status is 1 only when no input at all could be processed.
    """
    check_encoding(encoding)
    if not paths and sys.stdin.isatty():
        raise InputError("no input given: name files or folders, or pipe text in (onrecord extract article.txt)")
    entries = find_input_files(paths or [])
    run = Run()
    try:
        with open_output(output) as stream, progress_bar(*counts_for_progress(entries)) as progress:
            write = make_writer(output_format, stream, to_file=output is not None, include_text=not no_text)
            sources = read_sources(entries, encoding, run, progress)
            for document in extract_documents(sources, run, workers or default_workers()):
                write(document)
                run.documents += 1
                if progress is not None:
                    progress.update(progress.task_ids[0], description=run.progress_line())
            if run.documents == 0:
                raise typer.Exit(1)  # inside the with: an empty -o file would read as "no statements"
    finally:
        run.summarise()
