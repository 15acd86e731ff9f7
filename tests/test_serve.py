"""The web app in-process (httpx TestClient): pages, JSON API, escaping, errors, the one write."""

from __future__ import annotations

import re
from pathlib import Path

import httpx
import pytest
from fastapi.testclient import TestClient

from claimgraph.serve.app import create_app
from tests.test_store_samples import GRAPH_EDGES, GRAPH_NODES, TEXT_A, build_corpus, doc_id

DOC_A = doc_id(TEXT_A)


@pytest.fixture
def client(tmp_path: Path):  # type: ignore[no-untyped-def]
    app = create_app(build_corpus(tmp_path / "corpus.db"))
    with TestClient(app, base_url="http://127.0.0.1") as c:
        yield c


def test_corpus_page_lists_documents_with_profiles(client: TestClient) -> None:
    r = client.get("/")
    assert r.status_code == 200
    assert "UN panel: Iran armed the Houthis" in r.text
    assert r.text.count('<svg class="profile"') == 3
    assert "Content-Security-Policy" in r.headers and "script-src 'self'" in r.headers["Content-Security-Policy"]


def test_document_page_highlights_claims_and_attributions(client: TestClient) -> None:
    r = client.get(f"/doc/{DOC_A}")
    assert r.status_code == 200
    for cid in ("c1", "c2", "c3", "c4"):
        assert f'id="claim-{cid}"' in r.text
    assert 'class="claim ev-author_inference"' in r.text
    assert 'class="att att-source" data-att="a2"' in r.text
    assert 'id="detail-att-a1"' in r.text and "UN panel of experts</a>" in r.text  # resolved actor link
    # the highlighted text is exactly the document text
    body = re.search(r'<div class="doc-text" id="doc-text">(.*?)</div>', r.text, re.S)
    assert body is not None and re.sub(r"<[^>]+>", "", body.group(1)) == TEXT_A


def test_hostile_html_renders_as_text(client: TestClient) -> None:
    page = client.get("/")
    xss_id = re.search(r'href="/doc/([0-9a-f]{64})">&lt;script&gt;', page.text)
    assert xss_id is not None, "the hostile title is escaped in the corpus list"
    r = client.get(f"/doc/{xss_id.group(1)}")
    assert "<script>document" not in r.text and "<img src=x" not in r.text and "<b>bold" not in r.text
    assert "&lt;img src=x onerror=alert(1)&gt;" in r.text
    assert "&lt;script&gt;document.title=&#39;pwned&#39;&lt;/script&gt;" in r.text
    assert re.findall(r"<script[^>]*>", r.text) == ['<script src="/static/doc.js" defer>']


@pytest.mark.parametrize("q", ['"unbalanced', "AND OR", "NEAR(", "*"])
def test_malformed_search_is_400_with_a_message(client: TestClient, q: str) -> None:
    r = client.get("/search", params={"q": q})
    assert r.status_code == 400 and "cannot parse the search" in r.text
    r = client.get("/api/search", params={"q": q})
    assert r.status_code == 400 and "cannot parse the search" in r.json()["detail"]


def test_search_finds_claims_and_documents(client: TestClient) -> None:
    r = client.get("/api/search", params={"q": "Hezbollah"})
    hits = r.json()
    assert {(h["kind"], h["claim_id"]) for h in hits} == {("document", None), ("claim", "c2")}
    page = client.get("/search", params={"q": "trained"})
    assert f'href="/doc/{DOC_A}#claim-c2"' in page.text and "<mark>trained</mark>" in page.text


def test_api_documents_and_analysis_round_trip(client: TestClient) -> None:
    docs = client.get("/api/documents").json()
    assert len(docs) == 3
    analysis = client.get(f"/api/documents/{DOC_A}").json()
    from tests.test_store_samples import analysis_a

    assert analysis == analysis_a().to_json()
    assert client.get("/api/documents/../../etc/passwd").status_code == 404
    assert client.get("/api/documents/" + "0" * 64).status_code == 404


def test_actor_page_and_api(client: TestClient) -> None:
    actors = client.get("/api/actors", params={"name": "tehran"}).json()
    assert [a["name"] for a in actors] == ["Iran"]
    data = client.get(f"/api/actors/{actors[0]['id']}").json()
    assert {f["kind"] for f in data["flows"]} == {"weapons", "money"}
    assert len(data["documents"]) == 2
    page = client.get(f"/actor/{actors[0]['id']}")
    assert page.status_code == 200 and "Tehran" in page.text
    smith = client.get("/api/actors", params={"name": "John Smith"}).json()[0]
    said = client.get(f"/api/actors/{smith['id']}").json()["said"]
    assert [c["id"] for c in said] == ["c4"]


