"""Fixtures of the scale tests: a small PolNeAR sample and its in-process extraction."""

from __future__ import annotations

from pathlib import Path

import pytest

from onrecord.ingest.sources import SourceText
from onrecord.types import Document

SAMPLE_ARTICLES = 50
# Articles are cut to their first paragraphs (at a line break past this length) so the
# model runs over 50 of them in seconds; the cut keeps whole sentences and quotations.
SAMPLE_CHARS = 1500


@pytest.fixture(scope="session")
def polnear_sample(shared_seed_dir: Path) -> list[SourceText]:
    """The first 50 PolNeAR train articles, shortened, as the readers would give them."""
    folder = shared_seed_dir.parent / "polnear" / "train" / "text"
    paths = sorted(folder.glob("*.txt"))[:SAMPLE_ARTICLES]
    if len(paths) < SAMPLE_ARTICLES:
        pytest.skip(f"PolNeAR train texts not present at {folder}")
    sources = []
    for path in paths:
        text = path.read_text(encoding="utf-8")
        cut = text.find("\n", SAMPLE_CHARS)
        sources.append(
            SourceText(
                doc_id=path.stem, text=text if cut < 0 else text[:cut], origin=str(path), metadata={"outlet": "polnear"}
            )
        )
    return sources


@pytest.fixture(scope="session")
def sample_documents(polnear_sample: list[SourceText]) -> list[Document]:
    """The sample extracted in this process, one batch at a time: the reference output."""
    from onrecord.api import Extractor
    from onrecord.scale import extract_stream

    documents = list(extract_stream(polnear_sample, Extractor, workers=1))
    assert all(isinstance(document, Document) for document in documents)
    return documents  # type: ignore[return-value]
