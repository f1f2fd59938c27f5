"""Figures a statement carries: counts with their noun, money, percentages; not dates or "two things"."""

from __future__ import annotations

import pytest
from pledge_helpers import Said, person, run, words
from spacy.language import Language

HOLT = person("Mary Holt", "Labour", "council leader")


@pytest.mark.parametrize(
    ("content", "figures"),
    [
        ("the closure put at risk 750 jobs in the factory and 1,300 in the supply chain", ["750 jobs", "1,300"]),
        ("the plan would protect its 400-strong workforce", ["400-strong workforce"]),
        ("the council will spend \u00a32.5m on roads and cut fares by 12%", ["\u00a32.5m", "12%"]),
        ("hundreds of jobs are at stake", ["hundreds of jobs"]),
        ("we will do that by doing two things on July 4", []),
        ("every penny will come from cutting consultancy contracts", []),
    ],
)
def test_figures_marked(parser: Language, content: str, figures: list[str]) -> None:
    text = f"Ms Holt said {content}."
    _, (statement,) = run(parser, text, [Said(HOLT, "said", content)])
    assert words(text, statement.figure_spans) == figures


def test_figures_only_inside_the_content(parser: Language) -> None:
    text = "On 3 May, 40 people heard Ms Holt say the depot employs 90 staff."
    _, (statement,) = run(parser, text, [Said(HOLT, "say", "the depot employs 90 staff")])
    assert words(text, statement.figure_spans) == ["90 staff"]
