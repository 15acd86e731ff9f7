"""Large corpora in the web app: the corpus page a page at a time, the flow graph cut to its most connected actors."""

from __future__ import annotations

import hashlib
import re
from collections.abc import Iterator
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from claimgraph import query
from claimgraph.records import Analysis, Claim, Flow
from claimgraph.serve import views
from claimgraph.serve.app import create_app
from tests.test_store_samples import GRAPH_EDGES, GRAPH_NODES, Builder, _document, build_corpus

# A star: every document says one donor sent money to "Hubland". 305 documents make four corpus pages
# of 100 and 306 actors, six more than the graph draws by default.
DONORS = 305


def donor(i: int) -> str:
    """Names with nothing in common, so the resolver neither merges nor proposes any two of them."""
    return "Donor " + hashlib.sha256(str(i).encode()).hexdigest()[:10].upper()


def star_analysis(i: int) -> Analysis:
    text = f"{donor(i)} sent money to Hubland."
    b = Builder(text)
    entities = (b.entity("e1", donor(i), "ORG"), b.entity("e2", "Hubland", "GPE"))
    claims = (Claim("c1", b.sentence("sent"), None, "author_assertion"),)
    flows = (Flow("f1", "money", "e1", "e2", "c1", b.span("sent"), b.span("money")),)
    return Analysis(_document(text, f"Donation {i:04d}", "2024-01-01"), entities, (), claims, flows)


@pytest.fixture(scope="module")
def big(tmp_path_factory: pytest.TempPathFactory) -> Iterator[TestClient]:
    from claimgraph.store import Writer

    db = tmp_path_factory.mktemp("big") / "corpus.db"
    with Writer(db) as w:
        for i in range(DONORS):
            w.write_analysis(star_analysis(i)).result()
    with TestClient(create_app(db), base_url="http://127.0.0.1") as c:
        yield c


@pytest.fixture
def small(tmp_path: Path) -> Iterator[TestClient]:
    """The three samples, two documents a page."""
    with TestClient(create_app(build_corpus(tmp_path / "corpus.db"), page_size=2), base_url="http://127.0.0.1") as c:
        yield c


def doc_links(html: str) -> list[str]:
    return re.findall(r'<td><a href="/doc/([0-9a-f]{64})">', html)


# -- corpus pages ------------------------------------------------------------------------------------

def test_corpus_pages_cover_every_document_once(big: TestClient) -> None:
    seen: list[str] = []
    for page in range(1, 5):
        r = big.get("/", params={"page": page})
        assert r.status_code == 200
        seen += doc_links(r.text)
        first, last = (page - 1) * 100 + 1, min(page * 100, DONORS)
        assert f"documents {first}–{last} of {DONORS}" in r.text
        assert ('rel="prev" href="/?page=' in r.text) == (page > 1)
        assert ('rel="next" href="/?page=' in r.text) == (page < 4)
    assert len(seen) == len(set(seen)) == DONORS
    assert doc_links(big.get("/").text) == seen[:views.PAGE_SIZE]  # no ?page is page 1


@pytest.mark.parametrize("page", ["0", "5", "-1", "abc", "1.5", "", "99999999999999999999999", "١"])
def test_a_page_that_does_not_exist_is_a_400_page(big: TestClient, page: str) -> None:
    r = big.get("/", params={"page": page})
    if page == "":  # an empty field (a form sent with nothing) means the first page
        assert r.status_code == 200 and len(doc_links(r.text)) == views.PAGE_SIZE
        return
    assert r.status_code == 400
    assert r.headers["content-type"].startswith("text/html")
    assert "page must be a whole number from 1 to 4" in r.text


def test_small_page_size_and_one_page_corpus(small: TestClient, tmp_path: Path) -> None:
    one, two = small.get("/?page=1"), small.get("/?page=2")
    assert len(doc_links(one.text)) == 2 and len(doc_links(two.text)) == 1
    assert "documents 1–2 of 3" in one.text and "documents 3–3 of 3" in two.text
    assert small.get("/?page=3").status_code == 400
    with TestClient(create_app(build_corpus(tmp_path / "c.db")), base_url="http://127.0.0.1") as c:
        r = c.get("/")  # everything fits on one page: no pager at all
        assert len(doc_links(r.text)) == 3 and 'class="pager"' not in r.text


def test_empty_corpus_has_a_first_page(tmp_path: Path) -> None:
    from claimgraph.store import Writer

    with Writer(tmp_path / "empty.db"):
        pass
    with TestClient(create_app(tmp_path / "empty.db"), base_url="http://127.0.0.1") as c:
        assert "The corpus is empty" in c.get("/?page=1").text
        assert c.get("/?page=2").status_code == 400


