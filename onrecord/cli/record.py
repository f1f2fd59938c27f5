"""The record's commands: ``ingest``, ``load``, ``search``, ``pledges``, ``people``, ``export`` and the edits
(``merge``, ``split``, ``pledge-status``). Each opens the store named by ``--db``.
"""

from __future__ import annotations

import datetime as dt
import enum
import hashlib
import json
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Annotated, Any

import typer
from rich.console import Console
from rich.table import Table
from rich.text import Text

from onrecord.cli.batch import Run, counts_for_progress, extract_documents, progress_bar, read_sources
from onrecord.cli.common import ENCODING_HELP, PATHS_HELP, STDERR, WORKERS_HELP, app, reports_errors
from onrecord.errors import InputError, OutputError
from onrecord.ingest.readers import SourceText, check_encoding, find_input_files
from onrecord.scale.parallel import default_workers
from onrecord.store.choices import EntityType, ExportFormat, ExportTable, PledgeStatus, StatementKindChoice

DB_HELP = "The record: a SQLite file (ingest and load create it) or a postgresql://user@host/db URL."
FORMAT_HELP = "table: for people; jsonl: one JSON object per line, for programs."
BY_HELP = "Your name, kept in the history of the change."
DateOption = Annotated[
    dt.datetime | None, typer.Option(formats=["%Y-%m-%d"], help="YYYY-MM-DD, inclusive", show_default=False)
]
DbOption = Annotated[str, typer.Option("--db", envvar="ONRECORD_DB", help=DB_HELP)]
STDOUT = Console(soft_wrap=True)


class ListFormat(enum.StrEnum):
    """How listing commands print."""

    table = "table"
    jsonl = "jsonl"


FormatOption = Annotated[ListFormat, typer.Option("--format", "-f", help=FORMAT_HELP)]


@contextmanager
def _opened(db: str, *, create: bool = True) -> Iterator[Any]:
    """The store at ``db`` (a missing SQLite file is an error unless ``create``).

    The import is here so that ``onrecord --help`` does not load SQLAlchemy.
    """
    from onrecord.store import Store

    with Store.open(db, create=create) as store:
        yield store


@dataclass(slots=True)
class _Tally:
    """What an ingest run did, for the summary table."""

    outcomes: dict[str, int] = field(default_factory=lambda: {"added": 0, "new version": 0, "unchanged": 0})
    statements: int = 0
    pledges: int = 0
    started: float = field(default_factory=time.monotonic)


@app.command()
@reports_errors
def ingest(
    paths: Annotated[list[Path] | None, typer.Argument(help=PATHS_HELP, metavar="PATH...", show_default=False)] = None,
    db: DbOption = "onrecord.db",
    encoding: Annotated[str | None, typer.Option(help=ENCODING_HELP, show_default=False)] = None,
    workers: Annotated[
        int | None, typer.Option("--workers", "-w", min=1, help=WORKERS_HELP, show_default=False)
    ] = None,
) -> None:
    """Analyse articles and add them to the record.

    Examples:

      onrecord ingest articles/ feed.jsonl

      onrecord ingest crawl.warc.gz --workers 4

      onrecord ingest story.html --db postgresql://localhost/onrecord

    Each article is stored in its own transaction, in input order, by this process
    (the workers only analyse). An article already stored with the same text is
    skipped before the model runs, so a rerun after an interruption (Ctrl-C, a killed
    process) stores only what is missing: nothing lost, nothing twice. The same URL
    (or file name) with a new text is stored as a new version; the old one is kept.
    Metadata (url, title, outlet, date) comes from JSON Lines keys or HTML pages.
    """
    check_encoding(encoding)
    if not paths and sys.stdin.isatty():
        raise InputError("no input given: name files or folders, or pipe text in (onrecord ingest article.txt)")
    entries = find_input_files(paths or [])
    run, tally = Run(), _Tally()
    with _opened(db) as store:
        files, many_per_file = counts_for_progress(entries)
        with progress_bar(files, many_per_file) as progress:
            sources = _unseen(read_sources(entries, encoding, run, progress), store, tally)
            for result in store.ingest(extract_documents(sources, run, workers or default_workers())):
                run.documents += 1
                tally.outcomes[result.status] += 1
                tally.statements += result.statements
                tally.pledges += result.pledges
                if progress is not None:
                    progress.update(progress.task_ids[0], description=run.progress_line())
        run.summarise()
        _print_summary(tally, store.counts(), db)
    if run.documents == 0 and tally.outcomes["unchanged"] == 0:
        raise typer.Exit(1)


