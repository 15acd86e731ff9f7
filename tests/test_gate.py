"""Evaluation gate: the shared scorers on the shared gold sets, against pinned floors.

A floor is the figure the project has reached, pinned so that CI fails when a
change makes it worse. Raise a floor when quality rises; never lower one quietly.
The issues' bars are the targets; the floors trail them until they are met.
Needs ``../shared`` (CI has it); without it these tests are skipped with a message.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from claimgraph.evaluation import score_polnear, score_rams, score_seed

pytestmark = [pytest.mark.gate, pytest.mark.model]

# seed article (shared/eval/score.py)
SEED_FLOORS = {
    "title": True,
    "byline": True,
    "published": True,
    "headings_f1": 1.0,
    "body_kept": 1.0,
    "in_order": True,
    "boilerplate_leaked_max": 0,
    "invalid_spans_max": 0,
}


def frac(s: str) -> float:
    a, b = s.split("/")
    return int(a) / int(b)


@pytest.fixture(scope="module")
def seed(shared: Path, tmp_path_factory: pytest.TempPathFactory) -> dict:
    res = score_seed(shared, tmp_path_factory.mktemp("seed"))
    assert isinstance(res, dict)
    return res


@pytest.fixture(scope="module")
def polnear(shared: Path, tmp_path_factory: pytest.TempPathFactory) -> dict:
    res = score_polnear(shared, tmp_path_factory.mktemp("polnear"))
    assert isinstance(res, dict)
    return res


@pytest.fixture(scope="module")
def rams(shared: Path, tmp_path_factory: pytest.TempPathFactory) -> dict:
    res = score_rams(shared, tmp_path_factory.mktemp("rams"))
    assert isinstance(res, dict)
    return res


def test_seed_document(seed: dict) -> None:
    d, f = seed["document"], SEED_FLOORS
    assert d["title"] is f["title"] and d["byline"] is f["byline"] and d["published"] is f["published"]
    assert d["headings"]["f1"] >= f["headings_f1"]
    assert d["body_kept"] >= f["body_kept"] and d["body_in_order"] is f["in_order"]
    assert d["boilerplate_leaked"] <= f["boilerplate_leaked_max"]


def test_seed_spans_are_valid(seed: dict) -> None:
    assert len(seed["invalid_spans"]) <= SEED_FLOORS["invalid_spans_max"], seed["invalid_spans"]


# attributions and claims on the seed (issue 3); bars: content 0.85, content+source 0.80, quote 0.85, kind 0.80,
# resolved 6/7, author 13/15, inferences 6/8, attributed-called-inference 0
SEED_ATTRIBUTION_FLOORS = {
    "content_f1": 0.87,
    "content_source_f1": 0.85,
    "quote_type_accuracy": 0.90,
    "source_kind_accuracy": 0.97,
    "resolved": 7 / 7,
    "author_recognised": 15 / 15,
    "inferences": 8 / 8,
}


def test_seed_attributions(seed: dict) -> None:
    a, f = seed["attributions"], SEED_ATTRIBUTION_FLOORS
    assert a["content"]["f1"] >= f["content_f1"]
    assert a["content+source"]["f1"] >= f["content_source_f1"]
    assert a["quote_type_accuracy"] >= f["quote_type_accuracy"]
    assert a["source_kind_accuracy"] >= f["source_kind_accuracy"]
    assert frac(a["resolved_sources"]) >= f["resolved"]


def test_seed_author_claims(seed: dict) -> None:
    c, f = seed["author_claims"], SEED_ATTRIBUTION_FLOORS
    assert frac(c["author_claims_recognised"]) >= f["author_recognised"]
    assert frac(c["inferences_recognised"]) >= f["inferences"]
    assert c["attributed_called_inference"] == 0


# PolNeAR dev (issue 3); bars: relation 0.70, cue exact 0.80, source exact 0.75, content overlap 0.80
POLNEAR_FLOORS = {"relation_f1": 0.70, "cue_exact_f1": 0.71, "source_exact_f1": 0.77, "content_overlap_f1": 0.85}


def test_polnear_dev(polnear: dict) -> None:
    r, f = polnear["roles"], POLNEAR_FLOORS
    assert polnear["misaligned"] == 0 and polnear["missing"] == 0
    assert polnear["relations"]["f1"] >= f["relation_f1"]
    assert r["cue"]["exact"]["f1"] >= f["cue_exact_f1"]
    assert r["source"]["exact"]["f1"] >= f["source_exact_f1"]
    assert r["content"]["overlap"]["f1"] >= f["content_overlap_f1"]


# actors and flows on the seed (issue 4); bars: aliases 55/59, merge F1 0.90, wrong merges 0, flows F1/P/R 0.70
SEED_ACTOR_FLOORS = {"aliases": 59 / 59, "merge_f1": 0.99, "flows_f1": 0.75, "flows_p": 0.80, "flows_r": 1.0}


def test_seed_actors(seed: dict) -> None:
    e, f = seed["entities"], SEED_ACTOR_FLOORS
    assert frac(e["aliases_found"]) >= f["aliases"]
    assert e["merge"]["f1"] >= f["merge_f1"]
    assert e["wrong_merges"] == 0


def test_seed_flows(seed: dict) -> None:
    fl, f = seed["flows"]["flows"], SEED_ACTOR_FLOORS
    assert fl["f1"] >= f["flows_f1"] and fl["precision"] >= f["flows_p"] and fl["recall"] >= f["flows_r"]


# RAMS dev (issue 4); bar: recall 0.40 with at most 15 flows per 1,000 words
# the ceiling guards against over-generation: far under the bar's 15, where honest extraction stands now
RAMS_FLOORS = {"recall": 0.40, "flows_per_1000_words_max": 9.0}


def test_rams_flows(rams: dict) -> None:
    assert rams["recall"] >= RAMS_FLOORS["recall"]
    assert rams["flows_per_1000_words"] <= RAMS_FLOORS["flows_per_1000_words_max"]
