"""The JSON API under ``/api``: reading is open, every write needs the bearer token.

Routes call the same functions in ``queries`` as the HTML pages and turn the store's
typed rows into the response models of ``schemas``.
"""

from __future__ import annotations

import dataclasses
import hashlib
from collections.abc import Callable
from typing import Annotated, Any, TypeVar

from fastapi import APIRouter, Depends, Query, Request, Response
from fastapi.responses import RedirectResponse

from onrecord.serve import queries
from onrecord.serve.queries import BlankIsNone, Listing, Paging, RowId, StatementFilters
from onrecord.serve.schemas import (
    ArticleOut,
    ArticleTextOut,
    EntityType,
    ErrorOut,
    IngestIn,
    IngestOut,
    MentionOut,
    MergeIn,
    PageOut,
    PersonOut,
    PledgeOut,
    PledgeStatus,
    StatementOut,
    StatusIn,
)
from onrecord.serve.state import ServeState, store, writer
from onrecord.store import ArticleSummary, EntitySummary, PledgeSummary, StatementHit, Store
from onrecord.types import Document

Row = TypeVar("Row")
Out = TypeVar("Out")
StoreDep = Annotated[Store, Depends(store)]
PagingDep = Annotated[Paging, Depends(queries.paging)]
WriterDep = Annotated[ServeState, Depends(writer)]
ERRORS: dict[int | str, dict[str, Any]] = {
    code: {"model": ErrorOut, "description": description}
    for code, description in ((404, "No such id"), (422, "Invalid input; the message says which field"))
}
WRITE_ERRORS: dict[int | str, dict[str, Any]] = {
    **ERRORS,
    400: {"model": ErrorOut, "description": "The record refuses the change (the message says why)"},
    401: {"model": ErrorOut, "description": "No API token, or a wrong one"},
    403: {"model": ErrorOut, "description": "Writes are disabled: the server has no API token"},
}

router = APIRouter(prefix="/api", responses=ERRORS)


def statement_out(hit: StatementHit) -> StatementOut:
    """The response model of a statement, with the link to its evidence."""
    return StatementOut(**hit.to_dict(), evidence=queries.evidence_url(hit.article_id, hit.id))


def article_out(article: ArticleSummary) -> ArticleOut:
    """The response model of an article version."""
    return ArticleOut(**article.to_dict(), page=f"/articles/{article.id}")


def person_out(entity: EntitySummary) -> PersonOut:
    """The response model of an entity, with the link to its statements."""
    return PersonOut(**entity.to_dict(), statements_url=f"/api/statements?speaker_id={entity.id}")


def pledge_out(pledge: PledgeSummary) -> PledgeOut:
    """The response model of a pledge, each mention linked to its evidence."""
    record = pledge.to_dict()
    record["timeline"] = [
        MentionOut(**mention.to_dict(), evidence=queries.evidence_url(mention.article_id, mention.statement_id))
        for mention in pledge.timeline
    ]
    return PledgeOut(**record)


def page_out(listing: Listing[Row], request: Request, convert: Callable[[Row], Out]) -> dict[str, Any]:
    """A listing as a page with ``next`` and ``previous`` links."""
    following, previous = listing.links(request)
    return {"items": [convert(row) for row in listing.items], "page": listing.paging.page,
            "per_page": listing.paging.per_page, "next": following, "previous": previous}


@router.get("/statements", response_model=PageOut[StatementOut], tags=["read"])
def list_statements(
    request: Request, opened: StoreDep, page: PagingDep,
    filters: Annotated[StatementFilters, Depends(queries.statement_filters)],
) -> dict[str, Any]:
    """Search statements: full text plus filters (as ``onrecord search``), newest first."""
    return page_out(queries.statements(opened, filters, page), request, statement_out)


@router.get("/articles", response_model=PageOut[ArticleOut], tags=["read"])
def list_articles(
    request: Request, opened: StoreDep, page: PagingDep,
    outlet: Annotated[str | None, BlankIsNone, Query()] = None,
    all_versions: Annotated[bool, Query(description="Include superseded versions.")] = False,
) -> dict[str, Any]:
    """Articles, newest first."""
    return page_out(queries.articles(opened, outlet, all_versions, page), request, article_out)


@router.get("/articles/{article_id}", response_model=ArticleTextOut, tags=["read"])
def get_article(article_id: RowId, opened: StoreDep) -> ArticleTextOut:
    """One article version: its exact text and every statement in it, with spans into that text."""
    found, hits = queries.article(opened, article_id)
    return ArticleTextOut(**found.article.to_dict(), page=f"/articles/{article_id}", text=found.text,
                          sha256=found.sha256, current_id=found.current_id,
                          statement_list=[statement_out(hit) for hit in hits])


