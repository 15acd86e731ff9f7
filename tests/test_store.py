"""The corpus store: migrations, one transaction per document, idempotence, FTS, actors across documents."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from claimgraph import query
from claimgraph.store import Writer, connect_writer, migrate, write_analysis
from claimgraph.store import documents as store_documents
from claimgraph.store.migrate import migrations, schema_version
from tests.test_store_samples import analysis_a, analysis_b, analysis_xss, sample_analyses


@pytest.fixture
def conn(tmp_path: Path) -> sqlite3.Connection:
    c = connect_writer(tmp_path / "t.db")
    migrate(c)
    return c


def counts(c: sqlite3.Connection) -> dict[str, int]:
    tables = ["documents", "entities", "mentions", "attributions", "claims", "flows", "documents_fts", "claims_fts",
              "actors", "actor_candidates"]
    return {t: c.execute(f"SELECT COUNT(*) FROM {t}").fetchone()[0] for t in tables}


def test_migrates_an_empty_file_to_the_newest_version(tmp_path: Path) -> None:
    db = tmp_path / "empty.db"
    db.touch()
    c = connect_writer(db)
    assert schema_version(c) == 0
    assert migrate(c) == len(migrations()) >= 1
    assert migrate(c) == len(migrations())  # a second run changes nothing
    assert c.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    names = {r[0] for r in c.execute("SELECT name FROM sqlite_master")}
    assert {"documents", "claims", "flows", "actors", "claims_fts", "schema_version"} <= names


def test_write_stores_every_record(conn: sqlite3.Connection) -> None:
    assert write_analysis(conn, analysis_a()) == "stored"
    n = counts(conn)
    assert (n["documents"], n["entities"], n["attributions"], n["claims"], n["flows"]) == (1, 7, 3, 4, 4)
    assert n["mentions"] == 9 and n["claims_fts"] == 4 and n["documents_fts"] == 1


def test_same_document_is_skipped_and_force_replaces(conn: sqlite3.Connection) -> None:
    for a in sample_analyses():
        write_analysis(conn, a)
    before = counts(conn)
    assert write_analysis(conn, analysis_a()) == "skipped"
    assert counts(conn) == before
    assert write_analysis(conn, analysis_a(), force=True) == "replaced"
    assert counts(conn) == before


def test_a_failure_mid_document_leaves_nothing_of_it(conn: sqlite3.Connection, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    write_analysis(conn, analysis_b())
    before = counts(conn)
    calls = {"n": 0}
    real = store_documents.resolve_entity

    def failing(*args, **kwargs):  # type: ignore[no-untyped-def]
        calls["n"] += 1
        if calls["n"] == 3:  # after the document row and two entities are written
            raise KeyboardInterrupt
        return real(*args, **kwargs)

    monkeypatch.setattr(store_documents, "resolve_entity", failing)
    with pytest.raises(KeyboardInterrupt):
        write_analysis(conn, analysis_a())
    assert counts(conn) == before
    assert not store_documents.has_document(conn, analysis_a().document.doc_id)
    monkeypatch.undo()
    assert write_analysis(conn, analysis_a()) == "stored"  # the connection is usable afterwards


def test_a_failed_replace_keeps_the_old_version(conn: sqlite3.Connection, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    write_analysis(conn, analysis_a())
    before = counts(conn)

    def boom(*args, **kwargs):  # type: ignore[no-untyped-def]
        raise RuntimeError("disk full")

    monkeypatch.setattr(store_documents, "_insert", boom)
    with pytest.raises(RuntimeError):
        write_analysis(conn, analysis_a(), force=True)
    assert counts(conn) == before


def test_actors_resolve_across_documents(conn: sqlite3.Connection) -> None:
    for a in sample_analyses():
        write_analysis(conn, a)
    names = [r[0] for r in conn.execute("SELECT name FROM actors ORDER BY name")]
    assert names.count("Iran") == 1 and names.count("Hamas") == 1
    cands = conn.execute("SELECT a.name, b.name FROM actor_candidates c JOIN actors a ON a.id = c.actor_a "
                         "JOIN actors b ON b.id = c.actor_b").fetchall()
    assert [tuple(r) for r in cands] == [("John Smith", "Smith")]  # proposed, not applied
    assert conn.execute("SELECT COUNT(*) FROM actors WHERE name IN ('Smith', 'John Smith')").fetchone()[0] == 2


def test_writer_thread_writes_and_decides(tmp_path: Path) -> None:
    db = tmp_path / "w.db"
    with Writer(db) as w:
        statuses = [w.write_analysis(a).result() for a in sample_analyses()]
        assert statuses == ["stored", "stored", "stored"]
    reader = query.connect(db)
    assert query.count_documents(reader) == 3
    (cand,) = query.candidates(reader)
    with Writer(db) as w:
        kept = w.decide(cand.id, "merge").result()
    assert kept == cand.actor_a
    actor = query.get_actor(reader, cand.actor_a)
    assert actor is not None and "Smith" in actor.aliases
    assert query.get_actor(reader, cand.actor_b) is None
    assert query.candidates(reader) == []


def test_a_rejected_pair_is_not_proposed_again(tmp_path: Path) -> None:
    db = tmp_path / "r.db"
    with Writer(db) as w:
        for a in sample_analyses():
            w.write_analysis(a).result()
        (cand,) = query.candidates(query.connect(db))
        w.decide(cand.id, "reject").result()
        w.write_analysis(analysis_b(), force=True).result()
        w.write_analysis(analysis_a(), force=True).result()
    reader = query.connect(db)
    assert query.candidates(reader) == []
    assert [d.decision for d in query.decisions(reader)] == ["reject"]


def test_readers_cannot_write(tmp_path: Path) -> None:
    db = tmp_path / "ro.db"
    with Writer(db) as w:
        w.write_analysis(analysis_xss()).result()
    reader = query.connect(db)
    with pytest.raises(sqlite3.OperationalError, match="readonly"):
        reader.execute("DELETE FROM documents")


def test_a_reader_refuses_a_file_that_is_not_a_corpus(tmp_path: Path) -> None:
    from claimgraph.store import StoreError

    other = tmp_path / "other.db"
    sqlite3.connect(other).execute("CREATE TABLE t (x)").connection.commit()
    with pytest.raises(StoreError, match="not a claimgraph corpus"):
        query.connect(other)
    junk = tmp_path / "junk.db"
    junk.write_bytes(b"not sqlite at all" * 100)
    with pytest.raises(StoreError, match="not a claimgraph corpus"):
        query.connect(junk)
    with pytest.raises(StoreError, match="claimgraph ingest"):
        query.connect(tmp_path / "missing.db")


@pytest.mark.model
def test_a_flow_read_from_a_state_owned_firm_keeps_its_firm_in_the_store(conn: sqlite3.Connection) -> None:
    from claimgraph.api import analyze

    a = analyze("Oil trade\n\nVenezuela's state-run PDVSA sold crude oil to the Cuban government in 2019.")
    write_analysis(conn, a)
    rows = {(r.source_name, r.target_name, r.kind): r for r in query.flows(conn)}
    assert rows[("Venezuela", "Cuba", "other")].owner_end == "source"
    assert rows[("Venezuela", "Cuba", "other")].owned_firm == "PDVSA"
    assert rows[("PDVSA", "Cuba", "other")].owner_end is None
