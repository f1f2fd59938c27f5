"""The ``onrecord_pledges`` spaCy component: fills the pledges and figures of ``doc._.statements``."""

from __future__ import annotations

from spacy.language import Language
from spacy.tokens import Doc

from onrecord.analyse.extensions import register_extensions
from onrecord.pledges.statements import find_pledges


class PledgeFinder:
    """Decide which statements are pledges and mark the figures they carry.

    Runs after the ``onrecord`` component and only reads its statements, so it costs
    little next to the parse.
    """

    def __init__(self, nlp: Language, name: str = "onrecord_pledges") -> None:
        register_extensions()
        self.name = name

    def __call__(self, doc: Doc) -> Doc:
        """Rewrite ``doc._.statements`` with ``pledge`` and ``figure_spans`` set."""
        if doc._.statements:
            doc._.statements = find_pledges(doc, doc._.statements)
        return doc
