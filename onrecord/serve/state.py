"""What one server holds: the open store, the write token and the extractor, loaded on first use."""

from __future__ import annotations

import secrets
import threading
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from fastapi import Depends, HTTPException, Request
from fastapi.security import HTTPAuthorizationCredentials, HTTPBearer

from onrecord.store import Store
from onrecord.types import Document

if TYPE_CHECKING:
    from onrecord.api import Extractor

TOKEN_HELP = "start the server with onrecord serve --token TOKEN or set ONRECORD_API_TOKEN"


def load_extractor() -> Extractor:
    """The default extraction pipeline (spaCy loads only when the first article is posted)."""
    from onrecord.api import Extractor

    return Extractor()


@dataclass(slots=True)
class ServeState:
    """The server's store, write token and extractor."""

    store: Store
    api_token: str | None
    extractor_factory: Callable[[], Extractor] = load_extractor
    _extractor: Extractor | None = None
    # One lock both loads the model once and keeps two posts from sharing the pipeline at once.
    _lock: threading.Lock = field(default_factory=threading.Lock)

    def extract(self, doc_id: str, text: str) -> Document:
        """Run the extractor (loading it on first use) over one text."""
        with self._lock:
            if self._extractor is None:
                self._extractor = self.extractor_factory()
            return self._extractor(text, doc_id)

    def check_token(self, given: str | None) -> None:
        """Let a write through only with the configured token (``Authorization: Bearer TOKEN``).

        Raises:
            HTTPException: 403 when the server has no token (writes are off), 401 when the
                request has no bearer token or another one.
        """
        if not self.api_token:
            raise HTTPException(403, f"writes are disabled on this server: {TOKEN_HELP}")
        if not given:
            raise HTTPException(401, "this change needs the API token: send Authorization: Bearer TOKEN",
                                headers={"WWW-Authenticate": "Bearer"})
        if not secrets.compare_digest(given.encode(), self.api_token.encode()):
            raise HTTPException(401, "the API token is wrong: send the token the server was started with",
                                headers={"WWW-Authenticate": 'Bearer error="invalid_token"'})


def serve_state(request: Request) -> ServeState:
    """The dependency that hands routes the app's state."""
    state: ServeState = request.app.state.onrecord
    return state


def store(request: Request) -> Store:
    """The dependency that hands routes the open store."""
    return serve_state(request).store


_BEARER = HTTPBearer(auto_error=False, description="The token given to onrecord serve --token / ONRECORD_API_TOKEN.")


def writer(
    request: Request, credentials: HTTPAuthorizationCredentials | None = Depends(_BEARER)
) -> ServeState:
    """The dependency of every write: the app's state, once the request's token checks out."""
    state = serve_state(request)
    state.check_token(credentials.credentials if credentials else None)
    return state
