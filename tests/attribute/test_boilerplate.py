"""Boilerplate flags publisher furniture, never reported speech."""

from __future__ import annotations

import pytest

from onrecord.attribute.boilerplate import is_boilerplate, split_paragraphs


@pytest.mark.parametrize(
    "line",
    [
        "\U0001f5f3\ufe0f Vote-day special! Subscribe now for just £2 a month. Click here",
        "Subscribe now for just £1 a week. Click here",
        "Hide Ad",
        "Advertisement",
        "The Wessex Courier:",
        "Picture: Sam Hale",
        "READ MORE: Council tax to rise again",
    ],
)
def test_boilerplate_flags_publisher_furniture(line: str) -> None:
    assert is_boilerplate(line)


@pytest.mark.parametrize(
    "line",
    [
        '"Just click here and you lose your data," said the expert.',
        "«We will win,» said Smith.",
        '— "We will win," said Smith.',
        "Mr Smith said:",
        "The council said it would publish the results on Friday.",
    ],
)
def test_boilerplate_keeps_reported_speech(line: str) -> None:
    assert not is_boilerplate(line)


def test_boilerplate_paragraph_offsets_are_exact() -> None:
    text = "  First line.\n\nHide Ad\nLast line  "
    paragraphs = split_paragraphs(text)
    assert [text[p.start : p.end] for p in paragraphs] == ["First line.", "Hide Ad", "Last line"]
    assert [p.boilerplate for p in paragraphs] == [False, True, False]
