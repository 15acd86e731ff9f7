"""Corpus actors: the entities of every document resolved to actors across documents.

The resolver is ``claimgraph.resolve.compare_actors`` (the one used inside documents): merge,
candidate or no. A merge is applied at once; a candidate is stored in ``actor_candidates`` (like
FollowTheMoney's ``Similar``) and applied only when a user confirms it. Decisions are kept in
``actor_decisions`` by normalised names, so a rejected pair is never proposed again, even after the
documents are re-ingested. A new actor is compared only with actors that share a blocking key
(a word, an acronym, an alias-table entry): resolving stays fast on a corpus of thousands of actors.
"""

from __future__ import annotations

import json
import sqlite3
from dataclasses import dataclass
from typing import Literal

from rapidfuzz import fuzz

from claimgraph.resolve import (
    Decision,
    compare_actors,
    consonant_key,
    default_alias_table,
    group_key,
    normalise_name,
)

normalise = normalise_name  # the one normalisation, shared with the in-document resolver

# Words too common in actor names to block on: they would put most organisations in one block.
_BLOCK_STOP = frozenset({"the", "of", "and", "for", "in", "on", "to", "de", "al", "el", "bin", "ibn", "abu"})


@dataclass(frozen=True, slots=True)
class ActorKey:
    """What the resolver compares: a name, its type and its other names."""

    name: str
    type: str
    aliases: tuple[str, ...] = ()

    def forms(self) -> tuple[str, ...]:
        return (self.name, *self.aliases)

    def name_keys(self) -> set[str]:
        return {k for k in (normalise(n) for n in self.forms()) if k}


def block_keys(key: ActorKey) -> set[str]:
    """Keys an actor is filed under: its words, the initials of multi-word names, its alias-table entry."""
    out: set[str] = set()
    table = default_alias_table()
    for form in key.forms():
        words = normalise(form).split()
        out |= {w for w in words if len(w) > 1 and w not in _BLOCK_STOP}
        if key.type == "PERSON":  # "Laden" meets "Ladin", "Gaddafi" meets "Qaddafi"
            out |= {"#" + c for w in words if w not in _BLOCK_STOP and len(c := consonant_key(w)) >= 3}
        elif key.type == "NORP":  # "Muslims" meets "Muslim"
            out |= {w for w in group_key(form).split() if len(w) > 1 and w not in _BLOCK_STOP}
        content = [w for w in words if w not in _BLOCK_STOP]
        if len(content) > 1:
            out.add("~" + "".join(w[0] for w in content))  # "United Nations" meets "UN"
        elif len(content) == 1 and form.isupper():
            out.add("~" + content[0])
        entry = table.lookup(form)
        if entry is not None:
            out.add("=" + entry.canonical)
    return out


def compare(a: ActorKey, b: ActorKey) -> tuple[Decision, float, str]:
    """The resolver's verdict, with a score and a reason a user can read next to a candidate."""
    verdict = compare_actors(a.name, a.type, a.aliases, b.name, b.type, b.aliases)
    if verdict == "no":
        return verdict, 0.0, ""
    shared = a.name_keys() & b.name_keys()
    if shared:
        key = sorted(shared)[0]  # shown as written, not as the comparison key ("McConnell", not "mconel")
        return verdict, 100.0, f"same name: {next(f for f in a.forms() if normalise(f) == key)}"
    score = float(fuzz.token_sort_ratio(normalise(a.name), normalise(b.name)))
    ta, tb = normalise(a.name).split(), normalise(b.name).split()
    if {a.type, b.type} == {"PERSON", "ORG"}:
        org = a if a.type == "ORG" else b
        return verdict, score, f"a surname typed as an organisation: {org.name}"
    if a.type == "PERSON" and ta and tb and ta[-1] == tb[-1]:
        written = next((w for w in (*reversed(a.name.split()), *reversed(b.name.split())) if normalise(w) == ta[-1]),
                       ta[-1])
        return verdict, score, f"same surname: {written}"
    if a.name.isupper() or b.name.isupper():
        return verdict, score, "an acronym of the other name"
    return verdict, score, f"similar names ({score:.0f})"


