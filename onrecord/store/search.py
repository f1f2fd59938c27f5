"""Search statements: full text plus filters, newest first, a page at a time.

The full-text match uses the index the migrations built (FTS5 on SQLite, a tsvector
with a GIN index on PostgreSQL); results come in descending statement id (the order of
ingest), which both indexes can produce without ranking every match, so a common word
on a million statements still answers within a page's worth of rows.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import Integer, Select, column, func, literal_column, or_, select, table
from sqlalchemy.orm import Session

from onrecord.errors import StoreError
from onrecord.store import names
from onrecord.store.models import Article, Entity, EntityAlias, PledgeMention, StatementRow

STATEMENT_KINDS = ("direct", "indirect", "mixed")
MAX_PAGE_SIZE = 1000
_FTS = table("statements_fts", column("rowid", Integer))
# A quoted phrase or one bare word of a user's query.
_QUERY_PART = re.compile(r'"([^"]*)"|(\S+)')
_FTS_WORD = re.compile(r"[^\W_]+")


@dataclass(frozen=True, slots=True)
class SearchQuery:
    """What to look for. Every field is optional; the empty query lists the newest statements.

    ``text`` takes words (all must occur, stemmed: "pledges" finds "pledged") and
    "quoted phrases". ``speaker`` is a name, alias or surname; ``party`` any spelling
    of a party ("Tories"); ``since``/``until`` bound the article date, both included.
    ``speaker_id`` and ``article_id`` pin one entity or one article version (the web
    pages of a person and of an article).
    """

    text: str | None = None
    speaker: str | None = None
    party: str | None = None
    kind: str | None = None
    outlet: str | None = None
    since: dt.date | None = None
    until: dt.date | None = None
    speaker_id: int | None = None
    article_id: int | None = None
    include_superseded: bool = False
    limit: int = 20
    offset: int = 0


@dataclass(frozen=True, slots=True)
class StatementHit:
    """One statement found, with its speaker entity and its article."""

    id: int
    kind: str
    content: str
    cue: str
    confidence: float
    speaker: str | None
    speaker_id: int | None
    speaker_as_written: str | None
    role: str | None
    party: str | None
    article_id: int
    title: str | None
    url: str | None
    outlet: str | None
    published: dt.date
    pledge_id: int | None
    spans: dict[str, Any] = field(default_factory=dict)

    def to_dict(self) -> dict[str, Any]:
        """Return the JSON form (dates as ISO strings)."""
        return {
            "id": self.id,
            "kind": self.kind,
            "content": self.content,
            "cue": self.cue,
            "confidence": round(self.confidence, 4),
            "speaker": self.speaker,
            "speaker_id": self.speaker_id,
            "speaker_as_written": self.speaker_as_written,
            "role": self.role,
            "party": self.party,
            "article_id": self.article_id,
            "title": self.title,
            "url": self.url,
            "outlet": self.outlet,
            "published": self.published.isoformat(),
            "pledge_id": self.pledge_id,
            "spans": self.spans,
        }


def search_statements(session: Session, query: SearchQuery) -> list[StatementHit]:
    """Find statements matching ``query``, newest first.

    Raises:
        StoreError: for an unknown kind, an empty text query, a bad page size or a
            ``since`` after ``until``.
    """
    _check(query)
    pledge_id = (
        select(func.min(PledgeMention.pledge_id)).where(PledgeMention.statement_id == StatementRow.id)
    ).scalar_subquery()
    statement = (
        select(StatementRow, Article, Entity.name, pledge_id)
        .join(Article, StatementRow.article_id == Article.id)
        .outerjoin(Entity, StatementRow.speaker_id == Entity.id)
    )
    statement = _filtered(session, statement, query)
    rows = session.execute(statement.limit(query.limit).offset(query.offset)).all()
    return [_hit(row, article, speaker, pledge) for row, article, speaker, pledge in rows]


def _check(query: SearchQuery) -> None:
    """Reject a query that cannot mean anything, naming the option to fix."""
    if query.kind is not None and query.kind not in STATEMENT_KINDS:
        raise StoreError(f"--kind {query.kind}: not a statement kind; use one of {', '.join(STATEMENT_KINDS)}")
    if query.text is not None and not _FTS_WORD.search(query.text):
        raise StoreError(f"search text {query.text!r} has no words to look for")
    if not 1 <= query.limit <= MAX_PAGE_SIZE or query.offset < 0:
        raise StoreError(f"--limit must be 1 to {MAX_PAGE_SIZE} and --offset 0 or more")
    if query.since and query.until and query.since > query.until:
        raise StoreError(f"--since {query.since} is after --until {query.until}")


def _filtered(session: Session, statement: Select[Any], query: SearchQuery) -> Select[Any]:
    """Add the query's text match and filters, and the newest-first order."""
    order = StatementRow.id.desc()
    if query.text is not None:
        dialect = session.get_bind().dialect.name
        if dialect == "sqlite":
            statement = statement.join(_FTS, _FTS.c.rowid == StatementRow.id).where(
                literal_column("statements_fts").op("MATCH")(fts5_query(query.text))
            )
            order = _FTS.c.rowid.desc()
        else:
            statement = statement.where(
                literal_column("statements.search_vector").op("@@")(func.websearch_to_tsquery("english", query.text))
            )
    if query.speaker is not None:
        statement = statement.where(StatementRow.speaker_id.in_(speaker_ids(session, query.speaker)))
    if query.speaker_id is not None:
        statement = statement.where(StatementRow.speaker_id == query.speaker_id)
    if query.article_id is not None:
        statement = statement.where(StatementRow.article_id == query.article_id)
    if query.party is not None:
        statement = statement.where(StatementRow.party == (names.party_name(query.party) or query.party))
    if query.kind is not None:
        statement = statement.where(StatementRow.kind == query.kind)
    if query.outlet is not None:
        statement = statement.where(func.lower(Article.outlet) == query.outlet.lower())
    if query.since is not None:
        statement = statement.where(Article.published >= query.since)
    if query.until is not None:
        statement = statement.where(Article.published <= query.until)
    if not query.include_superseded:
        statement = statement.where(Article.superseded_at.is_(None))
    return statement.order_by(order)


