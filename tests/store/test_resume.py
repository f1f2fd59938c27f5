"""Resumable ingest: ``onrecord ingest`` killed with SIGKILL, then run again, stores exactly
what an uninterrupted run stores (real model, PolNeAR texts, in subprocesses)."""

from __future__ import annotations

import json
import os
import re
import signal
import subprocess
import sys
import time
from contextlib import suppress
from pathlib import Path

import pytest

from onrecord.batching import DEFAULT_BATCH_CHARS
from onrecord.store import RecordSnapshot, Store

# Over 24,000 characters: two batches (``DEFAULT_BATCH_CHARS`` is 20,000), so two workers
# share the work; the kill comes with the first commit, while the first batch is being stored.
ARTICLES = 24
ARTICLE_CHARS = 1000
POLL_SECONDS = 0.01
RUN_TIMEOUT_SECONDS = 120


@pytest.fixture(scope="module")
def corpus(shared_seed_dir: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """24 PolNeAR train articles cut after their first 1,000 characters, as one JSON Lines file."""
    folder = shared_seed_dir.parent / "polnear" / "train" / "text"
    paths = sorted(folder.glob("*.txt"))[:ARTICLES]
    if len(paths) < ARTICLES:
        pytest.skip(f"PolNeAR train texts not present at {folder}")
    corpus = tmp_path_factory.mktemp("resume") / "articles.jsonl"
    chars = 0
    with corpus.open("w", encoding="utf-8") as stream:
        for path in paths:
            text = path.read_text(encoding="utf-8")
            cut = text.find("\n", ARTICLE_CHARS)
            article = text if cut < 0 else text[:cut]
            chars += len(article)
            stream.write(json.dumps({"id": path.stem, "text": article}) + "\n")
    assert chars > DEFAULT_BATCH_CHARS, "the corpus must fill more than one batch to reach the workers"
    return corpus


@pytest.fixture(scope="module")
def uninterrupted(corpus: Path) -> RecordSnapshot:
    """The record an ingest that runs to its end builds (SQLite, one process)."""
    db = str(corpus.with_name("uninterrupted.db"))
    assert _ingest(corpus, db, workers=1).wait(RUN_TIMEOUT_SECONDS) == 0
    with Store.open(db) as store:
        snapshot = store.snapshot()
    assert sum(snapshot.articles.values()) == ARTICLES
    return snapshot


def _ingest(corpus: Path, db: str, workers: int) -> subprocess.Popen[bytes]:
    """Start ``onrecord ingest`` in its own process group (so its workers can be found after a kill)."""
    command = [sys.executable, "-m", "onrecord", "ingest", str(corpus), "--db", db, "--workers", str(workers)]
    return subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, start_new_session=True)


def _kill_once_storing(run: subprocess.Popen[bytes], store: Store) -> int:
    """SIGKILL the ingest process as soon as its first article is committed; return the count then."""
    deadline = time.monotonic() + RUN_TIMEOUT_SECONDS
    while store.counts()["article versions"] == 0:
        assert run.poll() is None, f"ingest ended before storing anything: {run.stderr.read() if run.stderr else ''}"
        assert time.monotonic() < deadline, "ingest stored nothing in time"
        time.sleep(POLL_SECONDS)
    run.send_signal(signal.SIGKILL)
    run.wait(RUN_TIMEOUT_SECONDS)
    # SIGKILL leaves no chance to stop the worker processes: end the orphans with the group.
    with suppress(ProcessLookupError):
        os.killpg(run.pid, signal.SIGKILL)
    return store.counts()["article versions"]


@pytest.mark.parametrize(("db_target", "workers"), [("sqlite", 1), ("postgresql", 2)], indirect=["db_target"])
def test_ingest_killed_and_rerun_stores_what_an_uninterrupted_run_stores(
    corpus: Path, uninterrupted: RecordSnapshot, db_target: str, workers: int
) -> None:
    with Store.open(db_target) as store:  # the schema exists before the ingest starts, so it can be polled
        killed = _ingest(corpus, db_target, workers)
        stored_at_kill = _kill_once_storing(killed, store)
    assert killed.returncode == -signal.SIGKILL
    assert 0 < stored_at_kill < ARTICLES, "the kill must land with part of the corpus stored"

    rerun = _ingest(corpus, db_target, workers)
    _, errors = rerun.communicate(timeout=RUN_TIMEOUT_SECONDS)
    assert rerun.returncode == 0, errors.decode()
    skipped = re.search(r"already stored \(skipped\)\W+(\d+)", errors.decode())
    assert skipped and int(skipped[1]) == stored_at_kill, "the rerun must skip, before the model, what was stored"

    with Store.open(db_target) as store:
        resumed = store.snapshot()
    assert resumed.differences(uninterrupted) == []
    assert resumed.duplicate_articles == 0 and resumed.duplicate_statements == 0
