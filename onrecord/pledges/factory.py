"""Registration of the ``onrecord_pledges`` spaCy factory (announced by the ``spacy_factories`` entry point)."""

from __future__ import annotations

from spacy.language import Language

from onrecord.pledges.component import PledgeFinder


@Language.factory(
    "onrecord_pledges",
    default_config={},
    requires=["doc._.statements", "token.dep", "token.head", "token.tag", "doc.sents", "doc.ents"],
    assigns=["doc._.statements"],
)
def make_onrecord_pledges(nlp: Language, name: str) -> PledgeFinder:
    """Create the pledges component (no settings)."""
    return PledgeFinder(nlp, name)
