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
