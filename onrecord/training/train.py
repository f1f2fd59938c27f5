"""Train the attribution model on PolNeAR train: ``onrecord train --data DIR``.

1. Parse every training article with the same spaCy pipeline used at run time.
2. Turn gold char spans into token sets and build examples with the feature
   functions of ``onrecord.attribute.features``: one per token for cues; one per
   (gold cue, token in its window) for content and source.
3. Fit one L2 logistic regression per decision (scikit-learn, liblinear), keep
   features seen at least ``MIN_FEATURE_COUNT`` times, and write the weights as
   gzipped JSON beside a ``config.json`` naming the data and settings.

Deterministic: same data, same library versions, same weights.
"""

from __future__ import annotations

import json
import logging
import time
from collections import Counter
from collections.abc import Iterable, Sequence
from pathlib import Path

from spacy.tokens import Doc

from onrecord.analyse.pipeline import load_base_pipeline
from onrecord.attribute.features import DocContext, cue_features, role_features
from onrecord.attribute.linear import LinearModel
from onrecord.attribute.model import MODEL_FILES, cue_anchor
from onrecord.evaluation.polnear import GoldArticle, read_split

LOGGER = logging.getLogger(__name__)

MIN_FEATURE_COUNT = 2
# Inverse regularisation strength per model; 0.5 was chosen on PolNeAR train with a
# held-out slice of train, not on dev.
REGULARISATION_C = {"cue": 0.5, "content": 0.5, "source": 0.5}
THRESHOLDS = {"cue": 0.0, "content": 0.0, "source": 0.0}


def char_spans_to_tokens(doc: Doc, spans: Iterable[tuple[int, int]]) -> set[int]:
    """Indices of the non-space tokens that overlap any of the char spans."""
    tokens: set[int] = set()
    for start, end in spans:
        span = doc.char_span(start, end, alignment_mode="expand")
        if span is not None:
            tokens.update(token.i for token in span if not token.is_space)
    return tokens


class ExampleSet:
    """Feature lists and labels of one decision, growing as documents are added."""

    def __init__(self) -> None:
        self.features: list[list[str]] = []
        self.labels: list[int] = []

    def add(self, features: list[str], label: bool) -> None:
        """Add one example."""
        self.features.append(features)
        self.labels.append(int(label))


def add_document_examples(ctx: DocContext, article: GoldArticle, sets: dict[str, ExampleSet]) -> None:
    """Add the cue, content and source examples of one gold article."""
    doc = ctx.doc
    gold = []
    cue_tokens: set[int] = set()
    for attribution in article.attributions:
        cue = char_spans_to_tokens(doc, attribution.cue)
        content = char_spans_to_tokens(doc, attribution.content)
        if not cue or not content:
            continue
        cue_tokens |= cue
        gold.append((cue, content, char_spans_to_tokens(doc, attribution.source)))
    for i in range(len(doc)):
        if not doc[i].is_space:
            sets["cue"].add(cue_features(ctx, i), i in cue_tokens)
    for cue, content, source in gold:
        start, end = min(cue), max(cue) + 1
        anchor = cue_anchor(ctx, start, end)
        chain = ctx.ancestors(anchor)
        for i in ctx.window(start, end):
            if start <= i < end or doc[i].is_space:
                continue
            features = role_features(ctx, start, end, anchor, chain, i)
            sets["content"].add(features, i in content)
            if ctx.sent[i] == ctx.sent[anchor]:
                sets["source"].add(features, i in source)


def fit(name: str, examples: ExampleSet, c_value: float) -> LinearModel:
    """Fit a logistic regression on string features and return its weights."""
    import numpy as np
    from scipy.sparse import csr_matrix
    from sklearn.linear_model import LogisticRegression

    counts = Counter(feature for features in examples.features for feature in features)
    vocabulary = {feature: index for index, feature in enumerate(sorted(f for f, n in counts.items() if n >= MIN_FEATURE_COUNT))}
    rows, cols = [], []
    for row, features in enumerate(examples.features):
        for feature in set(features):
            column = vocabulary.get(feature)
            if column is not None:
                rows.append(row)
                cols.append(column)
    matrix = csr_matrix((np.ones(len(rows), dtype=np.float32), (rows, cols)), shape=(len(examples.labels), len(vocabulary)))
    classifier = LogisticRegression(solver="liblinear", C=c_value, max_iter=200)
    classifier.fit(matrix, np.array(examples.labels))
    names = sorted(vocabulary, key=vocabulary.__getitem__)
    weights = {feature: round(float(w), 4) for feature, w in zip(names, classifier.coef_[0]) if abs(w) >= 1e-4}
    LOGGER.info("%s: %d examples, %d features kept", name, len(examples.labels), len(weights))
    return LinearModel(name=name, weights=weights, bias=round(float(classifier.intercept_[0]), 4))


def build_examples(articles: Sequence[GoldArticle], docs: Iterable[Doc]) -> dict[str, ExampleSet]:
    """Build the three example sets from parsed gold articles."""
    sets = {role: ExampleSet() for role in MODEL_FILES}
    for article, doc in zip(articles, docs):
        add_document_examples(DocContext.from_doc(doc), article, sets)
    return sets


def train_model(data_dir: Path, output_dir: Path, n_process: int = 1) -> None:
    """Train on ``data_dir/train`` and write the model files into ``output_dir``.

    Args:
        data_dir (Path): the PolNeAR folder (with ``train/text`` and ``train/attributions``).
        output_dir (Path): where the weights and ``config.json`` go (created if needed).
        n_process (int): spaCy processes used to parse the training texts.
    """
    started = time.perf_counter()
    articles = list(read_split(data_dir, "train"))
    nlp = load_base_pipeline()
    docs = nlp.pipe((article.text for article in articles), batch_size=16, n_process=n_process)
    sets = build_examples(articles, docs)
    output_dir.mkdir(parents=True, exist_ok=True)
    for role, file_name in MODEL_FILES.items():
        fit(role, sets[role], REGULARISATION_C[role]).save(output_dir / file_name)
    config = {
        "trained_on": "PolNeAR train",
        "articles": len(articles),
        "regularisation_c": REGULARISATION_C,
        "min_feature_count": MIN_FEATURE_COUNT,
        "thresholds": THRESHOLDS,
    }
    (output_dir / "config.json").write_text(json.dumps(config, indent=2) + "\n", encoding="utf-8")
    LOGGER.info("trained in %.0f s", time.perf_counter() - started)
