"""Attributions marked by layout: transcript speaker labels, headline labels and verbs, dash credits.

The texts are original and fictional. Each test runs the whole extractor and checks
the statements a reader of a transcript or a vox pop would expect.
"""

from __future__ import annotations

import pytest

from onrecord.api import Extractor
from onrecord.attribute.layout import LAYOUT_CONFIDENCE
from onrecord.types import Document, Statement


@pytest.fixture(scope="module")
def extractor() -> Extractor:
    return Extractor()


def by_cue(document: Document, cue: str) -> list[Statement]:
    """The statements whose cue text is ``cue``."""
    return [s for s in document.statements if [document.text[a:b] for a, b in s.cue_spans] == [cue]]


def test_layout_transcript_turns_are_statements_of_their_speakers(extractor: Extractor) -> None:
    text = (
        "Partial transcript of the interview follows.\n\n"
        '"HARTLEY: Will the party scrap the tax on second homes?\n\n'
        '"OKAFOR: We have no plans to scrap it. We are looking at every option for the budget.\n\n'
        '"HARTLEY: So you cannot rule it out?\n\n'
        '"OKAFOR: Nobody can rule anything out before the spending review."\n'
    )
    document = extractor(text)
    turns = by_cue(document, ":")
    speakers = [document.text[s.source_spans[0][0] : s.source_spans[0][1]] for s in turns]
    assert speakers == ["HARTLEY", "OKAFOR", "HARTLEY", "OKAFOR"]
    second = turns[1]
    # One turn is one statement: it stops where the next speaker's label starts.
    assert [document.text[a:b] for a, b in second.content_spans] == [
        "We have no plans to scrap it. We are looking at every option for the budget."
    ]


def test_layout_headline_label_attributes_the_headline(extractor: Extractor) -> None:
    document = extractor("Okafor: Labour Will Not Raise Income Tax.\n\nThe minister spoke in Leeds on Monday.\n")
    (statement,) = by_cue(document, ":")
    assert document.text[slice(*statement.source_spans[0])] == "Okafor"
    # A reported headline drops the full stop, as indirect content does.
    assert document.text[slice(*statement.content_spans[0])] == "Labour Will Not Raise Income Tax"


@pytest.mark.parametrize(
    ("headline", "source", "cue", "content"),
    [
        ("Mayor pledges free buses for under-18s", "Mayor", "pledges", "free buses for under-18s"),
        ("Government rejects calls for rail fare freeze", "Government", "rejects", "calls for rail fare freeze"),
        ("Council warns of cuts to village bus routes", "Council", "warns of", "cuts to village bus routes"),
    ],
)
def test_layout_headline_verb_replaces_the_model_reading_of_the_headline(
    extractor: Extractor, headline: str, source: str, cue: str, content: str
) -> None:
    # Headline grammar (no article, no full stop) makes the small model read the verb as a noun.
    document = extractor(f"{headline}\n\nThe plans were published in Brackford on Monday.\n")
    on_headline = [s for s in document.statements if s.cue_spans[0][0] < len(headline)]
    assert [
        ([document.text[a:b] for a, b in s.source_spans], [document.text[a:b] for a, b in s.cue_spans],
         [document.text[a:b] for a, b in s.content_spans])
        for s in on_headline
    ] == [([source], [cue], [content])]  # fmt: skip


@pytest.mark.parametrize(
    "headline",
    [
        "Who says the Brackford railway is finished",
        "Council tax to rise by 5% as Brackford faces a shortfall",
        "Mayor pledges free buses for under-18s.",
    ],
    ids=["question", "no-reporting-verb", "full-stop"],
)
def test_layout_headline_verb_needs_a_headline_with_a_subject(extractor: Extractor, headline: str) -> None:
    document = extractor(f"{headline}\n\nThe plans were published in Brackford on Monday.\n")
    layout = [s for s in document.statements if s.confidence == LAYOUT_CONFIDENCE]
    assert layout == []


@pytest.mark.parametrize(
    "line",
    [
        "Update: The council meeting has been moved to Thursday evening.",
        "BOOM: Markets Rally As Rates Are Held For Another Month.",
        "Leeds: Ann Carter, Tom Reid, Priya Shah and Lee Wong.",
    ],
)
def test_layout_labels_that_are_not_speakers_are_ignored(extractor: Extractor, line: str) -> None:
    document = extractor(line + "\n\nThe rest of the story follows here.\n")
    assert by_cue(document, ":") == []


def test_layout_dash_credit_attributes_the_quotation(extractor: Extractor) -> None:
    text = (
        "We asked shoppers in Durham what they made of the campaign.\n\n"
        "\u201cNobody has knocked on my door once. They only want us on polling day.\u201d \u2015 Maria Lopez\n"
        "\u201cThe buses are the real issue here and nobody talks about them.\u201d\u2015 Sam Patel\n"
        "\u201cI will vote, but only because my mother asks me to every time.\u201d \u2015\u00a0Ruth Okoro\n"
    )
    document = extractor(text)
    # The tokenizer glues a dash to the closing mark before it ("\u201d\u2015"): still a credit.
    credits = [s for s in document.statements if document.text[slice(*s.cue_spans[0])].endswith("\u2015")]
    assert [s.speaker.name for s in credits if s.speaker] == ["Maria Lopez", "Sam Patel", "Ruth Okoro"]
    assert [s.kind for s in credits] == ["direct", "direct", "direct"]
    first = document.text[slice(*credits[0].content_spans[0])]
    assert first.startswith("\u201cNobody has knocked") and first.endswith("polling day.\u201d")
