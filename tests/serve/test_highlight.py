"""Article text cut into plain and highlighted pieces: nothing lost, every statement anchored once."""

from __future__ import annotations

import datetime as dt

import pytest

from onrecord.serve.highlight import highlight
from onrecord.store import StatementHit

TEXT = 'Ms Khan said "we will reopen the pool, and the library too" on Friday.'


def _hit(statement_id: int, *content: tuple[int, int]) -> StatementHit:
    return StatementHit(statement_id, "direct", "", "said", 0.9, "Amina Khan", 1, "Ms Khan", None, None, 1, None, None,
                        None, dt.date(2024, 5, 1), None, {"content": [list(span) for span in content]})


def _marked(pieces: list) -> list[tuple[str, int | None, bool]]:
    return [(piece.text, piece.statement.id if piece.statement else None, piece.anchor) for piece in pieces]


def test_highlight_one_statement_in_two_parts_is_anchored_on_its_first_part() -> None:
    pool, library = (TEXT.index('"we'), TEXT.index(", and")), (TEXT.index("the library"), TEXT.index(" on"))
    pieces = highlight(TEXT, [_hit(7, pool, library)])
    assert "".join(piece.text for piece in pieces) == TEXT
    assert _marked(pieces) == [
        ("Ms Khan said ", None, False), ('"we will reopen the pool', 7, True), (", and ", None, False),
        ('the library too"', 7, False), (" on Friday.", None, False),
    ]


def test_highlight_nested_statement_owns_its_words_and_the_outer_one_resumes() -> None:
    outer = (TEXT.index('"we'), TEXT.index(" on"))
    inner = (TEXT.index("reopen"), TEXT.index(", and"))
    pieces = highlight(TEXT, [_hit(1, outer), _hit(2, inner)])
    assert [(text, owner) for text, owner, _ in _marked(pieces)] == [
        ("Ms Khan said ", None), ('"we will ', 1), ("reopen the pool", 2), (', and the library too"', 1),
        (" on Friday.", None),
    ]
    assert [piece.anchor for piece in pieces] == [False, True, True, False, False]


def test_highlight_a_statement_hidden_under_another_still_gets_its_anchor() -> None:
    same = (TEXT.index('"we'), TEXT.index(" on"))
    pieces = highlight(TEXT, [_hit(4, same), _hit(3, same)])
    shown = [piece for piece in pieces if piece.statement]
    assert len(shown) == 1 and shown[0].statement.id == 3 and shown[0].anchor and shown[0].anchors == (4,)


@pytest.mark.parametrize("span", [(-5, 3), (60, 500), (10, 10), (90, 95)])
def test_highlight_spans_outside_the_text_are_clipped_never_lost_text(span: tuple[int, int]) -> None:
    pieces = highlight(TEXT, [_hit(1, span)])
    assert "".join(piece.text for piece in pieces) == TEXT
    for piece in pieces:
        if piece.statement:
            assert TEXT.index(piece.text) == max(span[0], 0)


def test_highlight_a_hidden_statement_in_two_parts_is_anchored_once_at_its_first_part() -> None:
    pool, library = (TEXT.index('"we'), TEXT.index(", and")), (TEXT.index("the library"), TEXT.index(" on"))
    pieces = highlight(TEXT, [_hit(9, library, pool), _hit(3, pool, library)])
    assert [(piece.text, piece.anchors) for piece in pieces if piece.anchors] == [('"we will reopen the pool', (9,))]


@pytest.mark.parametrize("content", [(), ((200, 210),)])
def test_highlight_a_statement_without_words_in_the_text_is_anchored_at_the_top(
    content: tuple[tuple[int, int], ...],
) -> None:
    pieces = highlight(TEXT, [_hit(5, *content), _hit(6, (0, 7))])
    assert "".join(piece.text for piece in pieces) == TEXT
    assert [piece.anchors for piece in pieces] == [(5,), ()]
