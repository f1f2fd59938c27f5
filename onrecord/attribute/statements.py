"""Turn predicted token attributions into ``Statement`` objects with character spans.

1. Token ranges become character spans; a content range never covers a boilerplate
   paragraph (an advert inside a quotation is cut out of it).
2. A quotation left open at the end of a paragraph goes on in the next paragraph that
   opens with a quotation mark, and a paragraph made only of a quotation, with no cue
   of its own, continues the statement before it: each such paragraph is a statement
   of its own with the same cue and speaker (until a paragraph holding a cue).
4. The kind (direct, mixed, indirect) follows from how much of the content is quoted.
5. Sources are resolved to speakers across the document.
"""

from __future__ import annotations

from collections.abc import Sequence

from spacy.tokens import Span

from onrecord.attribute.features import DocContext
from onrecord.attribute.model import TokenAttribution, TokenRange
from onrecord.attribute.quotes import Quote
from onrecord.attribute.speakers import resolve_speakers
from onrecord.types import CharSpan, Statement, StatementKind

# A dash credit's dash may come glued to the closing mark before it ("”―").
CLOSING_MARKS = frozenset("\"”’'")
DASH_CHARS = frozenset("―—–")
# Share of content characters inside quotation marks above which a statement is direct.
DIRECT_QUOTED_SHARE = 0.9


def token_char_span(ctx: DocContext, tokens: TokenRange) -> CharSpan:
    """Character span covering tokens ``[start, end)``."""
    doc = ctx.doc
    last = doc[tokens[1] - 1]
    return doc[tokens[0]].idx, last.idx + len(last.text)


def _cue_char_span(ctx: DocContext, tokens: TokenRange) -> CharSpan:
    """A cue's char span, without the closing mark a dash credit's token carries ("”―")."""
    start, end = token_char_span(ctx, tokens)
    first = ctx.doc[tokens[0]].text
    if len(first) > 1 and first[0] in CLOSING_MARKS and first[1] in DASH_CHARS:
        start += 1
    return start, end


def _content_char_span(ctx: DocContext, tokens: TokenRange) -> CharSpan:
    """A content's char span, without the credit dash glued to its closing mark ("”―")."""
    start, end = token_char_span(ctx, tokens)
    last = ctx.doc[tokens[1] - 1].text
    if len(last) > 1 and last[-1] in DASH_CHARS and last[-2] in CLOSING_MARKS:
        end -= 1
    return start, end


def split_at_paragraphs(ctx: DocContext, span: CharSpan) -> list[CharSpan]:
    """Cut a char span at paragraph breaks, dropping boilerplate paragraphs and blanks."""
    pieces = []
    for paragraph in ctx.paragraphs:
        if paragraph.boilerplate or paragraph.end <= span[0] or paragraph.start >= span[1]:
            continue
        pieces.append((max(span[0], paragraph.start), min(span[1], paragraph.end)))
    return pieces


def _quote_at(ctx: DocContext, offset: int) -> int:
    """Index of the quotation covering char ``offset``, or -1."""
    for index, quote in enumerate(ctx.quotes):
        if quote.start <= offset < max(quote.end, quote.start + 1):
            return index
    return -1


def _continuations(quotes: Sequence[Quote], index: int, cues: Sequence[CharSpan]) -> list[CharSpan]:
    """The later paragraphs of a quotation that runs over several paragraphs.

    The quotation stops being this statement's at a paragraph holding a cue: there a
    new attribution takes over (a transcript's next "NAME:", or "she added").
    """
    spans = []
    while index >= 0 and quotes[index].continues and quotes[index].next_index is not None:
        index = quotes[index].next_index
        start, end = quotes[index].start, quotes[index].end
        if any(cue_start < end and cue_end > start for cue_start, cue_end in cues):
            break
        spans.append((start, end))
    return spans


def _kind(ctx: DocContext, spans: Sequence[CharSpan]) -> StatementKind:
    """Direct when (nearly) all content is quoted, mixed when part is, else indirect."""
    total = sum(end - start for start, end in spans) or 1
    quoted = 0
    for start, end in spans:
        for quote in ctx.quotes:
            quoted += max(0, min(end, quote.end) - max(start, quote.start))
    if quoted / total >= DIRECT_QUOTED_SHARE:
        return "direct"
    return "mixed" if quoted else "indirect"


def _content_spans(ctx: DocContext, attribution: TokenAttribution) -> list[CharSpan]:
    """The decoded content of one attribution as char spans, cut at paragraph breaks."""
    spans: list[CharSpan] = []
    for tokens in attribution.content:
        spans.extend(split_at_paragraphs(ctx, _content_char_span(ctx, tokens)))
    return spans


