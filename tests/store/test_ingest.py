"""Ingest: idempotent by text, versions by URL, metadata, and opening databases."""

from __future__ import annotations

import datetime as dt
import logging
from pathlib import Path

import pytest
from store_builders import article, said

from onrecord.errors import StoreError
from onrecord.store import SearchQuery, Store

TEXT = "Labour would build 300 homes in Eastmere, Tom Ashby said on Monday."


def _story(text: str = TEXT, **metadata: str) -> object:
    metadata = {"url": "https://news.example/eastmere-homes", "date": "2024-05-02", "outlet": "Eastmere Post",
                **metadata}
    statement = said(text, "Labour would build 300 homes in Eastmere", "Tom Ashby", affiliation="Labour",
                     pledger="Labour Party", action="build 300 homes in Eastmere")
    return article("eastmere-homes", text, statement, **metadata)


def test_ingest_twice_adds_nothing(store: Store) -> None:
    first = list(store.ingest([_story()]))
    counts = store.counts()
    again = list(store.ingest([_story(), _story()]))
    assert [result.status for result in first] == ["added"]
    assert [result.status for result in again] == ["unchanged", "unchanged"]
    assert store.counts() == counts
    assert counts["articles"] == 1 and counts["statements"] == 1 and counts["pledges"] == 1


def test_ingest_keeps_metadata_and_spans(store: Store) -> None:
    store.ingest_document(_story())
    hit = store.search(SearchQuery())[0]
    assert (hit.url, hit.outlet, hit.published) == ("https://news.example/eastmere-homes", "Eastmere Post",
                                                   dt.date(2024, 5, 2))
    start, end = hit.spans["content"][0]
    assert TEXT[start:end] == hit.content == "Labour would build 300 homes in Eastmere"
    assert hit.speaker == "Tom Ashby" and hit.party == "Labour" and hit.pledge_id is not None


def test_ingest_edited_article_is_a_new_version_and_the_old_is_kept(store: Store) -> None:
    store.ingest_document(_story())
    edited = TEXT.replace("300", "350")
    result = store.ingest_document(article("eastmere-homes", edited, said(edited, "Labour would build 350 homes",
                                           "Tom Ashby"), url="https://news.example/eastmere-homes"))
    assert (result.status, result.version) == ("new version", 2)
    assert [hit.content for hit in store.search(SearchQuery(text="homes"))] == ["Labour would build 350 homes"]
    assert len(store.search(SearchQuery(text="homes", include_superseded=True))) == 2
    assert store.counts()["articles"] == 1 and store.counts()["article versions"] == 2


def test_ingest_reverted_correction_makes_the_first_text_current_again(store: Store) -> None:
    first = store.ingest_document(_story())
    edited = TEXT.replace("300", "350")
    correction = article("eastmere-homes", edited, said(edited, "Labour would build 350 homes", "Tom Ashby"),
                         url="https://news.example/eastmere-homes")
    store.ingest_document(correction)
    reverted = store.ingest_document(_story())
    assert (reverted.status, reverted.article_id, reverted.pledges) == ("new version", first.article_id, 1)
    assert [hit.content for hit in store.search(SearchQuery(text="homes"))] == [
        "Labour would build 300 homes in Eastmere"
    ]
    assert store.counts()["articles"] == 1 and store.counts()["article versions"] == 2
    assert not store.contains(correction.doc_id, correction.text_sha256, correction.metadata)
    [pledge] = store.pledges()
    assert [(mention.kind, mention.article_id) for mention in pledge.timeline] == [("made", first.article_id)]
    assert store.ingest_document(_story()).status == "unchanged"
    # The correction coming back once more supersedes the restored text again.
    assert store.ingest_document(correction).status == "new version"
    assert [hit.content for hit in store.search(SearchQuery(text="homes"))] == ["Labour would build 350 homes"]


def test_ingest_without_date_uses_today_and_warns_on_a_bad_one(
    store: Store, caplog: pytest.LogCaptureFixture
) -> None:
    with caplog.at_level(logging.WARNING, logger="onrecord.store"):
        store.ingest_document(_story(date="last Tuesday"))
    assert store.search(SearchQuery())[0].published == dt.datetime.now(dt.UTC).date()
    assert "last Tuesday" in caplog.text and "ISO 8601" in caplog.text


def test_ingest_contains_checks_key_and_text(store: Store) -> None:
    story = _story()
    assert not store.contains(story.doc_id, story.text_sha256, story.metadata)
    store.ingest_document(story)
    assert store.contains(story.doc_id, story.text_sha256, story.metadata)
    assert not store.contains(story.doc_id, story.text_sha256, {"url": "https://elsewhere.example/x"})


def test_database_reopen_keeps_the_record(db_target: str) -> None:
    with Store.open(db_target) as store:
        store.ingest_document(_story())
    with Store.open(db_target) as store:
        assert store.counts()["statements"] == 1


@pytest.mark.parametrize(
    ("target", "message"),
    [
        ("/no/such/folder/record.db", "does not exist"),
        ("mysql://localhost/record", "unsupported database"),
        ("postgresql://nobody@127.0.0.1:1/record", "cannot open the database"),
    ],
)
def test_database_bad_target_is_a_clear_error(target: str, message: str) -> None:
    with pytest.raises(StoreError, match=message) as raised:
        Store.open(target)
    assert "\n" not in str(raised.value)


def test_database_file_that_is_not_a_record_is_a_clear_error_and_left_alone(tmp_path: Path) -> None:
    notes = tmp_path / "notes.txt"
    notes.write_text("Buy milk. Call the Eastmere Post about the homes story.\n" * 50, encoding="utf-8")
    before = notes.read_bytes()
    with pytest.raises(StoreError, match="notes.txt: cannot open the database.*not a database"):
        Store.open(str(notes))
    assert notes.read_bytes() == before


def test_database_open_without_create_refuses_a_missing_file(tmp_path: Path) -> None:
    missing = tmp_path / "record.db"
    with pytest.raises(StoreError, match="no record at .*record.db; run onrecord ingest first"):
        Store.open(str(missing), create=False)
    assert not missing.exists()
    Store.open(str(missing)).close()
    with Store.open(str(missing), create=False) as store:
        assert store.counts()["articles"] == 0


def test_database_sqlite_has_wal_and_foreign_keys(tmp_path: Path) -> None:
    with Store.open(str(tmp_path / "r.db")) as store, store.engine.connect() as connection:
        assert connection.exec_driver_sql("PRAGMA journal_mode").scalar() == "wal"
        assert connection.exec_driver_sql("PRAGMA foreign_keys").scalar() == 1
