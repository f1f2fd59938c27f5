"""Citron metrics on hand-built texts whose right answers were worked out by hand."""

from __future__ import annotations

import pytest

from onrecord.evaluation.polnear import GoldAttribution
from onrecord.evaluation.scoring import (
    PRF,
    Counts,
    ExactCounts,
    OverlapCounts,
    TokenIndex,
    score_document,
    sum_counts,
)

CharSpan = tuple[int, int]

# Tokens: Smith(0) said(1) the(2) plan(3) would(4) fail(5) .(6)
ONE = "Smith said the plan would fail."
# Tokens: Smith(0) said(1) taxes(2) rise(3) .(4) Jones(5) denied(6) it(7) .(8)
TWO = "Smith said taxes rise. Jones denied it."
# Tokens: Smith(0) said(1) Jones(2) claimed(3) taxes(4) rise(5) .(6)
NESTED = "Smith said Jones claimed taxes rise."


def at(text: str, phrase: str, nth: int = 0) -> CharSpan:
    """Return the char span of the ``nth`` occurrence of ``phrase`` in ``text``."""
    start = -1
    for _ in range(nth + 1):
        start = text.index(phrase, start + 1)
    return start, start + len(phrase)


SpanArg = list[CharSpan] | CharSpan | None


def attr(source: SpanArg, cue: SpanArg, content: SpanArg) -> GoldAttribution:
    """Build an attribution; a bare (start, end) pair stands for a one-fragment span."""

    def spans(value: SpanArg) -> tuple[CharSpan, ...]:
        if value is None:
            return ()
        return (value,) if isinstance(value, tuple) else tuple(value)

    return GoldAttribution(source=spans(source), cue=spans(cue), content=spans(content))


def one_gold() -> GoldAttribution:
    return attr(at(ONE, "Smith"), at(ONE, "said"), at(ONE, "the plan would fail."))


def approx(prf: PRF) -> tuple[float, float, float]:
    return (round(prf.precision, 4), round(prf.recall, 4), round(prf.f1, 4))


@pytest.mark.parametrize(
    ("span", "expected"),
    [
        ((0, 5), {0}),  # "Smith"
        ((1, 3), {0}),  # inside a token: the whole token
        ((4, 7), {0, 1}),  # across a token boundary
        ((5, 6), set()),  # the space between two tokens
        ((3, 3), set()),  # empty span
        ((11, 31), {2, 3, 4, 5, 6}),  # "the plan would fail."
        ((11, 30), {2, 3, 4, 5}),  # same without the full stop
    ],
)
def test_scoring_token_index_maps_char_spans_to_overlapping_tokens(
    span: CharSpan, expected: set[int]
) -> None:
    assert TokenIndex(ONE).tokens([span]) == frozenset(expected)


def test_scoring_token_index_joins_fragments_and_skips_whitespace_tokens() -> None:
    text = "He said:\n\nno."  # He(0) said(1) :(2) \n\n(3, space) no(4) .(5)
    index = TokenIndex(text)
    assert index.tokens([(0, 2), (11, 13)]) == frozenset({0, 4, 5})
    assert index.tokens([(8, 10)]) == frozenset()  # only the paragraph break
    # Swallowing the paragraph break changes nothing.
    assert index.tokens([(3, 13)]) == index.tokens([(3, 8), (10, 13)])


def test_scoring_exact_match_scores_one_everywhere() -> None:
    counts = score_document(ONE, [one_gold()], [one_gold()])
    scores = counts.scores()
    for row in ("cue", "source", "content", "attribution"):
        assert approx(scores.exact[row]) == (1.0, 1.0, 1.0)
        assert approx(scores.overlap[row]) == (1.0, 1.0, 1.0)
    assert counts.attribution_exact == ExactCounts(tp=1, fp=0, fn=0)


def test_scoring_char_offsets_inside_the_same_tokens_still_match_exactly() -> None:
    # Starts one character into "Smith" and "the", ends one short of "said": same tokens.
    predicted = attr((1, 5), (6, 9), (12, 31))
    assert score_document(ONE, [predicted], [one_gold()]).attribution_exact.tp == 1