def test_api_documents_pages_and_counts(big: TestClient) -> None:
    r = big.get("/api/documents", params={"limit": 100, "offset": 300})
    assert r.status_code == 200 and len(r.json()) == DONORS - 300
    assert r.headers["X-Total-Count"] == str(DONORS)
    assert big.get("/api/documents", params={"offset": 10**30}).status_code == 422  # never SQLite's overflow


# -- the graph cap -----------------------------------------------------------------------------------

def test_graph_is_cut_to_the_most_connected_actors_by_default(big: TestClient) -> None:
    g = big.get("/api/graph").json()
    assert len(g["nodes"]) == views.GRAPH_LIMIT and g["truncated"] is True
    assert (g["total_nodes"], g["total_edges"]) == (DONORS + 1, DONORS)
    assert "Hubland" in {n["data"]["label"] for n in g["nodes"]}  # the hub: the end of every flow
    assert len(g["edges"]) == views.GRAPH_LIMIT - 1  # the flows from the donors kept, all into the hub
    page = big.get("/graph")
    assert "Showing the 300 most connected of 306 actors, and the 299 of 305 flows among them" in page.text
    assert 'href="/graph?limit=600"' in page.text  # show more
    assert 'data-api="/api/graph"' in page.text
    whole = big.get("/api/graph", params={"limit": 400}).json()
    assert whole["truncated"] is False and len(whole["nodes"]) == DONORS + 1 and len(whole["edges"]) == DONORS
    assert "graph-cut" not in big.get("/graph", params={"limit": 400}).text


def test_graph_limit_keeps_the_filters(small: TestClient) -> None:
    # flow ends in the samples: Houthis 4, Iran 3, Qatar 2, Hamas 2, Hezbollah 1
    g = small.get("/api/graph", params={"limit": 2}).json()
    assert sorted(n["data"]["label"] for n in g["nodes"]) == ["Houthis", "Iran"]
    assert len(g["edges"]) == 3 and (g["total_nodes"], g["total_edges"]) == (GRAPH_NODES, GRAPH_EDGES)
    money = small.get("/api/graph", params={"kind": "money", "limit": 2}).json()  # Qatar 2, Hamas 2, Iran 1 ...
    assert sorted(n["data"]["label"] for n in money["nodes"]) == ["Hamas", "Qatar"]
    assert {e["data"]["kind"] for e in money["edges"]} == {"money"} and len(money["edges"]) == 2
    assert (money["total_nodes"], money["total_edges"]) == (4, 3)
    page = small.get("/graph", params={"kind": "money", "limit": 2})
    assert 'data-api="/api/graph?kind=money&amp;limit=2"' in page.text
    assert "Showing the 2 most connected of 4 actors" in page.text
    assert 'href="/graph?kind=money&amp;limit=4"' in page.text
    assert small.get("/api/graph").json()["truncated"] is False


@pytest.mark.parametrize("limit", ["0", "2001", "abc", "-3"])
def test_a_bad_graph_limit_is_refused_clearly(small: TestClient, limit: str) -> None:
    assert small.get("/api/graph", params={"limit": limit}).status_code == 422
    page = small.get("/graph", params={"limit": limit})
    assert page.status_code == 400 and "limit must be a whole number from 1 to 2,000" in page.text


def test_flow_graph_without_a_limit_is_whole(tmp_path: Path) -> None:
    """Exports ask for no limit and get every actor and flow."""
    conn = query.connect(build_corpus(tmp_path / "corpus.db"))
    g = query.flow_graph(conn)
    assert (len(g.nodes), len(g.edges), g.total_nodes, g.total_edges) == (GRAPH_NODES, GRAPH_EDGES) * 2
    assert not g.truncated
    assert {(a.name, a.n_documents) for a in g.nodes} >= {("Iran", 2), ("Hezbollah", 1)}


def test_bad_parameters_on_a_page_give_an_html_page_and_on_the_api_json(small: TestClient) -> None:
    page = small.get("/graph?kind=nonsense")
    assert page.status_code == 400
    assert page.headers["content-type"].startswith("text/html")
    assert "kind" in page.text
    api = small.get("/api/graph?kind=nonsense")
    assert api.status_code == 422
    assert api.headers["content-type"].startswith("application/json")


# -- actor pages -------------------------------------------------------------------------------------

def actor_links(html: str) -> list[int]:
    return [int(i) for i in re.findall(r'<tr><td><a href="/actor/([0-9]+)">', html)]


