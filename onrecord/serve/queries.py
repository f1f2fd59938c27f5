"""The reads behind both faces of the server: each JSON route and its HTML page call these.

As in Datasette, a page and its ``/api`` twin run the same query; only the rendering
differs. Unknown ids raise ``HTTPException(404)`` with a message naming the listing.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Annotated, Generic, TypeVar

from fastapi import HTTPException, Path, Query, Request
from pydantic import BeforeValidator

from onrecord.store import (
    ArticleDetail,
    ArticleSummary,
    EntitySummary,
    PledgeSummary,
    SearchQuery,
    StatementHit,
    Store,
)
from onrecord.serve.schemas import MAX_ID, EntityType, PledgeStatus, StatementKind

Row = TypeVar("Row")
MAX_PER_PAGE = 100
# Far beyond any record; it keeps the row offset inside a 64-bit integer.
MAX_PAGE = 1_000_000
# An article holds far fewer statements than this; it bounds a pathological text.
MAX_STATEMENTS_PER_ARTICLE = 1000


def _blank_is_none(value: object) -> object:
    """An empty form field means "no filter", as an absent one does."""
    return None if isinstance(value, str) and not value.strip() else value


BlankIsNone = BeforeValidator(_blank_is_none)
RowId = Annotated[int, Path(ge=1, le=MAX_ID, description="The row's id.")]


@dataclass(frozen=True, slots=True)
class Paging:
    """Which page of a listing: ``page`` counts from 1."""

    page: int
    per_page: int

    @property
    def offset(self) -> int:
        """Rows before this page."""
        return (self.page - 1) * self.per_page


def paging(
    page: Annotated[int, Query(ge=1, le=MAX_PAGE, description="The page, from 1.")] = 1,
    per_page: Annotated[int, Query(ge=1, le=MAX_PER_PAGE, description="Rows per page.")] = 20,
) -> Paging:
    """The ``?page=&per_page=`` parameters of every listing."""
    return Paging(page, per_page)


@dataclass(frozen=True, slots=True)
class Listing(Generic[Row]):
    """One page of rows and whether another follows."""

    items: list[Row]
    paging: Paging
    has_next: bool

    def links(self, request: Request) -> tuple[str | None, str | None]:
        """The next and previous pages' URLs: this request's URL with another ``page``."""
        def at(page: int) -> str:
            return str(request.url.include_query_params(page=page, per_page=self.paging.per_page))

        following = at(self.paging.page + 1) if self.has_next else None
        previous = at(self.paging.page - 1) if self.paging.page > 1 else None
        return following, previous


def _listing(rows: list[Row], page: Paging) -> Listing[Row]:
    """Cut the extra row fetched to learn whether a next page exists."""
    return Listing(rows[: page.per_page], page, len(rows) > page.per_page)


@dataclass(frozen=True, slots=True)
class StatementFilters:
    """The search filters, as in ``onrecord search``."""

    q: str | None
    speaker: str | None
    speaker_id: int | None
    party: str | None
    kind: StatementKind | None
    outlet: str | None
    since: dt.date | None
    until: dt.date | None


def statement_filters(
    q: Annotated[str | None, BlankIsNone, Query(description='Words (all must occur, stemmed) or "a phrase".')] = None,
    speaker: Annotated[str | None, BlankIsNone, Query(description="A speaker's name, alias or surname.")] = None,
    speaker_id: Annotated[int | None, BlankIsNone, Query(ge=1, le=MAX_ID, description="One entity's id.")] = None,
    party: Annotated[str | None, BlankIsNone, Query(description="Any spelling of a party (Labour, Tories).")] = None,
    kind: Annotated[StatementKind | None, BlankIsNone, Query()] = None,
    outlet: Annotated[str | None, BlankIsNone, Query()] = None,
    since: Annotated[dt.date | None, BlankIsNone, Query(description="First article date, YYYY-MM-DD.")] = None,
    until: Annotated[dt.date | None, BlankIsNone, Query(description="Last article date, YYYY-MM-DD.")] = None,
) -> StatementFilters:
    """The query parameters of a statement search (blank form fields are ignored)."""
    return StatementFilters(q, speaker, speaker_id, party, kind, outlet, since, until)


def statements(store: Store, filters: StatementFilters, page: Paging) -> Listing[StatementHit]:
    """A page of statements matching ``filters``, newest first."""
    query = SearchQuery(
        text=filters.q, speaker=filters.speaker, speaker_id=filters.speaker_id, party=filters.party,
        kind=filters.kind, outlet=filters.outlet, since=filters.since, until=filters.until,
        limit=page.per_page + 1, offset=page.offset,
    )
    return _listing(store.search(query), page)


def articles(store: Store, outlet: str | None, all_versions: bool, page: Paging) -> Listing[ArticleSummary]:
    """A page of articles, newest first."""
    found = store.articles(outlet=outlet, include_superseded=all_versions, limit=page.per_page + 1,
                           offset=page.offset)
    return _listing(found, page)


def article(store: Store, article_id: int) -> tuple[ArticleDetail, list[StatementHit]]:
    """One article version with its statements in text order."""
    found = store.article(article_id)
    if found is None:
        raise HTTPException(404, f"article {article_id}: no such article; see /api/articles")
    hits = store.search(SearchQuery(article_id=article_id, include_superseded=True,
                                    limit=MAX_STATEMENTS_PER_ARTICLE))
    return found, sorted(hits, key=_text_order)


def _text_order(hit: StatementHit) -> tuple[int, int]:
    """Where a statement's words begin in its article (then its id, for ties)."""
    content = hit.spans.get("content") or [[0, 0]]
    return min(start for start, _ in content), hit.id


def people(
    store: Store, name: str | None, entity_type: EntityType | None, party: str | None, page: Paging
) -> Listing[EntitySummary]:
    """A page of people, organisations and groups, most quoted first."""
    found = store.entities(name=name, type=entity_type, party=party, limit=page.per_page + 1, offset=page.offset)
    return _listing(found, page)


def person(store: Store, entity_id: int) -> EntitySummary:
    """The live entity ``entity_id`` is (the one it was merged into, after a merge)."""
    found = store.entity(entity_id)
    if found is None:
        raise HTTPException(404, f"person {entity_id}: no such person or organisation; see /api/people")
    return found


def pledges(store: Store, by: str | None, status: PledgeStatus | None, page: Paging) -> Listing[PledgeSummary]:
    """A page of pledges, most recently mentioned first."""
    found = store.pledges(by=by, status=status, limit=page.per_page + 1, offset=page.offset)
    return _listing(found, page)


def pledge(store: Store, pledge_id: int) -> PledgeSummary:
    """One pledge with its timeline and status history."""
    found = store.pledges(pledge_id=pledge_id, limit=1)
    if not found:
        raise HTTPException(404, f"pledge {pledge_id}: no such pledge; see /api/pledges")
    return found[0]


def evidence_url(article_id: int, statement_id: int) -> str:
    """The article page, scrolled to a statement's highlighted words."""
    return f"/articles/{article_id}#s{statement_id}"
