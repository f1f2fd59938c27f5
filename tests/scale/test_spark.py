"""Tests for onrecord.scale.spark: Spark local[2] writes what the local path writes."""

from __future__ import annotations

import json
import shutil
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from onrecord import cli
from onrecord.ingest.sources import InputProblem, SourceText
from onrecord.scale.spark import document_rows, problem_row
from onrecord.types import Document, Pledge, Speaker, Statement

TEXT = 'The mayor, Ada Penrose, said: "We will rebuild the pier by 2028 if the grant comes."\n'


@pytest.fixture(scope="module")
def spark() -> Iterator[Any]:
    """One Spark session for the module, two local cores."""
    if shutil.which("java") is None:
        pytest.skip("Spark needs Java 17 on the PATH")
    from onrecord.scale.spark import build_session

    session = build_session("local[2]")
    yield session
    session.stop()


def _span(phrase: str) -> tuple[tuple[int, int], ...]:
    start = TEXT.index(phrase)
    return ((start, start + len(phrase)),)


def test_spark_rows_are_the_json_form_of_the_document() -> None:
    pledge = Pledge(pledger="Ada Penrose", pledger_type="person", action_spans=_span("rebuild the pier"),
                    condition_spans=_span("if the grant comes"))  # fmt: skip
    speaker = Speaker(name="Ada Penrose", type="person", role="mayor", mention_spans=_span("Ada Penrose"))
    statement = Statement(kind="direct", source_spans=_span("Ada Penrose"), cue_spans=_span("said"),
                          content_spans=_span('"We will rebuild the pier by 2028 if the grant comes."'),
                          speaker=speaker, confidence=0.91237, pledge=pledge, figure_spans=_span("2028"))  # fmt: skip
    document = Document(doc_id="pier", text=TEXT, statements=(statement,), metadata={"url": "https://x.test/pier", "n": 3})
    article, [row] = document_rows(document, "feed.jsonl:4")
    assert article["url"] == "https://x.test/pier" and article["title"] is None
    assert json.loads(article["metadata_json"]) == {"url": "https://x.test/pier", "n": 3}
    assert article["origin"] == "feed.jsonl:4" and article["statement_count"] == 1
    assert (row.pop("doc_id"), row.pop("text_sha256"), row.pop("statement_index")) == ("pier", document.text_sha256, 0)
    assert row == statement.to_dict(TEXT)
    assert row["pledge"]["condition"] == "if the grant comes" and row["confidence"] == 0.9124
    assert problem_row(InputProblem("x.warc.gz@120", "truncated")) == {"origin": "x.warc.gz@120", "message": "truncated"}


def _write_feed(path: Path, sources: list[SourceText], extra: tuple[str, ...] = ()) -> None:
    lines = [json.dumps({"id": source.doc_id, "text": source.text, **source.metadata}) for source in sources]
    path.write_text("\n".join([*lines, *extra]) + "\n", encoding="utf-8")


def test_spark_local2_output_equals_local_output(
    spark: Any, tmp_path: Path, polnear_sample: list[SourceText], sample_documents: list[Document]
) -> None:
    from onrecord.scale.spark import spark_extract

    inputs = tmp_path / "in"
    inputs.mkdir()
    _write_feed(inputs / "a.jsonl", polnear_sample[:30], extra=("{not json",))
    _write_feed(inputs / "b.jsonl", polnear_sample[30:])
    summary = spark_extract(spark, [inputs], tmp_path / "out")
    assert sorted(path.name for path in tmp_path.iterdir()) == ["in", "out"]  # the staging folder is gone

    expected = {document.doc_id: document for document in sample_documents}
    articles = {row["doc_id"]: row for row in _rows(spark, tmp_path / "out" / "articles")}
    assert set(articles) == set(expected)
    for doc_id, document in expected.items():
        article = articles[doc_id]
        assert (article["text"], article["text_sha256"]) == (document.text, document.text_sha256)
        assert json.loads(article["metadata_json"]) == document.metadata == {"outlet": "polnear"}
        assert article["statement_count"] == len(document.statements)
    first = polnear_sample[0].doc_id
    assert articles[first]["origin"] == f"{inputs / 'a.jsonl'}:1"

    statements: dict[str, list[dict[str, Any]]] = {}
    for row in sorted(_rows(spark, tmp_path / "out" / "statements"), key=lambda row: row["statement_index"]):
        del row["text_sha256"], row["statement_index"]
        statements.setdefault(row.pop("doc_id"), []).append(row)
    for doc_id, document in expected.items():
        assert statements.get(doc_id, []) == [statement.to_dict(document.text) for statement in document.statements]

    [problem] = _rows(spark, tmp_path / "out" / "problems")
    assert problem["origin"] == f"{inputs / 'a.jsonl'}:31" and problem["message"].startswith("invalid JSON")
    total = sum(len(document.statements) for document in sample_documents)
    assert (summary.articles, summary.statements, summary.problems) == (50, total, 1)


def _rows(spark: Any, path: Path) -> list[dict[str, Any]]:
    return [row.asDict(recursive=True) for row in spark.read.parquet(str(path)).collect()]


def test_spark_cli_refuses_an_existing_output_before_starting_spark(tmp_path: Path) -> None:
    feed = tmp_path / "feed.jsonl"
    _write_feed(feed, [SourceText(doc_id="a", text=TEXT, origin="-")])
    result = CliRunner().invoke(cli.app, ["spark", "extract", "--input", str(feed), "--output", str(tmp_path)])
    assert result.exit_code == 1
    assert result.stderr == f"error: --output {tmp_path}: already exists; pick a new folder (nothing was overwritten)\n"
