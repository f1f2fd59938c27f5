"""The record's commands under CliRunner; the end-to-end test runs the real model on the seed."""

from __future__ import annotations

import json
import shutil
from collections.abc import Iterable, Iterator
from pathlib import Path

import pyarrow.parquet as pq
import pytest
from click.testing import Result
from typer.testing import CliRunner

from store_builders import article, said

from onrecord import cli
from onrecord.cli import common as cli_common
from onrecord.errors import StoreError
from onrecord.store import Store
from onrecord.types import Document, Speaker, Statement

ARTICLES = Path(__file__).resolve().parents[1] / "data" / "articles"


class SpeakerPerLine:
    """A stand-in extractor: each line "Name: words" is a statement of Name; counts the texts it saw."""

    def __init__(self) -> None:
        self.seen: list[str] = []

    def pipe(self, items: Iterable[tuple[str, str]]) -> Iterator[Document]:
        for doc_id, text in items:
            self.seen.append(doc_id)
            statements, offset = [], 0
            for line in text.splitlines(keepends=True):
                name, _, words = line.partition(": ")
                if words.strip():
                    start = offset + len(name) + 2
                    speaker = Speaker(name, "person", None, "Labour", ((offset, offset + len(name)),))
                    statements.append(Statement("direct", ((offset, offset + len(name)),), (),
                                                ((start, start + len(words.strip())),), speaker, 0.9))
                offset += len(line)
            yield Document(doc_id=doc_id, text=text, statements=tuple(statements))


@pytest.fixture
def fake(monkeypatch: pytest.MonkeyPatch) -> SpeakerPerLine:
    extractor = SpeakerPerLine()
    monkeypatch.setattr(cli_common, "make_extractor", lambda: extractor)
    return extractor


def _run(*args: str | Path) -> Result:
    return CliRunner().invoke(cli.app, [str(arg) for arg in args], env={"COLUMNS": "200"})


def _jsonl(output: str) -> list[dict[str, object]]:
    return [json.loads(line) for line in output.splitlines() if line.startswith("{")]


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    articles = tmp_path / "in"
    articles.mkdir()
    (articles / "a.txt").write_text("Rachel Reeves: We will save the Hitachi factory.\n", encoding="utf-8")
    (articles / "b.txt").write_text("Tom Ashby: The bus money is not there.\n", encoding="utf-8")
    (articles / "feed.jsonl").write_text(
        json.dumps({"id": "c", "text": "Sarah Whitfield: Buses will return.\n", "date": "2024-06-01",
                    "url": "https://news.example/c", "outlet": "Eastmere Post"}) + "\n{bad json\n",
        encoding="utf-8",
    )
    return articles


def test_record_cli_ingest_rerun_skips_stored_texts_before_the_model(
    tmp_path: Path, folder: Path, fake: SpeakerPerLine
) -> None:
    db = tmp_path / "r.db"
    first = _run("ingest", folder, "--db", db)
    assert first.exit_code == 0, first.output
    assert "articles added" in first.output and "feed.jsonl:2" in first.output
    assert sorted(fake.seen) == ["a", "b", "c"]
    (folder / "b.txt").write_text("Tom Ashby: The bus money is still not there.\n", encoding="utf-8")
    second = _run("ingest", folder, "--db", db)
    assert second.exit_code == 0, second.output
    assert sorted(fake.seen) == ["a", "b", "b", "c"]
    people = _jsonl(_run("people", "--db", db, "--format", "jsonl").output)
    assert sorted((person["name"], person["statements"]) for person in people) == [
        ("Rachel Reeves", 1), ("Sarah Whitfield", 1), ("Tom Ashby", 2)
    ]


def test_record_cli_search_and_export(tmp_path: Path, folder: Path, fake: SpeakerPerLine) -> None:
    db = tmp_path / "r.db"
    _run("ingest", folder, "--db", db)
    hits = _jsonl(_run("search", "buses", "--db", db, "--format", "jsonl", "--since", "2024-05-01").output)
    assert [(hit["speaker"], hit["outlet"], hit["published"]) for hit in hits] == [
        ("Sarah Whitfield", "Eastmere Post", "2024-06-01")
    ]
    table = _run("search", "Hitachi", "--db", db)
    assert "Rachel Reeves" in table.output and "save the Hitachi factory" in table.output
    for output_format in ("csv", "jsonl", "parquet"):
        target = tmp_path / f"statements.{output_format}"
        result = _run("export", "--format", output_format, "-o", target, "--db", db)
        assert result.exit_code == 0, result.output
    assert pq.read_table(tmp_path / "statements.parquet").num_rows == 3
    assert (tmp_path / "statements.csv").read_text(encoding="utf-8").count("\n") == 4
    assert len(_jsonl((tmp_path / "statements.jsonl").read_text(encoding="utf-8"))) == 3


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (("export", "--format", "parquet"), "name it with -o"),
        (("pledge-status", "7", "kept", "--by", "me"), "no such pledge"),
        (("merge", "1", "2", "--by", "me"), "no such entity"),
        (("people", "--db", "/no/such/folder/r.db"), "does not exist"),
        (("search", "x", "--db", "notes.txt"), "notes.txt: cannot open the database (file is not a database)"),
        (("pledges", "--limit", "-1", "--db", "r.db"), "--limit must be 1 to 1000"),
    ],
)
def test_record_cli_errors_are_one_line(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, args: tuple[str, ...],
                                        message: str) -> None:
    monkeypatch.chdir(tmp_path)
    (tmp_path / "notes.txt").write_text("Call the Eastmere Post.\n" * 100, encoding="utf-8")
    Store.open("r.db").close()
    result = _run(*args)
    assert result.exit_code == 1
    assert message in result.output and "Traceback" not in result.output


