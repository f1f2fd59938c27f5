"""Read the Parquet output of ``onrecord spark extract`` back as ``Document`` objects.

``onrecord load DIR`` stores what a cluster extracted without running the model again:
the rows of ``DIR/articles/`` and ``DIR/statements/`` (schemas in ``docs/spark.md``)
are turned back into the documents ``onrecord extract`` would have produced, and the
store ingests them as it ingests any document.
"""

from __future__ import annotations

import json
from collections import defaultdict
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from onrecord.errors import InputError
from onrecord.types import Document, Statement

ARTICLE_COLUMNS = ("doc_id", "text_sha256", "text", "metadata_json")
# Articles read per Parquet batch: bounds the texts held at once.
ARTICLE_BATCH_ROWS = 256


def count_articles(directory: Path) -> int:
    """How many articles a ``spark extract`` output folder holds (from Parquet footers)."""
    import pyarrow.dataset as ds

    return ds.dataset(directory / "articles", format="parquet").count_rows()


def read_extraction(directory: Path) -> Iterator[Document]:
    """Yield the documents of a ``spark extract`` output folder, in article order.

    The statements table is read whole (its columns are compact; about 1 GB per ten
    million statements); article texts are streamed in batches.

    Raises:
        InputError: when ``directory`` is not such an output, or a row's text does not
            match its ``text_sha256``.
    """
    import pyarrow as pa
    import pyarrow.dataset as ds

    for dataset in ("articles", "statements"):
        if not (directory / dataset).is_dir():
            raise InputError(
                f"{directory}: no {dataset}/ folder here; pass the --output folder of `onrecord spark extract`"
            )
    try:
        statements = ds.dataset(directory / "statements", format="parquet").to_table()
        rows_of = _rows_by_article(statements)
        articles = ds.dataset(directory / "articles", format="parquet")
        for batch in articles.to_batches(columns=list(ARTICLE_COLUMNS), batch_size=ARTICLE_BATCH_ROWS):
            for article in batch.to_pylist():
                rows = rows_of.get((article["doc_id"], article["text_sha256"]), [])
                yield _document(directory, article, statements, rows)
    except (pa.ArrowException, KeyError) as exc:
        raise InputError(f"{directory}: not readable as `onrecord spark extract` output ({exc})") from exc


def _rows_by_article(statements: Any) -> dict[tuple[str, str], list[int]]:
    """Row numbers of each article's statements, in statement order, keyed by (doc_id, text_sha256)."""
    keyed: dict[tuple[str, str], list[tuple[int, int]]] = defaultdict(list)
    keys = zip(
        statements.column("doc_id").to_pylist(),
        statements.column("text_sha256").to_pylist(),
        statements.column("statement_index").to_pylist(),
    )
    for row_number, (doc_id, sha256, index) in enumerate(keys):
        keyed[(doc_id, sha256)].append((index, row_number))
    return {key: [row for _, row in sorted(rows)] for key, rows in keyed.items()}


def _document(directory: Path, article: dict[str, Any], statements: Any, rows: list[int]) -> Document:
    """One article row and its statement rows as a ``Document``."""
    records = statements.take(rows).to_pylist() if rows else []
    document = Document(
        doc_id=article["doc_id"],
        text=article["text"],
        statements=tuple(Statement.from_dict(record) for record in records),
        metadata=json.loads(article["metadata_json"] or "{}"),
    )
    if document.text_sha256 != article["text_sha256"]:
        raise InputError(f"{directory}: article {article['doc_id']!r} does not match its text_sha256")
    return document
