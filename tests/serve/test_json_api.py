"""The JSON API in-process: OpenAPI, reads with filters and pages, writes behind the token, error shapes."""

from __future__ import annotations

from typing import Any

import pytest
from serve_builders import HUSTINGS, TOKEN, OneStatementExtractor
from fastapi.testclient import TestClient

AUTH = {"Authorization": f"Bearer {TOKEN}"}
READ_PATHS = ("/api/statements", "/api/articles", "/api/articles/{article_id}", "/api/people",
              "/api/people/{entity_id}", "/api/pledges", "/api/pledges/{pledge_id}")
WRITES = (
    ("/api/articles", {"text": "Ms Whitfield said the buses would run."}),
    ("/api/people/1/merge", {"other_id": 2, "by": "An Editor"}),
    ("/api/pledges/1/status", {"status": "kept", "by": "An Editor"}),
)


def _ids(client: TestClient, url: str) -> list[int]:
    return [item["id"] for item in client.get(url).json()["items"]]


def _refs(node: Any) -> list[str]:
    """Every $ref in a JSON document."""
    if isinstance(node, dict):
        own = [node["$ref"]] if "$ref" in node else []
        return own + [ref for value in node.values() for ref in _refs(value)]
    if isinstance(node, list):
        return [ref for value in node for ref in _refs(value)]
    return []


def test_api_openapi_describes_every_route_with_schemas_that_resolve(reader: TestClient) -> None:
    schema = reader.get("/openapi.json").json()
    assert schema["openapi"].startswith("3.") and schema["info"]["title"] == "onrecord"
    assert set(READ_PATHS) <= set(schema["paths"])
    for path, _ in WRITES:
        template = path.replace("/1/", "/{entity_id}/" if "people" in path else "/{pledge_id}/")
        operation = schema["paths"][template]["post"]
        assert operation["security"] and {"401", "403", "422"} <= set(operation["responses"])
    assert all(path.startswith(("/api/", "/health")) for path in schema["paths"])  # no HTML page in the API
    components = schema["components"]["schemas"]
    assert {ref.removeprefix("#/components/schemas/") for ref in _refs(schema)} <= set(components)
    assert "bearer" in str(schema["components"]["securitySchemes"]).lower()
    assert reader.get("/docs").status_code == 200


def test_api_statements_filter_like_the_cli(reader: TestClient) -> None:
    def contents(query: str) -> set[str]:
        return {item["content"] for item in reader.get(f"/api/statements?{query}").json()["items"]}

    assert contents("q=buses") == {
        "the Liberal Democrats would restore the evening buses if they win the council",
        "the evening buses would come back within a year",
    }
    assert contents("q=buses&outlet=gazette&since=2024-05-02") == {"the evening buses would come back within a year"}
    assert contents("party=Labour") == {"the money was not there"}
    assert contents("speaker=Whitfield&until=2024-05-01") == {
        "the Liberal Democrats would restore the evening buses if they win the council"}
    assert contents("kind=direct") == set()


def test_api_statements_pages_follow_next_links_to_the_end(reader: TestClient) -> None:
    everything = _ids(reader, "/api/statements?per_page=100")
    seen, url, pages = [], "/api/statements?per_page=2", 0
    while url:
        page = reader.get(url).json()
        seen += [item["id"] for item in page["items"]]
        assert page["previous"] is None if pages == 0 else "page=" in page["previous"]
        url, pages = page["next"], pages + 1
    assert seen == everything and len(everything) == 5 and pages == 3


def test_api_article_spans_point_at_the_words_in_its_text(reader: TestClient) -> None:
    hustings = next(item for item in reader.get("/api/articles").json()["items"] if item["doc_id"] == "hustings")
    found = reader.get(f"/api/articles/{hustings['id']}").json()
    assert found["text"] == HUSTINGS and found["outlet"] == "Gazette"
    for statement in found["statement_list"]:
        (start, end), = statement["spans"]["content"]
        assert found["text"][start:end] == statement["content"]
        assert statement["evidence"] == f"/articles/{hustings['id']}#s{statement['id']}"


