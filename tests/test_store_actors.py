"""Corpus actors: blocking, candidates, decisions, and migration 0002's backfill."""

from __future__ import annotations

import hashlib
import json
import sqlite3
from pathlib import Path

import pytest

from claimgraph.records import DESCRIPTION_LABEL, SOURCE_NAME_LABEL, Analysis, Document, Entity, Mention
from claimgraph.store import connect_writer, migrate, write_analysis
from claimgraph.store.actors import (
    ActorKey,
    block_keys,
    compare,
    decide,
    merge_actors,
    normalise,
    rebuild,
    resolve_entity,
)
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


@pytest.mark.parametrize(
    ("a", "b", "reason"),
    [
        (ActorKey("Mitch Orwell", "PERSON"), ActorKey("Orwell", "PERSON"), "same surname: Orwell"),
        (ActorKey("Nouri al-Maliki", "PERSON"), ActorKey("Maliki", "PERSON"), "same surname: al-Maliki"),
        (ActorKey("Tess McConnell", "PERSON", ("McConnell",)), ActorKey("McConnell", "PERSON"), "same name: McConnell"),
    ],
)
def test_a_candidates_reason_shows_names_as_written(a: ActorKey, b: ActorKey, reason: str) -> None:
    # not the comparison key, which drops articles and doubled letters ("mconel")
    verdict, _, why = compare(a, b)
    assert (verdict, why) == ("candidate", reason)


def with_short_form(name: str, etype: str, short: str) -> Analysis:
    """A document naming ``name`` and later calling it by ``short`` ("the Post")."""
    text = f"{name}; later the {short}."
    at = text.rindex(short)
    entity = Entity("e1", name, etype, (Mention(0, len(name), name, etype), Mention(at, at + len(short), short, etype)),
                    (short,))
    doc = Document(doc_id=hashlib.sha256(text.encode()).hexdigest(), text=text, source_map=((0, 0, len(text)),))
    return Analysis(doc, (entity,))


def test_a_short_form_of_a_longer_name_merges_nothing_across_documents(conn: sqlite3.Connection) -> None:
    # each document called its own paper "the Post", its own state senate "the Senate"
    write_analysis(conn, with_short_form("Harbour Post", "MEDIA", "Post"))
    write_analysis(conn, with_short_form("Kestria Post", "MEDIA", "Post"))
    write_analysis(conn, doc_with(("Senate", "ORG")))
    write_analysis(conn, with_short_form("Vorland Senate", "ORG", "Senate"))
    assert actor_names(conn) == ["Harbour Post", "Kestria Post", "Senate", "Vorland Senate"]
    write_analysis(conn, with_short_form("Harbour Post", "MEDIA", "Post"))  # the same full name still merges
    assert len(actor_names(conn)) == 4


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


def test_the_same_bare_person_name_is_one_actor_asked_about_once(conn: sqlite3.Connection) -> None:
    write_analysis(conn, doc_with(("Dana Vell", "PERSON")))
    write_analysis(conn, doc_with(("Vell", "PERSON")))
    write_analysis(conn, doc_with(("Vell", "PERSON"), ("Kestria", "GPE")))
    assert actor_names(conn) == ["Dana Vell", "Kestria", "Vell"]
    assert candidate_pairs(conn) == [("Dana Vell", "Vell")]
    vell = conn.execute("SELECT id FROM actors WHERE name = 'Vell'").fetchone()[0]
    assert conn.execute("SELECT COUNT(*) FROM entities WHERE actor_id = ?", (vell,)).fetchone()[0] == 2


def test_an_anonymous_source_is_its_own_actor_in_every_document(conn: sqlite3.Connection) -> None:
    def described(name: str, place: str) -> Analysis:
        a = doc_with((name, "PERSON"), (place, "GPE"))
        ment = (Mention(0, len(name), name, SOURCE_NAME_LABEL), Mention(0, len(name), name, DESCRIPTION_LABEL))
        return Analysis(a.document, (Entity("e1", name, "PERSON", ment), a.entities[1]))

    def people() -> list[str]:
        return sorted(r[0] for r in conn.execute("SELECT name FROM actors WHERE type = 'PERSON'"))

    for name, place in (("resident", "Kestria"), ("resident", "Ilvania"), ("Resident", "Vorland"),
                        ("village resident", "Talvik")):
        write_analysis(conn, described(name, place))
    assert people() == ["Resident", "resident", "resident", "village resident"]
    assert candidate_pairs(conn) == []
    # a lower-case bare name found otherwise is never merged by name either
    write_analysis(conn, doc_with(("resident", "PERSON")))
    write_analysis(conn, doc_with(("resident", "PERSON"), ("Orwen", "PERSON")))
    assert people().count("resident") == 4


