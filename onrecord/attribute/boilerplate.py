"""Split text into paragraphs and flag the boilerplate ones (adverts, captions).

Publishers drop adverts, subscription prompts and photo captions into the middle of
articles, often between two paragraphs of one quotation. Such a paragraph is never a
statement and must not end a running quotation, so it is flagged here, once, and every
later stage skips it. The patterns are generic publisher furniture, not one site's.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass


def _compile(*patterns: str) -> tuple[re.Pattern[str], ...]:
    return tuple(re.compile(pattern, re.IGNORECASE) for pattern in patterns)


# Whole-line furniture: safe anywhere.
LINE_PATTERNS = _compile(
    r"^\s*(hide ad|advertisement|advert|sponsored( content)?|ad feature)\s*$",
    r"^\s*(read more|related|recommended|most read|more on this story|watch)\s*[:|-]",
    r"^\s*(picture|photo|image|pic|credit|video)\s*:",
    r"\((picture|photo|image|pic|credit)s?\s*:[^)]*\)\s*$",
    r"^\W*follow\s+(@?[\w.]+\s+){1,3}on\s+(twitter|x|facebook|instagram|threads|bluesky)\b",
)
# Promotional phrases that may also occur in reported speech ("Just click here," he
# said): they mark a paragraph only when it has no quotation mark.
PROMOTION_PATTERNS = _compile(
    r"\bsubscribe (now|today|here)\b",
    r"#subscribe\w*",
    r"\bsign up (now|today|here|to our|for our)\b",
    r"\bclick here\b",
    r"\bdon[’']t miss (a beat|out)\b",
    r"\b(follow us on|share this article|copy link)\b",
)
QUOTATION_MARKS = frozenset("\"“”„«»‘’")
# A caption credit such as "The Northern Echo:" on a line of its own: only capitalised
# words, so a cue line like "Mr Smith said:" is never mistaken for one.
CAPTION_LABEL = re.compile(r"^(?:[A-Z][\w&’'.-]*\s+){0,5}[A-Z][\w&’'.-]*\s*:$")
# Every paragraph of an article is scanned; lines this long are prose, not furniture.
MAX_BOILERPLATE_CHARS = 400


@dataclass(frozen=True, slots=True)
class Paragraph:
    """A line of text between newlines; ``boilerplate`` marks publisher furniture."""

    start: int
    end: int
    boilerplate: bool


def is_boilerplate(line: str) -> bool:
    """Tell whether one paragraph is advert, prompt or caption furniture."""
    if len(line) > MAX_BOILERPLATE_CHARS:
        return False
    stripped = line.strip()
    if stripped and unicodedata.category(stripped[0]) == "So":
        # Lines opening with an emoji or a pictograph are promotional in news pages.
        return True
    if CAPTION_LABEL.match(stripped) or any(pattern.search(stripped) for pattern in LINE_PATTERNS):
        return True
    quoted = any(char in QUOTATION_MARKS for char in stripped)
    return not quoted and any(pattern.search(stripped) for pattern in PROMOTION_PATTERNS)


def split_paragraphs(text: str) -> list[Paragraph]:
    """Split ``text`` on newlines into non-empty paragraphs with exact offsets."""
    paragraphs = []
    for match in re.finditer(r"[^\n]+", text):
        start, end = match.span()
        while start < end and text[start].isspace():
            start += 1
        while end > start and text[end - 1].isspace():
            end -= 1
        if start < end:
            paragraphs.append(Paragraph(start, end, is_boilerplate(text[start:end])))
    return paragraphs