def _per_paragraph(ctx: DocContext, cue: TokenRange, spans: list[CharSpan]) -> list[list[CharSpan]]:
    """Group content spans: those up to the cue's paragraph, then one group per later paragraph."""
    paragraph = ctx.paragraph[cue[0]]
    cue_paragraph_end = ctx.paragraphs[paragraph].end if paragraph >= 0 else token_char_span(ctx, cue)[1]
    groups = [[span for span in spans if span[0] < cue_paragraph_end]]
    groups.extend([span] for span in spans if span[0] >= cue_paragraph_end)
    return [group for group in groups if group]


def _later_paragraphs(
    ctx: DocContext, spans: Sequence[CharSpan], cues: Sequence[CharSpan], claimed: list[CharSpan]
) -> list[CharSpan]:
    """Paragraphs that go on with a statement's quotation, each one statement of its own.

    They are the later paragraphs of a quotation left open at a paragraph's end, then
    each following paragraph that is one whole quotation no cue claims ("He said: "A."
    / "B.""). Found paragraphs are added to ``claimed``.
    """
    later: list[CharSpan] = []
    if not spans or _quote_at(ctx, spans[-1][1] - 1) < 0:
        return later
    later.extend(_continuations(ctx.quotes, _quote_at(ctx, spans[-1][1] - 1), cues))
    claimed.extend(later)
    follower = _next_free_quote_paragraph(ctx, (later or spans)[-1][1], claimed)
    while follower is not None:
        later.append(follower)
        claimed.append(follower)
        following = _continuations(ctx.quotes, _quote_at(ctx, follower[0]), cues)
        later.extend(following)
        claimed.extend(following)
        follower = _next_free_quote_paragraph(ctx, later[-1][1], claimed)
    return later


def _next_free_quote_paragraph(ctx: DocContext, after: int, claimed: list[CharSpan]) -> CharSpan | None:
    """The next paragraph after char ``after`` if it is one whole, unclaimed quotation."""
    for paragraph in ctx.paragraphs:
        if paragraph.start < after or paragraph.boilerplate:
            continue
        quote_index = _quote_at(ctx, paragraph.start)
        if quote_index < 0:
            return None
        quote = ctx.quotes[quote_index]
        whole = quote.end >= paragraph.end - 1
        if not whole or any(start < paragraph.end and end > paragraph.start for start, end in claimed):
            return None
        return paragraph.start, paragraph.end
    return None


def _participle_subject(ctx: DocContext, cue: TokenRange) -> Span | None:
    """The subject of the clause a participle cue hangs on: "Delgado vetoed the plan,
    calling it a raid" is Delgado's. It names the speaker; the statement keeps no source
    span, as the cue's own clause has none."""
    participle = ctx.doc[cue[0]]
    if participle.tag_ != "VBG" or participle.dep_ not in ("advcl", "xcomp"):
        return None
    verb = participle.head
    while verb.dep_ == "conj" and verb.head is not verb:
        verb = verb.head
    subject = next((child for child in verb.children if child.dep_ == "nsubj"), None)
    if subject is None:
        return None
    return ctx.doc[subject.left_edge.i : subject.right_edge.i + 1]


def build_statements(ctx: DocContext, attributions: Sequence[TokenAttribution]) -> tuple[Statement, ...]:
    """Build the statements of one document from its predicted attributions.

    A quotation running over several paragraphs gives one statement per paragraph,
    all with the cue, source and speaker that introduced it.
    """
    doc = ctx.doc
    cues = [_cue_char_span(ctx, a.cue) for a in attributions]
    contents = [_content_spans(ctx, attribution) for attribution in attributions]
    claimed = [span for spans in contents for span in spans] + cues
    paragraphs = [
        _per_paragraph(ctx, attribution.cue, spans) + [[span] for span in _later_paragraphs(ctx, spans, cues, claimed)]
        for attribution, spans in zip(attributions, contents)
    ]
    sources: list[Span | None] = [doc[a.source[0] : a.source[1]] if a.source else None for a in attributions]
    named = [source or _participle_subject(ctx, attribution.cue) for attribution, source in zip(attributions, sources)]
    speakers = resolve_speakers(doc, named)
    statements = []
    for attribution, cue, pieces, source, speaker in zip(attributions, cues, paragraphs, sources, speakers):
        source_spans = (token_char_span(ctx, (source.start, source.end)),) if source is not None else ()
        for spans in pieces:
            if not spans:
                continue
            statements.append(
                Statement(
                    kind=_kind(ctx, spans),
                    source_spans=source_spans,
                    cue_spans=(cue,),
                    content_spans=tuple(spans),
                    speaker=speaker,
                    confidence=attribution.confidence,
                )
            )
    return tuple(statements)
