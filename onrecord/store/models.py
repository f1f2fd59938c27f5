"""The record's tables: articles and their versions, entities, statements, pledges.

Every table is reached through ``onrecord.store.Store``; Alembic migrations in
``onrecord/store/migrations`` create them (the full-text index is added there too,
because it differs between SQLite and PostgreSQL).
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from sqlalchemy import JSON, Date, DateTime, Float, ForeignKey, Index, Integer, String, Text, UniqueConstraint, text
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column, relationship

from onrecord.store.choices import EntityType, PledgeStatus

# Lengths are generous caps, not guesses at real data: PostgreSQL enforces them, and a
# title or URL longer than this is junk rather than an article.
NAME_LENGTH = 300
URL_LENGTH = 2000

ENTITY_TYPES = tuple(entity_type.value for entity_type in EntityType)
PLEDGE_STATUSES = tuple(status.value for status in PledgeStatus)
MENTION_KINDS = ("made", "reaffirmed", "contradicted")


def utc_now() -> dt.datetime:
    """The current time in UTC (every stored timestamp is UTC)."""
    return dt.datetime.now(dt.UTC)


class Base(DeclarativeBase):
    """Declarative base of the record's tables."""

    type_annotation_map = {dict[str, Any]: JSON, list[Any]: JSON}


