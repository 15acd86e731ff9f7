"""Real-browser tests: Debian's chromium driven by Playwright over a live `uvicorn` on 127.0.0.1.

They never skip: without chromium they fail with the command that installs it. Screenshots go to
artifacts/screenshots/ (gitignored) for a human to look at.
"""

from __future__ import annotations

import shutil
import socket
import threading
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
import uvicorn

from claimgraph.serve.app import create_app
from tests.test_store_samples import GRAPH_EDGES, GRAPH_NODES, TEXT_A, TEXT_XSS, build_corpus, doc_id

pytestmark = pytest.mark.browser

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync", "--no-first-run"]
SHOTS = Path(__file__).resolve().parents[1] / "artifacts" / "screenshots"


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    db = build_corpus(tmp_path_factory.mktemp("browser") / "corpus.db")
    port = free_port()
    srv = uvicorn.Server(uvicorn.Config(create_app(db), host="127.0.0.1", port=port, log_level="warning"))
    thread = threading.Thread(target=srv.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 20
    while not srv.started:
        if time.monotonic() > deadline or not thread.is_alive():
            pytest.fail("uvicorn did not start")
        time.sleep(0.05)
    yield f"http://127.0.0.1:{port}"
    srv.should_exit = True
    thread.join(timeout=10)


@pytest.fixture(scope="module")
def browser() -> Iterator[object]:
    if not Path(CHROMIUM).exists() and shutil.which("chromium") is None:
        pytest.fail(f"{CHROMIUM} is missing: run `apt-get update && apt-get install -y chromium` "
                    "(browser tests never skip; `playwright install` is not used)")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        b = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS, headless=True)
        yield b
        b.close()


@pytest.fixture
def page(browser):  # type: ignore[no-untyped-def]
    context = browser.new_context(viewport={"width": 1400, "height": 900})
    pg = context.new_page()
    pg.problems = []  # console errors (a CSP violation shows here) and dialogs (a script that ran)
    pg.on("console", lambda m: pg.problems.append(f"console {m.type}: {m.text}") if m.type == "error" else None)
    pg.on("pageerror", lambda e: pg.problems.append(f"page error: {e}"))
    pg.on("dialog", lambda d: (pg.problems.append(f"dialog: {d.message}"), d.dismiss()))
    yield pg
    context.close()


def shot(page, name: str) -> None:  # type: ignore[no-untyped-def]
    SHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SHOTS / f"{name}.png"), full_page=True)


def test_corpus_page(server: str, page) -> None:  # type: ignore[no-untyped-def]
    page.goto(server + "/")
    assert page.locator("table.docs tbody tr").count() == 3
    assert page.locator("svg.profile rect.ev-anonymous").count() == 1
    shot(page, "corpus")
    assert page.problems == []


def test_click_an_attribution_shows_its_source(server: str, page) -> None:  # type: ignore[no-untyped-def]
    page.goto(f"{server}/doc/{doc_id(TEXT_A)}")
    card = page.locator("#detail-att-a2")
    assert not card.is_visible()
    page.locator('[data-att="a2"].att-content').first.click()
    assert card.is_visible()
    assert card.locator(".detail-source").inner_text().startswith("a senior official who spoke on condition")
    assert "anonymous" in card.locator(".detail-evidence").inner_text()
    page.locator('[data-att="a1"].att-source').click()
    assert page.locator("#detail-att-a1 .detail-actor a").inner_text() == "UN panel of experts"
    assert not card.is_visible()
    shot(page, "document")
    assert page.problems == []


def test_graph_renders_every_actor_and_flow(server: str, page) -> None:  # type: ignore[no-untyped-def]
    vendor = Path(__file__).resolve().parents[1] / "src/claimgraph/serve/static/vendor/cytoscape.min.js"
    if not vendor.exists():
        pytest.fail(f"{vendor} is missing: run `npm ci` in the checkout (it copies cytoscape there)")
    page.goto(server + "/graph")
    page.wait_for_selector("#graph-stats[data-rendered=true]")
    assert page.evaluate("window.claimgraphGraph.nodes().length") == GRAPH_NODES
    assert page.evaluate("window.claimgraphGraph.edges().length") == GRAPH_EDGES
    styles = page.evaluate("window.claimgraphGraph.edges().map(e => e.style('line-style'))")
    assert sorted(set(styles)) == ["dashed", "dotted", "solid"]
    # click the middle of the Hezbollah -> Houthis training edge, as a user would
    point = page.evaluate("""() => {
        const e = window.claimgraphGraph.edges().filter(e => e.data('kind') === 'training')[0];
        const box = document.getElementById('graph').getBoundingClientRect();
        const m = e.renderedMidpoint();
        return {x: box.left + m.x, y: box.top + m.y};
    }""")
    page.mouse.click(point["x"], point["y"])
    link = page.locator("#edge-details a").first
    link.wait_for()
    assert link.get_attribute("href") == f"/doc/{doc_id(TEXT_A)}#claim-c2"
    assert "Hezbollah trained Houthi fighters" in page.locator("#edge-details").inner_text()
    shot(page, "graph")
    link.click()
    page.wait_for_url(f"**/doc/{doc_id(TEXT_A)}#claim-c2")
    assert page.locator("#detail-claim-c2").is_visible()
    assert page.problems == []


def test_graph_filters(server: str, page) -> None:  # type: ignore[no-untyped-def]
    page.goto(server + "/graph")
    page.check("input[name=kind][value=money]")
    page.click("form.filters button[type=submit]")
    page.wait_for_selector("#graph-stats[data-rendered=true]")
    assert page.evaluate("window.claimgraphGraph.edges().length") == 3
    assert page.evaluate("window.claimgraphGraph.edges().every(e => e.data('kind') === 'money')")


def test_search_finds_a_claim(server: str, page) -> None:  # type: ignore[no-untyped-def]
    page.goto(server + "/")
    page.fill("form.search input[name=q]", "missiles")
    page.press("form.search input[name=q]", "Enter")
    page.wait_for_url("**/search?q=missiles")
    hit = page.locator("#claim-hits a").first
    assert "missiles" in hit.inner_text()
    shot(page, "search")
    hit.click()
    page.wait_for_url("**#claim-c2")
    page.wait_for_selector("#detail-claim-c2", state="visible", timeout=10_000)  # raises when it never shows
    assert page.locator("#claim-c2").inner_text().startswith("Reuters reported")
    page.goto(server + '/search?q="unbalanced')
    assert "cannot parse the search" in page.locator("#error-message").inner_text()


def test_hostile_article_renders_as_text(server: str, page) -> None:  # type: ignore[no-untyped-def]
    page.goto(f"{server}/doc/{doc_id(TEXT_XSS)}")
    assert page.evaluate("document.title") != "pwned"
    assert page.locator("img").count() == 0
    assert "<img src=x onerror=alert(1)>" in page.locator("#doc-text").inner_text()
    assert page.locator("#doc-title").inner_text().startswith("<script>")
    shot(page, "hostile")
    assert page.problems == []


def test_merge_a_candidate_from_the_ui(server: str, page) -> None:  # type: ignore[no-untyped-def]
    page.goto(server + "/candidates")
    row = page.locator("#candidates tbody tr").first
    assert "John Smith" in row.inner_text()
    with page.expect_navigation():
        row.get_by_role("button", name="Keep apart").click()
    assert "no open candidates" in page.locator("#candidates").inner_text()
    assert "reject" in page.locator("main").inner_text()
