"""The HTML pages: search, articles with highlighted statements, people and pledges.

Each page calls the same function of ``queries`` as its ``/api`` twin and renders the
rows with a Jinja2 template. Autoescaping is on for every template, and nothing is
marked safe, so article text and names always reach the page as text.
"""

from __future__ import annotations

from itertools import groupby
from pathlib import Path as FilePath
from typing import Annotated, Any

from fastapi import APIRouter, Depends, Query, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response
from fastapi.templating import Jinja2Templates
from jinja2 import Environment, FileSystemLoader, StrictUndefined

from onrecord.serve import queries
from onrecord.serve.highlight import highlight
from onrecord.serve.queries import BlankIsNone, Listing, Paging, RowId, StatementFilters
from onrecord.serve.schemas import EntityType, PledgeStatus, is_web_url
from onrecord.serve.state import store
from onrecord.store import StatementHit, Store
from onrecord.store.search import STATEMENT_KINDS

TEMPLATES = FilePath(__file__).resolve().parent / "templates"
# Speaker colours: CSS classes sp-0 ... sp-7, chosen by entity id so a speaker keeps
# their colour on every page.
PALETTE_SIZE = 8

_environment = Environment(loader=FileSystemLoader(TEMPLATES), autoescape=True, undefined=StrictUndefined)
_environment.globals.update(evidence_url=queries.evidence_url, kinds=STATEMENT_KINDS)
_environment.filters["speaker_class"] = lambda speaker_id: (
    "sp-none" if speaker_id is None else f"sp-{speaker_id % PALETTE_SIZE}"
)
# A stored URL becomes a link only as http(s): JSON Lines metadata may hold "javascript:...".
_environment.tests["web_url"] = is_web_url
templates = Jinja2Templates(env=_environment)

router = APIRouter(include_in_schema=False, default_response_class=HTMLResponse)
StoreDep = Annotated[Store, Depends(store)]
PagingDep = Annotated[Paging, Depends(queries.paging)]


def _render(request: Request, template: str, status_code: int = 200, **context: Any) -> Response:
    """Render ``template`` with ``context`` plus the request and the page's JSON twin."""
    api_url = "/api" + request.url.path.rstrip("/") if request.url.path != "/" else "/api/statements"
    if request.url.query:
        api_url += "?" + request.url.query
    return templates.TemplateResponse(request, template, {"api_url": api_url, **context}, status_code=status_code)


def _pager(request: Request, listing: Listing[Any]) -> dict[str, Any]:
    """The pager's context: next and previous links and the page number."""
    following, previous = listing.links(request)
    return {"next": following, "previous": previous, "page": listing.paging.page}


def error_page(request: Request, status: int, message: str) -> Response:
    """The HTML face of an error."""
    return _render(request, "error.html", status, status=status, message=message, api_url=None)


@router.get("/")
def search_page(
    request: Request, opened: StoreDep, page: PagingDep,
    filters: Annotated[StatementFilters, Depends(queries.statement_filters)],
) -> Response:
    """The search box with its filters, and the statements found."""
    listing = queries.statements(opened, filters, page)
    return _render(request, "search.html", filters=filters, hits=listing.items, links=_pager(request, listing))


@router.get("/articles")
def articles_page(
    request: Request, opened: StoreDep, page: PagingDep,
    outlet: Annotated[str | None, BlankIsNone, Query()] = None, all_versions: bool = False,
) -> Response:
    """Every article, newest first."""
    listing = queries.articles(opened, outlet, all_versions, page)
    return _render(request, "articles.html", articles=listing.items, links=_pager(request, listing))


@router.get("/articles/{article_id}")
def article_page(request: Request, article_id: RowId, opened: StoreDep) -> Response:
    """The article's text with each statement's words highlighted in its speaker's colour."""
    found, hits = queries.article(opened, article_id)
    return _render(request, "article.html", article=found.article, current_id=found.current_id,
                   pieces=highlight(found.text, hits), hits=hits)


@router.get("/people")
def people_page(
    request: Request, opened: StoreDep, page: PagingDep,
    name: Annotated[str | None, BlankIsNone, Query()] = None,
    type: Annotated[EntityType | None, BlankIsNone, Query()] = None,
    party: Annotated[str | None, BlankIsNone, Query()] = None,
) -> Response:
    """People, organisations and groups, most quoted first."""
    listing = queries.people(opened, name, type, party, page)
    return _render(request, "people.html", people=listing.items, name=name or "", links=_pager(request, listing))


@router.get("/people/{entity_id}")
def person_page(request: Request, entity_id: RowId, opened: StoreDep, page: PagingDep) -> Response:
    """A person: roles, party, spellings, and what they said, newest first, by date."""
    found = queries.person(opened, entity_id)
    if found.id != entity_id:
        return RedirectResponse(f"/people/{found.id}", status_code=307)
    filters = queries.statement_filters(speaker_id=entity_id)
    listing = queries.statements(opened, filters, page)
    return _render(request, "person.html", person=found, by_date=_by_date(listing.items),
                   links=_pager(request, listing))


def _by_date(hits: list[StatementHit]) -> list[tuple[Any, list[StatementHit]]]:
    """Statements grouped by article date, newest date first."""
    newest_first = sorted(hits, key=lambda hit: hit.published, reverse=True)
    return [(date, list(group)) for date, group in groupby(newest_first, key=lambda hit: hit.published)]


@router.get("/pledges")
def pledges_page(
    request: Request, opened: StoreDep, page: PagingDep,
    by: Annotated[str | None, BlankIsNone, Query()] = None,
    status: Annotated[PledgeStatus | None, BlankIsNone, Query()] = None,
) -> Response:
    """Pledges, most recently mentioned first."""
    listing = queries.pledges(opened, by, status, page)
    return _render(request, "pledges.html", pledges=listing.items, by=by or "", links=_pager(request, listing))


@router.get("/pledges/{pledge_id}")
def pledge_page(request: Request, pledge_id: RowId, opened: StoreDep) -> Response:
    """A pledge: its words, condition and target, its timeline of mentions and its status history."""
    return _render(request, "pledge.html", pledge=queries.pledge(opened, pledge_id))