class Article(Base):
    """One version of one article. ``key`` is its URL, or its doc id when it has none.

    The same key with a new text is a new version; the old row stays, with
    ``superseded_at`` set, so statements once reported remain on record.
    """

    __tablename__ = "articles"
    __table_args__ = (
        UniqueConstraint("key", "sha256", name="uq_articles_key_sha256"),
        UniqueConstraint("key", "version", name="uq_articles_key_version"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    key: Mapped[str] = mapped_column(String(URL_LENGTH))
    version: Mapped[int] = mapped_column(Integer, default=1)
    doc_id: Mapped[str] = mapped_column(String(URL_LENGTH))
    url: Mapped[str | None] = mapped_column(String(URL_LENGTH))
    outlet: Mapped[str | None] = mapped_column(String(NAME_LENGTH), index=True)
    title: Mapped[str | None] = mapped_column(Text)
    # The publication date from the input, else the ingest date (date_from says which).
    published: Mapped[dt.date] = mapped_column(Date, index=True)
    date_from: Mapped[str] = mapped_column(String(16))
    text: Mapped[str] = mapped_column(Text)
    sha256: Mapped[str] = mapped_column(String(64), index=True)
    ingested_at: Mapped[dt.datetime] = mapped_column(DateTime(timezone=True), default=utc_now)
    superseded_at: Mapped[dt.datetime | None] = mapped_column(DateTime(timezone=True))

    statements: Mapped[list[StatementRow]] = relationship(back_populates="article", order_by="StatementRow.position")


class Entity(Base):
    """A person, organisation or group seen across articles.

    A merged entity keeps its row with ``merged_into_id`` set, so old references and
    the audit trail still resolve; only live entities (``merged_into_id`` null) are
    matched against new speakers.
    """

    __tablename__ = "entities"
    __table_args__ = (
        Index(
            "uq_entities_live_name",
            "type",
            "name_key",
            unique=True,
            sqlite_where=text("merged_into_id IS NULL"),
            postgresql_where=text("merged_into_id IS NULL"),
        ),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(NAME_LENGTH))
    # Lower-cased name without titles ("Ms", "Sir"): what resolution compares.
    name_key: Mapped[str] = mapped_column(String(NAME_LENGTH), index=True)
    surname_key: Mapped[str | None] = mapped_column(String(NAME_LENGTH), index=True)
    type: Mapped[str] = mapped_column(String(16))
    # The latest party seen, normalised ("labour", "conservative"), for filters.
    party: Mapped[str | None] = mapped_column(String(NAME_LENGTH), index=True)
    merged_into_id: Mapped[int | None] = mapped_column(ForeignKey("entities.id"), index=True)
    created_at: Mapped[dt.datetime] = mapped_column(DateTime(timezone=True), default=utc_now)

    aliases: Mapped[list[EntityAlias]] = relationship(back_populates="entity", cascade="all, delete-orphan")
    facts: Mapped[list[EntityFact]] = relationship(back_populates="entity", cascade="all, delete-orphan")


class EntityAlias(Base):
    """A name an entity was written as ("Ms Reeves", "Rachel Reeves")."""

    __tablename__ = "entity_aliases"
    __table_args__ = (UniqueConstraint("entity_id", "alias", name="uq_entity_aliases"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    entity_id: Mapped[int] = mapped_column(ForeignKey("entities.id"), index=True)
    alias: Mapped[str] = mapped_column(String(NAME_LENGTH))
    alias_key: Mapped[str] = mapped_column(String(NAME_LENGTH), index=True)

    entity: Mapped[Entity] = relationship(back_populates="aliases")


class EntityFact(Base):
    """A role or affiliation of an entity, with the article dates it was first and last seen."""

    __tablename__ = "entity_facts"
    __table_args__ = (UniqueConstraint("entity_id", "kind", "value", name="uq_entity_facts"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    entity_id: Mapped[int] = mapped_column(ForeignKey("entities.id"), index=True)
    kind: Mapped[str] = mapped_column(String(16))  # "role" or "affiliation"
    value: Mapped[str] = mapped_column(String(NAME_LENGTH))
    first_seen: Mapped[dt.date] = mapped_column(Date)
    last_seen: Mapped[dt.date] = mapped_column(Date)

    entity: Mapped[Entity] = relationship(back_populates="facts")


class EntityChange(Base):
    """The audit row of a user's merge or split: who, when, what and why."""

    __tablename__ = "entity_changes"

    id: Mapped[int] = mapped_column(primary_key=True)
    action: Mapped[str] = mapped_column(String(16))  # "merge" or "split"
    entity_id: Mapped[int] = mapped_column(ForeignKey("entities.id"), index=True)
    other_entity_id: Mapped[int] = mapped_column(ForeignKey("entities.id"))
    statement_ids: Mapped[list[Any]] = mapped_column(default=list)
    changed_by: Mapped[str] = mapped_column(String(NAME_LENGTH))
    note: Mapped[str | None] = mapped_column(Text)
    changed_at: Mapped[dt.datetime] = mapped_column(DateTime(timezone=True), default=utc_now)


class StatementRow(Base):
    """One attributed statement of one article version, spans as in ``onrecord.types``."""

    __tablename__ = "statements"
    __table_args__ = (UniqueConstraint("article_id", "position", name="uq_statements_article_position"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    article_id: Mapped[int] = mapped_column(ForeignKey("articles.id"), index=True)
    position: Mapped[int] = mapped_column(Integer)
    # Not indexed: three values never narrow a search (migration 0002).
    kind: Mapped[str] = mapped_column(String(16))
    speaker_id: Mapped[int | None] = mapped_column(ForeignKey("entities.id"), index=True)
    # The speaker as this article gave it, kept apart from the entity it was resolved to.
    speaker_name: Mapped[str | None] = mapped_column(String(NAME_LENGTH))
    speaker_type: Mapped[str | None] = mapped_column(String(16))
    speaker_role: Mapped[str | None] = mapped_column(String(NAME_LENGTH))
    speaker_affiliation: Mapped[str | None] = mapped_column(String(NAME_LENGTH))
    party: Mapped[str | None] = mapped_column(String(NAME_LENGTH), index=True)
    content: Mapped[str] = mapped_column(Text)
    cue: Mapped[str] = mapped_column(Text)
    confidence: Mapped[float] = mapped_column(Float)
    spans: Mapped[dict[str, Any]] = mapped_column()
    pledge: Mapped[dict[str, Any] | None] = mapped_column()

    article: Mapped[Article] = relationship(back_populates="statements")
    speaker: Mapped[Entity | None] = relationship()


class PledgeRow(Base):
    """One commitment, however many articles report it; its mentions form the timeline."""

    __tablename__ = "pledges"

    id: Mapped[int] = mapped_column(primary_key=True)
    pledger: Mapped[str] = mapped_column(String(NAME_LENGTH))
    pledger_key: Mapped[str] = mapped_column(String(NAME_LENGTH), index=True)
    pledger_type: Mapped[str] = mapped_column(String(16))
    action: Mapped[str] = mapped_column(Text)
    condition: Mapped[str | None] = mapped_column(Text)
    target: Mapped[str | None] = mapped_column(Text)
    # Content-word stems of action and target: what clustering compares.
    terms: Mapped[list[Any]] = mapped_column(default=list)
    status: Mapped[str] = mapped_column(String(16), default="made", index=True)
    first_seen: Mapped[dt.date] = mapped_column(Date, index=True)
    last_seen: Mapped[dt.date] = mapped_column(Date)

    mentions: Mapped[list[PledgeMention]] = relationship(back_populates="pledge", cascade="all, delete-orphan")
    status_changes: Mapped[list[PledgeStatusChange]] = relationship(
        back_populates="pledge", cascade="all, delete-orphan", order_by="PledgeStatusChange.id"
    )


class PledgeMention(Base):
    """A statement that makes, reaffirms or contradicts a pledge."""

    __tablename__ = "pledge_mentions"
    __table_args__ = (UniqueConstraint("pledge_id", "statement_id", name="uq_pledge_mentions"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    pledge_id: Mapped[int] = mapped_column(ForeignKey("pledges.id"), index=True)
    statement_id: Mapped[int] = mapped_column(ForeignKey("statements.id"), index=True)
    kind: Mapped[str] = mapped_column(String(16))

    pledge: Mapped[PledgeRow] = relationship(back_populates="mentions")
    statement: Mapped[StatementRow] = relationship()


class PledgeStatusChange(Base):
    """One change of a pledge's status by a user, with a note."""

    __tablename__ = "pledge_status_changes"

    id: Mapped[int] = mapped_column(primary_key=True)
    pledge_id: Mapped[int] = mapped_column(ForeignKey("pledges.id"), index=True)
    old_status: Mapped[str] = mapped_column(String(16))
    new_status: Mapped[str] = mapped_column(String(16))
    changed_by: Mapped[str] = mapped_column(String(NAME_LENGTH))
    note: Mapped[str | None] = mapped_column(Text)
    changed_at: Mapped[dt.datetime] = mapped_column(DateTime(timezone=True), default=utc_now)

    pledge: Mapped[PledgeRow] = relationship(back_populates="status_changes")
