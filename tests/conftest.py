"""Shared fixtures: the spaCy pipeline (loaded once per session) and paths."""

from __future__ import annotations

from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
SAMPLES = ROOT / "samples"


@pytest.fixture(scope="session")
def nlp():  # type: ignore[no-untyped-def]
    from claimgraph.nlp import load_pipeline

    return load_pipeline()


@pytest.fixture(scope="session")
def shared() -> Path:
    from claimgraph.evaluation import shared_dir

    path = shared_dir()
    if path is None:
        pytest.skip("../shared (gold sets and scorers) is absent: evaluation gate skipped")
    return path
