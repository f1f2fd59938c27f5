"""Serve fixtures: a small record built from hand-made Documents, and apps over it."""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest
from fastapi.testclient import TestClient
from serve_builders import TOKEN, OneStatementExtractor, record_documents

from onrecord.serve import create_app
from onrecord.store import Store


@pytest.fixture(scope="session")
def record_file(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A SQLite record of three articles (stored once; tests that write get a copy)."""
    path = tmp_path_factory.mktemp("serve") / "record.db"
    with Store.open(str(path)) as store:
        list(store.ingest(record_documents()))
    return path


@pytest.fixture(scope="session")
def reader(record_file: Path) -> Iterator[TestClient]:
    """A client of an app over the shared record, for tests that only read."""
    with TestClient(create_app(str(record_file), TOKEN)) as client:
        yield client


@pytest.fixture
def extractor() -> OneStatementExtractor:
    """The fake extractor that ``writer`` posts go through."""
    return OneStatementExtractor()


@pytest.fixture
def writer(record_file: Path, tmp_path: Path, extractor: OneStatementExtractor) -> Iterator[TestClient]:
    """A client of an app with the API token over a private copy of the record."""
    copy = tmp_path / "record.db"
    shutil.copy(record_file, copy)
    with TestClient(create_app(str(copy), TOKEN, extractor_factory=lambda: extractor)) as client:
        yield client
