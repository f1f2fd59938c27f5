"""Find quotations in raw text: straight, curly and single marks, across paragraphs.

Newspaper style opens a quotation again at the start of each paragraph it runs
over and closes it only at the end, so an unclosed quotation that reaches the end of
its paragraph ``continues`` in the next paragraph that opens with a quotation mark.
Boilerplate paragraphs (adverts, captions) between the two are skipped.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from onrecord.attribute.boilerplate import Paragraph, split_paragraphs

OPENING_DOUBLE = "“„«"
CLOSING_DOUBLE = "”»"
STRAIGHT_DOUBLE = '"'
TWO_APOSTROPHES = "''"
DOUBLE_MARKS = OPENING_DOUBLE + CLOSING_DOUBLE + STRAIGHT_DOUBLE

# A single mark opens a quotation only at a word start and closes it only at a word
# end, so the apostrophes of "don't" and "Reeves' plan" never count.
_SINGLE_OPEN = re.compile(r"(?:(?<=^)|(?<=[\s(\[—–-]))[‘'](?=\w)")
_SINGLE_CLOSE = re.compile(r"(?<=[\w.,!?…])[’'](?=[\s.,;:!?)\]—–-]|$)")
# "Reeves' plan": an apostrophe after s and before a lower-case word is a possessive.
_POSSESSIVE = re.compile(r"s[’'] [a-z]")


@dataclass(frozen=True, slots=True)
class Quote:
    """A quotation, marks included; an unclosed one ends with its paragraph.

    ``continues`` is True when the quotation was left open at the end of its
    paragraph and goes on in ``next_index`` (an index into the same list).
    """

    start: int
    end: int
    continues: bool = False
    next_index: int | None = None


def _double_marks(text: str, para: Paragraph) -> list[tuple[int, int, str]]:
    """``(start, end, kind)`` of each double mark; two apostrophes ('') count as one."""
    marks = []
    offset = para.start
    while offset < para.end:
        char = text[offset]
        if char in DOUBLE_MARKS:
            marks.append((offset, offset + 1, char))
        elif text.startswith(TWO_APOSTROPHES, offset):
            # Wire copy (NYT, AP) writes ''quoted words'' with doubled apostrophes.
            marks.append((offset, offset + 2, STRAIGHT_DOUBLE))
            offset += 1
        offset += 1
    return marks


def _double_quotes(text: str, para: Paragraph) -> list[tuple[int, int, bool]]:
    """Return ``(start, end, closed)`` for each double-quoted stretch in a paragraph."""
    found: list[tuple[int, int, bool]] = []
    open_at: int | None = None
    for start, end, char in _double_marks(text, para):
        if open_at is None:
            # A closing mark where a quotation opens ("”Fear. I am…") is a typo for an
            # opening one: it follows a space or the line start and precedes a word.
            opens_here = (start == para.start or text[start - 1].isspace()) and end < para.end and not text[end].isspace()
            if char not in CLOSING_DOUBLE or opens_here:
                open_at = start
        elif char not in OPENING_DOUBLE:
            found.append((open_at, end, True))
            open_at = None
        else:
            # Two opening curly marks in a row: the first was never closed.
            open_at = start
    if open_at is not None:
        found.append((open_at, para.end, False))
    return found


def _single_quotes(text: str, para: Paragraph, taken: list[tuple[int, int, bool]]) -> list[tuple[int, int, bool]]:
    """Return single-quoted stretches of a paragraph that lie outside double quotes.

    A curly opening mark with no closing one in its paragraph runs to the paragraph's
    end, like an unclosed double quotation (British style quotes with single marks).
    """
    segment = text[para.start : para.end]
    opens = [para.start + m.start() for m in _SINGLE_OPEN.finditer(segment)]
    closes = [
        para.start + m.start()
        for m in _SINGLE_CLOSE.finditer(segment)
        if not _POSSESSIVE.match(text, para.start + m.start() - 1)
    ]
    found: list[tuple[int, int, bool]] = []
    for start in opens:
        if (found and start < found[-1][1]) or any(a <= start < b for a, b, _ in taken):
            continue
        close = next((offset for offset in closes if offset > start), None)
        if close is not None:
            found.append((start, close + 1, True))
        elif text[start] == "‘":
            found.append((start, para.end, False))
    return found


def find_quotes(text: str, paragraphs: list[Paragraph] | None = None) -> list[Quote]:
    """Find every quotation of ``text`` in order, linking multi-paragraph ones.

    Args:
        text (str): the article text.
        paragraphs (list[Paragraph] | None): its paragraphs, if already split.

    RETURNS (list[Quote]): quotations sorted by start offset.
    """
    paragraphs = paragraphs if paragraphs is not None else split_paragraphs(text)
    stretches: list[tuple[int, int, bool, int]] = []
    for number, para in enumerate(paragraphs):
        if para.boilerplate:
            continue
        doubles = _double_quotes(text, para)
        singles = _single_quotes(text, para, doubles)
        for start, end, closed in sorted(doubles + singles):
            stretches.append((start, end, closed, number))
    quotes: list[Quote] = []
    for index, (start, end, closed, number) in enumerate(stretches):
        following = stretches[index + 1] if index + 1 < len(stretches) else None
        continues = (
            not closed
            and following is not None
            and following[0] == _first_content_offset(paragraphs, number + 1, following[3])
        )
        quotes.append(
            Quote(
                start=start,
                end=end if closed else _strip_end(text, start, end),
                continues=continues,
                next_index=index + 1 if continues else None,
            )
        )
    return quotes


def _strip_end(text: str, start: int, end: int) -> int:
    """End offset of an unclosed quotation, without trailing whitespace."""
    while end > start + 1 and text[end - 1].isspace():
        end -= 1
    return end


def _first_content_offset(paragraphs: list[Paragraph], first: int, target: int) -> int | None:
    """Start of the first non-boilerplate paragraph from ``first`` up to paragraph ``target``."""
    for number in range(first, target + 1):
        if not paragraphs[number].boilerplate:
            return paragraphs[number].start
    return None
