"""Sparse string features for the attribution model, computed once per document.

Three decisions use them: is a token part of a cue (``cue_features``), and, given a
cue, is a token part of its content or of its source (``role_features``). The
features are the classic ones of attribution and semantic-role labelling: words and
fine-grained tags around the token, and the dependency path between the token and
the cue, plus whether quotation marks separate them.
"""

from __future__ import annotations

from dataclasses import dataclass

from spacy.tokens import Doc

from onrecord.attribute.boilerplate import Paragraph, split_paragraphs
from onrecord.attribute.quotes import Quote, find_quotes

# How far around a cue content is looked for: the sentence before it and the two
# after it hold 97% of PolNeAR train content tokens of single-paragraph quotes.
SENTENCES_BEFORE = 1
SENTENCES_AFTER = 2


IRREGULAR_STEMS = {
    "said": "say", "says": "say", "told": "tell", "wrote": "write", "written": "write",
    "thought": "think", "spoke": "speak", "spoken": "speak", "knew": "know", "known": "know",
    "felt": "feel", "saw": "see", "seen": "see", "found": "find", "meant": "mean",
    "heard": "hear", "taught": "teach", "made": "make", "gave": "give", "given": "give",
}


def verb_stem(word: str) -> str:
    """A crude stem that groups the inflections of a cue verb (said, says, saying → say)."""
    if word in IRREGULAR_STEMS:
        return IRREGULAR_STEMS[word]
    for suffix in ("ing", "ed", "es", "s"):
        if len(word) > len(suffix) + 2 and word.endswith(suffix):
            return word[: -len(suffix)]
    return word


@dataclass(slots=True)
class DocContext:
    """Per-token arrays of one parsed document, shared by every feature function."""

    doc: Doc
    lower: list[str]
    tag: list[str]
    dep: list[str]
    head: list[int]
    sent: list[int]
    sent_bounds: list[tuple[int, int]]
    quote: list[int]
    boilerplate: list[bool]
    paragraph: list[int]
    is_space: list[bool]
    is_punct: list[bool]
    quotes: list[Quote]
    paragraphs: list[Paragraph]
    # Per paragraph (line): it ends on a word, as a headline does, not on punctuation.
    unpunctuated: list[bool]

    @classmethod
    def from_doc(cls, doc: Doc) -> DocContext:
        """Read the arrays off a parsed ``Doc`` (tags, dependencies, sentences)."""
        text = doc.text
        paragraphs = split_paragraphs(text)
        quotes = find_quotes(text, paragraphs)
        n_tokens = len(doc)
        quote_of = [-1] * n_tokens
        boilerplate = [False] * n_tokens
        _mark_ranges(doc, [(q.start, q.end) for q in quotes], quote_of, use_index=True)
        _mark_ranges(doc, [(p.start, p.end) for p in paragraphs if p.boilerplate], boilerplate)
        paragraph_of = [-1] * n_tokens
        _mark_ranges(doc, [(p.start, p.end) for p in paragraphs], paragraph_of, use_index=True)
        sent_of = [0] * n_tokens
        bounds = []
        for number, sent in enumerate(doc.sents):
            bounds.append((sent.start, sent.end))
            for i in range(sent.start, sent.end):
                sent_of[i] = number
        return cls(
            doc=doc,
            lower=[t.lower_ for t in doc],
            tag=[t.tag_ for t in doc],
            dep=[t.dep_ for t in doc],
            head=[t.head.i for t in doc],
            sent=sent_of,
            sent_bounds=bounds,
            quote=quote_of,
            boilerplate=boilerplate,
            paragraph=paragraph_of,
            is_space=[t.is_space for t in doc],
            is_punct=[t.is_punct for t in doc],
            quotes=quotes,
            paragraphs=paragraphs,
            unpunctuated=_unpunctuated_lines(doc, paragraph_of, len(paragraphs)),
        )

    def ancestors(self, i: int) -> dict[int, int]:
        """Map each ancestor of token ``i`` (itself included) to its distance from ``i``."""
        chain = {i: 0}
        depth = 0
        while self.head[i] != i:
            i = self.head[i]
            depth += 1
            if i in chain:  # defensive: a cycle would be a parser bug
                break
            chain[i] = depth
        return chain

    def window(self, cue_start: int, cue_end: int) -> range:
        """Token range around a cue where its source and content are looked for."""
        first_sent = max(0, self.sent[cue_start] - SENTENCES_BEFORE)
        last_sent = min(len(self.sent_bounds) - 1, self.sent[cue_end - 1] + SENTENCES_AFTER)
        return range(self.sent_bounds[first_sent][0], self.sent_bounds[last_sent][1])


