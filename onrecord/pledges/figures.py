"""Figures a statement asserts ("750 jobs", "1,300", "£2bn", "10%"): claims a fact-checker can test.

Built from the entity recogniser's CARDINAL, MONEY, PERCENT and QUANTITY entities, plus
any number with digits it missed; dates and times are not figures, and neither are small
number words ("two things"). A count takes the noun it counts ("750 jobs",
"750-strong workforce", "hundreds of jobs").
"""

from __future__ import annotations

from collections.abc import Iterable

from spacy.tokens import Doc, Token

from onrecord.pledges import lexicon as lex
from onrecord.types import CharSpan

_NOT_FIGURE_ENTITIES = frozenset({"DATE", "TIME", "ORDINAL"})


def find_figures(doc: Doc, token_ids: Iterable[int]) -> tuple[CharSpan, ...]:
    """Character spans of the figures among the statement tokens ``token_ids``.

    Args:
        doc (Doc): the parsed document.
        token_ids (Iterable[int]): indices of the statement's content tokens.

    RETURNS (tuple[CharSpan, ...]): one span per figure, in text order.
    """
    inside = set(token_ids)
    figures: list[tuple[int, int]] = []
    for entity in doc.ents:
        if entity.label_ in lex.FIGURE_ENTITY_LABELS and entity.start in inside and _is_figure(entity.label_, entity):
            figures.append((entity.start, entity.end))
    covered = {i for start, end in figures for i in range(start, end)}
    for i in sorted(inside):
        token = doc[i]
        if i not in covered and token.ent_type_ not in _NOT_FIGURE_ENTITIES and _has_digit(token) and token.like_num:
            figures.append((i, i + 1))
    spans = {_with_counted_noun(doc, start, end, inside) for start, end in figures}
    return tuple(sorted((doc[start].idx, doc[end - 1].idx + len(doc[end - 1].text)) for start, end in spans))


def _is_figure(label: str, tokens: Iterable[Token]) -> bool:
    """Money, percentages and quantities with a number in them ("every penny" is no figure);
    counts only with digits or a scale word ("two things" is none either)."""
    if label != "CARDINAL":
        return any(_has_digit(token) or token.like_num or token.lower_ in lex.SCALE_WORDS for token in tokens)
    return any(_has_digit(token) or token.lower_ in lex.SCALE_WORDS for token in tokens)


def _has_digit(token: Token) -> bool:
    return any(character.isdigit() for character in token.text)


def _with_counted_noun(doc: Doc, start: int, end: int, inside: set[int]) -> tuple[int, int]:
    """Widen a number over its currency sign, over "-strong" and over the noun or unit it counts."""
    if start > 0 and doc[start - 1].tag_ == "$" and start - 1 in inside:
        start -= 1
    if end + 1 < len(doc) and doc[end].tag_ == "HYPH" and doc[end + 1].is_alpha and end + 1 in inside:
        end += 2
    if end < len(doc) and end in inside and doc[end].tag_ in {"NNS", "NN"} and doc[end].i in {
        token.head.i for token in doc[start:end]
    }:
        return start, end + 1
    if (
        end + 1 < len(doc)
        and doc[end - 1].lower_ in lex.SCALE_WORDS
        and doc[end].lower_ == "of"
        and doc[end + 1].tag_ in {"NNS", "NN"}
        and end + 1 in inside
    ):
        return start, end + 2
    return start, end
