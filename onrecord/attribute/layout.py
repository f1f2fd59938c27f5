"""Attributions marked by layout: speaker labels, dash credits and headline verbs.

Three conventions of news text defeat the learned cue model, which keys on words and
on a parse of full sentences:

- a **speaker label** opening a line: ``PENCE: Well, look, ...`` in a transcript, or
  ``Reeves: Labour will save the plant`` in a headline. The colon is the cue, the
  name before it the source, the rest of the line the content;
- a **dash credit** after a quotation: ``"We will win." ― Jane Doe``, common in
  vox pops and epigraphs. The dash is the cue and the quotation, marks included,
  the content;
- a **headline** in headline grammar: ``Mayor pledges free buses for under-18s``. With no
  article and no full stop the small model reads "pledges" as a plural noun; a closed
  list of reporting verbs in the present tense, after a short subject on the first
  line, stands for the cue instead, and replaces what the model made of that line.

Labels and credits are matched on the parse (proper nouns, or capitals in transcripts) so that a
label such as ``Update:`` or ``Watch:`` is not taken for a name.
"""

from __future__ import annotations

from collections.abc import Sequence

from onrecord.attribute.decoding import TokenRange
from onrecord.attribute.features import DocContext
from onrecord.attribute.model import TokenAttribution

# Longest name a label or credit may hold ("Sen. Elizabeth Warren of Massachusetts" is
# too long to be a label, and such lines are prose).
MAX_NAME_TOKENS = 4
# Content shorter than this after a label is a heading ("Labour: policies"), not speech.
MIN_LABEL_CONTENT_WORDS = 3
DASHES = frozenset({"―", "—", "–", "--"})
DASH_CHARS = frozenset("―—–")
# Headline and page furniture written like a speaker label.
NOT_SPEAKERS = frozenset(
    {
        "analysis", "breaking", "clarification", "comment", "correction", "credit", "editorial", "exclusive",
        "interview", "live", "note", "opinion", "photo", "photos", "pictured", "poll", "q", "a",
        "read", "related", "review", "source", "sources", "transcript", "update", "video", "watch",
    }
)  # fmt: skip
# Places and times head lists and datelines ("Iowa: ...", "Monday: ..."), not speech.
NOT_SPEAKER_ENTITIES = frozenset({"GPE", "LOC", "DATE", "TIME", "EVENT", "FAC", "CARDINAL", "ORDINAL"})
# An all-capitals label is a transcript's speaker only when the transcript has several
# turns; a lone one is a headline shout ("BOOM: ...").
MIN_TRANSCRIPT_TURNS = 2
# Separators that close a labelled line but belong to no one's words.
TRAILING_SEPARATORS = frozenset({";", ",", ":", "—", "-"})
# Confidence given to layout attributions: the rules are precise but not certain.
LAYOUT_CONFIDENCE = 0.9
# Reporting verbs of headline grammar (present tense, third person).
HEADLINE_VERBS = frozenset(
    {
        "accuses", "admits", "announces", "backs", "blasts", "calls", "claims", "confirms", "defends", "demands",
        "denies", "dismisses", "insists", "pledges", "predicts", "promises", "rejects", "reveals", "says",
        "slams", "tells", "threatens", "urges", "vows", "warns",
    }
)  # fmt: skip
# Prepositions that belong to a headline cue ("calls for", "warns of"), as in PolNeAR.
HEADLINE_CUE_PREPOSITIONS = frozenset({"for", "of", "on", "against"})
# Longest subject before a headline verb ("Senate hopeful", "North East mayor Kim McGuinness").
MAX_HEADLINE_SOURCE_TOKENS = 5


def _is_name_token(ctx: DocContext, i: int) -> bool:
    """A word that can be part of a speaker's name: a proper noun or an all-capitals word."""
    token = ctx.doc[i]
    if ctx.lower[i] in NOT_SPEAKERS or token.ent_type_ in NOT_SPEAKER_ENTITIES:
        return False
    if token.tag_ in ("NNP", "NNPS"):
        return token.text[:1].isupper()
    return _is_capitals(ctx, i)


def _is_capitals(ctx: DocContext, i: int) -> bool:
    token = ctx.doc[i]
    return token.is_alpha and token.is_upper and len(token.text) > 1


def _line_end(ctx: DocContext, i: int) -> int:
    """Index just past the last non-space token of the line holding token ``i``."""
    doc = ctx.doc
    end = i
    while end < len(doc) and "\n" not in doc[end].text:
        end += 1
    while end > i and ctx.is_space[end - 1]:
        end -= 1
    return end


def _line_starts(ctx: DocContext) -> list[int]:
    """First non-space token of every line, skipping an opening quotation mark."""
    starts = []
    at_line_start = True
    for token in ctx.doc:
        if "\n" in token.text:
            at_line_start = True
            continue
        if at_line_start and not token.is_space:
            first = token.i
            if token.is_quote and first + 1 < len(ctx.doc):
                first += 1
            starts.append(first)
            at_line_start = False
    return starts