@pytest.mark.parametrize("command", ["search", "people", "pledges", "export"])
def test_record_cli_reading_a_missing_record_creates_nothing(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, command: str
) -> None:
    monkeypatch.chdir(tmp_path)
    result = _run(command)
    assert result.exit_code == 1
    assert "no record at onrecord.db; run onrecord ingest first" in result.output
    assert list(tmp_path.iterdir()) == []


@pytest.mark.parametrize(
    ("args", "allowed"),
    [
        (("search", "x", "--kind", "quote"), "'direct', 'indirect', 'mixed'"),
        (("pledges", "--status", "done"), "'made', 'in progress', 'kept', 'broken', 'abandoned'"),
        (("people", "--type", "party"), "'person', 'organisation', 'group'"),
        (("export", "--format", "xml"), "'csv', 'jsonl', 'parquet'"),
        (("export", "--table", "speakers"), "'statements', 'articles'"),
    ],
)
def test_record_cli_choices_are_checked_before_the_record_is_opened(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, args: tuple[str, ...], allowed: str
) -> None:
    monkeypatch.chdir(tmp_path)
    result = _run(*args)
    assert result.exit_code == 2
    assert "Invalid value" in result.output and allowed in result.output
    assert list(tmp_path.iterdir()) == []


@pytest.mark.parametrize(("command", "shown"), [
    ("merge", "Example"), ("split", "Example"), ("pledge-status", "Example"), ("search", "YYYY-MM-DD, inclusive"),
])
def test_record_cli_help_shows_examples_and_date_format(command: str, shown: str) -> None:
    assert shown in _run(command, "--help").output


MARKUP = "Labour would fix the [inaudible] buses [/b] by 2026, Tom Ashby said. He said fares would fall."


def test_record_cli_tables_print_brackets_as_written(tmp_path: Path) -> None:
    db = str(tmp_path / "r.db")
    statement = said(MARKUP, "Labour would fix the [inaudible] buses [/b] by 2026", "Tom Ashby",
                     role="[acting] chair", affiliation="Labour", pledger="Labour Party",
                     action="fix the [inaudible] buses [/b] by 2026")
    fares = said(MARKUP, "fares would fall", "Tom Ashby", role="[acting] chair", affiliation="Labour")
    with Store.open(db) as store:
        store.ingest_document(article("buses", MARKUP, statement, fares, date="2024-06-01"))
    for args, shown in (
        (("search", "buses"), "Labour would fix the [inaudible] buses [/b] by 2026"),
        (("pledges",), "fix the [inaudible] buses [/b] by 2026"),
        (("people",), "[acting] chair"),
    ):
        result = _run(*args, "--db", db)
        assert result.exit_code == 0, result.output
        assert shown in result.output
    hit = _jsonl(_run("search", "fares", "--db", db, "--format", "jsonl").output)[0]
    moved = _run("split", str(hit["speaker_id"]), "--statement", str(hit["id"]), "--name", "[/b] Ashby",
                 "--by", "editor", "--db", db)
    assert moved.exit_code == 0, moved.output
    assert "([/b] Ashby)" in moved.output


def test_record_cli_failed_export_leaves_no_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    db = tmp_path / "r.db"
    Store.open(str(db)).close()

    def fail_half_way(*args: object, **kwargs: object) -> int:
        args[3].write("{\"statement_id\": 1}\n")  # type: ignore[attr-defined]
        raise StoreError("the record went away")

    monkeypatch.setattr(Store, "export", fail_half_way)
    result = _run("export", "-o", tmp_path / "out.jsonl", "--db", db)
    assert result.exit_code == 1 and "the record went away" in result.output
    assert sorted(path.name for path in tmp_path.iterdir() if not path.name.startswith("r.db")) == []


@pytest.fixture(scope="module")
def real_extractor() -> object:
    from onrecord.api import Extractor

    return Extractor()


def test_record_cli_end_to_end_seed_and_articles_twice(
    db_target: str, tmp_path: Path, shared_seed_dir: Path, real_extractor: object, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(cli_common, "make_extractor", lambda: real_extractor)
    inputs = tmp_path / "inputs"
    shutil.copytree(ARTICLES, inputs)
    shutil.copy(shared_seed_dir / "hitachi-newton-aycliffe.txt", inputs / "0-seed.txt")
    counts = []
    for _ in range(2):
        result = _run("ingest", inputs, "--db", db_target)
        assert result.exit_code == 0, result.output
        counts.append([line for line in result.output.splitlines() if "record:" in line])
    assert counts[0] == counts[1]
    reeves = _jsonl(_run("people", "Reeves", "--db", db_target, "--format", "jsonl").output)
    assert [person["name"] for person in reeves] == ["Rachel Reeves"]
    hits = _jsonl(_run("search", "--speaker", "Rachel Reeves", "--db", db_target, "--format", "jsonl",
                       "--limit", "100").output)
    assert len({hit["article_id"] for hit in hits}) == 2
    pledges = _jsonl(_run("pledges", "--by", "Labour", "--db", db_target, "--format", "jsonl").output)
    timelines = [[mention["kind"] for mention in pledge["timeline"]] for pledge in pledges]
    assert any(kinds[0] == "made" and "reaffirmed" in kinds for kinds in timelines), timelines
