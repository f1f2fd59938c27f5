"""Store fixtures: every store test runs on SQLite and on a throwaway PostgreSQL database."""

from __future__ import annotations

import os
import uuid
from collections.abc import Iterator
from pathlib import Path

import psycopg
import pytest
from psycopg import sql

from onrecord.store import Store

# The server that development and CI machines run; ONRECORD_TEST_POSTGRES points elsewhere.
POSTGRES_SERVER = os.environ.get("ONRECORD_TEST_POSTGRES", "postgresql://postgres@127.0.0.1:5432")
RECORD_TABLES = (
    "pledge_status_changes, pledge_mentions, pledges, statements, entity_changes, entity_facts, "
    "entity_aliases, entities, articles"
)


@pytest.fixture(scope="session")
def postgres_url() -> Iterator[str]:
    """A database created for this test session and dropped after it; skips when no server answers."""
    name = f"onrecord_test_{uuid.uuid4().hex[:12]}"
    try:
        admin = psycopg.connect(f"{POSTGRES_SERVER}/postgres", autocommit=True, connect_timeout=3)
    except psycopg.OperationalError as exc:
        pytest.skip(f"PostgreSQL not reachable at {POSTGRES_SERVER} ({exc}); set ONRECORD_TEST_POSTGRES")
    with admin:
        admin.execute(sql.SQL("CREATE DATABASE {}").format(sql.Identifier(name)))
        try:
            yield f"{POSTGRES_SERVER}/{name}"
        finally:
            admin.execute(sql.SQL("DROP DATABASE IF EXISTS {} WITH (FORCE)").format(sql.Identifier(name)))


@pytest.fixture(params=["sqlite", "postgresql"])
def db_target(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[str]:
    """A ``--db`` value for an empty record on each backend."""
    if request.param == "sqlite":
        yield str(tmp_path / "record.db")
        return
    url: str = request.getfixturevalue("postgres_url")
    yield url
    with psycopg.connect(url, autocommit=True) as connection:
        if connection.execute("SELECT to_regclass('articles')").fetchone() != (None,):
            connection.execute(f"TRUNCATE {RECORD_TABLES} RESTART IDENTITY CASCADE")


@pytest.fixture
def store(db_target: str) -> Iterator[Store]:
    """An open, empty record on each backend."""
    with Store.open(db_target) as opened:
        yield opened