def test_actor_pages_cover_every_actor_once(big: TestClient) -> None:
    pages = [big.get("/actors", params={"page": page}) for page in range(1, 5)]
    assert all(r.status_code == 200 for r in pages)
    ids = [actor_links(r.text) for r in pages]
    assert [len(i) for i in ids] == [100, 100, 100, DONORS + 1 - 300]
    assert not set(ids[0]) & set(ids[1])
    assert len({i for page in ids for i in page}) == DONORS + 1  # no actor twice, none left out
    assert ">Hubland</a>" in pages[0].text  # in every document: the first
    for page, r in enumerate(pages, start=1):
        assert f"{DONORS + 1} actors</span></h1>" in r.text  # the whole count, on every page
        first, last = (page - 1) * 100 + 1, min(page * 100, DONORS + 1)
        assert f"actors {first}–{last} of {DONORS + 1} · page {page} of 4" in r.text
        assert (f'rel="prev" href="/actors?page={page - 1}"' in r.text) == (page > 1)
        assert (f'rel="next" href="/actors?page={page + 1}"' in r.text) == (page < 4)
    assert actor_links(big.get("/actors").text) == ids[0]  # no ?page is page 1


@pytest.mark.parametrize("page", ["0", "5", "-1", "abc", "1.5", "99999999999999999999999"])
def test_an_actor_page_that_does_not_exist_is_a_400_page_saying_why(big: TestClient, page: str) -> None:
    r = big.get("/actors", params={"page": page})
    assert r.status_code == 400 and r.headers["content-type"].startswith("text/html")
    assert "<title>400 Bad request — page must be a whole number from 1 to 4, not " in r.text
    assert '<h1 id="error-heading">400 Bad request — page must be a whole number from 1 to 4' in r.text


def test_one_page_of_actors_has_no_pager(small: TestClient, tmp_path: Path) -> None:
    with TestClient(create_app(build_corpus(tmp_path / "c.db")), base_url="http://127.0.0.1") as c:
        r = c.get("/actors")
    n = query.count_actors(query.connect(tmp_path / "c.db"))
    assert len(actor_links(r.text)) == n and f"{n} actors" in r.text and 'class="pager"' not in r.text
    two = small.get("/actors", params={"page": 2})  # two rows a page in the `small` app
    assert len(actor_links(two.text)) == 2 and f"actors 3–4 of {n}" in two.text


def test_api_actors_walk_every_page_in_the_pages_order(big: TestClient) -> None:
    walked: list[int] = []
    for offset in range(0, DONORS + 1, 100):
        r = big.get("/api/actors", params={"limit": 100, "offset": offset})
        assert r.status_code == 200 and r.headers["X-Total-Count"] == str(DONORS + 1)
        walked += [a["id"] for a in r.json()]
    html = [i for page in range(1, 5) for i in actor_links(big.get("/actors", params={"page": page}).text)]
    assert walked == html
    assert big.get("/api/actors", params={"offset": DONORS + 1}).json() == []  # past the end: empty, not an error


def test_api_actors_name_filter_holds_across_pages(big: TestClient) -> None:
    # no actor is called "donor", so ?name= falls back to names containing it: every donor, not the hub
    pages = [big.get("/api/actors", params={"name": "donor", "limit": 100, "offset": o}) for o in (0, 100, 200, 300)]
    assert {r.headers["X-Total-Count"] for r in pages} == {str(DONORS)}
    names = [a["name"] for r in pages for a in r.json()]
    assert len(names) == len(set(names)) == DONORS and all(n.startswith("Donor ") for n in names)
    exact = big.get("/api/actors", params={"name": donor(7)})
    assert [a["name"] for a in exact.json()] == [donor(7)] and exact.headers["X-Total-Count"] == "1"


@pytest.mark.parametrize("params", [{"limit": 0}, {"limit": 10_001}, {"limit": "abc"}, {"offset": -1},
                                    {"offset": 10**30}, {"name": "x" * 301}])
def test_api_actors_bad_parameters_are_json_422(big: TestClient, params: dict[str, object]) -> None:
    r = big.get("/api/actors", params=params)
    assert r.status_code == 422 and r.headers["content-type"].startswith("application/json")


def test_pager_links_carry_the_filters(small: TestClient) -> None:
    macros = small.app.state.templates.env.get_template("_macros.html").module  # type: ignore[attr-defined]
    html = str(macros.pager_nav(views.Pager(2, 10, 35), "/actors", "actors", "Actor pages", "top",
                                [("name", "al-Qaeda & co"), ("type", "ORG")]))
    assert 'rel="prev" href="/actors?name=al-Qaeda+%26+co&amp;type=ORG&amp;page=1"' in html
    assert 'rel="next" href="/actors?name=al-Qaeda+%26+co&amp;type=ORG&amp;page=3"' in html


