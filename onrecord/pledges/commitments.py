"""Find the clauses of a statement that commit someone to a future action, from the parse.

Two signals, read from the dependency parse (the pipeline has no lemmatizer):

1. **Commitment words** with a complement: "pledged to end", "is committed to finding",
   "its pledges to try", "I am determined to work", "vowed that taxes would not rise".
   These commit their subject (the speaker when the subject is the statement's source).
2. **Future modals**: "we will do that", "a Labour government would act", "I'll do
   anything", "we are going to build". Guesses, wishes and counterfactuals ("would have
   been", "would like to", "things would be different"), questions and the frames of
   ``frames.py`` ("I'll tell you", "thinking we're going to", "Were the court to ...,
   it would") are not commitments.
"""

from __future__ import annotations

from collections.abc import Collection, Iterator
from dataclasses import dataclass

from spacy.tokens import Doc, Token

from onrecord.pledges import lexicon as lex
from onrecord.pledges.frames import dated_before_latest_year, is_uncommitted

_SUBJECT_DEPS = ("nsubj", "nsubjpass")
_COMPLEMENT_VERB_DEPS = frozenset({"xcomp", "acl", "advcl", "ccomp"})
_COPULA_ATTACHMENTS = frozenset({"acomp", "amod", "oprd"})


@dataclass(frozen=True, slots=True)
class Commitment:
    """A committing clause, as token indices into the ``Doc``.

    ``actor`` heads the phrase naming who would act ("a Labour government" in "committed
    that a Labour government would act"); ``committer`` heads the commitment word's
    subject ("Reeves"). ``None`` means the statement's speaker (the subject is its
    source). ``explicit`` commitments (stated with a commitment word) bind whoever they
    name; modal ones only count when the speaker can commit for the actor.
    """

    trigger: int
    action_head: int
    actor: int | None
    committer: int | None
    explicit: bool
    hypothetical: bool


def find_commitments(doc: Doc, token_ids: Collection[int]) -> list[Commitment]:
    """Return the commitments among the statement tokens ``token_ids``, in text order.

    Args:
        doc (Doc): the parsed document.
        token_ids (Collection[int]): indices of the statement's content and cue tokens.

    RETURNS (list[Commitment]): one per action, the first signal found for it kept.
    """
    found: dict[int, Commitment] = {}
    for i in sorted(token_ids):
        token = doc[i]
        commitment = _stated_commitment(token, token_ids) or _modal_commitment(token, token_ids)
        if commitment is not None and commitment.action_head not in found:
            found[commitment.action_head] = commitment
    return sorted(found.values(), key=lambda commitment: commitment.trigger)


def _stated_commitment(token: Token, token_ids: Collection[int]) -> Commitment | None:
    """A commitment word with an action complement: "pledged to end", "committed that ... would"."""
    lower = token.lower_
    if not lower.startswith(lex.COMMITMENT_STEMS) or lower in lex.NOT_COMMITMENT_WORDS or _negated(token):
        return None
    if lower.startswith(lex.ADJECTIVE_ONLY_STEMS) and token.dep_ not in _COPULA_ATTACHMENTS:
        return None
    action = _complement(token)
    if action is None or _is_question(action) or dated_before_latest_year(action):
        return None
    committer = _committer(token)
    if committer is None:
        return None  # "Promise me you'll ...", "a promise to ...": nobody named commits
    committer_id = committer.i if committer.i in token_ids else None
    actor = _subject(action) if action.dep_ == "ccomp" else None
    return Commitment(
        trigger=token.i,
        action_head=action.i,
        actor=actor.i if actor is not None and actor.i in token_ids else committer_id,
        committer=committer_id,
        explicit=True,
        hypothetical=_has_modal(action, lex.HYPOTHETICAL_MODALS),
    )


def _modal_commitment(token: Token, token_ids: Collection[int]) -> Commitment | None:
    """A future modal on an action verb with a subject: "we will", "a Labour government would"."""
    verb = _future_verb(token)
    if verb is None or verb.i not in token_ids or _is_question(verb):
        return None
    # "if I'm going to pay": the condition clause is headed by "going", not by the verb.
    if verb.lower_ in lex.NON_COMMITTAL_VERBS or _is_perfect(verb) or _is_condition(verb) or _is_condition(token):
        return None
    if is_uncommitted(token, verb):
        return None
    actor = _subject(verb)
    if actor is None or actor.i not in token_ids:
        return None
    return Commitment(
        trigger=token.i,
        action_head=verb.i,
        actor=actor.i,
        committer=actor.i,
        explicit=False,
        hypothetical=token.lower_ in lex.HYPOTHETICAL_MODALS,
    )


