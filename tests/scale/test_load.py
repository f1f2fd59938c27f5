"""``onrecord load``: the Parquet output of ``spark extract`` back into documents and the store."""

from __future__ import annotations

from pathlib import Path

import pyarrow as pa
import pyarrow.parquet as pq
import pytest
from typer.testing import CliRunner

from onrecord import cli
from onrecord.errors import InputError
from onrecord.scale.load import read_extraction
from onrecord.scale.spark import document_rows
from onrecord.store import Store
from onrecord.types import Document, Pledge, Speaker, Statement

PIER = 'The mayor, Ada Penrose, said: "We will rebuild the pier by 2028 if the grant comes."\n'
QUIET = "The council met on Monday. Nothing was decided.\n"


def _span(text: str, phrase: str) -> tuple[tuple[int, int], ...]:
    start = text.index(phrase)
    return ((start, start + len(phrase)),)


def _documents() -> list[Document]:
    speaker = Speaker(name="Ada Penrose", type="person", role="mayor", mention_spans=_span(PIER, "Ada Penrose"))
    pledge = Pledge(pledger="Ada Penrose", pledger_type="person", action_spans=_span(PIER, "rebuild the pier"),
                    condition_spans=_span(PIER, "if the grant comes"))  # fmt: skip
    statement = Statement(kind="direct", source_spans=_span(PIER, "Ada Penrose"), cue_spans=_span(PIER, "said"),
                          content_spans=_span(PIER, '"We will rebuild the pier by 2028 if the grant comes."'),
                          speaker=speaker, confidence=0.9124, pledge=pledge, figure_spans=_span(PIER, "2028"))  # fmt: skip
    unattributed = Statement(kind="indirect", source_spans=(), cue_spans=_span(PIER, "said"),
                             content_spans=_span(PIER, "rebuild"), speaker=None, confidence=0.5)  # fmt: skip
    return [
        Document(doc_id="pier", text=PIER, statements=(statement, unattributed), metadata={"url": "https://x.test/pier"}),
        Document(doc_id="quiet", text=QUIET),
    ]


def _write_output(folder: Path, documents: list[Document]) -> None:
    """Write the two datasets as ``spark extract`` does, one Parquet file each."""
    articles, statements = [], []
    for document in documents:
        article, rows = document_rows(document, f"{document.doc_id}.txt")
        articles.append(article)
        statements.extend(rows)
    for name, rows in (("articles", articles), ("statements", statements)):
        (folder / name).mkdir(parents=True)
        pq.write_table(pa.Table.from_pylist(rows), folder / name / "part-00000.parquet")
        (folder / name / "_SUCCESS").write_text("")


def test_load_reads_back_the_documents_spark_wrote(tmp_path: Path) -> None:
    documents = _documents()
    _write_output(tmp_path / "out", documents)
    loaded = list(read_extraction(tmp_path / "out"))
    assert [d.to_dict() for d in loaded] == [d.to_dict() for d in documents]
    assert loaded[0].statements == documents[0].statements  # typed objects, not only their JSON


def test_load_refuses_a_folder_that_is_not_spark_output(tmp_path: Path) -> None:
    (tmp_path / "articles").mkdir()
    with pytest.raises(InputError, match="no statements/ folder"):
        list(read_extraction(tmp_path))


def test_load_reports_unreadable_output_as_an_input_error(tmp_path: Path) -> None:
    for name in ("articles", "statements"):
        (tmp_path / name).mkdir()
        pq.write_table(pa.table({"unrelated": [1]}), tmp_path / name / "part-00000.parquet")
    with pytest.raises(InputError, match="not readable as `onrecord spark extract` output"):
        list(read_extraction(tmp_path))


def test_load_command_stores_once_however_often_it_runs(tmp_path: Path) -> None:
    _write_output(tmp_path / "out", _documents())
    db = str(tmp_path / "record.db")
    for _ in range(2):
        result = CliRunner().invoke(cli.app, ["load", str(tmp_path / "out"), "--db", db])
        assert result.exit_code == 0, result.output
    with Store.open(db) as store:
        counts = store.counts()
    assert (counts["articles"], counts["statements"]) == (2, 2)
