"""Future modals that do not commit (discourse, idiom, belief, counterfactual, past frame, refusal),
and pledgers outside the UK. All texts are written for these tests; the people are fictional.
"""

from __future__ import annotations

import pytest
from pledge_helpers import Said, person, run, words
from spacy.language import Language

REYES = person("Ana Reyes", None, "secretary of state")
MOSS = person("Carl Moss", "Republican", "Republican nominee")
HOLT = person("Mary Holt", "Labour", "council leader")


@pytest.mark.parametrize(
    ("text", "said"),
    [
        ('"I\'ll tell you, the voters are angry," Mr Moss said.',
         Said(MOSS, "said", "I'll tell you, the voters are angry,", "direct")),
        ('"I\'ll have more to say about it when we know the facts," Mr Moss said.',
         Said(MOSS, "said", "I'll have more to say about it when we know the facts,", "direct")),
        ('"I\'m going to read you the question," Mr Moss said.',
         Said(MOSS, "said", "I'm going to read you the question,", "direct")),
        ('"I\'ll be damned if I\'m going to pay for a landslide," Mr Moss wrote.',
         Said(MOSS, "wrote", "I'll be damned if I'm going to pay for a landslide,", "direct")),
        ('"If we\'re going to fix the roads, our first job is to listen," Mr Moss said.',
         Said(MOSS, "said", "If we're going to fix the roads, our first job is to listen,", "direct")),
        ('"They are mocking us, thinking we\'re going to go home," Mr Moss said.',
         Said(MOSS, "said", "They are mocking us, thinking we're going to go home,", "direct")),
        ('"Were the court to release the files, we would lose the trial," Ms Reyes said.',
         Said(REYES, "said", "Were the court to release the files, we would lose the trial,", "direct")),
        ("Mr Moss said he thought of the days when he would return to the farm.",
         Said(MOSS, "said", "he thought of the days when he would return to the farm")),
        ("In 2016 the row went on. Ms Reyes said that in the year 2001 she would open the border.",
         Said(REYES, "said", "that in the year 2001 she would open the border")),
        ("Mr Moss said he will refuse to answer any questions.",
         Said(MOSS, "said", "he will refuse to answer any questions")),
        ('"I am not going to follow a script," Mr Moss said.',
         Said(MOSS, "said", "I am not going to follow a script,", "direct")),
    ],
    ids=["tell-you", "more-to-say", "read-you", "be-damned", "if-going-to", "attributed-belief",
         "were-inversion", "temporal-when", "past-year", "refuse", "refusal-not-going-to"],
)
def test_frames_are_not_pledges(parser: Language, text: str, said: Said) -> None:
    _, (statement,) = run(parser, text, [said])
    assert statement.pledge is None


def test_frames_keep_the_commitment_after_an_attributed_belief(parser: Language) -> None:
    text = '"They think we\'re going to go home. We\'re not going to stop the march," Mr Moss said.'
    doc, (statement,) = run(
        parser, text, [Said(MOSS, "said", "They think we're going to go home. We're not going to stop the march,", "direct")]
    )
    assert statement.pledge is not None
    # "not going to stop": the negation stays with the action it reverses.
    assert words(text, statement.pledge.action_spans) == ["not", "stop the march"]


def test_frames_commitment_not_to_act_is_a_pledge(parser: Language) -> None:
    text = '"We will not raise council tax," Ms Holt said.'
    _, (statement,) = run(parser, text, [Said(HOLT, "said", "We will not raise council tax,", "direct")])
    assert statement.pledge is not None and statement.pledge.pledger == "Labour Party"


def test_frames_a_speaker_vowing_commits_personally(parser: Language) -> None:
    text = "Carl Moss vowed to expand the state police."
    _, (statement,) = run(parser, text, [Said(MOSS, "vowed", "to expand the state police")])
    assert statement.pledge is not None
    assert (statement.pledge.pledger, statement.pledge.pledger_type) == ("Carl Moss", "person")


@pytest.mark.parametrize(
    ("text", "pledger"),
    [
        ('Ana Reyes, the Ohio secretary of state, said: "If the court rules against us, we will appeal."',
         "Ana Reyes"),
        ('Ana Reyes, the Home Secretary, told Downing Street: "If the court rules against us, we will appeal."',
         "UK Government"),
    ],
    ids=["us-official", "uk-minister"],
)
def test_frames_uk_government_only_with_uk_evidence(parser: Language, text: str, pledger: str) -> None:
    content = "If the court rules against us, we will appeal."
    _, (statement,) = run(parser, text, [Said(REYES, "said:" if "said" in text else "Street:", content, "direct")])
    assert statement.pledge is not None
    assert statement.pledge.pledger == pledger
    assert words(text, statement.pledge.condition_spans) == ["If the court rules against us"]


def test_frames_a_commitment_coordinated_with_a_belief_stands(parser: Language) -> None:
    text = '"I think Ana Reyes is the best choice, and I\'m going to help her every way I can," Mr Moss said.'
    content = "I think Ana Reyes is the best choice, and I'm going to help her every way I can,"
    _, (statement,) = run(parser, text, [Said(MOSS, "said", content, "direct")])
    assert statement.pledge is not None and statement.pledge.pledger == "Carl Moss"
