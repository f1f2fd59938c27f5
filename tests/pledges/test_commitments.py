"""Which statements are pledges: commitment words, future modals, and the look-alikes that are not.

All texts are written for these tests; the people and places are fictional.
"""

from __future__ import annotations

import pytest
from pledge_helpers import Said, organisation, person, run, words
from spacy.language import Language

HOLT = person("Mary Holt", "Labour", "council leader")
GRANT = person("Fiona Grant", "Conservative", "Conservative candidate for Eastmere")


@pytest.mark.parametrize(
    ("text", "said", "pledger", "action"),
    [
        (
            "The Green Party has pledged to build 5,000 homes in Eastmere.",
            Said(organisation("Green Party"), "has pledged", "to build 5,000 homes in Eastmere"),
            "Green Party",
            "build 5,000 homes in Eastmere",
        ),
        (
            "Northline Rail said it is committed to keeping the Brackford depot open.",
            Said(organisation("Northline Rail"), "said", "it is committed to keeping the Brackford depot open"),
            "Northline Rail",
            "keeping the Brackford depot open",
        ),
        (
            '"I am determined to fight for every job at the mill," Ms Holt said.',
            Said(HOLT, "said", "I am determined to fight for every job at the mill"),
            "Mary Holt",
            "fight for every job at the mill",
        ),
        (
            "Ms Holt said we will reopen the swimming baths next year.",
            Said(HOLT, "said", "we will reopen the swimming baths next year"),
            "Labour Party",
            "reopen the swimming baths next year",
        ),
        (
            "Ms Holt said: \u201cWe are going to repair every road in the borough.\u201d",
            Said(HOLT, "said:", "We are going to repair every road in the borough."),
            "Labour Party",
            "repair every road in the borough",
        ),
        (
            "The Green Party has promised free bus travel for everyone under 18.",
            Said(organisation("Green Party"), "has promised", "free bus travel for everyone under 18"),
            "Green Party",
            "free bus travel for everyone under 18",
        ),
    ],
)
def test_commitments_found_with_action(
    parser: Language, text: str, said: Said, pledger: str, action: str
) -> None:
    _, (statement,) = run(parser, text, [said])
    assert statement.pledge is not None
    assert statement.pledge.pledger == pledger
    assert words(text, statement.pledge.action_spans) == [action]


@pytest.mark.parametrize(
    ("text", "said"),
    [
        # An accusation reports what someone else does.
        (
            "Ms Grant accused Labour of pushing a misleading plan.",
            Said(GRANT, "accused", "Labour of pushing a misleading plan"),
        ),
        # A warning predicts; "could" commits nobody.
        (
            "Ms Holt warned that the factory could close by the spring.",
            Said(HOLT, "warned", "the factory could close by the spring"),
        ),
        # A past-tense report of something done.
        (
            "Ms Holt said the council rebuilt the bridge in 2019 and opened the library last year.",
            Said(HOLT, "said", "the council rebuilt the bridge in 2019 and opened the library last year"),
        ),
        # A question.
        (
            "\u201cWill the government fund the new bus routes?\u201d Ms Grant asked.",
            Said(GRANT, "asked", "Will the government fund the new bus routes?"),
        ),
        # A counterfactual about the past.
        (
            "Ms Grant said the government would have acted if it could.",
            Said(GRANT, "said", "the government would have acted if it could"),
        ),
        # A prediction about an opponent: a Conservative cannot pledge for Labour.
        (
            "Ms Grant said Labour will raise council tax.",
            Said(GRANT, "said", "Labour will raise council tax"),
        ),
        # A wish.
        (
            "Ms Holt said we would like to see more buses in the villages.",
            Said(HOLT, "said", "we would like to see more buses in the villages"),
        ),
        # A commitment refused.
        (
            "Ms Grant said the party has not committed to funding the scheme.",
            Said(GRANT, "said", "the party has not committed to funding the scheme"),
        ),
        # "would be" states an opinion, with no agent acting.
        (
            "Ms Holt said things would be different with a new council.",
            Said(HOLT, "said", "things would be different with a new council"),
        ),
        # Inside a quotation "she" is someone other than the speaker.
        (
            "Mr Dale said: \u201cIf she gets the chance, she will sell the harbour.\u201d",
            Said(person("Tom Dale", "Liberal Democrat"), "said:", "If she gets the chance, she will sell the harbour.", "direct"),
        ),
        # A promise of nothing in particular.
        (
            "Ms Grant said she had promised nothing to the unions.",
            Said(GRANT, "said", "she had promised nothing to the unions"),
        ),
        # Asking others to pledge is no pledge of one's own.
        (
            "Ms Grant said she had asked her supporters to raise their hands and pledge their loyalty.",
            Said(GRANT, "said", "she had asked her supporters to raise their hands and pledge their loyalty"),
        ),
        # A commitment word whose subject is no agent ("That promises to ...").
        (
            "Ms Grant said that promises to make life harder for every family.",
            Said(GRANT, "said", "that promises to make life harder for every family"),
        ),
    ],
    ids=["accusation", "warning", "past", "question", "counterfactual", "opponent", "wish", "negated", "opinion",
         "quoted-she", "promised-nothing", "asked-to-pledge", "no-agent"],
)
def test_commitments_not_pledges(parser: Language, text: str, said: Said) -> None:
    _, (statement,) = run(parser, text, [said])
    assert statement.pledge is None, statement.pledge


def test_commitments_first_commitment_of_a_statement_wins(parser: Language) -> None:
    text = '"We will keep the depot open. I am determined to win this fight," Ms Holt said.'
    said = Said(HOLT, "said", "We will keep the depot open. I am determined to win this fight")
    _, (statement,) = run(parser, text, [said])
    assert statement.pledge is not None and statement.pledge.pledger == "Labour Party"
    assert words(text, statement.pledge.action_spans) == ["keep the depot open"]