def test_migration_0004_folds_bare_person_names_kept_apart_before(tmp_path: Path) -> None:
    c = connect_writer(tmp_path / "old.db")
    c.execute("CREATE TABLE schema_version (version INTEGER PRIMARY KEY, name TEXT, applied_at TEXT)")
    for mig in migrations()[:3]:
        for statement in _statements(mig.sql):
            c.execute(statement)
        c.execute("INSERT INTO schema_version VALUES (?, ?, datetime('now'))", (mig.version, mig.name))
    ids = [int(c.execute("INSERT INTO actors (name, type, aliases) VALUES (?, ?, '[]')", (n, t)).lastrowid or 0)
           for n, t in (("Vell", "PERSON"), ("Vell", "PERSON"), ("Vell", "ORG"), ("Orwen", "PERSON"),
                        ("Orwen", "PERSON"), ("aide", "PERSON"), ("aide", "PERSON"))]
    c.execute("INSERT INTO actor_candidates (actor_a, actor_b, score, reason, created_at) VALUES (?, ?, 100, '', '')",
              (ids[0], ids[1]))
    c.execute("INSERT INTO actor_decisions (key_a, key_b, decision, name_a, name_b, decided_at) "
              "VALUES ('orwen', 'orwen', 'reject', 'Orwen', 'Orwen', '')")  # a user kept these apart
    assert migrate(c) == len(migrations())
    rows = sorted((r[0], r[1]) for r in c.execute("SELECT name, type FROM actors"))
    assert rows == [("Orwen", "PERSON"), ("Orwen", "PERSON"), ("Vell", "ORG"), ("Vell", "PERSON"),
                    ("aide", "PERSON"), ("aide", "PERSON")]
    assert c.execute("SELECT COUNT(*) FROM actor_candidates").fetchone()[0] == 0


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


def test_spellings_of_a_name_meet_across_documents(conn: sqlite3.Connection) -> None:
    write_analysis(conn, doc_with(("Usama al-Haddin", "PERSON"), ("Vorlanders", "NORP")))
    write_analysis(conn, doc_with(("Osama al-Haddan", "PERSON"), ("Vorlander", "NORP")))
    write_analysis(conn, doc_with(("Aaron Kleist", "PERSON"),))
    write_analysis(conn, doc_with(("Ron Klaist", "PERSON"),))
    assert actor_names(conn) == ["Aaron Kleist", "Ron Klaist", "Usama al-Haddin", "Vorlanders"]


def test_migration_0005_files_old_actors_under_their_spellings(tmp_path: Path) -> None:
    c = connect_writer(tmp_path / "old.db")
    c.execute("CREATE TABLE schema_version (version INTEGER PRIMARY KEY, name TEXT, applied_at TEXT)")
    for mig in migrations()[:4]:  # a store at schema 4 (its Python steps have nothing to do in an empty store)
        for statement in _statements(mig.sql):
            c.execute(statement)
        c.execute("INSERT INTO schema_version VALUES (?, ?, datetime('now'))", (mig.version, mig.name))
    c.execute("INSERT INTO actors (name, type, aliases) VALUES ('Usama al-Haddin', 'PERSON', '[]')")
    c.execute("INSERT INTO actors (name, type, aliases) VALUES ('Vorlanders', 'NORP', '[]')")
    assert migrate(c) == len(migrations())
    blocks = {r[0] for r in c.execute("SELECT block FROM actor_blocks")}
    assert {"#hdn", "vorlander"} <= blocks
    write_analysis(c, doc_with(("Osama al-Haddan", "PERSON"), ("Vorlander", "NORP")))
    assert actor_names(c) == ["Usama al-Haddin", "Vorlanders"]


def groups_of(conn: sqlite3.Connection) -> set[frozenset[tuple[str, str]]]:
    """Actors as the sets of (document, entity) they hold: what survives a rebuild's new ids."""
    out: dict[int, set[tuple[str, str]]] = {}
    for doc_id, eid, actor in conn.execute("SELECT doc_id, id, actor_id FROM entities"):
        out.setdefault(actor, set()).add((doc_id, eid))
    return {frozenset(v) for v in out.values()}


def test_rebuild_gives_what_a_fresh_ingest_gives_and_keeps_decisions(conn: sqlite3.Connection) -> None:
    write_analysis(conn, doc_with(("Free Lions Brigade", "ORG"), ("Kestria", "GPE")))
    write_analysis(conn, doc_with(("FLB", "ORG")))
    write_analysis(conn, doc_with(("Vell", "ORG")))
    write_analysis(conn, doc_with(("Dana Vell", "PERSON")))
    write_analysis(conn, doc_with(("United Nations", "ORG"), ("U.N.", "ORG")))
    pairs = dict(((a, b), i) for i, a, b in conn.execute(
        "SELECT c.id, a.name, b.name FROM actor_candidates c JOIN actors a ON a.id = c.actor_a "
        "JOIN actors b ON b.id = c.actor_b"))
    decide(conn, pairs[("Free Lions Brigade", "FLB")], "reject", "2026-01-01")
    decide(conn, pairs[("Vell", "Dana Vell")], "merge", "2026-01-01")
    before, names = groups_of(conn), actor_names(conn)
    done = rebuild(conn, "2026-01-02")
    assert groups_of(conn) == before and actor_names(conn) == names
    assert candidate_pairs(conn) == []  # the rejected pair is not proposed again
    assert (done.actors_before, done.actors_after, done.merges_in_force, done.merges) == (5, 5, 1, 1)


