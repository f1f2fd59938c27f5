"""Quotations: marks of every kind, apostrophes, and quotations over paragraphs."""

from __future__ import annotations

import pytest

from onrecord.attribute.quotes import find_quotes


def quoted(text: str) -> list[str]:
    return [text[q.start : q.end] for q in find_quotes(text)]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ('"We will win," she said.', ['"We will win,"']),
        ("“We will win,” she said.", ["“We will win,”"]),
        ("‘We will win,’ she said.", ["‘We will win,’"]),
        ("''We will win,'' she said.", ["''We will win,''"]),
        ("‘The Reeves' plan is bad,’ he said.", ["‘The Reeves' plan is bad,’"]),
        ("Don't touch Jones' car, he said.", []),
        # A closing curly mark typed where the quotation opens still opens it.
        ("”Fear. We are afraid.” ― Ana Ruiz", ["”Fear. We are afraid.”"]),
        ("He said “no” and left.", ["“no”"]),
    ],
)
def test_quotes_marks_and_apostrophes(text: str, expected: list[str]) -> None:
    assert quoted(text) == expected


@pytest.mark.parametrize("marks", [("“", "”"), ("‘", "’"), ('"', '"')])
def test_quotes_run_over_paragraphs_and_skip_adverts(marks: tuple[str, str]) -> None:
    opening, closing = marks
    text = f"She said: {opening}First part.\n\nAdvertisement\n\n{opening}Second part.\n\n{opening}Last part.{closing}"
    quotes = find_quotes(text)
    assert [text[q.start : q.end] for q in quotes] == [f"{opening}First part.", f"{opening}Second part.", f"{opening}Last part.{closing}"]
    assert [q.continues for q in quotes] == [True, True, False]
    assert quotes[0].next_index == 1 and quotes[1].next_index == 2
