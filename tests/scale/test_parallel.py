"""Tests for onrecord.scale.parallel: worker processes give what one process gives."""

from __future__ import annotations

import json
import multiprocessing
import os
import re
import time
from collections.abc import Iterable, Iterator
from pathlib import Path

import pytest
from typer.testing import CliRunner

from onrecord import cli
from onrecord.api import Extractor
from onrecord.cli import common as cli_common
from onrecord.ingest.sources import InputProblem, SourceText
from onrecord.scale import WorkerDied, extract_stream
from onrecord.scale.parallel import IN_FLIGHT_PER_WORKER
from onrecord.types import Document, Speaker, Statement

QUOTE = re.compile(r'"([^"]+)"')
SPEAKER = Speaker(name="Tamsin Oduya", type="person", role="harbour master")
PLACES = ("Porthwenna", "Kettleness", "Dunmore", "Millbrook", "Eastmere")


def _article(number: int) -> str:
    place = PLACES[number % len(PLACES)]
    return (
        f'The council in {place} met for the {number}th time. "We will reopen quay {number} by June," '
        f'the harbour master said. "Nobody in {place} will pay more," she added.\n'
    )


def _sources(count: int, *, broken: Iterable[int] = ()) -> list[SourceText]:
    broken = set(broken)
    return [
        SourceText(
            doc_id=f"a{number}",
            text=("EXPLODE " if number in broken else "") + _article(number),
            origin=f"feed.jsonl:{number + 1}",
            metadata={"line": number + 1},
        )
        for number in range(count)
    ]


class QuoteExtractor:
    """Attributes every double-quoted passage to one speaker; fails on EXPLODE, dies on DIE."""

    def __init__(self, loads: multiprocessing.sharedctypes.Synchronized | None = None) -> None:  # type: ignore[name-defined]
        if loads is not None:
            with loads.get_lock():
                loads.value += 1

    def pipe(self, items: Iterable[tuple[str, str]]) -> Iterator[Document]:
        for doc_id, text in items:
            if "DIE" in text:
                os._exit(3)
            if "EXPLODE" in text:
                raise RuntimeError("fake model broke")
            # A little work per text, so that both workers get batches.
            time.sleep(0.002)
            statements = tuple(
                Statement(kind="direct", source_spans=(), cue_spans=(), content_spans=((match.start(), match.end()),),
                          speaker=SPEAKER, confidence=0.9)
                for match in QUOTE.finditer(text)
            )  # fmt: skip
            yield Document(doc_id=doc_id, text=text, statements=statements, metadata={"pid": os.getpid()})


def _without_pid(row: dict[str, object]) -> dict[str, object]:
    """A document's JSON form without the pid of the process that made it."""
    metadata = row.get("metadata")
    if isinstance(metadata, dict):
        metadata.pop("pid", None)
    return row


def _dicts(results: Iterable[Document | InputProblem]) -> list[object]:
    return [_without_pid(result.to_dict()) if isinstance(result, Document) else result for result in results]


def test_parallel_output_equals_sequential_output_in_input_order() -> None:
    sources = _sources(45, broken=[7, 30])
    sequential = list(extract_stream(sources, QuoteExtractor, workers=1, batch_chars=640))
    parallel = list(extract_stream(sources, QuoteExtractor, workers=2, batch_chars=640))
    assert _dicts(parallel) == _dicts(sequential)
    assert [getattr(result, "doc_id", None) for result in parallel[:8]] == [f"a{n}" for n in range(7)] + [None]
    # A broken text is reported with its origin, in its place, and the rest goes on.
    assert parallel[7] == InputProblem(
        "feed.jsonl:8", "extraction failed (RuntimeError: fake model broke); rerun with --debug for the traceback"
    )
    assert parallel[44].metadata["line"] == 45  # type: ignore[union-attr]


def test_parallel_loads_one_extractor_per_worker_and_works_outside_this_process() -> None:
    loads = multiprocessing.get_context("fork").Value("i", 0)
    results = list(extract_stream(_sources(60), lambda: QuoteExtractor(loads), workers=2, batch_chars=480))
    pids = {result.metadata["pid"] for result in results if isinstance(result, Document)}
    assert os.getpid() not in pids
    assert 1 <= len(pids) <= 2
    assert loads.value == len(pids)


def test_parallel_reads_a_bounded_number_of_texts_ahead() -> None:
    read = 0

    def counted(sources: list[SourceText]) -> Iterator[SourceText]:
        nonlocal read
        for source in sources:
            read += 1
            yield source

    batch_chars, workers = 800, 2
    texts_per_batch = batch_chars // min(len(source.text) for source in _sources(400))
    results = extract_stream(counted(_sources(400)), QuoteExtractor, workers=workers, batch_chars=batch_chars)
    ahead = []
    for number, _ in enumerate(results):
        ahead.append(read - number)
    assert number == 399
    # The batch being yielded, the batches in flight and the text read to learn a batch is full.
    assert max(ahead) <= (IN_FLIGHT_PER_WORKER * workers + 1) * texts_per_batch + 1


