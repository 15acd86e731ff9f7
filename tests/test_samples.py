"""The bundled sample corpus against its hand annotation (samples/expected.json).

Metadata and cleaning are checked exactly. Extraction figures are checked
against pinned floors over the whole corpus: raise a floor when quality rises,
never lower one quietly.
"""

from __future__ import annotations

import json
from functools import cache
from pathlib import Path

import pytest

from claimgraph.api import analyze_raw
from claimgraph.config import Settings
from claimgraph.ingest import read_path
from tests.sample_scoring import flow_hits, matched, mention_map, norm, overlap_f1

SAMPLES = Path(__file__).resolve().parents[1] / "samples"
EXPECTED = json.loads((SAMPLES / "expected.json").read_text(encoding="utf-8"))
ARTICLES = sorted(EXPECTED["articles"])

pytestmark = pytest.mark.model


@cache
def analysis(name: str) -> dict:
    return analyze_raw(read_path(SAMPLES / "articles" / name), Settings()).to_json()


def required(items: list[dict]) -> list[dict]:
    return [x for x in items if not x.get("optional")]


def test_every_article_is_annotated() -> None:
    assert sorted(p.name for p in (SAMPLES / "articles").iterdir()) == ARTICLES


@pytest.mark.parametrize("name", ARTICLES)
def test_metadata(name: str) -> None:
    want, doc = EXPECTED["articles"][name]["metadata"], analysis(name)["document"]
    assert norm(doc["title"]) == norm(want["title"])
    assert norm(want["byline"]) in norm(doc["byline"])
    assert doc["published"] == want["published"]
    assert [norm(h["text"]) for h in doc["headings"]] == [norm(h) for h in want["headings"]]
    if "standfirst" in want:
        assert norm(doc["standfirst"]) == norm(want["standfirst"])
    if "republished" in want:
        assert doc["republished"] == want["republished"]


@pytest.mark.parametrize("name", ARTICLES)
def test_boilerplate_is_gone_and_spans_hold(name: str) -> None:
    data = analysis(name)
    text = data["document"]["text"]
    for junk in EXPECTED["articles"][name].get("boilerplate") or []:
        assert junk.strip() not in text, junk
    spans = [m for e in data["entities"] for m in e["mentions"]]
    for a in data["attributions"]:
        spans += [s for s in (a["source"], a["cue"], a["content"]) if s and "start" in s]
    spans += data["claims"]
    for s in spans:
        assert text[s["start"] : s["end"]] == s["text"]


def corpus_figures() -> dict[str, float]:
    n_attr = hit_attr = n_auth = hit_auth = n_inf = hit_inf = n_flow = hit_flow = 0
    for name in ARTICLES:
        gold, pred = EXPECTED["articles"][name], analysis(name)
        golds = required(gold["attributions"])
        n_attr += len(golds)
        hit_attr += len(matched(golds, [a["content"]["text"] for a in pred["attributions"]]))
        for c in gold["author_claims"]:
            best = max(pred["claims"], key=lambda p, c=c: overlap_f1(c["text"], p["text"]), default=None)
            ok = best is not None and overlap_f1(c["text"], best["text"]) >= 0.6
            n_auth += 1
            hit_auth += ok and best["evidence"].startswith("author")
            if c["kind"] == "inference":
                n_inf += 1
                hit_inf += ok and best["evidence"] == "author_inference"
        flows = required(gold["flows"])
        n_flow += len(flows)
        hit_flow += len([f for f in flow_hits(gold, pred) if f in flows])
    return {
        "attribution_recall": hit_attr / n_attr,
        "author_recognised": hit_auth / n_auth,
        "inferences": hit_inf / n_inf,
        "flow_recall": hit_flow / n_flow,
    }


# Pinned floors over the whole sample corpus.
# Flow recall counts a gold flow found when any flow has its kind and ends (see tests/sample_scoring.py).
FLOORS = {"attribution_recall": 0.92, "author_recognised": 0.89, "inferences": 0.95, "flow_recall": 0.75}


def test_extraction_figures_hold_their_floors() -> None:
    got = corpus_figures()
    low = {k: round(v, 3) for k, v in got.items() if v < FLOORS[k]}
    assert not low, f"under the floor: {low} (floors {FLOORS})"


@pytest.mark.parametrize("name", ARTICLES)
def test_distinct_actors_are_never_merged(name: str) -> None:
    gold, pred = EXPECTED["articles"][name], analysis(name)
    mm = mention_map(pred)
    clusters = list(gold["entities"].values())
    for i, a in enumerate(clusters):
        for b in clusters[i + 1 :]:
            for x in a:
                for y in b:
                    if norm(x) != norm(y):
                        assert not (mm.get(norm(x), set()) & mm.get(norm(y), set())), f"{x!r} merged with {y!r}"


def test_the_sample_shows_a_state_owned_firm_and_a_place_referred_back_to() -> None:
    pred = analysis("05_rifles_traced.txt")
    names = {e["id"]: e["name"] for e in pred["entities"]}
    marked = [(names[f["source"]], names[f["target"]], names[f["owned_firm"]]) for f in pred["flows"]
              if f["owner_end"] == "source"]
    assert ("Ilvania", "Dunmere", "Vessen Arms") in marked
    teskara = next(e for e in pred["entities"] if e["name"] == "Teskara")
    assert "the city" in {m["text"] for m in teskara["mentions"]}
    assert not any(a["cue"] and a["cue"]["text"] == "said" and a["source"] and a["source"]["text"] == "That"
                   for a in pred["attributions"])
