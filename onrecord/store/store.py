"""``Store``: the one door to the record, for the CLI, the web API and the workers."""

from __future__ import annotations

import logging
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from types import TracebackType
from typing import IO, Any

from sqlalchemy import Engine, func, select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session, sessionmaker

from onrecord.errors import StoreError
from onrecord.store import entities, pledges
from onrecord.store.articles import ArticleDetail, ArticleSummary, find_article, list_articles
from onrecord.store.database import DEFAULT_DB, open_engine
from onrecord.store.export import ExportFormat, ExportTable, article_rows, statement_rows, write_rows
from onrecord.store.ingest import IngestResult, article_key, is_current, store_document
from onrecord.store.listings import EntitySummary, PledgeSummary, find_entity, list_entities, list_pledges
from onrecord.store.models import Article, Entity, PledgeMention, PledgeRow, StatementRow
from onrecord.store.search import SearchQuery, StatementHit, search_statements
from onrecord.store.snapshot import RecordSnapshot, take_snapshot
from onrecord.types import Document

LOGGER = logging.getLogger(__name__)


class Store:
    """A record of articles, speakers, statements and pledges in SQLite or PostgreSQL.

    Open one per process (``Store.open("onrecord.db")`` or a ``postgresql://`` URL);
    every method runs in its own transaction, and ``ingest`` commits each article on
    its own, so a run killed half-way keeps every article it finished and no part of
    the one it was writing.
    """

    def __init__(self, engine: Engine) -> None:
        self.engine = engine
        self._sessions = sessionmaker(engine, expire_on_commit=False)

    @classmethod
    def open(cls, target: str = DEFAULT_DB, *, create: bool = True) -> Store:
        """Open (creating, unless ``create`` is False, and upgrading) the record at a SQLite path or URL.

        Raises:
            StoreError: when the database cannot be opened, or is a missing SQLite file and not ``create``.
        """
        return cls(open_engine(target, create=create))

    def close(self) -> None:
        """Release the database connections."""
        self.engine.dispose()

    def __enter__(self) -> Store:
        return self

    def __exit__(self, kind: type[BaseException] | None, value: BaseException | None, trace: TracebackType | None) -> None:
        self.close()

    @contextmanager
    def session(self) -> Iterator[Session]:
        """A transaction: committed when the block ends, rolled back when it raises."""
        with self._sessions.begin() as session:
            yield session

    def contains(self, doc_id: str, text_sha256: str, metadata: dict[str, Any]) -> bool:
        """True when this text is the article's current version: the check made before running the model.

        The text of a superseded version is not contained: storing it makes that version current again.
        """
        with self.session() as session:
            return is_current(session, article_key(doc_id, metadata), text_sha256)

    def ingest(self, documents: Iterable[Document]) -> Iterator[IngestResult]:
        """Store each document in its own transaction, yielding what happened to it."""
        for document in documents:
            yield self.ingest_document(document)

    def ingest_document(self, document: Document) -> IngestResult:
        """Store one document in one transaction (a concurrent writer's copy counts as unchanged).

        Raises:
            StoreError: when the article cannot be stored even after a retry.
        """
        for attempt in range(2):
            try:
                with self.session() as session:
                    return store_document(session, document)
            except IntegrityError as exc:
                # Another process stored this key at the same moment: look again.
                LOGGER.debug("%s: conflict on attempt %d (%s)", document.doc_id, attempt + 1, exc.orig)
        raise StoreError(f"{document.doc_id}: could not be stored: another writer keeps changing this article")

    def search(self, query: SearchQuery) -> list[StatementHit]:
        """Statements matching ``query``, newest first (see ``SearchQuery``)."""
        with self.session() as session:
            return search_statements(session, query)

    def entities(self, **filters: Any) -> list[EntitySummary]:
        """People, organisations and groups (filters of ``listings.list_entities``)."""
        with self.session() as session:
            return list_entities(session, **filters)

    def entity(self, entity_id: int) -> EntitySummary | None:
        """The live entity ``entity_id`` is (itself or the one it was merged into), None when unknown."""
        with self.session() as session:
            return find_entity(session, entity_id)

    def articles(self, **filters: Any) -> list[ArticleSummary]:
        """Article versions without their texts (filters of ``articles.list_articles``)."""
        with self.session() as session:
            return list_articles(session, **filters)

    def article(self, article_id: int) -> ArticleDetail | None:
        """One article version with its text, None when unknown."""
        with self.session() as session:
            return find_article(session, article_id)

    def pledges(self, **filters: Any) -> list[PledgeSummary]:
        """Pledges with timelines and status histories (filters of ``listings.list_pledges``)."""
        with self.session() as session:
            return list_pledges(session, **filters)

    def merge_entities(self, keep_id: int, other_id: int, *, changed_by: str, note: str | None = None) -> int:
        """Merge entity ``other_id`` into ``keep_id`` (audited); return the id kept."""
        with self.session() as session:
            return entities.merge_entities(session, keep_id, other_id, changed_by, note).id

    def split_entity(
        self, entity_id: int, statement_ids: list[int], name: str, *, changed_by: str, note: str | None = None
    ) -> int:
        """Move statements of an entity to a new entity called ``name`` (audited); return its id."""
        with self.session() as session:
            return entities.split_entity(session, entity_id, statement_ids, name, changed_by, note).id

    def set_pledge_status(self, pledge_id: int, status: str, *, changed_by: str, note: str | None = None) -> None:
        """Set a pledge's status, recording who changed it, when, and why."""
        with self.session() as session:
            pledges.set_status(session, pledge_id, status, changed_by, note)

    def export(
        self, table: ExportTable, output_format: ExportFormat, stream: IO[Any], *, all_versions: bool = False
    ) -> int:
        """Write every statement or article (current versions unless ``all_versions``); return the row count."""
        with self.session() as session:
            rows = (statement_rows if table is ExportTable.statements else article_rows)(
                session, all_versions=all_versions
            )
            return write_rows(rows, table, output_format, stream)

    def snapshot(self) -> RecordSnapshot:
        """Every article version and statement without row ids, to compare two records."""
        with self.session() as session:
            return take_snapshot(session)

    def counts(self) -> dict[str, int]:
        """How many rows of each kind the record holds (current versions and all)."""
        with self.session() as session:

            def count(*where: Any, of: Any = Article.id) -> int:
                return session.scalar(select(func.count(of)).where(*where)) or 0

            return {
                "articles": count(Article.superseded_at.is_(None)),
                "article versions": count(),
                "statements": count(of=StatementRow.id),
                "people": count(Entity.merged_into_id.is_(None), Entity.type == "person", of=Entity.id),
                "organisations and groups": count(Entity.merged_into_id.is_(None), Entity.type != "person",
                                                  of=Entity.id),
                "pledges": count(of=PledgeRow.id),
                "pledge mentions": count(of=PledgeMention.id),
            }