@app.command()
@reports_errors
def load(
    folder: Annotated[
        Path, typer.Argument(help="The --output folder of `onrecord spark extract`.", file_okay=False, exists=True)
    ],
    db: DbOption = "onrecord.db",
) -> None:
    """Add what `onrecord spark extract` wrote to the record, without running the model.

    Example:

      onrecord spark extract --input crawl/ --output out/ && onrecord load out/

    As with ingest, each article is stored in its own transaction and one already stored
    with the same text is skipped, so loading again (after an interruption, too) adds
    nothing twice.
    """
    from rich.progress import track

    from onrecord.scale.load import count_articles, read_extraction

    tally = _Tally()
    with _opened(db) as store:
        documents = read_extraction(folder)
        if STDERR.is_terminal:
            total = count_articles(folder)
            documents = track(documents, total=total, description="loading", console=STDERR, transient=True)
        for result in store.ingest(documents):
            tally.outcomes[result.status] += 1
            tally.statements += result.statements
            tally.pledges += result.pledges
        _print_summary(tally, store.counts(), db, command="load")


def _unseen(sources: Iterator[SourceText], store: Any, tally: _Tally) -> Iterator[SourceText]:
    """Drop the texts already stored under the same article key, before the model sees them."""
    for source in sources:
        sha256 = hashlib.sha256(source.text.encode("utf-8")).hexdigest()
        if store.contains(source.doc_id, sha256, source.metadata):
            tally.outcomes["unchanged"] += 1
        else:
            yield source


def _print_summary(tally: _Tally, totals: dict[str, int], db: str, command: str = "ingest") -> None:
    """The run's table and the record's totals, on stderr."""
    elapsed = time.monotonic() - tally.started
    analysed = tally.outcomes["added"] + tally.outcomes["new version"]
    table = Table(title=Text(f"{command} into {db}"), show_header=False)
    table.add_column("what")
    table.add_column("count", justify="right")
    for label, value in (
        ("articles added", tally.outcomes["added"]),
        ("new versions", tally.outcomes["new version"]),
        ("already stored (skipped)", tally.outcomes["unchanged"]),
        ("statements stored", tally.statements),
        ("pledges touched", tally.pledges),
        ("speed", f"{analysed / max(elapsed, 1e-9):.1f} docs/s"),
    ):
        table.add_row(label, str(value))
    table.add_section()
    for label, value in totals.items():
        table.add_row(f"record: {label}", str(value))
    STDERR.print(table)


@app.command()
@reports_errors
def search(
    text: Annotated[str | None, typer.Argument(help="Words or \"a phrase\" to find in what was said.")] = None,
    speaker: Annotated[str | None, typer.Option(help="A speaker's name, alias or surname.")] = None,
    party: Annotated[str | None, typer.Option(help="The speaker's party (Labour, Tories, Lib Dems...).")] = None,
    kind: Annotated[StatementKindChoice | None, typer.Option(help="Quoted, reported, or both.")] = None,
    outlet: Annotated[str | None, typer.Option(help="Only articles of this outlet.")] = None,
    since: DateOption = None,
    until: DateOption = None,
    limit: Annotated[int, typer.Option(help="Results per page.")] = 20,
    offset: Annotated[int, typer.Option(help="Results to skip (the next page starts at offset + limit).")] = 0,
    all_versions: Annotated[bool, typer.Option("--all-versions", help="Include superseded article versions.")] = False,
    db: DbOption = "onrecord.db",
    output_format: FormatOption = ListFormat.table,
) -> None:
    """Search what was said, newest first.

    Examples:

      onrecord search Hitachi

      onrecord search "train factory" --party Labour --since 2024-06-01

      onrecord search --speaker "Rachel Reeves" --kind direct --format jsonl
    """
    from onrecord.store import SearchQuery

    query = SearchQuery(
        text=text, speaker=speaker, party=party, kind=_value(kind), outlet=outlet,
        since=since.date() if since else None, until=until.date() if until else None,
        include_superseded=all_versions, limit=limit, offset=offset,
    )
    with _opened(db, create=False) as store:
        hits = store.search(query)
    if output_format is ListFormat.jsonl:
        _print_jsonl(hit.to_dict() for hit in hits)
        return
    table = Table("id", "date", "speaker", "kind", "what was said", "article", show_lines=True)
    for hit in hits:
        speaker_cell = "\n".join(filter(None, (hit.speaker, hit.party))) or "(no speaker)"
        _add_row(table, str(hit.id), hit.published.isoformat(), speaker_cell, hit.kind, hit.content,
                 hit.title or hit.url or f"article {hit.article_id}")
    _print_table(table, len(hits), "statement")


