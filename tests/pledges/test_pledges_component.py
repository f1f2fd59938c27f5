"""The ``onrecord_pledges`` component in the full pipeline: registration, order, JSON form, offsets."""

from __future__ import annotations

import pytest

from onrecord.analyse.pipeline import load_pipeline
from onrecord.api import Extractor

TEXT = (
    "Brackford council met on Monday to discuss the depot.\n\n"
    "Labour council leader Mary Holt said a Labour government would reopen the Brackford depot if elected in May.\n\n"
    "Labour councillor Ann Ridley said: \u201cWe will protect all 240 jobs at the depot.\u201d\n"
)


@pytest.fixture(scope="module")
def extractor() -> Extractor:
    return Extractor(load_pipeline())


def test_component_runs_after_attribution(extractor: Extractor) -> None:
    names = extractor.nlp.pipe_names
    assert names.index("onrecord_pledges") == names.index("onrecord") + 1


@pytest.mark.parametrize("chunk", [10_000, 180])
def test_component_pledge_offsets_point_into_the_whole_text(extractor: Extractor, chunk: int) -> None:
    """Pieces of a long text keep their pledge offsets right once put back together."""
    extractor.max_chunk_chars = chunk
    document = extractor(TEXT)
    pledges = [statement.pledge for statement in document.statements if statement.pledge]
    assert [pledge.pledger for pledge in pledges] == ["Labour Party", "Labour Party"]
    first, second = (pledge.to_dict(TEXT) for pledge in pledges)
    assert first["action"] == "reopen the Brackford depot" and first["condition"] == "if elected in May"
    assert second["action"] == "protect all 240 jobs at the depot"
    figures = [TEXT[a:b] for statement in document.statements for a, b in statement.figure_spans]
    assert "240 jobs" in figures


def test_component_json_has_pledge_or_null(extractor: Extractor) -> None:
    extractor.max_chunk_chars = 10_000
    record = extractor("Ms Holt said the depot was old. Ms Holt said we will repaint it.").to_dict()
    first, second = (statement["pledge"] for statement in record["statements"])
    assert first is None
    assert second["action"] == "repaint it" and second["action_spans"] == [[53, 63]]


def test_component_empty_text(extractor: Extractor) -> None:
    assert extractor("").statements == ()
