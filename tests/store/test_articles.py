"""The queries behind the web pages: articles with their texts, one entity by id, statements by id filters."""

from __future__ import annotations

from store_builders import article, said

from onrecord.store import SearchQuery, Store

FIRST = "The council will reopen the pool, Ms Khan said. Mr Lowe said the budget was tight."
SECOND = "Ms Khan said the pool would open in May."
REVISED = "Ms Khan said the pool would open in June."


def _first() -> object:
    return article("pool", FIRST,
                   said(FIRST, "The council will reopen the pool", "Amina Khan", mentions=("Ms Khan",)),
                   said(FIRST, "the budget was tight", "Mr Lowe"),
                   url="https://example.org/pool", outlet="Gazette", date="2024-05-01")


def _second(text: str = SECOND) -> object:
    return article("pool-may", text, said(text, "the pool would open", "Amina Khan", mentions=("Ms Khan",)),
                   url="https://example.org/pool-may", outlet="Echo", date="2024-05-03")


def test_articles_listing_is_newest_first_with_counts_and_outlet_filter(store: Store) -> None:
    list(store.ingest([_first(), _second()]))
    listed = store.articles()
    assert [(found.doc_id, found.statements) for found in listed] == [("pool-may", 1), ("pool", 2)]
    assert [found.doc_id for found in store.articles(outlet="gazette")] == ["pool"]
    assert [found.doc_id for found in store.articles(limit=1, offset=1)] == ["pool"]


def test_articles_one_article_has_its_exact_text_and_points_to_its_current_version(store: Store) -> None:
    old_id = next(store.ingest([_second()])).article_id
    new_id = next(store.ingest([_second(REVISED)])).article_id
    old = store.article(old_id)
    assert old is not None and old.text == SECOND and old.article.superseded and old.current_id == new_id
    assert [found.id for found in store.articles()] == [new_id]
    assert len(store.articles(include_superseded=True)) == 2
    assert store.article(new_id + 100) is None


def test_articles_statements_by_article_and_by_speaker_id(store: Store) -> None:
    first_id, second_id = (result.article_id for result in store.ingest([_first(), _second()]))
    in_first = store.search(SearchQuery(article_id=first_id))
    assert sorted(hit.content for hit in in_first) == ["The council will reopen the pool", "the budget was tight"]
    khan = next(hit.speaker_id for hit in in_first if hit.speaker == "Amina Khan")
    by_khan = store.search(SearchQuery(speaker_id=khan))
    assert {hit.article_id for hit in by_khan} == {first_id, second_id}


def test_articles_entity_by_id_follows_a_merge(store: Store) -> None:
    list(store.ingest([_first()]))
    people = {person.name: person.id for person in store.entities()}
    kept = store.merge_entities(people["Amina Khan"], people["Mr Lowe"], changed_by="test")
    merged = store.entity(people["Mr Lowe"])
    assert merged is not None and merged.id == kept and merged.statements == 2
    assert store.entity(max(people.values()) + 100) is None
