"""The fixed vocabularies of the record, as StrEnums the CLI offers as choices.

This module imports nothing heavy, so ``onrecord --help`` can list the choices without
loading SQLAlchemy or pyarrow; the store's modules take their value lists from here.
"""

from __future__ import annotations

import enum


class StatementKindChoice(enum.StrEnum):
    """How a statement is reported: quoted, paraphrased, or both."""

    direct = "direct"
    indirect = "indirect"
    mixed = "mixed"


class EntityType(enum.StrEnum):
    """What an entity is."""

    person = "person"
    organisation = "organisation"
    group = "group"


class PledgeStatus(enum.StrEnum):
    """Where a pledge stands, as a user tracks it."""

    made = "made"
    in_progress = "in progress"
    kept = "kept"
    broken = "broken"
    abandoned = "abandoned"


class ExportFormat(enum.StrEnum):
    """The file formats ``onrecord export`` writes."""

    csv = "csv"
    jsonl = "jsonl"
    parquet = "parquet"


class ExportTable(enum.StrEnum):
    """What one exported row is."""

    statements = "statements"
    articles = "articles"
