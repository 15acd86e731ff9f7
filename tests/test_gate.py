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
