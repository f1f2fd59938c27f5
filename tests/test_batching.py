"""Batches bounded by characters: order kept, bound held, long texts alone, lazy reading."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from onrecord.batching import batch_by_chars

WORDS = ["harbour", "quay", "a", "reopened", "council", "June", "pay", "more", "Kettleness", "x" * 40]


def test_batches_keep_every_item_in_order_and_stay_under_the_bound() -> None:
    batches = list(batch_by_chars(WORDS, 12, length=len))
    assert [word for batch in batches for word in batch] == WORDS
    for batch in batches:
        assert len(batch) == 1 or sum(map(len, batch)) <= 12


def test_batches_are_as_full_as_the_bound_allows() -> None:
    assert list(batch_by_chars(["abc", "de", "fgh", "ij", "k"], 5, length=len)) == [["abc", "de"], ["fgh", "ij"], ["k"]]


def test_an_item_longer_than_the_bound_is_a_batch_of_its_own() -> None:
    batches = list(batch_by_chars(["ab", "x" * 50, "cd", "ef"], 5, length=len))
    assert batches == [["ab"], ["x" * 50], ["cd", "ef"]]


def test_batches_read_no_further_than_the_item_that_closes_a_batch() -> None:
    read: list[str] = []

    def stream() -> Iterator[str]:
        for word in ["abc", "de", "fgh", "ij"]:
            read.append(word)
            yield word

    batches = batch_by_chars(stream(), 5, length=len)
    assert next(batches) == ["abc", "de"]
    assert read == ["abc", "de", "fgh"]


def test_empty_stream_gives_no_batch_and_empty_items_join_a_batch() -> None:
    assert list(batch_by_chars([], 5, length=len)) == []
    assert list(batch_by_chars(["", "abcde", ""], 5, length=len)) == [["", "abcde", ""]]


def test_a_bound_below_one_character_is_refused() -> None:
    with pytest.raises(ValueError, match="positive number of characters, not 0"):
        list(batch_by_chars(["a"], 0, length=len))
