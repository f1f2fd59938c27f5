"""An article's text cut into pieces, each either plain or inside one statement's words.

The page template writes each piece through Jinja's autoescaping, plain or inside a
``<mark>``, so no text of an article ever reaches the page unescaped. Statement spans
may nest or overlap (a quotation inside a longer reported statement); HTML marks cannot
overlap, so each piece belongs to the innermost statement covering it.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from onrecord.store import StatementHit


@dataclass(frozen=True, slots=True)
class Piece:
    """A run of text: inside ``statement``'s words (None: plain text).

    ``anchor`` marks the piece that carries the statement's ``id="s<id>"``; ``anchors``
    are statements never shown (hidden entirely under another, or without words in the
    text), anchored just before this piece.
    """

    text: str
    statement: StatementHit | None = None
    anchor: bool = False
    anchors: tuple[int, ...] = ()


def highlight(text: str, statements: Sequence[StatementHit]) -> list[Piece]:
    """Cut ``text`` at every content span boundary of ``statements`` (spans outside it are clipped).

    Returns:
        list[Piece]: pieces whose texts join back to ``text`` exactly.
    """
    spans = [
        (max(start, 0), min(end, len(text)), hit)
        for hit in statements
        for start, end in hit.spans.get("content", [])
        if max(start, 0) < min(end, len(text))
    ]
    cuts = sorted({0, len(text), *(start for start, _, _ in spans), *(end for _, end, _ in spans)})
    owners = [_innermost(spans, start, end) for start, end in zip(cuts, cuts[1:], strict=False)]
    merged: list[tuple[int, int, StatementHit | None]] = []
    for (start, end), owner in zip(zip(cuts, cuts[1:], strict=False), owners, strict=True):
        if merged and merged[-1][2] is owner:
            merged[-1] = (merged[-1][0], end, owner)
        else:
            merged.append((start, end, owner))
    shown = {owner.id for owner in owners if owner is not None}
    first_starts: dict[int, int] = {}
    for start, _, hit in spans:
        first_starts[hit.id] = min(start, first_starts.get(hit.id, start))
    # A statement never shown is anchored once: where its words begin, or at the top when none are in the text.
    hidden: dict[int, list[int]] = {}
    for statement_id in dict.fromkeys(hit.id for hit in statements):
        if statement_id not in shown:
            hidden.setdefault(first_starts.get(statement_id, 0), []).append(statement_id)
    pieces, anchored = [], set()
    for start, end, owner in merged:
        first = owner is not None and owner.id not in anchored
        if owner is not None:
            anchored.add(owner.id)
        anchors = tuple(sorted(sid for cut, ids in hidden.items() if start <= cut < end for sid in ids))
        pieces.append(Piece(text[start:end], owner, first, anchors))
    return pieces


def _innermost(
    spans: Sequence[tuple[int, int, StatementHit]], start: int, end: int
) -> StatementHit | None:
    """The statement covering ``[start, end)`` that begins last (then ends first, then lowest id)."""
    covering = [(span_start, -span_end, -hit.id, hit) for span_start, span_end, hit in spans
                if span_start <= start and end <= span_end]
    return max(covering, key=lambda entry: entry[:3])[3] if covering else None
