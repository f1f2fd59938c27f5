"""The spaCy extension attributes onrecord sets, registered once, in one place."""

from __future__ import annotations

from spacy.tokens import Doc


def register_extensions() -> None:
    """Declare ``doc._.statements`` unless another import already did."""
    if not Doc.has_extension("statements"):
        # The component always assigns a fresh tuple, so the default is never shared.
        Doc.set_extension("statements", default=())