@app.command()
@reports_errors
def pledges(
    by: Annotated[str | None, typer.Option("--by", help="The pledger: a party (any spelling) or a name.")] = None,
    status: Annotated[PledgeStatus | None, typer.Option(help="Only pledges with this status.")] = None,
    pledge_id: Annotated[int | None, typer.Option("--id", help="Only this pledge.")] = None,
    limit: Annotated[int, typer.Option(help="Pledges to show.")] = 100,
    db: DbOption = "onrecord.db",
    output_format: FormatOption = ListFormat.table,
) -> None:
    """List pledges with their timelines: first made, reaffirmed, contradicted.

    Examples:

      onrecord pledges --by Labour

      onrecord pledges --status broken --format jsonl
    """
    with _opened(db, create=False) as store:
        found = store.pledges(by=by, status=_value(status), pledge_id=pledge_id, limit=limit)
    if output_format is ListFormat.jsonl:
        _print_jsonl(pledge.to_dict() for pledge in found)
        return
    table = Table("id", "pledger", "pledge", "status", "timeline", show_lines=True)
    for pledge in found:
        what = Text(pledge.action)
        if pledge.condition:
            what.append(f"\n{pledge.condition}", style="dim")
        timeline = "\n".join(
            f"{mention.published} {mention.kind} by {mention.speaker or '?'}" for mention in pledge.timeline
        )
        _add_row(table, str(pledge.id), pledge.pledger, what, pledge.status, timeline)
    _print_table(table, len(found), "pledge")


@app.command()
@reports_errors
def people(
    name: Annotated[str | None, typer.Argument(help="Part of a name or alias.")] = None,
    entity_type: Annotated[EntityType | None, typer.Option("--type", help="Only entities of this type.")] = None,
    party: Annotated[str | None, typer.Option(help="Only this party's people.")] = None,
    limit: Annotated[int, typer.Option(help="Entities to show.")] = 100,
    db: DbOption = "onrecord.db",
    output_format: FormatOption = ListFormat.table,
) -> None:
    """List people, organisations and groups, most quoted first.

    Examples:

      onrecord people

      onrecord people Reeves --format jsonl
    """
    with _opened(db, create=False) as store:
        found = store.entities(name=name, type=_value(entity_type), party=party, limit=limit)
    if output_format is ListFormat.jsonl:
        _print_jsonl(entity.to_dict() for entity in found)
        return
    table = Table("id", "name", "type", "party", "roles", "also written", "statements", "seen")
    for entity in found:
        seen = f"{entity.first_seen} to {entity.last_seen}" if entity.first_seen else ""
        _add_row(table, str(entity.id), entity.name, entity.type, entity.party or "", "; ".join(entity.roles),
                 "; ".join(entity.aliases), str(entity.statements), seen)
    _print_table(table, len(found), "entity")


@app.command()
@reports_errors
def merge(
    keep: Annotated[int, typer.Argument(help="The entity id to keep.")],
    other: Annotated[int, typer.Argument(help="The entity id merged into it.")],
    by: Annotated[str, typer.Option("--by", help=BY_HELP)],
    note: Annotated[str | None, typer.Option(help="Why.")] = None,
    db: DbOption = "onrecord.db",
) -> None:
    """Merge two entities that are the same person or body (see ids with onrecord people).

    Example:

      onrecord merge 12 40 --by "A. Editor" --note "Ms Reeves is Rachel Reeves"
    """
    with _opened(db) as store:
        kept = store.merge_entities(keep, other, changed_by=by, note=note)
    STDERR.print(f"entity {other} merged into entity {kept}")


