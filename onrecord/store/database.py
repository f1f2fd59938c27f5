"""Open a record by SQLite path or database URL, bringing its schema up to date.

``open_engine`` accepts ``onrecord.db`` (a SQLite file, created on first use),
``sqlite:///path.db`` or ``postgresql://user@host/db`` and runs the shipped Alembic
migrations to head, so every command sees the current schema.
"""

from __future__ import annotations

import logging
from pathlib import Path
from typing import Any

from alembic import command
from alembic.config import Config
from sqlalchemy import Engine, create_engine, event
from sqlalchemy.engine import make_url
from sqlalchemy.exc import ArgumentError, DatabaseError
from sqlalchemy.pool import ConnectionPoolEntry

from onrecord.errors import StoreError

LOGGER = logging.getLogger(__name__)

MIGRATIONS = Path(__file__).resolve().parent / "migrations"
DEFAULT_DB = "onrecord.db"
# A writer holds SQLite's lock for one article at a time; readers and a second writer
# wait this long for it instead of failing at once.
SQLITE_BUSY_TIMEOUT_MS = 30_000


def database_url(target: str) -> str:
    """Turn a ``--db`` value into a SQLAlchemy URL: URLs pass through, paths become SQLite.

    Raises:
        StoreError: for a URL of a database onrecord does not support.
    """
    if "://" not in target:
        return f"sqlite:///{Path(target).expanduser()}"
    try:
        url = make_url(target)
    except ArgumentError:
        raise StoreError(f"--db {target}: not a database URL; pass a file path or postgresql://user@host/db") from None
    if url.get_backend_name() == "postgresql":
        # psycopg 3 is the installed driver; plain postgresql:// would ask for psycopg2.
        return url.set(drivername="postgresql+psycopg").render_as_string(hide_password=False)
    if url.get_backend_name() == "sqlite":
        return target
    raise StoreError(f"--db {target}: unsupported database; use a SQLite file path or a postgresql:// URL")


def open_engine(target: str, *, migrate: bool = True, create: bool = True) -> Engine:
    """Connect to the record at ``target`` and run the migrations to head.

    Args:
        target (str): a SQLite file path, or a ``sqlite://`` / ``postgresql://`` URL.
        migrate (bool): bring the schema up to date (create it in a new database).
        create (bool): create a missing SQLite file; when False, a missing file is an
            error (the read-only commands, which must not leave an empty record behind).

    Returns:
        Engine: the SQLAlchemy engine, SQLite in WAL mode with foreign keys on.

    Raises:
        StoreError: when the database cannot be reached or read, its folder does not
            exist, or (without ``create``) its SQLite file does not exist.
    """
    url = database_url(target)
    if url.startswith("sqlite:///") and not url.startswith("sqlite:///:memory:"):
        path = Path(url.removeprefix("sqlite:///"))
        if not path.parent.is_dir():
            raise StoreError(f"--db {target}: the folder {path.parent} does not exist; create it or pick another path")
        if not create and not path.exists():
            raise StoreError(f"no record at {target}; run onrecord ingest first")
    engine = create_engine(url, pool_pre_ping=not url.startswith("sqlite"))
    if engine.dialect.name == "sqlite":
        event.listen(engine, "connect", _sqlite_pragmas)
    if migrate:
        try:
            upgrade(engine)
        except DatabaseError as exc:
            engine.dispose()
            # PostgreSQL adds a hint line ("Is the server running...?"); the first line says it all.
            reason = str(exc.orig).strip().partition("\n")[0]
            raise StoreError(f"--db {target}: cannot open the database ({reason})") from None
    return engine


def upgrade(engine: Engine) -> None:
    """Run the shipped Alembic migrations up to head on ``engine``."""
    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS))
    with engine.begin() as connection:
        config.attributes["connection"] = connection
        command.upgrade(config, "head")


def _sqlite_pragmas(connection: Any, _record: ConnectionPoolEntry) -> None:
    """WAL lets readers run while an ingest writes; SQLite leaves foreign keys off by default."""
    cursor = connection.cursor()
    cursor.execute("PRAGMA journal_mode=WAL")
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.execute(f"PRAGMA busy_timeout={SQLITE_BUSY_TIMEOUT_MS}")
    cursor.execute("PRAGMA synchronous=NORMAL")
    cursor.close()
