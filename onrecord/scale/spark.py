"""Extraction on Spark: input files in, Parquet datasets of articles, statements and problems out.

``spark_extract`` runs the same readers and the same ``extract_batch`` as ``onrecord
extract``, so its rows hold exactly what the local JSON holds:

1. The inputs are expanded to files on the driver (``find_input_files``); each file is
   one Spark task, so a crawl of many WARC files spreads over the executors.
2. ``mapPartitions`` reads each file with ``read_input`` and extracts its texts in
   batches with a per-process ``Extractor``, loaded on a worker's first partition and
   kept for the next ones (PySpark reuses its Python workers).
3. Each result becomes rows (``document_rows``, ``problem_row``); the extracted RDD is
   persisted, so the three datasets are written from one extraction:
   ``DIR/articles/``, ``DIR/statements/`` and ``DIR/problems/`` (schemas in
   ``docs/spark.md``), into a hidden folder beside ``DIR`` renamed to ``DIR`` at the end.

PySpark is imported only inside these functions: ``onrecord`` works without it.
"""

from __future__ import annotations

import json
import logging
import os
import shutil
import sys
from collections import deque
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from onrecord.errors import ConfigError
from onrecord.ingest.readers import find_input_files, read_input
from onrecord.ingest.sources import InputProblem, SourceText
from onrecord.scale.parallel import extract_stream
from onrecord.types import Document

if TYPE_CHECKING:
    from pyspark.sql import SparkSession
    from pyspark.sql.types import StructType

LOGGER = logging.getLogger(__name__)

DATASETS = ("articles", "statements", "problems")
# Metadata keys promoted to their own article columns; all of it stays in metadata_json.
METADATA_COLUMNS = ("url", "title", "date", "outlet")
DEFAULT_MASTER = "local[*]"

Row = dict[str, Any]


@dataclass(frozen=True, slots=True)
class SparkSummary:
    """What one ``spark_extract`` run wrote."""

    articles: int
    statements: int
    problems: int


def document_rows(document: Document, origin: str) -> tuple[Row, list[Row]]:
    """The article row and the statement rows of one document: its JSON form, flattened.

    A statement row is ``Statement.to_dict(text)`` plus ``doc_id``, ``text_sha256`` and
    ``statement_index`` (its position in the document's list).
    """
    sha = document.text_sha256
    article = {
        "doc_id": document.doc_id,
        "text_sha256": sha,
        "text": document.text,
        "origin": origin,
        **{key: _as_text(document.metadata.get(key)) for key in METADATA_COLUMNS},
        "metadata_json": json.dumps(document.metadata, ensure_ascii=False, sort_keys=True),
        "statement_count": len(document.statements),
    }
    statements = [
        {"doc_id": document.doc_id, "text_sha256": sha, "statement_index": index, **statement.to_dict(document.text)}
        for index, statement in enumerate(document.statements)
    ]
    return article, statements


def problem_row(problem: InputProblem) -> Row:
    """The row of an input or text that could not be processed."""
    return {"origin": problem.origin, "message": problem.message}


def _as_text(value: object) -> str | None:
    """A metadata value as a string column (None stays None)."""
    return None if value is None else value if isinstance(value, str) else json.dumps(value, ensure_ascii=False)


def schemas() -> dict[str, StructType]:
    """The Spark schema of each dataset, in ``DATASETS`` order (documented in docs/spark.md)."""
    from pyspark.sql.types import (
        ArrayType,
        DoubleType,
        IntegerType,
        LongType,
        StringType,
        StructField,
        StructType,
    )

    spans = ArrayType(ArrayType(LongType(), False), False)

    def strings(*names: str, nullable: bool = True) -> list[StructField]:
        return [StructField(name, StringType(), nullable) for name in names]

    speaker = StructType([*strings("name", "type", nullable=False), *strings("role", "affiliation"),
                          StructField("mention_spans", spans, False)])  # fmt: skip
    pledge = StructType([*strings("pledger", "pledger_type", nullable=False),
                         *(StructField(f"{part}_spans", spans, False) for part in ("action", "condition", "target")),
                         *strings("action", "condition", "target")])  # fmt: skip
    return {
        "articles": StructType([*strings("doc_id", "text_sha256", "text", "origin", nullable=False),
                                *strings(*METADATA_COLUMNS), *strings("metadata_json", nullable=False),
                                StructField("statement_count", IntegerType(), False)]),  # fmt: skip
        "statements": StructType([
            *strings("doc_id", "text_sha256", "kind", nullable=False),
            StructField("statement_index", IntegerType(), False),
            *(StructField(f"{part}_spans", spans, False) for part in ("source", "cue", "content")),
            StructField("speaker", speaker, True),
            StructField("confidence", DoubleType(), False),
            StructField("pledge", pledge, True),
            StructField("figure_spans", spans, False),
        ]),
        "problems": StructType(strings("origin", "message", nullable=False)),
    }