@app.command()
@reports_errors
def split(
    entity: Annotated[int, typer.Argument(help="The entity id to split.")],
    statement: Annotated[list[int], typer.Option("--statement", help="A statement id to move (repeatable).")],
    name: Annotated[str, typer.Option(help="The name of the new entity.")],
    by: Annotated[str, typer.Option("--by", help=BY_HELP)],
    note: Annotated[str | None, typer.Option(help="Why.")] = None,
    db: DbOption = "onrecord.db",
) -> None:
    """Move statements wrongly given to an entity to a new entity (see ids with onrecord search).

    Example:

      onrecord split 12 --statement 301 --statement 305 --name "Rachel Reeves MP" --by "A. Editor"
    """
    with _opened(db) as store:
        new = store.split_entity(entity, statement, name, changed_by=by, note=note)
    STDERR.print(Text(f"{len(statement)} statements moved to new entity {new} ({name})"))


@app.command("pledge-status")
@reports_errors
def pledge_status(
    pledge_id: Annotated[int, typer.Argument(help="The pledge id (see onrecord pledges).")],
    status: Annotated[str, typer.Argument(help="made, in progress, kept, broken or abandoned.")],
    by: Annotated[str, typer.Option("--by", help=BY_HELP)],
    note: Annotated[str | None, typer.Option(help="Why, with a source if there is one.")] = None,
    db: DbOption = "onrecord.db",
) -> None:
    """Set a pledge's status; the history keeps who changed it, when and why.

    Example:

      onrecord pledge-status 7 "in progress" --by "A. Editor" --note "Contract extended, gov.uk notice of 2024-07-30"
    """
    with _opened(db) as store:
        store.set_pledge_status(pledge_id, status, changed_by=by, note=note)
    STDERR.print(f"pledge {pledge_id} is now {status!r}")


@app.command()
@reports_errors
def export(
    output_format: Annotated[
        ExportFormat, typer.Option("--format", "-f", help="The file format.")
    ] = ExportFormat.jsonl,
    table: Annotated[ExportTable, typer.Option(help="What one row is.")] = ExportTable.statements,
    output: Annotated[Path | None, typer.Option("--output", "-o", help="The file (required for parquet).",
                                                dir_okay=False)] = None,
    all_versions: Annotated[bool, typer.Option("--all-versions", help="Include superseded article versions.")] = False,
    db: DbOption = "onrecord.db",
) -> None:
    """Export statements or articles as CSV, JSON Lines or Parquet.

    Examples:

      onrecord export --format csv -o statements.csv

      onrecord export --format parquet --table articles -o articles.parquet
    """
    if output_format is ExportFormat.parquet and output is None:
        raise OutputError("--format parquet writes a binary file; name it with -o statements.parquet")
    with _opened(db, create=False) as store:
        if output is None:
            count = store.export(table, output_format, sys.stdout, all_versions=all_versions)
        else:
            # Written aside and renamed at the end, so the file named is whole or absent.
            partial = output.with_name(f".{output.name}.partial")
            try:
                mode = "wb" if output_format is ExportFormat.parquet else "w"
                with partial.open(mode, **({} if mode == "wb" else {"encoding": "utf-8", "newline": ""})) as stream:
                    count = store.export(table, output_format, stream, all_versions=all_versions)
                partial.replace(output)
            except OSError as exc:
                raise OutputError(f"{output}: cannot be written ({exc.strerror or exc})") from None
            finally:
                partial.unlink(missing_ok=True)
    STDERR.print(f"{count} {table.value} exported")


def _value(choice: enum.StrEnum | None) -> str | None:
    """A choice as the plain string the store compares with (None kept)."""
    return None if choice is None else choice.value


def _add_row(table: Table, *cells: str | Text) -> None:
    """Add a row whose text cells are shown as written: a quote's "[inaudible]" is not Rich markup."""
    table.add_row(*(Text(cell) if isinstance(cell, str) else cell for cell in cells))


def _print_jsonl(records: Iterator[dict[str, Any]]) -> None:
    """One JSON object per line on stdout."""
    for record in records:
        sys.stdout.write(json.dumps(record, ensure_ascii=False) + "\n")


def _print_table(table: Table, count: int, noun: str) -> None:
    """A table on stdout, or a note on stderr when there is nothing to show."""
    if count:
        STDOUT.print(table)
    else:
        STDERR.print(f"no {noun} found")
