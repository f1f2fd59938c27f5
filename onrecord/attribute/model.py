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


class AttributionModel:
    """Three linear models (cue, content, source) and their decision thresholds."""

    def __init__(self, cue: LinearModel, content: LinearModel, source: LinearModel, thresholds: dict[str, float]) -> None:
        self.cue = cue
        self.content = content
        self.source = source
        self.cue_threshold = thresholds.get("cue", 0.0)
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
        """Cue token ranges with their probability, in document order."""
        cues: list[tuple[TokenRange, float]] = []
        run_start, run_best = -1, 0.0
        threshold = self.cue_threshold
        for i in range(len(ctx.lower) + 1):
            score = float("-inf")
            if i < len(ctx.lower) and not ctx.boilerplate[i]:
                score = self.cue.score(cue_features(ctx, i))
            inside = score > threshold and (run_start < 0 or ctx.sent[i] == ctx.sent[run_start])
            if run_start >= 0 and not inside:
                cues.append(((run_start, i), LinearModel.probability(run_best)))
                run_start = -1
            if score > threshold and run_start < 0:
                run_start, run_best = i, score
            elif inside:
                run_best = max(run_best, score)
        return cues

    def find_roles(self, ctx: DocContext, cue: TokenRange) -> tuple[TokenRange | None, tuple[TokenRange, ...]]:
        """Decode the source and content token ranges of one cue."""
        start, end = cue
        anchor = cue_anchor(ctx, start, end)
        chain = ctx.ancestors(anchor)
        cue_sentence = ctx.sent[anchor]
        before: list[tuple[int, float]] = []
        after: list[tuple[int, float]] = []
        source_scores: list[tuple[int, float]] = []
        for i in ctx.window(start, end):
            if start <= i < end or ctx.is_space[i]:
                continue
            if ctx.boilerplate[i]:
                (before if i < start else after).append((i, float("-inf")))
                continue
            features = role_features(ctx, start, end, anchor, chain, i)
            content_score = self.content.score(features) - self.content_threshold
            (before if i < start else after).append((i, content_score))
            if ctx.sent[i] == cue_sentence:
                source_scores.append((i, self.source.score(features) - self.source_threshold))
        content = tuple(
            snap_to_quote(ctx, stretch, lower=0 if side == "before" else end, upper=start if side == "before" else len(ctx.lower))
            for side, (stretch, total) in (("before", best_stretch(before)), ("after", best_stretch(after)))
            if stretch and total > 0.0
        )
        source, _ = best_stretch(source_scores)
        return source, content

    def predict(self, ctx: DocContext) -> list[TokenAttribution]:
        """Find every attribution of a document (pure: the document is not changed)."""
        attributions = []
        for cue, confidence in self.find_cues(ctx):
            source, content = self.find_roles(ctx, cue)
            if content:
                attributions.append(TokenAttribution(cue, source, content, confidence))
        return attributions