def test_scoring_one_token_boundary_difference_fails_exact_but_overlaps() -> None:
    # The prediction leaves out the final full stop: 4 of the 5 gold content tokens.
    predicted = attr(at(ONE, "Smith"), at(ONE, "said"), at(ONE, "the plan would fail"))
    counts = score_document(ONE, [predicted], [one_gold()])
    assert counts.cue_exact == ExactCounts(tp=1, fp=0, fn=0)
    assert counts.source_exact == ExactCounts(tp=1, fp=0, fn=0)
    assert counts.content_exact == ExactCounts(tp=0, fp=1, fn=1)
    assert counts.attribution_exact == ExactCounts(tp=0, fp=1, fn=1)
    assert counts.content_overlap == OverlapCounts(overlap=4, predicted=4, gold=5)
    scores = counts.scores()
    assert approx(scores.exact["content"]) == (0.0, 0.0, 0.0)
    assert approx(scores.overlap["content"]) == (1.0, 0.8, 0.8889)
    # Attribution overlap adds the roles up: (1 + 1 + 4) / (1 + 1 + 4) and / (1 + 1 + 5).
    assert counts.overlap("attribution") == OverlapCounts(overlap=6, predicted=6, gold=7)
    assert approx(scores.overlap["attribution"]) == (1.0, 0.8571, 0.9231)


def test_scoring_source_and_content_exact_need_overlapping_cues() -> None:
    gold = [
        attr(at(TWO, "Smith"), at(TWO, "said"), at(TWO, "taxes rise")),
        attr(at(TWO, "Jones"), at(TWO, "denied"), at(TWO, "it")),
    ]
    # Smith's source and content, but Jones's cue.
    predicted = [attr(at(TWO, "Smith"), at(TWO, "denied"), at(TWO, "taxes rise"))]
    counts = score_document(TWO, predicted, gold)
    assert counts.cue_exact == ExactCounts(tp=1, fp=0, fn=1)
    assert counts.source_exact == ExactCounts(tp=0, fp=1, fn=2)
    assert counts.content_exact == ExactCounts(tp=0, fp=1, fn=2)
    assert counts.attribution_exact == ExactCounts(tp=0, fp=1, fn=2)
    assert counts.cue_overlap == OverlapCounts(overlap=1, predicted=1, gold=2)
    assert counts.source_overlap == OverlapCounts(overlap=1, predicted=1, gold=2)
    assert counts.content_overlap == OverlapCounts(overlap=2, predicted=2, gold=3)


def test_scoring_overlapping_but_different_cue_allows_source_exact() -> None:
    gold = [attr(at(TWO, "Smith"), at(TWO, "said"), at(TWO, "taxes rise"))]
    predicted = [attr(at(TWO, "Smith"), at(TWO, "said taxes"), at(TWO, "rise"))]
    counts = score_document(TWO, predicted, gold)
    assert counts.cue_exact == ExactCounts(tp=0, fp=1, fn=1)
    assert counts.source_exact == ExactCounts(tp=1, fp=0, fn=0)
    assert counts.content_exact == ExactCounts(tp=0, fp=1, fn=1)
    assert counts.cue_overlap == OverlapCounts(overlap=1, predicted=2, gold=1)


def test_scoring_no_source_attributions_match_an_empty_predicted_source() -> None:
    gold = [attr(None, at(TWO, "denied"), at(TWO, "it"))]
    counts = score_document(TWO, [attr(None, at(TWO, "denied"), at(TWO, "it"))], gold)
    assert counts.source_exact == ExactCounts(tp=1, fp=0, fn=0)
    assert counts.attribution_exact == ExactCounts(tp=1, fp=0, fn=0)
    # Nothing to overlap: zero, not a division error.
    assert counts.source_overlap == OverlapCounts(0, 0, 0)
    assert approx(counts.scores().overlap["source"]) == (0.0, 0.0, 0.0)
    assert approx(counts.scores().overlap["attribution"]) == (1.0, 1.0, 1.0)


def test_scoring_inventing_a_source_for_a_no_source_attribution_fails_source_exact() -> None:
    gold = [attr(None, at(TWO, "denied"), at(TWO, "it"))]
    counts = score_document(TWO, [attr(at(TWO, "Jones"), at(TWO, "denied"), at(TWO, "it"))], gold)
    assert counts.source_exact == ExactCounts(tp=0, fp=1, fn=1)
    assert counts.content_exact == ExactCounts(tp=1, fp=0, fn=0)
    assert counts.source_overlap == OverlapCounts(overlap=0, predicted=1, gold=0)


