"""Kill ``claimgraph ingest`` with SIGKILL half-way, run it again: no duplicate, no half document, nothing lost.

Each document is stored in its own transaction and a stored id is skipped, so a killed run leaves
only whole documents behind and the next run analyses only what is missing.
"""

from __future__ import annotations

import os
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest

from tests.test_batch_support import check_store, write_articles

N_DOCS = 40
KILL_AFTER = 6  # documents stored before the kill
CLI = [sys.executable, "-c", "from claimgraph.cli import main; main()"]


def stored(db: Path) -> int:
    if not db.exists():
        return 0
    try:
        conn = sqlite3.connect(f"file:{db}?mode=ro", uri=True, timeout=0.2)
        try:
            return int(conn.execute("SELECT COUNT(*) FROM documents").fetchone()[0])
        finally:
            conn.close()
    except sqlite3.OperationalError:  # not created yet, or migrating
        return 0


class Run:
    """``claimgraph ingest`` in a session of its own, its output in files (an orphan cannot hold a pipe open)."""

    def __init__(self, folder: Path, db: Path, *extra: str) -> None:
        self.out, self.err = db.with_suffix(".out"), db.with_suffix(".err")
        with open(self.out, "w") as out, open(self.err, "w") as err:
            self.proc = subprocess.Popen(
                [*CLI, "ingest", "--db", str(db), *extra, str(folder)], stdout=out, stderr=err, start_new_session=True
            )

    def finish(self, timeout: float = 180) -> tuple[int, str, str]:
        try:
            code = self.proc.wait(timeout)
        finally:
            self.kill_group()
        return code, self.out.read_text(), self.err.read_text()[-2000:]

    def group_alive(self) -> bool:
        try:
            os.killpg(self.proc.pid, 0)
        except ProcessLookupError:
            return False
        return True

    def kill_group(self) -> None:
        if self.group_alive():
            os.killpg(self.proc.pid, signal.SIGKILL)


def kill_after(run: Run, db: Path, n: int, timeout: float = 90.0) -> int:
    """SIGKILL the run once ``n`` documents are stored; returns how many there were at the kill."""
    proc = run.proc
    try:
        deadline = time.monotonic() + timeout
        while stored(db) < n:
            if proc.poll() is not None:
                pytest.fail(f"ingest ended before it was killed: {proc.returncode} {run.err.read_text()[-2000:]}")
            if time.monotonic() > deadline:
                pytest.fail(f"fewer than {n} documents stored after {timeout} s")
            time.sleep(0.005)
        os.kill(proc.pid, signal.SIGKILL)  # the parent (and its writer thread), mid-stream
        assert proc.wait(10) == -signal.SIGKILL
        # its worker processes notice that the parent is gone and end on their own
        deadline = time.monotonic() + 10
        while run.group_alive():
            if time.monotonic() > deadline:
                pytest.fail("worker processes outlived the killed ingest")
            time.sleep(0.05)
    finally:
        run.kill_group()
    return stored(db)


@pytest.mark.model
@pytest.mark.parametrize("extra", [(), ("--workers", "2")], ids=["serial", "workers2"])
def test_killed_ingest_resumes_without_duplicates(tmp_path: Path, extra: tuple[str, ...]) -> None:
    folder, db = tmp_path / "articles", tmp_path / "corpus.db"
    write_articles(folder, N_DOCS)

    # 1. run, and kill it with SIGKILL once a few documents are in
    at_kill = kill_after(Run(folder, db, *extra), db, KILL_AFTER)
    assert KILL_AFTER <= at_kill < N_DOCS, "the run finished before the kill: make the corpus bigger"
    # whatever the kill interrupted was rolled back: every document present is whole
    assert check_store(db)["documents"] == at_kill

    # 2. run again to the end: it continues, skipping what is stored
    code, out, err = Run(folder, db, *extra).finish()
    assert code == 0, err
    assert f"{N_DOCS - at_kill} stored" in out and f"{at_kill} skipped" in out, out
    counts = check_store(db)
    assert counts["documents"] == N_DOCS

    # 3. once more: nothing new, nothing changed
    code, out, err = Run(folder, db).finish()
    assert code == 0, err
    assert f"0 stored, 0 replaced, {N_DOCS} skipped" in out, out
    assert check_store(db) == counts
