"""Score predicted attributions against gold ones with Citron's metrics.

The definitions follow BBC R&D's Citron (Newell et al., "Quote Extraction and Analysis
for News", 2018), re-implemented here. Spans are compared as sets of token indices:
the text is tokenised with ``spacy.blank("en")`` (the English model's tokenizer rules)
and a character span stands for every non-whitespace token it overlaps, so a span that
stops one character short of a word still covers that word. An attribution is the
triple (source, cue, content) of such sets, each the union of its fragments.

Two families of metrics, each for cue, source, content and the whole attribution:

1. **Exact.** Cue: a prediction is a true positive when some gold attribution has the
   identical cue set, else a false positive; a gold attribution no prediction matches
   that way is a false negative. Source (content): the same, but a match needs
   overlapping cues *and* identical source (content) sets. Attribution: identical cue,
   source and content sets.
2. **Overlap.** For each role, the tokens shared by every (predicted, gold) pair in a
   document are summed; precision divides that sum by the predicted role lengths,
   recall by the gold role lengths. The attribution row adds the three roles up.

Counts are summed over documents before dividing (micro averages). Because overlaps
are summed over *all* pairs, two predictions covering the same gold tokens both count,
so overlap precision or recall can exceed 1 on duplicated output: that is Citron's
definition, kept so the numbers stay comparable with its published ones.
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from functools import lru_cache
from typing import Any, Literal, Protocol

import spacy
from spacy.language import Language

CharSpan = tuple[int, int]
TokenSet = frozenset[int]
Role = Literal["cue", "source", "content"]
Row = Literal["cue", "source", "content", "attribution"]

ROLES: tuple[Role, ...] = ("cue", "source", "content")
ROWS: tuple[Row, ...] = ("cue", "source", "content", "attribution")


class AttributionSpans(Protocol):
    """Anything with ``source``, ``cue`` and ``content`` char-span tuples.

    ``onrecord.evaluation.polnear.GoldAttribution`` fits, for gold and predictions alike.
    """

    @property
    def source(self) -> tuple[CharSpan, ...]: ...

    @property
    def cue(self) -> tuple[CharSpan, ...]: ...

    @property
    def content(self) -> tuple[CharSpan, ...]: ...


@dataclass(frozen=True, slots=True)
class PRF:
    """Precision, recall and F1 of one metric."""

    precision: float
    recall: float
    f1: float

    @classmethod
    def from_ratios(cls, hits: int, predicted: int, gold: int) -> PRF:
        """Build from a hit count and the two denominators; an empty one gives 0.0."""
        precision = hits / predicted if predicted else 0.0
        recall = hits / gold if gold else 0.0
        total = precision + recall
        f1 = 2 * precision * recall / total if total else 0.0
        return cls(precision, recall, f1)

    def to_dict(self) -> dict[str, float]:
        """Return the JSON form, rounded to four decimals."""
        return {
            "precision": round(self.precision, 4),
            "recall": round(self.recall, 4),
            "f1": round(self.f1, 4),
        }


@dataclass(frozen=True, slots=True)
class ExactCounts:
    """True positives, false positives and false negatives of one exact metric.

    ``tp`` counts predictions and ``fn`` gold attributions, so ``tp + fn`` need not be
    the number of gold attributions when two predictions match one gold (Citron's
    convention).
    """

    tp: int = 0
    fp: int = 0
    fn: int = 0

    def __add__(self, other: ExactCounts) -> ExactCounts:
        return ExactCounts(self.tp + other.tp, self.fp + other.fp, self.fn + other.fn)

    def prf(self) -> PRF:
        """Return precision tp/(tp+fp), recall tp/(tp+fn) and F1."""
        return PRF.from_ratios(self.tp, self.tp + self.fp, self.tp + self.fn)

    def to_dict(self) -> dict[str, int]:
        """Return the JSON form."""
        return {"tp": self.tp, "fp": self.fp, "fn": self.fn}


@dataclass(frozen=True, slots=True)
class OverlapCounts:
    """Shared tokens and the predicted and gold token totals of one overlap metric."""

    overlap: int = 0
    predicted: int = 0
    gold: int = 0

    def __add__(self, other: OverlapCounts) -> OverlapCounts:
        return OverlapCounts(
            self.overlap + other.overlap, self.predicted + other.predicted, self.gold + other.gold
        )

    def prf(self) -> PRF:
        """Return precision overlap/predicted, recall overlap/gold and F1."""
        return PRF.from_ratios(self.overlap, self.predicted, self.gold)

    def to_dict(self) -> dict[str, int]:
        """Return the JSON form."""
        return {"overlap": self.overlap, "predicted": self.predicted, "gold": self.gold}


@dataclass(frozen=True, slots=True)
class Scores:
    """P/R/F1 for exact and overlap matching of every row (cue ... attribution)."""

    exact: dict[Row, PRF]
    overlap: dict[Row, PRF]

    def to_dict(self) -> dict[str, Any]:
        """Return ``{row: {"exact": {...}, "overlap": {...}}}``."""
        return {
            row: {"exact": self.exact[row].to_dict(), "overlap": self.overlap[row].to_dict()}
            for row in ROWS
        }


@dataclass(frozen=True, slots=True)
class Counts:
    """Everything needed to compute the scores; add documents' counts with ``+``."""

    documents: int = 0
    predicted: int = 0
    gold: int = 0
    cue_exact: ExactCounts = ExactCounts()
    source_exact: ExactCounts = ExactCounts()
    content_exact: ExactCounts = ExactCounts()
    attribution_exact: ExactCounts = ExactCounts()
    cue_overlap: OverlapCounts = OverlapCounts()
    source_overlap: OverlapCounts = OverlapCounts()
    content_overlap: OverlapCounts = OverlapCounts()

    def __add__(self, other: Counts) -> Counts:
        return Counts(
            documents=self.documents + other.documents,
            predicted=self.predicted + other.predicted,
            gold=self.gold + other.gold,
            cue_exact=self.cue_exact + other.cue_exact,
            source_exact=self.source_exact + other.source_exact,
            content_exact=self.content_exact + other.content_exact,
            attribution_exact=self.attribution_exact + other.attribution_exact,
            cue_overlap=self.cue_overlap + other.cue_overlap,
            source_overlap=self.source_overlap + other.source_overlap,
            content_overlap=self.content_overlap + other.content_overlap,
        )

    def exact(self, row: Row) -> ExactCounts:
        """Return the exact-match counts of one row."""
        return {
            "cue": self.cue_exact,
            "source": self.source_exact,
            "content": self.content_exact,
            "attribution": self.attribution_exact,
        }[row]

    def overlap(self, row: Row) -> OverlapCounts:
        """Return the overlap counts of one row; ``attribution`` sums the three roles."""
        if row == "attribution":
            return self.cue_overlap + self.source_overlap + self.content_overlap
        return {
            "cue": self.cue_overlap,
            "source": self.source_overlap,
            "content": self.content_overlap,
        }[row]

    def scores(self) -> Scores:
        """Compute micro-averaged P/R/F1 from the summed counts."""
        return Scores(
            exact={row: self.exact(row).prf() for row in ROWS},
            overlap={row: self.overlap(row).prf() for row in ROWS},
        )

    def to_dict(self) -> dict[str, Any]:
        """Return the raw counts as JSON."""
        return {
            "documents": self.documents,
            "predicted": self.predicted,
            "gold": self.gold,
            "exact": {row: self.exact(row).to_dict() for row in ROWS},
            "overlap": {row: self.overlap(row).to_dict() for row in ROWS},
        }


