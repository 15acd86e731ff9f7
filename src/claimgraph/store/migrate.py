"""Numbered schema migrations (``migrations/0001_*.sql`` ...), applied in order, each in one transaction."""

from __future__ import annotations

import importlib
import re
import sqlite3
from dataclasses import dataclass
from importlib import resources

from claimgraph.store.connect import StoreError, transaction

# Python steps run inside a migration's transaction, after its SQL (data the SQL cannot compute).
PYTHON_STEPS: dict[int, str] = {2: "claimgraph.store.actors:backfill_blocks",
                                 4: "claimgraph.store.actors:fold_bare_names",
                                 5: "claimgraph.store.actors:backfill_blocks"}

_NAME = re.compile(r"^(\d{4})_[a-z0-9_]+\.sql$")


@dataclass(frozen=True, slots=True)
class Migration:
    version: int
    name: str
    sql: str


def migrations() -> list[Migration]:
    """The migrations shipped in the package, by version."""
    found = []
    for entry in resources.files("claimgraph.store").joinpath("migrations").iterdir():
        m = _NAME.match(entry.name)
        if m:
            found.append(Migration(int(m.group(1)), entry.name, entry.read_text(encoding="utf-8")))
    found.sort(key=lambda mig: mig.version)
    if [mig.version for mig in found] != list(range(1, len(found) + 1)):
        raise StoreError(f"migrations are not numbered 1..n: {[mig.name for mig in found]}")
    return found


def schema_version(conn: sqlite3.Connection) -> int:
    row = conn.execute("SELECT name FROM sqlite_master WHERE type = 'table' AND name = 'schema_version'").fetchone()
    if row is None:
        return 0
    return int(conn.execute("SELECT COALESCE(MAX(version), 0) FROM schema_version").fetchone()[0])


def migrate(conn: sqlite3.Connection) -> int:
    """Bring the database up to the newest schema; returns the version it is at."""
    conn.execute("CREATE TABLE IF NOT EXISTS schema_version (version INTEGER PRIMARY KEY, name TEXT, applied_at TEXT)")
    current = schema_version(conn)
    known = migrations()
    if current > len(known):
        raise StoreError(f"the database is at schema {current}, newer than this claimgraph ({len(known)}); upgrade it")
    for mig in known[current:]:
        # executescript would COMMIT first; run the statements inside our own transaction instead
        with transaction(conn):
            for statement in _statements(mig.sql):
                conn.execute(statement)
            if mig.version in PYTHON_STEPS:
                module, func = PYTHON_STEPS[mig.version].split(":")
                getattr(importlib.import_module(module), func)(conn)
            conn.execute(
                "INSERT INTO schema_version (version, name, applied_at) VALUES (?, ?, datetime('now'))",
                (mig.version, mig.name),
            )
    return schema_version(conn)


def _statements(sql: str) -> list[str]:
    """Split a script into complete statements (sqlite3.complete_statement knows about strings and comments)."""
    out, buf = [], ""
    for line in sql.splitlines(keepends=True):
        buf += line
        if sqlite3.complete_statement(buf):
            if buf.strip():
                out.append(buf.strip())
            buf = ""
    if buf.strip() and not all(ln.strip().startswith("--") or not ln.strip() for ln in buf.splitlines()):
        raise StoreError(f"incomplete SQL statement at the end of a migration: {buf.strip()[:60]!r}")
    return out
