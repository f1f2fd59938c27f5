"""Tests for the onrecord command line, mostly with a fake extractor injected.

The fake stands in for the spaCy pipeline so these tests check what the CLI does with
inputs, problems and output; the few tests at the end run the real model end to end.
"""

from __future__ import annotations

import io
import json
import re
import signal
import subprocess
import sys
import time
from collections.abc import Iterable, Iterator
from pathlib import Path

import pytest
from rich.console import Console
from typer.testing import CliRunner, Result

from onrecord import cli
from onrecord.cli import common as cli_common
from onrecord.errors import ModelNotFound
from onrecord.types import Document, Speaker, Statement

EXAMPLE = Path(__file__).resolve().parents[1] / "onrecord" / "resources" / "example.txt"
ARTICLE = 'The harbour master said the quay would reopen on Monday. "The repairs are finished," she said.\n'
QUOTE = re.compile(r'"([^"]+)"')
SPEAKER = Speaker(name="Nell Tregarthen", type="person", role="harbour master", affiliation="Porthwenna Council")


class FakeExtractor:
    """Attributes every double-quoted passage to one speaker; fails on texts holding ``fail_on``."""

    def __init__(self, fail_on: str | None = None) -> None:
        self.fail_on = fail_on
        self.texts_seen = 0

    def pipe(self, items: Iterable[tuple[str, str]]) -> Iterator[Document]:
        for doc_id, text in items:
            self.texts_seen += 1
            if self.fail_on and self.fail_on in text:
                raise RuntimeError("fake model broke")
            statements = tuple(
                Statement(
                    kind="direct",
                    source_spans=(),
                    cue_spans=_cue_after(text, match.end()),
                    content_spans=((match.start(1), match.end(1)),),
                    speaker=SPEAKER,
                    confidence=0.875,
                )
                for match in QUOTE.finditer(text)
            )
            yield Document(doc_id=doc_id, text=text, statements=statements)


def _cue_after(text: str, end: int) -> tuple[tuple[int, int], ...]:
    """The span of "she said" right after a closing quote, if it is there."""
    return ((end + 1, end + 9),) if text[end:].startswith(" she said") else ()


@pytest.fixture
def fake(monkeypatch: pytest.MonkeyPatch) -> FakeExtractor:
    extractor = FakeExtractor()
    monkeypatch.setattr(cli_common, "make_extractor", lambda: extractor)
    return extractor


def _run(*args: str | Path, stdin: str | bytes | None = None) -> Result:
    # Wide, so table cells do not wrap mid-phrase.
    return CliRunner().invoke(cli.app, [str(arg) for arg in args], input=stdin, env={"COLUMNS": "200"})


def _documents(output: str) -> list[dict[str, object]]:
    return [json.loads(line) for line in output.splitlines()]


def _write(folder: Path, name: str, content: str | bytes) -> Path:
    path = folder / name
    if isinstance(content, bytes):
        path.write_bytes(content)
    else:
        path.write_text(content, encoding="utf-8")
    return path


def test_cli_extract_writes_one_json_document_per_line(tmp_path: Path, fake: FakeExtractor) -> None:
    path = _write(tmp_path, "quay.txt", ARTICLE)
    result = _run("extract", path)
    assert result.exit_code == 0, result.output
    [document] = _documents(result.stdout)
    assert document["doc_id"] == "quay"
    assert document["text"] == ARTICLE
    [statement] = document["statements"]  # type: ignore[misc]
    start, end = statement["content_spans"][0]
    assert ARTICLE[start:end] == "The repairs are finished,"
    assert statement["speaker"]["name"] == "Nell Tregarthen"
    assert result.stderr == ""


