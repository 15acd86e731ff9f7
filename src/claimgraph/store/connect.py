"""SQLite connections: one writer (WAL, foreign keys) and any number of read-only readers."""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from claimgraph.errors import ClaimgraphError

# The file `claimgraph ingest` and `serve` use when no --db is given.
DEFAULT_DB = "claimgraph.db"
# Milliseconds a connection waits for the writer's lock before failing: a reader never blocks in WAL,
# but a second writer process (two `ingest` runs) should wait for the first's transaction, not fail at once.
BUSY_TIMEOUT_MS = 10_000


class StoreError(ClaimgraphError):
    """The corpus database is missing, not a claimgraph database, or from a newer claimgraph."""


def connect_writer(path: str | Path) -> sqlite3.Connection:
    """The connection that writes; WAL so that readers never wait for it."""
    conn = sqlite3.connect(str(path), isolation_level=None, check_same_thread=True)
    conn.row_factory = sqlite3.Row
    conn.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
    conn.execute("PRAGMA journal_mode = WAL")
    conn.execute("PRAGMA synchronous = NORMAL")  # WAL + NORMAL: durable at checkpoints, never corrupt
    conn.execute("PRAGMA foreign_keys = ON")
    return conn


@contextmanager
def transaction(conn: sqlite3.Connection) -> Iterator[None]:
    """One write transaction on the writer's connection: BEGIN IMMEDIATE takes the write lock up front; any
    exception (or Ctrl-C) rolls back everything written inside it."""
    conn.execute("BEGIN IMMEDIATE")
    try:
        yield
    except BaseException:
        conn.execute("ROLLBACK")
        raise
    conn.execute("COMMIT")


def connect_reader(path: str | Path) -> sqlite3.Connection:
    """A read-only connection (``mode=ro``): a reader cannot change the corpus even by mistake."""
    p = Path(path)
    if not p.is_file():
        raise StoreError(f"{p}: no such corpus database; run `claimgraph ingest --db {p} FILES...` first")
    conn = sqlite3.connect(p.resolve().as_uri() + "?mode=ro", uri=True, check_same_thread=False)
    conn.row_factory = sqlite3.Row
    conn.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
    try:
        conn.execute("SELECT MAX(version) FROM schema_version").fetchone()
    except sqlite3.DatabaseError as exc:
        conn.close()
        raise StoreError(f"{p}: not a claimgraph corpus database ({exc})") from exc
    return conn
