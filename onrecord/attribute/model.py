"""The learned attribution model: cues, then each cue's source and content.

1. Every token gets a cue score; runs of positive tokens in one sentence are cues.
2. For each cue, every token in a window of sentences around it gets a content score
   and (in the cue's sentence) a source score.
3. Content is decoded as the best-scoring contiguous stretch before the cue and the
   best one after it (a quote interrupted by "she said" gives both); the source as the
   best single stretch. A stretch is kept only when its total score is positive.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path

from onrecord.attribute.features import DocContext, cue_features, role_features
from onrecord.attribute.linear import LinearModel
from onrecord.errors import ModelNotFound

TokenRange = tuple[int, int]
MODEL_FILES = {"cue": "cue.json.gz", "content": "content.json.gz", "source": "source.json.gz"}


@dataclass(frozen=True, slots=True)
class TokenAttribution:
    """A predicted attribution in token offsets (``[start, end)`` ranges)."""

    cue: TokenRange
    source: TokenRange | None
    content: tuple[TokenRange, ...]
    confidence: float


def cue_anchor(ctx: DocContext, start: int, end: int) -> int:
    """The syntactic head of a cue: its token whose head lies outside it, verbs first."""
    roots = [i for i in range(start, end) if not start <= ctx.head[i] < end or ctx.head[i] == i]
    verbs = [i for i in roots if ctx.tag[i].startswith("VB")]
    return (verbs or roots or [start])[0]


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


class AttributionModel:
    """Three linear models (cue, content, source) and their decision thresholds."""

    def __init__(self, cue: LinearModel, content: LinearModel, source: LinearModel, thresholds: dict[str, float]) -> None:
        self.cue = cue
        self.content = content
        self.source = source
        self.cue_threshold = thresholds.get("cue", 0.0)
        self.extend_threshold = thresholds.get("extend", self.cue_threshold)
        self.content_threshold = thresholds.get("content", 0.0)
        self.source_threshold = thresholds.get("source", 0.0)

    @classmethod
    def load(cls, directory: Path) -> AttributionModel:
        """Load the models written by ``onrecord train``."""
        config_path = directory / "config.json"
        if not config_path.exists():
            raise ModelNotFound(
                f"{directory}: no attribution model here (config.json missing); "
                "build it with `onrecord train --data ../shared/data/polnear`"
            )
        thresholds = json.loads(config_path.read_text(encoding="utf-8")).get("thresholds", {})
        models = {role: LinearModel.load(directory / name) for role, name in MODEL_FILES.items()}
        return cls(models["cue"], models["content"], models["source"], thresholds)

    def find_cues(self, ctx: DocContext) -> list[tuple[TokenRange, float]]:
        """Cue token ranges with their probability, in document order.

        A cue grows from a token scoring above the cue threshold to its neighbours in
        the same sentence scoring above the lower extension threshold (hysteresis):
        the words around a cue verb ("said in a statement") score lower than the verb.
        """
        n_tokens = len(ctx.lower)
        scores = [
            float("-inf") if ctx.boilerplate[i] or ctx.is_space[i] else self.cue.score(cue_features(ctx, i))
            for i in range(n_tokens)
        ]
        cues: list[tuple[TokenRange, float]] = []
        i = 0
        while i < n_tokens:
            if scores[i] <= self.cue_threshold:
                i += 1
                continue
            start, end = i, i + 1
            while start > 0 and scores[start - 1] > self.extend_threshold and ctx.sent[start - 1] == ctx.sent[i]:
                start -= 1
            while end < n_tokens and scores[end] > self.extend_threshold and ctx.sent[end] == ctx.sent[i]:
                end += 1
            if cues and start < cues[-1][0][1]:
                start = cues[-1][0][1]
            cues.append(((start, end), LinearModel.probability(max(scores[start:end]))))
            i = end
        return cues

    def find_roles(self, ctx: DocContext, cue: TokenRange) -> tuple[TokenRange | None, tuple[TokenRange, ...]]:
        """Decode the source and content token ranges of one cue."""
        start, end = cue
        anchor = cue_anchor(ctx, start, end)
        chain = ctx.ancestors(anchor)
        cue_sentence = ctx.sent[anchor]
        content_scores: list[tuple[int, float]] = []
        source_scores: list[tuple[int, float]] = []
        for i in ctx.window(start, end):
            if start <= i < end or ctx.is_space[i]:
                continue
            if ctx.boilerplate[i]:
                content_scores.append((i, float("-inf")))
                continue
            features = role_features(ctx, start, end, anchor, chain, i)
            content_scores.append((i, self.content.score(features) - self.content_threshold))
            if ctx.sent[i] == cue_sentence:
                source_scores.append((i, self.source.score(features) - self.source_threshold))
        source, _ = best_stretch(source_scores)
        if source is not None:
            # Source and content never share tokens: the source wins, it is decoded first.
            content_scores = [(i, float("-inf") if source[0] <= i < source[1] else s) for i, s in content_scores]
        sides = [
            (best_stretch([pair for pair in content_scores if pair[0] < start]), "before"),
            (best_stretch([pair for pair in content_scores if pair[0] >= end]), "after"),
        ]
        sides = [(stretch, total, side) for (stretch, total), side in sides if stretch and total > 0.0]
        sides.sort(key=lambda item: -item[1])
        content = []
        for rank, (stretch, _, side) in enumerate(sides):
            # A second fragment is only the other half of a quote interrupted by the cue
            # ("A," she said, "B"), so it must touch the cue or its source.
            if rank and not (_touches_cue(ctx, stretch, cue, source) or _resumes_quote(ctx, stretch, cue)):
                continue
            lower, upper = (0, start) if side == "before" else (end, len(ctx.lower))
            content.append(snap_to_quote(ctx, stretch, lower, upper))
        return source, tuple(sorted(content))

    def predict(self, ctx: DocContext) -> list[TokenAttribution]:
        """Find every attribution of a document (pure: the document is not changed)."""
        attributions = []
        for cue, confidence in self.find_cues(ctx):
            source, content = self.find_roles(ctx, cue)
            if content:
                attributions.append(TokenAttribution(cue, source, content, confidence))
        return attributions