def test_api_pages_like_the_html_pages_with_page(big: TestClient) -> None:
    by_page = [a["id"] for p in (1, 2) for a in big.get("/api/actors", params={"limit": 100, "page": p}).json()]
    by_offset = [a["id"] for o in (0, 100) for a in big.get("/api/actors", params={"limit": 100, "offset": o}).json()]
    assert by_page == by_offset and len(by_page) == 200
    docs = big.get("/api/documents", params={"limit": 100, "page": 4})
    assert len(docs.json()) == DONORS - 300
    both = big.get("/api/documents", params={"page": 2, "offset": 10})
    assert both.status_code == 400 and "either offset or page" in both.json()["detail"]
    assert big.get("/api/actors", params={"page": 0}).status_code == 422


def test_api_claims_about_an_actor_walk_every_page(big: TestClient) -> None:
    # every document's one claim names Hubland: 305 claims about it, none by it
    whole = big.get("/api/claims", params={"actor": "Hubland", "limit": 10_000})
    assert whole.headers["X-Total-Count"] == str(DONORS) and len(whole.json()) == DONORS
    pages = [big.get("/api/claims", params={"actor": "Hubland", "limit": 100, "page": p}) for p in (1, 2, 3, 4)]
    assert {r.headers["X-Total-Count"] for r in pages} == {str(DONORS)}
    walked = [(c["doc_id"], c["id"]) for r in pages for c in r.json()]
    assert walked == [(c["doc_id"], c["id"]) for c in whole.json()] and len(set(walked)) == DONORS
    assert {c["role"] for c in whole.json()} == {"about"}
    media = big.get("/api/claims", params={"actor": "Hubland", "evidence": "media"})
    assert media.json() == [] and media.headers["X-Total-Count"] == "0"


@pytest.mark.parametrize("actor", ["", "   ", "x" * 301])
def test_api_claims_need_an_actor_name(big: TestClient, actor: str) -> None:
    # a blank name would match every actor by substring: the whole corpus in one answer
    r = big.get("/api/claims", params={"actor": actor})
    assert r.status_code == 422 and r.headers["content-type"].startswith("application/json")


FIRST_NAMES = ("Anna", "Bruno", "Carla", "Dario", "Elena")


def voss_analysis(i: int) -> Analysis:
    """Document 0 names a bare 'Voss'; the others each a different full name ending in Voss."""
    name = "Voss" if i == 0 else f"{FIRST_NAMES[i - 1]} Voss"
    text = f"{name} sent money to Hubland."
    b = Builder(text)
    entities = (b.entity("e1", name, "PERSON"), b.entity("e2", "Hubland", "GPE"))
    claims = (Claim("c1", b.sentence("sent"), None, "author_assertion"),)
    return Analysis(_document(text, f"Voss {i}", "2024-01-01"), entities, (), claims, ())


def test_candidates_page_by_page_and_a_decision_returns_to_its_page(tmp_path: Path) -> None:
    from claimgraph.store import Writer

    db = tmp_path / "voss.db"
    with Writer(db) as w:
        for i in range(len(FIRST_NAMES) + 1):
            w.write_analysis(voss_analysis(i)).result()
    with TestClient(create_app(db, page_size=2), base_url="http://127.0.0.1") as c:
        api = c.get("/api/candidates")
        assert api.headers["X-Total-Count"] == "5" and len(api.json()) == 5  # bare Voss: one per full name
        pages = [c.get("/api/candidates", params={"limit": 2, "page": p}).json() for p in (1, 2, 3)]
        assert [x["id"] for p in pages for x in p] == [x["id"] for x in api.json()]
        rows = [re.findall(r'<tr id="candidate-(\d+)">', c.get("/candidates", params={"page": p}).text)
                for p in (1, 2, 3)]
        assert [int(i) for p in rows for i in p] == [x["id"] for x in api.json()]
        third = c.get("/candidates", params={"page": 3}).text
        assert "5 open" in third and "candidates 5–5 of 5" in third and 'name="page" value="3"' in third
        assert c.get("/candidates", params={"page": 4}).status_code == 400
        # deciding the one candidate on page 3 leaves two pages: back to the last one there is
        r = c.post(f"/candidates/{pages[2][0]['id']}", data={"decision": "reject", "page": "3"}, follow_redirects=False)
        assert r.status_code == 303 and r.headers["location"] == "/candidates?page=2"
        r = c.post(f"/candidates/{pages[1][0]['id']}", data={"decision": "reject", "page": "2"}, follow_redirects=False)
        assert r.headers["location"] == "/candidates?page=2"
        r = c.post(f"/candidates/{pages[0][0]['id']}", data={"decision": "reject", "page": "junk"},
                   follow_redirects=False)
        assert r.headers["location"] == "/candidates"