def test_api_people_and_one_person_with_their_statements(reader: TestClient) -> None:
    people = reader.get("/api/people?name=whitfield").json()["items"]
    assert [person["name"] for person in people] == ["Sarah Whitfield"]
    person = reader.get(f"/api/people/{people[0]['id']}").json()
    assert person["statements"] == 3 and person["party"] == "Liberal Democrats" and "candidate" in person["roles"]
    said = reader.get(person["statements_url"]).json()["items"]
    assert len(said) == 3 and {item["speaker"] for item in said} == {"Sarah Whitfield"}


def test_api_pledge_has_its_condition_and_timeline(reader: TestClient) -> None:
    pledges = reader.get("/api/pledges?by=Lib Dems").json()["items"]
    assert len(pledges) == 1
    pledge = reader.get(f"/api/pledges/{pledges[0]['id']}").json()
    assert pledge["action"] == "restore the evening buses" and pledge["condition"] == "if they win the council"
    assert [(mention["kind"], mention["speaker"]) for mention in pledge["timeline"]] == [("made", "Sarah Whitfield")]
    assert pledge["timeline"][0]["evidence"].startswith("/articles/")


@pytest.mark.parametrize("path", ["/api/articles/999", "/api/people/999", "/api/pledges/999", "/api/nothing"])
def test_api_unknown_ids_are_404_with_a_json_message(reader: TestClient, path: str) -> None:
    response = reader.get(path)
    body = response.json()
    assert response.status_code == 404 and body["ok"] is False and body["status"] == 404
    assert body["detail"] == body["error"] and ("999" in body["error"] or "/api/nothing" in body["error"])


@pytest.mark.parametrize("path", ["/api/articles/99999999999999999999999", "/api/people/-99999999999999999999999",
                                  "/api/pledges/9223372036854775808"])
def test_api_ids_beyond_64_bits_are_422_naming_the_id(reader: TestClient, path: str) -> None:
    response = reader.get(path)
    assert response.status_code == 422 and response.json()["errors"][0]["field"].startswith("path.")


@pytest.mark.parametrize("query,field", [
    ("kind=quoted", "query.kind"), ("per_page=1000", "query.per_page"), ("since=last-week", "query.since"),
    ("page=0", "query.page"), ("page=999999999999999999999", "query.page"),
    ("speaker_id=99999999999999999999999", "query.speaker_id"),
])
def test_api_bad_query_values_are_422_naming_the_field(reader: TestClient, query: str, field: str) -> None:
    response = reader.get(f"/api/statements?{query}")
    assert response.status_code == 422
    assert field in response.json()["error"] and [error["field"] for error in response.json()["errors"]] == [field]


@pytest.mark.parametrize("path,body", WRITES)
@pytest.mark.parametrize("headers", [{}, {"Authorization": "Bearer wrong"}, {"Authorization": f"Basic {TOKEN}"}])
def test_api_writes_without_the_token_are_401(writer: TestClient, extractor: OneStatementExtractor, path: str,
                                              body: dict[str, Any], headers: dict[str, str]) -> None:
    before = writer.get("/api/pledges/1").json()
    response = writer.post(path, json=body, headers=headers)
    assert response.status_code == 401 and "token" in response.json()["error"]
    assert response.headers["www-authenticate"].startswith("Bearer")
    assert writer.get("/api/pledges/1").json() == before and extractor.runs == 0
    assert len(writer.get("/api/people").json()["items"]) == 3


@pytest.mark.parametrize("path,body", WRITES)
def test_api_writes_are_403_when_the_server_has_no_token(record_file: Any, path: str, body: dict[str, Any]) -> None:
    from onrecord.serve import create_app

    with TestClient(create_app(str(record_file))) as client:
        response = client.post(path, json=body, headers=AUTH)
    assert response.status_code == 403 and "--token" in response.json()["error"]


def test_api_malformed_json_is_422_with_a_message(writer: TestClient) -> None:
    response = writer.post("/api/articles", content=b'{"text": "unfinished', headers={
        **AUTH, "Content-Type": "application/json"})
    assert response.status_code == 422
    assert response.json()["error"].startswith("invalid input: body: malformed JSON")
    missing = writer.post("/api/pledges/1/status", json={"state": "kept"}, headers=AUTH).json()
    assert {error["field"] for error in missing["errors"]} == {"body.status", "body.by", "body.state"}


