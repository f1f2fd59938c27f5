"""``onrecord spark extract``: the extraction as a Spark job, written as Parquet."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer
from rich.text import Text

from onrecord.cli.common import STDERR, app, reports_errors

spark_app = typer.Typer(
    help="Run onrecord on Spark (needs PySpark and Java 17; see docs/spark.md).",
    no_args_is_help=True,
)
app.add_typer(spark_app, name="spark")

INPUT_HELP = "WARC (.warc, .warc.gz) or JSON Lines files, or folders of them; repeat for more. Each file is one task."
OUTPUT_HELP = "A new folder for the Parquet datasets articles/, statements/ and problems/."
MASTER_HELP = "Spark master URL, e.g. local[2]; default: the one spark-submit sets, else local[*]."


@spark_app.command("extract")
@reports_errors
def spark_extract_command(
    inputs: Annotated[list[Path], typer.Option("--input", "-i", help=INPUT_HELP, exists=True)],
    output: Annotated[Path, typer.Option("--output", "-o", help=OUTPUT_HELP, file_okay=False)],
    master: Annotated[str | None, typer.Option(help=MASTER_HELP, show_default=False)] = None,
) -> None:
    """Extract statements with Spark: one row per article and one per statement, in Parquet.

    Examples:

      onrecord spark extract --input crawl/ --output out/ --master local[2]

      spark-submit --master spark://head:7077 $(which onrecord) spark extract --input /shared/crawl --output /shared/out

    The rows hold what 'onrecord extract' writes as JSON (same offsets, speakers, pledges).
    Unreadable inputs go to problems/; the exit status is 1 only when no article was written.
    """
    # Imported here: PySpark is an optional extra, and --help must not start a JVM.
    from onrecord.scale.spark import build_session, check_output, spark_extract

    check_output(output)  # before the JVM starts: a wrong path should fail in a second
    session = build_session(master)
    try:
        summary = spark_extract(session, inputs, output)
    finally:
        session.stop()
    STDERR.print(
        Text(f"{summary.articles} articles, {summary.statements} statements, {summary.problems} problems "
             f"written to {output}", style="bold" if summary.articles else "bold yellow")  # fmt: skip
    )
    if summary.articles == 0:
        raise typer.Exit(1)