def test_cli_extract_good_and_bad_inputs(tmp_path: Path, fake: FakeExtractor) -> None:
    good = _write(tmp_path, "good.txt", ARTICLE)
    empty = _write(tmp_path, "empty.txt", "")
    binary = _write(tmp_path, "binary.txt", b"\x00\x01\x02\xff" * 64)
    latin = _write(tmp_path, "latin.txt", "Ms Müller said so.".encode("latin-1"))
    feed = _write(tmp_path, "feed.jsonl", json.dumps({"id": "f1", "text": ARTICLE}) + "\n{not json\n")
    result = _run("extract", good, empty, binary, latin, feed, tmp_path / "missing.txt")
    assert result.exit_code == 0, result.output
    assert [document["doc_id"] for document in _documents(result.stdout)] == ["good", "f1"]
    stderr_lines = result.stderr.splitlines()
    assert f"{empty}: empty file, nothing to extract" in stderr_lines
    assert f"{binary}: looks like a binary file, not text" in stderr_lines
    assert any(line.startswith(f"{latin}: not valid UTF-8") and "--encoding latin-1" in line for line in stderr_lines)
    assert any(line.startswith(f"{feed}:2: invalid JSON") for line in stderr_lines)
    assert f"{tmp_path / 'missing.txt'}: no such file or folder" in stderr_lines
    assert stderr_lines[-1] == "5 of 7 inputs could not be read"


