"""Extract statements with several worker processes, one model each, results in input order.

``extract_stream`` is what a command over many articles calls:

1. The texts are cut into batches of at most ``batch_chars`` characters
   (``onrecord.batching``), so a worker's memory has one ceiling. When the whole stream fits
   in one batch, or one worker is asked for, it runs in this process: starting workers,
   each loading its own model, costs more than a handful of texts take.
2. Otherwise ``workers`` processes start (forked, so they share the parent's imported
   code); each loads its extractor once, on its first batch, and keeps it.
3. At most ``IN_FLIGHT_PER_WORKER`` batches per worker are sent ahead of the one being
   yielded, so memory stays flat however long the stream: the reader waits for the
   workers, never the other way round.
4. Results come back tagged with their batch number and are yielded in input order; a
   text that breaks the extractor comes back as an ``InputProblem`` (``extract_batch``).

Ctrl-C (or a consumer that stops early) terminates the workers; the workers ignore
SIGINT themselves, so only the parent decides. A worker that dies (killed for memory,
a crash in native code) stops the run with ``WorkerDied``: its batch cannot be told
apart from the others still in flight.
"""

from __future__ import annotations

import contextlib
import logging
import multiprocessing
import os
import pickle
import queue
import signal
import sys
from collections.abc import Callable, Iterable, Iterator
from multiprocessing.process import BaseProcess
from multiprocessing.queues import Queue

from onrecord.batching import DEFAULT_BATCH_CHARS
from onrecord.errors import OnrecordError
from onrecord.ingest.sources import SourceText
from onrecord.scale.extraction import ExtractionResult, TextExtractor, batched, extract_batch

LOGGER = logging.getLogger(__name__)

ExtractorFactory = Callable[[], TextExtractor]
# Two batches per worker: one being extracted, one waiting, so no worker idles while the
# parent reads; more would only hold more texts in memory.
IN_FLIGHT_PER_WORKER = 2
# How often the parent, waiting for a result, checks that every worker is still alive,
# and an idle worker that its parent still is.
WORKER_CHECK_SECONDS = 1.0
# Time a worker gets to finish after the end of the stream before it is terminated.
WORKER_EXIT_SECONDS = 10.0

_Task = tuple[int, list[SourceText]] | None
_Outcome = tuple[int, list[ExtractionResult] | BaseException]


class WorkerDied(OnrecordError):
    """A worker process ended without returning its batch."""


def default_workers() -> int:
    """The number of CPU cores this process may use (at least 1)."""
    if hasattr(os, "sched_getaffinity"):
        return max(1, len(os.sched_getaffinity(0)))
    return os.cpu_count() or 1


def extract_stream(
    sources: Iterable[SourceText],
    make_extractor: ExtractorFactory,
    *,
    workers: int = 1,
    batch_chars: int = DEFAULT_BATCH_CHARS,
    strict: bool = False,
) -> Iterator[ExtractionResult]:
    """Extract statements from a stream of texts, in input order, with ``workers`` processes.

    Args:
        sources (Iterable[SourceText]): the texts; read lazily, a few batches ahead.
        make_extractor (Callable[[], TextExtractor]): loads an extractor; called once
            per worker process (once in this process with one worker), and only when
            there is a text to extract.
        workers (int): worker processes; 1 runs in this process.
        batch_chars (int): the most characters in a batch sent to a worker (a
            longer text is a batch of its own).
        strict (bool): let an extraction exception stop the run (``--debug``).

    Returns:
        Iterator[Document | InputProblem]: one result per text, in input order.

    Raises:
        ValueError: when ``workers`` or ``batch_chars`` is below 1.
        WorkerDied: when a worker process ends without returning its batch.
    """
    if workers < 1:
        raise ValueError(f"workers must be at least 1, not {workers}")
    batches = batched(sources, batch_chars)
    first = next(batches, None)
    if first is None:
        return
    second = next(batches, None) if workers > 1 else None
    if second is None:
        extractor = make_extractor()
        for batch in _chain(first, second, batches):
            yield from extract_batch(extractor, batch, strict=strict)
        return
    yield from _extract_in_workers(_chain(first, second, batches), make_extractor, workers, strict)


def _chain(
    first: list[SourceText], second: list[SourceText] | None, rest: Iterator[list[SourceText]]
) -> Iterator[list[SourceText]]:
    """The batches again, with those already taken from the front."""
    yield first
    if second is not None:
        yield second
    yield from rest


