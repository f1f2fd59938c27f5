"""Evaluate an extractor on a PolNeAR split with Citron's exact and overlap metrics.

``evaluate_polnear`` runs the extractor over every article of the split, turns each
predicted ``Statement`` into (source, cue, content) spans and scores them against the
gold attributions with ``onrecord.evaluation.scoring``. The report prints as a Rich
table (``console.print(report)``) and serialises with ``to_dict()``.
"""

from __future__ import annotations

import logging
import time
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from itertools import islice
from pathlib import Path
from typing import Any, Protocol

from rich.table import Table

from onrecord.evaluation.polnear import GoldAttribution, read_split
from onrecord.evaluation.scoring import ROWS, Counts, score_document, sum_counts
from onrecord.types import Document, Statement

LOGGER = logging.getLogger(__name__)


class SupportsPipe(Protocol):
    """What the evaluations need of an extractor (``onrecord.api.Extractor`` fits)."""

    def pipe(self, items: Iterable[tuple[str, str]]) -> Iterator[Document]:
        """Yield one ``Document`` per ``(doc_id, text)`` pair, in input order."""
        ...


@dataclass(frozen=True, slots=True)
class DocumentScore:
    """The counts of one article, kept so the worst articles can be found."""

    name: str
    counts: Counts


@dataclass(frozen=True, slots=True)
class PolnearReport:
    """Corpus-level scores of one evaluation run on a PolNeAR split."""

    split: str
    counts: Counts
    seconds: float
    documents: tuple[DocumentScore, ...] = ()

    def to_table(self) -> Table:
        """Return a Rich table: one row per role, exact and overlap P/R/F1 columns."""
        counts = self.counts
        table = Table(
            title=f"PolNeAR {self.split}: Citron metrics",
            caption=(
                f"{counts.documents} articles · {counts.predicted} predicted / "
                f"{counts.gold} gold attributions · {self.seconds:.1f} s"
            ),
        )
        table.add_column("span")
        for family in ("exact", "overlap"):
            for measure in ("P", "R", "F1"):
                table.add_column(f"{family} {measure}", justify="right")
        scores = counts.scores()
        for row in ROWS:
            cells: list[str] = [row]
            for prf in (scores.exact[row], scores.overlap[row]):
                cells += [_percent(prf.precision), _percent(prf.recall), _percent(prf.f1)]
            table.add_row(*cells)
        return table

    def __rich__(self) -> Table:
        return self.to_table()

    def to_dict(self, *, per_document: bool = False) -> dict[str, Any]:
        """Return the JSON form; ``per_document`` adds each article's raw counts."""
        record: dict[str, Any] = {
            "split": self.split,
            "documents": self.counts.documents,
            "predicted": self.counts.predicted,
            "gold": self.counts.gold,
            "seconds": round(self.seconds, 3),
            "scores": self.counts.scores().to_dict(),
            "counts": self.counts.to_dict(),
        }
        if per_document:
            record["per_document"] = [
                {"name": item.name, **item.counts.to_dict()} for item in self.documents
            ]
        return record


def _percent(value: float) -> str:
    return f"{100 * value:.1f}"


def as_attribution(statement: Statement) -> GoldAttribution:
    """Return a statement's spans in the shape the scorer compares."""
    return GoldAttribution(
        source=statement.source_spans, cue=statement.cue_spans, content=statement.content_spans
    )


def evaluate_polnear(
    extractor: SupportsPipe,
    data_dir: Path | str,
    split: str = "dev",
    *,
    limit: int | None = None,
) -> PolnearReport:
    """Run ``extractor`` over a PolNeAR split and score it against the gold attributions.

    Args:
        extractor (SupportsPipe): e.g. ``onrecord.api.Extractor()``.
        data_dir (Path | str): the PolNeAR folder holding ``train/`` and ``dev/``.
        split (str): the split to evaluate on.
        limit (int | None): score only the first ``limit`` articles (sorted by name).

    RETURNS (PolnearReport): micro-averaged counts, per-article counts and wall time.

    Raises:
        InputError: when the split folder does not exist.
    """
    started = time.perf_counter()
    articles = list(islice(read_split(data_dir, split), limit))
    documents = extractor.pipe((article.name, article.text) for article in articles)
    scored: list[DocumentScore] = []
    # strict: an extractor that drops an article would otherwise shift every later score.
    for article, document in zip(articles, documents, strict=True):
        if document.doc_id != article.name or document.text != article.text:
            LOGGER.warning(
                "%s: extractor returned doc %s with different text; offsets may not match",
                article.name,
                document.doc_id,
            )
        predicted = [as_attribution(statement) for statement in document.statements]
        counts = score_document(article.text, predicted, article.attributions)
        scored.append(DocumentScore(name=article.name, counts=counts))
    seconds = time.perf_counter() - started
    total = sum_counts(item.counts for item in scored)
    LOGGER.info("PolNeAR %s: scored %d articles in %.1f s", split, total.documents, seconds)
    return PolnearReport(split=split, counts=total, seconds=seconds, documents=tuple(scored))
