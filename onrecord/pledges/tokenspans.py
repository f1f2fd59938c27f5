"""Turn sets of tokens into character spans: contiguous runs, trimmed of edge punctuation."""

from __future__ import annotations

from collections.abc import Iterable

from spacy.tokens import Doc, Token

from onrecord.types import CharSpan

# Tokens never at the edge of an action, condition or figure span.
_EDGE_DEPS = frozenset({"punct", "cc", "mark", "aux", "prep"})
_EDGE_TAGS = frozenset({",", ".", ":", "``", "''", "-LRB-", "-RRB-", "HYPH", "_SP", "CC"})
_QUOTE_TAGS = frozenset({"``", "''"})


def token_char_spans(doc: Doc, token_ids: Iterable[int]) -> tuple[CharSpan, ...]:
    """Character spans of the runs of consecutive ``token_ids``, trimmed of edge punctuation.

    Args:
        doc (Doc): the parsed document.
        token_ids (Iterable[int]): the tokens to cover, in any order.

    RETURNS (tuple[CharSpan, ...]): one ``(start, end)`` per run that keeps a word.
    """
    spans: list[CharSpan] = []
    # A quotation mark inside the phrase splits it: 'put passengers first" by bringing'
    # reads as two spans, not as one with a stray mark.
    words = sorted({i for i in token_ids if doc[i].tag_ not in _QUOTE_TAGS})
    for run in _runs(words):
        tokens = [doc[i] for i in run]
        while tokens and _is_edge(tokens[0], first=True):
            tokens.pop(0)
        while tokens and _is_edge(tokens[-1], first=False):
            tokens.pop()
        if tokens:
            spans.append((tokens[0].idx, tokens[-1].idx + len(tokens[-1].text)))
    return tuple(spans)


def _runs(ids: list[int]) -> Iterable[list[int]]:
    run: list[int] = []
    for i in ids:
        if run and i != run[-1] + 1:
            yield run
            run = []
        run.append(i)
    if run:
        yield run


def _is_edge(token: Token, *, first: bool) -> bool:
    """Punctuation, a conjunction, or a dangling "to"/"that" at the start or end of a run."""
    if token.tag_ in _EDGE_TAGS or token.is_space:
        return True
    # A preposition or auxiliary at the end dangles; at the start it may open the phrase
    # ("to bring forward"), so only "to" and "that" markers are dropped there.
    if first:
        return token.dep_ in {"aux", "mark"} and token.lower_ in {"to", "that"}
    return token.dep_ in _EDGE_DEPS