def sum_counts(counts: Iterable[Counts]) -> Counts:
    """Add up per-document counts (an empty iterable gives zero counts)."""
    total = Counts()
    for item in counts:
        total = total + item
    return total


@dataclass(frozen=True, slots=True)
class TokenAttribution:
    """An attribution as three sets of token indices."""

    source: TokenSet
    cue: TokenSet
    content: TokenSet

    def role(self, role: Role) -> TokenSet:
        """Return the token set of one role."""
        return {"cue": self.cue, "source": self.source, "content": self.content}[role]


class TokenIndex:
    """Maps character spans of one text to the indices of the tokens they overlap."""

    __slots__ = ("_ends", "_ids", "_starts")

    def __init__(self, text: str, nlp: Language | None = None) -> None:
        tokenizer = (nlp or _blank_english()).tokenizer
        # Whitespace tokens ("\n\n", a second space) are never counted: a span that
        # swallows a paragraph break must not differ from one that stops before it.
        tokens = [token for token in tokenizer(text) if not token.is_space]
        self._starts = [token.idx for token in tokens]
        self._ends = [token.idx + len(token.text) for token in tokens]
        self._ids = [token.i for token in tokens]

    def tokens(self, spans: Iterable[CharSpan]) -> TokenSet:
        """Return the indices of every non-space token overlapping any of ``spans``."""
        found: set[int] = set()
        for start, end in spans:
            if end <= start:
                continue
            # Tokens are sorted and disjoint: the first one ending after ``start`` up to
            # the last one starting before ``end`` are exactly those overlapping it.
            first = bisect_right(self._ends, start)
            last = bisect_left(self._starts, end)
            found.update(self._ids[first:last])
        return frozenset(found)

    def attribution(self, spans: AttributionSpans) -> TokenAttribution:
        """Convert one attribution's char spans to token sets."""
        return TokenAttribution(
            source=self.tokens(spans.source),
            cue=self.tokens(spans.cue),
            content=self.tokens(spans.content),
        )


