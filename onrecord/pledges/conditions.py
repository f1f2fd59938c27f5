"""Conditions of a pledge: "if it wins the general election", "if elected on July 4", "should Labour win"."""

from __future__ import annotations

from collections.abc import Iterator

from spacy.tokens import Doc, Token

from onrecord.pledges import lexicon as lex
from onrecord.pledges.tokenspans import token_char_spans
from onrecord.types import CharSpan


def is_condition_clause(token: Token) -> bool:
    """Whether ``token`` heads a conditional adverbial clause ("if ...", "unless ...", "should X win")."""
    if token.dep_ != "advcl":
        return False
    if any(child.dep_ == "mark" and child.lower_ in lex.CONDITION_MARKERS for child in token.children):
        return True
    # "should Labour win": the auxiliary comes before the subject.
    subject = next((child for child in token.children if child.dep_ in ("nsubj", "nsubjpass")), None)
    return subject is not None and any(
        child.dep_ == "aux" and child.i < subject.i and child.lower_ in lex.INVERTED_CONDITION_AUXILIARIES
        for child in token.children
    )


def find_conditions(doc: Doc, clause_head: Token, action_head: Token) -> tuple[CharSpan, ...]:
    """Character spans of the conditions attached to a pledge.

    Conditions are searched on the committing clause and its action ("would do so, if
    elected", "to save jobs if it wins") and on the clauses above them in the sentence
    ("If elected, we will"), never in a sibling clause ("If we do those things we can").

    Args:
        doc (Doc): the parsed document.
        clause_head (Token): the verb or commitment word of the committing clause.
        action_head (Token): the verb naming the action (may equal ``clause_head``).

    RETURNS (tuple[CharSpan, ...]): one span per conditional clause, in text order.
    """
    found: dict[int, tuple[CharSpan, ...]] = {}
    for holder in _holders(clause_head, action_head):
        for child in holder.children:
            if child.i not in found and is_condition_clause(child):
                found[child.i] = token_char_spans(doc, (t.i for t in child.subtree))
    return tuple(span for i in sorted(found) for span in found[i])


def _holders(clause_head: Token, action_head: Token) -> Iterator[Token]:
    """The action's verbs, then the committing clause and the heads above it in its sentence."""
    yield from (token for token in action_head.subtree if token.pos_ in {"VERB", "AUX"} or token.tag_.startswith("VB"))
    yield clause_head
    yield from clause_head.ancestors