def _unpunctuated_lines(doc: Doc, paragraph_of: list[int], n_paragraphs: int) -> list[bool]:
    """For each paragraph, whether its last non-space token is a word rather than punctuation."""
    unpunctuated = [False] * n_paragraphs
    for token in doc:
        if paragraph_of[token.i] >= 0 and not token.is_space:
            unpunctuated[paragraph_of[token.i]] = not token.is_punct
    return unpunctuated


def _mark_ranges(
    doc: Doc, ranges: list[tuple[int, int]], marks: list, use_index: bool = False
) -> None:
    """Set ``marks[token]`` for tokens inside char ranges (index of range or True)."""
    if not ranges:
        return
    token_starts = [t.idx for t in doc]
    position = 0
    for index, (start, end) in enumerate(ranges):
        while position < len(token_starts) and token_starts[position] < start:
            position += 1
        i = position
        while i < len(token_starts) and token_starts[i] < end:
            marks[i] = index if use_index else True
            i += 1


def _bucket(distance: int) -> str:
    if distance <= 3:
        return str(distance)
    if distance <= 6:
        return "4-6"
    if distance <= 12:
        return "7-12"
    return "13+"


def cue_features(ctx: DocContext, i: int) -> list[str]:
    """Features telling whether token ``i`` belongs to an attribution cue."""
    lower, tag, dep, head = ctx.lower, ctx.tag, ctx.dep, ctx.head
    n_tokens = len(lower)
    word, h = lower[i], head[i]
    prev_word = lower[i - 1] if i > 0 else "<s>"
    next_word = lower[i + 1] if i + 1 < n_tokens else "</s>"
    next_tag = tag[i + 1] if i + 1 < n_tokens else "</s>"
    features = [
        "bias",
        "w=" + word,
        "t=" + tag[i],
        "d=" + dep[i],
        "wt=" + word + "|" + tag[i],
        "wd=" + word + "|" + dep[i],
        "hw=" + lower[h],
        "hd=" + dep[h] + "|" + dep[i],
        "ht=" + tag[h] + "|" + tag[i],
        "hww=" + lower[h] + "|" + word,
        "pw=" + prev_word,
        "nw=" + next_word,
        "nt=" + next_tag,
        "pwt=" + prev_word + "|" + tag[i],
        "wnw=" + word + "|" + next_word,
        "pww=" + prev_word + "|" + word,
        "q=" + str(ctx.quote[i] >= 0),
        "suf=" + word[-3:],
    ]
    token = ctx.doc[i]
    for child in token.children:
        child_dep = child.dep_
        features.append("c=" + child_dep)
        features.append("wc=" + word + "|" + child_dep)
        if child_dep in ("ccomp", "xcomp", "dobj"):
            features.append("cm=" + child_dep + "|" + lower[child.left_edge.i])
        elif child_dep in ("nsubj", "nsubjpass", "agent", "dative"):
            kind = child.ent_type_ or child.tag_
            features.append("subj=" + child_dep + "|" + kind)
            features.append("wsubj=" + word + "|" + child_dep + "|" + kind)
        elif child_dep in ("prep", "prt", "advmod", "aux", "neg"):
            features.append("cw=" + child_dep + "|" + child.lower_)
    if token.ent_type_:
        features.append("ent=" + token.ent_type_)
    if h == i:
        features.append("root")
    if ctx.quote[i] < 0:
        near = [ctx.quote[j] >= 0 for j in (i - 3, i - 2, i - 1, i + 1, i + 2, i + 3) if 0 <= j < n_tokens]
        if any(near[:3]):
            features.append("quote_before")
        if any(near[3:]):
            features.append("quote_after")
    head_quote = ctx.quote[h]
    if ctx.quote[i] < 0 and head_quote >= 0:
        features.append("hq")
    return features


