"""The action a pledge commits to, as written: the verb phrase minus subject, modal and condition.

"a Labour government would act to resolve a gap in orders" -> "act to resolve a gap in
orders"; "pledges to try and save hundreds of jobs ... if it wins the general election"
-> "try and save hundreds of jobs ..."; "would do so" -> the antecedent's phrase
(``anaphora.py``). Purpose clauses ("in order to protect its workforce") and clauses
with a subject of their own are left out.
"""

from __future__ import annotations

from spacy.tokens import Doc, Token

from onrecord.pledges import lexicon as lex
from onrecord.pledges.anaphora import find_antecedent, is_anaphoric
from onrecord.pledges.conditions import is_condition_clause
from onrecord.pledges.tokenspans import token_char_spans
from onrecord.types import CharSpan

_CLAUSE_FRAME_DEPS = frozenset({"nsubj", "nsubjpass", "expl", "aux", "auxpass", "mark", "csubj"})


def find_action(doc: Doc, action_head: Token, trigger: Token | None = None) -> tuple[CharSpan, ...]:
    """Character spans of the action headed by ``action_head``, following "do so" to its antecedent.

    Args:
        doc (Doc): the parsed document.
        action_head (Token): the verb of the committed action.
        trigger (Token | None): the word that commits ("going" in "not going to"), whose
            negation belongs to the action.

    RETURNS (tuple[CharSpan, ...]): the action's words (several spans where a condition,
    a quotation mark or the words between a negation and its verb interrupt them); for
    an anaphor without antecedent, the anaphor itself ("do so"), as for a negated one
    ("will not do that"): the antecedent's words alone would read as the opposite of
    what was said.
    """
    holders = (action_head,) if trigger is None else (action_head, trigger)
    negation = [child.i for holder in holders for child in holder.children if child.dep_ == "neg"]
    if is_anaphoric(action_head) and not negation:
        antecedent = find_antecedent(doc, action_head)
        if antecedent is not None:
            action_head = antecedent
    return token_char_spans(doc, negation + action_tokens(action_head))


def action_tokens(head: Token) -> list[int]:
    """Indices of the tokens of the verb phrase headed by ``head``, without its clause frame."""
    dropped: set[int] = set()
    for child in head.children:
        if child.dep_ in _CLAUSE_FRAME_DEPS or (child.dep_ == "conj" and _has_own_subject(child)):
            dropped.update(token.i for token in child.subtree)
    for token in head.subtree:
        if token.i not in dropped and (is_condition_clause(token) or _is_purpose(token)):
            dropped.update(descendant.i for descendant in token.subtree)
    first, last = _line_bounds(head)
    return [token.i for token in head.subtree if token.i not in dropped and first <= token.i <= last]


def _line_bounds(head: Token) -> tuple[int, int]:
    """First and last token index of the line holding ``head``.

    A headline has no full stop, so the parser may hang it on the first sentence's
    verb; an action never runs over a line break.
    """
    doc = head.doc
    first = head.i
    while first > 0 and "\n" not in doc[first - 1].text:
        first -= 1
    last = head.i
    while last + 1 < len(doc) and "\n" not in doc[last + 1].text:
        last += 1
    return first, last


def _has_own_subject(verb: Token) -> bool:
    return any(child.dep_ in ("nsubj", "nsubjpass") for child in verb.children)


def _is_purpose(token: Token) -> bool:
    """"in order to ...", "so that ...", "so as to ...": why, not what."""
    if token.dep_ == "prep" and any(child.lower_ == "order" for child in token.children):
        return True
    return token.dep_ == "advcl" and any(
        child.dep_ in {"mark", "advmod"} and child.lower_ in lex.PURPOSE_MARKERS for child in token.children
    )
