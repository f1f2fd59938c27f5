"""Spark local[N] against the local path (in-process and worker processes) on the same sample.

Usage (from the repository root)::

    python benchmarks/bench_spark.py --data ../shared/data/polnear --articles 200

The sample is the first ``--articles`` articles of the corpus that ``bench_workers.py``
builds from the PolNeAR train texts, written as ``--files`` JSON Lines files into a
temporary folder (Spark runs one task per file). Then, one after the other:

1. ``local-1``: ``extract_stream(read_inputs(files), Extractor, workers=1)``;
2. ``local-2``: the same with two worker processes;
3. ``spark``: ``spark_extract`` on a ``--master`` session (default ``local[2]``).

Every timing includes loading the models. For Spark, the session start (the JVM) is
reported apart from the job; the job writes the Parquet datasets and counts them. The
script then checks that Spark's statement rows equal the local ones.
"""

from __future__ import annotations

import argparse
import json
import sys
import tempfile
import time
from collections.abc import Sequence
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))

from bench_workers import DEFAULT_MAX_CHARS, build_corpus  # noqa: E402  (sibling script, not a package)


def write_sample(corpus: list[tuple[str, str]], folder: Path, files: int) -> list[Path]:
    """Write the corpus as ``files`` JSON Lines files of about equal size."""
    paths = [folder / f"sample-{number:02d}.jsonl" for number in range(files)]
    for number, path in enumerate(paths):
        lines = [json.dumps({"id": doc_id, "text": text}) for doc_id, text in corpus[number::files]]
        path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return paths


def run_local(paths: list[Path], workers: int) -> tuple[float, dict[str, list[dict[str, Any]]]]:
    """Extract the sample locally; return the seconds and each document's statement rows."""
    from onrecord.api import Extractor
    from onrecord.ingest import SourceText, read_inputs
    from onrecord.scale import extract_stream
    from onrecord.types import Document

    started = time.perf_counter()
    sources = (item for item in read_inputs(paths) if isinstance(item, SourceText))
    rows = {
        document.doc_id: [statement.to_dict(document.text) for statement in document.statements]
        for document in extract_stream(sources, Extractor, workers=workers)
        if isinstance(document, Document)
    }
    return time.perf_counter() - started, rows


def run_spark(paths: list[Path], output: Path, master: str) -> tuple[float, float, dict[str, list[dict[str, Any]]]]:
    """Extract the sample on Spark; return session start and job seconds and the statement rows."""
    from onrecord.scale.spark import build_session, spark_extract

    started = time.perf_counter()
    spark = build_session(master)
    session_s = time.perf_counter() - started
    try:
        started = time.perf_counter()
        spark_extract(spark, paths, output)
        job_s = time.perf_counter() - started
        rows: dict[str, list[dict[str, Any]]] = {}
        statements = spark.read.parquet(str(output / "statements")).orderBy("doc_id", "statement_index").collect()
        for row in statements:
            record = row.asDict(recursive=True)
            doc_id = record.pop("doc_id")
            del record["text_sha256"], record["statement_index"]
            rows.setdefault(doc_id, []).append(record)
        for row in spark.read.parquet(str(output / "articles")).select("doc_id").collect():
            rows.setdefault(row["doc_id"], [])
    finally:
        spark.stop()
    return session_s, job_s, rows


def main(argv: Sequence[str] | None = None) -> int:
    """Run the three measurements and print a table; exit 1 when Spark's rows differ."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--data", type=Path, required=True, help="the PolNeAR folder")
    parser.add_argument("--articles", type=int, default=200)
    parser.add_argument("--max-chars", type=int, default=DEFAULT_MAX_CHARS)
    parser.add_argument("--files", type=int, default=4, help="JSON Lines files (Spark tasks)")
    parser.add_argument("--master", default="local[2]")
    args = parser.parse_args(argv)

    from rich.console import Console
    from rich.table import Table

    corpus = build_corpus(args.data, args.articles, args.max_chars)
    words = sum(len(text.split()) for _, text in corpus)
    with tempfile.TemporaryDirectory(prefix="onrecord-bench-spark-") as folder:
        paths = write_sample(corpus, Path(folder), args.files)
        local_1_s, local_rows = run_local(paths, workers=1)
        local_2_s, local_2_rows = run_local(paths, workers=2)
        session_s, job_s, spark_rows = run_spark(paths, Path(folder) / "out", args.master)

    table = Table(title=f"Spark {args.master} against the local path, {len(corpus)} articles, {words:,} words",
                  caption="seconds include model loading; Spark's session start is apart")  # fmt: skip
    for header in ("system", "seconds", "words/s", "statements"):
        table.add_column(header, justify="left" if header == "system" else "right")
    for name, seconds, rows in (("local, 1 process", local_1_s, local_rows),
                                ("local, 2 workers", local_2_s, local_2_rows),
                                (f"Spark {args.master} (job)", job_s, spark_rows)):  # fmt: skip
        statements = sum(len(value) for value in rows.values())
        table.add_row(name, f"{seconds:.1f}", f"{words / seconds:,.0f}", f"{statements:,}")
    console = Console()
    console.print(table)
    console.print(f"Spark session start: {session_s:.1f} s")
    identical = spark_rows == local_rows == local_2_rows
    console.print(f"statement rows identical across the three: {'yes' if identical else 'NO'}")
    return 0 if identical else 1


if __name__ == "__main__":
    sys.exit(main())
