"""Initial schema: articles, entities, statements, pledges, and the full-text index.

The full-text index differs by database: an FTS5 table kept in step by triggers on
SQLite, a generated tsvector column with a GIN index on PostgreSQL.

Revision ID: 0001
Revises:
Create Date: 2026-11-28
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = '0001'
down_revision = None
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table('articles',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('key', sa.String(length=2000), nullable=False),
    sa.Column('version', sa.Integer(), nullable=False),
    sa.Column('doc_id', sa.String(length=2000), nullable=False),
    sa.Column('url', sa.String(length=2000), nullable=True),
    sa.Column('outlet', sa.String(length=300), nullable=True),
    sa.Column('title', sa.Text(), nullable=True),
    sa.Column('published', sa.Date(), nullable=False),
    sa.Column('date_from', sa.String(length=16), nullable=False),
    sa.Column('text', sa.Text(), nullable=False),
    sa.Column('sha256', sa.String(length=64), nullable=False),
    sa.Column('ingested_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('superseded_at', sa.DateTime(timezone=True), nullable=True),
    sa.PrimaryKeyConstraint('id'),
    sa.UniqueConstraint('key', 'sha256', name='uq_articles_key_sha256'),
    sa.UniqueConstraint('key', 'version', name='uq_articles_key_version')
    )
    with op.batch_alter_table('articles', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_articles_outlet'), ['outlet'], unique=False)
        batch_op.create_index(batch_op.f('ix_articles_published'), ['published'], unique=False)
        batch_op.create_index(batch_op.f('ix_articles_sha256'), ['sha256'], unique=False)

    op.create_table('entities',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('name', sa.String(length=300), nullable=False),
    sa.Column('name_key', sa.String(length=300), nullable=False),
    sa.Column('surname_key', sa.String(length=300), nullable=True),
    sa.Column('type', sa.String(length=16), nullable=False),
    sa.Column('party', sa.String(length=300), nullable=True),
    sa.Column('merged_into_id', sa.Integer(), nullable=True),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['merged_into_id'], ['entities.id'], ),
    sa.PrimaryKeyConstraint('id')
    )
    with op.batch_alter_table('entities', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_entities_merged_into_id'), ['merged_into_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_entities_name_key'), ['name_key'], unique=False)
        batch_op.create_index(batch_op.f('ix_entities_party'), ['party'], unique=False)
        batch_op.create_index(batch_op.f('ix_entities_surname_key'), ['surname_key'], unique=False)
        batch_op.create_index('uq_entities_live_name', ['type', 'name_key'], unique=True, sqlite_where=sa.text('merged_into_id IS NULL'), postgresql_where=sa.text('merged_into_id IS NULL'))

    op.create_table('pledges',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('pledger', sa.String(length=300), nullable=False),
    sa.Column('pledger_key', sa.String(length=300), nullable=False),
    sa.Column('pledger_type', sa.String(length=16), nullable=False),
    sa.Column('action', sa.Text(), nullable=False),
    sa.Column('condition', sa.Text(), nullable=True),
    sa.Column('target', sa.Text(), nullable=True),
    sa.Column('terms', sa.JSON(), nullable=False),
    sa.Column('status', sa.String(length=16), nullable=False),
    sa.Column('first_seen', sa.Date(), nullable=False),
    sa.Column('last_seen', sa.Date(), nullable=False),
    sa.PrimaryKeyConstraint('id')
    )
    with op.batch_alter_table('pledges', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_pledges_first_seen'), ['first_seen'], unique=False)
        batch_op.create_index(batch_op.f('ix_pledges_pledger_key'), ['pledger_key'], unique=False)
        batch_op.create_index(batch_op.f('ix_pledges_status'), ['status'], unique=False)

    op.create_table('entity_aliases',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('entity_id', sa.Integer(), nullable=False),
    sa.Column('alias', sa.String(length=300), nullable=False),
    sa.Column('alias_key', sa.String(length=300), nullable=False),
    sa.ForeignKeyConstraint(['entity_id'], ['entities.id'], ),
    sa.PrimaryKeyConstraint('id'),
    sa.UniqueConstraint('entity_id', 'alias', name='uq_entity_aliases')
    )
    with op.batch_alter_table('entity_aliases', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_entity_aliases_alias_key'), ['alias_key'], unique=False)
        batch_op.create_index(batch_op.f('ix_entity_aliases_entity_id'), ['entity_id'], unique=False)

    op.create_table('entity_changes',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('action', sa.String(length=16), nullable=False),
    sa.Column('entity_id', sa.Integer(), nullable=False),
    sa.Column('other_entity_id', sa.Integer(), nullable=False),
    sa.Column('statement_ids', sa.JSON(), nullable=False),
    sa.Column('changed_by', sa.String(length=300), nullable=False),
    sa.Column('note', sa.Text(), nullable=True),
    sa.Column('changed_at', sa.DateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['entity_id'], ['entities.id'], ),
    sa.ForeignKeyConstraint(['other_entity_id'], ['entities.id'], ),
    sa.PrimaryKeyConstraint('id')
    )
    with op.batch_alter_table('entity_changes', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_entity_changes_entity_id'), ['entity_id'], unique=False)

    op.create_table('entity_facts',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('entity_id', sa.Integer(), nullable=False),
    sa.Column('kind', sa.String(length=16), nullable=False),
    sa.Column('value', sa.String(length=300), nullable=False),
    sa.Column('first_seen', sa.Date(), nullable=False),
    sa.Column('last_seen', sa.Date(), nullable=False),
    sa.ForeignKeyConstraint(['entity_id'], ['entities.id'], ),
    sa.PrimaryKeyConstraint('id'),
    sa.UniqueConstraint('entity_id', 'kind', 'value', name='uq_entity_facts')
    )
    with op.batch_alter_table('entity_facts', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_entity_facts_entity_id'), ['entity_id'], unique=False)

    op.create_table('pledge_status_changes',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('pledge_id', sa.Integer(), nullable=False),
    sa.Column('old_status', sa.String(length=16), nullable=False),
    sa.Column('new_status', sa.String(length=16), nullable=False),
    sa.Column('changed_by', sa.String(length=300), nullable=False),
    sa.Column('note', sa.Text(), nullable=True),
    sa.Column('changed_at', sa.DateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['pledge_id'], ['pledges.id'], ),
    sa.PrimaryKeyConstraint('id')
    )
    with op.batch_alter_table('pledge_status_changes', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_pledge_status_changes_pledge_id'), ['pledge_id'], unique=False)

    op.create_table('statements',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('article_id', sa.Integer(), nullable=False),
    sa.Column('position', sa.Integer(), nullable=False),
    sa.Column('kind', sa.String(length=16), nullable=False),
    sa.Column('speaker_id', sa.Integer(), nullable=True),
    sa.Column('speaker_name', sa.String(length=300), nullable=True),
    sa.Column('speaker_type', sa.String(length=16), nullable=True),
    sa.Column('speaker_role', sa.String(length=300), nullable=True),
    sa.Column('speaker_affiliation', sa.String(length=300), nullable=True),
    sa.Column('party', sa.String(length=300), nullable=True),
    sa.Column('content', sa.Text(), nullable=False),
    sa.Column('cue', sa.Text(), nullable=False),
    sa.Column('confidence', sa.Float(), nullable=False),
    sa.Column('spans', sa.JSON(), nullable=False),
    sa.Column('pledge', sa.JSON(), nullable=True),
    sa.ForeignKeyConstraint(['article_id'], ['articles.id'], ),
    sa.ForeignKeyConstraint(['speaker_id'], ['entities.id'], ),
    sa.PrimaryKeyConstraint('id'),
    sa.UniqueConstraint('article_id', 'position', name='uq_statements_article_position')
    )
    with op.batch_alter_table('statements', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_statements_article_id'), ['article_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_statements_kind'), ['kind'], unique=False)
        batch_op.create_index(batch_op.f('ix_statements_party'), ['party'], unique=False)
        batch_op.create_index(batch_op.f('ix_statements_speaker_id'), ['speaker_id'], unique=False)

    op.create_table('pledge_mentions',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('pledge_id', sa.Integer(), nullable=False),
    sa.Column('statement_id', sa.Integer(), nullable=False),
    sa.Column('kind', sa.String(length=16), nullable=False),
    sa.ForeignKeyConstraint(['pledge_id'], ['pledges.id'], ),
    sa.ForeignKeyConstraint(['statement_id'], ['statements.id'], ),
    sa.PrimaryKeyConstraint('id'),
    sa.UniqueConstraint('pledge_id', 'statement_id', name='uq_pledge_mentions')
    )
    with op.batch_alter_table('pledge_mentions', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_pledge_mentions_pledge_id'), ['pledge_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_pledge_mentions_statement_id'), ['statement_id'], unique=False)

    _create_full_text_index()


def downgrade() -> None:
    _drop_full_text_index()
    with op.batch_alter_table('pledge_mentions', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_pledge_mentions_statement_id'))
        batch_op.drop_index(batch_op.f('ix_pledge_mentions_pledge_id'))

    op.drop_table('pledge_mentions')
    with op.batch_alter_table('statements', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_statements_speaker_id'))
        batch_op.drop_index(batch_op.f('ix_statements_party'))
        batch_op.drop_index(batch_op.f('ix_statements_kind'))
        batch_op.drop_index(batch_op.f('ix_statements_article_id'))

    op.drop_table('statements')
    with op.batch_alter_table('pledge_status_changes', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_pledge_status_changes_pledge_id'))

    op.drop_table('pledge_status_changes')
    with op.batch_alter_table('entity_facts', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_entity_facts_entity_id'))

    op.drop_table('entity_facts')
    with op.batch_alter_table('entity_changes', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_entity_changes_entity_id'))

    op.drop_table('entity_changes')
    with op.batch_alter_table('entity_aliases', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_entity_aliases_entity_id'))
        batch_op.drop_index(batch_op.f('ix_entity_aliases_alias_key'))

    op.drop_table('entity_aliases')
    with op.batch_alter_table('pledges', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_pledges_status'))
        batch_op.drop_index(batch_op.f('ix_pledges_pledger_key'))
        batch_op.drop_index(batch_op.f('ix_pledges_first_seen'))

    op.drop_table('pledges')
    with op.batch_alter_table('entities', schema=None) as batch_op:
        batch_op.drop_index('uq_entities_live_name', sqlite_where=sa.text('merged_into_id IS NULL'), postgresql_where=sa.text('merged_into_id IS NULL'))
        batch_op.drop_index(batch_op.f('ix_entities_surname_key'))
        batch_op.drop_index(batch_op.f('ix_entities_party'))
        batch_op.drop_index(batch_op.f('ix_entities_name_key'))
        batch_op.drop_index(batch_op.f('ix_entities_merged_into_id'))

    op.drop_table('entities')
    with op.batch_alter_table('articles', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_articles_sha256'))
        batch_op.drop_index(batch_op.f('ix_articles_published'))
        batch_op.drop_index(batch_op.f('ix_articles_outlet'))

    op.drop_table('articles')

# Porter stemming on SQLite matches PostgreSQL's 'english' configuration closely enough
# that a search finds the same statements on both ("pledges" finds "pledged").
SQLITE_FTS = [
    "CREATE VIRTUAL TABLE statements_fts USING fts5(content, speaker_name, content='statements', "
    "content_rowid='id', tokenize='porter unicode61 remove_diacritics 2')",
    "CREATE TRIGGER statements_fts_insert AFTER INSERT ON statements BEGIN "
    "INSERT INTO statements_fts(rowid, content, speaker_name) VALUES (new.id, new.content, new.speaker_name); END",
    "CREATE TRIGGER statements_fts_delete AFTER DELETE ON statements BEGIN "
    "INSERT INTO statements_fts(statements_fts, rowid, content, speaker_name) "
    "VALUES ('delete', old.id, old.content, old.speaker_name); END",
    "CREATE TRIGGER statements_fts_update AFTER UPDATE OF content, speaker_name ON statements BEGIN "
    "INSERT INTO statements_fts(statements_fts, rowid, content, speaker_name) "
    "VALUES ('delete', old.id, old.content, old.speaker_name); "
    "INSERT INTO statements_fts(rowid, content, speaker_name) VALUES (new.id, new.content, new.speaker_name); END",
]
POSTGRESQL_FTS = [
    "ALTER TABLE statements ADD COLUMN search_vector tsvector GENERATED ALWAYS AS "
    "(to_tsvector('english', coalesce(content, '') || ' ' || coalesce(speaker_name, ''))) STORED",
    "CREATE INDEX ix_statements_search_vector ON statements USING gin (search_vector)",
]


def _create_full_text_index() -> None:
    """Create the statements' full-text index for the database in use."""
    dialect = op.get_bind().dialect.name
    for statement in SQLITE_FTS if dialect == "sqlite" else POSTGRESQL_FTS if dialect == "postgresql" else []:
        op.execute(statement)


def _drop_full_text_index() -> None:
    """Drop what ``_create_full_text_index`` made."""
    dialect = op.get_bind().dialect.name
    if dialect == "sqlite":
        op.execute("DROP TABLE IF EXISTS statements_fts")
    elif dialect == "postgresql":
        op.execute("DROP INDEX IF EXISTS ix_statements_search_vector")
        op.execute("ALTER TABLE statements DROP COLUMN IF EXISTS search_vector")
