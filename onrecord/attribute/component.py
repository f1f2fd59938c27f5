"""The ``onrecord`` spaCy component: finds statements and sets ``doc._.statements``.

1. Read the parsed document into feature arrays (``DocContext``).
2. Predict cues, sources and contents with the learned model (``AttributionModel``),
   and add the attributions marked by layout alone: speaker labels, dash credits.
3. Turn token ranges into character spans, follow quotations over paragraphs, decide
   the kind and resolve the speakers (``build_statements``).
"""

from __future__ import annotations

import logging
from pathlib import Path

from spacy.language import Language
from spacy.tokens import Doc

from onrecord.analyse.extensions import register_extensions
from onrecord.attribute.features import DocContext
from onrecord.attribute.layout import add_layout_attributions
from onrecord.attribute.model import AttributionModel
from onrecord.attribute.statements import build_statements

LOGGER = logging.getLogger(__name__)

DEFAULT_MODEL_DIR = Path(__file__).resolve().parent.parent / "resources" / "attribution"


class StatementFinder:
    """Find attributed statements in a parsed ``Doc``."""

    def __init__(self, nlp: Language, name: str = "onrecord", *, model_dir: str | Path | None = None) -> None:
        register_extensions()
        self.name = name
        self.model_dir = Path(model_dir) if model_dir else DEFAULT_MODEL_DIR
        self.model = AttributionModel.load(self.model_dir)

    def __call__(self, doc: Doc) -> Doc:
        """Set ``doc._.statements`` (a tuple of ``Statement``)."""
        if not len(doc):
            doc._.statements = ()
            return doc
        ctx = DocContext.from_doc(doc)
        doc._.statements = build_statements(ctx, add_layout_attributions(ctx, self.model.predict(ctx)))
        return doc
