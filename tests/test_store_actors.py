"""Corpus actors: blocking, candidates, decisions, and migration 0002's backfill."""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path

import pytest

from claimgraph.records import Analysis, Document, Entity, Mention
from claimgraph.store import connect_writer, migrate, write_analysis
from claimgraph.store.actors import ActorKey, block_keys, decide
from claimgraph.store.migrate import _statements, migrations


def doc_with(*names: tuple[str, str]) -> Analysis:
    """A one-line document mentioning ``names`` ((name, type) pairs)."""
    text = "; ".join(n for n, _ in names) + "."
    ents, at = [], 0
    for i, (name, etype) in enumerate(names, 1):
        ents.append(Entity(f"e{i}", name, etype, (Mention(at, at + len(name), name, etype),)))
        at += len(name) + 2
    import hashlib

    doc = Document(doc_id=hashlib.sha256(repr(names).encode()).hexdigest(), text=text, source_map=((0, 0, len(text)),))
    return Analysis(doc, tuple(ents))


@pytest.fixture
def conn(tmp_path: Path) -> sqlite3.Connection:
    c = connect_writer(tmp_path / "a.db")
    migrate(c)
    return c


def actor_names(conn: sqlite3.Connection) -> list[str]:
    return sorted(r[0] for r in conn.execute("SELECT name FROM actors"))


def candidate_pairs(conn: sqlite3.Connection) -> list[tuple[str, str]]:
    rows = conn.execute("SELECT a.name, b.name FROM actor_candidates c JOIN actors a ON a.id = c.actor_a "
                        "JOIN actors b ON b.id = c.actor_b ORDER BY c.id")
    return [(r[0], r[1]) for r in rows]


def test_block_keys_meet_acronyms_and_words() -> None:
    assert "~un" in block_keys(ActorKey("UN", "ORG")) & block_keys(ActorKey("United Nations", "ORG"))
    assert "smith" in block_keys(ActorKey("Smith", "PERSON")) & block_keys(ActorKey("John Smith", "PERSON"))


def test_an_acronym_is_a_candidate_not_a_merge(conn: sqlite3.Connection) -> None:
    write_analysis(conn, doc_with(("Free Lions Brigade", "ORG")))
    write_analysis(conn, doc_with(("FLB", "ORG")))
    assert actor_names(conn) == ["FLB", "Free Lions Brigade"]
    assert candidate_pairs(conn) == [("Free Lions Brigade", "FLB")]


def test_the_alias_table_merges_well_known_names(conn: sqlite3.Connection) -> None:
    write_analysis(conn, doc_with(("United Nations", "ORG")))
    write_analysis(conn, doc_with(("U.N.", "ORG")))
    assert actor_names(conn) == ["United Nations"]


def test_types_never_merge_across_families(conn: sqlite3.Connection) -> None:
    write_analysis(conn, doc_with(("Jordan", "PERSON")))
    write_analysis(conn, doc_with(("Jordan", "GPE")))
    assert actor_names(conn) == ["Jordan", "Jordan"]
    assert candidate_pairs(conn) == []


def test_a_surname_typed_as_an_organisation_is_a_candidate_and_the_majority_type_wins(conn: sqlite3.Connection) -> None:
    write_analysis(conn, doc_with(("Vell", "ORG")))
    write_analysis(conn, doc_with(("Dana Vell", "PERSON")))
    write_analysis(conn, doc_with(("Dana Vell", "PERSON"), ("Kestria", "GPE")))
    assert candidate_pairs(conn) == [("Vell", "Dana Vell")]
    reason = conn.execute("SELECT reason FROM actor_candidates").fetchone()[0]
    assert "organisation" in reason
    cid = conn.execute("SELECT id FROM actor_candidates").fetchone()[0]
    decide(conn, cid, "merge", "2026-01-01")
    row = conn.execute("SELECT name, type, aliases FROM actors WHERE name LIKE '%Vell%'").fetchall()
    assert [(r[0], r[1], json.loads(r[2])) for r in row] == [("Dana Vell", "PERSON", ["Vell"])]


def test_an_organisations_own_name_is_no_candidate_for_a_person(conn: sqlite3.Connection) -> None:
    write_analysis(conn, doc_with(("Dana Vell", "PERSON")))
    write_analysis(conn, doc_with(("Vell Holdings", "ORG"), ("DV", "ORG")))
    assert candidate_pairs(conn) == []


def test_same_name_merges_and_keeps_aliases(conn: sqlite3.Connection) -> None:
    write_analysis(conn, doc_with(("Hezbollah", "ORG")))
    a = doc_with(("Hezbollah", "ORG"), ("Hamas", "ORG"))
    ents = (Entity("e1", "Hezbollah", "ORG", a.entities[0].mentions, ("Party of God",)), a.entities[1])
    write_analysis(conn, Analysis(a.document, ents))
    row = conn.execute("SELECT aliases FROM actors WHERE name = 'Hezbollah'").fetchone()
    assert json.loads(row[0]) == ["Party of God"]
    assert actor_names(conn) == ["Hamas", "Hezbollah"]


def test_migration_0002_backfills_blocks_of_existing_actors(tmp_path: Path) -> None:
    c = connect_writer(tmp_path / "old.db")
    c.execute("CREATE TABLE schema_version (version INTEGER PRIMARY KEY, name TEXT, applied_at TEXT)")
    first = migrations()[0]
    for statement in _statements(first.sql):
        c.execute(statement)
    c.execute("INSERT INTO schema_version VALUES (1, ?, datetime('now'))", (first.name,))
    c.execute("INSERT INTO actors (name, type, aliases) VALUES ('United Nations', 'ORG', '[]')")
    assert migrate(c) == len(migrations())
    blocks = {r[0] for r in c.execute("SELECT block FROM actor_blocks")}
    assert {"united", "nations", "~un"} <= blocks