def test_graph_api_filters(client: TestClient) -> None:
    g = client.get("/api/graph").json()
    assert (len(g["nodes"]), len(g["edges"])) == (GRAPH_NODES, GRAPH_EDGES)
    lines = {e["data"]["evidence"]: e["data"]["line"] for e in g["edges"]}
    assert lines["document"] == "solid" and lines["anonymous"] == "dashed" and lines["author_inference"] == "dotted"
    money = client.get("/api/graph", params={"kind": "money"}).json()
    assert {e["data"]["kind"] for e in money["edges"]} == {"money"} and len(money["edges"]) == 3
    anon = client.get("/api/graph", params=[("evidence", "anonymous"), ("evidence", "media")]).json()
    assert len(anon["edges"]) == 2
    assert client.get("/api/graph", params={"kind": "nonsense"}).status_code == 422
    page = client.get("/graph", params={"kind": "money"})
    assert 'data-api="/api/graph?kind=money"' in page.text


def test_candidates_confirm_through_the_form(client: TestClient) -> None:
    (cand,) = client.get("/api/candidates").json()
    page = client.get("/candidates")
    assert f'action="/candidates/{cand["id"]}"' in page.text
    evil = client.post(f"/candidates/{cand['id']}", data={"decision": "merge"},
                       headers={"Origin": "http://evil.example"})
    assert evil.status_code == 403
    assert client.post(f"/candidates/{cand['id']}", data={"decision": "maybe"}).status_code == 400
    r = client.post(f"/candidates/{cand['id']}", data={"decision": "merge"}, follow_redirects=False)
    assert r.status_code == 303 and r.headers["location"] == "/candidates"
    assert client.get("/api/candidates").json() == []
    assert "merge" in client.get("/candidates").text
    assert client.post(f"/candidates/{cand['id']}", data={"decision": "merge"}).status_code == 404


def test_the_app_is_read_only_otherwise(client: TestClient) -> None:
    for path in ("/", f"/doc/{DOC_A}", "/api/documents", "/graph"):
        assert client.post(path).status_code == 405
    assert client.delete("/api/documents").status_code == 405


def test_unknown_host_is_refused(tmp_path: Path) -> None:
    app = create_app(build_corpus(tmp_path / "c.db"))
    with TestClient(app, base_url="http://attacker.example") as c:
        assert c.get("/").status_code == 400


def test_static_assets_come_from_memory_only(client: TestClient) -> None:
    assert client.get("/static/style.css").status_code == 200
    for path in ("/static/../app.py", "/static/%2e%2e/app.py", "/static/templates/base.html", "/static/../../db"):
        assert client.get(path).status_code == 404


def test_openapi_documents_the_api(client: TestClient) -> None:
    spec = client.get("/openapi.json").json()
    assert {"/api/documents", "/api/search", "/api/graph", "/api/actors/{actor_id}"} <= set(spec["paths"])
    assert not any(p.startswith("/doc/") for p in spec["paths"])


def test_error_pages_say_what_went_wrong_in_title_and_heading(client: TestClient) -> None:
    def heading(r: httpx.Response) -> str:
        title = re.search(r"<title>(.*?) · claimgraph</title>", r.text)
        h1 = re.search(r'<h1 id="error-heading">(.*?)</h1>', r.text)
        assert title is not None and h1 is not None and title.group(1) == h1.group(1)
        return h1.group(1)

    assert heading(client.get("/doc/" + "0" * 64)) == "404 Not found — no such document"
    assert heading(client.get("/actor/999999")).startswith("404 Not found — no such actor")
    page = heading(client.get("/?page=2"))
    assert page == "400 Bad request — page must be a whole number from 1 to 1, not &#39;2&#39;"
    # unknown paths and methods get the same pages; under /api they stay JSON
    assert heading(client.get("/no/such/page")) == "404 Not found — no page at /no/such/page"
    assert client.get("/api/no/such").json() == {"detail": "Not Found"}
    post = client.post("/graph")
    assert heading(post) == "405 Method not allowed" and post.headers["allow"] == "GET"
    # a short summary heads the page; the whole message follows it
    search = client.get("/search", params={"q": '"unbalanced'})
    assert heading(search) == "400 Bad request — cannot run this search"
    assert 'id="error-message">cannot parse the search' in search.text
    bad = client.get("/actor/abc")
    assert heading(bad).startswith("400 Bad request — actor_id: Input should be a valid integer")
    assert "This page cannot be shown for these parameters (actor_id:" in bad.text
    long = client.get("/x" * 200)  # the heading is cut, the message below it is whole
    assert len(heading(long)) < 160 and heading(long).endswith("…")
    assert f'id="error-message">no page at {"/x" * 200}</p>' in long.text


@pytest.mark.model
def test_pages_mark_a_state_read_from_a_firm_it_owns(tmp_path: Path) -> None:
    from claimgraph import query
    from claimgraph.api import analyze
    from claimgraph.store import Writer
    from claimgraph.store.connect import connect_reader

    a = analyze("Oil trade\n\nVenezuela's state-run PDVSA sold crude oil to the Cuban government in 2019.")
    db = tmp_path / "oil.db"
    with Writer(db) as w:
        w.write_analysis(a).result()
    with connect_reader(db) as conn:
        venezuela = query.find_actors(conn, "Venezuela")[0].id
    with TestClient(create_app(db), base_url="http://127.0.0.1") as c:
        assert "owner of PDVSA" in c.get(f"/doc/{a.document.doc_id}").text
        assert "owner of PDVSA" in c.get(f"/actor/{venezuela}").text