COMPLEMENT_DEPS = ("ccomp", "xcomp")


@dataclass(frozen=True, slots=True)
class CueFrame:
    """A cue seen from the parse: its tokens, syntactic head and reference branches.

    ``after_branch``/``before_branch`` are the branch (top node under the cue's head)
    of the first word after the cue and of the first word of the sentence: content
    usually continues the branch it starts in, so leaving it is a strong boundary cue.
    """

    start: int
    end: int
    anchor: int
    chain: dict[int, int]
    after_branch: int
    before_branch: int
    complement: str
    after_quote: int
    before_quote: int
    stem: str


def cue_anchor(ctx: DocContext, start: int, end: int) -> int:
    """The syntactic head of a cue: its token whose head lies outside it, verbs first."""
    roots = [i for i in range(start, end) if not start <= ctx.head[i] < end or ctx.head[i] == i]
    verbs = [i for i in roots if ctx.tag[i].startswith("VB")]
    return (verbs or roots or [start])[0]


def _climb(ctx: DocContext, chain: dict[int, int], i: int) -> tuple[int, int, int, int]:
    """Walk up from ``i`` to the cue head's ancestor chain.

    RETURNS (tuple): (meeting node, node below it on i's side or -1, the one below
    that or -1, number of steps).
    """
    head = ctx.head
    node, below, second, steps = i, -1, -1, 0
    while node not in chain and steps < 30:
        second, below, node = below, node, head[node]
        steps += 1
    return node, below, second, steps


def cue_frame(ctx: DocContext, start: int, end: int) -> CueFrame:
    """Describe the cue ``[start, end)`` for ``role_features``."""
    anchor = cue_anchor(ctx, start, end)
    chain = ctx.ancestors(anchor)
    sentence_start, sentence_end = ctx.sent_bounds[ctx.sent[anchor]]
    first_after = next((i for i in range(end, sentence_end) if not (ctx.is_punct[i] or ctx.is_space[i])), -1)
    first_word = next((i for i in range(sentence_start, start) if not (ctx.is_punct[i] or ctx.is_space[i])), -1)
    after_branch = _climb(ctx, chain, first_after)[1] if first_after >= 0 else -2
    before_branch = _climb(ctx, chain, first_word)[1] if first_word >= 0 else -2
    complement = next((child.dep_ for child in ctx.doc[anchor].children if child.dep_ in COMPLEMENT_DEPS), "none")
    after_quote = ctx.quote[first_after] if first_after >= 0 else -2
    before_quote = ctx.quote[first_word] if first_word >= 0 else -2
    return CueFrame(
        start, end, anchor, chain, after_branch, before_branch, complement, after_quote, before_quote, verb_stem(ctx.lower[anchor])
    )


