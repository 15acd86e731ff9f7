"""Properties that hold for any input: no crash, every span holds its text, ingest is idempotent, export round-trips.

Examples are kept few and short (see ``EXAMPLES``) so the suite stays fast; the strategies lean on
what breaks text tools: mixed scripts, unbalanced and curly quotes, very long lines, stray newlines.
"""

from __future__ import annotations

import io
import json
import tempfile
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given
from hypothesis import settings as hsettings
from hypothesis import strategies as st

from claimgraph.api import analyze_raw
from claimgraph.clean import clean
from claimgraph.config import Settings
from claimgraph.ingest import read_text
from tests.test_batch_support import article, dump_store

# Few examples, no deadline (the first parse pays for loading the model), no example database
# written into the repository.
EXAMPLES = hsettings(max_examples=50, deadline=None, database=None, suppress_health_check=[HealthCheck.too_slow])

# Characters that trouble tokenisers and quote matchers: several scripts, curly and guillemet
# quotes, apostrophes, dashes, zero-width and bidi marks, combining accents, emoji.
_TRICKY = (
    "abcdefghij ABCDEFG 0123456789 .,;:!?-()[]"
    "абвгд ЖЗИЙ ابتثج حخد שלום 你好世界 日本語 नमस्ते Ελληνικά"
    "\"'“”‘’„‚«»‹›「」—–…"
    "\u200b\u200e\u200f\u00ad\u0301\u0308 😀🇺🇦"
    "\n\n\n\t  "
)
_WORDS = (
    "said", "told", "according", "to", "the", "minister", "Reuters", "sent", "weapons", "money",
    "Hezbollah", "Iran", "Россия", "مصر", "claims", "reportedly", "officials", "that", "he", "she",
)

tricky_text = st.text(alphabet=st.sampled_from(_TRICKY), max_size=400)
any_text = st.text(max_size=300)
# sentence-like text with quotes opened and never closed, or closed and never opened
quoted = st.lists(
    st.one_of(st.sampled_from(_WORDS), st.sampled_from(['"', "“", "”", "«", "'", "\n\n", ".", ","])),
    max_size=80,
).map(" ".join)
long_line = st.tuples(st.sampled_from(_WORDS), st.integers(500, 2500), st.sampled_from(['"', "", "“"])).map(
    lambda t: t[2] + " ".join([t[0]] * t[1]) + "."
)
texts = st.one_of(tricky_text, any_text, quoted, long_line, st.integers(0, 10_000).map(article))


def spans(node: Any, where: str = "") -> Iterator[tuple[str, dict[str, Any]]]:
    """Every ``{"text", "start", "end"}`` object in an analysis JSON, with where it sits."""
    if isinstance(node, dict):
        if isinstance(node.get("start"), int) and isinstance(node.get("end"), int) and "text" in node:
            yield where, node
        for key, value in node.items():
            yield from spans(value, f"{where}.{key}")
    elif isinstance(node, list):
        for i, value in enumerate(node):
            yield from spans(value, f"{where}[{i}]")


def check_spans(data: dict[str, Any]) -> int:
    text = data["document"]["text"]
    found = 0
    for where, span in spans({k: v for k, v in data.items() if k != "document"} | {"headings": data["document"]}):
        assert 0 <= span["start"] <= span["end"] <= len(text), where
        assert text[span["start"] : span["end"]] == span["text"], f"{where}: {span}"
        found += 1
    for a in data["attributions"]:
        for start, end in a["content"].get("parts", []):
            assert a["content"]["start"] <= start <= end <= a["content"]["end"]
    return found


# -- cleaning alone: no model, so more examples ----------------------------------------------------------


@hsettings(max_examples=150, deadline=None, database=None)
@given(texts)
def test_cleaning_keeps_spans_and_map(text: str) -> None:
    doc = clean(read_text(text))
    for group in (doc.headings, doc.block_quotes, doc.paragraphs, doc.emphasis):
        for s in group:
            assert doc.text[s.start : s.end] == s.text
    last = -1
    for start, source_start, length in doc.source_map:  # runs in order, inside both texts
        assert start > last and source_start >= 0 and source_start + length <= len(text)
        assert start + length <= len(doc.text)
        last = start
    for offset in range(0, len(doc.text) + 1, max(1, len(doc.text) // 50)):
        assert 0 <= doc.to_source(offset) <= len(text)


# -- the whole analysis ----------------------------------------------------------------------------------


@pytest.mark.model
@EXAMPLES
@given(texts)
def test_any_text_analyses_and_every_span_holds(text: str) -> None:
    for raw in (False, True):  # through cleaning, and without it
        analysis = analyze_raw(read_text(text), Settings(raw=raw))
        data = json.loads(json.dumps(analysis.to_json(), ensure_ascii=False))
        check_spans(data)
        if raw:
            assert analysis.document.text == text


def test_span_check_can_fail() -> None:
    data = {
        "document": {"text": "Ann said hi.", "headings": []},
        "attributions": [
            {"cue": {"text": "said", "start": 4, "end": 8}, "content": {"text": "hi", "start": 9, "end": 12}}
        ],
    }
    with pytest.raises(AssertionError):
        check_spans(data)
    data["attributions"][0]["content"]["end"] = 11
    assert check_spans(data) == 2


# -- the corpus: ingest twice changes nothing; export then re-read gives the records back ----------------

corpus_texts = st.lists(st.one_of(st.integers(0, 10_000).map(article), tricky_text, quoted), min_size=1, max_size=4)


@pytest.mark.model
@hsettings(max_examples=8, deadline=None, database=None, suppress_health_check=[HealthCheck.too_slow])
@given(corpus_texts)
def test_ingest_twice_changes_nothing_and_export_round_trips(docs: list[str]) -> None:
    from claimgraph import query
    from claimgraph.batch import run_serial
    from claimgraph.export import get_exporter
    from claimgraph.export.registry import Options
    from claimgraph.store import Writer

    settings = Settings()
    with tempfile.TemporaryDirectory() as tmp:
        folder, db = Path(tmp) / "in", Path(tmp) / "corpus.db"
        folder.mkdir()
        paths = []
        for i, text in enumerate(docs):
            (folder / f"{i}.txt").write_text(text, encoding="utf-8")
            paths.append(folder / f"{i}.txt")

        analysed: dict[str, dict[str, Any]] = {}
        with Writer(db) as writer:
            for r in run_serial(paths, settings):
                if r.analysis is not None:
                    writer.write_analysis(r.analysis).result()
                    analysed[r.analysis.document.doc_id] = json.loads(json.dumps(r.analysis.to_json()))
        before = dump_store(db)

        # again, as `ingest` does (stored ids skipped before parsing) and with the writer's own check
        conn = query.connect(db)
        known = query.document_ids(conn)
        conn.close()
        assert known == frozenset(analysed)
        with Writer(db) as writer:
            again = list(run_serial(paths, settings, known))
            assert {r.status for r in again} <= {"known", "failed"}
            for r in run_serial(paths, settings):
                if r.analysis is not None:
                    assert writer.write_analysis(r.analysis).result() == "skipped"
        assert dump_store(db) == before

        exporter = get_exporter("jsonl")
        assert exporter.stream is not None
        out = io.StringIO()
        conn = query.connect(db)
        try:
            n = exporter.stream(conn, out, Options())
        finally:
            conn.close()
        lines = [json.loads(line) for line in out.getvalue().splitlines()]
        assert n == len(lines) == len(analysed)
        assert {d["document"]["id"]: d for d in lines} == analysed
