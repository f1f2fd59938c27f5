"""Scale: extraction over many articles, in worker processes or on Spark."""

from onrecord.scale.extraction import ExtractionResult, batched, extract_batch
from onrecord.scale.parallel import WorkerDied, default_workers, extract_stream

__all__ = [
    "ExtractionResult",
    "WorkerDied",
    "batched",
    "default_workers",
    "extract_batch",
    "extract_stream",
]