def role_features(ctx: DocContext, frame: CueFrame, i: int) -> list[str]:
    """Features telling whether token ``i`` is in the content or source of a cue."""
    lower, tag, dep = ctx.lower, ctx.tag, ctx.dep
    anchor = frame.anchor
    cue_word = lower[anchor]
    side = "B" if i < frame.start else "A"
    sent_offset = ctx.sent[i] - ctx.sent[anchor]
    position = side + str(sent_offset)
    distance = _bucket(frame.start - i if i < frame.start else i - frame.end + 1)
    in_quote = ctx.quote[i] >= 0
    reference_quote = frame.after_quote if side == "A" else frame.before_quote
    same_quote = "in" if in_quote and ctx.quote[i] == reference_quote else ("out" if in_quote else "none")
    features = [
        "sameq=" + position + "|" + same_quote + "|" + str(reference_quote >= 0),
        "bias",
        "pos=" + position,
        "dist=" + position + "|" + distance,
        "t=" + position + "|" + tag[i],
        "w=" + position + "|" + lower[i],
        "q=" + position + "|" + str(in_quote) + "|" + str(ctx.quote[anchor] >= 0),
        "cw=" + cue_word + "|" + position,
        "cs=" + frame.stem + "|" + position,
    ]
    if sent_offset != 0:
        sentence_start = ctx.sent_bounds[ctx.sent[i]][0]
        starts_quoted = ctx.quote[sentence_start] >= 0
        features.append("sq=" + position + "|" + str(starts_quoted) + "|" + str(in_quote))
        features.append("endcue=" + position + "|" + lower[ctx.sent_bounds[ctx.sent[anchor]][1] - 1])
        if in_quote:
            same_quote = ctx.quote[i] == ctx.quote[min(frame.end, len(lower) - 1)]
            features.append("qnext=" + position + "|" + str(same_quote))
        return features
    # Same sentence: the dependency path between the token and the cue.
    node, below, second, steps = _climb(ctx, frame.chain, i)
    up_from_anchor = frame.chain.get(node, 0)
    branch = dep[below] if below >= 0 else "self"
    if node == anchor:
        path = "under:" + branch
    elif node == i:
        path = "above:" + str(up_from_anchor)
    else:
        path = "lca:" + branch + "|" + str(min(up_from_anchor, 3))
    same_branch = str(below == (frame.after_branch if side == "A" else frame.before_branch))
    features.append("path=" + side + "|" + path)
    features.append("pathw=" + cue_word + "|" + side + "|" + path)
    features.append("paths=" + frame.stem + "|" + side + "|" + path)
    features.append("patht=" + side + "|" + path + "|" + tag[i])
    features.append("pathd=" + side + "|" + path + "|" + dep[i] + "|" + str(min(steps, 4)))
    features.append("ad=" + dep[anchor] + "|" + side + "|" + path)
    features.append("same=" + side + "|" + same_branch)
    # With a clausal complement beside it, an object of the cue is the addressee
    # ("asked the candidates to …"), not the reported words.
    features.append("pathc=" + side + "|" + path + "|" + frame.complement)
    features.append("samep=" + side + "|" + path + "|" + same_branch)
    features.append("samet=" + side + "|" + tag[i] + "|" + same_branch)
    if second >= 0:
        features.append("path2=" + side + "|" + path + ">" + dep[second])
        features.append("path2t=" + side + "|" + path + ">" + dep[second] + "|" + tag[i])
    previous_word = lower[i - 1] if i > 0 else "<s>"
    next_word = lower[i + 1] if i + 1 < len(lower) else "</s>"
    previous_tag = tag[i - 1] if i > 0 else "<s>"
    features.append("pw=" + side + "|" + path + "|" + previous_word)
    features.append("nw=" + side + "|" + path + "|" + next_word)
    features.append("ptt=" + side + "|" + previous_tag + "|" + tag[i] + "|" + same_branch)
    features.append("wq=" + side + "|" + lower[i] + "|" + str(in_quote) + "|" + same_branch)
    features.append("pathcwt=" + cue_word + "|" + side + "|" + path + "|" + tag[i])
    features.append("distp=" + side + "|" + distance + "|" + path)
    sentence_end = ctx.sent_bounds[ctx.sent[i]][1]
    features.append("toend=" + side + "|" + _bucket(sentence_end - i) + "|" + same_branch)
    if second >= 0:
        features.append("path2w=" + side + "|" + path + ">" + dep[second] + "|" + lower[i])
        features.append("path2s=" + side + "|" + path + ">" + dep[second] + "|" + same_branch)
        # A clause or phrase set off by a comma ("…, amounting to …") is often a
        # comment of the writer's, not part of the reported words.
        left_edge = ctx.doc[second].left_edge.i
        set_off = left_edge > 0 and lower[left_edge - 1] in (",", "—", "--", "-", ";", "(")
        features.append("setoff=" + side + "|" + path + ">" + dep[second] + "|" + str(set_off))
    return features


