"""The Python API: ``extract(text) -> Document`` and a reusable ``Extractor``.

The CLI, the evaluation commands and the benchmarks all go through this module.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from functools import lru_cache

from spacy.language import Language

from onrecord.analyse.pipeline import load_pipeline
from onrecord.types import Document


class Extractor:
    """A loaded pipeline that turns texts into ``Document`` objects.

    Loading takes a second or two; keep one ``Extractor`` per process and feed it many
    texts through ``pipe``.
    """

    def __init__(self, nlp: Language | None = None) -> None:
        self.nlp = nlp if nlp is not None else load_pipeline()

    def __call__(self, text: str, doc_id: str = "doc") -> Document:
        """Extract the statements of one text."""
        return next(self.pipe([(doc_id, text)]))

    def pipe(self, items: Iterable[tuple[str, str]], batch_size: int = 16) -> Iterator[Document]:
        """Extract statements from ``(doc_id, text)`` pairs, streaming, in input order."""
        for doc, doc_id in self.nlp.pipe(
            ((text, doc_id) for doc_id, text in items), as_tuples=True, batch_size=batch_size
        ):
            yield Document(doc_id=doc_id, text=doc.text, statements=tuple(doc._.statements))


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
