"""Snapshots: two records holding the same articles and statements compare equal, whatever their ids."""

from __future__ import annotations

from pathlib import Path

from store_builders import article, said

from onrecord.store import Store
from onrecord.types import Document

HOMES = "Labour would build 300 homes in Eastmere, Tom Ashby said on Monday."
BUSES = "The bus money is not there, Sarah Whitfield said."
DRAFT = "Labour would build 350 homes in Eastmere, Tom Ashby said on Monday."


def _story(doc_id: str, text: str, content: str, speaker: str) -> Document:
    return article(doc_id, text, said(text, content, speaker), date="2024-05-02")


def test_snapshots_compare_what_is_stored_not_the_ids(store: Store, tmp_path: Path) -> None:
    homes = _story("homes", HOMES, "Labour would build 300 homes in Eastmere", "Tom Ashby")
    buses = _story("buses", BUSES, "The bus money is not there", "Sarah Whitfield")
    list(store.ingest([homes, buses]))
    with Store.open(str(tmp_path / "other.db")) as other:
        list(other.ingest([buses, homes]))  # the other order: every id differs
        assert other.snapshot() == store.snapshot()
        other.ingest_document(_story("homes", DRAFT, "Labour would build 350 homes in Eastmere", "Tom Ashby"))
        differences = other.snapshot().differences(store.snapshot())
    assert len(differences) == 2
    assert differences[0].startswith("1 article rows only here, e.g. ('homes',")
    assert differences[1].startswith("1 statement rows only here") and "350 homes" in differences[1]
    assert store.snapshot().duplicate_articles == 0 and store.snapshot().duplicate_statements == 0
