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

from sqlalchemy import Integer, Select, column, exists, func, literal_column, or_, select, table
from sqlalchemy.orm import Session

from onrecord.errors import StoreError
from onrecord.store import names
from onrecord.store.choices import StatementKindChoice
from onrecord.store.models import Article, Entity, EntityAlias, PledgeMention, StatementRow

STATEMENT_KINDS = tuple(kind.value for kind in StatementKindChoice)
MAX_PAGE_SIZE = 1000
# Below these counts a search starts from the speaker's statements (rather than from the
# word index, on SQLite) or from the articles of the date range (rather than from the
# newest statement): a few thousand index lookups take a few milliseconds.
FEW_STATEMENTS = 1000
FEW_ARTICLES = 2000
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
    check_page(query.limit, query.offset)
    if query.since and query.until and query.since > query.until:
        raise StoreError(f"--since {query.since} is after --until {query.until}")


def check_page(limit: int, offset: int) -> None:
    """Reject a page size or offset that cannot mean anything (a negative limit means "all" to SQLite).

    Raises:
        StoreError: naming the allowed range.
    """
    if not 1 <= limit <= MAX_PAGE_SIZE or offset < 0:
        raise StoreError(f"--limit must be 1 to {MAX_PAGE_SIZE} and --offset 0 or more")


def _filtered(session: Session, statement: Select[Any], query: SearchQuery) -> Select[Any]:
    """Add the query's text match and filters, and the newest-first order."""
    order = StatementRow.id.desc()
    speakers = _speakers(session, query)
    if speakers is not None:
        statement = statement.where(StatementRow.speaker_id.in_(speakers))
    if query.text is not None:
        if session.get_bind().dialect.name != "sqlite":
            statement = statement.where(
                literal_column("statements.search_vector").op("@@")(func.websearch_to_tsquery("english", query.text))
            )
        elif speakers is not None and _few_statements(session, speakers):
            statement = statement.where(_fts_matches(fts5_query(query.text), StatementRow.id))
        else:
            statement = statement.join(_FTS, _FTS.c.rowid == StatementRow.id).where(
                literal_column("statements_fts").op("MATCH")(fts5_query(query.text))
            )
            order = _FTS.c.rowid.desc()
    if query.article_id is not None:
        statement = statement.where(StatementRow.article_id == query.article_id)
    if query.party is not None:
        statement = statement.where(StatementRow.party == (names.party_name(query.party) or query.party))
    if query.kind is not None:
        statement = statement.where(StatementRow.kind == query.kind)
    if query.outlet is not None:
        statement = statement.where(func.lower(Article.outlet) == query.outlet.lower())
    if query.since is not None or query.until is not None:
        statement = _within_dates(session, statement, query.since, query.until)
    if not query.include_superseded:
        statement = statement.where(Article.superseded_at.is_(None))
    return statement.order_by(order)


def _speakers(session: Session, query: SearchQuery) -> list[int] | None:
    """The speaker entities the query is limited to, None when it names none."""
    if query.speaker is None:
        return None if query.speaker_id is None else [query.speaker_id]
    named = speaker_ids(session, query.speaker)
    return named if query.speaker_id is None else [entity for entity in named if entity == query.speaker_id]


def _few_statements(session: Session, speakers: list[int]) -> bool:
    """True when the speakers said so little that checking each statement for the words beats the word index."""
    capped = select(StatementRow.id).where(StatementRow.speaker_id.in_(speakers)).limit(FEW_STATEMENTS + 1)
    return (session.scalar(select(func.count()).select_from(capped.subquery())) or 0) <= FEW_STATEMENTS


def _fts_matches(fts_query: str, statement_id: Any) -> Any:
    """The condition that one statement's words match ``fts_query``: an FTS5 lookup by rowid."""
    return exists(
        select(_FTS.c.rowid).where(_FTS.c.rowid == statement_id,
                                   literal_column("statements_fts").op("MATCH")(fts_query))
    )


def _within_dates(session: Session, statement: Select[Any], since: dt.date | None, until: dt.date | None) -> Select[Any]:
    """Keep the statements of articles dated ``since`` to ``until``.

    Statements come newest-ingested first; a date range far back in that order would
    be reached only after walking every newer statement. So when the range holds few
    articles, their ids go into the query and the statement index on articles serves
    it directly; a range of many articles meets its first page soon enough anyway.
    """
    dates = [Article.published >= since] if since else []
    dates += [Article.published <= until] if until else []
    articles = session.scalars(select(Article.id).where(*dates).limit(FEW_ARTICLES + 1)).all()
    if len(articles) <= FEW_ARTICLES:
        statement = statement.where(StatementRow.article_id.in_(articles))
    return statement.where(*dates)


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
