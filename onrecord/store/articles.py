"""Articles as typed rows: the listing and the one article with its text, for the API and the pages."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.orm import Session, defer

from onrecord.store.models import Article, StatementRow
from onrecord.store.search import check_page


@dataclass(frozen=True, slots=True)
class ArticleSummary:
    """One article version, without its text."""

    id: int
    key: str
    version: int
    doc_id: str
    url: str | None
    outlet: str | None
    title: str | None
    published: dt.date
    date_from: str
    superseded: bool
    statements: int

    def to_dict(self) -> dict[str, Any]:
        """Return the JSON form (dates as ISO strings)."""
        return {
            "id": self.id,
            "key": self.key,
            "version": self.version,
            "doc_id": self.doc_id,
            "url": self.url,
            "outlet": self.outlet,
            "title": self.title,
            "published": self.published.isoformat(),
            "date_from": self.date_from,
            "superseded": self.superseded,
            "statements": self.statements,
        }


@dataclass(frozen=True, slots=True)
class ArticleDetail:
    """One article version with the exact text its statements' offsets point into."""

    article: ArticleSummary
    text: str
    sha256: str
    # The current version of the same article when this one is superseded.
    current_id: int | None


def list_articles(
    session: Session, *, outlet: str | None = None, include_superseded: bool = False, limit: int = 100,
    offset: int = 0,
) -> list[ArticleSummary]:
    """Articles, newest publication date first (then newest ingest), optionally of one outlet.

    Raises:
        StoreError: for a bad page (``search.check_page``).
    """
    check_page(limit, offset)
    counts = (
        select(StatementRow.article_id, func.count(StatementRow.id).label("statements"))
        .group_by(StatementRow.article_id)
        .subquery()
    )
    query = select(Article, counts.c.statements).outerjoin(counts, counts.c.article_id == Article.id)
    if outlet is not None:
        query = query.where(func.lower(Article.outlet) == outlet.lower())
    if not include_superseded:
        query = query.where(Article.superseded_at.is_(None))
    query = query.order_by(Article.published.desc(), Article.id.desc()).limit(limit).offset(offset)
    # Deferring the text keeps a page of long articles from loading every text.
    query = query.options(defer(Article.text))
    return [_summary(article, count) for article, count in session.execute(query)]


def find_article(session: Session, article_id: int) -> ArticleDetail | None:
    """The article version ``article_id`` with its text, or None when there is none."""
    article = session.get(Article, article_id)
    if article is None:
        return None
    count = session.scalar(select(func.count(StatementRow.id)).where(StatementRow.article_id == article_id))
    current_id = None
    if article.superseded_at is not None:
        current_id = session.scalar(
            select(Article.id).where(Article.key == article.key, Article.superseded_at.is_(None))
        )
    return ArticleDetail(_summary(article, count), article.text, article.sha256, current_id)


def _summary(article: Article, count: int | None) -> ArticleSummary:
    """Build the summary of one article row."""
    return ArticleSummary(
        id=article.id,
        key=article.key,
        version=article.version,
        doc_id=article.doc_id,
        url=article.url,
        outlet=article.outlet,
        title=article.title,
        published=article.published,
        date_from=article.date_from,
        superseded=article.superseded_at is not None,
        statements=count or 0,
    )
