"""Resumable ingest at scale: kill -9 half-way through 2,000 articles, run again, compare.

Usage (from the repository root)::

    python benchmarks/bench_resume.py --data ../shared/data/polnear --workers 2

1. The corpus: the PolNeAR train texts (sorted by name) cut at paragraph breaks into
   articles of at most ``--max-chars`` characters, cycled (with new ids) until there are
   ``--articles``; written as one JSON Lines file.
2. ``onrecord ingest`` runs over it to the end into one SQLite record (uninterrupted).
3. ``onrecord ingest`` runs into a second record and is sent SIGKILL once
   ``--kill-at`` of the articles are committed (its orphaned workers are ended with its
   process group); then it runs again, to the end.
4. The two records are compared through ``Store.snapshot`` (article versions and
   statements without row ids): the table shows articles, statements, duplicates and
   seconds of each run, and whether the records are equal. Exit 1 when they are not.

The records and the corpus live in a temporary folder, removed at the end unless
``--keep``.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import signal
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator, Sequence
from contextlib import suppress
from pathlib import Path

from rich.console import Console
from rich.table import Table

from onrecord.store import RecordSnapshot, Store

POLL_SECONDS = 0.05
CONSOLE = Console()


def write_corpus(data: Path, articles: int, max_chars: int, output: Path) -> None:
    """Write ``articles`` articles cut from the PolNeAR train texts as JSON Lines."""
    paths = sorted((data / "train" / "text").glob("*.txt"))
    if not paths:
        raise SystemExit(f"{data}/train/text: no .txt files; pass --data pointing at the PolNeAR folder")
    written = 0
    with output.open("w", encoding="utf-8") as stream:
        for cycle in range(articles):  # ends long before: each cycle gives hundreds of articles
            for path in paths:
                for part, text in enumerate(_cut(path.read_text(encoding="utf-8"), max_chars)):
                    stream.write(json.dumps({"id": f"{path.stem}-{part}-{cycle}", "text": text}) + "\n")
                    written += 1
                    if written == articles:
                        return


def _cut(text: str, max_chars: int) -> Iterator[str]:
    """Whole paragraphs of ``text`` gathered into pieces of at most ``max_chars`` (longer ones alone)."""
    piece = ""
    for paragraph in filter(None, (line.strip() for line in text.split("\n"))):
        if piece and len(piece) + len(paragraph) + 2 > max_chars:
            yield piece
            piece = ""
        piece = f"{piece}\n\n{paragraph}" if piece else paragraph
    if piece:
        yield piece


def start_ingest(corpus: Path, db: Path, workers: int) -> subprocess.Popen[bytes]:
    """Start ``onrecord ingest`` in its own process group (its workers stay findable after a kill)."""
    command = [sys.executable, "-m", "onrecord", "ingest", str(corpus), "--db", str(db), "--workers", str(workers)]
    return subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, start_new_session=True)


def ingest_to_end(corpus: Path, db: Path, workers: int) -> float:
    """Run an ingest to its end; return its seconds."""
    started = time.monotonic()
    code = start_ingest(corpus, db, workers).wait()
    if code != 0:
        raise SystemExit(f"onrecord ingest into {db} failed with exit status {code}")
    return time.monotonic() - started


def ingest_killed(corpus: Path, db: Path, workers: int, kill_after: int) -> tuple[float, int]:
    """Run an ingest and SIGKILL it once ``kill_after`` articles are stored; return seconds and articles then."""
    with Store.open(str(db)) as store:  # the schema first, so the polls never race the migrations
        started = time.monotonic()
        run = start_ingest(corpus, db, workers)
        while store.counts()["article versions"] < kill_after:
            if run.poll() is not None:
                raise SystemExit(f"the ingest ended (status {run.returncode}) before {kill_after} articles were stored")
            time.sleep(POLL_SECONDS)
        run.send_signal(signal.SIGKILL)
        run.wait()
        with suppress(ProcessLookupError):
            os.killpg(run.pid, signal.SIGKILL)
        return time.monotonic() - started, store.counts()["article versions"]


def snapshot(db: Path) -> RecordSnapshot:
    """The record at ``db`` without row ids."""
    with Store.open(str(db)) as store:
        return store.snapshot()


def render(rows: list[tuple[str, RecordSnapshot | None, int | None, float]], equal: bool) -> None:
    """Print the runs' table and the verdict."""
    table = Table("run", title="kill -9 and resume")
    for column in ("articles", "statements", "duplicates", "seconds"):
        table.add_column(column, justify="right")
    for label, record, articles, seconds in rows:
        if record is None:
            table.add_row(label, str(articles), "", "", f"{seconds:.1f}")
        else:
            duplicates = record.duplicate_articles + record.duplicate_statements
            table.add_row(label, str(sum(record.articles.values())), str(sum(record.statements.values())),
                          str(duplicates), f"{seconds:.1f}")
    CONSOLE.print(table)
    CONSOLE.print(f"resumed record equals the uninterrupted one: {'yes' if equal else 'no'}")


def parse_args(argv: Sequence[str] | None = None) -> argparse.Namespace:
    """The command line."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--data", type=Path, default=Path("../shared/data/polnear"), help="the PolNeAR folder")
    parser.add_argument("--articles", type=int, default=2000)
    parser.add_argument("--max-chars", type=int, default=2000, help="longest article, cut at paragraph breaks")
    parser.add_argument("--workers", type=int, default=2, help="onrecord ingest --workers")
    parser.add_argument("--kill-at", type=float, default=0.5, help="share of the articles stored at the kill")
    parser.add_argument("--keep", action="store_true", help="keep the corpus and both records")
    return parser.parse_args(argv)


def main(argv: Sequence[str] | None = None) -> int:
    """Run the benchmark; exit 1 when the resumed record differs from the uninterrupted one."""
    args = parse_args(argv)
    if not 0 < args.kill_at < 1:
        raise SystemExit("--kill-at must be between 0 and 1 (a share of the articles)")
    folder = Path(tempfile.mkdtemp(prefix="onrecord-bench-resume-"))
    try:
        corpus = folder / "articles.jsonl"
        write_corpus(args.data, args.articles, args.max_chars, corpus)
        CONSOLE.print(f"{args.articles} articles in {corpus}; --workers {args.workers}")
        whole, resumed = folder / "uninterrupted.db", folder / "resumed.db"
        whole_seconds = ingest_to_end(corpus, whole, args.workers)
        killed_seconds, stored = ingest_killed(corpus, resumed, args.workers, int(args.kill_at * args.articles))
        rerun_seconds = ingest_to_end(corpus, resumed, args.workers)
        expected, got = snapshot(whole), snapshot(resumed)
        differences = got.differences(expected)
        render([("uninterrupted", expected, None, whole_seconds),
                ("killed (SIGKILL)", None, stored, killed_seconds),
                ("rerun after the kill", got, None, rerun_seconds)], not differences)
        for line in differences:
            CONSOLE.print(line)
        return 0 if not differences and got.duplicate_articles + got.duplicate_statements == 0 else 1
    finally:
        if args.keep:
            CONSOLE.print(f"kept in {folder}")
        else:
            shutil.rmtree(folder, ignore_errors=True)


if __name__ == "__main__":
    sys.exit(main())
