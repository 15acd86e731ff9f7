"""Batch analysis on a Dask cluster: paths travel in small batches, results stream back as they finish.

Each worker loads the model once, in a WorkerPlugin's ``setup``, and keeps the ids already stored
so that it skips known documents without parsing them. Workers read the paths themselves, so on a
remote cluster the files must be on a filesystem every worker sees at the same path.
Needs ``dask[distributed]`` (``pip install 'dask[distributed]'``).
"""

from __future__ import annotations

import logging
from collections.abc import Iterable, Iterator, Set
from itertools import islice
from pathlib import Path
from typing import Any

from distributed import Client, Future, LocalCluster, WorkerPlugin, as_completed, get_worker
from distributed.scheduler import KilledWorker

from claimgraph.batch import DocResult, analyze_path, failed
from claimgraph.config import Settings
from claimgraph.nlp import load_pipeline, resolve_model_name

PLUGIN_NAME = "claimgraph.load_model.v1"
# Paths per task: enough that scheduling (~1 ms a task) is noise against ~150 ms a document,
# few enough that two workers share a small batch evenly and a lost batch costs little.
BATCH_SIZE = 8
# Batches in flight per worker: one running, one queued, so a worker never waits for the client.
IN_FLIGHT_PER_WORKER = 2
# The workers of `--dask local`: two single-threaded processes (spaCy holds the GIL while parsing).
LOCAL_WORKERS = 2


class LoadModel(WorkerPlugin):
    """Load the spaCy model once per worker, and hold the ids of documents already stored."""

    name = PLUGIN_NAME

    def __init__(self, settings: Settings, known_ids: Set[str] = frozenset()) -> None:
        self.settings = settings
        self.known_ids = frozenset(known_ids)

    def setup(self, worker: Any) -> None:
        load_pipeline(self.settings)


def _analyze_batch(paths: tuple[str, ...], settings: Settings) -> list[DocResult]:
    plugin = get_worker().plugins.get(PLUGIN_NAME)
    known: Set[str] = plugin.known_ids if isinstance(plugin, LoadModel) else frozenset()
    return [analyze_path(p, settings, known) for p in paths]


def _batches(paths: Iterable[str | Path], size: int) -> Iterator[tuple[str, ...]]:
    it = (str(p) for p in paths)
    while batch := tuple(islice(it, size)):
        yield batch


def run_dask(
    paths: Iterable[str | Path],
    settings: Settings,
    address: str = "local",
    known_ids: Set[str] = frozenset(),
    *,
    batch_size: int = BATCH_SIZE,
    in_flight: int | None = None,
) -> Iterator[DocResult]:
    """Analyse on a Dask cluster (``address="local"``: a 2-process LocalCluster started and stopped here).

    At most ``in_flight`` batches (default 2 per worker) are submitted at a time. A batch the cluster
    gives up on (its workers died) is split and retried one path a task, so only a path that kills
    workers on its own is reported failed.
    """
    resolve_model_name(settings)  # a missing model: say so once, before starting a cluster
    cluster = (
        LocalCluster(
            n_workers=LOCAL_WORKERS,
            threads_per_worker=1,
            processes=True,
            dashboard_address=None,
            silence_logs=logging.ERROR,
        )
        if address == "local"
        else None
    )
    client = Client(cluster if cluster is not None else address)
    try:
        client.register_plugin(LoadModel(settings, known_ids), name=PLUGIN_NAME)
        n_workers = max(1, len(client.scheduler_info().get("workers", {})))
        limit = in_flight or IN_FLIGHT_PER_WORKER * n_workers
        source = _batches(paths, batch_size)
        retry: list[tuple[str, ...]] = []  # singletons of batches the cluster gave up on
        pending: dict[Future, tuple[str, ...]] = {}
        ac = as_completed()

        def submit(batch: tuple[str, ...]) -> None:
            fut = client.submit(_analyze_batch, batch, settings, pure=False)
            pending[fut] = batch
            ac.add(fut)

        def refill() -> None:
            while len(pending) < limit:
                batch = retry.pop() if retry else next(source, None)
                if batch is None:
                    return
                submit(batch)

        refill()
        for fut in ac:
            batch = pending.pop(fut)
            results: list[DocResult] = []
            try:
                results = fut.result()
            except KilledWorker:
                if len(batch) > 1:
                    retry.extend((p,) for p in batch)
                else:
                    results = [failed(batch[0], "the worker process died while analysing it (out of memory?)")]
            finally:
                fut.release()
            yield from results
            refill()
    finally:
        client.close()
        if cluster is not None:
            cluster.close()
