"""The record: articles, speakers, statements and pledges in SQLite or PostgreSQL.

``Store.open(path_or_url)`` is the entry point; ``SearchQuery`` describes a search.
The names below load on first use, so the CLI can read ``onrecord.store.choices``
without importing SQLAlchemy.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from onrecord.store.articles import ArticleDetail, ArticleSummary
    from onrecord.store.ingest import IngestResult
    from onrecord.store.listings import EntitySummary, MentionSummary, PledgeSummary, StatusChange
    from onrecord.store.search import SearchQuery, StatementHit
    from onrecord.store.snapshot import RecordSnapshot
    from onrecord.store.store import Store

_MODULE_OF = {
    "ArticleDetail": "articles",
    "ArticleSummary": "articles",
    "EntitySummary": "listings",
    "IngestResult": "ingest",
    "MentionSummary": "listings",
    "PledgeSummary": "listings",
    "RecordSnapshot": "snapshot",
    "SearchQuery": "search",
    "StatementHit": "search",
    "StatusChange": "listings",
    "Store": "store",
}

__all__ = sorted(_MODULE_OF)


def __getattr__(name: str) -> Any:
    """Import a public name from its module the first time it is asked for."""
    if name not in _MODULE_OF:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    return getattr(importlib.import_module(f"{__name__}.{_MODULE_OF[name]}"), name)
