"""``create_app``: the FastAPI application behind ``onrecord serve``.

One app serves two views of the same queries (as Datasette does): JSON under ``/api``
(OpenAPI at ``/docs`` and ``/openapi.json``) and HTML pages everywhere else. Every
error has one shape: ``{"ok": false, "status", "error", "detail", "errors"}`` on
``/api`` paths, an error page elsewhere.
"""

from __future__ import annotations

import logging
from collections.abc import AsyncIterator, Callable
from contextlib import asynccontextmanager
from pathlib import Path
from typing import TYPE_CHECKING, Any

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse, Response
from fastapi.staticfiles import StaticFiles
from starlette.exceptions import HTTPException

from onrecord.errors import ModelNotFound, OnrecordError
from onrecord.serve import api, pages
from onrecord.serve.state import ServeState, load_extractor
from onrecord.store import Store

if TYPE_CHECKING:
    from onrecord.api import Extractor

LOGGER = logging.getLogger(__name__)
STATIC = Path(__file__).resolve().parent / "static"


def create_app(
    store_url: str, api_token: str | None = None, *, extractor_factory: Callable[[], Extractor] = load_extractor
) -> FastAPI:
    """Build the web app over the record at ``store_url`` (a SQLite path or database URL).

    Args:
        store_url (str): as ``--db``: ``onrecord.db`` or ``postgresql://user@host/db``.
        api_token (str | None): the bearer token every write needs; None disables writes.
        extractor_factory (Callable[[], Extractor]): loads the pipeline for posted
            articles, once, on the first post.

    Returns:
        FastAPI: the app; the store closes when the app shuts down.

    Raises:
        StoreError: when the record cannot be opened.
    """
    from onrecord import __version__

    state = ServeState(Store.open(store_url), api_token or None, extractor_factory)

    @asynccontextmanager
    async def lifespan(_app: FastAPI) -> AsyncIterator[None]:
        yield
        state.store.close()

    app = FastAPI(
        title="onrecord",
        version=__version__,
        summary="Who said what, and who promised what, in political news.",
        description="Reading is open. Writes (POST) need `Authorization: Bearer TOKEN`, the token given "
        "to `onrecord serve --token` or `ONRECORD_API_TOKEN`; without one, the server refuses every write.",
        lifespan=lifespan,
    )
    app.state.onrecord = state
    app.include_router(api.router)
    app.include_router(pages.router)
    app.mount("/static", StaticFiles(directory=STATIC), name="static")
    app.add_exception_handler(HTTPException, _http_error)
    app.add_exception_handler(RequestValidationError, _invalid_input)
    app.add_exception_handler(OnrecordError, _refused)
    app.add_exception_handler(Exception, _unexpected)

    @app.get("/health", tags=["read"])
    def health() -> dict[str, bool]:
        """Answers once the server is up and the record is open."""
        return {"ok": True}

    return app


def error_response(
    request: Request, status: int, message: str, errors: list[dict[str, Any]] | None = None,
    headers: dict[str, str] | None = None,
) -> Response:
    """The one error shape: JSON on ``/api`` paths, the error page elsewhere."""
    if request.url.path.startswith("/api") or request.url.path == "/health":
        body = {"ok": False, "status": status, "error": message, "detail": message, "errors": errors or []}
        return JSONResponse(body, status_code=status, headers=headers)
    return pages.error_page(request, status, message)


async def _http_error(request: Request, exc: Exception) -> Response:
    """404s, auth refusals and the rest of FastAPI's HTTP errors."""
    assert isinstance(exc, HTTPException)
    message = exc.detail if isinstance(exc.detail, str) else "request refused"
    if exc.status_code == 404 and exc.detail == "Not Found":
        message = f"{request.url.path}: no such page; the API is listed at /docs"
    return error_response(request, exc.status_code, message, headers=getattr(exc, "headers", None))


async def _invalid_input(request: Request, exc: Exception) -> Response:
    """422 with one line per problem: which field (or where the JSON broke) and what is wrong."""
    assert isinstance(exc, RequestValidationError)
    errors = [_problem(error) for error in exc.errors()]
    message = "invalid input: " + "; ".join(f"{error['field']}: {error['message']}" for error in errors)
    return error_response(request, 422, message, errors)


def _problem(error: dict[str, Any]) -> dict[str, Any]:
    """One validation error without the offending input (it may be a whole article)."""
    where = [str(part) for part in error.get("loc", ())]
    message = str(error.get("msg", "invalid"))
    if error.get("type") == "json_invalid":
        # FastAPI reports the decoder's reason in ctx and the position in loc.
        reason = (error.get("ctx") or {}).get("error") or "not JSON"
        position = f" (character {where[1]})" if len(where) > 1 else ""
        message = f"malformed JSON: {reason}{position}"
        where = where[:1]
    return {"field": ".".join(where) or "request", "message": message, "type": error.get("type", "")}


async def _refused(request: Request, exc: Exception) -> Response:
    """A change the record refuses (400), or a missing model (503), as one message."""
    status = 503 if isinstance(exc, ModelNotFound) else 400
    LOGGER.info("%s %s: %s", request.method, request.url.path, exc)
    return error_response(request, status, str(exc))


async def _unexpected(request: Request, exc: Exception) -> Response:
    """A bug or a broken database: 500 in the one error shape, the traceback in the log only."""
    LOGGER.error("%s %s failed", request.method, request.url.path, exc_info=exc)
    return error_response(request, 500, "internal error: the request failed on the server; its log says why")
