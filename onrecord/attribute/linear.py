"""A sparse linear classifier over string features, stored as plain JSON.

Training uses scikit-learn (``onrecord train``); prediction needs only this module:
the score of a token is the sum of the weights of its features, so the model loads in
milliseconds, adds no dependency and is readable (``zcat weights.json.gz | head``).
"""

from __future__ import annotations

import gzip
import json
import math
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from onrecord.errors import ModelNotFound


@dataclass(frozen=True, slots=True)
class LinearModel:
    """Weights of a binary logistic model; ``score`` returns the log-odds."""

    name: str
    weights: dict[str, float]
    bias: float

    def score(self, features: Iterable[str]) -> float:
        """Return the log-odds that the features describe a positive example."""
        get = self.weights.get
        return self.bias + sum(get(feature, 0.0) for feature in features)

    @staticmethod
    def probability(log_odds: float) -> float:
        """Turn a log-odds score into a probability."""
        return 1.0 / (1.0 + math.exp(-max(-30.0, min(30.0, log_odds))))

    def save(self, path: Path) -> None:
        """Write the model as gzipped JSON."""
        payload = {"name": self.name, "bias": self.bias, "weights": self.weights}
        with gzip.open(path, "wt", encoding="utf-8") as handle:
            json.dump(payload, handle, separators=(",", ":"), sort_keys=True)

    @classmethod
    def load(cls, path: Path) -> LinearModel:
        """Read a model written by ``save``.

        Raises:
            ModelNotFound: when the file is missing or not a model.
        """
        try:
            with gzip.open(path, "rt", encoding="utf-8") as handle:
                payload = json.load(handle)
            return cls(name=payload["name"], weights=payload["weights"], bias=payload["bias"])
        except (OSError, ValueError, KeyError) as error:
            raise ModelNotFound(
                f"{path}: cannot read the attribution model ({error}); "
                "rebuild it with `onrecord train --data ../shared/data/polnear`"
            ) from error