def resolve_entity(conn: sqlite3.Connection, key: ActorKey, now: str) -> int:
    """The actor id an entity belongs to: an existing actor on a merge, else a new one (+ candidates)."""
    others = _blocked(conn, key)
    for other_id, other in others:  # 1. a certain match: join it
        verdict, _, _ = compare(key, other)
        if verdict == "merge" and _decision(conn, key.name, other.name) != "reject":
            _add_names(conn, other_id, key)
            return other_id
    # 2. a new actor, with a candidate for every uncertain match (unless a user already decided)
    actor_id = new_actor(conn, key)
    _index(conn, actor_id, key)
    for other_id, other in others:
        verdict, score, reason = compare(key, other)
        decision = _decision(conn, key.name, other.name)
        if verdict != "candidate" or decision == "reject":
            continue
        if decision == "merge":
            return merge_actors(conn, keep=other_id, drop=actor_id)
        conn.execute(
            "INSERT OR IGNORE INTO actor_candidates (actor_a, actor_b, score, reason, created_at)"
            " VALUES (?, ?, ?, ?, ?)",
            (other_id, actor_id, score, reason, now),
        )
    return actor_id


@dataclass(frozen=True, slots=True)
class Rebuilt:
    """What :func:`rebuild` changed: actors and open candidates before and after, and the user's merges."""

    actors_before: int
    actors_after: int
    candidates_before: int
    candidates_after: int
    merges_in_force: int  # confirmed merges whose two names are now one actor's
    merges: int  # confirmed merges on record


def rebuild(conn: sqlite3.Connection, now: str) -> Rebuilt:
    """Resolve every stored entity to corpus actors again, with this claimgraph's resolver.

    Run inside one transaction. Entities are taken in the order their documents were stored, as an
    ingest would; an entity known only by descriptions (its actor has no name keys) stays an actor of
    its own. The user's decisions are kept: a rejected pair stays apart, and a confirmed merge is
    applied again when each of its two names is the name of exactly one actor. Actor ids change.
    """
    def count(table: str) -> int:
        return int(conn.execute(f"SELECT COUNT(*) FROM {table}").fetchone()[0])

    actors_before, candidates_before = count("actors"), count("actor_candidates")
    rows = conn.execute(
        "SELECT e.doc_id, e.id, e.name, e.type, e.aliases,"
        " NOT EXISTS (SELECT 1 FROM actor_keys k WHERE k.actor_id = e.actor_id) AS unnamed"
        " FROM entities e JOIN documents d ON d.id = e.doc_id ORDER BY d.ingested_at, d.rowid, e.rowid"
    ).fetchall()
    conn.execute("UPDATE entities SET actor_id = NULL")
    for table in ("actor_candidates", "actor_blocks", "actor_keys", "actors"):
        conn.execute(f"DELETE FROM {table}")  # table names: the constants above
    for r in rows:
        key = ActorKey(r["name"], r["type"], tuple(json.loads(r["aliases"])))
        actor = new_actor(conn, key) if r["unnamed"] else resolve_entity(conn, key, now)
        conn.execute("UPDATE entities SET actor_id = ? WHERE doc_id = ? AND id = ?", (actor, r["doc_id"], r["id"]))
    merges = conn.execute("SELECT key_a, key_b FROM actor_decisions WHERE decision = 'merge'").fetchall()
    by_name: dict[str, list[int]] = {}
    for r in conn.execute("SELECT id, name FROM actors ORDER BY id"):
        by_name.setdefault(normalise(r["name"]), []).append(int(r["id"]))
    folded: dict[int, int] = {}  # an actor merged away -> the actor it went into

    def now_in(actor_id: int) -> int:
        while actor_id in folded:
            actor_id = folded[actor_id]
        return actor_id

    for d in merges:  # a merge the resolver no longer even proposes, between two unambiguous names
        a, b = by_name.get(d["key_a"], []), by_name.get(d["key_b"], [])
        if len(a) == 1 and len(b) == 1 and (x := now_in(a[0])) != (y := now_in(b[0])):
            keep, drop = min(x, y), max(x, y)
            folded[drop] = merge_actors(conn, keep=keep, drop=drop)
    in_force = sum(_one_actor(conn, d["key_a"], d["key_b"]) for d in merges)
    return Rebuilt(actors_before, count("actors"), candidates_before, count("actor_candidates"), in_force, len(merges))


