"""Actions, anaphora, conditions (stated and inherited) and targets of pledges."""

from __future__ import annotations

import pytest
from pledge_helpers import Said, organisation, person, run, words
from spacy.language import Language

DALE = person("Tom Dale", "Liberal Democrat", "Liberal Democrat candidate for Brackford")
HOLT = person("Mary Holt", "Labour", "council leader")
LABOUR = organisation("Labour Party")


@pytest.mark.parametrize(
    ("text", "said", "condition"),
    [
        ("Labour has pledged to reopen the Brackford line if it wins the election.",
         Said(LABOUR, "has pledged", "to reopen the Brackford line if it wins the election"),
         "if it wins the election"),
        ("Mr Dale said the party would scrap the toll if elected in May.",
         Said(DALE, "said", "the party would scrap the toll if elected in May"), "if elected in May"),
        ("Ms Holt said that, should Labour win the election, a Labour government would reopen the mine.",
         Said(HOLT, "said", "should Labour win the election, a Labour government would reopen the mine"),
         "should Labour win the election"),
        ("Ms Holt said: \u201cUnless the rules change, we will keep the library open.\u201d",
         Said(HOLT, "said:", "Unless the rules change, we will keep the library open."), "Unless the rules change"),
    ],
    ids=["if-clause", "if-elected", "should-inversion", "unless"],
)
def test_actions_condition_found_and_cut_from_action(parser: Language, text: str, said: Said, condition: str) -> None:
    _, (statement,) = run(parser, text, [said])
    assert statement.pledge is not None
    assert words(text, statement.pledge.condition_spans) == [condition]
    assert all(condition not in action for action in words(text, statement.pledge.action_spans))


def test_actions_condition_of_a_sibling_clause_is_not_the_pledge_condition(parser: Language) -> None:
    text = '"If we do those things we can save the mill. I will work with the unions," Ms Holt said.'
    said = Said(HOLT, "said", "If we do those things we can save the mill. I will work with the unions")
    _, (statement,) = run(parser, text, [said])
    assert statement.pledge is not None and statement.pledge.pledger == "Mary Holt"
    assert statement.pledge.condition_spans == ()


def test_actions_do_so_resolves_to_the_outer_infinitive_before_it(parser: Language) -> None:
    text = (
        "Campaigners have urged ministers to extend the contract to build buses in Brackford in order to "
        "protect its 400-strong workforce, and Mr Dale said a Liberal Democrat government would do so, "
        "if elected in May."
    )
    said = Said(DALE, "said", "a Liberal Democrat government would do so, if elected in May")
    _, (statement,) = run(parser, text, [said])
    assert statement.pledge is not None
    assert words(text, statement.pledge.action_spans) == ["extend the contract to build buses in Brackford"]
    assert words(text, statement.pledge.condition_spans) == ["if elected in May"]
    assert words(text, statement.pledge.target_spans) == ["Brackford"]


@pytest.mark.parametrize(
    ("text", "content", "action"),
    [
        ('"We support the campaign to save the harbour and we will do that by working together," Ms Holt said.',
         "We support the campaign to save the harbour and we will do that by working together",
         ["save the harbour"]),
        # "close the Brackford library" alone would record the opposite of the pledge.
        ('Ministers want to close the Brackford library. "We will not do that," Ms Holt said.',
         "We will not do that", ["not do that"]),
        ('"We are not going to close the Brackford library," Ms Holt said.',
         "We are not going to close the Brackford library", ["not", "close the Brackford library"]),
        ('Ms Holt said she would "reopen the depot" within a year.',
         'she would "reopen the depot" within a year', ["reopen the depot", "within a year"]),
    ],
    ids=["do-that-inside-the-quote", "negated-do-that-kept", "not-going-to-keeps-not", "quotation-mark-splits"],
)
def test_actions_words_as_written(parser: Language, text: str, content: str, action: list[str]) -> None:
    _, (statement,) = run(parser, text, [Said(HOLT, "said", content)])
    assert statement.pledge is not None
    assert words(text, statement.pledge.action_spans) == action


def test_actions_future_government_inherits_the_party_condition(parser: Language) -> None:
    text = (
        "Labour has pledged to build a hospital in Eastmere if it wins the general election. "
        "Ms Holt said a Labour government would also fund 200 nurses. "
        "Ms Holt said she will visit the ward."
    )
    said = [
        Said(LABOUR, "has pledged", "to build a hospital in Eastmere if it wins the general election"),
        Said(HOLT, "said", "a Labour government would also fund 200 nurses"),
        Said(HOLT, "said", "she will visit the ward"),
    ]
    _, (first, second, third) = run(parser, text, said)
    assert first.pledge is not None and second.pledge is not None and third.pledge is not None
    assert words(text, second.pledge.condition_spans) == ["if it wins the general election"]
    assert third.pledge.condition_spans == ()  # "will", not a future government: nothing presupposed


def test_actions_targets_are_places_organisations_and_groups(parser: Language) -> None:
    text = "Mr Dale said a Liberal Democrat government would give Northline Rail a new contract to help pensioners in Brackford."
    said = Said(DALE, "said", "a Liberal Democrat government would give Northline Rail a new contract to help pensioners in Brackford")
    _, (statement,) = run(parser, text, [said])
    assert statement.pledge is not None
    targets = words(text, statement.pledge.target_spans)
    assert "Brackford" in targets and "pensioners" in targets
    assert any("Northline" in target for target in targets)


def test_actions_never_take_in_the_headline_above(parser: Language) -> None:
    # No full stop after a headline: the parser may hang it on the first sentence.
    text = 'Pool row\n\n"We will reopen the pool in May," said Ms Holt.'
    said = Said(HOLT, "said", "We will reopen the pool in May")
    _, (statement,) = run(parser, text, [said])
    assert statement.pledge is not None
    assert words(text, statement.pledge.action_spans) == ["reopen the pool in May"]
