"""The HTML pages in-process: escaping of article text and names, highlights, links to evidence, errors."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from serve_builders import TOKEN
from fastapi.testclient import TestClient

from onrecord.serve import create_app
from onrecord.store import Store
from onrecord.types import Document

SCRIPT = '<script>alert("owned")</script>'
ESCAPED = "&lt;script&gt;alert(&#34;owned&#34;)&lt;/script&gt;"


def _article_id(client: TestClient, doc_id: str) -> int:
    return next(item["id"] for item in client.get("/api/articles").json()["items"] if item["doc_id"] == doc_id)


def test_pages_script_in_a_stored_article_is_shown_as_text(reader: TestClient) -> None:
    article_id = _article_id(reader, "scripted")
    for path in (f"/articles/{article_id}", "/?q=page", "/articles", "/people"):
        html = reader.get(path).text
        assert "<script>alert" not in html and "<b>Ashby</b>" not in html
    page = reader.get(f"/articles/{article_id}").text
    # <title>, heading, the text's first line, the highlighted statement, the statement list.
    assert page.count(ESCAPED) == 5
    assert "&lt;b&gt;Ashby&lt;/b&gt;" in page


def test_pages_script_in_an_article_posted_to_the_api_is_shown_as_text(writer: TestClient) -> None:
    posted = writer.post("/api/articles", json={"text": f"Breaking {SCRIPT} news", "title": SCRIPT},
                         headers={"Authorization": f"Bearer {TOKEN}"}).json()
    html = writer.get(posted["page"]).text
    assert SCRIPT not in html and f"<title>{ESCAPED} · onrecord</title>" in html
    mark = re.search(r'<mark [^>]*id="s\d+"[^>]*>(.*?)</mark>', html, re.S)
    assert mark is not None and mark.group(1) == f"Breaking {ESCAPED} news"


def test_pages_article_marks_each_statement_in_its_speakers_colour_with_speaker_and_cue(reader: TestClient) -> None:
    article = reader.get(f"/api/articles/{_article_id(reader, 'hustings')}").json()
    html = reader.get(article["page"]).text
    for statement in article["statement_list"]:
        mark = re.search(rf'<mark class="sp-(\d)" id="s{statement["id"]}" ([^>]*)>(.*?)</mark>', html, re.S)
        assert mark is not None and mark.group(3) == statement["content"]
        assert int(mark.group(1)) == statement["speaker_id"] % 8
        assert f'data-speaker="{statement["speaker"]}"' in mark.group(2) and 'data-cue="said"' in mark.group(2)


def test_pages_every_quote_links_to_its_evidence(reader: TestClient) -> None:
    html = reader.get("/?q=buses").text
    links = re.findall(r'<a class="evidence" href="/articles/(\d+)#s(\d+)"', html)
    assert len(links) == 2
    for article_id, statement_id in links:
        assert f'id="s{statement_id}"' in reader.get(f"/articles/{article_id}").text


def test_pages_search_filters_fill_the_form_and_blank_fields_are_ignored(reader: TestClient) -> None:
    html = reader.get("/?q=buses&speaker=&party=Liberal+Democrats&kind=&since=&until=2024-05-01").text
    assert 'value="Liberal Democrats"' in html and 'value="2024-05-01"' in html
    assert html.count('class="evidence"') == 1
    assert reader.get("/?q=buses&since=&until=").text.count('class="evidence"') == 2


def test_pages_person_pledge_and_listings_render_their_records(reader: TestClient) -> None:
    whitfield = reader.get("/api/people?name=Whitfield").json()["items"][0]
    person = reader.get(f"/people/{whitfield['id']}").text
    assert "Sarah Whitfield" in person and "candidate" in person and "Liberal Democrats" in person
    assert person.count('class="evidence"') == 3 and person.index('date">2024-05-08') < person.index('date">2024-05-01')
    pledge = reader.get("/pledges/1").text
    assert "restore the evening buses" in pledge and "if they win the council" in pledge and "made" in pledge
    assert "Buses dominate Eastmere hustings" in reader.get("/articles").text
    assert "if they win the council" in reader.get("/pledges").text


@pytest.mark.parametrize("url,linked", [
    ("javascript:alert(document.cookie)", False), ("  jaVaScRiPt:alert(1)", False), ("data:text/html,hi", False),
    ("/relative/path", False), ("https://echo.example/ferry", True), ("HTTP://echo.example/ferry", True),
])
def test_pages_article_links_its_source_only_when_the_url_is_http(tmp_path: Path, url: str, linked: bool) -> None:
    db = str(tmp_path / "record.db")
    with Store.open(db) as store:
        article_id = store.ingest_document(Document("ferry", "The ferry runs again.", metadata={"url": url})).article_id
    with TestClient(create_app(db)) as client:
        html = client.get(f"/articles/{article_id}").text
    assert ('rel="nofollow noopener">source</a>' in html) is linked
    assert ("javascript" in html.lower()) is False


@pytest.mark.parametrize("path,status", [("/articles/999", 404), ("/people/999", 404), ("/pledges/abc", 422),
                                         ("/articles/99999999999999999999999", 422), ("/people/0", 422),
                                         ("/nowhere", 404), ("/?kind=rumour", 422)])
def test_pages_errors_are_html_pages_with_the_message(reader: TestClient, path: str, status: int) -> None:
    response = reader.get(path)
    assert response.status_code == status and response.headers["content-type"].startswith("text/html")
    assert f"Error {status}" in response.text and 'class="error"' in response.text
