"""FollowTheMoney (4.x) entities, one JSON object per line, for Aleph, OpenAleph and ftm tools.

Articles are Documents; actors are Person / Organization / PublicBody / LegalEntity with their aliases;
money flows are Payments (payer -> beneficiary), other flows UnknownLinks (subject -> object, the kind
as ``role``); claims are Events. Every statement has ``proof`` -> its Document, and because Gephi and
Neo4j exports of FtM drop ``proof``, the provenance (document, quote, evidence kind) is copied into
``sourceUrl`` (the sentence in the web UI), ``recordId`` and ``description`` too.
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Iterator
from pathlib import PurePath
from typing import Any, TextIO

from followthemoney import model
from followthemoney.proxy import EntityProxy

from claimgraph import query
from claimgraph.export.registry import Exporter, Options

# claimgraph entity type -> FtM schema. GPEs act as states ("Iran supplied ..."), hence PublicBody.
ACTOR_SCHEMA: dict[str, str] = {
    "PERSON": "Person",
    "ORG": "Organization",
    "MEDIA": "Organization",
    "NORP": "Organization",
    "GOV": "PublicBody",
    "GPE": "PublicBody",
}
# Places, products, laws ... are not actors; they are exported only when a flow ends at one.
FALLBACK_SCHEMA = "LegalEntity"
NS = "claimgraph"


def _make(schema: str, *key: str) -> EntityProxy:
    proxy = model.make_entity(schema)
    proxy.make_id(NS, schema, *key)
    return proxy


def doc_entity_id(doc_id: str) -> str:
    return str(_make("Document", doc_id).id)


def _provenance(proxy: EntityProxy, options: Options, doc: dict[str, Any], claim_id: str | None,
                quote: str | None, evidence: str | None, said_by: str | None) -> None:
    doc_id = doc["id"]
    proxy.add("proof", doc_entity_id(doc_id))
    proxy.add("sourceUrl", f"{options.base_url}/doc/{doc_id}" + (f"#claim-{claim_id}" if claim_id else ""))
    proxy.add("recordId", f"{doc_id}#{claim_id}" if claim_id else doc_id)
    proxy.add("description", (
        f"claimgraph: \u201c{quote or ''}\u201d \u2014 evidence: {evidence or 'unknown'}"
        + (f"; according to: {said_by}" if said_by else "")
        + f"; document: {doc.get('title') or doc.get('path') or doc_id} ({doc_id})"
    ))
    if doc.get("published"):
        proxy.add("date", doc["published"])


def build_entities(conn: sqlite3.Connection, options: Options) -> Iterator[EntityProxy]:
    """Every entity, streamed: only the documents' small metadata is held, never all their texts."""
    docs: dict[str, dict[str, Any]] = {}
    # 1. articles
    for analysis in query.iter_analyses(conn):
        doc = analysis["document"]
        docs[doc["id"]] = {k: doc.get(k) for k in ("id", "title", "path", "published")}
        d = _make("Document", doc["id"])
        d.add("fileName", PurePath(doc.get("path") or f"{doc['id']}.txt").name)
        d.add("title", doc.get("title"))
        d.add("author", doc.get("byline"))
        d.add("publishedAt", doc.get("published"))
        d.add("date", doc.get("published"))
        d.add("mimeType", doc.get("media_type"))
        d.add("language", doc.get("language"))
        # contentHash is a SHA-1 in FtM; our id is the SHA-256 of the input, kept in the sourceUrl instead
        d.add("bodyText", doc.get("text"))
        d.add("sourceUrl", f"{options.base_url}/doc/{doc['id']}")
        yield d
    # 2. actors: those of an actor type, plus any other flow end
    flows = query.flows(conn)
    flow_ends = {f.source_actor for f in flows} | {f.target_actor for f in flows}
    mentioned_in = query.actor_document_ids(conn)
    actor_ids: dict[int, str] = {}
    for a in query.list_actors(conn, limit=10**9):
        if a.type not in ACTOR_SCHEMA and a.id not in flow_ends:
            continue
        p = _make(ACTOR_SCHEMA.get(a.type, FALLBACK_SCHEMA), str(a.id), a.name)
        p.add("name", a.name)
        p.add("alias", a.aliases)
        p.add("proof", [doc_entity_id(d) for d in mentioned_in.get(a.id, [])])
        actor_ids[a.id] = str(p.id)
        yield p
    # 3. flows
    for f in flows:
        doc = docs[f.doc_id]
        if f.kind == "money":
            p = _make("Payment", f.doc_id, f.id)
            p.add("payer", actor_ids[f.source_actor])
            p.add("beneficiary", actor_ids[f.target_actor])
            p.add("purpose", f.item)
        else:
            p = _make("UnknownLink", f.doc_id, f.id)
            p.add("subject", actor_ids[f.source_actor])
            p.add("object", actor_ids[f.target_actor])
            p.add("role", f.kind)
        p.add("summary", f.claim_text)
        _provenance(p, options, doc, f.claim_id, f.claim_text, f.evidence, f.claimed_by)
        if f.owner_end:
            owner = f.source_name if f.owner_end == "source" else f.target_name
            p.add("description", f"claimgraph's reading, not the article's words: {owner} stands for "
                                 f"{f.owned_firm}, a firm it owns")
        yield p
    # 4. claims
    sources = query.claim_source_actors(conn)
    for c in query.all_claims(conn):
        p = _make("Event", c.doc_id, c.id)
        p.add("name", c.text if len(c.text) <= 200 else c.text[:199] + "\u2026")
        p.add("summary", c.text)
        actor = sources.get((c.doc_id, c.id))
        if actor is not None and actor in actor_ids:
            p.add("involved", actor_ids[actor])
        _provenance(p, options, docs[c.doc_id], c.id, c.text, c.evidence, c.source_text)
        yield p


def write_ftm(conn: sqlite3.Connection, out: TextIO, options: Options) -> int:
    n = 0
    for e in build_entities(conn, options):
        out.write(json.dumps(e.to_dict(), ensure_ascii=False, sort_keys=True) + "\n")
        n += 1
    return n


EXPORTER = Exporter("ftm", "FollowTheMoney entities as JSON lines", stream=write_ftm)