def _extract_in_workers(
    batches: Iterator[list[SourceText]], make_extractor: ExtractorFactory, workers: int, strict: bool
) -> Iterator[ExtractionResult]:
    """Send batches to worker processes and yield their results in order (stages 2 to 4)."""
    # fork: the workers inherit the factory and everything imported, nothing is pickled
    # but the texts; spawn would re-import spaCy in each worker and need a picklable factory.
    context = multiprocessing.get_context("fork")
    tasks: Queue[_Task] = context.Queue()
    results: Queue[_Outcome] = context.Queue()
    processes = [
        context.Process(target=_work, args=(tasks, results, make_extractor, strict), daemon=True, name=f"onrecord-{n}")
        for n in range(workers)
    ]
    for process in processes:
        process.start()
    LOGGER.debug("started %d extraction workers", workers)
    finished = False
    try:
        yield from _exchange(batches, tasks, results, processes)
        finished = True
    finally:
        _stop(processes, tasks, graceful=finished)


def _exchange(
    batches: Iterator[list[SourceText]], tasks: Queue[_Task], results: Queue[_Outcome], processes: list[BaseProcess]
) -> Iterator[ExtractionResult]:
    """Keep the workers busy with a bounded number of batches; yield results in batch order."""
    max_in_flight = IN_FLIGHT_PER_WORKER * len(processes)
    arrived: dict[int, list[ExtractionResult] | BaseException] = {}
    sent = yielded = 0
    exhausted = False
    while True:
        while not exhausted and sent - yielded < max_in_flight:
            batch = next(batches, None)
            if batch is None:
                exhausted = True
            else:
                tasks.put((sent, batch))
                sent += 1
        if yielded == sent:
            return
        while yielded not in arrived:
            number, outcome = _receive(results, processes)
            arrived[number] = outcome
        outcome = arrived.pop(yielded)
        yielded += 1
        if isinstance(outcome, BaseException):
            raise outcome
        yield from outcome


def _receive(results: Queue[_Outcome], processes: list[BaseProcess]) -> _Outcome:
    """Wait for the next finished batch, checking now and then that no worker has died."""
    while True:
        try:
            return results.get(timeout=WORKER_CHECK_SECONDS)
        except queue.Empty:
            dead = [process for process in processes if process.exitcode is not None]
            if dead:
                code = dead[0].exitcode
                cause = "killed, probably for lack of memory" if code == -signal.SIGKILL else f"exit code {code}"
                raise WorkerDied(
                    f"worker process {dead[0].name} stopped ({cause}); rerun with fewer --workers, "
                    "or --workers 1 to find the input that breaks it"
                ) from None


def _stop(processes: list[BaseProcess], tasks: Queue[_Task], *, graceful: bool) -> None:
    """End the workers: ask them to finish after a complete run, terminate them otherwise."""
    if graceful:
        for _ in processes:
            tasks.put(None)
        for process in processes:
            process.join(WORKER_EXIT_SECONDS)
    for process in processes:
        if process.is_alive():
            process.terminate()
        process.join()
    # The queue's feeder thread would otherwise wait forever to flush tasks nobody reads.
    tasks.cancel_join_thread()


def _work(tasks: Queue[_Task], results: Queue[_Outcome], make_extractor: ExtractorFactory, strict: bool) -> None:
    """A worker's loop: load the extractor on the first batch, then extract batch after batch."""
    # Ctrl-C reaches the whole process group; the parent alone decides what happens, and
    # its terminate() must end a worker at once, whatever handler the parent had.
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    signal.signal(signal.SIGTERM, signal.SIG_DFL)
    _own_log_handlers()
    parent = os.getppid()
    extractor: TextExtractor | None = None
    while (task := _next_task(tasks, parent)) is not None:
        number, batch = task
        outcome: list[ExtractionResult] | BaseException
        try:
            if extractor is None:
                extractor = make_extractor()
            outcome = extract_batch(extractor, batch, strict=strict)
        except Exception as exc:  # a model that cannot load, or --debug: the parent re-raises it
            outcome = _picklable(exc)
        results.put((number, outcome))


def _next_task(tasks: Queue[_Task], parent: int) -> _Task | None:
    """The next batch, or None when told to stop or when the parent is gone.

    A parent killed with SIGKILL cannot stop its workers: each checks before every batch,
    and every second while idle, that it still has the same parent, so none is left
    behind holding a model in memory (a batch under way is finished first).
    """
    while os.getppid() == parent:
        with contextlib.suppress(queue.Empty):
            return tasks.get(timeout=WORKER_CHECK_SECONDS)
    return None


def _own_log_handlers() -> None:
    """Log to stderr with plain handlers in a worker.

    The inherited handlers may hold a lock that one of the parent's threads (Rich's live
    progress bar) had taken at the moment of the fork; using them could hang the worker.
    """
    root = logging.getLogger()
    if root.handlers:
        formatter = logging.Formatter("%(message)s")
        handler = logging.StreamHandler(sys.stderr)
        handler.setFormatter(formatter)
        root.handlers = [handler]


def _picklable(exc: Exception) -> BaseException:
    """The exception itself when it can travel back to the parent, else a RuntimeError describing it."""
    with contextlib.suppress(Exception):
        pickle.loads(pickle.dumps(exc))
        return exc
    return RuntimeError(f"{type(exc).__name__}: {exc}")
