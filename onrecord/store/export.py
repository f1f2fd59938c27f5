"""Export the record as CSV, JSON Lines or Parquet, streaming, one row per statement or article.

Rows come from ``statement_rows`` / ``article_rows``; nested values (spans, pledge parts)
stay nested in JSON Lines and become JSON text in CSV and Parquet, whose columns are
flat and typed by ``SCHEMAS``.
"""

from __future__ import annotations

import csv
import json
from collections.abc import Iterator
from typing import IO, Any

import pyarrow as pa
import pyarrow.parquet as pq
from sqlalchemy import func, select
from sqlalchemy.orm import Session

from onrecord.store.choices import ExportFormat, ExportTable
from onrecord.store.models import Article, Entity, PledgeMention, StatementRow

# Rows fetched and written per round trip: enough to amortise it, small enough that a
# million statements export in flat memory.
BATCH_ROWS = 5_000


SCHEMAS = {
    ExportTable.statements: pa.schema([
        ("statement_id", pa.int64()), ("article_id", pa.int64()), ("url", pa.string()), ("outlet", pa.string()),
        ("title", pa.string()), ("published", pa.date32()), ("position", pa.int32()), ("kind", pa.string()),
        ("speaker", pa.string()), ("speaker_id", pa.int64()), ("speaker_as_written", pa.string()),
        ("role", pa.string()), ("affiliation", pa.string()), ("party", pa.string()), ("cue", pa.string()),
        ("content", pa.string()), ("confidence", pa.float64()), ("pledge_id", pa.int64()),
        ("pledge", pa.string()), ("spans", pa.string()),
    ]),
    ExportTable.articles: pa.schema([
        ("article_id", pa.int64()), ("key", pa.string()), ("version", pa.int32()), ("doc_id", pa.string()),
        ("url", pa.string()), ("outlet", pa.string()), ("title", pa.string()), ("published", pa.date32()),
        ("date_from", pa.string()), ("sha256", pa.string()), ("superseded", pa.bool_()), ("text", pa.string()),
    ]),
}
_NESTED = ("pledge", "spans")


def statement_rows(session: Session, *, all_versions: bool = False) -> Iterator[dict[str, Any]]:
    """One dict per statement with its article and resolved speaker, in statement order."""
    # The lowest pledge id, as search reports it, when a statement is filed under several.
    pledge_id = (
        select(func.min(PledgeMention.pledge_id)).where(PledgeMention.statement_id == StatementRow.id)
    ).scalar_subquery()
    query = (
        select(StatementRow, Article, Entity.name, pledge_id)
        .join(Article, StatementRow.article_id == Article.id)
        .outerjoin(Entity, StatementRow.speaker_id == Entity.id)
        .order_by(StatementRow.id)
    )
    if not all_versions:
        query = query.where(Article.superseded_at.is_(None))
    for row, article, speaker, pledge in session.execute(query.execution_options(yield_per=BATCH_ROWS)):
        yield {
            "statement_id": row.id, "article_id": article.id, "url": article.url, "outlet": article.outlet,
            "title": article.title, "published": article.published, "position": row.position, "kind": row.kind,
            "speaker": speaker, "speaker_id": row.speaker_id, "speaker_as_written": row.speaker_name,
            "role": row.speaker_role, "affiliation": row.speaker_affiliation, "party": row.party, "cue": row.cue,
            "content": row.content, "confidence": row.confidence, "pledge_id": pledge, "pledge": row.pledge,
            "spans": row.spans,
        }


def article_rows(session: Session, *, all_versions: bool = False) -> Iterator[dict[str, Any]]:
    """One dict per article version, text included."""
    query = select(Article).order_by(Article.id)
    if not all_versions:
        query = query.where(Article.superseded_at.is_(None))
    for article in session.scalars(query.execution_options(yield_per=BATCH_ROWS)):
        yield {
            "article_id": article.id, "key": article.key, "version": article.version, "doc_id": article.doc_id,
            "url": article.url, "outlet": article.outlet, "title": article.title, "published": article.published,
            "date_from": article.date_from, "sha256": article.sha256,
            "superseded": article.superseded_at is not None, "text": article.text,
        }


def write_rows(rows: Iterator[dict[str, Any]], table: ExportTable, output_format: ExportFormat,
               stream: IO[Any]) -> int:
    """Write ``rows`` to ``stream`` (text for CSV and JSON Lines, binary for Parquet); return the count."""
    if output_format is ExportFormat.jsonl:
        count = 0
        for count, row in enumerate(rows, start=1):
            stream.write(json.dumps(row, ensure_ascii=False, default=str) + "\n")
        return count
    flat = (_flatten(row) for row in rows)
    if output_format is ExportFormat.csv:
        writer = csv.DictWriter(stream, fieldnames=SCHEMAS[table].names)
        writer.writeheader()
        count = 0
        for count, row in enumerate(flat, start=1):
            writer.writerow(row)
        return count
    return _write_parquet(flat, SCHEMAS[table], stream)


def _write_parquet(rows: Iterator[dict[str, Any]], schema: pa.Schema, stream: IO[bytes]) -> int:
    """Write rows to Parquet in batches of ``BATCH_ROWS`` (an empty record gives an empty file with the schema)."""
    count = 0
    with pq.ParquetWriter(stream, schema) as writer:
        batch: list[dict[str, Any]] = []
        for row in rows:
            batch.append(row)
            if len(batch) == BATCH_ROWS:
                writer.write_table(pa.Table.from_pylist(batch, schema=schema))
                count, batch = count + len(batch), []
        if batch or not count:
            writer.write_table(pa.Table.from_pylist(batch, schema=schema))
            count += len(batch)
    return count


def _flatten(row: dict[str, Any]) -> dict[str, Any]:
    """Nested values as JSON text, for flat formats."""
    return {key: json.dumps(value, ensure_ascii=False) if key in _NESTED and value is not None else value
            for key, value in row.items()}
