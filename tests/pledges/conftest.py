"""Fixtures for the pledges stage: the base English parser, loaded once per session."""

from __future__ import annotations

import pytest
from spacy.language import Language

from onrecord.analyse.pipeline import load_base_pipeline


@pytest.fixture(scope="session")
def parser() -> Language:
    """The English model onrecord parses with, without the onrecord components."""
    return load_base_pipeline()