@router.get("/people", response_model=PageOut[PersonOut], tags=["read"])
def list_people(
    request: Request, opened: StoreDep, page: PagingDep,
    name: Annotated[str | None, BlankIsNone, Query(description="Part of a name or alias.")] = None,
    type: Annotated[EntityType | None, BlankIsNone, Query()] = None,
    party: Annotated[str | None, BlankIsNone, Query()] = None,
) -> dict[str, Any]:
    """People, organisations and groups, most quoted first."""
    return page_out(queries.people(opened, name, type, party, page), request, person_out)


@router.get("/people/{entity_id}", response_model=PersonOut, tags=["read"],
            responses={307: {"description": "Merged: redirects to the entity it was merged into"}})
def get_person(entity_id: RowId, opened: StoreDep) -> Any:
    """One person, organisation or group; its statements are at ``statements_url``."""
    found = queries.person(opened, entity_id)
    if found.id != entity_id:
        return RedirectResponse(f"/api/people/{found.id}", status_code=307)
    return person_out(found)


@router.get("/pledges", response_model=PageOut[PledgeOut], tags=["read"])
def list_pledges(
    request: Request, opened: StoreDep, page: PagingDep,
    by: Annotated[str | None, BlankIsNone, Query(description="The pledger: a party or a name.")] = None,
    status: Annotated[PledgeStatus | None, BlankIsNone, Query()] = None,
) -> dict[str, Any]:
    """Pledges with their timelines, most recently mentioned first."""
    return page_out(queries.pledges(opened, by, status, page), request, pledge_out)


@router.get("/pledges/{pledge_id}", response_model=PledgeOut, tags=["read"])
def get_pledge(pledge_id: RowId, opened: StoreDep) -> PledgeOut:
    """One pledge: when it was made, reaffirmed and contradicted, and its status history."""
    return pledge_out(queries.pledge(opened, pledge_id))


@router.post("/articles", response_model=IngestOut, status_code=201, tags=["write"], responses={
    **WRITE_ERRORS, 200: {"model": IngestOut, "description": "This text of this article was already stored"},
    503: {"model": ErrorOut, "description": "The extraction model is not installed"},
})
def post_article(article: IngestIn, state: WriterDep, response: Response) -> IngestOut:
    """Analyse an article and store it; the same text again changes nothing (200), a new text
    under the same URL or doc id is a new version."""
    metadata: dict[str, Any] = {
        key: value.isoformat() if key == "date" else value
        for key, value in article.model_dump(exclude={"text", "doc_id"}, exclude_none=True).items()
    }
    sha256 = hashlib.sha256(article.text.encode("utf-8")).hexdigest()
    doc_id = article.doc_id or article.url or f"api-{sha256[:16]}"
    if state.store.contains(doc_id, sha256, metadata):
        # Already stored: storing a statement-less copy only looks it up, and the model never runs.
        result = state.store.ingest_document(Document(doc_id=doc_id, text=article.text, metadata=metadata))
    else:
        document = state.extract(doc_id, article.text)
        result = state.store.ingest_document(dataclasses.replace(document, metadata=metadata))
    if result.status == "unchanged":
        response.status_code = 200
    return IngestOut(**result.to_dict(), article=f"/api/articles/{result.article_id}",
                     page=f"/articles/{result.article_id}")


@router.post("/people/{entity_id}/merge", response_model=PersonOut, tags=["write"], responses=WRITE_ERRORS)
def merge_person(entity_id: RowId, merge: MergeIn, state: WriterDep) -> PersonOut:
    """Merge entity ``other_id`` into this one (the same person written two ways); audited."""
    for wanted in (entity_id, merge.other_id):
        queries.person(state.store, wanted)
    kept = state.store.merge_entities(entity_id, merge.other_id, changed_by=merge.by, note=merge.note)
    return person_out(queries.person(state.store, kept))


@router.post("/pledges/{pledge_id}/status", response_model=PledgeOut, tags=["write"], responses=WRITE_ERRORS)
def set_pledge_status(pledge_id: RowId, change: StatusIn, state: WriterDep) -> PledgeOut:
    """Set a pledge's status; the history keeps who changed it, when and why."""
    queries.pledge(state.store, pledge_id)
    state.store.set_pledge_status(pledge_id, change.status, changed_by=change.by, note=change.note)
    return pledge_out(queries.pledge(state.store, pledge_id))
