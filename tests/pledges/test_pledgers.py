"""Who a pledge binds: the person for "I", otherwise the party, government or body that would act."""

from __future__ import annotations

import pytest
from pledge_helpers import Said, organisation, person, run
from spacy.language import Language

from onrecord.pledges.pledgers import PledgerResolver
from onrecord.types import Speaker

DALE = person("Tom Dale", "Liberal Democrat", "Liberal Democrat candidate for Brackford")
HOLT = person("Mary Holt", "Labour", "council leader")


@pytest.mark.parametrize(
    ("text", "said", "pledger", "pledger_type"),
    [
        ("Mr Dale said: \u201cI will hold a surgery every week.\u201d",
         Said(DALE, "said:", "I will hold a surgery every week."), "Tom Dale", "person"),
        ("Mr Dale said: \u201cWe will cut bus fares.\u201d",
         Said(DALE, "said:", "We will cut bus fares."), "Liberal Democrats", "organisation"),
        ("Mr Dale said a Liberal Democrat government would cut bus fares.",
         Said(DALE, "said", "a Liberal Democrat government would cut bus fares"), "Liberal Democrats", "organisation"),
        ("Ms Holt said the next Labour government will scrap the charge.",
         Said(HOLT, "said", "the next Labour government will scrap the charge"), "Labour Party", "organisation"),
        ("Ms Holt said a Sam Okafor government would scrap the charge.",
         Said(HOLT, "said", "a Sam Okafor government would scrap the charge"), "Labour Party", "organisation"),
        ("The Department for Education said the government was committed to hiring more teachers.",
         Said(organisation("Department for Education"), "said",
              "the government was committed to hiring more teachers"), "UK Government", "organisation"),
        ("The Department for Education said it will publish new guidance in May.",
         Said(organisation("Department for Education"), "said", "it will publish new guidance in May"),
         "UK Government", "organisation"),
        ("The health secretary said: \u201cWe will cut waiting lists.\u201d",
         Said(person("Ann Ridley", "Conservative", "health secretary"), "said:", "We will cut waiting lists."),
         "UK Government", "organisation"),
        ("Northline Rail said: \u201cWe will build the new trains in Brackford.\u201d",
         Said(organisation("Northline Rail"), "said:", "We will build the new trains in Brackford."),
         "Northline Rail", "organisation"),
        ("Ms Holt said she would meet the workers on Monday.",
         Said(HOLT, "said", "she would meet the workers on Monday"), "Mary Holt", "person"),
        ("Environment Secretary Ann Ridley said the government would ban the sale of peat.",
         Said(person("Ann Ridley", None, "environment secretary"), "said",
              "the government would ban the sale of peat"), "UK Government", "organisation"),
    ],
    ids=["i", "we-party", "a-party-government", "next-party-government", "a-leader-government",
         "department-government", "department-it", "minister-we", "company-we", "she-reported",
         "secretary-government"],
)
def test_pledgers_resolved(parser: Language, text: str, said: Said, pledger: str, pledger_type: str) -> None:
    _, (statement,) = run(parser, text, [said])
    assert statement.pledge is not None
    assert (statement.pledge.pledger, statement.pledge.pledger_type) == (pledger, pledger_type)


def test_pledgers_named_person_commits_for_their_party(parser: Language) -> None:
    """A commitment reported inside someone else's quote binds the committer's party."""
    text = (
        "Mr Dale said he backed the depot. "
        "Ms Holt said: \u201cI am glad to see Tom Dale committed to reopening the depot.\u201d"
    )
    said = [
        Said(DALE, "said", "he backed the depot"),
        Said(HOLT, "said:", "I am glad to see Tom Dale committed to reopening the depot."),
    ]
    _, (_, statement) = run(parser, text, said)
    assert statement.pledge is not None
    assert statement.pledge.pledger == "Liberal Democrats"


@pytest.mark.parametrize(
    ("speaker", "body"),
    [
        (None, None),
        (Speaker("Department for Transport", "organisation"), "UK Government"),
        (Speaker("Eastmere Tenants Union", "group"), "Eastmere Tenants Union"),
        (Speaker("Ann Ridley", "person", "shadow health secretary", "Conservative"), "Conservative Party"),
        (Speaker("Ann Ridley", "person", "general secretary", "Unite"), "Unite"),
        (Speaker("Ann Ridley", "person", "campaigner", None), "Ann Ridley"),
    ],
)
def test_pledgers_represented_body(speaker: Speaker | None, body: str | None) -> None:
    represented = PledgerResolver([]).represented(speaker)
    assert (represented.name if represented else None) == body
