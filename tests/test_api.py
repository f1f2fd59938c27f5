"""The Python API: long texts are parsed in pieces and offsets still point into the input."""

from __future__ import annotations

import pytest

from onrecord.api import Extractor, chunk_bounds

PARAGRAPH = (
    'Councillor Mia Grant said the new library would open in March. '
    '"We have waited long enough for this," she told the Courier.\n\n'
)


@pytest.fixture(scope="module")
def extractor() -> Extractor:
    return Extractor(max_chunk_chars=600)


def test_api_chunk_bounds_cover_text_and_cut_at_line_breaks() -> None:
    text = PARAGRAPH * 10
    bounds = chunk_bounds(text, 600)
    assert bounds[0][0] == 0 and bounds[-1][1] == len(text)
    assert all(end == next_start for (_, end), (next_start, _) in zip(bounds, bounds[1:]))
    assert all(end - start <= 600 for start, end in bounds)
    assert all(text[end - 1] == "\n" for _, end in bounds[:-1])


def test_api_long_text_statements_point_into_the_whole_text(extractor: Extractor) -> None:
    text = PARAGRAPH * 10
    document = extractor(text, "long")
    assert document.text == text
    contents = [statement.content_text(text) for statement in document.statements]
    # Every copy of the paragraph yields its quote, also those parsed in later pieces.
    assert sum("We have waited long enough for this" in content for content in contents) == 10
    last = max(document.statements, key=lambda statement: statement.cue_spans[0][0])
    assert last.cue_spans[0][0] > len(text) - len(PARAGRAPH)
    for statement in document.statements:
        for start, end in statement.source_spans + statement.cue_spans + statement.content_spans:
            assert 0 <= start < end <= len(text)
        assert statement.speaker is not None
        for start, end in statement.speaker.mention_spans:
            assert text[start:end].strip()