def extract_partition(paths: Iterable[str]) -> Iterator[tuple[str, Row]]:
    """Read and extract the files of one partition; yield ``(dataset, row)`` pairs.

    The extractor is the process-wide one (``onrecord.api.default_extractor``): loaded
    on the first partition a Python worker runs, reused for the next.
    """
    from onrecord.api import default_extractor

    reading_problems: list[InputProblem] = []
    # extract_stream gives one result per text, in order: the origins queue up alongside.
    origins: deque[str] = deque()

    def sources() -> Iterator[SourceText]:
        for path in paths:
            for item in read_input(Path(path)):
                if isinstance(item, InputProblem):
                    reading_problems.append(item)
                else:
                    origins.append(item.origin)
                    yield item

    for result in extract_stream(sources(), default_extractor):
        origin = origins.popleft()
        if isinstance(result, InputProblem):
            yield "problems", problem_row(result)
            continue
        article, statements = document_rows(result, origin)
        yield "articles", article
        for statement in statements:
            yield "statements", statement
    for problem in reading_problems:
        yield "problems", problem_row(problem)


def spark_extract(spark: SparkSession, inputs: Sequence[str | Path], output: Path) -> SparkSummary:
    """Extract statements from the input files on Spark and write three Parquet datasets.

    Args:
        spark (SparkSession): the session (``build_session``, or the one spark-submit made).
        inputs (Sequence[str | Path]): files and folders, as ``onrecord extract`` takes them.
        output (Path): a new folder; ``articles/``, ``statements/`` and ``problems/`` go in it.

    Returns:
        SparkSummary: how many rows each dataset got.

    Raises:
        ConfigError: when ``output`` exists already, or no input file exists.
    """
    from pyspark import StorageLevel

    check_output(output)
    entries = find_input_files(inputs)
    files = [str(entry.resolve()) for entry in entries if isinstance(entry, Path)]
    missing = [problem_row(entry) for entry in entries if isinstance(entry, InputProblem)]
    if not files:
        raise ConfigError(f"no input files among {', '.join(map(str, inputs))}; name WARC or JSON Lines files or folders")
    # One partition per file: a file is read by one task from its start.
    rows = spark.sparkContext.parallelize(files, len(files)).mapPartitions(extract_partition)
    rows.persist(StorageLevel.MEMORY_AND_DISK)
    # Written beside the output and renamed at the end: a failed job leaves no half output.
    staging = output.with_name(f".{output.name}.{os.getpid()}.tmp")
    try:
        counts = {}
        for name, schema in schemas().items():
            dataset = rows.filter(lambda pair, name=name: pair[0] == name).map(lambda pair: pair[1])
            if name == "problems" and missing:
                dataset = dataset.union(spark.sparkContext.parallelize(missing, 1))
            frame = spark.createDataFrame(dataset, schema)
            frame.write.parquet(str(staging / name))
            counts[name] = spark.read.parquet(str(staging / name)).count()
        os.replace(staging, output)
    finally:
        rows.unpersist()
        shutil.rmtree(staging, ignore_errors=True)
    return SparkSummary(articles=counts["articles"], statements=counts["statements"], problems=counts["problems"])


def check_output(output: Path) -> None:
    """Raise ``ConfigError`` unless ``output`` is a new folder in an existing one."""
    if output.exists():
        raise ConfigError(f"--output {output}: already exists; pick a new folder (nothing was overwritten)")
    if not output.parent.is_dir():
        raise ConfigError(f"--output {output}: folder {output.parent} does not exist; create it first")


def build_session(master: str | None = None) -> SparkSession:
    """Start (or join) a Spark session whose Python workers run this interpreter.

    Args:
        master (str | None): the Spark master, such as ``local[2]``; None keeps the one
            spark-submit set, else ``local[*]``.

    Raises:
        ConfigError: when PySpark is not installed or Spark (Java) cannot start.
    """
    try:
        from pyspark import SparkConf
        from pyspark.sql import SparkSession
    except ImportError:
        raise ConfigError("PySpark is not installed; run pip install 'onrecord[spark]'") from None
    # Executors must run the interpreter that has onrecord and the model installed.
    os.environ.setdefault("PYSPARK_PYTHON", sys.executable)
    os.environ.setdefault("PYSPARK_DRIVER_PYTHON", sys.executable)
    builder = SparkSession.builder.appName("onrecord").config("spark.ui.showConsoleProgress", "false")
    if master is not None or not SparkConf().contains("spark.master"):
        builder = builder.master(master or DEFAULT_MASTER)
    try:
        return builder.getOrCreate()
    except Exception as exc:  # PySpark raises its own runtime errors when the JVM does not start
        raise ConfigError(
            f"Spark could not start ({type(exc).__name__}: {str(exc).strip()[:200]}); it needs Java 17: "
            "install it and set JAVA_HOME"
        ) from exc
