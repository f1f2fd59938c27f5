"""Pledges across articles: one pledge, a dated timeline, contradictions, status history."""

from __future__ import annotations

import io
import json

import pytest
from store_builders import article, said

from onrecord.errors import StoreError
from onrecord.store import SearchQuery, Store
from onrecord.store.export import ExportFormat, ExportTable
from onrecord.store.models import PledgeMention

FIRST = (
    "Rachel Reeves said a Labour government would trigger an extension to the West Coast contract. "
    "Ms Reeves was in Durham."
)
REPEAT = (
    '"We will trigger an extension to the contract for the West Coast trains," Ms Reeves said. '
    'Paul Howell said: "Labour cannot extend this contract overnight and they know it."'
)
OTHER = "Rachel Reeves said a Labour government would build 1.5 million homes across England."


def _first() -> object:
    statement = said(FIRST, "a Labour government would trigger an extension to the West Coast contract",
                     "Rachel Reeves", affiliation="Labour", mentions=("Rachel Reeves", "Ms Reeves"),
                     pledger="Labour Party", action="trigger an extension to the West Coast contract")
    return article("first", FIRST, statement, date="2024-06-04", url="https://news.example/first")


def _repeat(date: str = "2024-06-14") -> object:
    reaffirmed = said(REPEAT, "We will trigger an extension to the contract for the West Coast trains", "Reeves",
                      kind="direct", mentions=("Ms Reeves",), pledger="Reeves",
                      action="trigger an extension to the contract for the West Coast trains")
    disputed = said(REPEAT, "Labour cannot extend this contract overnight and they know it", "Paul Howell",
                    cue="said:", kind="direct", affiliation="Conservative", mentions=("Paul Howell",))
    return article("repeat", REPEAT, reaffirmed, disputed, date=date, url="https://news.example/repeat")


def _other() -> object:
    statement = said(OTHER, "a Labour government would build 1.5 million homes across England", "Rachel Reeves",
                     affiliation="Labour", mentions=("Rachel Reeves",), pledger="Labour Party",
                     action="build 1.5 million homes across England")
    return article("other", OTHER, statement, date="2024-06-20")


def test_pledges_repeated_in_another_article_is_one_pledge_reaffirmed(store: Store) -> None:
    list(store.ingest([_first(), _repeat()]))
    [pledge] = store.pledges(by="Labour")
    assert pledge.pledger == "Labour Party"
    assert [(mention.kind, mention.speaker) for mention in pledge.timeline] == [
        ("made", "Rachel Reeves"), ("reaffirmed", "Rachel Reeves"), ("contradicted", "Paul Howell")
    ]
    assert (str(pledge.first_seen), str(pledge.last_seen)) == ("2024-06-04", "2024-06-14")


def test_pledges_timeline_follows_article_dates_not_ingest_order(store: Store) -> None:
    list(store.ingest([_repeat(date="2024-06-14"), _first()]))
    assert store.pledges(by="Tories") == []
    [pledge] = store.pledges(by="Labour Party")
    assert [mention.kind for mention in pledge.timeline] == ["made", "reaffirmed", "contradicted"]
    assert pledge.timeline[0].url == "https://news.example/first"


def test_pledges_different_actions_stay_apart(store: Store) -> None:
    list(store.ingest([_first(), _other()]))
    actions = sorted(pledge.action for pledge in store.pledges(by="Labour"))
    assert actions == ["build 1.5 million homes across England", "trigger an extension to the West Coast contract"]


def test_pledges_status_changes_keep_their_history(store: Store) -> None:
    store.ingest_document(_first())
    [pledge] = store.pledges()
    store.set_pledge_status(pledge.id, "in progress", changed_by="desk editor", note="contract talks began")
    store.set_pledge_status(pledge.id, "kept", changed_by="fact checker")
    [updated] = store.pledges(status="kept")
    assert [(change.old_status, change.new_status, change.changed_by) for change in updated.history] == [
        ("made", "in progress", "desk editor"), ("in progress", "kept", "fact checker")
    ]
    assert updated.history[0].note == "contract talks began"
    assert store.pledges(status="made") == []


@pytest.mark.parametrize(
    ("status", "changed_by", "message"),
    [("done", "editor", "not a pledge status"), ("kept", " ", "say who")],
)
def test_pledges_bad_status_change_is_refused(store: Store, status: str, changed_by: str, message: str) -> None:
    store.ingest_document(_first())
    [pledge] = store.pledges()
    with pytest.raises(StoreError, match=message):
        store.set_pledge_status(pledge.id, status, changed_by=changed_by)
    assert store.pledges()[0].history == ()


def test_pledges_unknown_pledge_is_a_clear_error(store: Store) -> None:
    with pytest.raises(StoreError, match="no such pledge"):
        store.set_pledge_status(41, "kept", changed_by="editor")


@pytest.mark.parametrize("listing", ["pledges", "entities", "articles"])
@pytest.mark.parametrize("page", [{"limit": -1}, {"limit": 0}, {"limit": 1001}, {"offset": -1}])
def test_listings_refuse_a_page_that_cannot_mean_anything(store: Store, listing: str, page: dict[str, int]) -> None:
    store.ingest_document(_first())
    with pytest.raises(StoreError, match="--limit must be 1 to 1000 and --offset 0 or more"):
        getattr(store, listing)(**page)


def test_pledges_export_and_search_name_the_same_pledge_of_a_statement(store: Store) -> None:
    store.ingest_document(_first())
    store.ingest_document(_other())
    first, other = sorted(store.pledges(), key=lambda pledge: pledge.id)
    [statement] = [mention.statement_id for mention in other.timeline]
    # A statement filed under two pledges (the later one first): both views pick the lower id.
    with store.session() as session:
        session.add(PledgeMention(pledge_id=first.id, statement_id=statement, kind="contradicted"))
    stream = io.StringIO()
    store.export(ExportTable.statements, ExportFormat.jsonl, stream)
    exported = {row["statement_id"]: row["pledge_id"] for row in map(json.loads, stream.getvalue().splitlines())}
    searched = {hit.id: hit.pledge_id for hit in store.search(SearchQuery())}
    assert exported == searched
    assert exported[statement] == first.id