def _one_actor(conn: sqlite3.Connection, key_a: str, key_b: str) -> bool:
    """Whether one actor is known by both normalised names."""
    return conn.execute("SELECT 1 FROM actor_keys a JOIN actor_keys b ON a.actor_id = b.actor_id"
                        " WHERE a.key = ? AND b.key = ?", (key_a, key_b)).fetchone() is not None


def new_actor(conn: sqlite3.Connection, key: ActorKey) -> int:
    """A new actor, not indexed: nothing later is compared with it unless :func:`_index` files it."""
    cur = conn.execute(
        "INSERT INTO actors (name, type, aliases) VALUES (?, ?, ?)", (key.name, key.type, json.dumps(list(key.aliases)))
    )
    return int(cur.lastrowid or 0)


def merge_actors(conn: sqlite3.Connection, keep: int, drop: int) -> int:
    """Fold actor ``drop`` into ``keep``: names become aliases, entities and candidates move over."""
    if keep == drop:
        return keep
    rows = {r["id"]: r for r in conn.execute("SELECT * FROM actors WHERE id IN (?, ?)", (keep, drop))}
    kept, dropped = rows[keep], rows[drop]
    name, typ = kept["name"], kept["type"]
    if dropped["type"] != typ:
        # two types ("Trump" ORG, "Donald Trump" PERSON): the one most of their documents gave wins, with its name
        count = dict(conn.execute("SELECT actor_id, COUNT(*) FROM entities WHERE actor_id IN (?, ?) GROUP BY actor_id",
                                  (keep, drop)).fetchall())
        if count.get(drop, 0) > count.get(keep, 0):
            name, typ = dropped["name"], dropped["type"]
    names = [kept["name"], *json.loads(kept["aliases"]), dropped["name"], *json.loads(dropped["aliases"])]
    aliases = [n for i, n in enumerate(names) if n != name and n not in names[:i]]
    conn.execute("UPDATE actors SET name = ?, type = ?, aliases = ? WHERE id = ?",
                 (name, typ, json.dumps(aliases), keep))
    conn.execute("UPDATE entities SET actor_id = ? WHERE actor_id = ?", (keep, drop))
    for table, col in (("actor_keys", "key"), ("actor_blocks", "block")):
        conn.execute(f"INSERT OR IGNORE INTO {table} (actor_id, {col}) SELECT ?, {col} FROM {table} WHERE actor_id = ?",
                     (keep, drop))
    for col, other in (("actor_a", "actor_b"), ("actor_b", "actor_a")):
        conn.execute(f"UPDATE OR IGNORE actor_candidates SET {col} = ? WHERE {col} = ? AND {other} != ?",
                     (keep, drop, keep))
    conn.execute("DELETE FROM actors WHERE id = ?", (drop,))  # cascades to what could not move
    return keep


def decide(conn: sqlite3.Connection, candidate_id: int, decision: Literal["merge", "reject"], now: str) -> int | None:
    """Apply a user's decision on a candidate; returns the surviving actor id (merge) or None."""
    row = conn.execute(
        "SELECT c.actor_a, c.actor_b, a.name AS name_a, b.name AS name_b FROM actor_candidates c "
        "JOIN actors a ON a.id = c.actor_a JOIN actors b ON b.id = c.actor_b WHERE c.id = ?",
        (candidate_id,),
    ).fetchone()
    if row is None:
        raise LookupError(f"no open merge candidate with id {candidate_id}; list them with `claimgraph candidates`")
    ka, kb = sorted((normalise(row["name_a"]), normalise(row["name_b"])))
    conn.execute(
        "INSERT OR REPLACE INTO actor_decisions (key_a, key_b, decision, name_a, name_b, decided_at) "
        "VALUES (?, ?, ?, ?, ?, ?)",
        (ka, kb, decision, row["name_a"], row["name_b"], now),
    )
    conn.execute("DELETE FROM actor_candidates WHERE id = ?", (candidate_id,))
    if decision == "merge":
        return merge_actors(conn, keep=int(row["actor_a"]), drop=int(row["actor_b"]))
    return None


def prune_orphans(conn: sqlite3.Connection) -> None:
    """Drop actors no entity points at any more (after a document is replaced)."""
    conn.execute("DELETE FROM actors WHERE id NOT IN (SELECT actor_id FROM entities WHERE actor_id IS NOT NULL)")