def test_rebuild_undoes_a_merge_the_resolver_no_longer_makes(conn: sqlite3.Connection) -> None:
    write_analysis(conn, with_short_form("Harbour Post", "MEDIA", "Post"))
    write_analysis(conn, with_short_form("Kestria Post", "MEDIA", "Post"))
    # as an older claimgraph stored it: the two papers one actor, through their shared short form
    ids = [r[0] for r in conn.execute("SELECT id FROM actors ORDER BY id")]
    merge_actors(conn, keep=ids[0], drop=ids[1])
    assert len(actor_names(conn)) == 1
    done = rebuild(conn, "2026-01-02")
    assert actor_names(conn) == ["Harbour Post", "Kestria Post"]
    assert (done.actors_before, done.actors_after, done.merges) == (1, 2, 0)


def test_rebuild_keeps_an_anonymous_source_its_own_actor(conn: sqlite3.Connection) -> None:
    for place in ("Kestria", "Ilvania"):
        a = doc_with(("resident", "PERSON"), (place, "GPE"))
        ment = (Mention(0, 8, "resident", SOURCE_NAME_LABEL),)
        write_analysis(conn, Analysis(a.document, (Entity("e1", "resident", "PERSON", ment), a.entities[1])))
    write_analysis(conn, doc_with(("Kestria", "GPE")))
    before = groups_of(conn)
    rebuild(conn, "2026-01-02")
    assert groups_of(conn) == before
    assert sorted(actor_names(conn)) == ["Ilvania", "Kestria", "resident", "resident"]


def test_a_failed_rebuild_leaves_the_store_as_it_was(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from claimgraph.store import Writer
    from claimgraph.store import actors as store_actors

    db = tmp_path / "w.db"
    with Writer(db) as w:
        for n in ("Harbour Post", "Kestria Post", "Dana Vell"):
            w.write_analysis(doc_with((n, "ORG"))).result()
    reader = sqlite3.connect(db)
    before = sorted(reader.execute("SELECT * FROM actors")), groups_of(reader)
    calls = []

    def failing(conn: sqlite3.Connection, key: ActorKey, now: str) -> int:
        calls.append(key.name)
        if len(calls) == 2:
            raise KeyboardInterrupt  # Ctrl-C half-way
        return resolve_entity(conn, key, now)

    monkeypatch.setattr(store_actors, "resolve_entity", failing)
    with Writer(db) as w, pytest.raises(KeyboardInterrupt):
        w.rebuild_actors().result()
    assert (sorted(reader.execute("SELECT * FROM actors")), groups_of(reader)) == before


def test_rebuild_applies_a_confirmed_merge_the_resolver_no_longer_proposes(conn: sqlite3.Connection) -> None:
    write_analysis(conn, with_short_form("Harbour Post", "MEDIA", "Post"))
    write_analysis(conn, with_short_form("Kestria Post", "MEDIA", "Post"))
    keys = sorted((normalise("Harbour Post"), normalise("Kestria Post")))  # the user said so, under an older resolver
    conn.execute("INSERT INTO actor_decisions VALUES (?, ?, 'merge', 'Harbour Post', 'Kestria Post', '2026-01-01')",
                 keys)
    done = rebuild(conn, "2026-01-02")
    assert len(actor_names(conn)) == 1
    assert (done.merges_in_force, done.merges) == (1, 1)


def test_an_actor_first_named_in_capitals_takes_the_name_as_written_later(conn: sqlite3.Connection) -> None:
    write_analysis(conn, doc_with(("PORT TALVIK", "GPE")))  # a dateline
    write_analysis(conn, doc_with(("Port Talvik", "GPE"), ("Kestria", "GPE")))
    write_analysis(conn, doc_with(("KNA", "ORG")))
    write_analysis(conn, doc_with(("KNA", "ORG"), ("Kestria", "GPE")))  # an acronym keeps its capitals
    rows = {r[0]: json.loads(r[1]) for r in conn.execute("SELECT name, aliases FROM actors")}
    assert rows == {"Port Talvik": ["PORT TALVIK"], "Kestria": [], "KNA": []}


def test_rebuild_applies_confirmed_merges_that_chain_through_one_actor(conn: sqlite3.Connection) -> None:
    names = ("Harbour Post", "Kestria Post", "Vorland Post")
    for n in names:
        write_analysis(conn, with_short_form(n, "MEDIA", "Post"))
    for a, b in (names[:2], names[1:]):  # the second merge names an actor the first one folded away
        conn.execute("INSERT INTO actor_decisions VALUES (?, ?, 'merge', ?, ?, '2026-01-01')",
                     (*sorted((normalise(a), normalise(b))), a, b))
    done = rebuild(conn, "2026-01-02")
    assert len(actor_names(conn)) == 1
    assert (done.merges_in_force, done.merges) == (2, 2)