def test_parallel_single_batch_runs_in_this_process() -> None:
    [document] = list(extract_stream(_sources(1), QuoteExtractor, workers=4))
    assert isinstance(document, Document) and document.metadata["pid"] == os.getpid()


def test_parallel_dead_worker_stops_the_run_with_a_clear_error() -> None:
    sources = _sources(20)
    sources[11] = SourceText(doc_id="die", text="DIE", origin="feed.jsonl:12")
    with pytest.raises(WorkerDied, match=r"stopped \(exit code 3\); rerun with fewer --workers"):
        list(extract_stream(sources, QuoteExtractor, workers=2, batch_chars=320))
    assert multiprocessing.active_children() == []


def test_parallel_strict_mode_raises_the_extractor_error() -> None:
    with pytest.raises(RuntimeError, match="fake model broke"):
        list(extract_stream(_sources(12, broken=[9]), QuoteExtractor, workers=2, batch_chars=320, strict=True))


def test_parallel_consumer_stopping_early_ends_the_workers() -> None:
    results = extract_stream(_sources(200), QuoteExtractor, workers=2, batch_chars=320)
    assert isinstance(next(results), Document)
    results.close()
    assert multiprocessing.active_children() == []


def test_parallel_rejects_zero_workers() -> None:
    with pytest.raises(ValueError, match="workers must be at least 1"):
        list(extract_stream(_sources(1), QuoteExtractor, workers=0))


def test_parallel_cli_workers_keep_input_order(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(cli_common, "make_extractor", QuoteExtractor)
    feed = tmp_path / "feed.jsonl"
    # Texts of over 1,000 characters: 40 of them fill more than one batch, so the workers run.
    notes = "The harbour log lists the tides. " * 32
    lines = [json.dumps({"id": source.doc_id, "text": source.text + notes}) for source in _sources(40, broken=[25])]
    feed.write_text("\n".join(lines) + "\n", encoding="utf-8")
    outputs = {}
    for workers in ("1", "2"):
        result = CliRunner().invoke(cli.app, ["extract", str(feed), "--workers", workers, "--no-text"])
        assert result.exit_code == 0, result.output
        rows = [json.loads(line) for line in result.stdout.splitlines()]
        assert ({row["metadata"]["pid"] for row in rows} == {os.getpid()}) is (workers == "1")
        outputs[workers] = [_without_pid(row) for row in rows]
        assert result.stderr.splitlines()[-1] == "1 of 40 inputs could not be read"
        assert f"{feed}:26: extraction failed (RuntimeError: fake model broke)" in result.stderr
    assert outputs["1"] == outputs["2"]
    assert [row["doc_id"] for row in outputs["2"]] == [
        f"a{n}" for n in range(40) if n != 25
    ]


def test_parallel_real_model_equals_in_process(
    polnear_sample: list[SourceText], sample_documents: list[Document]
) -> None:
    parallel = list(extract_stream(polnear_sample, Extractor, workers=2, batch_chars=4_000))
    assert _dicts(parallel) == _dicts(sample_documents)
    assert sum(len(document.statements) for document in sample_documents) > 50


_ORPHAN_SCRIPT = """
import multiprocessing, sys, time
from onrecord.ingest.sources import SourceText
from onrecord.scale import extract_stream

class Slow:
    def pipe(self, items):
        for doc_id, text in items:
            time.sleep(2)
            yield None

def sources():
    for number in range(64):
        yield SourceText(doc_id=str(number), text="x", origin="-")

stream = extract_stream(sources(), Slow, workers=2, batch_chars=1)
import threading
threading.Thread(target=lambda: next(stream, None), daemon=True).start()
while len(multiprocessing.active_children()) < 2:
    time.sleep(0.05)
print(" ".join(str(child.pid) for child in multiprocessing.active_children()), flush=True)
time.sleep(60)
"""


def _alive(pid: int) -> bool:
    try:
        with open(f"/proc/{pid}/stat", encoding="ascii") as stat:
            return stat.read().split(") ")[1][0] not in "ZX"  # a zombie has already ended
    except FileNotFoundError:
        return False


def test_parallel_workers_end_when_their_parent_is_killed() -> None:
    import signal
    import subprocess
    import sys

    parent = subprocess.Popen([sys.executable, "-c", _ORPHAN_SCRIPT], stdout=subprocess.PIPE, text=True)
    pids = [int(pid) for pid in parent.stdout.readline().split()]  # type: ignore[union-attr]
    assert len(pids) == 2 and all(_alive(pid) for pid in pids)
    parent.send_signal(signal.SIGKILL)
    parent.wait()
    deadline = time.monotonic() + 40
    while any(_alive(pid) for pid in pids) and time.monotonic() < deadline:
        time.sleep(0.2)
    leftover = [pid for pid in pids if _alive(pid)]
    for pid in leftover:
        os.kill(pid, signal.SIGKILL)
    assert leftover == []