def backfill_blocks(conn: sqlite3.Connection) -> None:
    """Migrations 0002 and 0005's Python step: blocking keys for the actors stored before them."""
    for r in conn.execute("SELECT id, name, type, aliases FROM actors").fetchall():
        key = ActorKey(r["name"], r["type"], tuple(json.loads(r["aliases"])))
        conn.executemany("INSERT OR IGNORE INTO actor_blocks (actor_id, block) VALUES (?, ?)",
                         [(r["id"], b) for b in block_keys(key)])


def fold_bare_names(conn: sqlite3.Connection) -> None:
    """Migration 0004's Python step: person actors known only by the same one-word name become one.

    Stores written before it kept every bare "Obama" apart, one actor per document, each a candidate
    for all the others. A pair a user rejected stays apart.
    """
    groups: dict[str, list[int]] = {}
    for r in conn.execute("SELECT id, name, aliases FROM actors WHERE type = 'PERSON' ORDER BY id").fetchall():
        forms = [r["name"], *json.loads(r["aliases"])]
        keys = {normalise(f) for f in forms} - {""}
        # a name, capitalised: a lower-case word ("reporter") is an anonymous source's description
        if len(keys) == 1 and all(len(k.split()) == 1 for k in keys) and r["name"][:1].isupper():
            groups.setdefault(keys.pop(), []).append(int(r["id"]))
    for key, ids in groups.items():
        if _decision(conn, key, key) == "reject":
            continue
        for drop in ids[1:]:
            merge_actors(conn, keep=ids[0], drop=drop)


def _blocked(conn: sqlite3.Connection, key: ActorKey) -> list[tuple[int, ActorKey]]:
    """Actors sharing a name key or a blocking key with ``key``, oldest first."""
    keys, blocks = sorted(key.name_keys()), sorted(block_keys(key))
    if not keys and not blocks:
        return []
    rows = conn.execute(
        f"SELECT id, name, type, aliases FROM actors WHERE id IN ("
        f"SELECT actor_id FROM actor_keys WHERE key IN ({','.join('?' * len(keys))}) UNION "
        f"SELECT actor_id FROM actor_blocks WHERE block IN ({','.join('?' * len(blocks))})) ORDER BY id",
        (*keys, *blocks),
    ).fetchall()
    return [(int(r["id"]), ActorKey(r["name"], r["type"], tuple(json.loads(r["aliases"])))) for r in rows]


def _add_names(conn: sqlite3.Connection, actor_id: int, key: ActorKey) -> None:
    row = conn.execute("SELECT name, aliases FROM actors WHERE id = ?", (actor_id,)).fetchone()
    name, aliases = row["name"], json.loads(row["aliases"])
    if _shouted(name) and not key.name.isupper() and normalise(key.name) == normalise(name):
        aliases, name = [name, *aliases], key.name  # "NEW YORK" from a dateline first, then "New York"
    for n in key.forms():
        if n != name and n not in aliases:
            aliases.append(n)
    aliases = [a for a in aliases if a != name]
    conn.execute("UPDATE actors SET name = ?, aliases = ? WHERE id = ?", (name, json.dumps(aliases), actor_id))
    _index(conn, actor_id, key)


def _shouted(name: str) -> bool:
    """A name in capitals that is no acronym: a dateline or a headline ("NEW YORK", "WASHINGTON")."""
    return name.isupper() and (" " in name or len(name) > 5)


def _index(conn: sqlite3.Connection, actor_id: int, key: ActorKey) -> None:
    conn.executemany("INSERT OR IGNORE INTO actor_keys (actor_id, key) VALUES (?, ?)",
                     [(actor_id, k) for k in key.name_keys()])
    conn.executemany("INSERT OR IGNORE INTO actor_blocks (actor_id, block) VALUES (?, ?)",
                     [(actor_id, b) for b in block_keys(key)])


def _decision(conn: sqlite3.Connection, name_a: str, name_b: str) -> str | None:
    ka, kb = sorted((normalise(name_a), normalise(name_b)))
    row = conn.execute("SELECT decision FROM actor_decisions WHERE key_a = ? AND key_b = ?", (ka, kb)).fetchone()
    return None if row is None else str(row["decision"])