def _future_verb(token: Token) -> Token | None:
    """The verb a future modal ("will", "'ll", "would") or "going to" puts in the future."""
    if token.tag_ == "MD" and token.dep_ == "aux" and token.lower_ in lex.FUTURE_MODALS:
        return token.head
    if token.lower_ == "going" and any(child.dep_ == "aux" for child in token.children):
        return next((child for child in token.children if child.dep_ == "xcomp" and _is_infinitive(child)), None)
    return None


def _complement(token: Token) -> Token | None:
    """The action a commitment word takes: an infinitive, "to" plus a gerund, a that-clause,
    or, for a promising verb, the thing promised ("has promised free bus travel")."""
    for child in token.children:
        # An if-clause the parser hung on the verb as a complement conditions the promise.
        if child.left_edge.lower_ in lex.CONDITION_MARKERS or not child.is_alpha:
            continue
        if child.dep_ in _COMPLEMENT_VERB_DEPS and (_is_infinitive(child) or child.dep_ == "ccomp"):
            return child
        if child.dep_ == "prep" and child.lower_ == "to":
            gerund = next((grand for grand in child.children if grand.tag_ == "VBG"), None)
            if gerund is not None:
                return gerund
    if _promises_by_itself(token):
        return next((child for child in token.children if child.dep_ == "dobj" and _names_a_thing(child)), None)
    return None


def _promises_by_itself(token: Token) -> bool:
    """A promising verb with its own subject: "Labour has pledged", not "pledged delegates"
    or "asking supporters to pledge their loyalty" (a request, not a pledge)."""
    if not (token.tag_.startswith("VB") and token.lower_.startswith(lex.PROMISED_THING_STEMS)):
        return False
    # A conjunct with no "and"/"but" before it is the parser's guess ("leads by 271
    # pledged delegates").
    if token.dep_ == "conj" and not any(child.dep_ == "cc" and child.i < token.i for child in token.head.children):
        return False
    first_conjunct = token
    while first_conjunct.dep_ == "conj" and first_conjunct.head is not first_conjunct:
        first_conjunct = first_conjunct.head
    return any(child.dep_ in _SUBJECT_DEPS for child in first_conjunct.children)


def _names_a_thing(noun: Token) -> bool:
    """A noun phrase that says what is promised: not "it", "nothing" or "the same"."""
    return noun.tag_.startswith("NN") and noun.lower_ not in lex.EMPTY_PROMISED_THINGS


def _committer(token: Token) -> Token | None:
    """Who a commitment word commits: its subject, the copula's ("it is committed"), or the owner ("its pledges")."""
    if token.pos_ == "NOUN" or token.tag_.startswith("NN"):
        owner = next((child for child in token.children if child.dep_ == "poss"), None)
        return owner if owner is not None else _subject(token.head)
    subject = _subject(token)
    if subject is None and token.dep_ in _COPULA_ATTACHMENTS:
        subject = _subject(token.head)
    if subject is None:  # the parser may hang the subject on the auxiliary ("the government was committed")
        auxiliaries = (child for child in token.children if child.dep_ in ("aux", "auxpass"))
        subject = next((grand for aux in auxiliaries for grand in aux.children if grand.dep_ in _SUBJECT_DEPS), None)
    return subject


def _subject(verb: Token) -> Token | None:
    """The subject of ``verb``, shared from the first conjunct ("... and will do that") or the
    controlling verb ("we are going to repair")."""
    while True:
        subject = next((child for child in verb.children if child.dep_ in _SUBJECT_DEPS), None)
        if subject is not None or verb.dep_ not in ("conj", "xcomp") or verb.head is verb:
            return subject
        verb = verb.head


def _is_infinitive(verb: Token) -> bool:
    return any(child.dep_ == "aux" and child.tag_ == "TO" for child in verb.children)


def _has_modal(verb: Token, modals: Collection[str]) -> bool:
    return any(child.dep_ == "aux" and child.lower_ in modals for child in verb.children)


def _is_perfect(verb: Token) -> bool:
    """"would have been": a counterfactual about the past, never a commitment."""
    return any(child.dep_ == "aux" and child.lower_ in {"have", "'ve", "’ve"} for child in verb.children)


def _is_condition(verb: Token) -> bool:
    """The verb heads an if-clause ("if we would"), which conditions rather than commits."""
    return verb.dep_ == "advcl" and any(
        child.dep_ == "mark" and child.lower_ in lex.CONDITION_MARKERS for child in verb.children
    )


def _negated(token: Token) -> bool:
    """"has not committed", "refused to pledge": no commitment is made."""
    holders: Iterator[Token] = iter((token, token.head)) if token.dep_ in _COPULA_ATTACHMENTS else iter((token,))
    if any(child.dep_ == "neg" for holder in holders for child in holder.children):
        return True
    return token.head.lower_ in lex.REFUSAL_WORDS


def _is_question(token: Token) -> bool:
    """The clause's sentence asks rather than states ("Will Labour cut taxes?")."""
    return token.sent.text.rstrip(" \n\"'”’").endswith("?")