def speaker_labels(ctx: DocContext) -> list[TokenAttribution]:
    """Lines opening with ``NAME:``, the rest of the line being the words of NAME."""
    found = []
    for start in _line_starts(ctx):
        colon = start
        while colon < len(ctx.lower) and colon - start < MAX_NAME_TOKENS and _is_name_token(ctx, colon):
            colon += 1
        if colon == start or colon >= len(ctx.lower) or ctx.lower[colon] != ":" or ctx.boilerplate[colon]:
            continue
        end = _line_end(ctx, colon)
        # Reported words end before the full stop; quoted ones, such as a transcript
        # line opening with a quotation mark, keep it (PolNeAR's convention).
        quoted_line = start > 0 and ctx.doc[start - 1].is_quote
        while (
            end > colon + 1
            and ctx.quote[end - 1] < 0
            and ctx.lower[end - 1] in (TRAILING_SEPARATORS if quoted_line else TRAILING_SEPARATORS | {"."})
        ):
            end -= 1
        words = sum(1 for i in range(colon + 1, end) if not (ctx.is_punct[i] or ctx.is_space[i]))
        if words < MIN_LABEL_CONTENT_WORDS:
            continue
        found.append(TokenAttribution((colon, colon + 1), (start, colon), ((colon + 1, end),), LAYOUT_CONFIDENCE))
    shouted = [a for a in found if all(_is_capitals(ctx, i) for i in range(*a.source))]
    if len(shouted) < MIN_TRANSCRIPT_TURNS:
        found = [a for a in found if a not in shouted]
    return found


def dash_credits(ctx: DocContext) -> list[TokenAttribution]:
    """Quotations followed by a dash and a name that ends the line."""
    doc = ctx.doc
    found = []
    for quote in ctx.quotes:
        quote_span = doc.char_span(quote.start, quote.end, alignment_mode="expand")
        if quote_span is None:
            continue
        dash = quote_span.end
        glued = doc[dash - 1].text[-1] in DASH_CHARS and dash - 1 > quote_span.start
        if glued:
            # The tokenizer glues a dash to the closing mark ("”―"): that token is both
            # the cue and the content's end; the char spans part them (``statements``).
            dash -= 1
        while dash < len(doc) and ctx.is_space[dash] and "\n" not in doc[dash].text:
            dash += 1
        if dash >= len(doc) or not (glued or doc[dash].text in DASHES):
            continue
        name_start = dash + 1
        while name_start < len(doc) and ctx.is_space[name_start] and "\n" not in doc[name_start].text:
            name_start += 1  # "―\u00a0Jane Doe"
        name_end = name_start
        while name_end < len(doc) and name_end - name_start < MAX_NAME_TOKENS and _is_name_token(ctx, name_end):
            name_end += 1
        if name_end == name_start or _line_end(ctx, name_end) > name_end + 1:
            continue
        found.append(
            TokenAttribution(
                (dash, dash + 1), (name_start, name_end), ((quote_span.start, quote_span.end),), LAYOUT_CONFIDENCE
            )
        )
    return found


def headline_verb(ctx: DocContext) -> TokenAttribution | None:
    """The first line as ``SUBJECT VERB-s CONTENT`` when it is a headline (no closing punctuation)."""
    starts = _line_starts(ctx)
    if not starts:
        return None
    start = starts[0]
    end = _line_end(ctx, start)
    if end <= start or not ctx.unpunctuated[ctx.paragraph[start]]:
        return None
    verb = next((i for i in range(start + 1, min(end, start + MAX_HEADLINE_SOURCE_TOKENS + 1))
                 if ctx.lower[i] in HEADLINE_VERBS), None)  # fmt: skip
    if verb is None or not all(_is_headline_subject_word(ctx, i) for i in range(start, verb)):
        return None
    cue_end = verb + 1
    if cue_end < end and ctx.lower[cue_end] in HEADLINE_CUE_PREPOSITIONS:
        cue_end += 1
    words = sum(1 for i in range(cue_end, end) if not (ctx.is_punct[i] or ctx.is_space[i]))
    if words < MIN_LABEL_CONTENT_WORDS:
        return None
    return TokenAttribution((verb, cue_end), (start, verb), ((cue_end, end),), LAYOUT_CONFIDENCE)


def _is_headline_subject_word(ctx: DocContext, i: int) -> bool:
    """A word of a headline's subject: a noun, a name, an adjective or a possessive ("Labour's")."""
    return ctx.tag[i].startswith(("NN", "JJ")) or ctx.tag[i] == "POS"


def add_layout_attributions(ctx: DocContext, attributions: Sequence[TokenAttribution]) -> list[TokenAttribution]:
    """Add the layout attributions whose cue is not already part of a predicted one.

    Predicted cues inside a labelled line stay: "PENCE: Clinton thinks this is a
    game" holds two attributions, Pence's words and, inside them, Clinton's view. A
    headline verb replaces every attribution the model found on the headline.
    """
    merged = list(attributions)
    headline = headline_verb(ctx)
    if headline is not None:
        line = (headline.source[0], headline.content[-1][1])
        merged = [existing for existing in merged if not _overlaps(existing.cue, line)] + [headline]
    for candidate in speaker_labels(ctx) + dash_credits(ctx):
        if not any(_overlaps(existing.cue, candidate.cue) for existing in attributions):
            merged.append(candidate)
    return sorted(merged, key=lambda attribution: attribution.cue)


def _overlaps(first: TokenRange, second: TokenRange) -> bool:
    return first[0] < second[1] and second[0] < first[1]
