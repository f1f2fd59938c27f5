"""Shared fixtures: where the project's shared data (seed article, PolNeAR) lies."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

# CI and the development machines keep the shared data folder beside the repository;
# ONRECORD_SHARED_DATA points elsewhere when it is not there.
SHARED_DATA = Path(os.environ.get("ONRECORD_SHARED_DATA", Path(__file__).resolve().parents[2] / "shared" / "data"))


@pytest.fixture(scope="session")
def shared_seed_dir() -> Path:
    """The seed article folder (article and ``gold.jsonl``); skips when it is absent."""
    folder = SHARED_DATA / "seed"
    if not (folder / "gold.jsonl").is_file():
        pytest.skip(f"shared seed data not present at {folder} (set ONRECORD_SHARED_DATA)")
    return folder