@lru_cache(maxsize=1)
def _blank_english() -> Language:
    """Return a shared tokenizer-only English pipeline."""
    return spacy.blank("en")


def _exact(
    predicted: Sequence[TokenAttribution],
    gold: Sequence[TokenAttribution],
    match: Callable[[TokenAttribution, TokenAttribution], bool],
) -> ExactCounts:
    """Count TP/FP over predictions and FN over gold for one match rule."""
    tp = sum(1 for p in predicted if any(match(p, g) for g in gold))
    fn = sum(1 for g in gold if not any(match(p, g) for p in predicted))
    return ExactCounts(tp=tp, fp=len(predicted) - tp, fn=fn)


def _same_cue(p: TokenAttribution, g: TokenAttribution) -> bool:
    return p.cue == g.cue


def _same_source(p: TokenAttribution, g: TokenAttribution) -> bool:
    return not p.cue.isdisjoint(g.cue) and p.source == g.source


def _same_content(p: TokenAttribution, g: TokenAttribution) -> bool:
    return not p.cue.isdisjoint(g.cue) and p.content == g.content


def _same_attribution(p: TokenAttribution, g: TokenAttribution) -> bool:
    return p.cue == g.cue and p.source == g.source and p.content == g.content


def _overlap(
    predicted: Sequence[TokenAttribution], gold: Sequence[TokenAttribution], role: Role
) -> OverlapCounts:
    """Sum role tokens shared by every (prediction, gold) pair, and both role totals."""
    shared = sum(len(p.role(role) & g.role(role)) for p in predicted for g in gold)
    return OverlapCounts(
        overlap=shared,
        predicted=sum(len(p.role(role)) for p in predicted),
        gold=sum(len(g.role(role)) for g in gold),
    )


def score_tokens(predicted: Sequence[TokenAttribution], gold: Sequence[TokenAttribution]) -> Counts:
    """Score one document whose attributions are already token sets."""
    return Counts(
        documents=1,
        predicted=len(predicted),
        gold=len(gold),
        cue_exact=_exact(predicted, gold, _same_cue),
        source_exact=_exact(predicted, gold, _same_source),
        content_exact=_exact(predicted, gold, _same_content),
        attribution_exact=_exact(predicted, gold, _same_attribution),
        cue_overlap=_overlap(predicted, gold, "cue"),
        source_overlap=_overlap(predicted, gold, "source"),
        content_overlap=_overlap(predicted, gold, "content"),
    )


def score_document(
    text: str,
    predicted: Sequence[AttributionSpans],
    gold: Sequence[AttributionSpans],
    *,
    nlp: Language | None = None,
) -> Counts:
    """Score one document's predicted attributions against its gold ones.

    Args:
        text (str): the document text both sets of offsets refer to.
        predicted (Sequence[AttributionSpans]): the system's attributions.
        gold (Sequence[AttributionSpans]): the annotated attributions.
        nlp (Language | None): the pipeline whose tokenizer defines tokens; defaults to
            a shared ``spacy.blank("en")``.

    RETURNS (Counts): the document's counts; add them up and call ``.scores()``.
    """
    index = TokenIndex(text, nlp)
    return score_tokens(
        [index.attribution(item) for item in predicted],
        [index.attribution(item) for item in gold],
    )
