"""Batch analysis: the same pure per-document function, run serially, on N processes or on a Dask cluster.

Every mode runs :func:`analyze_path` and yields :class:`DocResult` records as documents complete, so
the single writer (``claimgraph.store.Writer``) can store each one in its own transaction while the
others are still being analysed. Memory stays bounded: paths are pulled from an iterator (folders are
walked lazily) and only a few documents are in flight at any time. A bad file never stops a batch;
it comes back as a ``failed`` result with a one-line reason.
"""

from __future__ import annotations

import hashlib
import multiprocessing
import multiprocessing.connection
import os
import resource
import signal
import sys
import threading
import time
from collections import deque
from collections.abc import Iterable, Iterator, Set
from concurrent.futures import FIRST_COMPLETED, Future, ProcessPoolExecutor, wait
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass
from pathlib import Path
from typing import Literal, Protocol

from claimgraph.api import analyze_raw
from claimgraph.config import Settings
from claimgraph.errors import InputError, SetupError
from claimgraph.ingest import read_bytes
from claimgraph.ingest.files import load_bytes
from claimgraph.nlp import load_pipeline, resolve_model_name
from claimgraph.records import Analysis

Status = Literal["analysed", "known", "failed"]

# File names a folder walk picks up; a file named on the command line is always read, whatever its name.
ARTICLE_SUFFIXES: frozenset[str] = frozenset({".txt", ".text", ".md", ".html", ".htm", ".xhtml", ".pdf"})
# Tasks in flight per worker: 2 keeps a worker busy while the parent stores the previous result,
# and no more, so a million paths never sit in a queue.
IN_FLIGHT_PER_WORKER = 2
# Longest error reason kept: one line in a terminal, whatever an exception's message holds.
MAX_REASON_CHARS = 300
# ru_maxrss is in kilobytes on Linux, in bytes on macOS.
_RSS_UNIT = 1 if sys.platform == "darwin" else 1024


@dataclass(frozen=True, slots=True)
class DocResult:
    """What became of one input path: analysed (with its Analysis), already stored (known), or failed.

    The Analysis itself travels between processes, not its JSON: the writer needs the records, and a
    pickle round trip costs ~0.4 ms a document against ~150 ms to analyse it (see benchmarks/).
    ``worker`` and ``peak_rss`` (bytes, the process's high-water mark so far) tell where it ran.
    """

    path: str
    status: Status
    doc_id: str | None = None
    size: int = 0
    analysis: Analysis | None = None
    error: str | None = None  # one line, without the path
    seconds: float = 0.0
    worker: int = 0
    peak_rss: int = 0

    @property
    def ok(self) -> bool:
        return self.status != "failed"

    def describe(self) -> str:
        """One line for a terminal: ``path: reason`` for a failure, ``path: status`` otherwise."""
        return f"{self.path}: {self.error}" if self.error else f"{self.path}: {self.status}"


class Analyzer(Protocol):
    def __call__(self, path: str, settings: Settings, known_ids: Set[str] = ..., /) -> DocResult: ...


def peak_rss() -> int:
    """This process's resident-set high-water mark, in bytes."""
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * _RSS_UNIT


def analyze_path(path: str, settings: Settings, known_ids: Set[str] = frozenset(), /) -> DocResult:
    """Read and analyse one file; never raises for a bad file (or a bug), only for a missing model.

    A file whose id (sha256 of its bytes) is in ``known_ids`` is hashed but not parsed: hashing is
    ~1,000x cheaper than analysing, so a resumed or repeated ingest only pays for what is new.
    """
    started = time.perf_counter()
    doc_id: str | None = None
    size = 0
    try:
        # 1. bytes, with the size checked by stat before any is read
        data = load_bytes(Path(path), settings.max_input_bytes)
        size = len(data)
        doc_id = hashlib.sha256(data).hexdigest()
        # 2. already stored: nothing more to do
        if doc_id in known_ids:
            return _result(path, "known", started, doc_id=doc_id, size=size)
        # 3. bytes -> RawDocument -> Analysis
        analysis = analyze_raw(read_bytes(data, path, settings), settings)
        del data
    except InputError as exc:
        return _result(path, "failed", started, doc_id=doc_id, size=size, error=_one_line(exc.reason))
    except SetupError:
        raise  # not this file's fault (no model, a bad word list): every other file would fail the same way
    except Exception as exc:  # a bug in a reader or extractor: report it for this file, go on with the rest
        reason = f"internal error ({type(exc).__name__}: {exc}); set CLAIMGRAPH_DEBUG=1 and analyse it alone"
        return _result(path, "failed", started, doc_id=doc_id, size=size, error=_one_line(reason))
    return _result(path, "analysed", started, doc_id=doc_id, size=size, analysis=analysis)


