"""What a pledge concerns: places, organisations and groups named inside its action."""

from __future__ import annotations

from spacy.tokens import Doc

from onrecord.pledges import lexicon as lex
from onrecord.types import CharSpan


def find_targets(doc: Doc, action_spans: tuple[CharSpan, ...]) -> tuple[CharSpan, ...]:
    """Spans of the entities (ORG, GPE, LOC, FAC, NORP) and group nouns inside ``action_spans``.

    A group noun ("train manufacturers", "pensioners") is taken with the nouns
    compounded onto it.

    Args:
        doc (Doc): the parsed document.
        action_spans (tuple[CharSpan, ...]): the pledge's action.

    RETURNS (tuple[CharSpan, ...]): distinct target spans in text order.
    """
    def inside(start: int, end: int) -> bool:
        return any(a <= start and end <= b for a, b in action_spans)

    found: set[CharSpan] = set()
    for entity in doc.ents:
        if entity.label_ in lex.TARGET_ENTITY_LABELS and inside(entity.start_char, entity.end_char):
            found.add((entity.start_char, entity.end_char))
    for a, b in action_spans:
        for token in doc.char_span(a, b, alignment_mode="expand") or ():
            if token.lower_ in lex.TARGET_GROUP_NOUNS and not token.ent_type_:
                first = min((child for child in token.lefts if child.dep_ == "compound"), default=token, key=lambda t: t.i)
                found.add((first.idx, token.idx + len(token.text)))
    return tuple(sorted(found))
