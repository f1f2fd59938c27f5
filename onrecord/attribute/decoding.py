"""Decode token scores into content and source stretches (shared by prediction and training).

Content is the best-scoring contiguous stretch on each side of the cue; the weaker
side is kept only as the other half of a quotation the cue interrupts (touching the
cue or its source, or opening the sentence after the cue's). Stretches are
then cleaned of edge separators and widened to whole quotations.
"""

from __future__ import annotations

from onrecord.attribute.features import DocContext

TokenRange = tuple[int, int]


def best_stretch(scores: list[tuple[int, float]]) -> tuple[TokenRange | None, float]:
    """Best contiguous run of ``(token, score)`` pairs by total score (Kadane).

    Tokens must be given in order; whitespace tokens are left out of the list and
    do not break a run.
    """
    best: TokenRange | None = None
    best_total = 0.0
    run_start, run_total = -1, 0.0
    for token, score in scores:
        if run_total <= 0.0:
            run_start, run_total = token, 0.0
        run_total += score
        if run_total > best_total:
            best, best_total = (run_start, token + 1), run_total
    return best, best_total


def trim_punctuation(ctx: DocContext, stretch: TokenRange) -> TokenRange | None:
    """Drop separators (", : ; —") at the edges of a stretch, unless they are quoted.

    A separator next to a quotation ("He said: "…"") belongs to the sentence, not to
    the words reported; PolNeAR content never starts with one.
    """
    start, end = stretch
    while start < end and ctx.is_punct[start] and ctx.quote[start] < 0:
        start += 1
    while end > start and ctx.is_punct[end - 1] and ctx.quote[end - 1] < 0:
        end -= 1
    return (start, end) if start < end else None


def snap_to_quote(ctx: DocContext, stretch: TokenRange, lower: int, upper: int) -> TokenRange:
    """Widen a content stretch that starts or ends inside a quotation to the whole quotation.

    Token scores often fade in the later sentences of a long quotation; the marks
    say where the words of the speaker end, so they are trusted over the scores.
    """
    start, end = stretch
    first_quote, last_quote = ctx.quote[start], ctx.quote[end - 1]
    if first_quote >= 0:
        while start - 1 >= lower and ctx.quote[start - 1] == first_quote:
            start -= 1
    if last_quote >= 0:
        while end < upper and ctx.quote[end] == last_quote:
            end += 1
    return start, end


def _touches_cue(ctx: DocContext, stretch: TokenRange, cue: TokenRange, source: TokenRange | None) -> bool:
    """True when only punctuation, space or source tokens lie between a stretch and the cue."""
    gap = range(stretch[1], cue[0]) if stretch[1] <= cue[0] else range(cue[1], stretch[0])
    for i in gap:
        if source is not None and source[0] <= i < source[1]:
            continue
        if not (ctx.is_space[i] or ctx.is_punct[i]):
            return False
    return True


def _resumes_quote(ctx: DocContext, stretch: TokenRange, cue: TokenRange) -> bool:
    """True for a quotation opening the sentence after the cue's ("A," said X. "B.")."""
    first = stretch[0]
    cue_sentence = ctx.sent[cue[0]]
    return (
        first >= cue[1]
        and ctx.quote[first] >= 0
        and ctx.sent[first] == cue_sentence + 1
        and first == ctx.sent_bounds[cue_sentence + 1][0]
        and cue[0] > 0
        and ctx.quote[ctx.sent_bounds[cue_sentence][0]] >= 0
    )


def decode_content(
    ctx: DocContext, cue: TokenRange, source: TokenRange | None, scores: list[tuple[int, float]]
) -> tuple[TokenRange, ...]:
    """Content stretches of a cue from ``(token, score)`` pairs in token order.

    Args:
        ctx (DocContext): the document.
        cue (TokenRange): the cue tokens.
        source (TokenRange | None): the source tokens, never part of the content.
        scores (list[tuple[int, float]]): content log-odds minus threshold per window token.

    RETURNS (tuple[TokenRange, ...]): the content fragments in document order.
    """
    start, end = cue
    if source is not None:
        scores = [(i, float("-inf") if source[0] <= i < source[1] else s) for i, s in scores]
    sides = [
        (best_stretch([pair for pair in scores if pair[0] < start]), "before"),
        (best_stretch([pair for pair in scores if pair[0] >= end]), "after"),
    ]
    kept = sorted(
        ((stretch, total, side) for (stretch, total), side in sides if stretch and total > 0.0),
        key=lambda item: -item[1],
    )
    content = []
    for rank, (stretch, _, side) in enumerate(kept):
        # A second fragment is only the other half of a quote interrupted by the cue
        # ("A," she said, "B"), so it must touch the cue or its source.
        if rank and not (_touches_cue(ctx, stretch, cue, source) or _resumes_quote(ctx, stretch, cue)):
            continue
        lower, upper = (0, start) if side == "before" else (end, len(ctx.lower))
        trimmed = trim_punctuation(ctx, stretch)
        if trimmed is not None:
            content.append(snap_to_quote(ctx, trimmed, lower, upper))
    return tuple(sorted(content))


# Words that open a clause: the reported words begin with them ("said that …").
COMPLEMENTIZERS = frozenset({"that", "whether", "if", "as", "because", "like", "before", "after", "while", "though"})


def attach_preposition(
    ctx: DocContext, cue: TokenRange, content: tuple[TokenRange, ...]
) -> tuple[TokenRange, tuple[TokenRange, ...]]:
    """Move a preposition governed by the cue from the content's start into the cue.

    In "called for a recount" or "spoke about the plant" the preposition belongs to
    the reporting phrase ("called for"), as PolNeAR annotates it; a complementizer
    ("said that …") stays with the reported words.
    """
    if not content:
        return cue, content
    first_start, first_end = content[0]
    i = first_start
    if (
        cue[1] <= i < first_end - 1
        and all(ctx.is_space[j] for j in range(cue[1], i))
        and ctx.tag[i] in ("IN", "RP")
        and ctx.lower[i] not in COMPLEMENTIZERS
        and cue[0] <= ctx.head[i] < cue[1]
    ):
        return (cue[0], i + 1), ((i + 1, first_end), *content[1:])
    return cue, content
