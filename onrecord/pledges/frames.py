"""Frames that take the commitment out of a future modal: "will" or "would" that does not promise.

A modal clause ("we will", "it would", "I'm going to") commits its subject only when
nothing around it says otherwise. Read from the parse, these frames say otherwise:

- **discourse**: "I'll tell you", "I'll say this", "I'll have more to say", "I'm going
  to read you the question": the speaker announces their own next words;
- **idiom**: "I'll be damned if ...";
- **belief**: the clause is the complement of a belief word ("thinking we're going to
  shut up", "she was sure Trump would triumph"): a guess, often someone else's;
- **counterfactual**: "would" with a subjunctive condition ("Were the court to make
  ..., it would", "if he were elected, he would");
- **past frame**: "would" inside a temporal clause ("the days when he would return",
  "before it would accept her"), under a past perfect report ("had said they would"),
  or dated to a year before the article's latest one ("in the year 2000 it would");
- **refusal**: "he will refuse to answer", "I am not going to follow a script": a
  refusal to respond or comply, unlike "we will not raise taxes".
"""

from __future__ import annotations

from spacy.tokens import Token

from onrecord.pledges import lexicon as lex

# Not "conj": "I think Cruz is best, and I'm going to help him" still commits.
_COMPLEMENT_DEPS = frozenset({"ccomp", "xcomp", "advcl", "acomp"})
_SUBJECT_DEPS = ("nsubj", "nsubjpass")


def is_uncommitted(modal: Token, verb: Token) -> bool:
    """Whether a frame around the future ``modal`` (or "going") and its ``verb`` rules out a commitment."""
    return (
        _is_discourse(verb)
        or _is_idiom(verb)
        or _is_belief(modal)
        or (modal.lower_ in lex.HYPOTHETICAL_MODALS and (_is_counterfactual(verb) or _in_past_frame(verb)))
        or _is_refusal(modal, verb)
    )


def _is_discourse(verb: Token) -> bool:
    """"I'll tell you", "I'll have more to say": the speaker's own next words."""
    if verb.lower_ in lex.SPEECH_ACT_VERBS:
        return True
    return verb.lower_ in {"have", "'ve"} and any(
        grand.lower_ in lex.SPEECH_ACT_VERBS for child in verb.children if child.dep_ == "dobj" for grand in child.children
    )


def _is_idiom(verb: Token) -> bool:
    """"I'll be damned": a curse, not a plan."""
    return verb.lower_ == "be" and any(child.lower_ in lex.IDIOM_PREDICATES for child in verb.children)


def _is_belief(modal: Token) -> bool:
    """The modal's clause is the complement of "think", "sure", "expect" and the like."""
    clause = modal.head if modal.dep_ == "aux" else modal
    while clause.dep_ in _COMPLEMENT_DEPS and clause.head is not clause:
        clause = clause.head
        if clause.lower_ in lex.BELIEF_WORDS:
            return True
    return False


def _is_counterfactual(verb: Token) -> bool:
    """"Were the court to make ..., it would", "if he were president, he would": a subjunctive condition."""
    for clause in verb.children:
        # The parser hangs a fronted "Were X to ..." on the main verb as advcl or ccomp.
        if clause.dep_ not in {"advcl", "ccomp"} or clause.i > verb.i:
            continue
        subject = next((child for child in clause.children if child.dep_ in _SUBJECT_DEPS), None)
        inverted = clause.lower_ in lex.SUBJUNCTIVE_AUXILIARIES and subject is not None and subject.i > clause.i
        subjunctive_if = clause.lower_ == "were" and any(
            child.dep_ == "mark" and child.lower_ in lex.CONDITION_MARKERS for child in clause.children
        )
        if inverted or subjunctive_if:
            return True
    return False


def _in_past_frame(verb: Token) -> bool:
    """"would" about a time already past: a temporal clause, a past perfect report, or an earlier year."""
    if verb.dep_ in {"relcl", "advcl"} and any(
        child.lower_ in lex.TEMPORAL_SUBORDINATORS and child.dep_ in {"advmod", "mark"} for child in verb.children
    ):
        return True
    report = verb.head
    if verb.dep_ == "ccomp" and any(child.dep_ == "aux" and child.lower_ in {"had", "'d"} for child in report.children):
        return True
    return dated_before_latest_year(verb)


def dated_before_latest_year(verb: Token) -> bool:
    """The clause names a year earlier than the latest year the text mentions ("in the year 2000")."""
    years = [int(token.text) for token in verb.doc if _is_year(token)]
    if not years:
        return False
    latest = max(years)
    own = (
        token
        for child in verb.children
        if child.dep_ in {"prep", "npadvmod", "advmod"}
        for token in child.subtree
    )
    return any(_is_year(token) and int(token.text) < latest for token in own)


def _is_year(token: Token) -> bool:
    return token.like_num and len(token.text) == 4 and token.text.isdigit() and 1800 <= int(token.text) <= 2100


def _is_refusal(modal: Token, verb: Token) -> bool:
    """"will refuse to answer", "not going to follow a script": declining to respond or comply."""
    if verb.lower_ in lex.REFUSAL_WORDS:
        return True
    negated = any(child.dep_ == "neg" for holder in (modal, verb, modal.head) for child in holder.children)
    return negated and verb.lower_ in lex.COMPLIANCE_VERBS
