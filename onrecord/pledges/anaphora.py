"""Resolve anaphoric actions: "would do so" stands for the action named just before it.

"Labour and union leaders have been calling on Tory ministers to trigger an extension
... and Ms Reeves confirmed that a Keir Starmer government would do so": the antecedent
is the nearest preceding infinitival action ("to trigger an extension ..."), taking the
outermost infinitive, so that "to build trains" inside it or the purpose "in order to
protect" does not win.
"""

from __future__ import annotations

from spacy.tokens import Doc, Token

from onrecord.pledges import lexicon as lex

_DO_FORMS = frozenset({"do", "does", "did", "doing", "done"})
_OBJECT_DEPS = frozenset({"dobj", "advmod", "oprd", "attr"})


def is_anaphoric(verb: Token) -> bool:
    """Whether ``verb`` is "do so", "do that", "do this" or "do it" with nothing else as object."""
    if verb.lower_ not in _DO_FORMS:
        return False
    objects = [child for child in verb.children if child.dep_ in _OBJECT_DEPS]
    return bool(objects) and all(child.lower_ in lex.ANAPHORIC_OBJECTS for child in objects)


def find_antecedent(doc: Doc, anaphor: Token) -> Token | None:
    """The verb of the action an anaphoric "do so" stands for, or ``None`` when none is near.

    Searches the anaphor's sentence up to the anaphor, then up to
    ``ANTECEDENT_SENTENCES - 1`` sentences before it, nearest first.
    """
    sentence = anaphor.sent
    for _ in range(lex.ANTECEDENT_SENTENCES):
        candidates = [
            token for token in sentence if token.i < anaphor.i and _is_action_infinitive(token)
        ]
        outermost = [token for token in candidates if not any(other.is_ancestor(token) for other in candidates)]
        if outermost:
            return outermost[-1]
        if sentence.start == 0:
            return None
        sentence = doc[sentence.start - 1].sent
    return None


def _is_action_infinitive(token: Token) -> bool:
    """An infinitive ("to trigger") or "to" plus gerund naming an action, not a purpose or another "do so"."""
    if not token.tag_.startswith("VB") or token.lower_ in {"be", "being"} or is_anaphoric(token):
        return False
    infinitive = any(child.dep_ == "aux" and child.tag_ == "TO" for child in token.children)
    gerund = token.tag_ == "VBG" and token.dep_ == "pcomp" and token.head.lower_ == "to"
    return (infinitive or gerund) and not _in_purpose_clause(token)


def _in_purpose_clause(token: Token) -> bool:
    """"in order to protect", "so as to keep": a reason for the action, not an action itself."""
    return token.head.lower_ in lex.PURPOSE_MARKERS or any(
        child.lower_ in lex.PURPOSE_MARKERS and child.dep_ in {"advmod", "mark"} for child in token.children
    )
