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

from onrecord.attribute.decoding import TokenRange, attach_preposition, best_stretch, decode_content
from onrecord.attribute.features import DocContext, cue_features, cue_frame, role_features
from onrecord.attribute.linear import LinearModel
from onrecord.errors import ModelNotFound

MODEL_FILES = {"cue": "cue.json.gz", "content": "content.json.gz", "source": "source.json.gz"}


@dataclass(frozen=True, slots=True)
class TokenAttribution:
    """A predicted attribution in token offsets (``[start, end)`` ranges)."""

    cue: TokenRange
    source: TokenRange | None
    content: tuple[TokenRange, ...]
    confidence: float


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
        frame = cue_frame(ctx, start, end)
        cue_sentence = ctx.sent[frame.anchor]
        cue_paragraph = ctx.paragraph[frame.anchor]
        cue_on_headline = ctx.unpunctuated[cue_paragraph]
        content_scores: list[tuple[int, float]] = []
        source_scores: list[tuple[int, float]] = []
        for i in ctx.window(start, end):
            # Boilerplate inside a quotation is skipped, not a barrier: the quotation
            # goes on after an advert, and the advert is cut out of the char spans.
            if start <= i < end or ctx.is_space[i] or ctx.boilerplate[i]:
                continue
            features = role_features(ctx, frame, i)
            # Reported words before the cue stay in its paragraph (the quotation above
            # belongs to the cue above it); after it they may run on, but never from or
            # into a headline, which the parser runs into the line below for want of a
            # full stop.
            paragraph = ctx.paragraph[i]
            if paragraph == cue_paragraph or (i > start and not (cue_on_headline or ctx.unpunctuated[paragraph])):
                content_scores.append((i, self.content.score(features) - self.content_threshold))
            # A source never leaves the cue's line: a headline without a full stop
            # shares its parser sentence with the first paragraph.
            if ctx.sent[i] == cue_sentence and paragraph == cue_paragraph:
                source_scores.append((i, self.source.score(features) - self.source_threshold))
        source, _ = best_stretch(source_scores)
        return source, decode_content(ctx, cue, source, content_scores)

    def predict(self, ctx: DocContext) -> list[TokenAttribution]:
        """Find every attribution of a document (pure: the document is not changed)."""
        attributions = []
        for cue, confidence in self.find_cues(ctx):
            source, content = self.find_roles(ctx, cue)
            cue, content = attach_preposition(ctx, cue, content)
            if content:
                attributions.append(TokenAttribution(cue, source, content, confidence))
        return attributions
