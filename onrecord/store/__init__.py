"""The record: articles, speakers, statements and pledges in SQLite or PostgreSQL.

``Store.open(path_or_url)`` is the entry point; ``SearchQuery`` describes a search.
"""

from onrecord.store.articles import ArticleDetail, ArticleSummary
from onrecord.store.ingest import IngestResult
from onrecord.store.listings import EntitySummary, MentionSummary, PledgeSummary, StatusChange
from onrecord.store.search import SearchQuery, StatementHit
from onrecord.store.snapshot import RecordSnapshot
from onrecord.store.store import Store

__all__ = [
    "ArticleDetail",
    "ArticleSummary",
    "EntitySummary",
    "IngestResult",
    "MentionSummary",
    "PledgeSummary",
    "RecordSnapshot",
    "SearchQuery",
    "StatementHit",
    "StatusChange",
    "Store",
]