def test_scoring_fragment_order_and_split_do_not_matter() -> None:
    fragments = [at(TWO, "taxes"), at(TWO, "Jones")]
    gold = [attr(at(TWO, "Smith"), at(TWO, "said"), fragments)]
    reordered = attr(at(TWO, "Smith"), at(TWO, "said"), list(reversed(fragments)))
    assert score_document(TWO, [reordered], gold).content_exact.tp == 1
    half = attr(at(TWO, "Smith"), at(TWO, "said"), fragments[:1])
    counts = score_document(TWO, [half], gold)
    assert counts.content_exact == ExactCounts(tp=0, fp=1, fn=1)
    assert counts.content_overlap == OverlapCounts(overlap=1, predicted=1, gold=2)


def test_scoring_nested_attributions_sum_overlaps_over_all_pairs() -> None:
    outer = attr(at(NESTED, "Smith"), at(NESTED, "said"), at(NESTED, "Jones claimed taxes rise"))
    inner = attr(at(NESTED, "Jones"), at(NESTED, "claimed"), at(NESTED, "taxes rise"))
    counts = score_document(NESTED, [inner], [outer, inner])
    assert counts.attribution_exact == ExactCounts(tp=1, fp=0, fn=1)
    # "taxes rise" overlaps both gold contents, and Citron sums every pair: 2 + 2 shared
    # tokens for 2 predicted ones, so overlap precision is 2.0 here, by definition.
    assert counts.content_overlap == OverlapCounts(overlap=4, predicted=2, gold=6)
    assert counts.scores().overlap["content"].precision == pytest.approx(2.0)
    # The source "Jones" is also inside the outer content, but roles are compared alone.
    assert counts.source_overlap == OverlapCounts(overlap=1, predicted=1, gold=2)


def test_scoring_empty_predictions_give_zero_precision_without_crashing() -> None:
    counts = score_document(ONE, [], [one_gold()])
    assert counts.predicted == 0 and counts.gold == 1
    assert counts.attribution_exact == ExactCounts(tp=0, fp=0, fn=1)
    scores = counts.scores()
    for row in ("cue", "source", "content", "attribution"):
        assert approx(scores.exact[row]) == (0.0, 0.0, 0.0)
        assert approx(scores.overlap[row]) == (0.0, 0.0, 0.0)


def test_scoring_predictions_without_gold_are_all_false_positives() -> None:
    counts = score_document(ONE, [one_gold()], [])
    assert counts.cue_exact == ExactCounts(tp=0, fp=1, fn=0)
    assert counts.cue_overlap == OverlapCounts(overlap=0, predicted=1, gold=0)
    assert score_document(ONE, [], []).scores().exact["cue"] == PRF(0.0, 0.0, 0.0)


def test_scoring_duplicate_predictions_each_count_as_true_positives() -> None:
    counts = score_document(ONE, [one_gold(), one_gold()], [one_gold()])
    assert counts.cue_exact == ExactCounts(tp=2, fp=0, fn=0)
    assert counts.cue_overlap == OverlapCounts(overlap=2, predicted=2, gold=1)


def test_scoring_counts_add_up_as_micro_averages() -> None:
    gold = [
        attr(at(TWO, "Smith"), at(TWO, "said"), at(TWO, "taxes rise")),
        attr(at(TWO, "Jones"), at(TWO, "denied"), at(TWO, "it")),
    ]
    perfect = score_document(TWO, gold, gold)  # 2 of 2 found
    missed = score_document(ONE, [], [one_gold()])  # 0 of 1 found
    total = perfect + missed
    assert total == sum_counts([perfect, missed])
    assert total.documents == 2 and total.predicted == 2 and total.gold == 3
    assert total.cue_exact == ExactCounts(tp=2, fp=0, fn=1)
    # Micro recall is 2/3, not the mean of per-document recalls (1.0 and 0.0).
    assert approx(total.scores().exact["cue"]) == (1.0, 0.6667, 0.8)
    assert sum_counts([]) == Counts()


def test_scoring_to_dict_has_every_row_and_metric() -> None:
    record = score_document(ONE, [one_gold()], [one_gold()]).scores().to_dict()
    assert set(record) == {"cue", "source", "content", "attribution"}
    assert record["content"]["overlap"] == {"precision": 1.0, "recall": 1.0, "f1": 1.0}
