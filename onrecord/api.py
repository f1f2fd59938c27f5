"""The Python API: ``extract(text) -> Document`` and a reusable ``Extractor``.

The CLI, the evaluation commands and the benchmarks all go through this module.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from functools import lru_cache
from itertools import chain

from spacy.language import Language

from onrecord.analyse.pipeline import load_pipeline
from onrecord.batching import DEFAULT_BATCH_CHARS, batch_by_chars
from onrecord.types import Document, Statement

# spaCy refuses texts over nlp.max_length (1,000,000 characters) and a batch of long
# texts takes memory in proportion: a 5 MB text cut in 100,000-character pieces
# peaked at 5.3 GiB RSS, so pieces stay near the size of a long article: one batch.
MAX_CHUNK_CHARS = DEFAULT_BATCH_CHARS


class Extractor:
    """A loaded pipeline that turns texts into ``Document`` objects.

    Loading takes a second or two; keep one ``Extractor`` per process and feed it many
    texts through ``pipe``.
    """

    def __init__(self, nlp: Language | None = None, *, max_chunk_chars: int = MAX_CHUNK_CHARS) -> None:
        self.nlp = nlp if nlp is not None else load_pipeline()
        self.max_chunk_chars = max_chunk_chars

    def __call__(self, text: str, doc_id: str = "doc") -> Document:
        """Extract the statements of one text."""
        return next(self.pipe([(doc_id, text)]))

    def pipe(self, items: Iterable[tuple[str, str]], batch_chars: int = DEFAULT_BATCH_CHARS) -> Iterator[Document]:
        """Extract statements from ``(doc_id, text)`` pairs, streaming, in input order.

        The parser takes the texts in batches of at most ``batch_chars`` characters
        (``onrecord.batching``), so memory depends on that bound, not on which texts
        happen to come together. Texts longer than ``max_chunk_chars`` are parsed in
        pieces cut at line breaks and put back together, offsets included; a statement
        whose cue and content fall on both sides of a cut is not found.
        """
        pieces = (
            (text[start:end], (number, doc_id, text, start))
            for number, (doc_id, text) in enumerate(items)
            for start, end in chunk_bounds(text, self.max_chunk_chars)
        )
        parsed = chain.from_iterable(
            self.nlp.pipe(batch, as_tuples=True, batch_size=len(batch))
            for batch in batch_by_chars(pieces, batch_chars, length=lambda piece: len(piece[0]))
        )
        current: tuple[int, str, str] | None = None
        statements: list[Statement] = []
        for doc, (number, doc_id, text, start) in parsed:
            if current is not None and current[0] != number:
                yield Document(doc_id=current[1], text=current[2], statements=tuple(statements))
                statements = []
            current = (number, doc_id, text)
            statements.extend(statement.shifted(start) if start else statement for statement in doc._.statements)
        if current is not None:
            yield Document(doc_id=current[1], text=current[2], statements=tuple(statements))


def chunk_bounds(text: str, limit: int) -> list[tuple[int, int]]:
    """Cut ``text`` into pieces of at most ``limit`` characters, at a line break if possible.

    Raises:
        ValueError: when ``limit`` is not positive.
    """
    if limit < 1:
        raise ValueError(f"max_chunk_chars must be positive, not {limit}")
    bounds = []
    start = 0
    while len(text) - start > limit:
        cut = text.rfind("\n", start + limit // 2, start + limit)
        if cut < 0:
            cut = text.rfind(" ", start + limit // 2, start + limit)
        end = cut + 1 if cut >= 0 else start + limit
        bounds.append((start, end))
        start = end
    bounds.append((start, len(text)))
    return bounds


@lru_cache(maxsize=1)
def default_extractor() -> Extractor:
    """Return the process-wide extractor, loading it on first use."""
    return Extractor()


def extract(text: str, doc_id: str = "doc") -> Document:
    """Extract every attributed statement of ``text``.

    Args:
        text (str): the article text; offsets in the result refer to it exactly.
        doc_id (str): an identifier copied to the result.

    RETURNS (Document): the text and its statements, each with character spans.
    """
    return default_extractor()(text, doc_id)
