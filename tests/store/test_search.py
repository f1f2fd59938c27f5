"""Search: stemmed full text on both databases, filters, pages, and hostile query text."""

from __future__ import annotations

import datetime as dt

import pytest
from store_builders import article, said

from onrecord.errors import StoreError
from onrecord.store import SearchQuery, Store

JUNE = "Labour pledged to save the Hitachi factory, Rachel Reeves said. Paul Howell said the pledges were empty."
JULY = '"We will protect bus routes in Eastmere," Sarah Whitfield said.'


@pytest.fixture
def filled(store: Store) -> Store:
    """A record with three statements by three speakers of three parties in two outlets."""
    list(store.ingest([
        article("june", JUNE,
                said(JUNE, "Labour pledged to save the Hitachi factory", "Rachel Reeves", affiliation="Labour"),
                said(JUNE, "the pledges were empty", "Paul Howell", cue="said the", affiliation="Conservative"),
                date="2024-06-04", outlet="Northern Echo"),
        article("july", JULY,
                said(JULY, '"We will protect bus routes in Eastmere,"', "Sarah Whitfield", kind="direct",
                     affiliation="Liberal Democrat"),
                date="2024-07-01", outlet="Eastmere Post"),
    ]))
    return store


def _found(store: Store, **query: object) -> list[str | None]:
    return [hit.speaker for hit in store.search(SearchQuery(**query))]  # type: ignore[arg-type]


def test_search_full_text_is_stemmed_and_newest_first(filled: Store) -> None:
    assert _found(filled, text="pledge") == ["Paul Howell", "Rachel Reeves"]
    assert _found(filled, text="hitachi") == ["Rachel Reeves"]
    assert _found(filled, text='"bus routes"') == ["Sarah Whitfield"]
    assert _found(filled, text="routes bus Hitachi") == []


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ({"speaker": "Reeves"}, ["Rachel Reeves"]),
        ({"party": "Tories"}, ["Paul Howell"]),
        ({"party": "Lib Dems"}, ["Sarah Whitfield"]),
        ({"kind": "direct"}, ["Sarah Whitfield"]),
        ({"outlet": "northern echo", "text": "pledges"}, ["Paul Howell", "Rachel Reeves"]),
        ({"since": dt.date(2024, 6, 5)}, ["Sarah Whitfield"]),
        ({"until": dt.date(2024, 6, 4), "party": "Labour"}, ["Rachel Reeves"]),
        ({"speaker": "Nobody Known"}, []),
    ],
)
def test_search_filters(filled: Store, query: dict[str, object], expected: list[str]) -> None:
    assert _found(filled, **query) == expected


def test_search_pages_do_not_overlap(filled: Store) -> None:
    pages = [_found(filled, limit=2, offset=offset) for offset in (0, 2, 4)]
    assert [len(page) for page in pages] == [2, 1, 0]
    assert sorted(filter(None, pages[0] + pages[1])) == ["Paul Howell", "Rachel Reeves", "Sarah Whitfield"]


@pytest.mark.parametrize("text", ['Hitachi" OR content:*', "NEAR(AND", "factory)", "(Hitachi"])
def test_search_query_syntax_never_breaks(filled: Store, text: str) -> None:
    assert _found(filled, text=text) in ([], ["Rachel Reeves"])


@pytest.mark.parametrize(
    ("query", "message"),
    [
        ({"kind": "quote"}, "not a statement kind"),
        ({"text": "?!"}, "no words"),
        ({"limit": 0}, "--limit"),
        ({"since": dt.date(2024, 7, 1), "until": dt.date(2024, 6, 1)}, "after --until"),
    ],
)
def test_search_bad_query_is_a_clear_error(filled: Store, query: dict[str, object], message: str) -> None:
    with pytest.raises(StoreError, match=message):
        filled.search(SearchQuery(**query))  # type: ignore[arg-type]


SHAPED_QUERIES = [
    {"text": "pledges", "speaker": "Howell"},
    {"text": "hitachi", "speaker": "Howell"},
    {"text": "bus", "speaker": "Sarah Whitfield", "kind": "direct"},
    {"since": dt.date(2024, 6, 1), "until": dt.date(2024, 6, 30)},
    {"since": dt.date(2024, 6, 5), "text": "routes"},
    {"until": dt.date(2023, 1, 1)},
]


@pytest.mark.parametrize("few", [0, 10_000], ids=["from-the-index", "from-the-speaker-or-articles"])
def test_search_answers_alike_whichever_way_it_starts(
    filled: Store, monkeypatch: pytest.MonkeyPatch, few: int
) -> None:
    """Thresholds decide where a search starts (speaker, date range or word index), never what it finds."""
    from onrecord.store import search

    monkeypatch.setattr(search, "FEW_STATEMENTS", few)
    monkeypatch.setattr(search, "FEW_ARTICLES", few)
    howell = filled.search(SearchQuery(speaker="Howell"))[0].speaker_id
    found = [_found(filled, **query) for query in SHAPED_QUERIES]
    assert found == [["Paul Howell"], [], ["Sarah Whitfield"], ["Paul Howell", "Rachel Reeves"], ["Sarah Whitfield"],
                     []]
    assert _found(filled, text="pledges", speaker_id=howell) == ["Paul Howell"]
    assert _found(filled, text="pledges", speaker="Reeves", speaker_id=howell) == []
