"""Train the content weights for exact spans with an averaged structured perceptron.

A logistic regression scores each token on its own, yet a content span is right only
when all its tokens are: the errors that matter sit at the boundaries. Here each
training cue is decoded with the decoder used at prediction time (given the gold
source, where prediction uses the predicted one)
(``decode_content``); when the decoded tokens differ from the gold ones, the
features of the missed tokens are pushed up and those of the wrongly taken tokens
down (Collins 2002). Averaging the weights over all steps keeps it stable.
"""

from __future__ import annotations

import logging
import random
from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np

from onrecord.attribute.decoding import TokenRange, decode_content
from onrecord.attribute.features import DocContext, cue_frame, role_features
from onrecord.attribute.linear import LinearModel

LOGGER = logging.getLogger(__name__)

# Passes over PolNeAR train; dev content exact F1 moved by under 0.001 between 10 and
# 20, so the value is not critical. The step only sets the scale of the weights.
EPOCHS = 15
STEP = 0.1
# Features seen fewer times than this in training are never given a weight (all models).
MIN_FEATURE_COUNT = 2


class FeatureIndex:
    """Numbers string features as they are first seen and counts them."""

    def __init__(self) -> None:
        self.ids: dict[str, int] = {}
        self.counts: list[int] = []

    def encode(self, features: list[str]) -> list[int]:
        """Return the ids of ``features``, numbering new ones."""
        encoded = []
        for feature in features:
            index = self.ids.get(feature)
            if index is None:
                index = self.ids[feature] = len(self.counts)
                self.counts.append(0)
            self.counts[index] += 1
            encoded.append(index)
        return encoded


@dataclass(frozen=True, slots=True)
class CueExample:
    """One gold cue with the feature ids of its window tokens and its gold content."""

    ctx: DocContext
    cue: TokenRange
    source: TokenRange | None
    tokens: tuple[int, ...]
    feature_ids: np.ndarray
    offsets: np.ndarray
    gold: frozenset[int]


def make_cue_example(
    ctx: DocContext, cue: TokenRange, source: set[int], content: set[int], index: FeatureIndex
) -> CueExample:
    """Precompute the feature ids of every token in the cue's window."""
    frame = cue_frame(ctx, *cue)
    source_range = (min(source), max(source) + 1) if source else None
    tokens, ids, offsets = [], [], []
    for i in ctx.window(*cue):
        if cue[0] <= i < cue[1] or ctx.is_space[i] or ctx.boilerplate[i]:
            continue
        tokens.append(i)
        offsets.append(len(ids))
        ids.extend(index.encode(role_features(ctx, frame, i)))
    return CueExample(
        ctx=ctx,
        cue=cue,
        source=source_range,
        tokens=tuple(tokens),
        feature_ids=np.array(ids, dtype=np.int64),
        offsets=np.array(offsets, dtype=np.int64),
        gold=frozenset(content),
    )


def _decoded_tokens(example: CueExample, weights: np.ndarray) -> frozenset[int]:
    if not example.tokens:
        return frozenset()
    # The "bias" feature every token carries plays the intercept, so none is added.
    token_scores = np.add.reduceat(weights[example.feature_ids], example.offsets)
    scores = list(zip(example.tokens, token_scores.tolist()))
    ranges = decode_content(example.ctx, example.cue, example.source, scores)
    return frozenset(i for start, end in ranges for i in range(start, end) if not example.ctx.is_space[i])


def train_content(examples: Sequence[CueExample], index: FeatureIndex) -> LinearModel:
    """Train the content model for exact spans on ``examples`` (weights start at zero)."""
    names = sorted(index.ids, key=index.ids.__getitem__)
    trainable = (np.array(index.counts) >= MIN_FEATURE_COUNT).astype(np.float64)
    weights = np.zeros(len(names), dtype=np.float64)
    totals = np.zeros_like(weights)
    steps = 1
    order = list(range(len(examples)))
    shuffler = random.Random(0)
    for epoch in range(EPOCHS):
        shuffler.shuffle(order)
        mistakes = 0
        for index in order:
            example = examples[index]
            predicted = _decoded_tokens(example, weights)
            if predicted != example.gold:
                mistakes += 1
                position = {token: n for n, token in enumerate(example.tokens)}
                for token, sign in [(t, 1.0) for t in example.gold - predicted] + [(t, -1.0) for t in predicted - example.gold]:
                    n = position.get(token)
                    if n is None:
                        continue
                    stop = example.offsets[n + 1] if n + 1 < len(example.offsets) else len(example.feature_ids)
                    ids = example.feature_ids[example.offsets[n] : stop]
                    update = sign * STEP * trainable[ids]
                    weights[ids] += update
                    totals[ids] += update * steps
            steps += 1
        LOGGER.info("content fine-tuning epoch %d: %d of %d cues wrong", epoch + 1, mistakes, len(examples))
    averaged = weights - totals / steps
    tuned = {name: round(float(w), 4) for name, w in zip(names, averaged) if abs(w) >= 1e-4}
    return LinearModel(name="content", weights=tuned, bias=0.0)