def test_cli_extract_only_bad_inputs_exits_1_without_loading_the_model(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    def no_model() -> FakeExtractor:
        raise AssertionError("the model must not be loaded when no input is readable")

    monkeypatch.setattr(cli_common, "make_extractor", no_model)
    empty = _write(tmp_path, "empty.txt", "   \n")
    page = _write(tmp_path, "menu.html", "<html><body><nav><a href='/'>Home</a></nav></body></html>")
    result = _run("extract", empty, page)
    assert result.exit_code == 1
    assert result.stdout == ""
    assert f"{page}: no article text found in the HTML" in result.stderr
    assert result.stderr.splitlines()[-1] == "2 of 2 inputs could not be read"


def test_cli_extract_encoding_option_reads_latin1(tmp_path: Path, fake: FakeExtractor) -> None:
    path = _write(tmp_path, "latin.txt", 'Ms Müller said: "Our café stays open."'.encode("latin-1"))
    assert _run("extract", path).exit_code == 1
    result = _run("extract", path, "--encoding", "latin-1")
    assert result.exit_code == 0, result.output
    [document] = _documents(result.stdout)
    assert document["text"] == 'Ms Müller said: "Our café stays open."'
    # Output is UTF-8 with the characters themselves, not \u escapes.
    assert "Müller" in result.stdout


def test_cli_extract_unknown_encoding_is_one_error_line(tmp_path: Path, fake: FakeExtractor) -> None:
    result = _run("extract", _write(tmp_path, "a.txt", ARTICLE), "--encoding", "klingon")
    assert result.exit_code == 1
    assert result.stderr.strip().startswith("error: --encoding klingon: unknown encoding")
    assert "Traceback" not in result.output


def test_cli_extract_folder_and_jsonl_metadata(tmp_path: Path, fake: FakeExtractor) -> None:
    _write(tmp_path, "b.txt", ARTICLE)
    (tmp_path / "deeper").mkdir()
    _write(tmp_path / "deeper", "a.jsonl", json.dumps({"id": "j1", "text": ARTICLE, "url": "https://example.org/j1"}))
    result = _run("extract", tmp_path)
    assert result.exit_code == 0, result.output
    documents = _documents(result.stdout)
    assert [document["doc_id"] for document in documents] == ["b", "j1"]
    assert documents[1]["metadata"] == {"url": "https://example.org/j1"}
    assert "metadata" not in documents[0]


def test_cli_extract_html_keeps_title_and_extracted_text(tmp_path: Path, fake: FakeExtractor) -> None:
    page = (
        "<html><head><title>Quay to reopen</title></head><body><nav><a href='/'>Home</a></nav>"
        f"<article><h1>Quay to reopen</h1><p>{ARTICLE}</p><p>Boats will be back by noon, the council said."
        "</article></body></html>"
    )
    result = _run("extract", _write(tmp_path, "quay.html", page))
    assert result.exit_code == 0, result.output
    [document] = _documents(result.stdout)
    assert document["metadata"]["title"] == "Quay to reopen"  # type: ignore[index]
    text = document["text"]
    assert isinstance(text, str) and "Home" not in text
    start, end = document["statements"][0]["content_spans"][0]  # type: ignore[index]
    assert text[start:end] == "The repairs are finished,"


def test_cli_extract_reads_stdin(fake: FakeExtractor) -> None:
    for args in (["extract"], ["extract", "-"]):
        result = _run(*args, stdin=ARTICLE)
        assert result.exit_code == 0, result.output
        [document] = _documents(result.stdout)
        assert (document["doc_id"], document["text"]) == ("stdin", ARTICLE)


def test_cli_extract_empty_stdin_exits_1(fake: FakeExtractor) -> None:
    result = _run("extract", "-", stdin="")
    assert result.exit_code == 1
    assert "<stdin>: empty input, nothing to extract" in result.stderr


def test_cli_extract_no_text_leaves_out_the_text(tmp_path: Path, fake: FakeExtractor) -> None:
    result = _run("extract", _write(tmp_path, "quay.txt", ARTICLE), "--no-text")
    [document] = _documents(result.stdout)
    assert "text" not in document
    assert len(str(document["text_sha256"])) == 64
    assert document["statements"]


def test_cli_extract_table_format_is_readable(tmp_path: Path, fake: FakeExtractor) -> None:
    quay = _write(tmp_path, "quay.txt", ARTICLE)
    quiet = _write(tmp_path, "quiet.txt", "Nothing was said today.")
    result = _run("extract", quay, quiet, "--format", "table")
    assert result.exit_code == 0, result.output
    assert "quay" in result.stdout
    assert "Nell Tregarthen" in result.stdout
    assert "harbour master, Porthwenna Council" in result.stdout
    assert "she said" in result.stdout
    assert "The repairs are finished," in result.stdout
    assert "0.88" in result.stdout
    assert "quiet: no statements found" in result.stdout
    with pytest.raises(json.JSONDecodeError):
        _documents(result.stdout)


def test_cli_extract_output_file_is_replaced_only_on_success(tmp_path: Path, fake: FakeExtractor) -> None:
    target = tmp_path / "out.jsonl"
    target.write_text("previous run\n", encoding="utf-8")
    failed = _run("extract", _write(tmp_path, "empty.txt", ""), "-o", target)
    assert failed.exit_code == 1
    assert target.read_text(encoding="utf-8") == "previous run\n"

    result = _run("extract", _write(tmp_path, "quay.txt", ARTICLE), "-o", target)
    assert result.exit_code == 0, result.output
    assert result.stdout == ""
    assert [document["doc_id"] for document in _documents(target.read_text(encoding="utf-8"))] == ["quay"]
    assert sorted(path.name for path in tmp_path.iterdir()) == ["empty.txt", "out.jsonl", "quay.txt"]


def test_cli_extract_stopped_by_sigterm_leaves_the_earlier_output_and_no_temporary_file(tmp_path: Path) -> None:
    target = tmp_path / "out.jsonl"
    target.write_text("previous run\n", encoding="utf-8")
    # Reading stdin that never ends keeps the run inside its output file, before any model loads.
    command = [sys.executable, "-m", "onrecord", "extract", "-", "-o", str(target)]
    run = subprocess.Popen(command, stdin=subprocess.PIPE, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    assert run.stdin is not None
    run.stdin.write(ARTICLE.encode())
    run.stdin.flush()
    deadline = time.monotonic() + 60
    while not list(tmp_path.glob(".out.jsonl.*.tmp")):
        assert run.poll() is None, run.stderr.read() if run.stderr else b""
        assert time.monotonic() < deadline, "the run never opened its output"
        time.sleep(0.05)
    run.send_signal(signal.SIGTERM)
    assert run.wait(60) == 128 + signal.SIGTERM
    run.stdin.close()
    assert sorted(path.name for path in tmp_path.iterdir()) == ["out.jsonl"]
    assert target.read_text(encoding="utf-8") == "previous run\n"


def test_cli_extract_output_file_in_missing_folder(tmp_path: Path, fake: FakeExtractor) -> None:
    target = tmp_path / "no-such-folder" / "out.jsonl"
    result = _run("extract", _write(tmp_path, "quay.txt", ARTICLE), "-o", target)
    assert result.exit_code == 1
    assert f"error: {target}: folder {target.parent} does not exist" in result.stderr


def test_cli_extract_one_text_breaking_the_model_is_skipped(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    extractor = FakeExtractor(fail_on="EXPLODE")
    monkeypatch.setattr(cli_common, "make_extractor", lambda: extractor)
    paths = [_write(tmp_path, f"{n}.txt", text) for n, text in enumerate([ARTICLE, "EXPLODE", ARTICLE], start=1)]
    result = _run("extract", *paths)
    assert result.exit_code == 0, result.output
    assert [document["doc_id"] for document in _documents(result.stdout)] == ["1", "3"]
    assert f"{paths[1]}: extraction failed (RuntimeError: fake model broke)" in result.stderr
    assert result.stderr.splitlines()[-1] == "1 of 3 inputs could not be read"


def test_cli_progress_bar_on_a_terminal_keeps_output_intact(
    tmp_path: Path, fake: FakeExtractor, monkeypatch: pytest.MonkeyPatch
) -> None:
    terminal = io.StringIO()
    monkeypatch.setattr(cli_common, "STDERR", Console(file=terminal, force_terminal=True, width=100))
    paths = [_write(tmp_path, f"{number}.txt", ARTICLE) for number in range(6)]
    result = _run("extract", *paths)
    assert result.exit_code == 0, result.output
    assert len(_documents(result.stdout)) == 6
    assert "files" in terminal.getvalue()


def test_cli_errors_are_one_line_unless_debug(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    def missing_model() -> FakeExtractor:
        raise ModelNotFound("attribution weights missing; run onrecord train")

    monkeypatch.setattr(cli_common, "make_extractor", missing_model)
    path = _write(tmp_path, "quay.txt", ARTICLE)
    result = _run("extract", path)
    assert result.exit_code == 1
    assert result.stderr == "error: attribution weights missing; run onrecord train\n"
    debug = _run("--debug", "extract", path)
    assert debug.exit_code == 1
    assert isinstance(debug.exception, ModelNotFound)


def test_cli_eval_and_train_name_a_missing_data_folder(tmp_path: Path) -> None:
    missing = tmp_path / "nope"
    for command in (["eval", "polnear"], ["eval", "seed"], ["train"]):
        result = _run(*command, "--data", missing)
        assert result.exit_code == 1, command
        assert result.stderr.startswith(f"error: --data {missing}: no such folder; pass --data with the path of")


def test_cli_help_teaches_with_examples() -> None:
    result = _run("--help")
    assert result.exit_code == 0
    for command in ("extract", "eval", "train"):
        assert command in result.stdout
    assert "onrecord extract article.txt --format table" in result.stdout
    extract_help = _run("extract", "--help").stdout
    assert "--encoding" in extract_help and "--no-text" in extract_help
    assert "onrecord extract onrecord/resources/example.txt --format table" in extract_help


def test_cli_runs_as_python_module() -> None:
    result = subprocess.run(
        [sys.executable, "-m", "onrecord", "--help"], capture_output=True, text=True, timeout=60, check=False
    )
    assert result.returncode == 0, result.stderr
    assert "extract" in result.stdout


# End to end with the real pipeline: few, because loading the model takes seconds.


def test_cli_end_to_end_example_jsonl(tmp_path: Path) -> None:
    target = tmp_path / "example.jsonl"
    result = _run("extract", EXAMPLE, "-o", target)
    assert result.exit_code == 0, result.output
    [document] = _documents(target.read_text(encoding="utf-8"))
    text = EXAMPLE.read_text(encoding="utf-8")
    assert document["doc_id"] == "example"
    assert document["text"] == text
    statements = document["statements"]
    assert isinstance(statements, list) and len(statements) >= 4
    for statement in statements:
        for key in ("source_spans", "cue_spans", "content_spans"):
            for start, end in statement[key]:
                assert 0 <= start < end <= len(text)
    contents = [" ".join(text[start:end] for start, end in statement["content_spans"]) for statement in statements]
    assert any("wanted the river cleaned up" in content for content in contents)
    assert any("publish the full results" in content for content in contents)


def test_cli_end_to_end_example_table() -> None:
    result = _run("extract", EXAMPLE, "--format", "table")
    assert result.exit_code == 0, result.output
    assert "example" in result.stdout
    assert "wanted the river cleaned up" in result.stdout
