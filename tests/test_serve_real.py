"""The real pipeline end to end: sample articles analysed, stored, served and exported."""

from __future__ import annotations

import io
import json
import re
from html import unescape
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from claimgraph.api import analyze_raw
from claimgraph.config import Settings
from claimgraph.ingest import read_path
from claimgraph.serve.app import create_app
from claimgraph.store import Writer

SAMPLES = Path(__file__).resolve().parents[1] / "samples" / "articles"

pytestmark = pytest.mark.model


@pytest.fixture(scope="module")
def corpus(tmp_path_factory: pytest.TempPathFactory, nlp) -> Path:  # type: ignore[no-untyped-def]
    db = tmp_path_factory.mktemp("real") / "corpus.db"
    settings = Settings()
    with Writer(db) as w:
        for path in sorted(SAMPLES.iterdir()):
            if path.suffix in (".txt", ".html"):
                w.write_analysis(analyze_raw(read_path(path, settings), settings)).result()
    return db


def test_every_real_document_page_renders_its_exact_text(corpus: Path) -> None:
    with TestClient(create_app(corpus), base_url="http://127.0.0.1") as client:
        docs = client.get("/api/documents").json()
        assert len(docs) >= 5
        for d in docs:
            page = client.get(f"/doc/{d['id']}")
            assert page.status_code == 200
            body = re.search(r'<div class="doc-text" id="doc-text">(.*?)</div>\n', page.text, re.S)
            assert body is not None
            text = client.get(f"/api/documents/{d['id']}").json()["document"]["text"]
            assert unescape(re.sub(r"<[^>]+>", "", body.group(1))) == text
        assert client.get("/graph").status_code == 200
        assert client.get("/actors").status_code == 200


def test_real_corpus_exports_valid_ftm(corpus: Path) -> None:
    from followthemoney import model

    from claimgraph import query
    from claimgraph.export import get_exporter
    from claimgraph.export.registry import Options

    out = io.StringIO()
    exporter = get_exporter("ftm")
    assert exporter.stream is not None
    exporter.stream(query.connect(corpus), out, Options())
    for line in out.getvalue().splitlines():
        data = json.loads(line)
        model.get_proxy(data, cleaned=False).schema.validate(data)