def _result(path: str, status: Status, started: float, **fields: object) -> DocResult:
    return DocResult(
        path=path,
        status=status,
        seconds=time.perf_counter() - started,
        worker=os.getpid(),
        peak_rss=peak_rss(),
        **fields,  # type: ignore[arg-type]
    )


def _one_line(text: str) -> str:
    line = " ".join(text.split())
    return line if len(line) <= MAX_REASON_CHARS else line[: MAX_REASON_CHARS - 1] + "…"


def failed(path: str, reason: str) -> DocResult:
    """A failure decided outside analyze_path (a worker that died, a batch a cluster gave up on)."""
    return DocResult(path=path, status="failed", error=_one_line(reason))


# -- paths -------------------------------------------------------------------------------------------


def iter_paths(inputs: Iterable[str | Path], suffixes: Set[str] = ARTICLE_SUFFIXES) -> Iterator[str]:
    """Files named, and article files under folders named, walked lazily in sorted order.

    A named path that does not exist is yielded as it is, so that it is reported, not silently dropped.
    Hidden files and folders (``.git``, ``.DS_Store``) are skipped in a walk.
    """
    for item in inputs:
        p = Path(item)
        if p.is_dir():
            yield from _walk(p, suffixes)
        else:
            yield str(p)


def _walk(folder: Path, suffixes: Set[str]) -> Iterator[str]:
    try:
        with os.scandir(folder) as it:
            entries = sorted((e for e in it if not e.name.startswith(".")), key=lambda e: e.name)
    except OSError:
        return  # vanished or unreadable while walking: nothing in it to report by name
    for entry in entries:
        try:
            is_dir = entry.is_dir()
        except OSError:
            continue
        if is_dir:
            yield from _walk(Path(entry.path), suffixes)
        elif Path(entry.name).suffix.lower() in suffixes:
            yield entry.path


# -- runners -----------------------------------------------------------------------------------------


def run_serial(
    paths: Iterable[str | Path],
    settings: Settings,
    known_ids: Set[str] = frozenset(),
    *,
    analyze: Analyzer = analyze_path,
) -> Iterator[DocResult]:
    """Analyse in this process, one document after the other."""
    for path in paths:
        yield analyze(str(path), settings, known_ids)


class _WorkerState:
    """What a worker process's initializer set up: read by every task that process runs."""

    settings: Settings = Settings()
    known_ids: Set[str] = frozenset()
    analyze: Analyzer = analyze_path
    error: SetupError | None = None


