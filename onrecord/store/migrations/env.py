"""Alembic environment: runs on the connection ``onrecord.store.database.upgrade`` passes in."""

from __future__ import annotations

from alembic import context

from onrecord.store.models import Base

connection = context.config.attributes.get("connection")
if connection is None:
    raise RuntimeError("run onrecord's migrations through onrecord.store.database.upgrade(engine)")
context.configure(connection=connection, target_metadata=Base.metadata, render_as_batch=True)
with context.begin_transaction():
    context.run_migrations()
