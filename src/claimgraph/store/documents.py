"""Writing one analysed document: every row of it in ONE transaction, or none of it."""

from __future__ import annotations

import json
import sqlite3
from datetime import UTC, datetime
from typing import Literal

from claimgraph.records import Analysis
from claimgraph.store.actors import ActorKey, new_actor, prune_orphans, resolve_entity
from claimgraph.store.connect import transaction

WriteStatus = Literal["stored", "replaced", "skipped"]


def now_iso() -> str:
    return datetime.now(UTC).isoformat(timespec="seconds")


def has_document(conn: sqlite3.Connection, doc_id: str) -> bool:
    return conn.execute("SELECT 1 FROM documents WHERE id = ?", (doc_id,)).fetchone() is not None


def write_analysis(conn: sqlite3.Connection, analysis: Analysis, force: bool = False) -> WriteStatus:
    """Store a document and its records; the same id is skipped unless ``force`` (then replaced atomically).

    BEGIN IMMEDIATE takes the write lock up front, so the has-document check and the writes
    cannot interleave with another writer; any exception (or Ctrl-C) rolls the whole document back.
    """
    doc_id = analysis.document.doc_id
    with transaction(conn):
        exists = has_document(conn, doc_id)
        if exists and not force:
            return "skipped"
        if exists:
            _delete(conn, doc_id)
        _insert(conn, analysis, now_iso())
    return "replaced" if exists else "stored"


def _delete(conn: sqlite3.Connection, doc_id: str) -> None:
    conn.execute("DELETE FROM documents_fts WHERE doc_id = ?", (doc_id,))
    conn.execute("DELETE FROM claims_fts WHERE doc_id = ?", (doc_id,))
    conn.execute("DELETE FROM documents WHERE id = ?", (doc_id,))  # cascades to the record tables
    prune_orphans(conn)


def _insert(conn: sqlite3.Connection, analysis: Analysis, now: str) -> None:
    d = analysis.document
    data = analysis.to_json()
    # 1. the document, with the full analysis JSON (what `export --format jsonl` gives back)
    conn.execute(
        "INSERT INTO documents (id, path, title, byline, published, republished, media_type, text, profile, n_claims,"
        " analysis, ingested_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        (d.doc_id, d.path, d.title, d.byline, d.published, d.republished, d.media_type, d.text,
         json.dumps(data["sourcing_profile"]), len(analysis.claims), json.dumps(data, ensure_ascii=False), now),
    )
    conn.execute("INSERT INTO documents_fts (doc_id, title, text) VALUES (?, ?, ?)", (d.doc_id, d.title or "", d.text))
    # 2. entities, resolved to corpus actors, and their mentions
    for e in analysis.entities:
        key = ActorKey(e.name, e.type, e.aliases)
        # an anonymous source ("a resident") is its own actor: descriptions match nothing across documents
        actor = new_actor(conn, key) if e.unnamed else resolve_entity(conn, key, now)
        conn.execute(
            "INSERT INTO entities (doc_id, id, name, type, aliases, actor_id) VALUES (?, ?, ?, ?, ?, ?)",
            (d.doc_id, e.id, e.name, e.type, json.dumps(list(e.aliases)), actor),
        )
        conn.executemany(
            'INSERT INTO mentions (doc_id, entity_id, start, "end", text) VALUES (?, ?, ?, ?, ?)',
            [(d.doc_id, e.id, m.start, m.end, m.text) for m in e.mentions],
        )
    # 3. attributions, claims (+ their full-text index) and flows
    conn.executemany(
        "INSERT INTO attributions VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        [
            (d.doc_id, a.id,
             a.source.span.text if a.source else None, a.source.span.start if a.source else None,
             a.source.span.end if a.source else None, a.source.kind if a.source else "anonymous",
             a.source.entity if a.source else None,
             a.cue.text if a.cue else None, a.cue.start if a.cue else None, a.cue.end if a.cue else None,
             a.content.text, a.content.start, a.content.end, a.quote, a.rule)
            for a in analysis.attributions
        ],
    )
    conn.executemany(
        "INSERT INTO claims VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        [
            (d.doc_id, c.id, c.span.text, c.span.start, c.span.end, c.attribution, c.evidence, c.source,
             c.marker.text if c.marker else None, int(c.hedged), int(c.denied))
            for c in analysis.claims
        ],
    )
    conn.executemany(
        "INSERT INTO claims_fts (doc_id, claim_id, text) VALUES (?, ?, ?)",
        [(d.doc_id, c.id, c.span.text) for c in analysis.claims],
    )
    conn.executemany(
        "INSERT INTO flows VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        [
            (d.doc_id, f.id, f.kind, f.source, f.target, f.claim, f.trigger.text, f.trigger.start, f.trigger.end,
             f.item.text if f.item else None, f.evidence, f.source_text, int(f.hedged), int(f.denied), f.owned_firm,
             f.owner_end)
            for f in analysis.flows
        ],
    )