def _init_worker(settings: Settings, known_ids: Set[str], analyze: Analyzer) -> None:
    """Load the model once per worker process; Ctrl-C is the parent's to handle, not each worker's."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    _exit_with_parent()
    _WorkerState.settings, _WorkerState.known_ids, _WorkerState.analyze = settings, known_ids, analyze
    try:
        load_pipeline(settings)
    except SetupError as exc:  # raised again by the first task, so the parent reports it once
        _WorkerState.error = exc


def _exit_with_parent() -> None:
    """End this worker when the parent dies (SIGKILL, OOM): else it would wait on its task queue for ever."""
    parent = multiprocessing.parent_process()
    if parent is None:
        return

    def watch() -> None:
        multiprocessing.connection.wait([parent.sentinel])
        os._exit(1)  # nobody is left to take a result; nothing of ours needs cleaning up

    threading.Thread(target=watch, name="claimgraph-parent-watch", daemon=True).start()


def _work(path: str) -> DocResult:
    if _WorkerState.error is not None:
        raise _WorkerState.error
    return _WorkerState.analyze(path, _WorkerState.settings, _WorkerState.known_ids)


def _context(start_method: str) -> multiprocessing.context.BaseContext:
    """forkserver where there is one: the parent runs a writer thread, so plain fork is unsafe."""
    if start_method == "forkserver" and "forkserver" not in multiprocessing.get_all_start_methods():
        start_method = "spawn"
    ctx = multiprocessing.get_context(start_method)
    if start_method == "forkserver":
        # import spaCy and claimgraph once in the fork server, not once per worker
        ctx.set_forkserver_preload(["claimgraph.batch"])
    return ctx


def run_processes(
    paths: Iterable[str | Path],
    settings: Settings,
    workers: int,
    known_ids: Set[str] = frozenset(),
    *,
    in_flight: int | None = None,
    analyze: Analyzer = analyze_path,
    start_method: str = "forkserver",
) -> Iterator[DocResult]:
    """Analyse on ``workers`` processes, each loading the model once; yields results as they complete.

    At most ``in_flight`` paths (default 2 per worker) are submitted at a time. When a worker dies
    (killed for memory, a crash in a parser), the pool is restarted and the documents that were in
    flight are retried one at a time, so only the one that kills a worker on its own is reported failed.
    """
    if workers < 1:
        raise ValueError(f"workers must be at least 1, not {workers}")
    resolve_model_name(settings)  # a missing model: say so once, before starting any process
    limit = in_flight or IN_FLIGHT_PER_WORKER * workers
    ctx = _context(start_method)

    def new_pool() -> ProcessPoolExecutor:
        return ProcessPoolExecutor(
            workers, mp_context=ctx, initializer=_init_worker, initargs=(settings, known_ids, analyze)
        )

    source = (str(p) for p in paths)
    suspects: deque[str] = deque()  # in flight when a worker died: re-run alone to find the culprit
    pending: dict[Future[DocResult], str] = {}
    isolating = False
    pool = new_pool()
    try:
        while True:
            # 1. fill: a suspect runs alone; otherwise keep `limit` paths in flight
            if suspects:
                if not pending:
                    suspect = suspects.popleft()
                    pending[pool.submit(_work, suspect)] = suspect
                    isolating = True
            else:
                isolating = False
                while len(pending) < limit and (fresh := next(source, None)) is not None:
                    pending[pool.submit(_work, fresh)] = fresh
            if not pending:
                break
            # 2. stream back whatever completed
            done, _ = wait(pending, return_when=FIRST_COMPLETED)
            dead: list[str] = []
            for fut in done:
                path = pending.pop(fut)
                try:
                    result = fut.result()
                except BrokenProcessPool:
                    dead.append(path)
                    continue
                yield result
            # 3. a worker died: every future of this pool is lost; retry them in a fresh pool
            if dead:
                lost = dead + list(pending.values())
                pending.clear()
                pool.shutdown(wait=True, cancel_futures=True)
                if isolating:
                    yield failed(lost[0], "the worker process died while analysing it (out of memory, or a crash)")
                else:
                    suspects.extend(lost)
                pool = new_pool()
    finally:
        pool.shutdown(wait=True, cancel_futures=True)


def run_batch(
    paths: Iterable[str | Path],
    settings: Settings,
    known_ids: Set[str] = frozenset(),
    *,
    workers: int = 1,
    dask: str | None = None,
) -> Iterator[DocResult]:
    """The runner the options ask for: ``dask`` (an address, or "local") > ``workers`` > 1 > serial."""
    if dask:
        from claimgraph.batch_dask import run_dask

        return run_dask(paths, settings, dask, known_ids)
    if workers > 1:
        return run_processes(paths, settings, workers, known_ids)
    return run_serial(paths, settings, known_ids)