def test_api_post_article_runs_the_model_once_and_stores_it_once(writer: TestClient,
                                                                 extractor: OneStatementExtractor) -> None:
    article = {"text": "Ms Whitfield said the ferry would run.", "url": "https://echo.example/ferry",
               "outlet": "Echo", "date": "2024-06-01"}
    first = writer.post("/api/articles", json=article, headers=AUTH)
    assert first.status_code == 201 and first.json()["status"] == "added" and first.json()["statements"] == 1
    again = writer.post("/api/articles", json=article, headers=AUTH)
    assert again.status_code == 200 and again.json()["status"] == "unchanged"
    assert again.json()["article_id"] == first.json()["article_id"] and extractor.runs == 1
    stored = writer.get(first.json()["article"]).json()
    assert stored["published"] == "2024-06-01" and stored["url"] == article["url"] and stored["doc_id"] == article["url"]
    revised = writer.post("/api/articles", json={**article, "text": "Ms Whitfield said the ferry would sail."},
                          headers=AUTH).json()
    assert revised["status"] == "new version" and revised["version"] == 2
    assert writer.get(first.json()["article"]).json()["current_id"] == revised["article_id"]


def test_api_pledge_status_change_is_kept_in_its_history(writer: TestClient) -> None:
    changed = writer.post("/api/pledges/1/status", json={"status": "in progress", "by": "An Editor",
                                                         "note": "budget set"}, headers=AUTH)
    assert changed.status_code == 200 and changed.json()["status"] == "in progress"
    history = writer.get("/api/pledges/1").json()["history"]
    assert [(change["old_status"], change["new_status"], change["changed_by"]) for change in history] == [
        ("made", "in progress", "An Editor")]


def test_api_merge_moves_statements_and_the_old_id_redirects(writer: TestClient) -> None:
    people = {person["name"]: person for person in writer.get("/api/people").json()["items"]}
    keep, other = people["Tom Ashby"]["id"], people["<b>Ashby</b>"]["id"]
    merged = writer.post(f"/api/people/{keep}/merge", json={"other_id": other, "by": "An Editor"}, headers=AUTH)
    assert merged.status_code == 200 and merged.json()["statements"] == 2
    moved = writer.get(f"/api/people/{other}", follow_redirects=False)
    assert moved.status_code == 307 and moved.headers["location"] == f"/api/people/{keep}"
    again = writer.post(f"/api/people/{keep}/merge", json={"other_id": keep, "by": "An Editor"}, headers=AUTH)
    assert again.status_code == 400 and "itself" in again.json()["error"]
    unknown = writer.post(f"/api/people/{keep}/merge", json={"other_id": 999, "by": "An Editor"}, headers=AUTH)
    assert unknown.status_code == 404


@pytest.mark.parametrize("url", ["javascript:alert(document.cookie)", " JavaScript:alert(1)", "java\tscript:alert(1)",
                                 "data:text/html,<script>alert(1)</script>", "gazette.example/buses"])
def test_api_post_article_refuses_urls_that_are_not_http(writer: TestClient, extractor: OneStatementExtractor,
                                                          url: str) -> None:
    before = writer.get("/api/articles").json()["items"]
    response = writer.post("/api/articles", json={"text": "Ms Whitfield said the buses would run.", "url": url},
                           headers=AUTH)
    assert response.status_code == 422
    assert "body.url: must be an absolute http:// or https:// URL" in response.json()["error"]
    assert writer.get("/api/articles").json()["items"] == before and extractor.runs == 0


def test_api_unexpected_failure_is_a_json_500_and_the_traceback_is_logged(
    record_file: Any, monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture,
) -> None:
    from onrecord.serve import create_app

    app = create_app(str(record_file))
    monkeypatch.setattr(app.state.onrecord.store, "search", _broken_search)
    with TestClient(app, raise_server_exceptions=False) as client, caplog.at_level("ERROR"):
        response = client.get("/api/statements?q=buses")
        page = client.get("/?q=buses")
    body = response.json()
    assert response.status_code == 500 and body["ok"] is False and body["status"] == 500
    assert body["error"].startswith("internal error") and "disk on fire" not in body["error"]
    assert page.status_code == 500 and page.headers["content-type"].startswith("text/html") and "Error 500" in page.text
    failures = [record for record in caplog.records if record.exc_info]
    assert len(failures) == 2 and "GET /api/statements" in failures[0].getMessage()
    assert str(failures[0].exc_info[1]) == "disk on fire"


def _broken_search(*_args: Any, **_kwargs: Any) -> list[Any]:
    raise RuntimeError("disk on fire")
