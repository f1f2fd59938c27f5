"""Registration of the ``onrecord`` spaCy factory (announced by the ``spacy_factories`` entry point)."""

from __future__ import annotations

from spacy.language import Language

from onrecord.attribute.component import StatementFinder


@Language.factory(
    "onrecord",
    default_config={"model_dir": None},
    requires=["token.dep", "token.head", "token.tag", "doc.sents", "doc.ents"],
    assigns=["doc._.statements"],
)
def make_onrecord(nlp: Language, name: str, model_dir: str | None) -> StatementFinder:
    """Create the component; ``model_dir`` defaults to the weights shipped in the package."""
    return StatementFinder(nlp, name, model_dir=model_dir)
