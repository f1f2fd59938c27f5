"""What a record holds, without its row ids: to check that two records say the same thing.

Ids depend on the order rows were written and, on PostgreSQL, on rolled-back
transactions, so two records holding the same articles and statements rarely share
ids. A snapshot keeps what a reader relies on instead: each article version by key and
text hash, and each statement by its article version, position, kind, spans and speaker. Comparing snapshots answers "did the resumed run store exactly what an
uninterrupted run stores?" across runs and backends. It holds every statement in
memory: meant for test and benchmark records, not for a production archive.
"""

from __future__ import annotations

import json
from collections import Counter
from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.orm import Session

from onrecord.store.models import Article, Entity, StatementRow

# (article key, text sha256)
ArticleKey = tuple[str, str]
# (article key, article sha256, position, kind, spans as sorted JSON, speaker as written,
# speaker entity, content)
StatementKey = tuple[str, str, int, str, str, str | None, str | None, str]


@dataclass(frozen=True, slots=True)
class RecordSnapshot:
    """The articles and statements of a record, each counted as often as it is stored."""

    articles: Counter[ArticleKey]
    statements: Counter[StatementKey]

    @property
    def duplicate_articles(self) -> int:
        """Article rows beyond the first for the same key and text."""
        return _extra(self.articles)

    @property
    def duplicate_statements(self) -> int:
        """Statement rows beyond the first for the same article version, position and content."""
        return _extra(self.statements)

    def differences(self, other: RecordSnapshot, *, show: int = 3) -> list[str]:
        """What differs from ``other``, one line per kind of difference (empty when equal)."""
        lines = []
        for noun, mine, theirs in (("article", self.articles, other.articles),
                                   ("statement", self.statements, other.statements)):
            for label, extra in (("only here", mine - theirs), ("only there", theirs - mine)):
                if extra:
                    examples = "; ".join(repr(key) for key in list(extra)[:show])
                    lines.append(f"{sum(extra.values())} {noun} rows {label}, e.g. {examples}")
        return lines


def take_snapshot(session: Session) -> RecordSnapshot:
    """Read every article version and statement of the record in ``session``."""
    articles = Counter[ArticleKey](tuple(row) for row in session.execute(select(Article.key, Article.sha256)))
    rows = session.execute(
        select(Article.key, Article.sha256, StatementRow.position, StatementRow.kind, StatementRow.spans,
               StatementRow.speaker_name, Entity.name, StatementRow.content)
        .join(Article, StatementRow.article_id == Article.id)
        .outerjoin(Entity, StatementRow.speaker_id == Entity.id)
    )
    statements = Counter[StatementKey](
        (key, sha256, position, kind, json.dumps(spans, sort_keys=True), written, entity, content)
        for key, sha256, position, kind, spans, written, entity, content in rows
    )
    return RecordSnapshot(articles, statements)


def _extra(counts: Counter[ArticleKey] | Counter[StatementKey]) -> int:
    """Occurrences beyond the first of every key."""
    return sum(count - 1 for count in counts.values() if count > 1)
