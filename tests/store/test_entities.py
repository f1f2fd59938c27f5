"""Entities across articles: one Reeves for all her spellings, never two merged by surname."""

from __future__ import annotations

import pytest
from store_builders import article, said

from onrecord.errors import StoreError
from onrecord.store import SearchQuery, Store

FULL = "Rachel Reeves, the shadow chancellor, said Labour would act. Ms Reeves spoke in Durham."
SURNAME = "Labour would act quickly, Ms Reeves said on Friday."
ROLE = "Labour would act quickly, the shadow chancellor said."
OTHER_REEVES = "Ellie Reeves, the party chair, said the campaign was going well. Ms Reeves spoke in Lewisham."


def _full() -> object:
    return article("full", FULL, said(FULL, "Labour would act", "Rachel Reeves", role="shadow chancellor",
                                      affiliation="Labour", mentions=("Rachel Reeves", "Ms Reeves")))


def _surname() -> object:
    return article("surname", SURNAME, said(SURNAME, "Labour would act quickly", "Reeves", mentions=("Ms Reeves",)))


def _role() -> object:
    return article("role", ROLE, said(ROLE, "Labour would act quickly", "shadow chancellor",
                                      mentions=("the shadow chancellor",)))


def _other_reeves() -> object:
    return article("other", OTHER_REEVES, said(OTHER_REEVES, "the campaign was going well", "Ellie Reeves",
                                               role="party chair", affiliation="Labour",
                                               mentions=("Ellie Reeves", "Ms Reeves")))


def _speakers(store: Store) -> set[str | None]:
    return {hit.speaker for hit in store.search(SearchQuery())}


@pytest.mark.parametrize("order", ["full first", "surname first"])
def test_entities_ms_reeves_and_rachel_reeves_are_one_person(store: Store, order: str) -> None:
    documents = [_full(), _surname()] if order == "full first" else [_surname(), _full()]
    list(store.ingest(documents))
    people = store.entities(type="person")
    assert [person.name for person in people] == ["Rachel Reeves"]
    assert people[0].statements == 2 and "Ms Reeves" in people[0].aliases
    assert _speakers(store) == {"Rachel Reeves"}


def test_entities_role_alone_joins_the_one_person_in_that_role(store: Store) -> None:
    list(store.ingest([_full(), _role()]))
    assert _speakers(store) == {"Rachel Reeves"}


def test_entities_surname_with_two_candidates_is_never_guessed(store: Store) -> None:
    list(store.ingest([_full(), _other_reeves(), _surname()]))
    names = {person.name for person in store.entities(type="person")}
    assert {"Rachel Reeves", "Ellie Reeves"} <= names
    by_surname = [hit for hit in store.search(SearchQuery()) if hit.speaker_as_written == "Reeves"]
    assert by_surname[0].speaker not in {"Rachel Reeves", "Ellie Reeves"}


@pytest.mark.parametrize(
    ("text", "speaker", "mentions", "affiliation"),
    [
        ("The plan is wrong, Mr Reeves said.", "Reeves", ("Mr Reeves",), None),
        ("The plan is wrong, Ms Reeves said.", "Reeves", ("Ms Reeves",), "Conservative"),
    ],
)
def test_entities_conflicting_title_or_party_stays_apart(
    store: Store, text: str, speaker: str, mentions: tuple[str, ...], affiliation: str | None
) -> None:
    story = article("conflict", text, said(text, "The plan is wrong", speaker, mentions=mentions,
                                           affiliation=affiliation))
    list(store.ingest([_full(), story]))
    assert len(store.entities(type="person")) == 2


def test_entities_merge_and_split_are_audited(store: Store) -> None:
    list(store.ingest([_full(), _other_reeves(), _surname()]))
    people = {person.name: person.id for person in store.entities(type="person")}
    stray = next(identity for name, identity in people.items() if name not in ("Rachel Reeves", "Ellie Reeves"))
    kept = store.merge_entities(people["Rachel Reeves"], stray, changed_by="editor", note="same person")
    assert _speakers(store) == {"Rachel Reeves", "Ellie Reeves"}
    assert {person.name for person in store.entities(type="person")} == {"Rachel Reeves", "Ellie Reeves"}
    moved = [hit.id for hit in store.search(SearchQuery(speaker="Rachel Reeves")) if hit.title is None][:1]
    new = store.split_entity(kept, moved, "R. Reeves (unverified)", changed_by="editor")
    assert [hit.id for hit in store.search(SearchQuery(speaker="R. Reeves (unverified)"))] == moved
    with store.session() as session:
        from onrecord.store.models import EntityChange

        changes = [(change.action, change.changed_by) for change in session.query(EntityChange).order_by(
            EntityChange.id)]
    assert changes == [("merge", "editor"), ("split", "editor")] and new != kept


@pytest.mark.parametrize(
    ("keep", "other", "message"),
    [(1, 1, "into itself"), (1, 999, "no such entity")],
)
def test_entities_bad_merge_is_a_clear_error(store: Store, keep: int, other: int, message: str) -> None:
    store.ingest_document(_full())
    with pytest.raises(StoreError, match=message):
        store.merge_entities(keep, other, changed_by="editor")
