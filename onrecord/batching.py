"""Batches measured in characters, not in texts.

What a batch costs the parser, in time and in memory, grows with its length: sixteen
headlines and sixteen long reads are not the same load. Bounding every batch by the same
number of characters keeps a worker's peak memory at one ceiling that it reaches within
its first batches, instead of a new high each time a run of long texts happens to land on
it.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from typing import TypeVar

Item = TypeVar("Item")

# The characters of one batch; also the longest piece a long text is parsed in
# (``onrecord.api.MAX_CHUNK_CHARS``), so that piece is a batch of its own and no batch
# of the parser ever holds more. 20,000 characters is a long article, or a dozen short ones.
DEFAULT_BATCH_CHARS = 20_000


def batch_by_chars(items: Iterable[Item], max_chars: int, length: Callable[[Item], int]) -> Iterator[list[Item]]:
    """Cut a stream into lists of at most ``max_chars`` characters, keeping the order.

    A batch ends before the item that would take it over the limit; an item longer than
    the limit is a batch of its own. Items are read one at a time, never further ahead
    than the one that closes a batch.

    Args:
        items (Iterable[Item]): the stream.
        max_chars (int): the most characters a batch of several items may hold.
        length (Callable[[Item], int]): an item's size in characters.

    Raises:
        ValueError: when ``max_chars`` is not positive.
    """
    if max_chars < 1:
        raise ValueError(f"batch size must be a positive number of characters, not {max_chars}")
    batch: list[Item] = []
    size = 0
    for item in items:
        item_size = length(item)
        if batch and size + item_size > max_chars:
            yield batch
            batch, size = [], 0
        batch.append(item)
        size += item_size
    if batch:
        yield batch