def fts5_query(text: str) -> str:
    """Turn a user's words and "phrases" into an FTS5 query that cannot be a syntax error.

    Each part becomes a quoted FTS5 string of its words, so punctuation, AND/OR/NOT and
    column names in the user's text are searched for as words, never parsed.
    """
    parts = []
    for phrase, word in _QUERY_PART.findall(text):
        tokens = _FTS_WORD.findall(phrase or word)
        if tokens:
            parts.append('"' + " ".join(tokens) + '"' + ("*" if word.endswith("*") and not phrase else ""))
    return " ".join(parts)


def speaker_ids(session: Session, speaker: str) -> list[int]:
    """The live entities a user means by ``speaker``: full name, alias or surname."""
    key = names.name_key(speaker)
    alias_of = select(EntityAlias.entity_id).where(EntityAlias.alias_key == names.fold(speaker))
    matches = select(Entity.id, Entity.merged_into_id).where(
        or_(Entity.name_key == key, Entity.surname_key == key, Entity.id.in_(alias_of))
    )
    return sorted({merged or entity for entity, merged in session.execute(matches)})


def _hit(row: StatementRow, article: Article, speaker: str | None, pledge_id: int | None) -> StatementHit:
    """Build the typed result of one row."""
    return StatementHit(
        id=row.id,
        kind=row.kind,
        content=row.content,
        cue=row.cue,
        confidence=row.confidence,
        speaker=speaker,
        speaker_id=row.speaker_id,
        speaker_as_written=row.speaker_name,
        role=row.speaker_role,
        party=row.party,
        article_id=article.id,
        title=article.title,
        url=article.url,
        outlet=article.outlet,
        published=article.published,
        pledge_id=pledge_id,
        spans=row.spans,
    )
