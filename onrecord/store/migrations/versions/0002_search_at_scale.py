"""Search at a million statements: no index on the statement kind; finer word statistics.

An index on a column of three values never narrows a search, but SQLite, without
statistics, took it for a selective one and walked every "mixed" statement to serve a
search by kind and an old date. PostgreSQL estimated a word missing from the tsvector
statistics at about 0.15% of the statements and so scanned newest-first for a rare
word; a statistics target of 1000 keeps ten times more words, which brings the
estimate of the rest down to where the GIN index is chosen.

Revision ID: 0002
Revises: 0001
Create Date: 2026-11-28
"""

from __future__ import annotations

from alembic import op

revision = '0002'
down_revision = '0001'
branch_labels = None
depends_on = None

SEARCH_VECTOR_STATISTICS = 1000
DEFAULT_STATISTICS = -1


def upgrade() -> None:
    with op.batch_alter_table('statements', schema=None) as batch_op:
        batch_op.drop_index('ix_statements_kind')
    _set_word_statistics(SEARCH_VECTOR_STATISTICS)


def downgrade() -> None:
    _set_word_statistics(DEFAULT_STATISTICS)
    with op.batch_alter_table('statements', schema=None) as batch_op:
        batch_op.create_index('ix_statements_kind', ['kind'], unique=False)


def _set_word_statistics(target: int) -> None:
    """Set how many words PostgreSQL's statistics keep for the tsvector, and gather them again."""
    if op.get_bind().dialect.name != "postgresql":
        return
    op.execute(f"ALTER TABLE statements ALTER COLUMN search_vector SET STATISTICS {target}")
    op.execute("ANALYZE statements")
