"""The single writer: one thread owns the one connection that writes; everything else submits to it.

Analysis (slow, parallel: processes, a Dask cluster) produces ``Analysis`` records; this thread
stores them one transaction at a time, so SQLite never sees two writers and readers never wait (WAL).
"""

from __future__ import annotations

import queue
import sqlite3
import threading
from collections.abc import Callable
from concurrent.futures import Future
from pathlib import Path
from typing import Any, Literal, TypeVar

from claimgraph.records import Analysis
from claimgraph.store import actors
from claimgraph.store.connect import connect_writer, transaction
from claimgraph.store.documents import WriteStatus, now_iso, write_analysis
from claimgraph.store.migrate import migrate

T = TypeVar("T")
_STOP = object()


class Writer:
    """Owns the write connection on its own thread; ``submit`` runs a function there, in order."""

    def __init__(self, path: str | Path) -> None:
        self.path = Path(path)
        self._jobs: queue.Queue[Any] = queue.Queue()
        ready: Future[None] = Future()
        self._thread = threading.Thread(target=self._run, args=(ready,), name="claimgraph-writer", daemon=True)
        self._thread.start()
        ready.result()  # re-raises a failed open/migration here, in the caller's thread

    def submit(self, fn: Callable[[sqlite3.Connection], T]) -> Future[T]:
        if not self._thread.is_alive():
            raise RuntimeError("the writer is closed")
        fut: Future[T] = Future()
        self._jobs.put((fn, fut))
        return fut

    def write_analysis(self, analysis: Analysis, force: bool = False) -> Future[WriteStatus]:
        return self.submit(lambda conn: write_analysis(conn, analysis, force))

    def decide(self, candidate_id: int, decision: Literal["merge", "reject"]) -> Future[int | None]:
        """Confirm (merge) or reject a merge candidate, in one transaction."""
        return self.submit(_in_transaction(lambda conn: actors.decide(conn, candidate_id, decision, now_iso())))

    def rebuild_actors(self) -> Future[actors.Rebuilt]:
        """Resolve every stored entity to corpus actors again (see :func:`actors.rebuild`), in one transaction."""
        return self.submit(_in_transaction(lambda conn: actors.rebuild(conn, now_iso())))

    def close(self) -> None:
        """Finish the queued writes, then close the connection."""
        if self._thread.is_alive():
            self._jobs.put(_STOP)
            self._thread.join()

    def __enter__(self) -> Writer:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def _run(self, ready: Future[None]) -> None:
        try:
            conn = connect_writer(self.path)
            migrate(conn)
        except BaseException as exc:
            ready.set_exception(exc)
            return
        ready.set_result(None)
        try:
            while (job := self._jobs.get()) is not _STOP:
                fn, fut = job
                if not fut.set_running_or_notify_cancel():
                    continue
                try:
                    fut.set_result(fn(conn))
                except BaseException as exc:
                    fut.set_exception(exc)
        finally:
            conn.execute("PRAGMA optimize")
            conn.close()


def _in_transaction(fn: Callable[[sqlite3.Connection], T]) -> Callable[[sqlite3.Connection], T]:
    """``fn`` run in one write transaction: on any exception (or Ctrl-C) nothing of it is written."""

    def run(conn: sqlite3.Connection) -> T:
        with transaction(conn):
            return fn(conn)

    return run
